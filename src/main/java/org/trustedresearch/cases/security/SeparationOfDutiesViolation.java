package org.trustedresearch.cases.security;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * Refusal of a review action to the person whose case it is. An authorization refusal, so every
 * API answers it with 403 and the engine rolls the action back.
 */
public class SeparationOfDutiesViolation extends AuthorizationException {

  public SeparationOfDutiesViolation(String message) {
    super(message);
  }
}
