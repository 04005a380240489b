package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordCaseOutcome: the case's outcome from the sign-off, the review of its agreement
 * or the researcher's withdrawal; an approved collaboration gets its re-review date; the researcher
 * is told.
 */
@Component("recordCaseOutcomeDelegate")
class RecordCaseOutcomeDelegate implements JavaDelegate {

  private final ReReviews reReviews;
  private final CaseMail mail;

  RecordCaseOutcomeDelegate(ReReviews reReviews, CaseMail mail) {
    this.reReviews = reReviews;
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Outcome outcome = outcome(AMEND_DECISION.get(execution), SIGN_OFF_OUTCOME.get(execution),
        MOU_OUTCOME.get(execution));
    OUTCOME.set(execution, outcome.name());
    if (outcome == Outcome.APPROVED || outcome == Outcome.APPROVED_WITH_CONDITIONS) {
      reReviews.schedule(execution);
    } else {
      ReReviews.tellCaseEnded(execution);
    }
    mail.decided(execution, outcome);
  }

  static Outcome outcome(String amendDecision, String signOffOutcome, String mouOutcome) {
    if (AmendDecision.WITHDRAW.name().equals(amendDecision)) {
      return Outcome.WITHDRAWN;
    }
    if (MouOutcome.REJECTED.name().equals(mouOutcome)) {
      return Outcome.REJECTED;
    }
    return switch (SignOffOutcome.valueOf(signOffOutcome)) {
      case APPROVED -> Outcome.APPROVED;
      case APPROVED_WITH_CONDITIONS -> Outcome.APPROVED_WITH_CONDITIONS;
      case REJECTED -> Outcome.REJECTED;
      case REFERRED_BACK -> throw new IllegalStateException("A referred-back case has no outcome until it is amended");
    };
  }
}
