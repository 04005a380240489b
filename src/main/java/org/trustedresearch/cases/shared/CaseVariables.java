package org.trustedresearch.cases.shared;

/** Variables every case process has, whatever its kind. */
public final class CaseVariables {

  /** The user whose case it is: who proposed the collaboration or reported the incident. */
  public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requester");

  private CaseVariables() {
  }
}
