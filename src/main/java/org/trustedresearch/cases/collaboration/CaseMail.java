package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.Notifications;

/** What the requester is told about their case, from the case's variables. */
@Component
class CaseMail {

  static final String APPROVED = "case-approved";
  static final String REJECTED = "case-rejected";
  static final String WITHDRAWN = "case-withdrawn";
  static final String RE_REVIEW_ANNOUNCED = "re-review-announced";
  static final String ENDED = "collaboration-ended";
  static final String CHAMPION_THANKS = "champion-thanks";

  private final Notifications notifications;

  CaseMail(Notifications notifications) {
    this.notifications = notifications;
  }

  /** The outcome of a sign-off: approved (with conditions, thanks for a high-risk case) or rejected. */
  void decided(DelegateExecution execution, Outcome outcome) {
    Map<String, Object> model = model(execution);
    switch (outcome) {
      case APPROVED, APPROVED_WITH_CONDITIONS -> {
        boolean highRisk = RiskTier.HIGH.name().equals(RISK_TIER.get(execution));
        model.put("thankYou", highRisk);
        tell(execution, APPROVED, model, highRisk);
        thankChampions(execution);
      }
      case REJECTED -> tell(execution, REJECTED, model, false);
      case WITHDRAWN -> withdrawn(execution, "you withdrew it.");
    }
  }

  /** The security champions who advised on an approved case are thanked, each in a message of their own. */
  private void thankChampions(DelegateExecution execution) {
    String advisers = CHAMPION_ADVISERS.get(execution);
    if (advisers != null && !advisers.isBlank()) {
      notifications.tellEach(CHAMPION_THANKS, CASE_REFERENCE.get(execution), List.of(advisers.split(",")),
          Map.of("partnerName", PARTNER_NAME.get(execution)), true);
    }
  }

  void withdrawn(DelegateExecution execution, String reason) {
    Map<String, Object> model = model(execution);
    model.put("reason", reason);
    tell(execution, WITHDRAWN, model, false);
  }

  void reReviewAnnounced(DelegateExecution execution) {
    tell(execution, RE_REVIEW_ANNOUNCED, model(execution), false);
  }

  void ended(DelegateExecution execution, String reason) {
    Map<String, Object> model = model(execution);
    model.put("reason", reason);
    tell(execution, ENDED, model, false);
  }

  private void tell(DelegateExecution execution, String template, Map<String, Object> model, boolean thankYou) {
    notifications.tell(template, CASE_REFERENCE.get(execution), REQUESTER.get(execution), model, thankYou);
  }

  /** The reviewers' decisions and, when the agreement was rejected, why. */
  private static String reviewSummary(DelegateExecution execution) {
    String summary = REVIEW_SUMMARY.get(execution);
    if (!MouOutcome.REJECTED.name().equals(MOU_OUTCOME.get(execution))) {
      return summary;
    }
    String agreement = "The agreement (MoU) was rejected: " + MOU_DECISION_NOTE.get(execution);
    return summary == null || summary.isBlank() ? agreement : summary + "\n\n" + agreement;
  }

  private Map<String, Object> model(DelegateExecution execution) {
    Map<String, Object> model = new HashMap<>();
    model.put("partnerName", PARTNER_NAME.get(execution));
    model.put("riskTier", RISK_TIER.get(execution));
    model.put("conditions", CONDITIONS.get(execution));
    model.put("reviewSummary", reviewSummary(execution));
    model.put("reReviewDate", notifications.format(RE_REVIEW_DUE_AT.get(execution)));
    model.put("thankYou", false);
    return model;
  }
}
