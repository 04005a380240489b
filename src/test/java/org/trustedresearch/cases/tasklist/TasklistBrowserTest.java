package org.trustedresearch.cases.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.Browser;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;

/**
 * Tasklist in a real browser: a researcher proposes a collaboration with the start form, the head of
 * department finds it in their group's tasks, opens it from the link in their e-mail, reads the case
 * in the form and approves it.
 */
@CaseManagementTest
class TasklistBrowserTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @TempDir
  Path profile;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    Assumptions.assumeTrue(Browser.available(), Browser.HOW_TO_INSTALL);
    browser = Browser.start(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      Browser.keepEvidence(browser, "last-page");
      browser.quit();
    }
  }

  void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/login");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a")));
  }

  WebElement field(String key) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id$='-Field_" + key + "']")));
  }

  void choose(String key, String label) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-Field_" + key + "-display']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))).click();
  }

  void search(String key, String text, String label) {
    field(key).sendKeys(text);
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))).click();
  }

  /**
   * Clicks an element that Tasklist's fixed footer may cover: the task form scrolls inside its own
   * panel, where the browser cannot scroll it clear of the footer.
   */
  void click(By locator) {
    // Tasklist re-renders the form after a claim; an element found just before may be replaced
    wait.ignoring(StaleElementReferenceException.class).until(driver -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
      if (element == null) {
        return false;
      }
      ((JavascriptExecutor) driver).executeScript(
          "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
      return true;
    });
  }

  /** Lets form-js apply debounced input before the next action. */
  void settle() {
    new Actions(browser).pause(Duration.ofMillis(600)).perform();
  }

  @Test
  void aResearcherStartsACaseInTasklistAndTheHeadOfDepartmentApprovesIt() {
    logIn("rachel");
    browser.findElement(By.cssSelector(".start-process-action a")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Collaboration onboarding"))).click();
    // form-js writes typed text back after a short pause; each field is given time to settle
    field("fundingAmountGbp").sendKeys(Keys.chord(Keys.CONTROL, "a"), "12000");
    settle();
    choose("department", "Physics");
    field("partnerName").sendKeys("Selwyn Spectroscopy GmbH");
    settle();
    search("partnerCountry", "Germ", "Germany (DE)");
    choose("activityType", "Research collaboration");
    field("summary").sendKeys("Shared beamline time for spectroscopy of thin films.");
    settle();
    browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_partnerName']")));

    String ref = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).variableValueEquals("partnerName", "Selwyn Spectroscopy GmbH")
        .singleResult().getBusinessKey();
    Cases cases = new Cases(engine);
    assertThat(cases.caseVariable(ref, CollaborationCase.FUNDING_AMOUNT_GBP)).isEqualTo(12000L);
    assertThat(cases.caseVariable(ref, CollaborationCase.REQUESTER)).isEqualTo("rachel");
    cases.runJobs();

    browser.manage().deleteAllCookies();
    logIn("hannah");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("My group tasks"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//li[contains(@class,'task')][.//a[normalize-space()='Review as head of department']]"
            + "[contains(normalize-space(), '" + ref + "')]")));

    // the link in her e-mail opens the task
    dispatcher.deliverAll();
    String link = Mailbox.to("hannah", ref).get(0).text().lines()
        .filter(line -> line.startsWith("Open it in Tasklist: ")).findFirst().orElseThrow()
        .substring("Open it in Tasklist: ".length())
        .replace("http://localhost:8080", "http://localhost:" + port);
    browser.get(link);
    WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//h3[contains(., 'Case " + ref + "')]")));
    assertThat(heading.getText()).contains("Selwyn Spectroscopy GmbH (DE)");
    assertThat(browser.findElement(By.cssSelector(".fjs-form")).getText()).contains("Rachel Reed", "Risk tier: LOW");
    assertThat(field("summary").getAttribute("value")).isEqualTo("Shared beamline time for spectroscopy of thin films.");
    assertThat(field("fundingAmountGbp").getAttribute("value")).isEqualTo("12000");
    assertThat(field("screeningResult").getAttribute("value")).isEqualTo("CLEAR");

    click(By.cssSelector("button.claim"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    click(By.cssSelector("[id$='-Field_hodDecision-0']"));
    wait.until(driver -> field("hodComment").isEnabled());
    field("hodComment").sendKeys("A well-known partner; go ahead.");
    settle();
    click(By.cssSelector("button[ng-click='complete()']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//h3[contains(., 'Case " + ref + "')]")));

    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(cases.caseVariable(ref, CollaborationCase.REVIEW_SUMMARY).toString())
        .contains("Head of department Hannah Price (hannah): APPROVE", "A well-known partner; go ahead.");
  }
}
