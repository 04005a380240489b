package org.trustedresearch.cases.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * The fields a person can fill in on a deployed Camunda Form, by the variable each one writes, and
 * the check that a start or a task's completion writes those and nothing else: no decision, tier or
 * requester can be slipped in beside a form. Display-only (disabled) fields are left out: Tasklist
 * does not send them, so nobody needs to. Deployed forms never change, so what is read once is kept.
 */
class FormFields {

  /** What a field writes: a plain value, or an object that a group with a path (or a dotted key) builds. */
  enum Kind { VALUE, OBJECT }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FormService forms;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final IdentityService identity;
  private final Map<String, Map<String, Kind>> byForm = new ConcurrentHashMap<>();

  FormFields(FormService forms, RepositoryService repository, TaskService tasks, IdentityService identity) {
    this.forms = forms;
    this.repository = repository;
    this.tasks = tasks;
    this.identity = identity;
  }

  /** Refuses, naming each, the variables a start writes that its start form does not offer. */
  void checkStartForm(String definitionId, String key, String tenantId, Map<String, ?> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    check(ofStartForm(definitionId, key, tenantId).orElse(Map.of()), variables);
  }

  /** Refuses, naming each, the variables written to a task that its form does not offer. */
  void checkTaskForm(String taskId, Map<String, ?> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    // no such task: the engine answers that itself
    ofTask(taskId).ifPresent(offered -> check(offered, variables));
  }

  private static void check(Map<String, Kind> offered, Map<String, ?> variables) {
    List<Problem> problems = new ArrayList<>();
    for (String name : variables.keySet()) {
      Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
      Kind kind = offered.get(name);
      if (kind == null) {
        problems.add(new Problem(name, offered.isEmpty() ? "this form takes no variables"
            : "is not a field of this form; it offers " + String.join(", ", new TreeSet<>(offered.keySet()))));
      } else if (kind == Kind.VALUE && !isPlainValue(value)) {
        problems.add(new Problem(name, "takes text, a number, a date or true/false"));
      } else if (kind == Kind.OBJECT && !isFormObject(value)) {
        problems.add(new Problem(name, "takes the object its group of fields builds"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
  }

  /** What a form field holds: text, a number, a date, true/false, or nothing. */
  static boolean isPlainValue(Object value) {
    if (value instanceof TypedValue typed) {
      ValueType type = typed.getType();
      return type == null ? isPlainValue(typed.getValue())
          : type.isPrimitiveValueType() && type != ValueType.BYTES;
    }
    return value == null || value instanceof String || value instanceof Boolean || value instanceof Date
        || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Double;
  }

  /** What a group of fields builds: an object (or its JSON), never a file, bytes or a serialized Java object. */
  static boolean isFormObject(Object value) {
    if (value instanceof FileValue || (value instanceof TypedValue typed && typed.getType() == ValueType.BYTES)) {
      return false;
    }
    if (value instanceof SerializableValue serializable) {
      String format = serializable.getSerializationDataFormat();
      return format == null || !format.contains("java");
    }
    if (value instanceof TypedValue typed) {
      return isFormObject(typed.getValue());
    }
    return value == null || value instanceof String || value instanceof Map<?, ?>;
  }

  /** The start form's fields of a process definition given by id, or by key as its latest version. */
  Optional<Map<String, Kind>> ofStartForm(String definitionId, String key, String tenantId) {
    return asSystem(() -> {
      ProcessDefinition definition;
      if (definitionId != null) {
        definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
      } else {
        ProcessDefinitionQuery query = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion();
        definition = (tenantId == null ? query.withoutTenantId() : query.tenantIdIn(tenantId)).singleResult();
      }
      return Optional.ofNullable(definition).map(found -> byForm.computeIfAbsent("start:" + found.getId(),
          cacheKey -> fieldsOf(() -> forms.getDeployedStartForm(found.getId()))));
    });
  }

  /** The fields of a task's form; empty when there is no such task. */
  Optional<Map<String, Kind>> ofTask(String taskId) {
    return asSystem(() -> {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      return Optional.ofNullable(task).map(found -> byForm.computeIfAbsent(
          "task:" + found.getProcessDefinitionId() + ":" + found.getTaskDefinitionKey(),
          cacheKey -> fieldsOf(() -> forms.getDeployedTaskForm(found.getId()))));
    });
  }

  private static Map<String, Kind> fieldsOf(Supplier<InputStream> deployedForm) {
    JsonNode schema;
    try (InputStream form = deployedForm.get()) {
      schema = JSON.readTree(form);
    } catch (ProcessEngineException noForm) {
      return Map.of(); // a process or task without a Camunda Form takes no variables from people
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Kind> fields = new HashMap<>();
    collect(schema.path("components"), fields);
    return Map.copyOf(fields);
  }

  private static void collect(JsonNode components, Map<String, Kind> fields) {
    for (JsonNode component : components) {
      if (component.path("disabled").asBoolean(false)) {
        continue;
      }
      String path = component.path("path").asText("");
      String key = component.path("key").asText("");
      if (!path.isEmpty()) {
        fields.put(firstSegment(path), Kind.OBJECT);
      } else if (!key.isEmpty()) {
        fields.merge(firstSegment(key), key.contains(".") ? Kind.OBJECT : Kind.VALUE,
            (known, added) -> known == Kind.OBJECT ? known : added);
      }
      if (path.isEmpty()) {
        collect(component.path("components"), fields);
      }
    }
  }

  private static String firstSegment(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  /** Looks forms up as the application: the caller's own rights are checked by the engine afterwards. */
  private <T> T asSystem(Supplier<T> lookup) {
    return asSystem(identity, lookup);
  }

  /** Looks something up as the application, then restores the caller. */
  static <T> T asSystem(IdentityService identity, Supplier<T> lookup) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
