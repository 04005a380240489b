package org.trustedresearch.cases.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * The definition of done for models and forms, as a check that names every violation.
 * It reads files, not a running engine, so it runs in the build before anything is deployed.
 */
class ModelConventions {

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final Map<Class<? extends FlowNode>, String> ID_PREFIXES = Map.of(
      StartEvent.class, "StartEvent_", EndEvent.class, "EndEvent_", UserTask.class, "UserTask_",
      ServiceTask.class, "ServiceTask_", BusinessRuleTask.class, "DecisionTask_", CallActivity.class, "CallActivity_",
      Gateway.class, "Gateway_");
  static final Pattern READABLE_ID = Pattern.compile("[A-Za-z]+_[A-Z][A-Za-z0-9]*");
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  /** A name not reached through a dot: a bean, a variable or a word of the expression language. */
  static final Pattern ROOT_NAME = Pattern.compile("(?<![.\\w'])([A-Za-z_]\\w*)");
  static final Set<String> EXPRESSION_WORDS = Set.of("execution", "task", "true", "false", "null", "empty", "not",
      "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
  static final String REQUESTERS_OWN_TASK = "${requester}";
  /** A person's own invitation (the staff survey), the other task that goes to one named person. */
  static final String INVITEES_OWN_TASK = "${invitee}";

  private final Path processes;
  private final Path forms;
  private final Set<String> beans;
  private final Set<String> variables;
  private final List<String> violations = new ArrayList<>();

  ModelConventions(Path processes, Path forms, Set<String> beans, Set<String> variables) {
    this.processes = processes;
    this.forms = forms;
    this.beans = beans;
    this.variables = variables;
  }

  List<String> check() {
    Map<String, Path> formIds = readForms();
    Set<String> decisions = new HashSet<>();
    for (Path dmn : files(processes, ".dmn")) {
      decisions.addAll(checkDecisions(dmn));
    }
    Set<String> processKeys = new HashSet<>();
    files(processes, ".bpmn").forEach(bpmn -> processKeys.add(keyOf(bpmn)));
    Set<String> referencedForms = new HashSet<>();
    for (Path bpmn : files(processes, ".bpmn")) {
      checkProcess(bpmn, formIds.keySet(), decisions, processKeys, referencedForms);
    }
    formIds.forEach((id, file) -> {
      if (!referencedForms.contains(id)) {
        violation(file, "form " + id + " is used by no model");
      }
    });
    return violations;
  }

  private void checkProcess(Path file, Set<String> formIds, Set<String> decisions, Set<String> processKeys,
      Set<String> referencedForms) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    String key = keyOf(file);
    Collection<Process> processList = model.getModelElementsByType(Process.class);
    if (processList.stream().noneMatch(process -> process.getId().equals(key))) {
      violation(file, "no process with the id " + key + " (process key = file name)");
    }
    for (Process process : processList) {
      if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
        violation(file, "process " + process.getId() + " has no historyTimeToLive");
      }
    }
    Set<String> drawn = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));

    if (!model.getModelElementsByType(ScriptTask.class).isEmpty()) {
      violation(file, "has a script task; use a service task with a ${...Delegate} bean");
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      checkId(file, node);
      if (!drawn.contains(node.getId())) {
        violation(file, node.getId() + " is not in the diagram");
      }
      if (node.getAttributeValueNs(CAMUNDA, "class") != null) {
        violation(file, node.getId() + " uses camunda:class; use a ${...Delegate} bean");
      }
      if (isAsync(node) && !hasRetryCycle(node)) {
        violation(file, node.getId() + " is asynchronous without a failedJobRetryTimeCycle");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!drawn.contains(flow.getId())) {
        violation(file, flow.getId() + " is not in the diagram");
      }
    }
    for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
      if (gateway instanceof EventBasedGateway || gateway instanceof ParallelGateway) {
        continue; // it waits for whichever event comes first, or takes every flow: nobody decides
      }
      long outgoing = model.getModelElementsByType(SequenceFlow.class).stream()
          .filter(flow -> flow.getSource() == gateway).count();
      if (outgoing > 1 && (gateway.getName() == null || !gateway.getName().endsWith("?"))) {
        violation(file, gateway.getId() + " decides between flows, so its name is a question ending in '?'");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      checkUserTask(file, task, formIds, referencedForms);
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      String formRef = start.getAttributeValueNs(CAMUNDA, "formRef");
      if (formRef != null) {
        checkFormRef(file, start, formRef, formIds, referencedForms);
      }
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String expected = delegateBeanOf(task.getId());
      if (!("${" + expected + "}").equals(task.getCamundaDelegateExpression())) {
        violation(file, task.getId() + " must call ${" + expected + "}");
      }
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      if (!decisions.contains(task.getCamundaDecisionRef())) {
        violation(file, task.getId() + " refers to unknown decision " + task.getCamundaDecisionRef());
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      if (!processKeys.contains(call.getCalledElement())) {
        violation(file, call.getId() + " calls unknown process " + call.getCalledElement());
      }
    }
    checkBeanReferences(file);
  }

  private void checkId(Path file, FlowNode node) {
    if (!READABLE_ID.matcher(node.getId()).matches()) {
      violation(file, node.getId() + " is not a readable id like UserTask_ReviewAsHeadOfDepartment");
      return;
    }
    ID_PREFIXES.forEach((type, prefix) -> {
      if (type.isInstance(node) && !node.getId().startsWith(prefix)) {
        violation(file, node.getId() + " should start with " + prefix);
      }
    });
  }

  private void checkUserTask(Path file, UserTask task, Set<String> formIds, Set<String> referencedForms) {
    String assignee = task.getCamundaAssignee();
    if (assignee != null && !REQUESTERS_OWN_TASK.equals(assignee) && !INVITEES_OWN_TASK.equals(assignee)) {
      violation(file, task.getId() + " has a fixed assignee; use candidate groups");
    }
    if (assignee == null && task.getCamundaCandidateGroups() == null) {
      violation(file, task.getId() + " has no candidate groups");
    }
    if (task.getDocumentations().isEmpty() || task.getDocumentations().iterator().next().getTextContent().isBlank()) {
      violation(file, task.getId() + " has no documentation telling the person what to check and why");
    }
    if (task.getCamundaDueDate() == null) {
      violation(file, task.getId() + " has no due date");
    }
    String formRef = task.getAttributeValueNs(CAMUNDA, "formRef");
    if (formRef == null) {
      violation(file, task.getId() + " has no formRef");
    } else {
      checkFormRef(file, task, formRef, formIds, referencedForms);
    }
  }

  private void checkFormRef(Path file, BaseElement element, String formRef, Set<String> formIds,
      Set<String> referencedForms) {
    referencedForms.add(formRef);
    if (!formIds.contains(formRef)) {
      violation(file, element.getId() + " refers to form " + formRef + ", which is not in forms/");
    }
    if (!"deployment".equals(element.getAttributeValueNs(CAMUNDA, "formRefBinding"))) {
      violation(file, element.getId() + " must bind its form with formRefBinding=\"deployment\"");
    }
  }

  /** Every name an expression starts from (delegates, listeners, due dates, conditions) is a bean or a variable. */
  private void checkBeanReferences(Path file) {
    Set<String> known = new HashSet<>(beans);
    known.addAll(variables);
    known.addAll(EXPRESSION_WORDS);
    String xml = read(file).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&#x27;", "'").replace("&#39;", "'");
    Matcher expressions = EXPRESSION.matcher(xml);
    while (expressions.find()) {
      String withoutStrings = expressions.group(1).replaceAll("'[^']*'", "''");
      Matcher names = ROOT_NAME.matcher(withoutStrings);
      while (names.find()) {
        if (!known.contains(names.group(1))) {
          violation(file, "${" + expressions.group(1) + "} uses " + names.group(1)
              + ", which is neither a bean nor a known variable");
        }
      }
    }
  }

  private Set<String> checkDecisions(Path file) {
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    Set<String> ids = new HashSet<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      ids.add(decision.getId());
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        violation(file, "decision " + decision.getId() + " has no historyTimeToLive");
      }
    }
    if (!ids.contains(keyOf(file))) {
      violation(file, "no decision with the id " + keyOf(file) + " (decision key = file name)");
    }
    return ids;
  }

  private Map<String, Path> readForms() {
    Map<String, Path> ids = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (Path form : files(forms, ".form")) {
      JsonNode schema;
      try {
        schema = json.readTree(form.toFile());
      } catch (IOException e) {
        violation(form, "is not valid JSON: " + e.getMessage());
        continue;
      }
      String expectedId = form.getParent().getFileName() + "-" + keyOf(form);
      String id = schema.path("id").asText();
      if (!expectedId.equals(id)) {
        violation(form, "has id " + id + "; expected " + expectedId + " (<process-key>-<file-name>)");
      }
      ids.put(id, form);
      checkFormFields(form, schema.path("components"));
    }
    return ids;
  }

  private void checkFormFields(Path form, JsonNode components) {
    for (JsonNode component : components) {
      String key = component.path("key").asText(null);
      if (key != null && !variables.contains(key)) {
        violation(form, "field " + key + " is not a known process variable");
      }
      String path = component.path("path").asText(null);
      if (path != null && !variables.contains(path.split("\\.")[0])) {
        violation(form, "list " + path + " is not a known process variable");
      }
      // the fields of a group with a path are named within that path's value, not as process variables
      if (path == null) {
        checkFormFields(form, component.path("components"));
      }
    }
  }

  static String delegateBeanOf(String serviceTaskId) {
    String name = serviceTaskId.substring(serviceTaskId.indexOf('_') + 1);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Delegate";
  }

  private static boolean isAsync(FlowNode node) {
    return "true".equals(node.getAttributeValueNs(CAMUNDA, "asyncBefore"))
        || "true".equals(node.getAttributeValueNs(CAMUNDA, "asyncAfter"));
  }

  private static boolean hasRetryCycle(FlowNode node) {
    return node.getExtensionElements() != null && node.getExtensionElements().getElements().stream()
        .anyMatch(element -> "failedJobRetryTimeCycle".equals(element.getElementType().getTypeName()));
  }

  private void violation(Path file, String message) {
    violations.add(file.getFileName() + ": " + message);
  }

  private static String keyOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path folder, String suffix) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
