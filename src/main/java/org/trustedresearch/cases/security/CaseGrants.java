package org.trustedresearch.cases.security;

import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Read access to one process instance of a case, at runtime and in history, granted by the engine
 * on someone's behalf (they may not create authorizations themselves). Granting twice adds nothing.
 */
final class CaseGrants {

  private CaseGrants() {
  }

  static void userMayRead(AuthorizationService authorizations, String userId, String processInstanceId) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      grant(authorizations, userId, null, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
      grant(authorizations, userId, null, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  static void groupMayRead(AuthorizationService authorizations, String groupId, String processInstanceId) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      grant(authorizations, null, groupId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
      grant(authorizations, null, groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  /**
   * Whether the process instance is being created by the current command: the database holds no grant
   * on it then (its id is new), so there is nothing to look up beyond this command's own grants.
   */
  private static boolean startsInThisCommand(DbEntityManager db, String processInstanceId) {
    ExecutionEntity instance = db.getCachedEntity(ExecutionEntity.class, processInstanceId);
    return instance != null && db.getDbEntityCache().isTransient(instance);
  }

  private static void grant(AuthorizationService authorizations, String userId, String groupId, Resource resource,
      String resourceId, Permission permission) {
    // granted earlier in this same command (two tasks for one group at once), not yet in the database
    DbEntityManager db = Context.getCommandContext().getDbEntityManager();
    boolean grantedInThisCommand = db.getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .anyMatch(cached -> cached.getResourceType() == resource.resourceType()
            && resourceId.equals(cached.getResourceId())
            && Objects.equals(userId, cached.getUserId()) && Objects.equals(groupId, cached.getGroupId()));
    if (grantedInThisCommand) {
      return;
    }
    if (!startsInThisCommand(db, resourceId)) {
      var existing = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
      long count = userId != null ? existing.userIdIn(userId).count() : existing.groupIdIn(groupId).count();
      if (count > 0) {
        return;
      }
    }
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setGroupId(groupId);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }
}
