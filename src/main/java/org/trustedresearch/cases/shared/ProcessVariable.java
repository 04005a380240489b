package org.trustedresearch.cases.shared;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable's name and Java type, declared once in a process contract so that code and
 * tests never spell a variable name twice.
 */
public record ProcessVariable<T>(String name, Class<T> type) {

  public static ProcessVariable<String> string(String name) {
    return new ProcessVariable<>(name, String.class);
  }

  public static ProcessVariable<Boolean> bool(String name) {
    return new ProcessVariable<>(name, Boolean.class);
  }

  public static ProcessVariable<java.util.Date> date(String name) {
    return new ProcessVariable<>(name, java.util.Date.class);
  }

  public static ProcessVariable<Long> number(String name) {
    return new ProcessVariable<>(name, Long.class);
  }

  /** The value, or null when the scope has no such variable. */
  public T get(VariableScope scope) {
    return type.cast(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
