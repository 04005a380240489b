package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseRegister.RegisteredCase;
import org.trustedresearch.cases.shared.EngineQueries;

/**
 * What a collaboration case says about itself now, for processes that work on an existing case
 * (an agreement reviewed later, say). Read by the engine for a caller whose right to act on the case
 * was checked before, so without authorization checks; must run inside an engine command.
 */
@Service
public class CaseFacts {

  /** The answers and results other processes need: what the proposal says and how it was decided. */
  static final List<String> FACTS = List.of(DEPARTMENT.name(), PARTNER_NAME.name(), PARTNER_COUNTRY.name(),
      ACTIVITY_TYPE.name(), FUNDING_AMOUNT_GBP.name(), EXPORT_CONTROLLED.name(), DUAL_USE.name(),
      SENSITIVE_DATA.name(), COMMERCIAL_POTENTIAL.name(), ETHICAL_CONCERNS.name(), PARTNER_STATE_LINKS.name(),
      MOU_REQUIRED.name(), SUMMARY.name(), CASE_REFERENCE.name(), REQUESTER.name(), REQUESTER_NAME.name(),
      RISK_TIER.name(), OUTCOME.name());

  private final CaseRegister register;
  private final RuntimeService runtime;
  private final HistoryService history;

  CaseFacts(CaseRegister register, RuntimeService runtime, HistoryService history) {
    this.register = register;
    this.runtime = runtime;
    this.history = history;
  }

  /** A case's facts by variable name, and whether its onboarding is still running. */
  public record Facts(Map<String, Object> variables, boolean running) {

    /** Approved (with or without conditions) and not ended since. */
    public boolean approvedAndActive() {
      Object outcome = variables.get(OUTCOME.name());
      return running
          && (Outcome.APPROVED.name().equals(outcome) || Outcome.APPROVED_WITH_CONDITIONS.name().equals(outcome));
    }
  }

  /** Holds the case until the transaction ends: what one step on the case checks, another cannot change meanwhile. */
  public void lock(String caseReference) {
    register.lock(caseReference);
  }

  /** Whose case it is, from the register. */
  public Optional<String> requesterOf(String caseReference) {
    return register.requesterOf(caseReference);
  }

  /** The case's facts, or empty when there is no such case. */
  public Optional<Facts> of(String caseReference) {
    Optional<RegisteredCase> registered = register.find(caseReference);
    if (registered.isEmpty()) {
      return Optional.empty();
    }
    String instance = registered.get().processInstanceId();
    Map<String, Object> facts = new HashMap<>();
    boolean[] running = new boolean[1];
    ReReviews.withoutAuthorization(() -> {
      running[0] = runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0;
      if (running[0]) {
        facts.putAll(runtime.getVariables(instance, FACTS));
      } else {
        EngineQueries.all(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
            .variableNameIn(FACTS.toArray(String[]::new)))
            .forEach(variable -> facts.put(variable.getName(), variable.getValue()));
      }
    });
    return Optional.of(new Facts(facts, running[0]));
  }
}
