package org.trustedresearch.cases.directory;

/** The product's group ids. They are stable forever: models and authorizations refer to them. */
public final class Groups {

  public static final String RESEARCHERS = "researchers";
  public static final String LEGAL = "legal";
  public static final String IT_SECURITY = "it-security";
  public static final String HEAD_OF_RISK = "head-of-risk";
  public static final String RESEARCH_OFFICE = "research-office";
  public static final String MANAGERS = "managers";
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  private static final String HEAD_OF_DEPARTMENT_PREFIX = "hod-";
  private static final String DEPARTMENT_PREFIX = "dept-";
  private static final String CHAMPIONS_PREFIX = "champions-";

  private Groups() {
  }

  public static String headOfDepartment(String department) {
    return HEAD_OF_DEPARTMENT_PREFIX + department;
  }

  public static String department(String department) {
    return DEPARTMENT_PREFIX + department;
  }

  /** The department's security champions, who advise on its MEDIUM and HIGH cases and read all of its cases. */
  public static String champions(String department) {
    return CHAMPIONS_PREFIX + department;
  }

  /** Whether the group is a department's security champions. */
  public static boolean isChampions(String groupId) {
    return groupId != null && groupId.startsWith(CHAMPIONS_PREFIX);
  }
}
