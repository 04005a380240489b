package org.trustedresearch.cases.collaboration;

/** The collaboration onboarding process: key, messages and the element ids code and tests refer to. */
public final class OnboardingProcess {

  public static final String KEY = "collaboration-onboarding";
  public static final String CASE_REFERENCE_PREFIX = "TR";

  /** The process a researcher starts to withdraw their case (Tasklist or REST). */
  public static final String WITHDRAWAL_PROCESS = "case-withdrawal";
  /** The process the research office starts to re-review a collaboration early. */
  public static final String EARLY_RE_REVIEW_PROCESS = "early-re-review";

  /** Correlated to the case when its requester withdraws it. */
  public static final String WITHDRAWAL_REQUESTED = "CaseWithdrawalRequested";
  /** Sent to every process of a case whose collaboration ended or was rejected (its signed agreement, say). */
  public static final String COLLABORATION_ENDED = "CollaborationEnded";
  /** Correlated to an approved collaboration to re-review it before its date. */
  public static final String RE_REVIEW_REQUESTED = "ReReviewRequested";

  /** Correlated to a case held for its requester's training once a completion makes it current. */
  public static final String TRAINING_RECORDED = "TrainingRecorded";
  /** The research office rejected the completion the requester declared on the training task. */
  public static final String TRAINING_DECLARATION_REJECTED = "TrainingDeclarationRejected";
  /** Correlated to a case held for its requester's training when the research office waives it. */
  public static final String TRAINING_WAIVED = "TrainingWaived";

  public static final String START_EVENT = "StartEvent_CollaborationProposed";
  public static final String GATEWAY_TRAINING_CURRENT = "Gateway_TrainingCurrent";
  public static final String TRAINING_HOLD = "SubProcess_TrainingHold";
  public static final String COMPLETE_TRAINING = "UserTask_CompleteTraining";
  public static final String TIMER_RECHECK_TRAINING = "Timer_RecheckTraining";
  public static final String RECHECK_TRAINING = "ServiceTask_RecheckTraining";
  public static final String SCREEN_PARTNER = "ServiceTask_ScreenPartner";
  public static final String DETERMINE_RISK_TIER = "DecisionTask_DetermineRiskTier";
  public static final String SIGN_OFF = "CallActivity_RiskAssessmentSignOff";
  public static final String AMEND_PROPOSAL = "UserTask_AmendProposal";
  public static final String RECORD_OUTCOME = "ServiceTask_RecordCaseOutcome";
  public static final String AWAIT_RE_REVIEW = "Gateway_AwaitReReview";
  public static final String RE_REVIEW = "UserTask_ReReviewCollaboration";
  public static final String END_ENDED = "EndEvent_CollaborationEnded";
  public static final String END_REJECTED = "EndEvent_CollaborationRejected";
  public static final String END_WITHDRAWN = "EndEvent_CollaborationWithdrawn";
  public static final String END_WITHDRAWN_UNAMENDED = "EndEvent_CollaborationWithdrawnUnamended";
  public static final String END_WITHDRAWN_ON_REQUEST = "EndEvent_CollaborationWithdrawnOnRequest";

  private OnboardingProcess() {
  }
}
