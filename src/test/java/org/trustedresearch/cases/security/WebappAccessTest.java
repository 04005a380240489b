package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.WebappSession;

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
  void eachRoleLogsIntoItsWebappsAndNoOthers() {
    for (var app : MAY_LOG_IN.entrySet()) {
      for (var user : app.getValue().entrySet()) {
        int status = logIn(app.getKey(), user.getKey());
        assertThat(status).as(user.getKey() + " into " + app.getKey()).isEqualTo(user.getValue() ? 200 : 403);
      }
    }
  }

  int logIn(String app, String user) {
    return WebappSession.tryLogIn(port, app, user).loginStatus();
  }
}
