package org.trustedresearch.cases.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.directory.DirectoryProperties;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.mou.MouReviewProcess;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.survey.SurveyProcess;

/**
 * Who may do what, as engine authorizations per group (README, "Access"). Written when the engine
 * is built, adding what is missing and never removing what administrators granted. Task access is
 * not here: the engine grants it to a task's candidate groups and assignee as the task is created,
 * and per-case access to requesters is granted when their case starts.
 */
@Component
class AccessPolicy extends AbstractProcessEnginePlugin {

  record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
  }

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";
  static final List<String> CASE_DECISIONS = List.of("collaboration-risk-tier", SignOffProcess.REVIEWERS_DECISION,
      MouReviewProcess.REQUIRED_CLAUSES_DECISION);
  static final List<String> CASE_PROCESSES = List.of(OnboardingProcess.KEY, SignOffProcess.KEY, MouReviewProcess.KEY,
      MouReviewProcess.SIGNED_AGREEMENT_KEY);

  private final DirectoryProperties directory;

  AccessPolicy(DirectoryProperties directory) {
    this.directory = directory;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    grants().forEach(grant -> apply(authorizations, grant));
  }

  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    List<String> caseWorkers = new ArrayList<>(List.of(Groups.RESEARCHERS, Groups.LEGAL, Groups.IT_SECURITY,
        Groups.HEAD_OF_RISK, Groups.RESEARCH_OFFICE));
    directory.departments().forEach(department -> caseWorkers.add(Groups.headOfDepartment(department)));
    // security champions advise in Tasklist; the cases of their department they read are granted per case
    directory.departments().forEach(department -> caseWorkers.add(Groups.champions(department)));
    List<String> staff = new ArrayList<>(caseWorkers);
    staff.add(Groups.MANAGERS);

    for (String group : caseWorkers) {
      grants.add(new Grant(group, Resources.APPLICATION, TASKLIST, List.of(Permissions.ACCESS)));
    }
    for (String group : staff) {
      // models, forms and names of people are not secret inside the institution; cases are
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.READ)));
      grants.add(new Grant(group, Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ)));
      grants.add(new Grant(group, Resources.USER, ANY, List.of(Permissions.READ)));
      grants.add(new Grant(group, Resources.GROUP, ANY, List.of(Permissions.READ)));
    }
    // researchers start collaboration cases; what they then see is granted per case
    grants.add(new Grant(Groups.RESEARCHERS, Resources.PROCESS_DEFINITION, OnboardingProcess.KEY,
        List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    grants.add(new Grant(Groups.RESEARCHERS, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.CREATE)));
    // ... and withdraw them (the process checks that the case is theirs)
    grants.add(new Grant(Groups.RESEARCHERS, Resources.PROCESS_DEFINITION, OnboardingProcess.WITHDRAWAL_PROCESS,
        List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    // the research office re-reviews collaborations early
    grants.add(new Grant(Groups.RESEARCH_OFFICE, Resources.PROCESS_DEFINITION, OnboardingProcess.EARLY_RE_REVIEW_PROCESS,
        List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    grants.add(new Grant(Groups.RESEARCH_OFFICE, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.CREATE)));
    // legal and the research office review a case's renewed or later agreement
    for (String group : List.of(Groups.LEGAL, Groups.RESEARCH_OFFICE)) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, MouReviewProcess.KEY,
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    }
    grants.add(new Grant(Groups.LEGAL, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.CREATE)));

    // anyone may report an incident (the anonymous API needs no login at all)
    grants.add(new Grant(Groups.MANAGERS, Resources.APPLICATION, TASKLIST, List.of(Permissions.ACCESS)));
    for (String group : staff) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, IncidentProcess.KEY,
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
      grants.add(new Grant(group, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.CREATE)));
    }
    // the Head of Risk reads every incident, confidential ones too; handlers read the ones they handle
    // (granted per task) and managers see incidents only as counts (/api/incidents/statistics)
    grants.add(new Grant(Groups.HEAD_OF_RISK, Resources.PROCESS_DEFINITION, IncidentProcess.KEY, List.of(
        Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK)));

    // the research office runs staff survey campaigns and follows them; the campaign holds no answers
    grants.add(new Grant(Groups.RESEARCH_OFFICE, Resources.PROCESS_DEFINITION, SurveyProcess.KEY, List.of(
        Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY)));
    // everyone in a department may be invited to a survey: Tasklist, and the invitation's model and form
    // (the invitation task itself is theirs as its assignee)
    directory.departments().forEach(department -> {
      grants.add(new Grant(Groups.department(department), Resources.APPLICATION, TASKLIST, List.of(Permissions.ACCESS)));
      grants.add(new Grant(Groups.department(department), Resources.PROCESS_DEFINITION, SurveyProcess.ANSWER_KEY,
          List.of(Permissions.READ)));
    });

    // the Head of Risk and the research office read every collaboration case and its tasks
    for (String group : List.of(Groups.HEAD_OF_RISK, Groups.RESEARCH_OFFICE)) {
      grants.add(new Grant(group, Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)));
      for (String process : CASE_PROCESSES) {
        grants.add(new Grant(group, Resources.PROCESS_DEFINITION, process, List.of(Permissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
            ProcessDefinitionPermissions.READ_TASK)));
      }
    }
    // managers follow the programme in Cockpit, read-only
    grants.add(new Grant(Groups.MANAGERS, Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)));
    for (String process : CASE_PROCESSES) {
      grants.add(new Grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, process, List.of(Permissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY)));
    }
    // ... and the collaboration decisions' history; not incident triage, whose history names the reporter
    for (String decision : CASE_DECISIONS) {
      grants.add(new Grant(Groups.MANAGERS, Resources.DECISION_DEFINITION, decision,
          List.of(Permissions.READ, Permissions.READ_HISTORY)));
    }
    return grants;
  }

  private static void apply(AuthorizationService authorizations, Grant grant) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    boolean missing = existing == null;
    for (Permission permission : grant.permissions()) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizations.saveAuthorization(authorization);
    }
  }
}
