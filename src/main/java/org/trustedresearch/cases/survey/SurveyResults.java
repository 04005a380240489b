package org.trustedresearch.cases.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.survey.SurveyCampaigns.Campaign;
import org.trustedresearch.cases.survey.SurveyProperties.Question;

/**
 * A campaign's results: per question the mean score and how many gave each score, for everyone and per
 * department. A group with fewer responses than {@code minimum-group-size} shows its count only; so does every
 * department when the small ones together could be worked out by subtracting the others from the whole. Free
 * text is shown only for everyone together, in alphabetical order (never the order it was given).
 */
@Service
class SurveyResults {

  static final String EVERYONE = "all";

  /** What a campaign's results show. */
  record Results(String campaignId, String questionSet, List<String> departments, String opensOn, String closesOn,
      String status, int invited, long responses, int minimumGroupSize, Group overall, List<Group> byDepartment,
      List<String> comments) {
  }

  /** One group's results; suppressed ones carry their count and the reason only. */
  record Group(String group, long responses, boolean suppressed, String note, List<QuestionResult> questions) {
  }

  /** One question in one group: mean score and how many gave 1, 2, 3, 4 and 5. */
  record QuestionResult(String questionId, String text, Double mean, Map<Integer, Long> distribution) {
  }

  private final JdbcClient jdbc;
  private final SurveyCampaigns campaigns;
  private final SurveyProperties properties;

  SurveyResults(JdbcClient jdbc, SurveyCampaigns campaigns, SurveyProperties properties) {
    this.jdbc = jdbc;
    this.campaigns = campaigns;
    this.properties = properties;
  }

  Optional<Results> of(String campaignId) {
    return campaigns.find(campaignId).map(this::results);
  }

  private Results results(Campaign campaign) {
    int minimum = properties.minimumGroupSize();
    Map<String, Long> responses = new LinkedHashMap<>();
    campaign.departments().forEach(department -> responses.put(department, 0L));
    jdbc.sql("select department, count(distinct response_id) from tr_survey_answer where campaign_id = ? group by department")
        .param(campaign.campaignId())
        .query((rs, row) -> responses.put(rs.getString(1), rs.getLong(2))).list();
    long total = responses.values().stream().mapToLong(Long::longValue).sum();
    // department -> question -> score -> count
    Map<String, Map<String, Map<Integer, Long>>> counts = new HashMap<>();
    jdbc.sql("""
        select department, question_id, score, count(*) from tr_survey_answer
        where campaign_id = ? and score is not null group by department, question_id, score""")
        .param(campaign.campaignId())
        .query((rs, row) -> counts.computeIfAbsent(rs.getString(1), department -> new HashMap<>())
            .computeIfAbsent(rs.getString(2), question -> new HashMap<>())
            .merge(rs.getInt(3), rs.getLong(4), Long::sum))
        .list();
    List<Question> questions = properties.questionSet(campaign.questionSet()).map(SurveyProperties.QuestionSet::questions)
        .orElse(List.of());

    Group overall = total < minimum ? suppressed(EVERYONE, total, minimum)
        : new Group(EVERYONE, total, false, null, questionResults(questions, new ArrayList<>(counts.values())));
    long smallTogether = responses.values().stream().filter(count -> count > 0 && count < minimum)
        .mapToLong(Long::longValue).sum();
    boolean differencing = !overall.suppressed() && smallTogether > 0 && smallTogether < minimum;
    List<Group> byDepartment = new ArrayList<>();
    responses.forEach((department, count) -> {
      if (count < minimum) {
        byDepartment.add(suppressed(department, count, minimum));
      } else if (differencing) {
        byDepartment.add(new Group(department, count, true, "not shown: with the whole, it would reveal the answers "
            + "of departments with fewer than " + minimum + " responses", List.of()));
      } else {
        byDepartment.add(new Group(department, count, false, null,
            questionResults(questions, List.of(counts.getOrDefault(department, Map.of())))));
      }
    });
    List<String> comments = overall.suppressed() ? List.of()
        : jdbc.sql("""
            select comment_text from tr_survey_answer where campaign_id = ? and question_id = ?
            order by comment_text""")
            .params(campaign.campaignId(), SurveyAnswers.COMMENT_ROW).query(String.class).list();
    return new Results(campaign.campaignId(), campaign.questionSet(), campaign.departments(),
        campaign.opensOn().toString(), campaign.closesOn().toString(), campaign.status().name(), campaign.invited(),
        total, minimum, overall, byDepartment, comments);
  }

  private static Group suppressed(String group, long responses, int minimum) {
    return new Group(group, responses, true, "fewer than " + minimum + " responses", List.of());
  }

  private static List<QuestionResult> questionResults(List<Question> questions,
      List<Map<String, Map<Integer, Long>>> groups) {
    List<QuestionResult> results = new ArrayList<>();
    for (Question question : questions) {
      Map<Integer, Long> distribution = new LinkedHashMap<>();
      for (int score = SurveyAnswers.LOWEST; score <= SurveyAnswers.HIGHEST; score++) {
        long count = 0;
        for (Map<String, Map<Integer, Long>> group : groups) {
          count += group.getOrDefault(question.id(), Map.of()).getOrDefault(score, 0L);
        }
        distribution.put(score, count);
      }
      long answered = distribution.values().stream().mapToLong(Long::longValue).sum();
      double sum = distribution.entrySet().stream().mapToDouble(entry -> entry.getKey() * (double) entry.getValue()).sum();
      results.add(new QuestionResult(question.id(), question.text(),
          answered == 0 ? null : Math.round(sum / answered * 100) / 100d, distribution));
    }
    return results;
  }
}
