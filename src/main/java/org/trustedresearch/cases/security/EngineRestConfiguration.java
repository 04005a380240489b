package org.trustedresearch.cases.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as Camunda ships it, with the project's error mapping (bad case input is a
 * 400 naming the field, a lost race a 409 saying who won; never a 500). {@link EngineRequestGuard}
 * checks request bodies before they get here.
 */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
        .filter(type -> type != RestExceptionHandler.class && type != ProcessEngineExceptionHandler.class)
        .collect(Collectors.toSet());
    registerClasses(configuration);
    register(JacksonFeature.class);
    register(RestErrors.WrappedErrors.class);
    register(RestErrors.EngineErrors.class);
    register(RestErrors.UnexpectedErrors.class);
    register(RestErrors.CaseInputErrors.class);
  }
}
