package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Race;

/** A case start or report sent again with the same Idempotency-Key counts once. */
@CaseManagementTest
class IdempotentRequestsTest {

  static final String START = "/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/start";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  Map<String, Object> proposal(String partner) {
    return Map.of("variables", Http.variables(Cases.lowRiskProposal(partner)));
  }

  long casesWithPartner(String partner) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("partnerName")
        .variableValueEquals("partnerName", partner).count();
  }

  @Test
  void aCaseStartSentTwiceWithOneKeyStartsOneCaseAndAnswersTheSameReference() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "start-" + System.nanoTime());
    Reply first = http.post(START, "rachel", proposal("Tern Metrology Ltd"), key);
    Reply again = http.post(START, "rachel", proposal("Tern Metrology Ltd"), key);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("businessKey").asText()).isEqualTo(first.json().path("businessKey").asText())
        .isNotEmpty();
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(casesWithPartner("Tern Metrology Ltd")).isEqualTo(1);
  }

  @Test
  void eightSimultaneousStartsWithOneKeyStartOneCase() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "double-click-" + System.nanoTime());
    List<Reply> replies = Race.run(8, runner -> http.post(START, "rachel", proposal("Shearwater Optics Ltd"), key));

    assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(200));
    assertThat(replies.stream().map(reply -> reply.json().path("businessKey").asText()).distinct()).hasSize(1);
    assertThat(casesWithPartner("Shearwater Optics Ltd")).isEqualTo(1);
  }

  @Test
  void theSameKeyWithADifferentRequestIsRefusedAndStartsNothing() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "reused-" + System.nanoTime());
    assertThat(http.post(START, "rachel", proposal("Puffin Devices Ltd"), key).status()).isEqualTo(200);
    Reply other = http.post(START, "rachel", proposal("Guillemot Devices Ltd"), key);

    assertThat(other.status()).as(other.body()).isEqualTo(422);
    assertThat(other.json().path("message").asText()).contains("Idempotency-Key", "different request");
    assertThat(casesWithPartner("Guillemot Devices Ltd")).isZero();
  }

  @Test
  void anotherPersonsKeyIsTheirOwn() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "shared-" + System.nanoTime());
    Reply rachels = http.post(START, "rachel", proposal("Razorbill Labs Ltd"), key);
    Reply omars = http.post(START, "omar", Map.of("variables", Http.variables(Map.of(
        "department", "computer-science", "partnerName", "Razorbill Labs Ltd"))), key);

    assertThat(rachels.status()).isEqualTo(200);
    assertThat(omars.header("Idempotent-Replayed")).as("not rachel's answer").isNull();
  }

  @Test
  void aRefusedRequestLeavesTheKeyFreeForTheCorrectedOne() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "corrected-" + System.nanoTime());
    Reply refused = http.post(START, "rachel", Map.of("variables", Http.variables(Map.of("partnerName", "Kittiwake Ltd"))), key);
    assertThat(refused.status()).isEqualTo(400);
    Reply corrected = http.post(START, "rachel", proposal("Kittiwake Ltd"), key);
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    assertThat(casesWithPartner("Kittiwake Ltd")).isEqualTo(1);
  }

  @Test
  void aKeyThatIsNotPrintableTextIsRefusedByName() {
    Reply refused = new Http(port).post(START, "rachel", proposal("Fulmar Ltd"), Map.of("Idempotency-Key", "x".repeat(300)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("problems").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(casesWithPartner("Fulmar Ltd")).isZero();
  }

  static Map<String, Object> report(String description) {
    return Map.of("incidentCategory", "FOREIGN_INTERFERENCE", "description", description,
        "occurredAt", "2026-01-05T10:00:00Z", "confidential", false);
  }

  @Test
  void anIncidentReportSentTwiceWithOneKeyFilesOneReport() {
    Http http = new Http(port);
    Map<String, String> key = Map.of("Idempotency-Key", "report-" + System.nanoTime());
    Map<String, Object> report = report("A visitor asked for the wafer supplier list twice.");
    Reply first = http.post("/api/incidents", "rachel", report, key);
    Reply again = http.post("/api/incidents", "rachel", report, key);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("reference").asText()).isEqualTo(first.json().path("reference").asText());
    assertThat(jdbc.sql("select count(*) from tr_incident where reference = ?")
        .params(first.json().path("reference").asText()).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void anAnonymousReportSentTwiceFilesOneReportAndKeepsOnlyAHashOfTheKey() throws Exception {
    String secretKey = "anon-" + System.nanoTime();
    Map<String, Object> report = report("An unsolicited offer to fund a lab in exchange for access, " + secretKey.hashCode());
    Http http = new Http(port);
    Reply first = http.post("/api/incidents/anonymous", null, report, Map.of("Idempotency-Key", secretKey));
    Reply again = http.post("/api/incidents/anonymous", null, report, Map.of("Idempotency-Key", secretKey));

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("receiptCode").asText()).isEqualTo(first.json().path("receiptCode").asText());
    String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(secretKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(jdbc.sql("select count(*) from tr_idempotency_key where key_hash = ?").params(secretKey)
        .query(Long.class).single()).as("the key itself is not stored").isZero();
    assertThat(jdbc.sql("select scope from tr_idempotency_key where key_hash = ?").params(hash)
        .query(String.class).list()).containsExactly("anonymous");
  }
}
