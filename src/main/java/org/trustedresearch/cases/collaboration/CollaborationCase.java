package org.trustedresearch.cases.collaboration;

import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.trustedresearch.cases.shared.CaseVariables;
import org.trustedresearch.cases.shared.ProcessVariable;

/**
 * The variables of a collaboration case. Every process that works on the case uses
 * these names; called processes receive them from onboarding.
 */
public final class CollaborationCase {

  // What the researcher proposes
  public static final ProcessVariable<String> DEPARTMENT = ProcessVariable.string("department");
  public static final ProcessVariable<String> PARTNER_NAME = ProcessVariable.string("partnerName");
  public static final ProcessVariable<String> PARTNER_COUNTRY = ProcessVariable.string("partnerCountry");
  public static final ProcessVariable<String> ACTIVITY_TYPE = ProcessVariable.string("activityType");
  public static final ProcessVariable<Long> FUNDING_AMOUNT_GBP = ProcessVariable.number("fundingAmountGbp");
  public static final ProcessVariable<Boolean> EXPORT_CONTROLLED = ProcessVariable.bool("exportControlled");
  public static final ProcessVariable<Boolean> DUAL_USE = ProcessVariable.bool("dualUse");
  public static final ProcessVariable<Boolean> SENSITIVE_DATA = ProcessVariable.bool("sensitiveData");
  public static final ProcessVariable<Boolean> COMMERCIAL_POTENTIAL = ProcessVariable.bool("commercialPotential");
  public static final ProcessVariable<Boolean> ETHICAL_CONCERNS = ProcessVariable.bool("ethicalConcerns");
  public static final ProcessVariable<Boolean> PARTNER_STATE_LINKS = ProcessVariable.bool("partnerStateLinks");
  public static final ProcessVariable<Boolean> MOU_REQUIRED = ProcessVariable.bool("mouRequired");
  public static final ProcessVariable<String> SUMMARY = ProcessVariable.string("summary");

  // What the case records about itself
  public static final ProcessVariable<String> CASE_REFERENCE = CaseVariables.CASE_REFERENCE;
  public static final ProcessVariable<String> REQUESTER = CaseVariables.REQUESTER;
  public static final ProcessVariable<String> REQUESTER_NAME = ProcessVariable.string("requesterName");

  // Screening and tiering
  public static final ProcessVariable<String> SCREENING_RESULT = ProcessVariable.string("screeningResult");
  public static final ProcessVariable<String> SCREENING_LIST_DATE = ProcessVariable.string("screeningListDate");
  public static final ProcessVariable<String> SCREENING_MATCHES = ProcessVariable.string("screeningMatches");
  public static final ProcessVariable<Boolean> PARTNER_IN_HIGH_RISK_COUNTRY =
      ProcessVariable.bool("partnerInHighRiskCountry");
  public static final ProcessVariable<String> RISK_TIER = ProcessVariable.string("riskTier");

  // Sign-off results as the case sees them
  public static final ProcessVariable<String> SIGN_OFF_OUTCOME = ProcessVariable.string("signOffOutcome");
  public static final ProcessVariable<String> REVIEW_SUMMARY = ProcessVariable.string("reviewSummary");
  public static final ProcessVariable<String> CONDITIONS = ProcessVariable.string("conditions");
  public static final ProcessVariable<String> OUTCOME = ProcessVariable.string("outcome");
  /** The security champions who advised on the case in any round (user ids, comma separated), thanked on approval. */
  public static final ProcessVariable<String> CHAMPION_ADVISERS = ProcessVariable.string("championAdvisers");

  // The agreement (MoU) as the case sees it, from the MoU clause review
  public static final ProcessVariable<String> MOU_OUTCOME = ProcessVariable.string("mouOutcome");
  public static final ProcessVariable<Boolean> SECURITY_CLAUSE_INCLUDED = ProcessVariable.bool("securityClauseIncluded");
  public static final ProcessVariable<String> MOU_DECISION_NOTE = ProcessVariable.string("mouDecisionNote");

  // The researcher's answer to a referral back
  public static final ProcessVariable<String> AMEND_DECISION = ProcessVariable.string("amendDecision");
  public static final ProcessVariable<String> AMENDMENT_NOTE = ProcessVariable.string("amendmentNote");

  // Withdrawal and periodic re-review
  public static final ProcessVariable<String> WITHDRAWAL_REASON = ProcessVariable.string("withdrawalReason");
  public static final ProcessVariable<Date> RE_REVIEW_DUE_AT = ProcessVariable.date("reReviewDueAt");
  public static final ProcessVariable<Date> RE_REVIEW_NOTICE_AT = ProcessVariable.date("reReviewNoticeAt");
  public static final ProcessVariable<String> RE_REVIEW_REASON = ProcessVariable.string("reReviewReason");
  public static final ProcessVariable<String> RE_REVIEW_DECISION = ProcessVariable.string("reReviewDecision");
  public static final ProcessVariable<String> RE_REVIEW_COMMENT = ProcessVariable.string("reReviewComment");
  public static final ProcessVariable<Date> COLLABORATION_ENDED_AT = ProcessVariable.date("collaborationEndedAt");

  // The requester's Trusted Research training: checked at the start, the case held until it is current or waived
  public static final ProcessVariable<Boolean> TRAINING_CURRENT = ProcessVariable.bool("trainingCurrent");
  public static final ProcessVariable<String> REQUESTER_TRAINING = ProcessVariable.string("requesterTraining");
  public static final ProcessVariable<String> TRAINING_MODULE = ProcessVariable.string("trainingModule");
  public static final ProcessVariable<String> TRAINING_MODULE_TITLE = ProcessVariable.string("trainingModuleTitle");
  public static final ProcessVariable<String> TRAINING_MODULE_LINK = ProcessVariable.string("trainingModuleLink");
  public static final ProcessVariable<String> TRAINING_COMPLETED_ON = ProcessVariable.string("trainingCompletedOn");
  public static final ProcessVariable<Date> TRAINING_HOLD_STARTED_AT = ProcessVariable.date("trainingHoldStartedAt");
  public static final ProcessVariable<Date> TRAINING_HOLD_ENDED_AT = ProcessVariable.date("trainingHoldEndedAt");
  public static final ProcessVariable<String> TRAINING_WAIVED_BY = ProcessVariable.string("trainingWaivedBy");
  public static final ProcessVariable<String> TRAINING_WAIVER_REASON = ProcessVariable.string("trainingWaiverReason");

  /** The training variables, for checks that models and forms only use known names. */
  public static final List<ProcessVariable<?>> TRAINING = List.of(TRAINING_CURRENT, REQUESTER_TRAINING, TRAINING_MODULE,
      TRAINING_MODULE_TITLE, TRAINING_MODULE_LINK, TRAINING_COMPLETED_ON, TRAINING_HOLD_STARTED_AT,
      TRAINING_HOLD_ENDED_AT, TRAINING_WAIVED_BY, TRAINING_WAIVER_REASON);

  /** What the researcher answers when proposing or amending a collaboration. */
  public static final List<ProcessVariable<?>> PROPOSAL = List.of(
      DEPARTMENT, PARTNER_NAME, PARTNER_COUNTRY, ACTIVITY_TYPE, FUNDING_AMOUNT_GBP, EXPORT_CONTROLLED, DUAL_USE,
      SENSITIVE_DATA, COMMERCIAL_POTENTIAL, ETHICAL_CONCERNS, PARTNER_STATE_LINKS, MOU_REQUIRED, SUMMARY);

  /** Every variable name of the case, for checks that models and forms only use known names. */
  public static final List<ProcessVariable<?>> ALL = Stream.concat(TRAINING.stream(), Stream.<ProcessVariable<?>>of(
      DEPARTMENT, PARTNER_NAME, PARTNER_COUNTRY, ACTIVITY_TYPE, FUNDING_AMOUNT_GBP, EXPORT_CONTROLLED, DUAL_USE,
      SENSITIVE_DATA, COMMERCIAL_POTENTIAL, ETHICAL_CONCERNS, PARTNER_STATE_LINKS, MOU_REQUIRED, SUMMARY,
      CASE_REFERENCE, REQUESTER, REQUESTER_NAME, SCREENING_RESULT, SCREENING_LIST_DATE, SCREENING_MATCHES,
      PARTNER_IN_HIGH_RISK_COUNTRY, RISK_TIER, SIGN_OFF_OUTCOME, REVIEW_SUMMARY, CONDITIONS, OUTCOME, CHAMPION_ADVISERS,
      MOU_OUTCOME, SECURITY_CLAUSE_INCLUDED, MOU_DECISION_NOTE, AMEND_DECISION, AMENDMENT_NOTE, WITHDRAWAL_REASON, RE_REVIEW_DUE_AT, RE_REVIEW_NOTICE_AT, RE_REVIEW_REASON,
      RE_REVIEW_DECISION, RE_REVIEW_COMMENT, COLLABORATION_ENDED_AT)).toList();

  public enum ActivityType { RESEARCH_COLLABORATION, FUNDING, VISITING_RESEARCHER, DATA_SHARING, IP_LICENCE, OTHER }

  public enum RiskTier { LOW, MEDIUM, HIGH }

  public enum ScreeningResult { CLEAR, POTENTIAL_MATCH }

  /** How a round of sign-off ended. */
  public enum SignOffOutcome { APPROVED, APPROVED_WITH_CONDITIONS, REFERRED_BACK, REJECTED }

  /** How the case ended. */
  public enum Outcome { APPROVED, APPROVED_WITH_CONDITIONS, REJECTED, WITHDRAWN }

  /** How the review of the case's agreement ended. */
  public enum MouOutcome { CLEARED, REJECTED }

  /** The researcher's choice on a referred-back case. */
  public enum AmendDecision { RESUBMIT, WITHDRAW }

  /** The research office's decision at a re-review. */
  public enum ReReviewDecision { CONFIRM, REASSESS, END }

  private CollaborationCase() {
  }
}
