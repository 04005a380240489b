package org.trustedresearch.cases.mou;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Component;
import org.trustedresearch.cases.mou.MouProperties.Clause;
import org.trustedresearch.cases.platform.FormContent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Legal's clause form lists every clause of the configured library, each shown only when the case
 * requires it: its guidance, the risk it mitigates and its model wording, a status and a note.
 * Written into the form's clause group as it is deployed, so the form follows the configuration.
 */
@Component
class ClauseReviewForm implements FormContent {

  static final String RESOURCE = "forms/mou-clause-review/review-clauses.form";
  /** The group of the form (path {@value MouReviewProcess#CLAUSE_CHECKS}) the clauses go into. */
  static final String CLAUSE_GROUP = "Group_clauseChecks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClauseLibrary library;

  ClauseReviewForm(ClauseLibrary library) {
    this.library = library;
  }

  @Override
  public String resourceName() {
    return RESOURCE;
  }

  @Override
  public byte[] complete(byte[] form) {
    try {
      JsonNode schema = JSON.readTree(form);
      ObjectNode group = findGroup(schema.path("components"));
      if (group == null) {
        throw new IllegalStateException(RESOURCE + " has no group " + CLAUSE_GROUP + " for the clauses");
      }
      ArrayNode clauses = group.putArray("components");
      library.all().forEach(clause -> clauses.add(clauseGroup(clause)));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode clauseGroup(Clause clause) {
    String id = clause.id();
    ObjectNode group = JSON.createObjectNode()
        .put("type", "group")
        .put("id", "Group_clause_" + id)
        .put("label", clause.title())
        .put("path", id)
        .put("showOutline", true);
    group.putObject("conditional").put("hide", "=not(list contains(" + MouReviewProcess.REQUIRED_CLAUSES
        + ", \"" + id + "\"))");
    ArrayNode fields = group.putArray("components");
    fields.addObject().put("type", "text").put("id", "Text_clause_" + id)
        .put("text", "**Look for:** " + clause.guidance() + "\n\n**Mitigates:** " + clause.mitigates()
            + "\n\n**Model wording:** _" + clause.wording() + "_");
    ObjectNode status = fields.addObject().put("type", "select").put("id", "Field_clauseStatus_" + id)
        .put("key", "status").put("label", "Status");
    status.putObject("validate").put("required", true);
    ArrayNode values = status.putArray("values");
    values.addObject().put("label", "Present").put("value", MouReviewProcess.ClauseStatus.PRESENT.name());
    values.addObject().put("label", "Amended").put("value", MouReviewProcess.ClauseStatus.AMENDED.name());
    values.addObject().put("label", "Missing").put("value", MouReviewProcess.ClauseStatus.MISSING.name());
    ObjectNode note = fields.addObject().put("type", "textfield").put("id", "Field_clauseNote_" + id)
        .put("key", "note").put("label", "Note").put("description", "Required when amended: how it differs.");
    note.putObject("validate").put("maxLength", ClauseReviews.MAX_CLAUSE_NOTE_LENGTH);
    return group;
  }

  private static ObjectNode findGroup(JsonNode components) {
    for (JsonNode component : components) {
      if (CLAUSE_GROUP.equals(component.path("id").asText()) && component instanceof ObjectNode group) {
        return group;
      }
      ObjectNode nested = findGroup(component.path("components"));
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }
}
