package org.trustedresearch.cases.shared;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/** What a person submitted with a task or a start form, read as the processes need it, refused in words they can act on. */
public final class TaskInputs {

  private TaskInputs() {
  }

  /** Trimmed text, or null when absent or blank; anything but text, or longer than allowed, is refused. */
  public static String text(VariableScope scope, String name, int maxLength) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String string)) {
      throw new InvalidCaseInputException(name, "must be text (String)");
    }
    if (string.length() > maxLength) {
      throw new InvalidCaseInputException(name, "must be at most " + maxLength + " characters");
    }
    return string.isBlank() ? null : string.strip();
  }

  /** Text that must be given: when it is not, or is too long, a problem saying {@code what} is added. */
  public static void required(VariableScope scope, String name, String what, int maxLength, List<Problem> problems) {
    Object value = scope.getVariable(name);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(new Problem(name, what));
    } else if (text.length() > maxLength) {
      problems.add(new Problem(name, "must be at most " + maxLength + " characters"));
    }
  }

  /** One of the choices by its name, or null with a problem naming every choice. */
  public static <E extends Enum<E>> E choice(VariableScope scope, String name, Class<E> type, List<Problem> problems) {
    return type.cast(choice(scope, name, type.getEnumConstants(), problems));
  }

  /** One of the choices by its name, or null with a problem naming every choice. */
  public static Enum<?> choice(VariableScope scope, String name, Enum<?>[] choices, List<Problem> problems) {
    Object value = scope.getVariable(name);
    for (Enum<?> choice : choices) {
      if (choice.name().equals(value)) {
        return choice;
      }
    }
    problems.add(new Problem(name, "must be one of "
        + Arrays.stream(choices).map(Enum::name).collect(Collectors.joining(", "))));
    return null;
  }

  /** Refuses the input when anything was found wrong with it, naming every field at fault. */
  public static void refuse(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
  }
}
