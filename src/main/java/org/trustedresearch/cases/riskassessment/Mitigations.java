package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;

import java.sql.Timestamp;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * The mitigations a case must keep: the conditions of its approval, each with the reviewer who set
 * it and an owner (the requester). They outlive the process, so they live in the case's own table.
 */
@Repository
public class Mitigations implements RetainedWithHistory {

  /** One condition of an approval. */
  public record Mitigation(String caseReference, String reviewerRole, String decidedBy, String conditions, String owner) {
  }

  private final JdbcClient jdbc;
  private final CaseRegister register;

  Mitigations(JdbcClient jdbc, CaseRegister register) {
    this.jdbc = jdbc;
    this.register = register;
  }

  void recordConditions(VariableScope scope) {
    String caseReference = CASE_REFERENCE.get(scope);
    String owner = register.requesterOf(caseReference).orElseThrow();
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    for (ReviewerRole role : ReviewerRole.values()) {
      String conditions = role.conditions().get(scope);
      if (conditions != null && !conditions.isBlank()) {
        jdbc.sql("""
            insert into tr_mitigation (case_reference, reviewer_role, decided_by, conditions, owner, recorded_at)
            values (?, ?, ?, ?, ?, ?)""")
            .params(caseReference, role.name(), role.decidedBy().get(scope), conditions.strip(), owner, now)
            .update();
      }
    }
  }

  public List<Mitigation> ofCase(String caseReference) {
    return jdbc.sql("""
        select case_reference, reviewer_role, decided_by, conditions, owner
        from tr_mitigation where case_reference = ? order by id""")
        .param(caseReference)
        .query((rs, row) -> new Mitigation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .list();
  }

  /** A case's conditions go with its onboarding's history. */
  @Override
  public int removeWhereHistoryIsGone() {
    return jdbc.sql("""
        delete from tr_mitigation where not exists (select 1 from act_hi_procinst p
          where p.business_key_ = tr_mitigation.case_reference and p.proc_def_key_ = ?)""")
        .param(OnboardingProcess.KEY).update();
  }
}
