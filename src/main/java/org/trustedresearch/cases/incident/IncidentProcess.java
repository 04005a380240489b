package org.trustedresearch.cases.incident;

import java.util.Date;
import java.util.List;

import org.trustedresearch.cases.shared.CaseVariables;
import org.trustedresearch.cases.shared.ProcessVariable;

/** The incident reporting process: key, element ids and variables (the public ones and its own). */
public final class IncidentProcess {

  public static final String KEY = "incident-reporting";
  public static final String TRIAGE_DECISION = "incident-triage";
  public static final String REFERENCE_PREFIX = "INC";

  public static final String START_EVENT = "StartEvent_IncidentReported";
  public static final String DETERMINE_TRIAGE_GROUP = "DecisionTask_DetermineTriageGroup";
  public static final String TRIAGE = "UserTask_TriageIncident";
  public static final String CONTAIN_BREACH = "UserTask_ContainBreach";
  public static final String DECIDE_ICO_NOTIFICATION = "UserTask_DecideIcoNotification";
  public static final String DECIDE_DISCLOSURE = "UserTask_DecideVoluntaryDisclosure";
  public static final String DECIDE_REFERRAL = "UserTask_DecideReferral";
  public static final String CLOSE = "UserTask_CloseIncident";
  public static final String APPROVE_CASE_STUDY = "UserTask_ApproveCaseStudy";
  public static final String END_CLOSED = "EndEvent_IncidentClosed";

  // What the reporter says
  public static final ProcessVariable<String> CATEGORY = ProcessVariable.string("incidentCategory");
  public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.string("description");
  public static final ProcessVariable<Date> OCCURRED_AT = ProcessVariable.date("occurredAt");
  public static final ProcessVariable<Date> AWARE_AT = ProcessVariable.date("awareAt");
  public static final ProcessVariable<String> RELATED_CASE_REFERENCE = ProcessVariable.string("relatedCaseReference");
  public static final ProcessVariable<Boolean> CONFIDENTIAL = ProcessVariable.bool("confidential");

  // What the report records about itself
  public static final ProcessVariable<String> REFERENCE = CaseVariables.CASE_REFERENCE;
  public static final ProcessVariable<String> REPORTER = CaseVariables.REQUESTER;
  public static final ProcessVariable<String> REPORTER_NAME = ProcessVariable.string("reporterName");
  public static final ProcessVariable<Boolean> ANONYMOUS = ProcessVariable.bool("anonymous");
  public static final ProcessVariable<Boolean> RELATED_RE_REVIEW_STARTED = ProcessVariable.bool("relatedReReviewStarted");

  // Routing (decision table incident-triage, whose result row is kept as triageRouting)
  public static final String TRIAGE_ROUTING = "triageRouting";
  public static final ProcessVariable<String> TRIAGE_GROUP = ProcessVariable.string("triageGroup");
  public static final ProcessVariable<String> CONTAINMENT_GROUP = ProcessVariable.string("containmentGroup");

  // Triage and the decisions that follow
  public static final ProcessVariable<String> SEVERITY = ProcessVariable.string("severity");
  public static final ProcessVariable<String> TRIAGE_NOTES = ProcessVariable.string("triageNotes");
  /** The triage group's decision that the collaboration the report names is re-reviewed now. */
  public static final ProcessVariable<Boolean> RE_REVIEW_RELATED_COLLABORATION =
      ProcessVariable.bool("reReviewRelatedCollaboration");
  public static final ProcessVariable<String> CONTAINMENT_NOTES = ProcessVariable.string("containmentNotes");
  public static final ProcessVariable<Date> ICO_DEADLINE_AT = ProcessVariable.date("icoDeadlineAt");
  public static final ProcessVariable<String> ICO_DECISION = ProcessVariable.string("icoDecision");
  public static final ProcessVariable<String> ICO_REASONS = ProcessVariable.string("icoReasons");
  public static final ProcessVariable<Boolean> ICO_DEADLINE_MET = ProcessVariable.bool("icoDeadlineMet");
  public static final ProcessVariable<String> DISCLOSURE_DECISION = ProcessVariable.string("disclosureDecision");
  public static final ProcessVariable<String> DISCLOSURE_REASONS = ProcessVariable.string("disclosureReasons");
  public static final ProcessVariable<String> REFERRAL_DECISION = ProcessVariable.string("referralDecision");
  public static final ProcessVariable<String> REFERRAL_REASONS = ProcessVariable.string("referralReasons");

  // Closure
  public static final ProcessVariable<String> ACTIONS_TAKEN = ProcessVariable.string("actionsTaken");
  public static final ProcessVariable<String> LESSONS_LEARNED = ProcessVariable.string("lessonsLearned");
  public static final ProcessVariable<Boolean> CASE_STUDY_PROPOSED = ProcessVariable.bool("caseStudyProposed");
  public static final ProcessVariable<String> CASE_STUDY_TITLE = ProcessVariable.string("caseStudyTitle");
  public static final ProcessVariable<String> CASE_STUDY_TEXT = ProcessVariable.string("caseStudyText");
  public static final ProcessVariable<String> CASE_STUDY_DECISION = ProcessVariable.string("caseStudyDecision");

  public enum Category {
    SUSPICIOUS_APPROACH, FOREIGN_INTERFERENCE, CYBER_INCIDENT, PERSONAL_DATA_BREACH, EXPORT_CONTROL_BREACH,
    LOST_DEVICE, OTHER
  }

  public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

  public enum IcoDecision { NOTIFY, DO_NOT_NOTIFY }

  public enum DisclosureDecision { DISCLOSE, DO_NOT_DISCLOSE }

  public enum ReferralDecision { REFER, DO_NOT_REFER }

  public enum CaseStudyDecision { PUBLISH, DO_NOT_PUBLISH }

  /** Where a report stands, all an anonymous reporter can learn with their receipt code. */
  public enum Status { RECEIVED, TRIAGED, CLOSED }

  public static List<ProcessVariable<?>> variables() {
    return List.of(CATEGORY, DESCRIPTION, OCCURRED_AT, AWARE_AT, RELATED_CASE_REFERENCE, CONFIDENTIAL, REFERENCE,
        REPORTER, REPORTER_NAME, ANONYMOUS, RELATED_RE_REVIEW_STARTED, TRIAGE_GROUP, CONTAINMENT_GROUP, SEVERITY,
        TRIAGE_NOTES, RE_REVIEW_RELATED_COLLABORATION, CONTAINMENT_NOTES, ICO_DEADLINE_AT, ICO_DECISION, ICO_REASONS, ICO_DEADLINE_MET,
        DISCLOSURE_DECISION, DISCLOSURE_REASONS, REFERRAL_DECISION, REFERRAL_REASONS, ACTIONS_TAKEN, LESSONS_LEARNED,
        CASE_STUDY_PROPOSED, CASE_STUDY_TITLE, CASE_STUDY_TEXT, CASE_STUDY_DECISION);
  }

  private IncidentProcess() {
  }
}
