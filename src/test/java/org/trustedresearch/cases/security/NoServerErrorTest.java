package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.WebappSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Walks every route of two OpenAPI documents, the project's own ({@code /api/openapi}) and Camunda's
 * document of engine REST (shipped as {@code camunda-engine-rest-openapi}), sending malformed and
 * extreme values: wrong JSON types, empty, huge and NUL strings, numbers beyond a long, negative and
 * zero sizes, dates beyond any calendar, offsets beyond range, ids that cannot exist, and extreme
 * paging. Callers take turns: nobody, a researcher and an administrator, through engine REST with
 * HTTP Basic and through the webapps' API within a real login. No answer may be a 5xx or carry stack
 * text, and nothing may be stored or removed. The routes come from the documents, so a new endpoint
 * is walked without being listed here; values are picked by position, so every run sends the same
 * requests.
 */
@CaseManagementTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoServerErrorTest {

  /**
   * Tables a refused request may write to by design, left out of "nothing was stored": migrations,
   * a refused anonymous report's or login's count against its sender, sessions, and the scheduled
   * jobs' claims (a job may run while the walk does).
   */
  static final Set<String> BOOKKEEPING = Set.of("tr_schema_history", "tr_anonymous_limit",
      "tr_login_failure", "tr_http_session", "tr_http_session_attributes", "tr_scheduled_run");


  static final String ENGINE_REST = "/engine-rest";
  static final String HUGE = "x".repeat(70_000);
  /** Text that no field should take as it is. */
  static final List<Object> TEXT = List.of("", HUGE, "nul\u0000byte", "${1+1}", "x".repeat(4001), " ");
  /** Dates and times beyond any calendar the database or {@code java.time} keeps. */
  static final List<Object> DATES = List.of("+999999999-01-01", "0000-00-00", "9999-12-31T23:59:59.999999999Z",
      "2026-01-01T00:00:00+25:00", "-999999999-01-01T00:00:00Z", "2026-13-45T25:61:61.000+0000",
      "+999999999-12-31T23:59:59.999+0000", "");
  /** Numbers of the right JSON type that no size, count or id should accept. */
  static final List<Object> NUMBERS = List.of(-1, 0, 2147483648L, Long.MAX_VALUE, -2147483649L,
      new BigDecimal("1e400"), new BigInteger("9223372036854775808"), -9.5);
  /** Values of the wrong JSON type for a field. */
  static final List<Object> WRONG_TYPES = List.of("yes", List.of(), Map.of(), 1, new BigInteger("-99999999999999999999"));
  /** Bodies of the wrong shape altogether. */
  static final List<String> BODIES = List.of("[]", "\"text\"", "12", "{not json", "null", "",
      "[".repeat(3000), "{\"a\":1e99999}", "\u0000");
  static final List<String> VARIABLE_TYPES = List.of("Date", "Long", "Integer", "Short", "Double", "Boolean",
      "Json", "Xml", "Object", "Bytes", "File", "Null", "String", "NoSuchType");
  /** Ids in a path that no entity has: malformed, too long for any column, beyond a long. */
  static final List<String> BAD_IDS = List.of("does-not-exist", "-1", "9223372036854775808", "x".repeat(300),
      "%20", "+999999999-01-01", "%24%7B1%2B1%7D", "..");
  /** Paging no list should accept as it is. */
  static final List<String> PAGING = List.of("-1", "2147483648", "0", "-2147483649", "9223372036854775808", "1e3");
  static final Set<String> WRITES = Set.of("post", "put", "delete", "patch");
  /** Stack text or internals: a class name with its package, a stack frame, database text. */
  static final Pattern STACK_TEXT = Pattern.compile(
      "Exception|\\bat (?:org|java|jdk|sun|com)\\.|\\b(?:java|javax|jakarta|org|com|sun)\\.[a-z_]+\\.|SQL|JDBC|"
          + "\\bSELECT\\b|\\bINSERT INTO\\b|\\bUPDATE \\w+ SET\\b|ibatis|\\.java:\\d+",
      Pattern.CASE_INSENSITIVE);

  /** Who sends a request, and by which route. */
  enum Caller {
    NOBODY, RESEARCHER_REST, RESEARCHER_WEBAPP, ADMINISTRATOR_REST, ADMINISTRATOR_WEBAPP
  }

  record Sent(String method, String path, Caller caller, String body, Reply reply) {

    @Override
    public String toString() {
      String shownBody = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
      String shownPath = path.length() > 200 ? path.substring(0, 200) + "..." : path;
      String answer = reply.body() == null ? "" : reply.body().length() > 400
          ? reply.body().substring(0, 400) + "..." : reply.body();
      return method + " " + shownPath + " as " + caller + " " + shownBody.replace("\u0000", "\\u0000")
          + " -> " + reply.status() + " " + answer;
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final Logger LOG = LoggerFactory.getLogger(NoServerErrorTest.class);

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Http http;
  WebappSession researcherInTasklist;
  WebappSession administratorInCockpit;

  @BeforeAll
  void signIn() {
    http = new Http(port);
    researcherInTasklist = WebappSession.logIn(port, "tasklist", "omar");
    administratorInCockpit = WebappSession.logIn(port, "cockpit", "demo");
  }

  @Test
  void noRouteOfTheProjectApiAnswersBadInputWithAServerErrorOrStoresIt() {
    JsonNode document = http.get("/api/openapi", "demo").json();
    Map<String, Long> before = storedCounts();

    List<Sent> sent = walk(document, "", operation -> true, 6, true);

    assertThat(sent).hasSizeGreaterThan(50);
    assertNoServerErrorIn(sent);
    assertThat(storedCounts()).isEqualTo(before);
  }

  @Test
  void evaluatingConditionsNobodyWaitsForIsABadRequestNotAServerError() {
    for (Reply reply : List.of(http.post(ENGINE_REST + "/condition", "demo", Map.of()),
        administratorInCockpit.post(WebappSession.ENGINE_API + "/condition", Map.of("businessKey", "walk")))) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().path("message").asText()).contains("No subscriptions were found");
    }
  }

  @Test
  void noWriteRouteOfEngineRestAnswersBadInputWithAServerErrorOrStoresIt() throws IOException {
    JsonNode document;
    try (InputStream openapi = getClass().getResourceAsStream("/openapi.json")) {
      document = JSON.readTree(openapi);
    }
    Map<String, Long> before = storedCounts();

    List<Sent> sent = walk(document, ENGINE_REST, operation -> WRITES.contains(operation.method())
        || operation.parameterNames().contains("maxResults"), 2, false);

    assertThat(sent).hasSizeGreaterThan(300);
    assertNoServerErrorIn(sent);
    assertThat(storedCounts()).isEqualTo(before);
  }

  static void assertNoServerErrorIn(List<Sent> sent) {
    List<Sent> failures = sent.stream()
        .filter(request -> request.reply().status() >= 500 || STACK_TEXT.matcher(shownText(request.reply())).find())
        .toList();
    assertThat(failures).as("%d of %d requests answered with a server error or stack text:%n%s", failures.size(),
        sent.size(), failures.stream().map(Sent::toString).collect(Collectors.joining("\n"))).isEmpty();
  }

  /**
   * The answer as a person reads it. Camunda's documented error format names the kind of error in
   * {@code type} ({@code InvalidRequestException}, {@code AuthorizationException}); that name is an
   * API value, not stack text, and is the only place a class name may appear.
   */
  static String shownText(Reply reply) {
    String body = reply.body() == null ? "" : reply.body();
    try {
      JsonNode json = JSON.readTree(body);
      if (json instanceof ObjectNode object) {
        object.remove("type");
        return object.toString();
      }
    } catch (IOException notJson) {
      // shown as it is
    }
    return body;
  }

  record Operation(String method, String path, JsonNode spec, JsonNode document) {

    List<String> parameterNames() {
      List<String> names = new ArrayList<>();
      spec.path("parameters").forEach(parameter -> names.add(resolve(document, parameter).path("name").asText()));
      return names;
    }
  }

  /**
   * Sends {@code variants} requests to every operation of {@code document} that {@code walked}
   * accepts; callers take turns by position.
   */
  List<Sent> walk(JsonNode document, String base, java.util.function.Predicate<Operation> walked, int variants,
      boolean projectApi) {
    List<Operation> operations = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      Operation operation = new Operation(method.getKey(), path.getKey(), method.getValue(), document);
      if (Set.of("get", "post", "put", "delete", "patch").contains(operation.method()) && walked.test(operation)) {
        operations.add(operation);
      }
    }));
    LOG.info("Walking {} operations with {} requests each", operations.size(), variants);
    List<Sent> sent = new ArrayList<>();
    int position = 0;
    for (Operation operation : operations) {
      for (int variant = 0; variant < variants; variant++, position++) {
        Caller caller = Caller.values()[position % Caller.values().length];
        if (projectApi && caller == Caller.ADMINISTRATOR_WEBAPP) {
          caller = Caller.ADMINISTRATOR_REST;
        }
        sent.add(send(operation, base, variant, position, caller));
      }
    }
    return sent;
  }

  Sent send(Operation operation, String base, int variant, int position, Caller caller) {
    String path = operation.path();
    List<String> query = new ArrayList<>();
    int parameterIndex = 0;
    for (JsonNode declared : operation.spec().path("parameters")) {
      JsonNode parameter = resolve(operation.document(), declared);
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      int pick = position + parameterIndex++;
      if (in.equals("path")) {
        path = path.replace("{" + name + "}", pick(BAD_IDS, pick));
      } else if (in.equals("query") && (name.equals("maxResults") || name.equals("firstResult")
          || name.equals("page") || name.equals("size"))) {
        query.add(name + "=" + encoded(pick(PAGING, pick)));
      } else if (in.equals("query") && (parameterIndex + position) % 3 == 0) {
        query.add(name + "=" + encoded(String.valueOf(extreme(operation.document(), parameter.path("schema"), name,
            pick, 0))));
      }
    }
    String target = base + path + (query.isEmpty() ? "" : "?" + String.join("&", query));

    String contentType = null;
    String body = null;
    JsonNode content = operation.spec().path("requestBody").path("content");
    if (!content.isMissingNode() || !operation.method().equals("get") && !operation.method().equals("delete")) {
      JsonNode schema = content.path("application/json").path("schema");
      boolean multipart = content.has("multipart/form-data");
      if (variant % 2 == 1 && position % 2 == 0 || schema.isMissingNode() && !multipart) {
        body = pick(BODIES, position);
        contentType = "application/json";
      } else if (multipart) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode properties = resolve(operation.document(), content.path("multipart/form-data").path("schema"))
            .path("properties");
        int index = 0;
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); index++) {
          String name = names.next();
          fields.put(name, String.valueOf(extreme(operation.document(), properties.path(name), name, position + index, 1)));
        }
        Http.Multipart multipartBody = Http.Multipart.of(fields, "walk.bin", pick(List.of("", HUGE), position)
            .getBytes(StandardCharsets.UTF_8));
        return sent(operation.method(), target, caller, multipartBody.contentType(), multipartBody.bytes(),
            fields.toString());
      } else {
        Object extreme = extreme(operation.document(), schema, "", position + variant, 0);
        if (variant % 2 == 1 && extreme instanceof Map<?, ?> fields && !fields.isEmpty()) {
          // one field, chosen by position, of the wrong JSON type
          @SuppressWarnings("unchecked")
          Map<Object, Object> wrong = (Map<Object, Object>) fields;
          wrong.put(pick(new ArrayList<>(wrong.keySet()), position), pick(WRONG_TYPES, position));
        }
        body = Http.toJson(extreme);
        contentType = "application/json";
      }
    }
    return sent(operation.method(), target, caller, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), body);
  }

  Sent sent(String method, String target, Caller caller, String contentType, byte[] body, String shownBody) {
    String verb = method.toUpperCase();
    Reply reply = switch (caller) {
      case NOBODY -> http.send(verb, target, null, contentType, body);
      case RESEARCHER_REST -> http.send(verb, target, "omar", contentType, body);
      case ADMINISTRATOR_REST -> http.send(verb, target, "demo", contentType, body);
      case RESEARCHER_WEBAPP -> researcherInTasklist.send(verb, webapp(target), contentType, body);
      case ADMINISTRATOR_WEBAPP -> administratorInCockpit.send(verb, webapp(target), contentType, body);
    };
    return new Sent(verb, target, caller, shownBody, reply);
  }

  /** Engine REST as the webapps call it within their login; the project's API is the same for both. */
  static String webapp(String target) {
    return target.startsWith(ENGINE_REST + "/") ? WebappSession.ENGINE_API + target.substring(ENGINE_REST.length())
        : target;
  }

  /**
   * A value for {@code schema} that it should refuse: of the right JSON type but extreme (empty, huge,
   * NUL, a date beyond any calendar, a size below zero or beyond a long), or from the top level
   * down, of the wrong JSON type.
   */
  static Object extreme(JsonNode document, JsonNode declared, String name, int pick, int depth) {
    JsonNode schema = resolve(document, declared);
    if (schema.has("allOf")) {
      ObjectNode merged = JSON.createObjectNode();
      ObjectNode properties = merged.putObject("properties");
      merged.put("type", "object");
      schema.path("allOf").forEach(part -> resolve(document, part).path("properties").fields()
          .forEachRemaining(property -> properties.set(property.getKey(), property.getValue())));
      schema = merged;
    }
    if (depth > 2) {
      return pick(WRONG_TYPES, pick);
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
    return switch (type) {
      case "object" -> {
        Map<String, Object> object = new LinkedHashMap<>();
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); index++) {
          Map.Entry<String, JsonNode> property = properties.next();
          object.put(property.getKey(), extreme(document, property.getValue(), property.getKey(), pick + index, depth + 1));
        }
        if (schema.path("additionalProperties").isObject()) {
          object.put("walkVariable", Map.of("value", pick(pick % 2 == 0 ? DATES : NUMBERS, pick),
              "type", pick(VARIABLE_TYPES, pick)));
        }
        yield object;
      }
      case "array" -> List.of(extreme(document, schema.path("items"), name, pick, depth + 1));
      case "integer", "number" -> pick(NUMBERS, pick);
      case "boolean" -> pick % 2 == 0;
      default -> schema.path("format").asText().startsWith("date") || looksLikeADate(name)
          ? pick(DATES, pick) : schema.has("enum") && pick % 2 == 0 ? "NO_SUCH_" + name.toUpperCase() : pick(TEXT, pick);
    };
  }

  static boolean looksLikeADate(String name) {
    return name.endsWith("At") || name.endsWith("Date") || name.endsWith("Time") || name.endsWith("Before")
        || name.endsWith("After") || name.contains("date") || name.endsWith("Until");
  }

  static JsonNode resolve(JsonNode document, JsonNode node) {
    JsonNode resolved = node;
    for (int hops = 0; resolved.has("$ref") && hops < 10; hops++) {
      String reference = resolved.path("$ref").asText();
      resolved = document.at(reference.substring(1));
    }
    return resolved;
  }

  static <T> T pick(List<T> values, int position) {
    return values.get(Math.floorMod(position, values.size()));
  }

  static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** What a request might have stored or removed, in the engine and in the project's own tables. */
  Map<String, Long> storedCounts() {
    Map<String, Supplier<Long>> counts = new LinkedHashMap<>();
    counts.put("process instances", () -> engine.getRuntimeService().createProcessInstanceQuery().count());
    counts.put("historic process instances", () -> engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    counts.put("tasks", () -> engine.getTaskService().createTaskQuery().count());
    counts.put("variables", () -> engine.getRuntimeService().createVariableInstanceQuery().count());
    counts.put("jobs", () -> engine.getManagementService().createJobQuery().count());
    counts.put("batches", () -> engine.getManagementService().createBatchQuery().count());
    counts.put("deployments", () -> engine.getRepositoryService().createDeploymentQuery().count());
    counts.put("users", () -> engine.getIdentityService().createUserQuery().count());
    counts.put("groups", () -> engine.getIdentityService().createGroupQuery().count());
    counts.put("tenants", () -> engine.getIdentityService().createTenantQuery().count());
    counts.put("authorizations", () -> engine.getAuthorizationService().createAuthorizationQuery().count());
    counts.put("filters", () -> engine.getFilterService().createFilterQuery().count());
    counts.put("comments and attachments", () -> jdbc.sql("select count(*) from ACT_HI_COMMENT").query(Long.class).single()
        + jdbc.sql("select count(*) from ACT_HI_ATTACHMENT").query(Long.class).single());
    counts.put("project rows", () -> jdbc.sql("select table_name from information_schema.tables "
        + "where lower(table_name) like 'tr\\_%' escape '\\'")
        .query(String.class).list().stream()
        .filter(table -> !BOOKKEEPING.contains(table.toLowerCase(Locale.ROOT)))
        .mapToLong(table -> jdbc.sql("select count(*) from " + table).query(Long.class).single()).sum());
    Map<String, Long> result = new LinkedHashMap<>();
    counts.forEach((what, count) -> result.put(what, count.get()));
    return result;
  }
}
