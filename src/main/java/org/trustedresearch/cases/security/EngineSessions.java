package org.trustedresearch.cases.security;

import java.util.ArrayList;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** The engine's per-command managers that this package replaces with its own, registered before the engine starts. */
final class EngineSessions {

  private EngineSessions() {
  }

  /** Every command that asks for a {@code type} gets one made by {@code sessions} instead of the engine's. */
  static void replace(ProcessEngineConfigurationImpl configuration, Class<?> type, Supplier<Session> sessions) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {

      @Override
      public Class<?> getSessionType() {
        return type;
      }

      @Override
      public Session openSession() {
        return sessions.get();
      }
    });
  }
}
