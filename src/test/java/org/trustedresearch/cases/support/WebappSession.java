package org.trustedresearch.cases.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.trustedresearch.cases.support.Http.Multipart;
import org.trustedresearch.cases.support.Http.Reply;

/**
 * A browser signed in to one of Camunda's webapps (Tasklist, Cockpit, Admin), calling the APIs the
 * webapps call with the session cookie, and the session's CSRF token on every change. Session and
 * CSRF cookies are {@code Secure}; browsers send them back to {@code http://localhost} anyway, while
 * {@link java.net.CookieManager} would not, so this keeps its own cookie jar.
 */
public final class WebappSession {

  /** The engine REST API as Tasklist, Cockpit and Admin call it within their login. */
  public static final String ENGINE_API = "/camunda/api/engine/engine/default";
  /** Cockpit's own queries (process instances with their incidents, statistics). */
  public static final String COCKPIT_API = "/camunda/api/cockpit/plugin/base/default";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";

  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrfToken;
  private int loginStatus;

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Opens the welcome page for a session and its CSRF token, then signs in to {@code app}; see {@link #loginStatus()}. */
  public static WebappSession tryLogIn(int port, String app, String user) {
    WebappSession session = new WebappSession(port);
    Reply welcome = session.get("/camunda/app/welcome/default/");
    if (session.csrfToken == null) {
      throw new IllegalStateException("The welcome page handed out no CSRF token: " + welcome.status());
    }
    session.loginStatus = session.send(session.request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)), true).status();
    if (session.loginStatus == 200) {
      // the login starts a new session; like the webapps, ask who is signed in, which hands out its CSRF token
      session.get("/camunda/api/admin/auth/user/default");
    }
    return session;
  }

  /** Signs in to {@code app} as {@code user} (password = user id), or fails. */
  public static WebappSession logIn(int port, String app, String user) {
    WebappSession session = tryLogIn(port, app, user);
    if (session.loginStatus != 200) {
      throw new IllegalStateException(user + " could not log into " + app + ": " + session.loginStatus);
    }
    return session;
  }

  /**
   * The same browser, its cookies and CSRF token, now sent to the node at {@code port}, as a load
   * balancer without sticky sessions would send it.
   */
  public WebappSession at(int port) {
    WebappSession moved = new WebappSession(port);
    moved.cookies.putAll(cookies);
    moved.csrfToken = csrfToken;
    moved.loginStatus = loginStatus;
    return moved;
  }

  public int loginStatus() {
    return loginStatus;
  }

  /** The value of a cookie the application set in this browser, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** The CSRF token the webapps handed to this browser session. */
  public String csrfToken() {
    return csrfToken;
  }

  public Reply get(String path) {
    return send(request(path).GET(), false);
  }

  public Reply post(String path, Object body) {
    return send(json(path).POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body))), true);
  }

  public Reply put(String path, Object body) {
    return send(json(path).PUT(HttpRequest.BodyPublishers.ofString(Http.toJson(body))), true);
  }

  public Reply delete(String path) {
    return send(request(path).DELETE(), true);
  }

  /** A body exactly as given, declared as {@code contentType} (or undeclared if null). */
  public Reply postRaw(String path, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request, true);
  }

  /** Any method with a body exactly as given (or none), declared as {@code contentType} (or undeclared). */
  public Reply send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request, !method.equals("GET"));
  }

  public Reply postFile(String path, Map<String, String> fields, String fileName, byte[] content) {
    Multipart body = Multipart.of(fields, fileName, content);
    return send(request(path).header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())), true);
  }

  private HttpRequest.Builder json(String path) {
    return request(path).header("Content-Type", "application/json").header("Accept", "application/json");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
          .collect(Collectors.joining("; ")));
    }
    return request;
  }

  private Reply send(HttpRequest.Builder request, boolean changes) {
    if (changes) {
        request.header(CSRF_HEADER, csrfToken);
    }
    Reply reply = Http.send(client, request.build());
    reply.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(header -> header.getValue().stream())
        .forEach(this::keep);
    String token = reply.header(CSRF_HEADER);
    if (token != null) {
      csrfToken = token;
    }
    return reply;
  }

  /** Keeps {@code name=value} of a Set-Cookie header, whatever its attributes (Secure, Path, SameSite). */
  private void keep(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int equals = pair.indexOf('=');
    if (equals > 0) {
      String name = pair.substring(0, equals).trim();
      String value = pair.substring(equals + 1).trim();
      boolean expired = List.of(setCookie.toLowerCase().split(";")).stream().map(String::trim)
          .anyMatch(attribute -> attribute.equals("max-age=0"));
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }
}
