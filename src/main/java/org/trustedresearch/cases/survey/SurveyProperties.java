package org.trustedresearch.cases.survey;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff survey's question sets and its limits (README, "Staff survey").
 *
 * @param questionSets the sets a campaign may ask; a question keeps its id across sets, so campaigns compare
 * @param minimumGroupSize results of a group with fewer responses are not shown (at least 5)
 * @param maxCommentLength the longest free-text answer
 */
@ConfigurationProperties("trusted-research.survey")
record SurveyProperties(List<QuestionSet> questionSets, Integer minimumGroupSize, Integer maxCommentLength) {

  static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  static final int SMALLEST_GROUP = 5;

  /**
   * @param id what a campaign names (lower-kebab)
   * @param title its name for the research office
   * @param questions the Likert questions, each answered from 1 (strongly disagree) to 5 (strongly agree)
   * @param commentPrompt the free-text question; none when blank
   */
  record QuestionSet(String id, String title, List<Question> questions, String commentPrompt) {

    QuestionSet {
      if (id == null || !ID.matcher(id).matches() || id.length() > 64) {
        throw new IllegalArgumentException("Every trusted-research.survey.question-sets entry needs a lower-kebab id, "
            + "not " + id);
      }
      questions = questions == null ? List.of() : List.copyOf(questions);
      if (questions.isEmpty()) {
        throw new IllegalArgumentException("Question set " + id + " has no questions");
      }
      if (questions.stream().map(Question::id).distinct().count() < questions.size()) {
        throw new IllegalArgumentException("Question set " + id + " names a question id twice");
      }
      title = title == null || title.isBlank() ? id : title;
      commentPrompt = commentPrompt == null || commentPrompt.isBlank() ? null : commentPrompt;
    }

    Optional<Question> question(String questionId) {
      return questions.stream().filter(question -> question.id().equals(questionId)).findFirst();
    }
  }

  /**
   * @param id stable across question sets (lower-kebab), so the same question compares campaign with campaign
   * @param text the statement people rate
   */
  record Question(String id, String text) {

    Question {
      if (id == null || !ID.matcher(id).matches() || id.length() > 48) {
        throw new IllegalArgumentException("Every survey question needs a lower-kebab id of at most 48 characters, "
            + "not " + id);
      }
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("Survey question " + id + " has no text");
      }
    }

    /** The form field (and variable) that carries the answer while the form is submitted. */
    String fieldKey() {
      return SurveyProcess.ANSWER_PREFIX + id.replace('-', '_');
    }
  }

  SurveyProperties {
    questionSets = questionSets == null ? List.of() : List.copyOf(questionSets);
    if (questionSets.stream().map(QuestionSet::id).distinct().count() < questionSets.size()) {
      throw new IllegalArgumentException("trusted-research.survey.question-sets names a set id twice");
    }
    minimumGroupSize = minimumGroupSize == null ? SMALLEST_GROUP : minimumGroupSize;
    if (minimumGroupSize < SMALLEST_GROUP) {
      throw new IllegalArgumentException("trusted-research.survey.minimum-group-size may not be below "
          + SMALLEST_GROUP + ": smaller groups could be told apart");
    }
    maxCommentLength = maxCommentLength == null ? 2000 : maxCommentLength;
  }

  Optional<QuestionSet> questionSet(String id) {
    return questionSets.stream().filter(set -> set.id().equals(id)).findFirst();
  }

  /** Every question of every set once, by id (a question shared by sets has one text). */
  List<Question> allQuestions() {
    java.util.Map<String, Question> byId = new java.util.LinkedHashMap<>();
    questionSets.forEach(set -> set.questions().forEach(question -> byId.putIfAbsent(question.id(), question)));
    return List.copyOf(byId.values());
  }
}
