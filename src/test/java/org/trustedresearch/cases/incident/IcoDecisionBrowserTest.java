package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Tasklist;

/**
 * Legal's ICO decision in Tasklist, in a real browser: the confidential breach report shows with its
 * deadline, and the decision with its reasons is recorded as taken in time.
 */
@CaseManagementTest
class IcoDecisionBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("ico-decision");
  WebDriver browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
  }

  @Test
  void legalDecidesNotToNotifyTheIcoWithReasonsInTasklist() {
    Cases cases = new Cases(engine);
    String reference = cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(
        IncidentProcess.KEY, Map.of(IncidentProcess.CATEGORY.name(), "PERSONAL_DATA_BREACH",
            IncidentProcess.DESCRIPTION.name(), "Interview transcripts shared with the wrong project folder.",
            IncidentProcess.OCCURRED_AT.name(), "2026-06-12T09:00", IncidentProcess.CONFIDENTIAL.name(), true)))
        .getBusinessKey();
    cases.runJobsOf(reference);
    dispatcher.deliverAll();
    Mailbox.Mail mail = Mailbox.to("leila", reference).stream()
        .filter(m -> m.subject().startsWith("Decide ICO notification waits for you")).findFirst().orElseThrow();

    tasklist.logIn("leila");
    tasklist.await().until(ExpectedConditions.elementToBeClickable(By.linkText("My group tasks"))).click();
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//li[contains(@class,'task')][.//a[normalize-space()='Decide ICO notification']]")));
    tasklist.open(Tasklist.linkIn(mail));
    String heading = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h3[contains(., 'Incident " + reference + "')]"))).getText();
    assertThat(heading).contains("PERSONAL_DATA_BREACH");
    assertThat(browser.findElement(By.cssSelector(".fjs-form")).getText()).contains("Rachel Reed", "in confidence");
    assertThat(tasklist.field("description").getAttribute("value")).contains("wrong project folder");
    assertThat(tasklist.field("icoDeadlineAt").getAttribute("value")).isNotBlank();

    tasklist.claim();
    tasklist.click(By.cssSelector("[id$='-Field_icoDecision-1']"));
    tasklist.field("icoReasons").sendKeys("Shared inside the university only; no risk to the participants.");
    tasklist.settle();
    tasklist.complete();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//h3[contains(., 'Incident " + reference + "')]")));

    String instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(reference).singleResult().getId();
    Map<String, Object> decided = new java.util.HashMap<>();
    engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).list()
        .forEach(variable -> decided.put(variable.getName(), variable.getValue()));
    assertThat(decided).containsEntry(IncidentProcess.ICO_DECISION.name(), "DO_NOT_NOTIFY")
        .containsEntry(IncidentProcess.ICO_DEADLINE_MET.name(), true);
    assertThat((String) decided.get(IncidentProcess.ICO_REASONS.name())).contains("no risk to the participants");
  }
}
