package org.trustedresearch.cases.security;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Engine REST turns an exception thrown while starting a process or completing a task into a 500,
 * wrapping the cause. Bad case input is the caller's mistake: it is answered with 400 and the fields
 * at fault. A command that lost a race to another person (the engine's optimistic locking, a task
 * claimed or completed a moment before) is a 409 saying who won, never the engine's text. These
 * mappers serve engine REST and the webapps' engine API alike ({@link WebappEngineApi}); they take
 * precedence over Camunda's own mappers for the same exceptions.
 */
final class RestErrors {

  /** A task's own commands, with the task's id as group 1. */
  private static final Pattern TASK_COMMAND = Pattern.compile(
      "/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/task/([^/]+)/.+");
  private static final int FIRST = 1;

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

  /**
   * 409 when {@code exception} is the losing side of a race on a task: a concurrent change, a claim
   * by someone else, or a task the winner has just completed (the engine finds no task any more);
   * or when the application found the case changed meanwhile and said so ({@link CaseConflictException}).
   */
  static Optional<Response> conflict(Throwable exception, HttpServletRequest request, ServletContext servletContext) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof CaseConflictException told) {
        return Optional.of(conflict(told.getMessage()));
      }
    }
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Matcher task = TASK_COMMAND.matcher(path);
    String taskId = task.matches() ? task.group(1) : null;
    boolean lostRace = false;
    // the winner may also have removed what the loser was still reading: the engine then fails in its own way
    boolean taskGone = ExceptionHandlerHelper.getInstance().getStatus(exception) == Response.Status.INTERNAL_SERVER_ERROR;
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      lostRace |= cause instanceof OptimisticLockingException || cause instanceof TaskAlreadyClaimedException
          || concurrentWrite(cause);
      // a candidate's rights on a task end with it: refused a moment after the winner completed it
      taskGone |= cause instanceof NullValueException || cause instanceof NotFoundException
          || cause instanceof AuthorizationException;
    }
    if (!lostRace && !(taskGone && taskId != null)) {
      return Optional.empty();
    }
    TaskConflicts conflicts = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
        .getBean(TaskConflicts.class);
    TaskConflicts.Caller caller = conflicts.caller(request);
    Optional<String> message = lostRace
        ? Optional.of(conflicts.lostRace(taskId, caller))
        : caller == null ? Optional.empty() : conflicts.ended(taskId, caller);
    return message.map(RestErrors::conflict);
  }

  /**
   * The database refused a write because another transaction wrote the same at the same moment: a
   * row both inserted (a unique key), a deadlock or a serialization failure (PostgreSQL's row locks),
   * a lock waited for too long (H2).
   */
  static boolean concurrentWrite(Throwable cause) {
    if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
      return false;
    }
    String state = sql.getSQLState();
    return state.equals("23505") || state.equals("40001") || state.equals("40P01") || state.equals("HYT00");
  }

  static Response conflict(String message) {
    return Response.status(Response.Status.CONFLICT)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", TaskConflicts.TYPE, "message", message))
        .build();
  }

  /** Replaces Camunda's handler for {@link RestException}, looking for bad input and lost races among the causes. */
  @Provider
  @Priority(FIRST)
  static class WrappedErrors implements ExceptionMapper<RestException> {

    @Context
    HttpServletRequest request;
    @Context
    ServletContext servletContext;

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidCaseInputException input) {
          return badInput(input);
        }
      }
      return conflict(exception, request, servletContext)
          .orElseGet(() -> EngineErrors.answer(exception));
    }
  }

  /** Replaces Camunda's handler for the engine's exceptions where they are the losing side of a race. */
  @Provider
  @Priority(FIRST)
  static class EngineFailures implements ExceptionMapper<ProcessEngineException> {

    @Context
    HttpServletRequest request;
    @Context
    ServletContext servletContext;

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return conflict(exception, request, servletContext)
          .orElseGet(() -> EngineErrors.answer(exception));
    }
  }

  /** Anything else the engine fails with while a task is completed under it is the losing side of a race too; otherwise {@link EngineErrors} answers. */
  @Provider
  @Priority(FIRST)
  static class UnexpectedErrors implements ExceptionMapper<RuntimeException> {

    @Context
    HttpServletRequest request;
    @Context
    ServletContext servletContext;

    @Override
    public Response toResponse(RuntimeException exception) {
      return conflict(exception, request, servletContext)
          .orElseGet(() -> EngineErrors.answer(exception));
    }
  }

  /** Bad input that reaches the API unwrapped. */
  @Provider
  @Priority(FIRST)
  static class CaseInputErrors implements ExceptionMapper<InvalidCaseInputException> {

    @Override
    public Response toResponse(InvalidCaseInputException exception) {
      return badInput(exception);
    }
  }
}
