package org.trustedresearch.cases.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.PARTNER_NAME;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Tasklist;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Tasklist when two people act at once, or one person twice: a head of department whose review
 * another head decided or took a moment before is told who did it, and a start form sent again
 * after its answer was lost files one case (Tasklist's script, app/tasklist/trusted-research).
 */
@CaseManagementTest
class TasklistConflictBrowserTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("tasklist-conflict");
  WebDriver browser;
  WebDriverWait wait;
  Tasklist tasklist;
  Cases cases;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
    wait = tasklist.await();
    cases = new Cases(engine);
  }

  @Test
  void aHeadOfDepartmentWhoseReviewWasDecidedMeanwhileIsToldWhoDecidedIt() {
    TestUsers.ensureHeadOfPhysicsInItSecurity(engine.getIdentityService());
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Merlin Thin Films Ltd"));
    String review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();

    tasklist.logIn(TestUsers.HEAD_OF_PHYSICS_IN_IT_SECURITY);
    tasklist.open("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + review);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h3[contains(., 'Case " + ref + "')]")));
    tasklist.claim();
    tasklist.click(By.cssSelector("[id$='-Field_hodDecision-0']"));
    wait.until(driver -> tasklist.field("hodComment").isEnabled());
    tasklist.field("hodComment").sendKeys("Fine by me.");
    tasklist.settle();

    // meanwhile Hannah, head of physics too, decides the same review through engine REST
    Http.Reply decided = new Http(port).post("/engine-rest/task/" + review + "/complete", "hannah",
        Map.of("variables", Http.variables(Map.of(HEAD_OF_DEPARTMENT.decision().name(), "APPROVE"))));
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);

    tasklist.complete();
    WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'page-notifications')]//*[contains(@class,'alert')]"
            + "[contains(., 'was decided by Hannah Price at')]")));
    assertThat(notice.getText()).contains("“Review as head of department” was decided by Hannah Price at",
        "reload to see the case");
    assertThat(notice.getText()).contains("Someone else was quicker").doesNotContain("An error happened");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(review)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .as("decided once, by Hannah").extracting(UserOperationLogEntry::getUserId).containsOnly("hannah");
  }

  @Test
  void aHeadOfDepartmentClaimingAReviewAnotherJustTookIsToldWhoTookIt() {
    TestUsers.ensureHeadOfPhysicsInItSecurity(engine.getIdentityService());
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Sparrowhawk Optics Ltd"));
    String review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();

    tasklist.logIn(TestUsers.HEAD_OF_PHYSICS_IN_IT_SECURITY);
    tasklist.open("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + review);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h3[contains(., 'Case " + ref + "')]")));
    Http.Reply taken = new Http(port).post("/engine-rest/task/" + review + "/claim", "hannah", Map.of("userId", "hannah"));
    assertThat(taken.status()).as(taken.body()).isEqualTo(204);

    tasklist.click(By.cssSelector("button.claim"));
    WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'page-notifications')]//*[contains(@class,'alert')]"
            + "[contains(., 'was just taken by Hannah Price')]")));
    assertThat(notice.getText()).contains("Someone else was quicker",
        "“Review as head of department” was just taken by Hannah Price; reload to see who works on it.");
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getAssignee()).isEqualTo("hannah");
  }

  @Test
  void aStartFormSentAgainAfterItsAnswerWasLostFilesOneCase() {
    String partner = "Merlin Interferometry GmbH";
    tasklist.logIn("rachel");
    proposeInTheStartForm(partner);
    // the case is filed, but the answer never reaches the browser, as when a connection drops
    ((JavascriptExecutor) browser).executeScript(LOSE_THE_FIRST_START_ANSWER);
    // Tasklist disables Start while it waits, so a double click sends the form once
    new Actions(browser).doubleClick(browser.findElement(START)).perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'alert')][contains(., 'The process could not be started')]")));
    assertThat(casesWith(partner)).as("the first start reached the engine").isEqualTo(1);

    tasklist.click(START); // the person tries again
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_partnerName']")));
    assertThat(casesWith(partner)).as("sent again from the same form").isEqualTo(1);

    // the same answers in a new start form are a new case
    proposeInTheStartForm(partner);
    tasklist.click(START);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[id$='-Field_partnerName']")));
    assertThat(casesWith(partner)).as("sent from a new form").isEqualTo(2);
  }

  static final By START = By.xpath("//button[normalize-space()='Start']");

  /** Hides the answer to the first start form sent from the page, as if the connection dropped. */
  static final String LOSE_THE_FIRST_START_ANSWER = """
      const open = XMLHttpRequest.prototype.open;
      let lost = false;
      XMLHttpRequest.prototype.open = function (method, url) {
        if (!lost && method === 'POST' && /\\/process-definition\\/[^?]+\\/submit-form/.test(url)) {
          lost = true;
          Object.defineProperty(this, 'status', {get: () => 0});
        }
        return open.apply(this, arguments);
      };
      """;

  void proposeInTheStartForm(String partner) {
    tasklist.click(By.cssSelector(".start-process-action a"));
    // a click while the dialog is still fading in only focuses the link: click until the form opens
    wait.until(driver -> {
      if (!driver.findElements(By.cssSelector("[id$='-Field_partnerName']")).isEmpty()) {
        return true;
      }
      try {
        driver.findElements(By.linkText("Collaboration onboarding")).forEach(link -> link.click());
      } catch (WebDriverException notYet) {
        // the dialog is still changing; the next round tries again
      }
      return false;
    });
    tasklist.choose("department", "Physics");
    tasklist.field("partnerName").sendKeys(partner);
    tasklist.settle();
    tasklist.search("partnerCountry", "Germ", "Germany (DE)");
    tasklist.choose("activityType", "Research collaboration");
    tasklist.field("summary").sendKeys("Interferometer time shared between two labs.");
    tasklist.settle();
  }

  long casesWith(String partner) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).variableValueEquals(PARTNER_NAME.name(), partner).count();
  }
}
