package org.trustedresearch.cases.security;

import jakarta.ws.rs.core.FeatureContext;

import org.camunda.bpm.engine.rest.impl.NamedProcessEngineRestServiceImpl;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Brings the project's error mapping ({@link RestErrors}) into the webapps' engine API, the JAX-RS
 * application Tasklist and Cockpit call, which the webapps build themselves; engine REST registers
 * it in {@link EngineRestConfiguration}. Jersey finds this class through
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable}.
 */
public final class EngineApiErrors implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    // the engine's API only; the webapps' own plugin APIs answer as they do
    if (!context.getConfiguration().getClasses().contains(NamedProcessEngineRestServiceImpl.class)) {
      return;
    }
    for (Class<?> mapper : new Class<?>[] {RestErrors.WrappedErrors.class, RestErrors.EngineErrors.class,
        RestErrors.UnexpectedErrors.class, RestErrors.CaseInputErrors.class}) {
      if (!context.getConfiguration().isRegistered(mapper)) {
        context.register(mapper);
      }
    }
  }
}
