package org.trustedresearch.cases.support;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.jdbc.core.JdbcTemplate;

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

  /**
   * A person a test makes for itself, in the groups given: the password is the id, the e-mail
   * {@code <id>@example.org} unless {@code withEmail} is false.
   */
  public static String newPerson(IdentityService identity, String id, String firstName, boolean withEmail,
      String... groups) {
    create(identity, id, firstName, id, withEmail, List.of(groups));
    return id;
  }

  /**
   * A researcher in physics who joined recently and has no training record yet, so that their cases
   * are held for training; the password is the id.
   */
  public static String ensureNewcomer(IdentityService identity, String id) {
    create(identity, id, "New", "Comer", List.of("researchers", "dept-physics"));
    return id;
  }

  public static void ensureChampionInPhysics(IdentityService identity) {
    ensure(identity, CHAMPION_IN_PHYSICS, "Nadia", "Quist", List.of("researchers", "dept-physics", "champions-physics"));
  }

  public static void ensureResearcherInEngineering(IdentityService identity) {
    ensure(identity, RESEARCHER_IN_ENGINEERING, "Jun", "Ito", List.of("researchers", "dept-engineering"));
  }

  static void ensure(IdentityService identity, String id, String first, String last, List<String> groups) {
    create(identity, id, first, last, groups);
    trained(identity, id);
  }

  private static void create(IdentityService identity, String id, String first, String last, List<String> groups) {
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

  /**
   * Makes {@code userId}'s Trusted Research training current on the engine's clock, as the demo users'
   * is when the suite starts: the learning system's record of a completion a month ago, unless one
   * from the last eleven months is there. Stories of the training gate use researchers without one.
   */
  public static void trained(IdentityService identity, String userId) {
    DataSource dataSource = ((ServiceImpl) identity).getCommandExecutor()
        .execute(context -> Context.getProcessEngineConfiguration().getDataSource());
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    LocalDate today = PinnedClock.today();
    if (jdbc.queryForObject("select count(*) from tr_training_record where user_id = ? and module_id = 'trusted-research' "
        + "and status in ('IMPORTED', 'CONFIRMED') and completed_on > ?", Long.class, userId,
        java.sql.Date.valueOf(today.minusMonths(11))) > 0) {
      return;
    }
    jdbc.update("insert into tr_training_record (user_id, module_id, completed_on, source, status, recorded_by, "
        + "recorded_at) values (?, 'trusted-research', ?, 'IMPORT', 'IMPORTED', 'test', ?)",
        userId, java.sql.Date.valueOf(today.minusMonths(1)), java.sql.Timestamp.from(PinnedClock.now()));
  }
}
