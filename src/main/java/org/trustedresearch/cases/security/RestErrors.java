package org.trustedresearch.cases.security;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.rest.exception.RestException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Engine REST turns an exception thrown while starting a process into a 500, wrapping the cause.
 * Bad case input is the caller's mistake: it is answered with 400 and the fields at fault.
 */
final class RestErrors {

  private RestErrors() {
  }

  static Response badInput(InvalidCaseInputException input) {
    List<Map<String, String>> problems = input.getProblems().stream()
        .map(problem -> Map.of("field", problem.field(), "message", problem.message()))
        .toList();
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "InvalidCaseInput", "message", input.getMessage(), "problems", problems))
        .build();
  }

  /** Replaces Camunda's handler for {@link RestException}, looking for bad input among the causes. */
  @Provider
  static class WrappedErrors implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidCaseInputException input) {
          return badInput(input);
        }
      }
      return EngineErrors.answer(exception);
    }
  }

  /** Bad input that reaches the API unwrapped. */
  @Provider
  static class CaseInputErrors implements ExceptionMapper<InvalidCaseInputException> {

    @Override
    public Response toResponse(InvalidCaseInputException exception) {
      return badInput(exception);
    }
  }
}
