package org.trustedresearch.cases.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.trustedresearch.cases.collaboration.CaseRegister;

/**
 * Researchers see the cases they started and no others: when a process instance of a registered
 * case starts, its requester is granted read access to it, at runtime and in history.
 */
class RequesterAccess implements ExecutionListener {

  private final CaseRegister register;

  RequesterAccess(CaseRegister register) {
    this.register = register;
  }

  @Override
  public void notify(DelegateExecution execution) {
    register.requesterOf(execution.getProcessBusinessKey()).ifPresent(requester -> {
      AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
      String instance = execution.getProcessInstanceId();
      // The requester may not create authorizations themselves; the engine grants on their behalf.
      Context.getCommandContext().runWithoutAuthorization(() -> {
        grant(authorizations, requester, Resources.PROCESS_INSTANCE, instance, Permissions.READ);
        grant(authorizations, requester, Resources.HISTORIC_PROCESS_INSTANCE, instance,
            HistoricProcessInstancePermissions.READ);
        return null;
      });
    });
  }

  private static void grant(AuthorizationService authorizations, String userId, Resource resource, String resourceId,
      Permission permission) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }
}
