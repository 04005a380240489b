package org.trustedresearch.cases.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.trustedresearch.cases.platform.FormContent;
import org.trustedresearch.cases.survey.SurveyProperties.Question;
import org.trustedresearch.cases.survey.SurveyProperties.QuestionSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The survey's forms follow the configured question sets as they are deployed: the start form offers the
 * sets, and the answer form holds every question of every set, each shown only in campaigns of a set that
 * asks it (Tasklist does not send hidden fields), as a choice from 1 to 5.
 */
@Configuration(proxyBeanMethods = false)
class SurveyForms {

  static final String START = "forms/staff-survey/start.form";
  static final String ANSWER = "forms/staff-survey/answer.form";
  static final List<String> SCALE = List.of("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
      "Strongly agree");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FormContent surveyStartForm(SurveyProperties properties) {
    return completing(START, components -> {
      ObjectNode select = find(components, SurveyProcess.QUESTION_SET_FIELD);
      ArrayNode values = select.putArray("values");
      properties.questionSets().forEach(set -> values.addObject().put("label", set.title()).put("value", set.id()));
    });
  }

  @Bean
  FormContent surveyAnswerForm(SurveyProperties properties) {
    return completing(ANSWER, components -> {
      ArrayNode questions = find(components, SurveyProcess.QUESTIONS_GROUP).putArray("components");
      for (Question question : properties.allQuestions()) {
        questions.add(likert(question, setsAsking(properties, question.id())));
      }
      ObjectNode comment = find(components, "Field_" + SurveyProcess.COMMENT.name());
      String prompts = properties.questionSets().stream().filter(set -> set.commentPrompt() != null)
          .map(set -> "\"" + set.id() + "\"").collect(Collectors.joining(", "));
      comment.putObject("conditional").put("hide", "=not(list contains([" + prompts + "], "
          + SurveyProcess.QUESTION_SET.name() + "))");
      comment.putObject("validate").put("maxLength", properties.maxCommentLength());
      // the prompt of each set is shown above the field, as its own text
      ArrayNode group = find(components, SurveyProcess.QUESTIONS_GROUP).withArray("components");
      properties.questionSets().stream().filter(set -> set.commentPrompt() != null).forEach(set -> {
        ObjectNode prompt = group.addObject().put("type", "text").put("id", "Text_commentPrompt_" + set.id().replace('-', '_'))
            .put("text", "**" + set.commentPrompt() + "**");
        prompt.putObject("conditional").put("hide", "=" + SurveyProcess.QUESTION_SET.name() + " != \"" + set.id() + "\"");
      });
    });
  }

  private static List<String> setsAsking(SurveyProperties properties, String questionId) {
    return properties.questionSets().stream().filter(set -> set.question(questionId).isPresent())
        .map(QuestionSet::id).toList();
  }

  private static ObjectNode likert(Question question, List<String> sets) {
    ObjectNode field = JSON.createObjectNode()
        .put("type", "radio")
        .put("id", "Field_" + question.fieldKey())
        .put("key", question.fieldKey())
        .put("label", question.text());
    field.putObject("validate").put("required", true);
    ArrayNode values = field.putArray("values");
    for (int score = SurveyAnswers.LOWEST; score <= SurveyAnswers.HIGHEST; score++) {
      values.addObject().put("label", score + " - " + SCALE.get(score - 1)).put("value", String.valueOf(score));
    }
    field.putObject("conditional").put("hide", "=not(list contains(["
        + sets.stream().map(set -> "\"" + set + "\"").collect(Collectors.joining(", ")) + "], "
        + SurveyProcess.QUESTION_SET.name() + "))");
    return field;
  }

  private static FormContent completing(String resource, Consumer<JsonNode> completion) {
    return new FormContent() {
      @Override
      public String resourceName() {
        return resource;
      }

      @Override
      public byte[] complete(byte[] form) {
        try {
          JsonNode schema = JSON.readTree(form);
          completion.accept(schema.path("components"));
          return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(schema);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static ObjectNode find(JsonNode components, String id) {
    for (JsonNode component : components) {
      if (id.equals(component.path("id").asText()) && component instanceof ObjectNode found) {
        return found;
      }
      ObjectNode nested = findOrNull(component.path("components"), id);
      if (nested != null) {
        return nested;
      }
    }
    throw new IllegalStateException("The survey form has no component " + id);
  }

  private static ObjectNode findOrNull(JsonNode components, String id) {
    try {
      return components.isArray() && components.size() > 0 ? find(components, id) : null;
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
