package org.trustedresearch.cases.riskassessment;

import java.util.List;

import org.trustedresearch.cases.shared.ProcessVariable;

/** The risk assessment sign-off process: key, element ids and its own variables. */
public final class SignOffProcess {

  public static final String KEY = "risk-assessment-sign-off";
  public static final String REVIEWERS_DECISION = "sign-off-reviewers";

  public static final String START_EVENT = "StartEvent_SignOffRequested";
  public static final String FIND_HEAD_OF_DEPARTMENT = "ServiceTask_FindHeadOfDepartment";
  public static final String ADVISE_AS_CHAMPION = "UserTask_AdviseAsSecurityChampion";
  public static final String CHAMPION_ADVICE_OVERDUE = "Timer_SecurityChampionAdviceOverdue";
  public static final String RECORD_MISSING_ADVICE = "ServiceTask_RecordMissingAdvice";
  public static final String DETERMINE_REVIEWERS = "DecisionTask_DetermineReviewers";
  public static final String RECORD_OUTCOME = "ServiceTask_RecordSignOffOutcome";
  public static final String END_EVENT = "EndEvent_SignOffCompleted";

  /** The group that gives the first sign-off. */
  public static final ProcessVariable<String> HOD_GROUP = ProcessVariable.string("hodGroup");
  /** The department's security champions, when a MEDIUM or HIGH case has one to advise; unset otherwise. */
  public static final ProcessVariable<String> CHAMPION_GROUP = ProcessVariable.string("championGroup");
  /** The champion's advice, free text, and how concerned they are ({@link ChampionConcern}). */
  public static final ProcessVariable<String> CHAMPION_ADVICE = ProcessVariable.string("championAdvice");
  public static final ProcessVariable<String> CHAMPION_CONCERN = ProcessVariable.string("championConcern");
  /** Who advised, recorded by the engine from the signed-in user. */
  public static final ProcessVariable<String> CHAMPION_ADVISED_BY = ProcessVariable.string("championAdvisedBy");
  /** How the champion step of this round ended ({@link ChampionAdviceOutcome}); unset for LOW cases. */
  public static final ProcessVariable<String> CHAMPION_ADVICE_OUTCOME = ProcessVariable.string("championAdviceOutcome");
  /** The advice as every later reviewer's form shows it: when, who, concern and text, or that none came in time. */
  public static final ProcessVariable<String> CHAMPION_ADVICE_SUMMARY = ProcessVariable.string("championAdviceSummary");

  /** The specialist groups the decision table requires (a list of group ids). */
  public static final String REQUIRED_REVIEWERS = "requiredReviewers";

  public static List<ProcessVariable<?>> variables() {
    List<ProcessVariable<?>> variables = new java.util.ArrayList<>(List.of(HOD_GROUP, CHAMPION_GROUP, CHAMPION_ADVICE,
        CHAMPION_CONCERN, CHAMPION_ADVISED_BY, CHAMPION_ADVICE_OUTCOME, CHAMPION_ADVICE_SUMMARY));
    for (ReviewerRole role : ReviewerRole.values()) {
      variables.addAll(List.of(role.decision(), role.comment(), role.conditions(), role.decidedBy()));
    }
    return List.copyOf(variables);
  }

  /** How concerned the security champion is about the case. */
  public enum ChampionConcern { NO_CONCERN, SOME_CONCERN, SERIOUS_CONCERN }

  /** How the security champion step of a round ended. */
  public enum ChampionAdviceOutcome {
    /** A champion advised. */
    ADVISED,
    /** The due date passed without advice; the case went on to the head of department. */
    NO_ADVICE_IN_TIME,
    /** The department had no champion (besides the requester) when the round began. */
    NO_CHAMPION
  }

  private SignOffProcess() {
  }
}
