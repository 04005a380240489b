package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.shared.EngineQueries;

/**
 * One collaboration case as the signed-in user may see it. The query goes through the engine's
 * authorization checks, so a researcher finds their own cases only and the Head of Risk all; lists
 * of cases come from {@link CaseList}.
 */
@Service
public class CaseQueries {

  /** A case at a glance. */
  public record CaseSummary(String caseReference, String status, String partnerName, String partnerCountry,
      String department, String requester, String riskTier, String screeningResult, String outcome, Instant started,
      Instant ended) {
  }

  private static final List<String> SUMMARY_VARIABLES = List.of(PARTNER_NAME.name(), PARTNER_COUNTRY.name(),
      DEPARTMENT.name(), REQUESTER.name(), RISK_TIER.name(), SCREENING_RESULT.name(), OUTCOME.name());

  private final HistoryService history;

  CaseQueries(HistoryService history) {
    this.history = history;
  }

  /** The case, if it exists and the signed-in user may read it. */
  public Optional<CaseSummary> find(String caseReference) {
    List<HistoricProcessInstance> instances = EngineQueries.all(history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY)
        .processInstanceBusinessKey(caseReference));
    return summaries(instances).stream().findFirst();
  }

  private List<CaseSummary> summaries(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> values = new HashMap<>();
    EngineQueries.all(history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(SUMMARY_VARIABLES.toArray(String[]::new))
        .disableCustomObjectDeserialization()
        .orderByProcessInstanceId().asc().orderByVariableName().asc())
        .forEach(variable -> values.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue()));
    return instances.stream().map(instance -> {
      Map<String, Object> v = values.getOrDefault(instance.getId(), Map.of());
      return new CaseSummary(instance.getBusinessKey(), instance.getState(), text(v, PARTNER_NAME.name()),
          text(v, PARTNER_COUNTRY.name()), text(v, DEPARTMENT.name()), text(v, REQUESTER.name()),
          text(v, RISK_TIER.name()), text(v, SCREENING_RESULT.name()), text(v, OUTCOME.name()),
          instance.getStartTime().toInstant(), instance.getEndTime() == null ? null : instance.getEndTime().toInstant());
    }).toList();
  }

  private static String text(Map<String, Object> values, String name) {
    Object value = values.get(name);
    return value == null ? null : value.toString();
  }
}
