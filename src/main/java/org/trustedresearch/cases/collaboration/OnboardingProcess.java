package org.trustedresearch.cases.collaboration;

/** The collaboration onboarding process: key and the element ids code and tests refer to. */
public final class OnboardingProcess {

  public static final String KEY = "collaboration-onboarding";
  public static final String CASE_REFERENCE_PREFIX = "TR";

  public static final String START_EVENT = "StartEvent_CollaborationProposed";
  public static final String SCREEN_PARTNER = "ServiceTask_ScreenPartner";
  public static final String DETERMINE_RISK_TIER = "DecisionTask_DetermineRiskTier";
  public static final String SIGN_OFF = "CallActivity_RiskAssessmentSignOff";
  public static final String AMEND_PROPOSAL = "UserTask_AmendProposal";
  public static final String RECORD_OUTCOME = "ServiceTask_RecordCaseOutcome";
  public static final String END_APPROVED = "EndEvent_CollaborationApproved";
  public static final String END_REJECTED = "EndEvent_CollaborationRejected";
  public static final String END_WITHDRAWN = "EndEvent_CollaborationWithdrawn";

  private OnboardingProcess() {
  }
}
