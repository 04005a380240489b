package org.trustedresearch.cases.shared;

/**
 * A register of the application's own that keeps what it holds about a process only as long as the
 * engine keeps that process's history: when the history cleanup removes a process after its time to
 * live (README, "Retention"), the register's rows about it go the same night.
 */
public interface RetainedWithHistory {

  /** Removes the rows about processes whose history the engine has removed; returns how many went. */
  int removeWhereHistoryIsGone();

  /** The condition on rows of {@code table} whose {@code process_instance_id} has no history any more. */
  static String historyIsGone(String table) {
    return "not exists (select 1 from act_hi_procinst p where p.proc_inst_id_ = " + table + ".process_instance_id)";
  }
}
