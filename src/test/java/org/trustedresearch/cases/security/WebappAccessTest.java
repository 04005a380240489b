package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.support.CaseManagementTest;

/** Who may log into which webapp: Tasklist for all staff (everyone reports incidents), Cockpit for oversight, Admin for administrators. */
@CaseManagementTest
class WebappAccessTest {

  static final Map<String, Map<String, Boolean>> MAY_LOG_IN = Map.of(
      "tasklist", Map.of("rachel", true, "hannah", true, "leila", true, "ian", true, "helen", true, "sam", true,
          "maria", true),
      "cockpit", Map.of("maria", true, "helen", true, "sam", true, "demo", true, "rachel", false, "hannah", false,
          "leila", false),
      "admin", Map.of("demo", true, "helen", false, "maria", false, "rachel", false));

  @LocalServerPort
  int port;

  @Test
  void eachRoleLogsIntoItsWebappsAndNoOthers() throws Exception {
    for (var app : MAY_LOG_IN.entrySet()) {
      for (var user : app.getValue().entrySet()) {
        int status = logIn(app.getKey(), user.getKey());
        assertThat(status).as(user.getKey() + " into " + app.getKey()).isEqualTo(user.getValue() ? 200 : 403);
      }
    }
  }

  /** Logs in as the webapps do: a session and its CSRF token first, then the login form. */
  int logIn(String app, String user) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new LocalhostCookies()).build();
    String base = "http://localhost:" + port + "/camunda";
    HttpResponse<Void> welcome = browser.send(HttpRequest.newBuilder(URI.create(base + "/app/welcome/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = welcome.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/" + app))
        .header("X-XSRF-TOKEN", token)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user))
        .build();
    return browser.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * The webapps' cookies are Secure; like a browser on localhost (a secure origin), this sends them
   * back over plain HTTP, which {@link java.net.CookieManager} would not.
   */
  static class LocalhostCookies extends CookieHandler {

    private final Map<String, String> cookies = new HashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
      return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", cookies.values())));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
      responseHeaders.forEach((name, values) -> {
        if ("Set-Cookie".equalsIgnoreCase(name)) {
          values.forEach(cookie -> {
            String pair = cookie.split(";", 2)[0];
            cookies.put(pair.split("=", 2)[0], pair);
          });
        }
      });
    }
  }
}
