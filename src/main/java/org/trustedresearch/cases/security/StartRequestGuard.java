package org.trustedresearch.cases.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * Checks request bodies of the engine REST API before the engine sees them.
 * <ul>
 * <li>Starting a process at a chosen activity, or without its listeners and input mappings, would
 * bypass the case's own checks: only administrators may.</li>
 * <li>A typed variable whose value does not convert is refused naming the variable (the engine's
 * own message does not say which one).</li>
 * </ul>
 */
class StartRequestGuard implements ContainerRequestFilter {

  private static final Map<String, Class<?>> PRIMITIVE_TYPES = Map.of(
      "boolean", Boolean.class, "integer", Integer.class, "long", Long.class, "short", Short.class,
      "double", Double.class);
  private static final List<String> VARIABLE_MAPS = List.of("variables", "modifications");

  private final IdentityService identityService;
  private final ObjectMapper json = new ObjectMapper();

  StartRequestGuard(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity() || !MediaType.APPLICATION_JSON_TYPE.isCompatible(request.getMediaType())) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException malformed) {
      return; // the engine's JSON handling answers malformed bodies with 400
    }
    if (root == null || !root.isObject()) {
      return;
    }
    String path = request.getUriInfo().getPath();
    if (path.startsWith("process-definition/") && (path.endsWith("/start") || path.endsWith("/submit-form"))
        && bypassesCaseChecks(root) && !isAdministrator()) {
      request.abortWith(Response.status(Response.Status.FORBIDDEN)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("type", "AuthorizationException", "message",
              "Only administrators may start a process at chosen activities or skip its listeners or input mappings"))
          .build());
      return;
    }
    List<Problem> problems = unconvertibleVariables(root);
    if (!problems.isEmpty()) {
      request.abortWith(RestErrors.badInput(new InvalidCaseInputException(problems)));
    }
  }

  private static boolean bypassesCaseChecks(JsonNode root) {
    JsonNode instructions = root.path("startInstructions");
    return (instructions.isArray() && !instructions.isEmpty())
        || root.path("skipCustomListeners").asBoolean(false)
        || root.path("skipIoMappings").asBoolean(false);
  }

  private boolean isAdministrator() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
  }

  private List<Problem> unconvertibleVariables(JsonNode root) {
    List<Problem> problems = new ArrayList<>();
    for (String mapName : VARIABLE_MAPS) {
      JsonNode variables = root.path(mapName);
      if (!variables.isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> entries = variables.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        JsonNode type = entry.getValue().path("type");
        JsonNode value = entry.getValue().path("value");
        Class<?> javaType = type.isTextual() ? PRIMITIVE_TYPES.get(restTypeName(type.asText())) : null;
        if (javaType != null && !value.isMissingNode() && !value.isNull() && !converts(value, javaType)) {
          problems.add(new Problem(entry.getKey(),
              "the value " + value + " is not a " + type.asText()));
        }
      }
    }
    return problems;
  }

  /** The conversion engine REST applies to a typed variable's value. */
  private boolean converts(JsonNode value, Class<?> javaType) {
    try {
      json.readValue(json.writeValueAsString(value.isTextual() ? value.asText() : value.toString()), javaType);
      return true;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String restTypeName(String type) {
    return type.isEmpty() ? type : Character.toLowerCase(type.charAt(0)) + type.substring(1);
  }
}
