package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_COMMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_DECISION;

import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CollaborationCase.ReReviewDecision;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/** The research office's re-review decision: confirm, reassess (with why) or end (with why). */
@Component("reReviewDecisionListener")
class ReReviewDecisionListener implements TaskListener {

  static final int MAX_COMMENT_LENGTH = 4000;

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(RE_REVIEW_DECISION.name());
    ReReviewDecision chosen = Arrays.stream(ReReviewDecision.values())
        .filter(value -> value.name().equals(decision))
        .findFirst()
        .orElseThrow(() -> new InvalidCaseInputException(RE_REVIEW_DECISION.name(), "must be CONFIRM, REASSESS or END"));
    Object comment = task.getVariable(RE_REVIEW_COMMENT.name());
    if (comment != null && !(comment instanceof String)) {
      throw new InvalidCaseInputException(RE_REVIEW_COMMENT.name(), "must be text (String)");
    }
    String text = comment == null ? "" : ((String) comment).strip();
    if (chosen != ReReviewDecision.CONFIRM && text.isEmpty()) {
      throw new InvalidCaseInputException(RE_REVIEW_COMMENT.name(),
          "say why the collaboration is " + (chosen == ReReviewDecision.END ? "ended" : "reassessed"));
    }
    if (text.length() > MAX_COMMENT_LENGTH) {
      throw new InvalidCaseInputException(RE_REVIEW_COMMENT.name(), "must be at most " + MAX_COMMENT_LENGTH + " characters");
    }
  }
}
