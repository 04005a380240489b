package org.trustedresearch.cases.platform;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws in a generic exception, so a refusal made by a
 * listener (bad input, an authorization rule) would reach the caller as a server error. This
 * outermost interceptor hands the caller the refusal itself, after the command has rolled back,
 * so every API answers it as it answers the engine's own refusals (400, 403).
 */
@Component
class ListenerRefusals extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withUnwrapping(configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withUnwrapping(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> withUnwrapping(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(new Unwrapping());
    if (interceptors != null) {
      all.addAll(interceptors);
    }
    return all;
  }

  static class Unwrapping extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        throw refusalIn(e);
      }
    }

    static ProcessEngineException refusalIn(ProcessEngineException thrown) {
      for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof AuthorizationException || cause instanceof FormFieldValidationException) {
          return (ProcessEngineException) cause;
        }
      }
      return thrown;
    }
  }
}
