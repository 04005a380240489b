package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

import db.migration.V14__Case_readers;

/**
 * The case list's readers ({@code tr_case_reader}) stay the engine's grants to read a case's history,
 * whichever route grants, changes or deletes them, so that the list answers as the grants do: on H2
 * ({@link CaseReadersTest}) and PostgreSQL ({@link CaseReadersOnPostgresTest}).
 */
abstract class CaseReadersInStep {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Http http;
  Cases cases;
  AuthorizationService authorizations;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
    authorizations = engine.getAuthorizationService();
  }

  /** The readers the table holds for the case. */
  List<String> readers(String caseReference) {
    return jdbc.sql("select reader from tr_case_reader where case_reference = ? order by reader")
        .param(caseReference).query(String.class).list();
  }

  /** The readers the engine's grants make of the case, read from the grants themselves. */
  List<String> granted(String caseReference) {
    return jdbc.sql("select distinct " + CaseReaders.READER + CaseReaders.GRANTS + " and c.case_reference = ?"
        + " order by 1").param(caseReference).query(String.class).list();
  }

  String processInstance(String caseReference) {
    return jdbc.sql("select process_instance_id from tr_collaboration_case where case_reference = ?")
        .param(caseReference).query(String.class).single();
  }

  List<String> listed(String partner, String user) {
    Reply reply = http.get("/api/cases?partner=" + partner, user);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().findValuesAsText("caseReference");
  }

  Authorization grant(String userId, String groupId, String processInstanceId) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setGroupId(groupId);
    grant.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    grant.setResourceId(processInstanceId);
    grant.addPermission(HistoricProcessInstancePermissions.READ);
    return authorizations.saveAuthorization(grant);
  }

  @Test
  void aCaseIsReadByItsRequesterItsDepartmentsChampionsAndItsReviewingGroupAsGranted() {
    String reference = cases.propose("rachel", Cases.lowRiskProposal("Quillbrook Photonics"));

    assertThat(readers(reference)).containsExactlyInAnyOrder("group:champions-physics", "group:hod-physics", "user:rachel")
        .isEqualTo(granted(reference));
  }

  @Test
  void anAdministratorsGrantChangeAndDeletionReachTheList() {
    String reference = cases.propose("rachel", Cases.lowRiskProposal("Rookhaven Optics"));
    String other = cases.propose("rachel", Cases.lowRiskProposal("Rookhaven Lenses"));
    assertThat(listed("rookhaven", "leila")).as("legal was not asked").isEmpty();

    Authorization legal = grant(null, "legal", processInstance(reference));
    assertThat(readers(reference)).contains("group:legal").isEqualTo(granted(reference));
    assertThat(listed("rookhaven", "leila")).containsExactly(reference);

    legal.removePermission(HistoricProcessInstancePermissions.READ);
    authorizations.saveAuthorization(legal);
    assertThat(readers(reference)).doesNotContain("group:legal").isEqualTo(granted(reference));
    assertThat(listed("rookhaven", "leila")).as("a grant without read").isEmpty();

    legal.addPermission(HistoricProcessInstancePermissions.READ);
    legal.setResourceId(processInstance(other));
    authorizations.saveAuthorization(legal);
    assertThat(readers(reference)).isEqualTo(granted(reference)).doesNotContain("group:legal");
    assertThat(readers(other)).isEqualTo(granted(other)).contains("group:legal");
    assertThat(listed("rookhaven", "leila")).as("the grant moved to the other case").containsExactly(other);

    authorizations.deleteAuthorization(legal.getId());
    assertThat(readers(other)).doesNotContain("group:legal").isEqualTo(granted(other));
    assertThat(listed("rookhaven", "leila")).isEmpty();
  }

  @Test
  void aRevocationHidesTheCaseFromTheListAndItsTotal() {
    String reference = cases.propose("rachel", Cases.lowRiskProposal("Sallowfield Instruments"));
    String kept = cases.propose("rachel", Cases.lowRiskProposal("Sallowfield Mirrors"));
    long before = CaseListTest.total(http.get("/api/cases", "hannah"));
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("hannah");
    revoke.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    revoke.setResourceId(processInstance(reference));
    revoke.removePermission(HistoricProcessInstancePermissions.READ);
    authorizations.saveAuthorization(revoke);
    try {
      assertThat(listed("sallowfield", "hannah")).containsExactly(kept);
      assertThat(CaseListTest.total(http.get("/api/cases", "hannah"))).isEqualTo(before - 1);
    } finally {
      authorizations.deleteAuthorization(revoke.getId());
    }
    assertThat(listed("sallowfield", "hannah")).containsExactly(kept, reference);
  }

  @Test
  void deletingACasesHistoryTakesItsReadersWithIt() {
    String reference = cases.propose("rachel", Cases.lowRiskProposal("Tamberlea Sensors"));
    String instance = processInstance(reference);

    engine.getRuntimeService().deleteProcessInstance(instance, "entered by mistake");
    engine.getHistoryService().deleteHistoricProcessInstance(instance);

    assertThat(readers(reference)).isEmpty();
    assertThat(granted(reference)).isEmpty();
    assertThat(listed("tamberlea", "rachel")).isEmpty();
  }

  @Test
  void aReaderByTwoRoutesCountsTheirCasesOnce() {
    // hannah reviews the case as head of physics, and was granted it in person as well
    String twice = cases.propose("rachel", Cases.lowRiskProposal("Umberdale Reagents"));
    Authorization inPerson = grant("hannah", null, processInstance(twice));
    assertThat(readers(twice)).contains("group:hod-physics", "user:hannah");

    for (String user : List.of("hannah", "rachel", "tom")) {
      long whole = CaseListTest.total(http.get("/api/cases", user));
      long byDepartment = 0;
      for (String department : List.of("physics", "chemistry", "computer-science", "engineering")) {
        byDepartment += CaseListTest.total(http.get("/api/cases?department=" + department, user));
      }
      assertThat(whole).as("%s: the whole list against its departments counted on the cases", user)
          .isEqualTo(byDepartment).isPositive();
    }
    authorizations.deleteAuthorization(inPerson.getId());
  }

  @Test
  void theMigrationCopiesExistingGrantsIntoExactlyTheRowsTheApplicationKeeps() {
    cases.propose("omar", Cases.lowRiskProposalIn("computer-science", "Vellacott Systems"));
    List<String> kept = jdbc.sql("select reader || ' ' || case_reference from tr_case_reader order by 1")
        .query(String.class).list();

    jdbc.sql("delete from tr_case_reader").update();
    jdbc.sql(V14__Case_readers.COPY_GRANTS).update();

    assertThat(jdbc.sql("select reader || ' ' || case_reference from tr_case_reader order by 1")
        .query(String.class).list()).isEqualTo(kept).isNotEmpty();
  }
}
