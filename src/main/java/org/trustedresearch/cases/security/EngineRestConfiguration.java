package org.trustedresearch.cases.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as Camunda ships it, with the project's error mapping: bad case input is a
 * 400 naming the field, a lost race a 409 saying who won ({@link RestErrors}), and anything else as
 * {@link EngineErrors} answers it. {@link EngineRequestGuard} checks request bodies before they get here.
 */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  /** The project's mappers and filters, for engine REST and the webapps' engine API alike. */
  static final List<Class<?>> ERROR_MAPPING = List.of(RestErrors.WrappedErrors.class, RestErrors.EngineFailures.class,
      RestErrors.UnexpectedErrors.class, RestErrors.CaseInputErrors.class, EngineErrors.OtherExceptions.class,
      EngineErrors.PlainMessages.class);

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
        .filter(type -> !EngineErrors.REPLACED.contains(type))
        .collect(Collectors.toSet());
    registerClasses(configuration);
    register(JacksonFeature.class);
    ERROR_MAPPING.forEach(this::register);
  }
}
