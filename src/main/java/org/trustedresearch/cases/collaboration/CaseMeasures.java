package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.OUTCOME;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RISK_TIER;
import static org.trustedresearch.cases.collaboration.CollaborationCase.SCREENING_RESULT;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
@Component
class CaseMeasures extends AbstractProcessEnginePlugin implements HistoryEventHandler {

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
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable
        && OnboardingProcess.KEY.equals(variable.getProcessDefinitionKey())
        && CHANGES.contains(variable.getEventType())
        && COLUMNS.containsKey(variable.getVariableName())
        && variable.getProcessInstanceId() != null) {
      String column = COLUMNS.get(variable.getVariableName());
      String value = variable.getTextValue();
      if (column.equals("outcome")) {
        jdbc.sql("update tr_collaboration_case set outcome = ?, decided_at = ? where process_instance_id = ?")
            .params(value, value == null ? null : new Timestamp(ClockUtil.getCurrentTime().getTime()),
                variable.getProcessInstanceId())
            .update();
      } else {
        jdbc.sql("update tr_collaboration_case set " + column + " = ? where process_instance_id = ?")
            .params(value, variable.getProcessInstanceId())
            .update();
      }
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** Fills the measures of cases recorded before they were kept, from the engine's history. */
  @EventListener(ApplicationReadyEvent.class)
  void fillFromHistory() {
    COLUMNS.forEach((variable, column) -> jdbc.sql("update tr_collaboration_case set " + column
        + " = (select v.text_ from act_hi_varinst v where v.proc_inst_id_ = tr_collaboration_case.process_instance_id"
        + " and v.name_ = ?) where " + column + " is null").param(variable).update());
    jdbc.sql("""
        update tr_collaboration_case set decided_at = (select v.create_time_ from act_hi_varinst v
          where v.proc_inst_id_ = tr_collaboration_case.process_instance_id and v.name_ = ?)
        where decided_at is null and outcome is not null""").param(OUTCOME.name()).update();
  }
}
