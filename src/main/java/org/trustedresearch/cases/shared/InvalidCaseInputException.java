package org.trustedresearch.cases.shared;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input a user gave that the case cannot accept, naming each field and what is wrong with it.
 * Extends the engine's form validation exception so that every entry point (Tasklist forms, REST
 * submit-form, task completion) reports it as a bad request and rolls back whatever the command
 * had started, so nothing is half created.
 */
public class InvalidCaseInputException extends FormFieldValidationException {

  /** One field and what is wrong with it, in words a user can act on. */
  public record Problem(String field, String message) {

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  public InvalidCaseInputException(List<Problem> problems) {
    super(problems.get(0).field(), problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public InvalidCaseInputException(String field, String message) {
    this(List.of(new Problem(field, message)));
  }

  public List<Problem> getProblems() {
    return problems;
  }
}
