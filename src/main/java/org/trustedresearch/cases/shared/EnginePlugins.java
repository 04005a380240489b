package org.trustedresearch.cases.shared;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Small helpers for the project's engine plugins. */
public final class EnginePlugins {

  private EnginePlugins() {
  }

  /** Lets {@code listener} see every model as it is deployed, after the engine's own parsing. */
  public static void addParseListener(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(listener);
  }
}
