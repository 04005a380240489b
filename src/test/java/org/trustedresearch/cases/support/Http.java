package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP against the running application, as an integration or a browser would call it. */
public class Http {

  public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;

  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  public Reply get(String path, String user) {
    return send(request(path, user, user).GET());
  }

  public Reply getWithPassword(String path, String user, String password) {
    return send(request(path, user, password).GET());
  }

  public Reply post(String path, String user, Object body) {
    return send(request(path, user, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
  }

  /** A JSON POST with extra request headers (a client's User-Agent, a proxy's X-Forwarded-For). */
  public Reply post(String path, String user, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = request(path, user, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
    headers.forEach(request::header);
    return send(request);
  }

  /** A POST of bytes exactly as given, with the content type given (or none). */
  public Reply postRaw(String path, String user, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path, user, user).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** A multipart/form-data upload of one file with text fields, as a browser form sends it. */
  public Reply postFile(String path, String user, Map<String, String> fields, String fileName, byte[] content) {
    Multipart body = Multipart.of(fields, fileName, content);
    return send(request(path, user, user).header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }

  /** A multipart/form-data body: text fields, then one file in the part {@code file} (if any). */
  public record Multipart(String contentType, byte[] bytes) {

    public static Multipart of(Map<String, String> fields, String fileName, byte[] content) {
      String boundary = "----trc" + System.nanoTime();
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
          + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
      if (content != null) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
  }

  /** Any method with a body exactly as given (or none), declared as {@code contentType} (or undeclared). */
  public Reply send(String method, String path, String user, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path, user, user).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Reply put(String path, String user, Object body) {
    return send(request(path, user, user).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
  }

  public Reply delete(String path, String user) {
    return send(request(path, user, user).DELETE());
  }

  public static String toJson(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** REST variables: {"name": {"value": v}} with types left to the engine, as Tasklist sends them. */
  public static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (user != null) {
      String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + credentials);
    }
    return request;
  }

  private Reply send(HttpRequest.Builder request) {
    return send(client, request.build());
  }

  static Reply send(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
