package org.trustedresearch.cases.security;

import java.lang.reflect.Field;

/**
 * Reads a command's arguments. Camunda's commands keep them in protected fields without getters;
 * the set of commands and their fields is fixed with Camunda 7's last community release, and
 * {@code CommandPolicyTest} fails should a field the policy reads be renamed.
 */
final class CommandArguments {

  private CommandArguments() {
  }

  /** The value of the named field, declared by the command's class or one it extends. */
  @SuppressWarnings("unchecked")
  static <V> V read(Object command, String name) {
    Field field = fieldOf(command.getClass(), name);
    try {
      field.setAccessible(true);
      return (V) field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getSimpleName(), e);
    }
  }

  static Field fieldOf(Class<?> commandType, String name) {
    for (Class<?> type = commandType; type != Object.class && type != null; type = type.getSuperclass()) {
      try {
        return type.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    // fail closed: a command whose arguments cannot be read is not run
    throw new IllegalStateException(commandType.getSimpleName() + " has no field " + name
        + "; the command policy must be updated for this engine version");
  }
}
