package org.trustedresearch.cases.directory;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo directory (README, "Who does what"): groups, users (password = user id) and memberships. Runs when
 * the engine is built (after its own admin user), before the webapps serve anyone, and creates only what is missing.
 */
@Component
@Profile("demo")
class DemoDirectory extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("rachel", "Rachel", "Reed", List.of(Groups.RESEARCHERS, Groups.department("physics"))),
      new DemoUser("omar", "Omar", "Haddad", List.of(Groups.RESEARCHERS, Groups.department("computer-science"))),
      new DemoUser("hannah", "Hannah", "Price", List.of(Groups.headOfDepartment("physics"), Groups.department("physics"))),
      new DemoUser("charles", "Charles", "Okafor",
          List.of(Groups.headOfDepartment("computer-science"), Groups.department("computer-science"))),
      new DemoUser("priya", "Priya", "Shah",
          List.of(Groups.headOfDepartment("chemistry"), Groups.RESEARCHERS, Groups.department("chemistry"))),
      new DemoUser("george", "George", "Evans",
          List.of(Groups.headOfDepartment("engineering"), Groups.department("engineering"))),
      new DemoUser("leila", "Leila", "Novak", List.of(Groups.LEGAL)),
      new DemoUser("ian", "Ian", "Fletcher", List.of(Groups.IT_SECURITY)),
      new DemoUser("helen", "Helen", "Carter", List.of(Groups.HEAD_OF_RISK)),
      new DemoUser("sam", "Sam", "Taylor", List.of(Groups.RESEARCH_OFFICE)),
      new DemoUser("maria", "Maria", "Lopez", List.of(Groups.MANAGERS)),
      new DemoUser("tom", "Tom", "Baker", List.of(Groups.champions("physics"), Groups.department("physics"))));

  // Plugins are built before the engine, so this one must not depend on engine services.
  private final DirectoryProperties directory;

  DemoDirectory(DirectoryProperties directory) {
    this.directory = directory;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    IdentityService identity = processEngine.getIdentityService();
    groups().forEach(group -> createGroupIfMissing(identity, group[0], group[1]));
    for (DemoUser demoUser : USERS) {
      if (identity.createUserQuery().userId(demoUser.id()).count() == 0) {
        User user = identity.newUser(demoUser.id());
        user.setFirstName(demoUser.firstName());
        user.setLastName(demoUser.lastName());
        user.setEmail(demoUser.id() + "@example.org");
        user.setPassword(demoUser.id());
        identity.saveUser(user);
        log.info("Created demo user {}", demoUser.id());
      }
      for (String groupId : demoUser.groups()) {
        if (identity.createGroupQuery().groupId(groupId).groupMember(demoUser.id()).count() == 0) {
          identity.createMembership(demoUser.id(), groupId);
        }
      }
    }
  }

  private List<String[]> groups() {
    List<String[]> groups = new ArrayList<>(List.of(
        new String[] {Groups.RESEARCHERS, "Researchers"},
        new String[] {Groups.LEGAL, "Legal"},
        new String[] {Groups.IT_SECURITY, "IT Security"},
        new String[] {Groups.HEAD_OF_RISK, "Head of Risk for International Collaboration"},
        new String[] {Groups.RESEARCH_OFFICE, "Research Office"},
        new String[] {Groups.MANAGERS, "Managers"}));
    for (String department : directory.departments()) {
      String name = department.replace('-', ' ');
      groups.add(new String[] {Groups.headOfDepartment(department), "Head of Department: " + name});
      groups.add(new String[] {Groups.department(department), "Department: " + name});
      groups.add(new String[] {Groups.champions(department), "Security champions: " + name});
    }
    return groups;
  }

  private static void createGroupIfMissing(IdentityService identity, String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }
}
