package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

/** Dates beyond any calendar in an incident report, with or without a login: a 400 naming the field, nothing filed. */
@CaseManagementTest
class ReportDatesTest {

  static final List<String> BEYOND_ANY_CALENDAR = List.of("+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
      "+999999999-01-01", "0000-00-00", "9999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00+25:00",
      "0001-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999+0000");

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  AnonymousReports anonymousReports;

  @Test
  void aReportWithADateBeyondAnyCalendarIsRefusedNamingTheFieldWithOrWithoutALogin() {
    Http http = new Http(port);
    long reports = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.KEY).count();
    for (String date : BEYOND_ANY_CALENDAR) {
      for (String field : List.of(IncidentProcess.OCCURRED_AT.name(), IncidentProcess.AWARE_AT.name())) {
        Map<String, Object> report = new LinkedHashMap<>(Map.of("incidentCategory", "LOST_DEVICE",
            "description", "A laptop was left on a train", "occurredAt", "2026-11-30T09:00:00Z",
            "awareAt", "2026-11-30T10:00:00Z"));
        report.put(field, date);
        anonymousReports.forgetAll();
        for (Reply reply : List.of(http.post("/api/incidents/anonymous", null, report),
            http.post("/api/incidents", "rachel", report))) {
          assertThat(reply.status()).as("%s=%s: %s", field, date, reply.body()).isEqualTo(400);
          assertThat(reply.body()).as("%s=%s", field, date).contains("\"field\":\"" + field + "\"")
              .doesNotContain("Exception", "java.", "at org.");
        }
      }
    }
    anonymousReports.forgetAll();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.KEY).count()).isEqualTo(reports);
  }
}
