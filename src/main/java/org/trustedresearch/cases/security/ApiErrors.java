package org.trustedresearch.cases.security;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The project's own API answers refusals as the engine REST API does: bad input 400 with every
 * field at fault, refused authorization 403, a malformed body 400, a change that lost a race to
 * another person's 409; never a stack trace.
 */
@RestControllerAdvice
class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidCaseInputException.class)
  ResponseEntity<Map<String, Object>> badInput(InvalidCaseInputException e) {
    List<Map<String, String>> problems = e.getProblems().stream()
        .map(problem -> Map.of("field", problem.field(), "message", problem.message()))
        .toList();
    return ResponseEntity.badRequest()
        .body(Map.of("type", "InvalidCaseInput", "message", e.getMessage(), "problems", problems));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return badInput(new InvalidCaseInputException("file", "is larger than the server accepts"));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> notMultipart(MultipartException e) {
    return ResponseEntity.badRequest().body(Map.of("type", "InvalidRequest",
        "message", "Send the file as multipart/form-data"));
  }

  /** A path or query parameter that does not convert ({@code /notifications/abc/retry}, {@code ?limit=-9.5}). */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> wrongParameter(MethodArgumentTypeMismatchException e) {
    Class<?> expected = e.getRequiredType();
    String kind = expected == null ? "a valid value"
        : expected == int.class || expected == long.class || expected == Integer.class || expected == Long.class
            ? "a whole number within range" : article(expected.getSimpleName()) + " " + expected.getSimpleName();
    return badInput(new InvalidCaseInputException(e.getName(), "must be " + kind));
  }

  /** Someone else changed the case at the same moment; their change stands and this one was not made. */
  @ExceptionHandler({OptimisticLockingException.class, TaskAlreadyClaimedException.class})
  ResponseEntity<Map<String, Object>> conflict(ProcessEngineException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(Map.of("type", TaskConflicts.TYPE, "message", TaskConflicts.CHANGED_BY_SOMEONE_ELSE));
  }

  /** The application found the case changed meanwhile (withdrawn a moment before) and says what happened. */
  @ExceptionHandler(CaseConflictException.class)
  ResponseEntity<Map<String, Object>> caseConflict(CaseConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("type", TaskConflicts.TYPE, "message", e.getMessage()));
  }

  /**
   * The database refused a write that another request made at the same moment (see
   * {@link RestErrors#concurrentWrite}): a lost race, 409. Anything else from the persistence layer
   * is a 500 that says nothing of the inside.
   */
  @ExceptionHandler(ProcessEnginePersistenceException.class)
  ResponseEntity<Map<String, Object>> persistence(ProcessEnginePersistenceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (RestErrors.concurrentWrite(cause)) {
        return conflict(e);
      }
    }
    LOG.error("Request failed in the persistence layer", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("type", "ServerError", "message", EngineErrors.SERVER_ERROR));
  }

  /**
   * Anything else the engine throws, answered as engine REST answers it: a 4xx for input it cannot
   * use, otherwise a 500 that says nothing of the inside and is logged, never the engine's own text.
   */
  @ExceptionHandler(ProcessEngineException.class)
  ResponseEntity<Object> engine(ProcessEngineException e) {
    jakarta.ws.rs.core.Response answer = EngineErrors.answer(e);
    return ResponseEntity.status(answer.getStatus()).contentType(MediaType.APPLICATION_JSON).body(answer.getEntity());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, Object>> forbidden(AuthorizationException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(Map.of("type", "AuthorizationException", "message", e.getMessage()));
  }

  /**
   * Malformed JSON, a field of the wrong type ({@code "confidential": "yes"}) or one the request does
   * not have, which is named.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      return badInput(new InvalidCaseInputException(unknown.getPropertyName(), "is not a field of this request; it takes "
          + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))));
    }
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPath().stream().map(reference -> reference.getFieldName() != null
          ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
      String expected = mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName();
      return badInput(new InvalidCaseInputException(field, "must be " + article(expected) + " " + expected));
    }
    return ResponseEntity.badRequest().body(Map.of("type", "InvalidRequest", "message", "The request body is not valid JSON"));
  }

  private static String article(String type) {
    return "AEIOU".indexOf(Character.toUpperCase(type.charAt(0))) >= 0 ? "an" : "a";
  }
}
