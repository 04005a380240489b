package org.trustedresearch.cases.shared;

/** Variables every case process has, whatever its kind. */
public final class CaseVariables {

  /** The case's reference, also its business key: TR-2026-0042, INC-2026-0007. */
  public static final ProcessVariable<String> CASE_REFERENCE = ProcessVariable.string("caseReference");

  /** The user whose case it is: who proposed the collaboration or reported the incident (none if anonymous). */
  public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requester");

  private CaseVariables() {
  }
}
