package org.trustedresearch.cases.mou;

import java.util.Date;
import java.util.List;

import org.trustedresearch.cases.shared.ProcessVariable;

/** The MoU clause review and signed agreement processes: keys, element ids and their own variables. */
public final class MouReviewProcess {

  public static final String KEY = "mou-clause-review";
  /** Started when an agreement is cleared: the signed copy, then its renewal. */
  public static final String SIGNED_AGREEMENT_KEY = "mou-signed-agreement";
  public static final String REQUIRED_CLAUSES_DECISION = "mou-required-clauses";

  public static final String START_EVENT = "StartEvent_MouReviewRequested";
  public static final String DETERMINE_REQUIRED_CLAUSES = "DecisionTask_DetermineRequiredClauses";
  public static final String PROVIDE_DRAFT = "UserTask_ProvideDraftAgreement";
  public static final String REVIEW_CLAUSES = "UserTask_ReviewClauses";
  public static final String DECIDE_DEVIATION = "UserTask_DecideDeviation";
  public static final String RECORD_DECISION = "ServiceTask_RecordMouDecision";
  public static final String END_CLEARED = "EndEvent_MouCleared";
  public static final String END_REJECTED = "EndEvent_MouRejected";

  public static final String UPLOAD_SIGNED = "UserTask_UploadSignedAgreement";
  public static final String RENEWAL_NOTICE = "Timer_RenewalNotice";
  public static final String END_RENEWAL_ANNOUNCED = "EndEvent_RenewalAnnounced";

  /** Why a review is started on its own (a renewal, an agreement that came later). */
  public static final ProcessVariable<String> REVIEW_REASON = ProcessVariable.string("mouReviewReason");
  /** The decision table's result: the ids of the clauses the agreement must contain. */
  public static final String REQUIRED_CLAUSES = "requiredClauses";
  public static final ProcessVariable<Long> REVIEW_ID = ProcessVariable.number("mouReviewId");
  public static final ProcessVariable<Long> ROUND = ProcessVariable.number("mouRound");
  /** Legal's clause-by-clause review as JSON: {"CLAUSE_ID": {"status": "PRESENT", "note": "..."}, ...}. */
  public static final String CLAUSE_CHECKS = "clauseChecks";
  public static final ProcessVariable<String> LATEST_DRAFT = ProcessVariable.string("mouLatestDraft");
  public static final ProcessVariable<String> CHANGE_NOTE = ProcessVariable.string("mouChangeNote");
  public static final ProcessVariable<String> LEGAL_DECISION = ProcessVariable.string("mouLegalDecision");
  public static final ProcessVariable<String> LEGAL_NOTES = ProcessVariable.string("mouLegalNotes");
  /** Legal's notes of the last round that asked for changes, as the requester reads them. */
  public static final ProcessVariable<String> REQUESTED_CHANGES = ProcessVariable.string("mouRequestedChanges");
  public static final ProcessVariable<String> CLAUSE_SUMMARY = ProcessVariable.string("mouClauseSummary");
  public static final ProcessVariable<Boolean> DEVIATION = ProcessVariable.bool("mouDeviation");
  public static final ProcessVariable<String> MISSING_CLAUSES = ProcessVariable.string("mouMissingClauses");
  public static final ProcessVariable<String> DEVIATION_DECISION = ProcessVariable.string("mouDeviationDecision");
  public static final ProcessVariable<String> DEVIATION_REASON = ProcessVariable.string("mouDeviationReason");
  public static final ProcessVariable<String> SIGNED_COPY = ProcessVariable.string("mouSignedCopy");
  public static final ProcessVariable<Date> EXPIRES_ON = ProcessVariable.date("mouExpiresOn");
  public static final ProcessVariable<Date> RENEWAL_NOTICE_AT = ProcessVariable.date("mouRenewalNoticeAt");

  /** Legal's decision on a draft. */
  public enum LegalDecision { CLEAR, REQUEST_CHANGES, ESCALATE }

  /** What legal found for one required clause. */
  public enum ClauseStatus { PRESENT, MISSING, AMENDED }

  /** The Head of Risk's decision on a deviation from the required clauses. */
  public enum DeviationDecision { ACCEPT_DEVIATION, REJECT_MOU }

  /** Every variable name of these processes, for checks that models and forms only use known names. */
  public static List<String> variableNames() {
    return List.of(REVIEW_REASON.name(), REQUIRED_CLAUSES, REVIEW_ID.name(), ROUND.name(), CLAUSE_CHECKS,
        LATEST_DRAFT.name(), CHANGE_NOTE.name(), LEGAL_DECISION.name(), LEGAL_NOTES.name(), REQUESTED_CHANGES.name(), CLAUSE_SUMMARY.name(),
        DEVIATION.name(), MISSING_CLAUSES.name(), DEVIATION_DECISION.name(), DEVIATION_REASON.name(),
        SIGNED_COPY.name(), EXPIRES_ON.name(), RENEWAL_NOTICE_AT.name());
  }

  private MouReviewProcess() {
  }
}
