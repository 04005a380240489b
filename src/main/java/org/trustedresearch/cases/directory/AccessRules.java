package org.trustedresearch.cases.directory;

import java.util.List;

import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who may do what, where the rule is "members of these groups", stated once with its reason. The
 * engine's command policy and the project's controllers ask here; docs/security.md explains how
 * these rules sit beside the engine's authorizations, the per-case grants and separation of duties.
 * <p>
 * Who someone is comes from the signed-in authentication: the groups the login found, which are also
 * what the engine's own authorization checks use. Nobody signed in belongs to no group.
 */
public final class AccessRules {

  private AccessRules() {
  }

  /** Administrators run the installation: deployments, identity, repairs to running cases. */
  public static boolean administers(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.CAMUNDA_ADMIN));
  }

  /**
   * The engine's own metrics (process and task counts, executed jobs) say how busy the installation
   * is; managers plan with them, administrators run it. Researchers and reviewers have no use for them.
   */
  public static boolean readsEngineMetrics(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.CAMUNDA_ADMIN, Groups.MANAGERS));
  }

  /** The application's metrics (Prometheus): the programme's figures and the installation's health. */
  public static boolean readsApplicationMetrics(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.MANAGERS, Groups.HEAD_OF_RISK, Groups.RESEARCH_OFFICE, Groups.CAMUNDA_ADMIN));
  }

  /** The programme's KPIs: those who evaluate the programme. Administrators run it and do not judge it. */
  public static boolean readsKpis(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.MANAGERS, Groups.HEAD_OF_RISK, Groups.RESEARCH_OFFICE));
  }

  /**
   * Incident counts by category and status: managers see incidents only as counts, the Head of Risk
   * reads them all anyway. Not administrators: reports are not theirs to follow.
   */
  public static boolean countsIncidents(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.MANAGERS, Groups.HEAD_OF_RISK));
  }

  /** The outbox of e-mails (who was told what) is operated by administrators. */
  public static boolean operatesOutbox(Authentication caller) {
    return administers(caller);
  }

  /**
   * Every case's agreement files: legal and the research office start the review of a renewed
   * agreement, the Head of Risk decides deviations. Others read the files of the cases they may read.
   */
  public static boolean readsEveryAgreement(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.LEGAL, Groups.RESEARCH_OFFICE, Groups.HEAD_OF_RISK));
  }

  /** Besides the requester, legal and the research office exchange agreement drafts with partners. */
  public static boolean uploadsAnyAgreement(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.LEGAL, Groups.RESEARCH_OFFICE));
  }

  /**
   * Training records are kept by the research office: it imports the learning system's export and
   * confirms or rejects what people declared themselves.
   */
  public static boolean keepsTrainingRecords(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.RESEARCH_OFFICE));
  }

  /**
   * A case held for its requester's training may go on without it (the training is booked, say): the
   * research office, who keep the training records, decide it and say why.
   */
  public static boolean waivesTrainingGates(Authentication caller) {
    return keepsTrainingRecords(caller);
  }

  /** Anyone's training records: the research office keeps them, managers follow the programme's coverage. */
  public static boolean readsEveryTrainingRecord(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.RESEARCH_OFFICE, Groups.MANAGERS));
  }

  /** Staff survey campaigns are run by the research office, which looks after the programme's culture work. */
  public static boolean runsSurveys(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.RESEARCH_OFFICE));
  }

  /**
   * Survey results, only ever as groups of five or more: those who evaluate the programme. Not administrators,
   * and not heads of department, whose own staff answered.
   */
  public static boolean readsSurveyResults(Authentication caller) {
    return inAnyOf(caller, List.of(Groups.RESEARCH_OFFICE, Groups.MANAGERS, Groups.HEAD_OF_RISK));
  }

  private static boolean inAnyOf(Authentication caller, List<String> groups) {
    return caller != null && caller.getUserId() != null && caller.getGroupIds() != null
        && caller.getGroupIds().stream().anyMatch(groups::contains);
  }
}
