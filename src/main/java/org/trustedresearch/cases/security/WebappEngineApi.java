package org.trustedresearch.cases.security;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine API the webapps (Tasklist, Cockpit, Admin) call within their login, with the same
 * error answers as engine REST ({@link EngineErrors}). Camunda's webapp starter registers this
 * servlet only when no servlet of its name exists yet, so registering it first, under that name,
 * replaces it.
 */
@Configuration
class WebappEngineApi {

  /** The name Camunda's webapp starter gives the servlet. */
  static final String SERVLET_NAME = "Engine Api";

  @Bean
  ServletRegistrationBean<ServletContainer> webappEngineApiServlet(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) {
    ServletRegistrationBean<ServletContainer> registration =
        new ServletRegistrationBean<>(new ServletContainer(), applicationPath + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    registration.addInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, Application.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Camunda's application for the webapps, with the project's error mapping. Public: Jersey creates it by name. */
  public static class Application extends EngineRestApplication {

    @Override
    public Set<Class<?>> getClasses() {
      return Stream.concat(super.getClasses().stream().filter(type -> !EngineErrors.REPLACED.contains(type)),
              EngineRestConfiguration.ERROR_MAPPING.stream())
          .collect(Collectors.toSet());
    }
  }
}
