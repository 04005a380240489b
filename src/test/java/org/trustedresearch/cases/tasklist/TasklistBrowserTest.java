package org.trustedresearch.cases.tasklist;

import static org.assertj.core.api.Assertions.assertThat;


import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Tasklist;

/**
 * Tasklist in a real browser: a researcher proposes a collaboration with the start form, the head of
 * department finds it in their group's tasks, opens it from the link in their e-mail, reads the case
 * in the form and approves it.
 */
@CaseManagementTest
class TasklistBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("last-page");
  WebDriver browser;
  WebDriverWait wait;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
    wait = tasklist.await();
  }

  @Test
  void aResearcherStartsACaseInTasklistAndTheHeadOfDepartmentApprovesIt() {
    tasklist.logIn("rachel");
    browser.findElement(By.cssSelector(".start-process-action a")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Collaboration onboarding"))).click();
    // form-js writes typed text back after a short pause; each field is given time to settle
    tasklist.field("fundingAmountGbp").sendKeys(Keys.chord(Keys.CONTROL, "a"), "12000");
    tasklist.settle();
    tasklist.choose("department", "Physics");
    tasklist.field("partnerName").sendKeys("Selwyn Spectroscopy GmbH");
    tasklist.settle();
    tasklist.search("partnerCountry", "Germ", "Germany (DE)");
    tasklist.choose("activityType", "Research collaboration");
    tasklist.field("summary").sendKeys("Shared beamline time for spectroscopy of thin films.");
    tasklist.settle();
    browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_partnerName']")));

    String ref = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).variableValueEquals("partnerName", "Selwyn Spectroscopy GmbH")
        .singleResult().getBusinessKey();
    Cases cases = new Cases(engine);
    assertThat(cases.caseVariable(ref, CollaborationCase.FUNDING_AMOUNT_GBP)).isEqualTo(12000L);
    assertThat(cases.caseVariable(ref, CollaborationCase.REQUESTER)).isEqualTo("rachel");
    cases.runJobs();

    tasklist.logIn("hannah");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("My group tasks"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//li[contains(@class,'task')][.//a[normalize-space()='Review as head of department']]"
            + "[contains(normalize-space(), '" + ref + "')]")));

    // the link in her e-mail opens the task
    dispatcher.deliverAll();
    tasklist.open(Tasklist.linkIn(Mailbox.to("hannah", ref).get(0)));
    WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//h3[contains(., 'Case " + ref + "')]")));
    assertThat(heading.getText()).contains("Selwyn Spectroscopy GmbH (DE)");
    assertThat(browser.findElement(By.cssSelector(".fjs-form")).getText()).contains("Rachel Reed", "Risk tier: LOW");
    assertThat(tasklist.field("summary").getAttribute("value")).isEqualTo("Shared beamline time for spectroscopy of thin films.");
    assertThat(tasklist.field("fundingAmountGbp").getAttribute("value")).isEqualTo("12000");
    assertThat(tasklist.field("screeningResult").getAttribute("value")).isEqualTo("CLEAR");

    tasklist.claim();
    tasklist.click(By.cssSelector("[id$='-Field_hodDecision-0']"));
    wait.until(driver -> tasklist.field("hodComment").isEnabled());
    tasklist.field("hodComment").sendKeys("A well-known partner; go ahead.");
    tasklist.settle();
    tasklist.complete();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//h3[contains(., 'Case " + ref + "')]")));

    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(cases.caseVariable(ref, CollaborationCase.REVIEW_SUMMARY).toString())
        .contains("Head of department Hannah Price (hannah): APPROVE", "A well-known partner; go ahead.");
  }
}
