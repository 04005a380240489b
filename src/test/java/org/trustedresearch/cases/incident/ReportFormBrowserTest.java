package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Tasklist;

/**
 * Reporting in a real browser: a researcher reports a lost laptop with the Tasklist start form, and
 * someone reports anonymously from the report page, which needs no login, and follows the report.
 */
@CaseManagementTest
class ReportFormBrowserTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentRegister register;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  AnonymousReports anonymousReports;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("report-form");
  WebDriver browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
    anonymousReports.forgetAll();
  }

  @Test
  void aResearcherReportsALostLaptopInTasklistAndIsThanked() {
    tasklist.logIn("omar");
    browser.findElement(By.cssSelector(".start-process-action a")).click();
    // a click while the dialog is still fading in only focuses the link: click until the form opens
    tasklist.await().until(driver -> {
      if (!driver.findElements(By.cssSelector("[id$='-Field_incidentCategory-display']")).isEmpty()) {
        return true;
      }
      try {
        driver.findElements(By.linkText("Incident reporting")).forEach(link -> link.click());
      } catch (org.openqa.selenium.WebDriverException notYet) {
        // the dialog is still changing; the next round tries again
      }
      return false;
    });
    tasklist.choose("incidentCategory", "Lost or stolen device");
    tasklist.field("description").sendKeys("Laptop with interview recordings left on a train to Leeds.");
    tasklist.settle();
    // form-js takes a typed date or time when the field is left
    browser.findElement(By.cssSelector("[id$='-Field_occurredAt-date']")).sendKeys("06/10/2026", Keys.TAB);
    tasklist.settle();
    browser.findElement(By.cssSelector("[id$='-Field_occurredAt-time']")).sendKeys("18:30", Keys.TAB);
    tasklist.settle();
    tasklist.click(By.cssSelector("[id$='-Field_confidential']"));
    tasklist.settle();
    browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_description']")));

    HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.KEY).variableValueLike(IncidentProcess.DESCRIPTION.name(), "%train to Leeds%")
        .singleResult();
    String reference = instance.getBusinessKey();
    IncidentRegister.Incident incident = register.find(reference).orElseThrow();
    assertThat(incident.category()).isEqualTo("LOST_DEVICE");
    assertThat(incident.reporter()).isEqualTo("omar");
    assertThat(incident.confidential()).isTrue();
    Date occurred = (Date) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(IncidentProcess.OCCURRED_AT.name()).singleResult().getValue();
    assertThat(occurred.toInstant()).as("a time without a zone is the institution's")
        .isEqualTo(java.time.ZonedDateTime.of(2026, 6, 10, 18, 30, 0, 0, PinnedClock.LONDON).toInstant());
    dispatcher.deliverAll();
    assertThat(Mailbox.to("omar", reference)).extracting(Mailbox.Mail::subject)
        .contains("Thank you for reporting: incident " + reference);
  }

  @Test
  void someoneReportsAnonymouslyFromTheReportPageAndFollowsItWithTheReceiptCode() {
    browser.get("http://localhost:" + port + "/report/index.html");
    new Select(browser.findElement(By.id("incidentCategory"))).selectByValue("SUSPICIOUS_APPROACH");
    browser.findElement(By.id("description")).sendKeys("Someone asked me to copy the group's unpublished data.");
    ((JavascriptExecutor) browser).executeScript("document.getElementById('occurredAt').value = '2026-06-10T09:15';");
    browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();

    tasklist.await().until(ExpectedConditions.textMatches(By.id("receipt"),
        java.util.regex.Pattern.compile("receipt code is [0-9a-f]{32}")));
    String code = browser.findElement(By.id("receipt")).getText().replaceAll(".*receipt code is ([0-9a-f]{32}).*", "$1");
    assertThat(register.statusByReceipt(AnonymousReports.hash(code))).contains("RECEIVED");

    browser.findElement(By.id("code")).sendKeys(code);
    browser.findElement(By.cssSelector("#status-form button[type=submit]")).click();
    tasklist.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Status: RECEIVED"));
  }
}
