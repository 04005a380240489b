package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The project API's answers to what the engine throws: never the engine's own text. */
class ApiErrorsTest {

  final ApiErrors errors = new ApiErrors();

  @Test
  void anUnexpectedEngineFailureIsAPlain500() {
    ResponseEntity<Object> answer = errors.engine(
        new ProcessEngineException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity[4711]' failed in org.camunda.Foo"));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(String.valueOf(answer.getBody())).contains(EngineErrors.SERVER_ERROR)
        .doesNotContain("ENGINE-", "ExecutionEntity", "org.camunda");
  }

  @Test
  void inputTheEngineCannotUseIsA400() {
    ResponseEntity<Object> answer = errors.engine(new BadUserRequestException("No process definition with key 'x'"));

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
  }
}
