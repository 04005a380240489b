package org.trustedresearch.cases.mou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/** A whole onboarding with an agreement, through the REST APIs only, as an integration would drive it. */
@CaseManagementTest
class MouRestJourneyTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
  }

  String taskId(String ref, String taskDefinitionKey, String user) {
    Reply reply = http.get("/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + ref + "&taskDefinitionKey="
        + taskDefinitionKey, user);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json()).as(taskDefinitionKey + " visible to " + user).hasSize(1);
    return reply.json().get(0).path("id").asText();
  }

  Reply submit(String taskId, String user, Map<String, Object> variables) {
    return http.post("/engine-rest/task/" + taskId + "/submit-form", user, Map.of("variables", variables));
  }

  void claimAndSubmit(String ref, String taskDefinitionKey, String user, Map<String, Object> variables) {
    String task = taskId(ref, taskDefinitionKey, user);
    assertThat(http.post("/engine-rest/task/" + task + "/claim", user, Map.of("userId", user)).status()).isEqualTo(204);
    Reply reply = submit(task, user, variables);
    assertThat(reply.status()).as(reply.body()).isEqualTo(204);
    cases.runJobsOf(ref);
  }

  static Map<String, Object> legalReview(String status, String decision, String notes) {
    Map<String, Object> checks = new java.util.LinkedHashMap<>();
    MouClauseReviewTest.LOW_RISK_CLAUSES.forEach(clause -> checks.put(clause, Map.of("status", status)));
    String items = Http.toJson(checks);
    Map<String, Object> variables = new java.util.HashMap<>(Http.variables(Map.of(
        MouReviewProcess.LEGAL_DECISION.name(), decision)));
    variables.put(MouReviewProcess.CLAUSE_CHECKS, Map.of("type", "Json", "value", items));
    if (notes != null) {
      variables.put(MouReviewProcess.LEGAL_NOTES.name(), Map.of("value", notes));
    }
    return variables;
  }

  @Test
  void aCollaborationWithAnAgreementIsProposedSignedOffNegotiatedClearedAndSignedOverRest() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Juniper Coatings GmbH");
    proposal.put(MOU_REQUIRED.name(), true);
    Reply started = http.post("/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/start", "rachel",
        Map.of("variables", Http.variables(proposal)));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String ref = started.json().path("businessKey").asText();
    cases.runJobsOf(ref);
    for (ReviewerRole role : List.of(ReviewerRole.HEAD_OF_DEPARTMENT, ReviewerRole.LEGAL)) {
      claimAndSubmit(ref, role.taskId(), role == ReviewerRole.LEGAL ? "leila" : "hannah",
          Http.variables(Map.of(role.decision().name(), "APPROVE")));
    }
    assertThat(http.get("/api/cases/" + ref, "rachel").json().path("outcome").isNull()).isTrue();

    String draftPath = "/api/cases/" + ref + "/mou/drafts";
    Reply exe = http.postFile(draftPath, "rachel", Map.of(), "agreement.pdf", Agreements.executable());
    assertThat(exe.status()).isEqualTo(400);
    assertThat(exe.json().path("problems").get(0).path("field").asText()).isEqualTo("file");
    Reply big = http.postFile(draftPath, "rachel", Map.of(), "agreement.pdf", Agreements.pdfOfMegabytes(21));
    assertThat(big.status()).isEqualTo(400);
    assertThat(big.json().path("message").asText()).contains("at most 20.0 MB");
    assertThat(http.postFile(draftPath, "rachel", Map.of(), null, null).status()).isEqualTo(400);
    assertThat(http.postFile(draftPath, "omar", Map.of(), "a.pdf", Agreements.pdf("x")).status())
        .as("another researcher does not see the case").isEqualTo(404);
    assertThat(http.postFile(draftPath, "ian", Map.of(), "a.pdf", Agreements.pdf("x")).status())
        .as("IT security does not see the case").isEqualTo(404);

    Reply draft = http.postFile(draftPath, "rachel", Map.of("changeNote", "The partner's first draft"),
        "partner-draft.pdf", Agreements.pdf("Draft one"));
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    assertThat(draft.json().path("mediaType").asText()).isEqualTo("application/pdf");
    Reply provided = submit(taskId(ref, MouReviewProcess.PROVIDE_DRAFT, "rachel"), "rachel", Map.of());
    assertThat(provided.status()).as(provided.body()).isEqualTo(204);

    String legalTask = taskId(ref, MouReviewProcess.REVIEW_CLAUSES, "leila");
    JsonNode formVariables = http.get("/engine-rest/task/" + legalTask + "/form-variables?deserializeValues=false",
        "leila").json();
    assertThat(formVariables.path(MouReviewProcess.CLAUSE_CHECKS).path("type").asText()).isEqualTo("Json");
    assertThat(formVariables.path(MouReviewProcess.REQUIRED_CLAUSES).path("value").asText())
        .isEqualTo("[\"SECURITY_COMPLIANCE\",\"PUBLICATION_RIGHTS\",\"CONFIDENTIALITY\"]");
    Reply noNotes = submit(legalTask, "leila", legalReview("PRESENT", "REQUEST_CHANGES", null));
    assertThat(noNotes.status()).isEqualTo(400);
    assertThat(noNotes.json().path("problems").get(0).path("field").asText()).isEqualTo("mouLegalNotes");
    Reply badStatus = submit(legalTask, "leila", legalReview("FINE", "CLEAR", null));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().path("problems").get(0).path("field").asText()).isEqualTo("clauseChecks.SECURITY_COMPLIANCE.status");
    Reply cleared = submit(legalTask, "leila", legalReview("PRESENT", "CLEAR", null));
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(204);
    cases.runJobsOf(ref);

    assertThat(http.get("/api/cases/" + ref, "rachel").json().path("outcome").asText()).isEqualTo("APPROVED");
    JsonNode record = http.get("/api/cases/" + ref + "/mou", "rachel").json();
    assertThat(record).hasSize(1);
    assertThat(record.get(0).path("review").path("outcome").asText()).isEqualTo("CLEARED");
    assertThat(record.get(0).path("review").path("securityClauseIncluded").asBoolean()).isTrue();
    assertThat(record.get(0).path("rounds").get(0).path("reviewedBy").asText()).isEqualTo("leila");
    assertThat(record.get(0).path("rounds").get(0).path("clauses")).hasSize(3);
    long documentId = record.get(0).path("documents").get(0).path("id").asLong();
    Reply download = http.get("/api/cases/" + ref + "/mou/documents/" + documentId, "helen");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.body()).startsWith("%PDF-");
    assertThat(http.get("/api/cases/" + ref + "/mou/documents/" + documentId, "omar").status()).isEqualTo(404);

    String signedPath = "/api/cases/" + ref + "/mou/signed";
    Reply noExpiry = http.postFile(signedPath, "rachel", Map.of(), "signed.pdf", Agreements.pdf("Signed"));
    assertThat(noExpiry.status()).isEqualTo(400);
    assertThat(noExpiry.json().path("problems").get(0).path("field").asText()).isEqualTo("expiresOn");
    Reply signed = http.postFile(signedPath, "rachel", Map.of("expiresOn", "2031-03-31"), "signed.docx",
        Agreements.docx("Signed"));
    assertThat(signed.status()).as(signed.body()).isEqualTo(201);
    Reply done = submit(taskId(ref, MouReviewProcess.UPLOAD_SIGNED, "rachel"), "rachel", Map.of());
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(http.get("/api/mou/clauses", "maria").json()).hasSize(8);
  }
}
