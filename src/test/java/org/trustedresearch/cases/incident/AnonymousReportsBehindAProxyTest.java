package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

/**
 * Behind a reverse proxy the institution names as trusted, each client is counted by the address the
 * proxy forwards; and however many addresses send them, anonymous reports are capped overall.
 */
@CaseManagementTest
@TestPropertySource(properties = {
    // an application of its own beside the other tests' (which the webapps and engine REST serve)
    "spring.datasource.url=jdbc:h2:mem:trusted-research-proxy-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=proxied",
    "camunda.bpm.webapp.enabled=false",
    "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1",
    "trusted-research.incidents.anonymous-reports-per-hour=2",
    "trusted-research.incidents.anonymous-reports-per-hour-overall=6"})
class AnonymousReportsBehindAProxyTest {

  @LocalServerPort
  int port;
  @Autowired
  AnonymousReports anonymousReports;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    anonymousReports.forgetAll();
  }

  Reply reportFrom(String forwardedFor) {
    return http.post("/api/incidents/anonymous", null, IncidentApiTest.report("OTHER", false),
        Map.of("X-Forwarded-For", forwardedFor));
  }

  @Test
  void aTrustedProxysForwardedAddressIsTheClientThatIsCounted() {
    assertThat(reportFrom("203.0.113.7").status()).isEqualTo(201);
    assertThat(reportFrom("203.0.113.7").status()).isEqualTo(201);
    assertThat(reportFrom("203.0.113.7").status()).as("that client's limit").isEqualTo(429);
    assertThat(reportFrom("203.0.113.8").status()).as("another client behind the same proxy").isEqualTo(201);
  }

  @Test
  void reportsFromEverChangingAddressesMeetTheOverallCap() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(reportFrom("198.51.100." + (20 + i)).status());
    }
    assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 201, 429);
    assertThat(reportFrom("198.51.100.99").json().path("message").asText()).contains("Unusually many anonymous reports");
  }
}
