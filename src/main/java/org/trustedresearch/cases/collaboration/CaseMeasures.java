package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.OUTCOME;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RISK_TIER;
import static org.trustedresearch.cases.collaboration.CollaborationCase.SCREENING_RESULT;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps on the case register what managers measure of a case: its risk tier, screening result and
 * outcome, and when it was decided. The engine reports every change of these variables, whichever
 * step makes it (the decision table, sign-off, withdrawal, an agreement's rejection), in the same
 * transaction; cases recorded before the register had these columns are filled from history at start.
 * The handler is registered here, by the plugin, and is not itself a bean: the Spring Boot starter adds
 * a {@link HistoryEventHandler} bean to the engine on its own, and a second registration would write
 * every change twice.
 */
@Component
class CaseMeasures extends AbstractProcessEnginePlugin {

  /** Variable → register column. */
  static final Map<String, String> COLUMNS = Map.of(RISK_TIER.name(), "risk_tier",
      SCREENING_RESULT.name(), "screening_result", OUTCOME.name(), "outcome");
  static final Set<String> CHANGES = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName(),
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE.getEventName());

  private final JdbcClient jdbc;

  CaseMeasures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new RegisterUpdates());
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Writes the measured variables' changes to the case register. */
  private final class RegisterUpdates implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      measured(event);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(CaseMeasures.this::measured);
    }
  }

  private void measured(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable
        && OnboardingProcess.KEY.equals(variable.getProcessDefinitionKey())
        && CHANGES.contains(variable.getEventType())
        && COLUMNS.containsKey(variable.getVariableName())
        && variable.getProcessInstanceId() != null) {
      String column = COLUMNS.get(variable.getVariableName());
      String value = variable.getTextValue();
      if (column.equals("outcome")) {
        decided(variable.getProcessInstanceId(), value, ClockUtil.getCurrentTime().toInstant());
      } else {
        jdbc.sql("update tr_collaboration_case set " + column + " = ? where process_instance_id = ?")
            .params(value, variable.getProcessInstanceId())
            .update();
      }
    }
  }

  /** Records the outcome, and when and how long after the proposal it was reached (nothing while it is open). */
  private void decided(String processInstanceId, String outcome, Instant at) {
    Optional<Timestamp> created = jdbc.sql("select created_at from tr_collaboration_case where process_instance_id = ?")
        .param(processInstanceId).query(Timestamp.class).optional();
    Long seconds = outcome == null || created.isEmpty() ? null
        : Duration.between(created.get().toInstant(), at).toSeconds();
    jdbc.sql("update tr_collaboration_case set outcome = ?, decided_at = ?, decision_seconds = ? where process_instance_id = ?")
        .params(outcome, outcome == null ? null : Timestamp.from(at), seconds, processInstanceId)
        .update();
  }

  /** Fills the measures of cases recorded before they were kept, from the engine's history. */
  @EventListener(ApplicationReadyEvent.class)
  void fillFromHistory() {
    COLUMNS.forEach((variable, column) -> jdbc.sql("update tr_collaboration_case set " + column
        + " = (select v.text_ from act_hi_varinst v where v.proc_inst_id_ = tr_collaboration_case.process_instance_id"
        + " and v.name_ = ?) where " + column + " is null").param(variable).update());
    jdbc.sql("""
        select c.process_instance_id, c.outcome, v.create_time_ from tr_collaboration_case c
        join act_hi_varinst v on v.proc_inst_id_ = c.process_instance_id and v.name_ = ?
        where c.outcome is not null and c.decision_seconds is null""").param(OUTCOME.name())
        .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()})
        .list()
        .forEach(row -> decided((String) row[0], (String) row[1], (Instant) row[2]));
  }
}
