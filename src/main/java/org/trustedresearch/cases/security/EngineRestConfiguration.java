package org.trustedresearch.cases.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as Camunda ships it, with the project's error mapping (bad case input is a
 * 400 naming the field, not a 500). {@link EngineRequestGuard} checks request bodies before they
 * get here.
 */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
        .filter(type -> !EngineErrors.REPLACED.contains(type))
        .collect(Collectors.toSet());
    registerClasses(configuration);
    register(JacksonFeature.class);
    register(RestErrors.WrappedErrors.class);
    register(RestErrors.CaseInputErrors.class);
    register(EngineErrors.EngineExceptions.class);
    register(EngineErrors.OtherExceptions.class);
    register(EngineErrors.PlainMessages.class);
  }
}
