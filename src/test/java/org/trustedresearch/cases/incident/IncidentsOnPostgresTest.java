package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PostgresTest;

/** Reports on PostgreSQL: a signed-in and an anonymous one, registered, counted and followed. */
@PostgresTest
class IncidentsOnPostgresTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentRegister register;

  @Test
  void reportsAreRegisteredCountedAndFollowedOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
    Cases cases = new Cases(engine);
    Map<String, Object> report = new HashMap<>();
    report.put(IncidentProcess.CATEGORY.name(), "PERSONAL_DATA_BREACH");
    report.put(IncidentProcess.DESCRIPTION.name(), "Survey answers e-mailed to the wrong list.");
    report.put(IncidentProcess.OCCURRED_AT.name(), "2026-01-10T08:00:00Z");
    String signedIn = cases.as("rachel", () -> engine.getRuntimeService()
        .startProcessInstanceByKey(IncidentProcess.KEY, report)).getBusinessKey();

    String code = "0123456789abcdef0123456789abcdef";
    Map<String, Object> anonymous = new HashMap<>(report);
    anonymous.put(IncidentIntake.RECEIPT_HASH, Variables.stringValue(AnonymousReports.hash(code), true));
    String anonymousReference = engine.getRuntimeService().startProcessInstanceByKey(IncidentProcess.KEY, anonymous)
        .getBusinessKey();

    assertThat(register.find(signedIn).orElseThrow().reporter()).isEqualTo("rachel");
    assertThat(register.find(anonymousReference).orElseThrow().reporter()).isNull();
    assertThat(register.statusByReceipt(AnonymousReports.hash(code))).contains("RECEIVED");
    assertThat(register.counts()).anySatisfy(row -> {
      assertThat(row.get("category")).isEqualTo("PERSONAL_DATA_BREACH");
      assertThat((Long) row.get("reports")).isGreaterThanOrEqualTo(2L);
    });
    assertThat(engine.getRuntimeService().getVariable(
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(anonymousReference)
            .singleResult().getId(), IncidentIntake.RECEIPT_HASH)).as("the receipt's hash is no variable").isNull();
  }
}
