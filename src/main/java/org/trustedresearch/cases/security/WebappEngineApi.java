package org.trustedresearch.cases.security;

import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.impl.NamedProcessEngineRestServiceImpl;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine API the webapps call ({@code /camunda/api/engine}), as Camunda ships it, with the same
 * error answers as engine REST: a refused form field is a 400 that names the field, on both. Camunda's
 * webapp starter registers this servlet only if none of its name exists, so this one, registered first,
 * takes its place.
 */
@Configuration
class WebappEngineApi {

  /** The name Camunda's webapp starter gives this servlet. */
  static final String SERVLET_NAME = "Engine Api";

  @Bean
  ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
    Set<Class<?>> classes = new HashSet<>();
    classes.add(NamedProcessEngineRestServiceImpl.class);
    CamundaRestResources.getConfigurationClasses().stream()
        .filter(type -> type != RestExceptionHandler.class)
        .forEach(classes::add);
    classes.add(RestErrors.WrappedErrors.class);
    classes.add(RestErrors.CaseInputErrors.class);
    ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(
        new ServletContainer(new ResourceConfig(classes)), camunda.getWebapp().getApplicationPath() + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
