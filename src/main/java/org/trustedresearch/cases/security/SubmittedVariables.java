package org.trustedresearch.cases.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * What the engine can store of a variable sent in engine REST's form ({@code {"name": {"value": ...,
 * "type": ...}}}). Which variables a person may write is the command policy's business ({@link FormFields}).
 */
final class SubmittedVariables {

  /** The engine's text column for a variable's value. */
  static final int MAX_TEXT_LENGTH = 4000;
  /** The engine's columns for a variable's name and a business key. */
  static final int MAX_NAME_LENGTH = 255;
  /** Far above any form's fields; a bound on what one request makes the engine store. */
  static final int MAX_VARIABLES = 200;

  private static final List<String> VARIABLE_MAPS = List.of("variables", "modifications", "processVariables",
      "processVariablesLocal", "localVariables", "correlationKeys", "localCorrelationKeys");
  /** The engine's value types, as engine REST names them (in any case). */
  private static final Set<String> KNOWN_TYPES = Set.of("string", "boolean", "integer", "long", "short", "double",
      "date", "null", "json", "xml", "object", "bytes", "file");

  private SubmittedVariables() {
  }

  /** The variables of a request body, from each of its maps; a map that is not one is a problem. */
  static Map<String, JsonNode> of(JsonNode root, boolean writesVariables, List<Problem> problems) {
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    for (String mapName : VARIABLE_MAPS) {
      JsonNode map = root.path(mapName);
      if (map.isMissingNode() || map.isNull() || (map.isArray() && !writesVariables)) {
        continue; // queries filter by variables in lists of conditions
      }
      if (!map.isObject()) {
        problems.add(new Problem(mapName, "must be a JSON object of variables"));
        continue;
      }
      if (map.size() > MAX_VARIABLES) {
        problems.add(new Problem(mapName, map.size() + " variables in one request; at most " + MAX_VARIABLES));
        continue;
      }
      map.fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue()));
    }
    return variables;
  }

  /** What is wrong with one variable, whichever form or command it is for (the command policy checks that). */
  static List<Problem> problemsOf(String name, JsonNode variable) {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      return List.of(new Problem(abbreviated(name), "a variable's name must have 1 to " + MAX_NAME_LENGTH + " characters"));
    }
    if (!variable.isObject()) {
      return List.of(new Problem(name, "must be an object with a value and, optionally, a type"));
    }
    JsonNode value = variable.path("value");
    JsonNode typeName = variable.path("type");
    if (!typeName.isMissingNode() && !typeName.isNull() && !typeName.isTextual()) {
      return List.of(new Problem(name, "its type must be a name such as String, Boolean, Long or Date"));
    }
    String type = typeName.isTextual() ? typeName.asText().toLowerCase(Locale.ROOT) : null;
    if (type != null && !KNOWN_TYPES.contains(type)) {
      return List.of(new Problem(name, "its type must be one of " + String.join(", ", new TreeSet<>(KNOWN_TYPES))));
    }
    if (value.isTextual() && value.asText().indexOf('\0') >= 0) {
      return List.of(new Problem(name, "contains a NUL character, which text cannot hold"));
    }
    if (value.isTextual() && value.asText().length() > MAX_TEXT_LENGTH
        && (type == null || "string".equals(type))) {
      return List.of(new Problem(name, "is " + value.asText().length() + " characters long; at most "
          + MAX_TEXT_LENGTH));
    }
    if (type != null && !value.isMissingNode() && !value.isNull() && !converts(value, type)) {
      return List.of(new Problem(name, "the value " + abbreviated(value.toString()) + " is not a " + type));
    }
    return List.of();
  }

  /** Whether a value converts to a primitive type as engine REST would; stricter for true/false. */
  private static boolean converts(JsonNode value, String type) {
    String text = value.asText();
    try {
      switch (type) {
        case "boolean" -> {
          return value.isBoolean() || (value.isTextual() && (text.equals("true") || text.equals("false")));
        }
        case "integer" -> Integer.parseInt(value.isIntegralNumber() ? value.toString() : text);
        case "long" -> Long.parseLong(value.isIntegralNumber() ? value.toString() : text);
        case "short" -> Short.parseShort(value.isIntegralNumber() ? value.toString() : text);
        case "double" -> Double.parseDouble(value.isNumber() ? value.toString() : text);
        case "string" -> {
          return value.isValueNode();
        }
        default -> {
          return true; // the engine checks the other types and names them in its answer
        }
      }
      return value.isNumber() || value.isTextual();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String abbreviated(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
