package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.trustedresearch.cases.support.Http.Reply;

/**
 * HTTP from another loopback address ({@code 127.0.0.2}, ...), as a client elsewhere on the network
 * connects: the application sees that address as the peer. Java's HTTP client cannot choose its
 * local address, so this speaks HTTP/1.1 over a socket bound to it, one connection per request.
 */
public final class LoopbackClient {

  private final InetAddress local;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public LoopbackClient(String localAddress, int port) {
    try {
      this.local = InetAddress.getByName(localAddress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = port;
  }

  /** A GET with HTTP Basic credentials. */
  public Reply get(String path, String user, String password) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send("GET", path, Map.of("Authorization", "Basic " + credentials), null);
  }

  /** Signs in to a webapp as a browser does (welcome page for the CSRF token, then the login form); the status. */
  public Reply webappLogin(String app, String user, String password) {
    return webappLoginAt("/camunda/api/admin/auth/user/default/login/" + app, user, password);
  }

  /** The same, at a login path spelled as given (encoded, with path parameters ...). */
  public Reply webappLoginAt(String loginPath, String user, String password) {
    cookies.clear();
    Reply welcome = send("GET", "/camunda/app/welcome/default/", Map.of(), null);
    String token = cookies.get("XSRF-TOKEN");
    if (token == null) {
      throw new IllegalStateException("The welcome page handed out no CSRF token: " + welcome.status());
    }
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send("POST", loginPath,
        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", token), form);
  }

  private Reply send(String method, String path, Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (!cookies.isEmpty()) {
      request.append("Cookie: ").append(cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
          .collect(Collectors.joining("; "))).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return parse(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply parse(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    String head = end < 0 ? answer : answer.substring(0, end);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        String name = lines[i].substring(0, colon).trim();
        String value = lines[i].substring(colon + 1).trim();
        headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        if (name.equalsIgnoreCase("Set-Cookie")) {
          String pair = value.split(";", 2)[0];
          int equals = pair.indexOf('=');
          if (equals > 0) {
            cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
          }
        }
      }
    }
    String body = end < 0 ? "" : answer.substring(end + 4);
    return new Reply(status, headers, body);
  }
}
