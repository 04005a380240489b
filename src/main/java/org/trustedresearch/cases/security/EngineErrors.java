package org.trustedresearch.cases.security;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * How engine REST and the webapps' engine API answer what went wrong, in place of Camunda's own
 * handlers, which answer much bad input with 500 and the exception's internals (a missing body is a
 * {@code NullPointerException}, an id nothing has a {@code NullValueException}, conditions nobody
 * waits for a plain engine exception). Here input the engine cannot use is a 4xx with a plain
 * message; anything else is a 500 that says nothing about the inside and is logged.
 */
final class EngineErrors {

  private static final Logger LOG = LoggerFactory.getLogger(EngineErrors.class);

  /** Camunda's handlers these replace. */
  static final Set<Class<?>> REPLACED = Set.of(RestExceptionHandler.class, ProcessEngineExceptionHandler.class,
      ExceptionHandler.class);

  /**
   * Engine messages that mean the request asked for something that is not there: conditions
   * evaluated where no conditional start event waits (ENGINE-13042, ENGINE-13043).
   */
  private static final Pattern BAD_INPUT_MESSAGES = Pattern.compile("^ENGINE-1304[23]\\b");
  private static final Pattern NOTHING_THERE = Pattern.compile(
      "(?i)doesn't exist|does not exist|not found|cannot find|no \\w+ found");
  /** A Java class with its package: shown by its simple name only. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");
  /** SQL states of class 22, data exceptions: a value too long or out of range for its column. */
  private static final String DATA_EXCEPTION = "22";
  static final String SERVER_ERROR = "The server could not complete this request. The error has been logged.";

  private EngineErrors() {
  }

  static Response answer(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidCaseInputException input) {
        return RestErrors.badInput(input);
      }
      if (cause instanceof CaseConflictException conflict) {
        return RestErrors.conflict(conflict.getMessage());
      }
      if (cause instanceof AuthorizationException || cause instanceof BadUserRequestException) {
        return camunda(cause, ExceptionHandlerHelper.getInstance().getStatus(cause));
      }
      if (cause instanceof FormFieldValidationException) {
        return camunda(cause, Status.BAD_REQUEST);
      }
      if (cause instanceof NullValueException) {
        boolean nothingThere = NOTHING_THERE.matcher(String.valueOf(cause.getMessage())).find();
        return camunda(cause, nothingThere ? Status.NOT_FOUND : Status.BAD_REQUEST);
      }
      if (cause instanceof ProcessEngineException && cause.getMessage() != null
          && BAD_INPUT_MESSAGES.matcher(cause.getMessage()).find()) {
        return camunda(cause, Status.BAD_REQUEST);
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
        return plain(Status.BAD_REQUEST, "InvalidRequestException",
            "A value is too long or out of range for what the engine stores");
      }
      if (cause instanceof RestException rest && rest.getStatus() != null
          && rest.getStatus().getFamily() == Response.Status.Family.CLIENT_ERROR) {
        return camunda(rest, rest.getStatus());
      }
      if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
        return camunda(web, Status.fromStatusCode(web.getResponse().getStatus()));
      }
      if (thrownByRestLayer(cause)) {
        // engine REST reads its request into objects that are null without a body, and converts
        // variables by their declared type, refusing what does not convert with IllegalArgumentException
        return plain(Status.BAD_REQUEST, "InvalidRequestException", cause instanceof NullPointerException
            ? "This request needs a JSON body with the fields the API documents"
            : "Invalid value: " + shown(cause.getMessage()));
      }
    }
    LOG.error("Engine request failed", exception);
    return plain(Status.INTERNAL_SERVER_ERROR, "ServerError", SERVER_ERROR);
  }

  /** An exception thrown where engine REST turns a request into engine calls, not inside the engine. */
  private static boolean thrownByRestLayer(Throwable cause) {
    if (!(cause instanceof NullPointerException) && !(cause instanceof IllegalArgumentException)) {
      return false;
    }
    StackTraceElement[] frames = cause.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, 3); i++) {
      String type = frames[i].getClassName();
      if (type.startsWith("org.camunda.bpm.engine.rest.") || type.startsWith("org.camunda.bpm.engine.variable.")
          || type.startsWith("org.camunda.bpm.engine.impl.variable.")) {
        return true;
      }
    }
    return false;
  }

  /** Camunda's answer (type, message, code, and its validation details) with the message made plain. */
  private static Response camunda(Throwable exception, Status status) {
    var dto = ExceptionHandlerHelper.getInstance().fromException(exception);
    dto.setMessage(shown(dto.getMessage()));
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
  }

  private static Response plain(Status status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /** A message without the packages of the Java types it names ({@code java.util.Date} is a Date). */
  static String shown(String message) {
    return message == null ? null : QUALIFIED_NAME.matcher(message).replaceAll("$1");
  }

  /**
   * Answers other handlers give (Jackson's, for a body that does not bind, is plain text naming
   * Java types), as JSON in Camunda's format with the message made plain.
   */
  @Provider
  static class PlainMessages implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() < 400) {
        return;
      }
      if (response.getEntity() instanceof ExceptionDto dto) {
        dto.setMessage(shown(dto.getMessage()));
      } else if (response.getEntity() instanceof String text) {
        boolean clientError = response.getStatus() < 500;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", clientError ? "InvalidRequestException" : "ServerError");
        body.put("message", clientError ? shown(text) : SERVER_ERROR);
        response.setEntity(body, null, MediaType.APPLICATION_JSON_TYPE);
      }
    }
  }

  /** Whatever else is thrown. */
  @Provider
  static class OtherExceptions implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable exception) {
      return answer(exception);
    }
  }
}
