package org.trustedresearch.cases.support;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users some stories need beyond the demo directory. */
public final class TestUsers {

  /** A researcher in physics who also sits on the legal team. */
  public static final String RESEARCHER_IN_LEGAL = "lena";

  /** A head of physics who also works in IT security. */
  public static final String HEAD_OF_PHYSICS_IN_IT_SECURITY = "morgan";

  /** A researcher whose failed logins slow down nobody else's tests. */
  public static final String LOGIN_PROBE = "quinn";

  /** A researcher who reports anonymously; nothing the report leaves may lead back to her. */
  public static final String WHISTLEBLOWER = "wrenna";

  /** A researcher who works in two departments, physics and engineering. */
  public static final String RESEARCHER_IN_TWO_DEPARTMENTS = "ellis";

  private TestUsers() {
  }

  public static void ensureResearcherInLegal(IdentityService identity) {
    ensure(identity, RESEARCHER_IN_LEGAL, "Lena", "Marsh", List.of("researchers", "dept-physics", "legal"));
  }

  public static void ensureHeadOfPhysicsInItSecurity(IdentityService identity) {
    ensure(identity, HEAD_OF_PHYSICS_IN_IT_SECURITY, "Morgan", "Hale", List.of("hod-physics", "dept-physics", "it-security"));
  }

  public static void ensureLoginProbe(IdentityService identity) {
    ensure(identity, LOGIN_PROBE, "Quinn", "Probe", List.of("researchers"));
  }

  public static void ensureWhistleblower(IdentityService identity) {
    ensure(identity, WHISTLEBLOWER, "Wrenna", "Quillfeather", List.of("researchers", "dept-chemistry"));
  }

  public static void ensureResearcherInTwoDepartments(IdentityService identity) {
    ensure(identity, RESEARCHER_IN_TWO_DEPARTMENTS, "Ellis", "Brandt",
        List.of("researchers", "dept-physics", "dept-engineering"));
  }

  /**
   * A person a test makes for itself, in the groups given: the password is the id, the e-mail
   * {@code <id>@example.org} unless {@code withEmail} is false.
   */
  public static String newPerson(IdentityService identity, String id, String firstName, boolean withEmail,
      String... groups) {
    create(identity, id, firstName, id, withEmail, List.of(groups));
    return id;
  }

  static void ensure(IdentityService identity, String id, String first, String last, List<String> groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      create(identity, id, first, last, true, groups);
    }
  }

  private static void create(IdentityService identity, String id, String first, String last, boolean withEmail,
      List<String> groups) {
    User user = identity.newUser(id);
    user.setFirstName(first);
    user.setLastName(last);
    user.setEmail(withEmail ? id + "@example.org" : null);
    user.setPassword(id);
    identity.saveUser(user);
    groups.forEach(group -> identity.createMembership(id, group));
  }
}
