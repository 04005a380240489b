package org.trustedresearch.cases.riskassessment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CollaborationCase.SignOffOutcome;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;

/**
 * How the decisions of one sign-off round combine: any REJECT rejects, any REFER_BACK
 * refers back, otherwise approved, with conditions when any reviewer set them. The model's gateways
 * ask {@code ${signOffRules.stopped(execution)}}.
 */
@Component("signOffRules")
public class SignOffRules {

  /** A decision so far ends the round early: nobody else needs to review. */
  public boolean stopped(VariableScope scope) {
    SignOffOutcome outcome = outcome(scope);
    return outcome == SignOffOutcome.REJECTED || outcome == SignOffOutcome.REFERRED_BACK;
  }

  public SignOffOutcome outcome(VariableScope scope) {
    List<String> decisions = new ArrayList<>();
    for (ReviewerRole role : ReviewerRole.values()) {
      String decision = role.decision().get(scope);
      if (decision != null) {
        decisions.add(decision);
      }
    }
    if (decisions.contains(Decision.REJECT.name())) {
      return SignOffOutcome.REJECTED;
    }
    if (decisions.contains(Decision.REFER_BACK.name())) {
      return SignOffOutcome.REFERRED_BACK;
    }
    return decisions.contains(Decision.APPROVE_WITH_CONDITIONS.name())
        ? SignOffOutcome.APPROVED_WITH_CONDITIONS
        : SignOffOutcome.APPROVED;
  }

  /** The conditions every reviewer of this round set, one line each, or null when none. */
  public String conditions(VariableScope scope) {
    List<String> lines = new ArrayList<>();
    for (ReviewerRole role : ReviewerRole.values()) {
      String conditions = role.conditions().get(scope);
      if (conditions != null && !conditions.isBlank()) {
        lines.add(role.label() + ": " + conditions.strip());
      }
    }
    return lines.isEmpty() ? null : String.join("\n", lines);
  }
}
