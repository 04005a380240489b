package org.trustedresearch.cases.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.survey.SurveyStaff.ENGINEERS;
import static org.trustedresearch.cases.survey.SurveyStaff.SET;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Tasklist;

/**
 * An engineer answers the staff survey in Tasklist, in a real browser, from the link in their invitation:
 * the statements of the campaign's question set only, each rated 1 to 5, and a comment.
 */
@CaseManagementTest
class SurveyBrowserTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  OutboxDispatcher dispatcher;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("staff-survey");

  @Test
  void anEngineerAnswersTheSurveyInTasklistFromTheirInvitation() {
    Tasklist tasklist = session.tasklist();
    SurveyStaff staff = new SurveyStaff(engine, port);
    String engineer = ENGINEERS.get(5);
    String campaignId = staff.openCampaign(SET, List.of("engineering"), PinnedClock.today().plusDays(14));
    dispatcher.deliverAll();
    Mailbox.Mail invitation = Mailbox.to(engineer, campaignId).get(0);

    tasklist.logIn(engineer);
    tasklist.open(Tasklist.linkIn(invitation));
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h2[contains(., 'Staff survey')]")));
    String form = session.browser().findElement(By.cssSelector(".fjs-form")).getText();
    assertThat(form).contains("I know whom to ask for advice", "Senior leaders in my department",
        "What would make it easier for you");
    for (String question : SurveyStaff.QUESTIONS) {
      tasklist.click(By.cssSelector("[id$='-Field_" + question + "-3']")); // "4 - Agree"
    }
    tasklist.field("surveyComment").sendKeys("A named contact in the department would help.");
    tasklist.settle();
    tasklist.complete();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h2[contains(., 'Staff survey')]")));

    assertThat(jdbc.sql("select score from tr_survey_answer where campaign_id = ? and score is not null")
        .param(campaignId).query(Integer.class).list()).hasSize(SurveyStaff.QUESTIONS.size()).containsOnly(4);
    assertThat(jdbc.sql("select comment_text from tr_survey_answer where campaign_id = ? and comment_text is not null")
        .param(campaignId).query(String.class).list()).containsExactly("A named contact in the department would help.");
    assertThat(staff.invitation(campaignId, engineer)).isNull();
  }

  @Test
  void theResearchOfficeStartsACampaignFromTasklistsStartForm() {
    Tasklist tasklist = session.tasklist();
    tasklist.logIn("sam");
    tasklist.click(By.cssSelector(".start-process-action a"));
    tasklist.await().until(ExpectedConditions.elementToBeClickable(By.linkText("Staff survey campaign"))).click();
    tasklist.choose("questionSet", "Research security culture (short follow-up)");
    tasklist.field("surveyDepartments").sendKeys("chemistry");
    tasklist.settle();
    java.time.LocalDate opensOn = PinnedClock.today().plusDays(20);
    typeDate(tasklist, "opensOn", opensOn);
    typeDate(tasklist, "closesOn", opensOn.plusDays(10));
    tasklist.click(By.xpath("//button[normalize-space()='Start']"));
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_surveyDepartments']")));

    assertThat(jdbc.sql("""
        select question_set || ' ' || departments || ' ' || opens_on || ' ' || closes_on || ' ' || status
        from tr_survey_campaign where started_by = 'sam' and opens_on = ?""").param(opensOn)
        .query(String.class).list())
        .containsExactly(SurveyStaff.SHORT_SET + " chemistry " + opensOn + " " + opensOn.plusDays(10) + " SCHEDULED");
  }

  /** Types a date into a form-js date field as its date picker shows dates (month/day/year). */
  static void typeDate(Tasklist tasklist, String key, java.time.LocalDate date) {
    org.openqa.selenium.WebElement input = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[id$='-Field_" + key + "-date']")));
    input.sendKeys(date.format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy")));
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
    tasklist.settle();
  }

  @Test
  void theShortQuestionSetShowsOnlyItsOwnStatementsAndNoComment() {
    Tasklist tasklist = session.tasklist();
    SurveyStaff staff = new SurveyStaff(engine, port);
    String engineer = ENGINEERS.get(4);
    String campaignId = staff.openCampaign(SurveyStaff.SHORT_SET, List.of("engineering"),
        PinnedClock.today().plusDays(14));

    tasklist.logIn(engineer);
    tasklist.open("http://localhost:8080/camunda/app/tasklist/default/#/?task="
        + staff.invitation(campaignId, engineer).getId());
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h2[contains(., 'Staff survey')]")));
    String form = session.browser().findElement(By.cssSelector(".fjs-form")).getText();
    assertThat(form).contains("I know whom to ask for advice", "without fear of blame")
        .doesNotContain("Senior leaders in my department", "What would make it easier for you");
    tasklist.click(By.cssSelector("[id$='-Field_answer_knows_whom_to_ask-1']"));
    tasklist.click(By.cssSelector("[id$='-Field_answer_reports_concerns-4']"));
    tasklist.settle();
    tasklist.complete();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h2[contains(., 'Staff survey')]")));

    assertThat(jdbc.sql("select question_id || '=' || score from tr_survey_answer where campaign_id = ?")
        .param(campaignId).query(String.class).list())
        .containsExactlyInAnyOrder("knows-whom-to-ask=2", "reports-concerns=5");
  }
}
