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

  /** A researcher in physics who is also one of its security champions, beside Tom. */
  public static final String CHAMPION_IN_PHYSICS = "nadia";

  /** A researcher in engineering; a story that makes her its only security champion takes the membership back after. */
  public static final String RESEARCHER_IN_ENGINEERING = "jun";

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

  public static void ensureChampionInPhysics(IdentityService identity) {
    ensure(identity, CHAMPION_IN_PHYSICS, "Nadia", "Quist", List.of("researchers", "dept-physics", "champions-physics"));
  }

  public static void ensureResearcherInEngineering(IdentityService identity) {
    ensure(identity, RESEARCHER_IN_ENGINEERING, "Jun", "Ito", List.of("researchers", "dept-engineering"));
  }

  static void ensure(IdentityService identity, String id, String first, String last, List<String> groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(id + "@example.org");
      user.setPassword(id);
      identity.saveUser(user);
      groups.forEach(group -> identity.createMembership(id, group));
    }
  }
}
