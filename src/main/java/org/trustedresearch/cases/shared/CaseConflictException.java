package org.trustedresearch.cases.shared;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * What the caller asked for was done a moment before, or the case moved on meanwhile: answered
 * 409 Conflict on every route with the message as given, which says what happened in words a
 * person understands and that reloading shows the case as it is now. Rolls back whatever the
 * command had started, like any engine exception.
 */
public class CaseConflictException extends ProcessEngineException {

  public CaseConflictException(String message) {
    super(message);
  }
}
