package org.trustedresearch.cases.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Tasklist;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Tasklist in a real browser: a newcomer whose training is not current finds the training task of
 * their case in "My tasks", reads what to take and where, and declares a completion, which waits for
 * the research office while the case stays held.
 */
@CaseManagementTest
class TrainingTaskBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
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
  void aNewcomerSeesTheTrainingTaskInTasklistAndDeclaresACompletion() {
    String newcomer = TestUsers.ensureNewcomer(engine.getIdentityService(), "tasklistnewcomer");
    Cases cases = new Cases(engine);
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Tasklist Trained Optics Ltd"));

    tasklist.logIn(newcomer);
    wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("My tasks"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')]//a[normalize-space()='Complete Trusted Research training']"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//h2[contains(., 'Complete your Trusted Research training')]")));
    WebElement form = browser.findElement(By.cssSelector(".fjs-form"));
    assertThat(form.getText()).contains("Case " + ref, "Trusted Research",
        "https://learning.example.org/course/trusted-research", "Your case goes on by itself",
        "does not release your case by itself");
    assertThat(browser.findElement(By.xpath("//a[@href='https://learning.example.org/course/trusted-research']"))
        .isDisplayed()).isTrue();
    assertThat(tasklist.field("requesterTraining").getAttribute("value")).startsWith("Not current");

    LocalDate completed = PinnedClock.today().minusDays(3);
    // form-js takes a typed date when the field is left
    browser.findElement(By.cssSelector("[id$='-Field_trainingCompletedOn-date']"))
        .sendKeys(completed.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")), Keys.TAB);
    tasklist.settle();
    tasklist.complete();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//h2[contains(., 'Complete your Trusted Research training')]")));

    assertThat(cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING)).isNull();
    assertThat(jdbc.sql("select completed_on from tr_training_record where user_id = :user and status = 'PENDING'")
        .param("user", newcomer).query(LocalDate.class).single()).isEqualTo(completed);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .activityIdIn(OnboardingProcess.TIMER_RECHECK_TRAINING).count()).as("still held").isEqualTo(1);
  }
}
