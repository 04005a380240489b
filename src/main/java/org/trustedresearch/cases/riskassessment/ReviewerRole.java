package org.trustedresearch.cases.riskassessment;

import java.util.Arrays;
import java.util.Optional;

import org.trustedresearch.cases.shared.ProcessVariable;

/**
 * The approver roles of a sign-off, each with its own decision variables ({@code hodDecision},
 * {@code legalDecision}...) so that no reviewer overwrites another's decision.
 */
public enum ReviewerRole {

  HEAD_OF_DEPARTMENT("hod", "UserTask_ReviewAsHeadOfDepartment", "Head of department"),
  LEGAL("legal", "UserTask_ReviewAsLegal", "Legal"),
  IT_SECURITY("itSecurity", "UserTask_ReviewAsItSecurity", "IT security"),
  HEAD_OF_RISK("headOfRisk", "UserTask_ReviewAsHeadOfRisk", "Head of Risk");

  private final String prefix;
  private final String taskId;
  private final String label;

  ReviewerRole(String prefix, String taskId, String label) {
    this.prefix = prefix;
    this.taskId = taskId;
    this.label = label;
  }

  public String taskId() {
    return taskId;
  }

  public String label() {
    return label;
  }

  public ProcessVariable<String> decision() {
    return ProcessVariable.string(prefix + "Decision");
  }

  public ProcessVariable<String> comment() {
    return ProcessVariable.string(prefix + "Comment");
  }

  public ProcessVariable<String> conditions() {
    return ProcessVariable.string(prefix + "Conditions");
  }

  /** Who decided, recorded by the engine from the signed-in user. */
  public ProcessVariable<String> decidedBy() {
    return ProcessVariable.string(prefix + "DecidedBy");
  }

  public static Optional<ReviewerRole> ofTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(role -> role.taskId.equals(taskDefinitionKey)).findFirst();
  }

  /** A reviewer's decision. */
  public enum Decision { APPROVE, APPROVE_WITH_CONDITIONS, REFER_BACK, REJECT }
}
