package org.trustedresearch.cases.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.survey.SurveyStaff.ENGINEERS;
import static org.trustedresearch.cases.survey.SurveyStaff.SET;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.EveryTable;
import org.trustedresearch.cases.support.EveryTable.Hit;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * Nothing the application or the engine stores links a respondent to their answer: every table is searched,
 * the engine's history and byte arrays included, after a real answer through engine REST.
 */
@CaseManagementTest
@ExtendWith(OutputCaptureExtension.class)
class SurveyAnonymityTest {

  static final Set<String> TIME_TYPES = Set.of("DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE",
      "TIME WITH TIME ZONE");

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  OutboxDispatcher dispatcher;

  @Test
  void noTableLinksTheRespondentToWhatTheyAnsweredNorToWhenTheyAnswered(CapturedOutput logs) {
    SurveyStaff staff = new SurveyStaff(engine, port);
    String respondent = ENGINEERS.get(6);
    String campaignId = staff.openCampaign(SET, List.of("engineering"), PinnedClock.today().plusDays(14));
    dispatcher.deliverAll();
    // where the respondent is known before answering: their account, their invitation task and its e-mail
    Set<String> knownBefore = new HashSet<>(EveryTable.columnsHolding(jdbc, respondent));
    String comment = "Anonymity probe " + UUID.randomUUID();
    Map<String, Object> answer = SurveyStaff.ratings("2", comment);

    staff.answered(campaignId, respondent, answer);
    dispatcher.deliverAll();

    List<Hit> commentRows = EveryTable.rowsHolding(jdbc, comment);
    assertThat(commentRows).extracting(hit -> hit.table() + "." + hit.column())
        .containsExactly("TR_SURVEY_ANSWER.COMMENT_TEXT");
    String responseId = (String) commentRows.get(0).row().get("RESPONSE_ID");
    List<Hit> responseRows = EveryTable.rowsHolding(jdbc, responseId);
    assertThat(responseRows).as("the response id is nowhere but in its answer rows")
        .allMatch(hit -> hit.table().equals("TR_SURVEY_ANSWER")).hasSize(SurveyStaff.QUESTIONS.size() + 1);
    assertThat(responseRows).noneMatch(hit -> hit.rowMentions(respondent));

    // after answering the respondent is known in one place more: the participation record, which holds no answer
    Set<String> knownAfter = new HashSet<>(EveryTable.columnsHolding(jdbc, respondent));
    knownAfter.removeAll(knownBefore);
    assertThat(knownAfter).containsExactly("TR_SURVEY_PARTICIPATION.USER_ID");
    assertThat(EveryTable.rowsHolding(jdbc, respondent)).as("no row holding the respondent holds the answer")
        .noneMatch(hit -> hit.rowMentions(comment) || hit.rowMentions(responseId));

    // the engine kept nothing of the answer or of who completed their invitation when
    for (String variable : answer.keySet()) {
      assertThat(EveryTable.columnsHolding(jdbc, variable)).as(variable)
          .allMatch(column -> column.equals("ACT_GE_BYTEARRAY.BYTES_")); // the deployed form
    }
    assertThat(EveryTable.columnsHolding(jdbc, respondent)).noneMatch(column -> column.startsWith("ACT_HI_"))
        .noneMatch(column -> column.startsWith("ACT_GE_"));
    var history = engine.getHistoryService();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(SurveyProcess.ANSWER_KEY).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().taskAssignee(respondent).count()).isZero();
    assertThat(history.createUserOperationLogQuery().userId(respondent).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().variableName(SurveyProcess.COMMENT.name()).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(campaignInstance(campaignId)).count())
        .as("the campaign's own history is kept").isPositive();

    // neither table has a time or a sequence that could be matched with when someone answered
    for (String table : List.of("TR_SURVEY_ANSWER", "TR_SURVEY_PARTICIPATION")) {
      List<Map<String, Object>> columns = jdbc.sql("""
          select column_name, data_type, is_identity from information_schema.columns where table_name = ?""")
          .param(table).query().listOfRows();
      assertThat(columns).as(table).isNotEmpty()
          .noneMatch(column -> TIME_TYPES.contains(String.valueOf(column.get("DATA_TYPE"))))
          .noneMatch(column -> "YES".equals(column.get("IS_IDENTITY")));
    }
    assertThat(logs.getAll()).doesNotContain(comment);
  }

  String campaignInstance(String campaignId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(campaignId)
        .processDefinitionKey(SurveyProcess.KEY).singleResult().getId();
  }
}
