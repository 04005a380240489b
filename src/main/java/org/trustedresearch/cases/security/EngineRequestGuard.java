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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.mapper.MultipartFormData;
import org.camunda.bpm.engine.rest.mapper.MultipartPayloadProvider;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.security.FormFields.Kind;
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
 * Checks what is sent to the engine, through engine REST and through the webapps (Tasklist), before
 * the engine sees it, and bounds the size of what is sent to the project's own API. The engine
 * stores a string of up to 4,000 characters, a name or business key of up to 255, and answers
 * anything beyond with a database error; it takes any variable anyone sends. Here:
 * <ul>
 * <li>a body above {@value #MAX_BODY_MEGABYTES} MB is refused (413) before it is read into memory;</li>
 * <li>a variable that is too long, too many variables, or a value that does not convert to its type
 * is refused with 400 naming the variable;</li>
 * <li>people other than administrators write only the fields their form offers, when starting a
 * process, completing a task or setting a task's variables: no decision, tier or requester can be
 * slipped in beside the form;</li>
 * <li>starting at chosen activities, or without listeners or input mappings, would bypass the case's
 * own checks, as would deleting a task's variables or ending a task with a BPMN error or escalation:
 * only administrators may;</li>
 * <li>a body is checked whatever its declared type, since engine REST reads JSON without one; an
 * unreadable Content-Type is a 415;</li>
 * <li>a text field (an attachment's name, a task's assignee, ...) too long for its column is a 400
 * naming it;</li>
 * <li>reading or writing a task that does not exist is a 404, and a user, group or tenant id the identity service
 * would refuse is a 400, where the engine would answer 500.</li>
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
  /** A text field of a request, and the length of the engine's column that stores it. */
  private record FieldLimit(Pattern resource, String field, int maxLength) {
  }

  private static final Pattern TASK_ITSELF = Pattern.compile("task/(?:create|[^/]+)");
  private static final Pattern TASK_USER = Pattern.compile("task/[^/]+/(?:claim|assignee|delegate|identity-links(?:/delete)?)");
  private static final List<FieldLimit> FIELD_LIMITS = List.of(
      new FieldLimit(START, "businessKey", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_ITSELF, "name", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_ITSELF, "description", SubmittedVariables.MAX_TEXT_LENGTH),
      new FieldLimit(TASK_ITSELF, "assignee", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_ITSELF, "owner", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_ITSELF, "parentTaskId", MAX_ID_LENGTH),
      new FieldLimit(TASK_ITSELF, "caseInstanceId", MAX_ID_LENGTH),
      new FieldLimit(TASK_USER, "userId", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_USER, "groupId", SubmittedVariables.MAX_NAME_LENGTH),
      new FieldLimit(TASK_USER, "type", SubmittedVariables.MAX_NAME_LENGTH));
  private static final Pattern IDENTITY_CREATE = Pattern.compile("(user|group|tenant)/create");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FormFields formFields;
  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final TaskConflicts taskConflicts;

  EngineRequestGuard(FormFields formFields, IdentityService identity, ProcessEngineConfigurationImpl engineConfiguration,
      TaskConflicts taskConflicts) {
    this.formFields = formFields;
    this.identity = identity;
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

  /** Reads and deletions: of a task that exists; a task's variables are deleted by administrators only. */
  private Check checkWithoutBody(Matcher engine, HttpServletRequest request) {
    String resource = engine.group("resource");
    Matcher task = TASK_RESOURCE.matcher(resource);
    if (task.matches() && formFields.ofTask(task.group(1)).isEmpty()) {
      return noSuchTask(task.group(1), request);
    }
    if ("DELETE".equals(request.getMethod()) && TASK_VARIABLE.matcher(resource).matches()
        && !isAdministrator(request, engine)) {
      return new Check(HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only administrators may delete a task's variables", List.of());
    }
    return Check.PASS;
  }

  private Check checkWithBody(Matcher engine, HttpServletRequest request, byte[] body) throws IOException {
    String resource = engine.group("resource");
    String contentType = request.getContentType();
    if (contentType != null && !readable(contentType)) {
      // engine REST reads some of these as JSON, or fails on them with 500
      return new Check(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "InvalidRequestBody",
          "The Content-Type header cannot be read: " + SubmittedVariables.abbreviated(contentType), List.of());
    }
    boolean administrator = isAdministrator(request, engine);
    Matcher file = TASK_VARIABLE.matcher(resource);
    if (!administrator && file.matches() && file.group(3) != null) {
      return Check.badInput(List.of(new Problem(file.group(2), "no form takes a file")));
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
    return check(resource, request, root, administrator);
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

  private Check check(String resource, HttpServletRequest request, JsonNode root, boolean administrator) {
    String method = request.getMethod();
    if (!root.isObject()) {
      return Check.badInput(List.of(new Problem("body", "must be a JSON object")));
    }
    Matcher start = START.matcher(resource);
    if (start.matches() && bypassesCaseChecks(root) && !administrator) {
      return new Check(HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only administrators may start a process at chosen activities or skip its listeners or input mappings",
          List.of());
    }
    if (!administrator && TASK_ERROR.matcher(resource).matches()) {
      // no form offers it, and the variables sent with it would bypass the form
      return new Check(HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only administrators may end a task with a BPMN error or escalation", List.of());
    }
    if (!administrator && TASK_VARIABLES.matcher(resource).matches() && !root.path("deletions").isEmpty()) {
      return new Check(HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only administrators may delete a task's variables", List.of());
    }
    List<Problem> problems = new ArrayList<>();
    for (FieldLimit limit : FIELD_LIMITS) {
      JsonNode value = root.path(limit.field());
      if (!limit.resource().matcher(resource).matches() || value.isMissingNode() || value.isNull()) {
        continue;
      }
      // engine REST takes a number here as its digits
      if (value.isContainerNode()) {
        problems.add(new Problem(limit.field(), "must be text"));
      } else if (value.asText().length() > limit.maxLength()) {
        problems.add(new Problem(limit.field(), "must be at most " + limit.maxLength() + " characters"));
      }
    }
    if (TASK_ITSELF.matcher(resource).matches() && !root.path("tenantId").isMissingNode() && !root.path("tenantId").isNull()) {
      problems.add(new Problem("tenantId", "tasks here belong to no tenant"));
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
    Map<String, Kind> offered = null;
    Matcher task = taskWrite(resource);
    if (task != null) {
      Optional<Map<String, Kind>> fields = formFields.ofTask(task.group(1));
      if (fields.isEmpty()) {
        return noSuchTask(task.group(1), request);
      }
      offered = administrator ? null : fields.get();
    } else if (start.matches() && !administrator) {
      offered = formFields.ofStartForm(start.group(3), start.group(1), start.group(2)).orElse(Map.of());
    }
    Map<String, Kind> fieldsOffered = offered;
    sent.forEach((name, value) -> problems.addAll(SubmittedVariables.problemsOf(name, value, fieldsOffered)));
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

  private static boolean bypassesCaseChecks(JsonNode root) {
    JsonNode instructions = root.path("startInstructions");
    return (instructions.isArray() && !instructions.isEmpty())
        || asksFor(root.path("skipCustomListeners")) || asksFor(root.path("skipIoMappings"));
  }

  /** Anything but absent, null or false: engine REST reads "TRUE" and "True" as true too. */
  private static boolean asksFor(JsonNode flag) {
    return !(flag.isMissingNode() || flag.isNull() || (flag.isBoolean() && !flag.booleanValue())
        || (flag.isTextual() && flag.asText().equalsIgnoreCase("false")));
  }

  /** Engine REST's login has set the caller on the engine; the webapps keep theirs in the session. */
  private boolean isAdministrator(HttpServletRequest request, Matcher engine) {
    Authentication caller = identity.getCurrentAuthentication();
    UserAuthentication signedIn = caller != null ? null : RestAuthentication.EveryRequestAuthenticated.webappUser(
        request, engine.group("engine") == null ? ProcessEngines.NAME_DEFAULT : engine.group("engine"));
    List<String> groups = caller != null ? caller.getGroupIds() : signedIn == null ? null : signedIn.getGroupIds();
    return groups != null && groups.contains(Groups.CAMUNDA_ADMIN);
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
