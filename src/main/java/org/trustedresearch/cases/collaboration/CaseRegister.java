package org.trustedresearch.cases.collaboration;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.shared.CaseOwners;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * The register of collaboration cases, keyed by case reference. It holds what must not change once
 * a case exists (who asked, when), independent of process variables that a task completion could
 * overwrite; separation of duties and access grants rely on it.
 */
@Repository
public class CaseRegister implements CaseOwners, RetainedWithHistory {

  /** A registered case. */
  public record RegisteredCase(String caseReference, String processInstanceId, String requester, String department) {
  }

  private final JdbcClient jdbc;

  CaseRegister(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void register(RegisteredCase registered, String partnerName, String partnerCountry) {
    jdbc.sql("""
        insert into tr_collaboration_case
          (case_reference, process_instance_id, requester, department, partner_name, partner_country, created_at)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(registered.caseReference(), registered.processInstanceId(), registered.requester(),
            registered.department(), partnerName, partnerCountry, new Timestamp(ClockUtil.getCurrentTime().getTime()))
        .update();
  }

  void updateProposal(String caseReference, String department, String partnerName, String partnerCountry) {
    jdbc.sql("""
        update tr_collaboration_case set department = ?, partner_name = ?, partner_country = ?
        where case_reference = ?""")
        .params(department, partnerName, partnerCountry, caseReference)
        .update();
  }

  public Optional<RegisteredCase> find(String caseReference) {
    if (caseReference == null) {
      return Optional.empty();
    }
    return jdbc.sql("""
        select case_reference, process_instance_id, requester, department
        from tr_collaboration_case where case_reference = ?""")
        .param(caseReference)
        .query((rs, row) -> new RegisteredCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  /** Holds the case's row until the transaction ends, so that steps on one case happen one after another. */
  public void lock(String caseReference) {
    jdbc.sql("select case_reference from tr_collaboration_case where case_reference = ? for update")
        .param(caseReference).query(String.class).optional();
  }

  @Override
  public Optional<String> requesterOf(String caseReference) {
    return find(caseReference).map(RegisteredCase::requester);
  }

  @Override
  public Optional<String> processInstanceOf(String caseReference) {
    return find(caseReference).map(RegisteredCase::processInstanceId);
  }

  /**
   * Its requester reads a collaboration case, and so do the security champions of its department, read-only,
   * whether or not they are asked to advise on it.
   */
  @Override
  public Optional<Readers> readersOf(String caseReference) {
    return find(caseReference).map(found -> new Readers(Optional.ofNullable(found.requester()),
        found.department() == null ? List.of() : List.of(Groups.champions(found.department()))));
  }

  /** A case goes with its onboarding's history (seven years after it ends). */
  @Override
  public int removeWhereHistoryIsGone() {
    return jdbc.sql("delete from tr_collaboration_case where "
        + RetainedWithHistory.historyIsGone("tr_collaboration_case")).update();
  }
}
