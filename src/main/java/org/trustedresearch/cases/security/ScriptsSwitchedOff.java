package org.trustedresearch.cases.security;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.ExecutableScript;
import org.camunda.bpm.engine.impl.scripting.ScriptFactory;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.springframework.stereotype.Component;

/**
 * No model may run a script: the project's logic is Java and FEEL, and a script in a model
 * (JavaScript, Groovy, ...) would run with the engine's full rights. No script engine is on the
 * classpath; this also refuses a model that contains a script when it is deployed (script tasks,
 * script listeners, conditions and input/output mappings alike), and finds no script engine for a
 * decision table that names a script language, whatever is added to the classpath later.
 */
@Component
class ScriptsSwitchedOff extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setScriptFactory(new RefusingScriptFactory());
    configuration.setScriptEngineResolver(new NoScriptEngines());
  }

  static ProcessEngineException refused(String language) {
    return new ProcessEngineException("Scripts (" + language + ") are switched off in this application: "
        + "use a Java delegate or an expression instead");
  }

  static class RefusingScriptFactory extends ScriptFactory {

    @Override
    public ExecutableScript createScriptFromResource(String language, String resource) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromResource(String language, Expression resourceExpression) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromSource(String language, String source) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromSource(String language, Expression sourceExpression) {
      throw refused(language);
    }
  }

  static class NoScriptEngines implements ScriptEngineResolver {

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      throw refused(factory.getLanguageName());
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return new ScriptEngineManager(null);
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
      throw refused(language);
    }
  }
}
