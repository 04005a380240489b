package org.trustedresearch.cases.training;

import java.util.Date;
import java.util.List;

import org.trustedresearch.cases.shared.CaseVariables;
import org.trustedresearch.cases.shared.ProcessVariable;

/** The contract of {@code processes/training-induction.bpmn}: its key, element ids and variables. */
public final class InductionProcess {

  public static final String KEY = "training-induction";
  public static final String REFERENCE_PREFIX = "IND";

  public static final String START_EVENT = "StartEvent_JoinedResearchers";
  public static final String COMPLETE_INDUCTION = "UserTask_CompleteInduction";
  public static final String TRAINING_CURRENT_EVENT = "Event_TrainingCurrent";
  public static final String END_DECLARED = "EndEvent_InductionDone";
  public static final String END_TRAINING_CURRENT = "EndEvent_TrainingCurrent";
  /** Correlated when the person's training has become current: the task closes by itself. */
  public static final String TRAINING_CURRENT_MESSAGE = "TrainingCurrent";

  /** The new member whose induction it is; the task is theirs. */
  public static final ProcessVariable<String> REQUESTER = CaseVariables.REQUESTER;
  public static final ProcessVariable<String> CASE_REFERENCE = CaseVariables.CASE_REFERENCE;
  public static final ProcessVariable<String> MODULE = ProcessVariable.string("inductionModule");
  public static final ProcessVariable<String> MODULE_TITLE = ProcessVariable.string("inductionModuleTitle");
  public static final ProcessVariable<String> MODULE_LINK = ProcessVariable.string("inductionModuleLink");
  public static final ProcessVariable<Date> DUE = ProcessVariable.date("inductionDue");
  /** The day the person says they completed the module (yyyy-mm-dd), optional on the task's form. */
  public static final ProcessVariable<String> COMPLETED_ON = ProcessVariable.string("inductionCompletedOn");

  private InductionProcess() {
  }

  public static List<ProcessVariable<?>> variables() {
    return List.of(REQUESTER, CASE_REFERENCE, MODULE, MODULE_TITLE, MODULE_LINK, DUE, COMPLETED_ON);
  }
}
