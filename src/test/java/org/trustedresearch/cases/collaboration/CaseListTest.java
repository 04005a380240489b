package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.PARTNER_STATE_LINKS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/cases}: a page at a time, filtered and sorted, with the total, to those who may read. */
@CaseManagementTest
class CaseListTest {

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

  /** Three cases whose partners share a word no other test uses: two of rachel's (physics), one of omar's. */
  List<String> threeCases(String word) {
    List<String> references = new ArrayList<>();
    references.add(cases.propose("rachel", Cases.lowRiskProposal(word + " Optics Ltd")));
    Map<String, Object> high = Cases.lowRiskProposal(word + " State Institute");
    high.put(PARTNER_STATE_LINKS.name(), true);
    references.add(cases.propose("rachel", high));
    cases.adviseAsTom(references.get(1));
    Map<String, Object> computing = Cases.lowRiskProposal(word + " Data AB");
    computing.put(DEPARTMENT.name(), "computer-science");
    references.add(cases.propose("omar", computing));
    return references;
  }

  static List<String> references(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> references = new ArrayList<>();
    reply.json().forEach(summary -> references.add(summary.path("caseReference").asText()));
    return references;
  }

  static long total(Reply reply) {
    return Long.parseLong(reply.header(CaseController.TOTAL_COUNT));
  }

  @Test
  void theResearchOfficePagesThroughEveryCaseNewestFirstWithTheTotal() {
    List<String> created = threeCases("Wexcombe");

    Reply first = http.get("/api/cases?partner=wexcombe&size=2", "sam");
    Reply second = http.get("/api/cases?partner=wexcombe&size=2&page=1", "sam");

    assertThat(references(first)).containsExactly(created.get(2), created.get(1));
    assertThat(references(second)).containsExactly(created.get(0));
    assertThat(total(first)).isEqualTo(3);
    assertThat(total(second)).isEqualTo(3);
    Reply beyond = http.get("/api/cases?partner=wexcombe&size=2&page=7", "sam");
    assertThat(references(beyond)).isEmpty();
    assertThat(total(beyond)).isEqualTo(3);
    JsonNode summary = first.json().get(0);
    assertThat(summary.path("partnerName").asText()).isEqualTo("Wexcombe Data AB");
    assertThat(summary.path("department").asText()).isEqualTo("computer-science");
    assertThat(summary.path("requester").asText()).isEqualTo("omar");
    assertThat(summary.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(summary.path("riskTier").asText()).isEqualTo("LOW");
    assertThat(summary.path("screeningResult").asText()).isEqualTo("CLEAR");
    assertThat(summary.path("started").isNull()).isFalse();
    assertThat(http.get("/api/cases", "sam").json()).hasSizeLessThanOrEqualTo(CaseList.DEFAULT_SIZE);
  }

  @Test
  void filtersNarrowTheListByDepartmentRiskTierStatusAndPartner() {
    List<String> created = threeCases("Yarrowdene");
    cases.approve("charles", created.get(2), ReviewerRole.HEAD_OF_DEPARTMENT);

    assertThat(references(http.get("/api/cases?partner=YARROWDENE&department=physics", "helen")))
        .containsExactly(created.get(1), created.get(0));
    assertThat(references(http.get("/api/cases?partner=yarrowdene&riskTier=HIGH", "helen")))
        .containsExactly(created.get(1));
    assertThat(references(http.get("/api/cases?partner=Yarrowdene%20Data&status=ACTIVE", "helen")))
        .as("an approved collaboration waits for its re-review").containsExactly(created.get(2));
    assertThat(references(http.get("/api/cases?partner=yarrowdene&status=COMPLETED", "helen"))).isEmpty();
    assertThat(references(http.get("/api/cases?partner=yarrowdene&sort=partnerName,asc", "helen")))
        .containsExactly(created.get(2), created.get(0), created.get(1));
    assertThat(references(http.get("/api/cases?partner=yarrow_ene", "helen")))
        .as("a wildcard is taken literally").isEmpty();
  }

  @Test
  void researchersListTheirOwnCasesAndApproversTheCasesTheyWereAskedToReview() {
    List<String> created = threeCases("Zellmoor");

    assertThat(references(http.get("/api/cases?partner=zellmoor", "rachel")))
        .containsExactly(created.get(1), created.get(0));
    assertThat(references(http.get("/api/cases?partner=zellmoor", "omar"))).containsExactly(created.get(2));
    assertThat(references(http.get("/api/cases?partner=zellmoor", "hannah")))
        .containsExactly(created.get(1), created.get(0));
    Reply charles = http.get("/api/cases?partner=zellmoor", "charles");
    assertThat(references(charles)).containsExactly(created.get(2));
    assertThat(total(charles)).isEqualTo(1);
    assertThat(references(http.get("/api/cases?partner=zellmoor", "leila"))).as("not asked yet").isEmpty();
    assertThat(references(http.get("/api/cases?partner=zellmoor", "tom"))).as("physics' champion")
        .containsExactly(created.get(1), created.get(0));
    assertThat(references(http.get("/api/cases?partner=zellmoor", "maria"))).hasSize(3);
    assertThat(references(http.get("/api/cases?partner=zellmoor", "demo"))).hasSize(3);
  }

  @Test
  void aBadParameterIsRefusedNamingIt() {
    Map<String, String> bad = Map.ofEntries(Map.entry("size=0", "size"), Map.entry("size=201", "size"),
        Map.entry("page=-1", "page"), Map.entry("page=first", "page"), Map.entry("page=99999999999", "page"),
        Map.entry("status=DONE", "status"), Map.entry("riskTier=SEVERE", "riskTier"),
        Map.entry("department=astrology", "department"), Map.entry("sort=requester", "sort"),
        Map.entry("sort=started,upwards", "sort"), Map.entry("sort=started,desc,asc", "sort"),
        Map.entry("partner=%20", "partner"), Map.entry("partner=" + "x".repeat(201), "partner"),
        Map.entry("owner=rachel", "owner"));
    bad.forEach((query, field) -> {
      Reply reply = http.get("/api/cases?" + query, "sam");
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.json().path("problems").findValuesAsText("field")).as(query).containsExactly(field);
      assertThat(reply.body()).as(query).doesNotContain("Exception:").doesNotContain("at org.");
    });
  }
}
