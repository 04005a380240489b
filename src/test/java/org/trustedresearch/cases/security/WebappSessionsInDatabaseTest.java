package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.WebappSession;

/**
 * A webapp login lives in the database, not in the node's memory: read back from the session table
 * (as another node reads it), it still names the user, their groups and the CSRF token the browser
 * holds. The session cookie keeps the protections the configuration asks for.
 */
@CaseManagementTest
class WebappSessionsInDatabaseTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcIndexedSessionRepository sessions;

  @Test
  void aTasklistLoginAndItsCsrfTokenAreReadBackFromTheDatabase() {
    WebappSession browser = WebappSession.logIn(port, "tasklist", "rachel");
    String cookie = browser.cookie("SESSION");
    assertThat(cookie).as("the session cookie is Spring Session's").isNotNull();

    Session stored = sessions.findById(new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8));
    assertThat(stored).isNotNull();
    Authentications login = stored.getAttributeNames().stream().map(stored::getAttribute)
        .filter(Authentications.class::isInstance).map(Authentications.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no webapp login in the stored session"));
    assertThat(login.getAuthentications()).extracting(UserAuthentication::getIdentityId).containsExactly("rachel");
    assertThat(login.getAuthentications().get(0).getGroupIds()).contains("researchers");
    assertThat(login.getAuthentications().get(0).isAuthorizedForApp("tasklist")).isTrue();
    assertThat((Object) stored.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME))
        .hasToString(browser.csrfToken());
    assertThat(stored.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));

    // still signed in when the next request is answered from what the database holds
    assertThat(browser.get("/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"rachel\"");
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndSameSiteLax() throws Exception {
    HttpResponse<String> welcome = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/camunda/app/welcome/default/")).build(),
        HttpResponse.BodyHandlers.ofString());
    String session = welcome.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("SESSION="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + welcome.headers().map()));
    assertThat(session).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
  }
}
