package org.trustedresearch.cases.security;

import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile the application refuses to start with a well-known administrator
 * password: the demo password, the user id, or none at all.
 */
@Component
class AdminPasswordGuard extends AbstractProcessEnginePlugin {

  static final String DEMO_PROFILE = "demo";
  static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("demo", "admin", "password", "camunda");

  private final Environment environment;
  private final CamundaBpmProperties camunda;

  AdminPasswordGuard(Environment environment, CamundaBpmProperties camunda) {
    this.environment = environment;
    this.camunda = camunda;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    AdminUserProperty admin = camunda.getAdminUser();
    if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE)) || admin == null || admin.getId() == null) {
      return;
    }
    String password = admin.getPassword();
    if (password == null || password.isBlank() || WELL_KNOWN_PASSWORDS.contains(password.toLowerCase())
        || password.equalsIgnoreCase(admin.getId())) {
      throw new IllegalStateException("Refusing to start: the administrator '" + admin.getId()
          + "' has a default or well-known password. Set TRC_ADMIN_PASSWORD (camunda.bpm.admin-user.password), "
          + "or run with the demo profile for a local trial.");
    }
  }
}
