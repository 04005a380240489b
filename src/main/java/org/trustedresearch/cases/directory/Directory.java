package org.trustedresearch.cases.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.shared.EngineQueries;

/**
 * Answers who belongs where. Routing must not depend on what the person who happens to trigger it
 * may read, so lookups inside an engine command run without authorization checks.
 */
@Service
public class Directory {

  private final DirectoryProperties properties;
  private final IdentityService identityService;

  Directory(DirectoryProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  public List<String> departments() {
    return properties.departments();
  }

  public boolean isDepartment(String department) {
    return properties.departments().contains(department);
  }

  /** The departments someone belongs to (groups {@code dept-<department>}), in configured order. */
  public List<String> departmentsOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    List<String> groups = withoutAuthorization(() -> EngineQueries.all(identityService.createGroupQuery()
        .groupMember(userId).orderByGroupId().asc())).stream().map(group -> group.getId()).toList();
    return properties.departments().stream().filter(department -> groups.contains(Groups.department(department)))
        .toList();
  }

  /**
   * The group that gives the first sign-off of a case: the head of the requester's department, or
   * the Head of Risk when the requester heads that department themselves.
   */
  public String firstSignOffGroup(String department, String requester) {
    String heads = Groups.headOfDepartment(department);
    return isMember(requester, heads) ? Groups.HEAD_OF_RISK : heads;
  }

  /**
   * Whether someone besides {@code userId} belongs to the group: a task offered only to the person it must not
   * go to (the requester of the case) would wait for nobody. One look-up of at most two members.
   */
  public boolean hasMemberBesides(String groupId, String userId) {
    return withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc()
        .listPage(0, 2)).stream().anyMatch(user -> !user.getId().equals(userId));
  }

  /** How many security champions each department has, in configured order (0 where it has none). */
  public Map<String, Long> championsByDepartment() {
    Map<String, Long> champions = new LinkedHashMap<>();
    for (String department : properties.departments()) {
      champions.put(department, withoutAuthorization(() ->
          identityService.createUserQuery().memberOfGroup(Groups.champions(department)).count()));
    }
    return champions;
  }

  public boolean isMember(String userId, String groupId) {
    if (userId == null) {
      return false;
    }
    return withoutAuthorization(() ->
        identityService.createGroupQuery().groupMember(userId).groupId(groupId).count() > 0);
  }

  public Optional<String> displayName(String userId) {
    return person(userId).map(Person::name);
  }

  /** Someone in the directory: id, the name to address them by, and where to write to them. */
  public record Person(String id, String name, String email) {
  }

  public Optional<Person> person(String userId) {
    if (userId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult()))
        .map(Directory::person);
  }

  public List<Person> membersOf(String groupId) {
    return withoutAuthorization(() -> EngineQueries.all(identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc()))
        .stream().map(Directory::person).toList();
  }

  private static Person person(User user) {
    String name = (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
    return new Person(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail());
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static <T> T withoutAuthorization(Supplier<T> lookup) {
    CommandContext commandContext = Context.getCommandContext();
    return commandContext == null ? lookup.get() : commandContext.runWithoutAuthorization(lookup::get);
  }
}
