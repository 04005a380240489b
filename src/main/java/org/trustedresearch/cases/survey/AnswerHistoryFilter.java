package org.trustedresearch.cases.survey;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine keeps no history of survey invitations ({@value SurveyProcess#ANSWER_KEY}): no variables, no
 * details, no task or activity instances with their assignee and end time, no identity links, no operation
 * log, no job log. That history would say who completed their survey when, and would hold the answer's
 * variables as the form submitted them. Every other process keeps its full history. The filter wraps the
 * engine's handler once it is built, so every handler behind it (the database's and the project's own) sees
 * only what is kept.
 */
@Component
class AnswerHistoryFilter extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Filtering(configuration.getHistoryEventHandler()));
  }

  /** Whether an event belongs to a survey invitation, by its definition's key or id ({@code key:version:id}). */
  static boolean ofInvitation(HistoryEvent event) {
    String definitionId = event.getProcessDefinitionId();
    return SurveyProcess.ANSWER_KEY.equals(event.getProcessDefinitionKey())
        || definitionId != null && definitionId.startsWith(SurveyProcess.ANSWER_KEY + ":");
  }

  private record Filtering(HistoryEventHandler kept) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!ofInvitation(event)) {
        kept.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      List<HistoryEvent> toKeep = events.stream().filter(event -> !ofInvitation(event)).toList();
      if (!toKeep.isEmpty()) {
        kept.handleEvents(toKeep);
      }
    }
  }
}
