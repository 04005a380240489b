package org.trustedresearch.cases.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.mapper.MultipartFormData;
import org.camunda.bpm.engine.rest.mapper.MultipartPayloadProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.trustedresearch.cases.shared.BufferedBody;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The HTTP side of what is sent to the engine (engine REST, the webapps' engine API) and to the
 * project's API: what can be said about a request from its bytes alone, before the engine sees it.
 * Who may do what is not decided here; the engine's command policy decides that for every route
 * ({@link CommandPolicy}), so this filter does not even ask who is calling. Here:
 * <ul>
 * <li>a body above {@value #MAX_BODY_MEGABYTES} MB is refused (413) before it is read into memory;</li>
 * <li>an unreadable Content-Type is a 415, malformed JSON a 400, a body that is not a JSON object a
 * 400; a body is checked whatever its declared type, since engine REST reads JSON without one;</li>
 * <li>a variable in any of a body's variable maps that the engine could not store (too long, too many,
 * a NUL, a value that does not convert to its declared type, a type that does not exist) is a 400
 * naming it, as is a text field too long for the engine's column (an attachment's name, a task's
 * assignee, a business key, given as text or as a number);</li>
 * <li>where engine REST would answer 500 instead of a 4xx, the shape of the request is checked: a
 * start, completion or claim without a body, a task that does not exist (404), a user, group or
 * tenant id the identity service would refuse, start flags engine REST cannot honour.</li>
 * </ul>
 */
@Configuration
class EngineRequestGuard {

  static final int MAX_BODY_MEGABYTES = 10;
  static final int MAX_BODY_BYTES = MAX_BODY_MEGABYTES * 1024 * 1024;

  private static final Pattern ENGINE_PATH = Pattern.compile(
      "^/(?:engine-rest|camunda/api/engine)(?:/engine/(?<engine>[^/]+))?/(?<resource>.+?)/?$");
  private static final Pattern START = Pattern.compile(
      "process-definition/(?:key/([^/]+)(?:/tenant-id/([^/]+))?|([^/]+))/(?:start|submit-form)");
  private static final Pattern TASK_COMPLETION = Pattern.compile("task/([^/]+)/(?:complete|submit-form|resolve)");
  private static final Pattern TASK_VARIABLES = Pattern.compile("task/([^/]+)/(?:variables|localVariables)");
  private static final Pattern TASK_VARIABLE = Pattern.compile("task/([^/]+)/(?:variables|localVariables)/([^/]+)(/data)?");
  private static final Pattern TASK_ERROR = Pattern.compile("task/([^/]+)/(?:bpmnError|bpmnEscalation)");
  /**
   * A task's own resources, which exist while the task does; {@code task/report/...} are reports
   * across tasks, and a task's comments and attachments stay readable from history once it is done.
   */
  private static final Pattern TASK_RESOURCE = Pattern.compile("task/(?!report/)([^/]+)/(?!comment|attachment).+");
  private static final Pattern ATTACHMENT = Pattern.compile("task/([^/]+)/attachment/create");
  private static final Map<String, Integer> ATTACHMENT_FIELDS = Map.of(
      "attachment-name", SubmittedVariables.MAX_NAME_LENGTH, "attachment-type", SubmittedVariables.MAX_NAME_LENGTH,
      "attachment-description", SubmittedVariables.MAX_TEXT_LENGTH, "url", SubmittedVariables.MAX_TEXT_LENGTH);
  /** The engine's own pattern for ids where none is configured. */
  private static final String DEFAULT_ID_PATTERN = "[a-zA-Z0-9]+|camunda-admin";
  /** The engine's id columns. */
  static final int MAX_ID_LENGTH = 64;
  private static final Pattern TASK_USER = Pattern.compile("task/[^/]+/(?:claim|assignee|delegate|identity-links(?:/delete)?)");
  /**
   * Text fields, wherever a body has them at its top level, and the length of the engine's columns
   * that store them (a task's, a filter's, a group's, an identity link's, an instance's business key):
   * a longer value can be neither stored nor found.
   */
  private static final Map<String, Integer> TEXT_COLUMNS = Map.of(
      "businessKey", SubmittedVariables.MAX_NAME_LENGTH, "name", SubmittedVariables.MAX_NAME_LENGTH,
      "description", SubmittedVariables.MAX_TEXT_LENGTH, "assignee", SubmittedVariables.MAX_NAME_LENGTH,
      "owner", SubmittedVariables.MAX_NAME_LENGTH, "parentTaskId", MAX_ID_LENGTH, "caseInstanceId", MAX_ID_LENGTH,
      "userId", SubmittedVariables.MAX_NAME_LENGTH, "groupId", SubmittedVariables.MAX_NAME_LENGTH,
      "type", SubmittedVariables.MAX_NAME_LENGTH);
  private static final Pattern IDENTITY_CREATE = Pattern.compile("(user|group|tenant)/create");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final TaskConflicts taskConflicts;

  EngineRequestGuard(ProcessEngineConfigurationImpl engineConfiguration, TaskConflicts taskConflicts) {
    this.engineConfiguration = engineConfiguration;
    this.taskConflicts = taskConflicts;
  }

  @Bean
  FilterRegistrationBean<Filter> engineRequestGuardFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(this::guard);
    registration.setName("trustedResearchEngineRequestGuard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/api/*");
    // after the REST login, which tells who is asking
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  private void guard(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Matcher engine = ENGINE_PATH.matcher(path);
    if (!WRITES.contains(request.getMethod())) {
      Check check = engine.matches() ? checkWithoutBody(engine, request) : Check.PASS;
      if (check.refuses()) {
        refuse(response, check);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    // the project's uploads have their own, larger limit, which names the file
    if (!engine.matches() && isMultipart(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      tooLarge(response);
      return;
    }
    byte[] body;
    try {
      body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException unreadable) {
      // a body sent in chunks may be cut off by a tighter limit on the way (an incident report's)
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestBody",
          "The request body could not be read: " + unreadable.getMessage(), List.of());
      return;
    }
    if (body.length > MAX_BODY_BYTES) {
      tooLarge(response);
      return;
    }
    HttpServletRequest buffered = new BufferedBody(request, body);
    Check check = engine.matches() ? checkWithBody(engine, request, body) : Check.PASS;
    if (check.refuses()) {
      refuse(response, check);
      return;
    }
    chain.doFilter(buffered, response);
  }

  /** Reads and deletions: of a task that exists. */
  private Check checkWithoutBody(Matcher engine, HttpServletRequest request) {
    Matcher task = TASK_RESOURCE.matcher(engine.group("resource"));
    if (task.matches() && !taskExists(task.group(1))) {
      return noSuchTask(task.group(1), request);
    }
    return Check.PASS;
  }

  /** Whether there is such a task, whoever may see it: the engine answers who may. */
  private boolean taskExists(String taskId) {
    return engineConfiguration.getCommandExecutorTxRequired()
        .execute(context -> context.getTaskManager().findTaskById(taskId) != null);
  }

  private Check checkWithBody(Matcher engine, HttpServletRequest request, byte[] body) throws IOException {
    String resource = engine.group("resource");
    String contentType = request.getContentType();
    if (contentType != null && !readable(contentType)) {
      // engine REST reads some of these as JSON, or fails on them with 500
      return new Check(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "InvalidRequestBody",
          "The Content-Type header cannot be read: " + SubmittedVariables.abbreviated(contentType), List.of());
    }
    if (isMultipart(request)) {
      return ATTACHMENT.matcher(resource).matches() ? Check.badInput(attachmentProblems(contentType, body)) : Check.PASS;
    }
    JsonNode root;
    try {
      // whatever the declared type: engine REST may still read the body as JSON
      root = body.length == 0 ? null : JSON.readTree(body);
    } catch (JsonProcessingException malformed) {
      return isJson(request) ? new Check(HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestBody",
          "The request body is not valid JSON: " + malformed.getOriginalMessage(), List.of()) : Check.PASS;
    }
    if (root == null || root.isMissingNode()) {
      // engine REST fails on a missing body where it needs one, with 500
      return needsBody(resource, request.getMethod()) ? new Check(HttpServletResponse.SC_BAD_REQUEST,
          "InvalidRequestBody", "This request needs a JSON body", List.of()) : Check.PASS;
    }
    return check(resource, request, root);
  }

  private static boolean needsBody(String resource, String method) {
    return Stream.of(START, TASK_COMPLETION, TASK_ERROR, TASK_VARIABLES, TASK_USER)
        .anyMatch(pattern -> pattern.matcher(resource).matches())
        || ("PUT".equals(method) && TASK_VARIABLE.matcher(resource).matches());
  }

  /** A task someone else has decided is a conflict, told to those who could have worked it; any other is unknown. */
  private Check noSuchTask(String taskId, HttpServletRequest request) {
    TaskConflicts.Caller caller = taskConflicts.caller(request);
    return (caller == null ? Optional.<String>empty() : taskConflicts.ended(taskId, caller))
        .map(decided -> new Check(HttpServletResponse.SC_CONFLICT, TaskConflicts.TYPE, decided, List.of()))
        .orElseGet(() -> new Check(HttpServletResponse.SC_NOT_FOUND, "InvalidRequestException",
            "There is no task " + SubmittedVariables.abbreviated(taskId), List.of()));
  }

  /** The verdict on one request; status 0 lets it through. */
  private record Check(int status, String type, String message, List<Problem> problems) {

    static final Check PASS = new Check(0, null, null, List.of());

    boolean refuses() {
      return status != 0;
    }

    static Check badInput(List<Problem> problems) {
      if (problems.isEmpty()) {
        return PASS;
      }
      InvalidCaseInputException input = new InvalidCaseInputException(problems);
      return new Check(HttpServletResponse.SC_BAD_REQUEST, "InvalidCaseInput", input.getMessage(), problems);
    }
  }

  private Check check(String resource, HttpServletRequest request, JsonNode root) {
    String method = request.getMethod();
    if (!root.isObject()) {
      return Check.badInput(List.of(new Problem("body", "must be a JSON object")));
    }
    List<Problem> problems = new ArrayList<>();
    Matcher start = START.matcher(resource);
    if (start.matches()) {
      unhonouredStartFlags(resource, root).ifPresent(problems::add);
    }
    TEXT_COLUMNS.forEach((field, maxLength) -> {
      JsonNode value = root.path(field);
      // engine REST takes a number here as its digits
      if (value.isContainerNode()) {
        problems.add(new Problem(field, "must be text"));
      } else if (value.isValueNode() && !value.isNull() && value.asText().length() > maxLength) {
        problems.add(new Problem(field, "must be at most " + maxLength + " characters"));
      }
    });
    if (!root.path("tenantId").isMissingNode() && !root.path("tenantId").isNull()) {
      problems.add(new Problem("tenantId", "this installation has no tenants"));
    }
    identifierProblem(resource, root).ifPresent(problems::add);
    Matcher variable = TASK_VARIABLE.matcher(resource);
    boolean singleVariable = variable.matches() && "PUT".equals(method);
    Map<String, JsonNode> sent = singleVariable
        ? Map.of(variable.group(2), root)
        : SubmittedVariables.of(root, writesVariables(resource), problems);
    if (!problems.isEmpty()) {
      return Check.badInput(problems);
    }
    Matcher task = taskWrite(resource);
    if (task != null && !taskExists(task.group(1))) {
      return noSuchTask(task.group(1), request);
    }
    sent.forEach((name, value) -> problems.addAll(SubmittedVariables.problemsOf(name, value)));
    return Check.badInput(problems);
  }

  /**
   * An attachment's name and type go into columns of 255 characters, its description and URL into
   * columns of 4,000; engine REST answers a longer one with a 400 that says only "Task id is null".
   */
  private static List<Problem> attachmentProblems(String contentType, byte[] body) {
    MultipartFormData form;
    try {
      MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
      // Jersey's header map ignores case; this one does not, and the provider asks in lower case
      headers.putSingle(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT), contentType);
      form = new MultipartPayloadProvider().readFrom(MultipartFormData.class, MultipartFormData.class,
          new Annotation[0], jakarta.ws.rs.core.MediaType.valueOf(contentType), headers, new ByteArrayInputStream(body));
    } catch (RuntimeException | IOException unreadable) {
      return List.of(); // engine REST answers a malformed form itself
    }
    List<Problem> problems = new ArrayList<>();
    ATTACHMENT_FIELDS.forEach((field, maxLength) -> {
      MultipartFormData.FormPart part = form.getNamedPart(field);
      if (part != null && part.getTextContent() != null && part.getTextContent().length() > maxLength) {
        problems.add(new Problem(field, "must be at most " + maxLength + " characters"));
      }
    });
    return problems;
  }

  /** Starts a process, completes a task or sets a task's variables: a list is no way to give variables there. */
  private static boolean writesVariables(String resource) {
    return START.matcher(resource).matches() || taskWrite(resource) != null;
  }

  /** A completion of a task or a change of its variables, with the task's id as group 1. */
  private static Matcher taskWrite(String resource) {
    for (Pattern taskWrite : List.of(TASK_COMPLETION, TASK_VARIABLES, TASK_VARIABLE)) {
      Matcher task = taskWrite.matcher(resource);
      if (task.matches()) {
        return task;
      }
    }
    return null;
  }

  /** A user, group or tenant id the identity service would refuse, or its table could not hold. */
  private Optional<Problem> identifierProblem(String resource, JsonNode root) {
    Matcher created = IDENTITY_CREATE.matcher(resource);
    if (!created.matches()) {
      return Optional.empty();
    }
    String kind = created.group(1);
    String field = kind.equals("user") ? "profile.id" : "id";
    JsonNode id = kind.equals("user") ? root.path("profile").path("id") : root.path("id");
    String pattern = switch (kind) {
      case "user" -> engineConfiguration.getUserResourceWhitelistPattern();
      case "group" -> engineConfiguration.getGroupResourceWhitelistPattern();
      default -> engineConfiguration.getTenantResourceWhitelistPattern();
    };
    pattern = pattern != null ? pattern : engineConfiguration.getGeneralResourceWhitelistPattern();
    pattern = pattern != null ? pattern : DEFAULT_ID_PATTERN;
    if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_ID_LENGTH) {
      return Optional.of(new Problem(field, "must be text of 1 to " + MAX_ID_LENGTH + " characters"));
    }
    if (!id.asText().matches(pattern)) {
      return Optional.of(new Problem(field, "must match " + pattern));
    }
    return Optional.empty();
  }

  /**
   * Flags engine REST cannot honour on a start: it ignores start instructions and skip flags when a
   * form is submitted, and fails with 500 on skip flags without instructions. A start at chosen
   * activities itself is for the command policy to allow or refuse.
   */
  private static Optional<Problem> unhonouredStartFlags(String resource, JsonNode root) {
    JsonNode instructions = root.path("startInstructions");
    boolean instructed = instructions.isArray() && !instructions.isEmpty();
    boolean submitsForm = resource.endsWith("/submit-form");
    if (submitsForm && instructed) {
      return Optional.of(new Problem("startInstructions", "a form starts its process at the start event; "
          + "starting at chosen activities is done through start"));
    }
    for (String flag : List.of("skipCustomListeners", "skipIoMappings")) {
      if (asksFor(root.path(flag)) && (submitsForm || !instructed)) {
        return Optional.of(new Problem(flag, "applies only to a start at chosen activities (startInstructions)"));
      }
    }
    return Optional.empty();
  }

  /** Anything but absent, null or false: engine REST reads "TRUE" and "True" as true too. */
  private static boolean asksFor(JsonNode flag) {
    return !(flag.isMissingNode() || flag.isNull() || (flag.isBoolean() && !flag.booleanValue())
        || (flag.isTextual() && flag.asText().equalsIgnoreCase("false")));
  }

  private static boolean isMultipart(HttpServletRequest request) {
    return request.getContentType() != null
        && request.getContentType().toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
  }

  private static boolean readable(String contentType) {
    try {
      MediaType.parseMediaType(contentType);
      return true;
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static boolean isJson(HttpServletRequest request) {
    try {
      return request.getContentType() != null
          && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static void refuse(HttpServletResponse response, Check check) throws IOException {
    refuse(response, check.status(), check.type(), check.message(), check.problems());
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "RequestTooLarge",
        "The request body is larger than " + MAX_BODY_MEGABYTES + " MB", List.of());
  }

  private static void refuse(HttpServletResponse response, int status, String type, String message,
      List<Problem> problems) throws IOException {
    ObjectNode answer = JSON.createObjectNode().put("type", type).put("message", message);
    if (!problems.isEmpty()) {
      problems.forEach(problem -> answer.withArray("problems").addObject()
          .put("field", problem.field()).put("message", problem.message()));
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), answer);
  }
}
