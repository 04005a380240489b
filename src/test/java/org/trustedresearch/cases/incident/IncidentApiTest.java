package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.TestUsers;

/** Reporting over REST: signed in or anonymous, confidential reports by role, the rate limit, statistics. */
@CaseManagementTest
class IncidentApiTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  AnonymousReports anonymousReports;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  JdbcClient jdbc;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
    anonymousReports.forgetAll();
  }

  static Map<String, Object> report(String category, boolean confidential) {
    Map<String, Object> report = new HashMap<>();
    report.put("incidentCategory", category);
    report.put("description", "A stranger photographed the clean-room whiteboard.");
    report.put("occurredAt", "2026-01-05T10:00:00Z");
    report.put("confidential", confidential);
    return report;
  }

  String reportAs(String user, Map<String, Object> report) {
    Reply reply = http.post("/api/incidents", user, report);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String reference = reply.json().path("reference").asText();
    cases.runJobsOf(reference);
    return reference;
  }

  @Test
  void aConfidentialReportIsReadOnlyByTheHeadOfRiskTheGroupThatTriagesItAndItsReporter() {
    String reference = reportAs("rachel", report("LOST_DEVICE", true));
    String instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(reference).singleResult().getId();

    for (String reader : List.of("helen", "ian", "rachel")) {
      Reply reply = http.get("/api/incidents/" + reference, reader);
      assertThat(reply.status()).as(reader).isEqualTo(200);
      assertThat(reply.json().path("description").asText()).as(reader).contains("clean-room");
    }
    for (String outsider : List.of("sam", "maria", "leila", "omar", "hannah")) {
      assertThat(http.get("/api/incidents/" + reference, outsider).status()).as(outsider).isEqualTo(404);
      assertThat(http.get("/engine-rest/history/variable-instance?maxResults=100&processInstanceIdIn=" + instance, outsider).json())
          .as(outsider).isEmpty();
      assertThat(http.get("/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + reference, outsider).json())
          .as(outsider).isEmpty();
    }
    assertThat(http.get("/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + reference, "ian").json()).hasSize(1);
    assertThat(http.get("/engine-rest/history/variable-instance?maxResults=100&processInstanceIdIn=" + instance, "helen").json())
        .as("the query itself finds the variables for a reader").isNotEmpty();

    Reply counts = http.get("/api/incidents/statistics", "maria");
    assertThat(counts.status()).isEqualTo(200);
    assertThat(counts.json().findValuesAsText("category")).contains("LOST_DEVICE");
    assertThat(counts.body()).doesNotContain(reference, "clean-room");
    assertThat(http.get("/api/incidents/statistics", "rachel").status()).isEqualTo(403);
    assertThat(http.get("/engine-rest/history/decision-instance?maxResults=100&decisionDefinitionKey=" + IncidentProcess.TRIAGE_DECISION,
        "maria").json()).as("decision history names reporters: not for managers").isEmpty();

    String open = reportAs("rachel", report("LOST_DEVICE", false));
    assertThat(http.get("/api/incidents/" + open, "sam").status()).as("the research office reads open reports").isEqualTo(200);
    assertThat(http.get("/api/incidents/" + open, "maria").status()).isEqualTo(404);
  }

  @Test
  void badReportsAreRefusedNamingTheFieldAndCreateNothing() {
    long before = jdbc.sql("select count(*) from tr_incident").query(Long.class).single();
    Map<String, Object> bad = report("RUMOUR", false);
    bad.remove("description");
    Reply reply = http.post("/api/incidents", "rachel", bad);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().findValuesAsText("field")).containsExactly("incidentCategory", "description");
    assertThat(http.post("/api/incidents/anonymous", null, "{not json").status()).isEqualTo(400);
    Map<String, Object> wrongType = report("OTHER", false);
    wrongType.put("confidential", "perhaps");
    Reply wronglyTyped = http.post("/api/incidents", "rachel", wrongType);
    assertThat(wronglyTyped.status()).isEqualTo(400);
    assertThat(wronglyTyped.json().findValuesAsText("field")).containsExactly("confidential");
    Map<String, Object> huge = report("OTHER", false);
    huge.put("description", "x".repeat(70_000));
    Reply tooLarge = http.post("/api/incidents/anonymous", null, huge);
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.json().findValuesAsText("field")).containsExactly("description");
    assertThat(jdbc.sql("select count(*) from tr_incident").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void anAnonymousReportNeedsNoLoginGivesAReceiptCodeAndIsRateLimited() {
    Reply filed = http.post("/api/incidents/anonymous", null, report("SUSPICIOUS_APPROACH", false));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    String code = filed.json().path("receiptCode").asText();
    assertThat(code).matches("[0-9a-f]{32}");
    assertThat(filed.json().has("reference")).isFalse();

    Reply status = http.get("/api/incidents/anonymous/" + code, null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().fieldNames()).toIterable().containsExactly("status");
    assertThat(status.json().path("status").asText()).isEqualTo("RECEIVED");
    assertThat(http.get("/api/incidents/anonymous/" + "0".repeat(32), null).status()).isEqualTo(404);

    anonymousReports.forgetAll();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(http.post("/api/incidents/anonymous", null, report("OTHER", false)).status());
    }
    assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429);
    assertThat(http.get("/api/incidents/anonymous/" + code, null).status()).as("looking up is counted apart")
        .isEqualTo(200);
  }

  @Test
  void aForwardedAddressFromAPeerThatIsNoTrustedProxyDoesNotEscapeTheLimit() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(http.post("/api/incidents/anonymous", null, report("OTHER", false),
          Map.of("X-Forwarded-For", "203.0.113." + (10 + i))).status());
    }
    assertThat(statuses).as("every report counts for the peer that sent it").containsExactly(201, 201, 201, 201, 201, 429);
  }

  /** A valid report made larger than the limit by white space between its fields, which JSON allows. */
  static String paddedReport(int padding) {
    String report = Http.toJson(report("OTHER", false));
    return "{" + " ".repeat(padding) + report.substring(1);
  }

  long anonymousReportsFiled() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.KEY).count();
  }

  @Test
  void aReportLargerThanTheLimitIsRefusedForItsSizeWhetherDeclaredOrSentInChunks() throws Exception {
    long filed = anonymousReportsFiled();
    assertThat(http.postRaw("/api/incidents/anonymous", null, "application/json",
        paddedReport(1_000).getBytes(StandardCharsets.UTF_8)).status())
        .as("the same report, a little padded, is a valid one").isEqualTo(201);
    assertThat(anonymousReportsFiled()).isEqualTo(filed + 1);
    byte[] tooLarge = paddedReport(ReportSizeLimit.MAX_BYTES).getBytes(StandardCharsets.UTF_8);

    Reply declared = http.postRaw("/api/incidents/anonymous", null, "application/json", tooLarge);
    assertThat(declared.status()).isEqualTo(400);
    assertThat(declared.json().path("message").asText()).isEqualTo("description: the report is too large");

    java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/incidents/anonymous"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge)))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(400);
    assertThat(chunked.body()).as("read no further than the limit")
        .contains("larger than " + ReportSizeLimit.MAX_BYTES + " bytes");
    assertThat(anonymousReportsFiled()).as("neither was filed").isEqualTo(filed + 1);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void anAnonymousReportLeavesNothingThatIdentifiesItsSender(CapturedOutput logs) {
    TestUsers.ensureWhistleblower(engine.getIdentityService());
    String userAgent = "ReporterBrowser/" + System.nanoTime();
    String address = "198.51.100.231";
    List<String> traces = List.of(TestUsers.WHISTLEBLOWER, "Wrenna", "Quillfeather", userAgent, address);
    // where she is known anyway, as a user (her account, its authorization), before she reports
    Map<String, List<String>> before = new HashMap<>();
    traces.forEach(trace -> before.put(trace, tablesContaining(trace)));
    Map<String, Object> report = report("FOREIGN_INTERFERENCE", true);
    report.put("description", "A visiting delegation asked for our unpublished sensor designs.");
    // she sends her credentials and a proxy header by mistake: they must be ignored, not kept
    Reply filed = http.post("/api/incidents/anonymous", TestUsers.WHISTLEBLOWER, report,
        Map.of("User-Agent", userAgent, "X-Forwarded-For", address));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    String reference = jdbc.sql("select reference from tr_incident where anonymous = true order by reported_at desc, reference desc")
        .query(String.class).list().get(0);
    cases.runJobsOf(reference);
    dispatcher.deliverAll();

    assertThat(tablesContaining("unpublished sensor designs")).as("the scan finds what the report stored").isNotEmpty();
    for (String trace : traces) {
      assertThat(tablesContaining(trace)).as(trace).isEqualTo(before.get(trace));
      assertThat(logs.getAll()).as(trace).doesNotContain(trace);
      assertThat(Mailbox.all()).as(trace)
          .noneMatch(mail -> mail.to().contains(trace) || mail.text().contains(trace) || mail.html().contains(trace));
    }
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .singleResult().getStartUserId()).isNull();
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(
        engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
            .singleResult().getId()).count()).isZero();
  }

  /** Every column of every table but the identity tables (where the user simply exists) that holds the text. */
  List<String> tablesContaining(String text) {
    List<String> found = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.sql("""
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'PUBLIC' and table_name not like 'ACT_ID_%'""").query().listOfRows();
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("TABLE_NAME");
      String name = (String) column.get("COLUMN_NAME");
      String type = String.valueOf(column.get("DATA_TYPE"));
      if (type.contains("CHAR") || type.contains("CLOB")) {
        long hits = jdbc.sql("select count(*) from \"" + table + "\" where cast(\"" + name + "\" as varchar) like ?")
            .param("%" + text + "%").query(Long.class).single();
        if (hits > 0) {
          found.add(table + "." + name);
        }
      } else if (type.contains("BINARY") || type.contains("BLOB")) {
        for (byte[] bytes : jdbc.sql("select \"" + name + "\" from \"" + table + "\" where \"" + name + "\" is not null")
            .query(byte[].class).list()) {
          if (new String(bytes, StandardCharsets.ISO_8859_1).contains(text)) {
            found.add(table + "." + name);
          }
        }
      }
    }
    return found;
  }
}
