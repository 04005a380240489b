package org.trustedresearch.cases.platform;

/**
 * Completes a form with what only the running configuration knows (the clause library, say) before
 * it is deployed, so that the form a person fills in always matches the configuration the process
 * checks against.
 */
public interface FormContent {

  /** The deployed resource it completes, e.g. {@code forms/mou-clause-review/review-clauses.form}. */
  String resourceName();

  /** The form as deployed, from the form as written. */
  byte[] complete(byte[] form);
}
