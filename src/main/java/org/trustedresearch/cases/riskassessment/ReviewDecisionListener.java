package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.REVIEW_SUMMARY;

import java.time.ZoneOffset;
import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.TaskInputs;

/**
 * Completion of a review task: the decision must be one of the four public decisions, a referral or rejection
 * must say why, and approval with conditions must state them. Records who decided and adds the
 * decision to the case's review summary, which the researcher and later reviewers read.
 */
@Component("reviewDecisionListener")
class ReviewDecisionListener implements TaskListener {

  static final int MAX_TEXT_LENGTH = 4000;

  private final Directory directory;

  ReviewDecisionListener(Directory directory) {
    this.directory = directory;
  }

  @Override
  public void notify(DelegateTask task) {
    ReviewerRole role = ReviewerRole.ofTask(task.getTaskDefinitionKey())
        .orElseThrow(() -> new IllegalStateException(task.getTaskDefinitionKey() + " is not a review task"));
    Decision decision = decision(task, role);
    String comment = TaskInputs.text(task, role.comment().name(), MAX_TEXT_LENGTH);
    String conditions = TaskInputs.text(task, role.conditions().name(), MAX_TEXT_LENGTH);
    if ((decision == Decision.REFER_BACK || decision == Decision.REJECT) && comment == null) {
      throw new InvalidCaseInputException(role.comment().name(),
          "say why you " + (decision == Decision.REJECT ? "reject" : "refer back") + " the case; the researcher reads it");
    }
    if (decision == Decision.APPROVE_WITH_CONDITIONS && conditions == null) {
      throw new InvalidCaseInputException(role.conditions().name(), "state the conditions of your approval");
    }
    if (decision != Decision.APPROVE_WITH_CONDITIONS && conditions != null) {
      throw new InvalidCaseInputException(role.conditions().name(),
          "conditions belong to APPROVE_WITH_CONDITIONS; choose that decision or remove them");
    }

    String decidedBy = decidedBy(task);
    role.decidedBy().set(task.getExecution(), decidedBy);
    String previous = REVIEW_SUMMARY.get(task.getExecution());
    String entry = summaryEntry(role, decision, decidedBy, comment, conditions);
    REVIEW_SUMMARY.set(task.getExecution(), previous == null || previous.isBlank() ? entry : previous + "\n\n" + entry);
  }

  private static Decision decision(DelegateTask task, ReviewerRole role) {
    Object value = task.getVariable(role.decision().name());
    return Arrays.stream(Decision.values())
        .filter(decision -> decision.name().equals(value))
        .findFirst()
        .orElseThrow(() -> new InvalidCaseInputException(role.decision().name(),
            "must be one of APPROVE, APPROVE_WITH_CONDITIONS, REFER_BACK, REJECT"));
  }

  private static String decidedBy(DelegateTask task) {
    String signedIn = Context.getCommandContext().getAuthenticatedUserId();
    return signedIn != null ? signedIn : task.getAssignee();
  }

  private String summaryEntry(ReviewerRole role, Decision decision, String decidedBy, String comment, String conditions) {
    String who = decidedBy == null ? "" : " " + directory.displayName(decidedBy).orElse(decidedBy) + " (" + decidedBy + ")";
    StringBuilder entry = new StringBuilder()
        .append(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).toLocalDate())
        .append(' ').append(role.label()).append(who).append(": ").append(decision.name());
    if (comment != null) {
      entry.append("\nComment: ").append(comment);
    }
    if (conditions != null) {
      entry.append("\nConditions: ").append(conditions);
    }
    return entry.toString();
  }
}
