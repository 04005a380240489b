package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Tasklist;

/**
 * Text that looks like markup or like an expression is only text: stored verbatim, evaluated by
 * nothing, shown as text in Tasklist's fields (its headings strip markup, which then does not run)
 * and escaped in the e-mails.
 */
@CaseManagementTest
class HostileTextTest {

  static final String MARKUP = "Evil <img src=x onerror=\"window.hostile=1\"> Labs <script>window.hostile=2</script>";
  static final String DOLLAR_EXPRESSION = "${execution.setVariable('evaluated', true)}";
  static final String HASH_EXPRESSION = "#{execution.setVariable('evaluated', true)} and ${''.getClass().forName('java.lang.Runtime')}";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("hostile-text");

  @Test
  void markupAndExpressionsInACaseAreStoredAsTextAndShownEscaped() {
    Cases cases = new Cases(engine);
    Http http = new Http(port);
    Map<String, Object> proposal = Cases.lowRiskProposal(MARKUP);
    proposal.put(CollaborationCase.SUMMARY.name(), DOLLAR_EXPRESSION);
    Reply started = http.post("/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/start", "rachel",
        Map.of("variables", Http.variables(proposal)));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String ref = started.json().path("businessKey").asText();
    cases.runJobs();
    assertThat(cases.caseVariable(ref, CollaborationCase.PARTNER_NAME)).isEqualTo(MARKUP);
    assertThat(cases.caseVariable(ref, CollaborationCase.SUMMARY)).isEqualTo(DOLLAR_EXPRESSION);

    dispatcher.deliverAll();
    Mailbox.Mail waiting = Mailbox.to("hannah", ref).get(0);
    assertThat(waiting.html()).contains("Evil &lt;img src=x onerror=&quot;window.hostile=1&quot;&gt; Labs &lt;script&gt;")
        .doesNotContain("<img", "<script");

    Tasklist tasklist = session.tasklist();
    WebDriver browser = session.browser();
    tasklist.logIn("hannah");
    tasklist.open(Tasklist.linkIn(waiting));
    WebElement heading = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//h3[contains(., 'Case " + ref + "')]")));
    // form-js renders a heading's markdown and strips markup from it; a field shows its value as typed
    assertThat(heading.getText()).contains("Evil", "Labs").doesNotContain("window.hostile");
    assertThat(tasklist.field("summary").getAttribute("value")).isEqualTo(DOLLAR_EXPRESSION);
    // what markup is left is inert: no script, no event handler, and images only from Tasklist itself
    assertThat(browser.findElements(By.cssSelector(".fjs-form script"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll('.fjs-form *'))"
        + ".flatMap(e => Array.from(e.attributes)).filter(a => a.name.startsWith('on')).length")).isEqualTo(0L);
    assertThat(http.get("/camunda/app/tasklist/default/", null).header("Content-Security-Policy"))
        .contains("img-src 'self' data:");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.hostile === undefined")).isEqualTo(true);

    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    Reply reviewed = http.post("/engine-rest/task/" + task + "/complete", "hannah", Map.of("variables",
        Http.variables(Map.of("hodDecision", "APPROVE", "hodComment", HASH_EXPRESSION))));
    assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(204);
    assertThat(cases.caseVariable(ref, CollaborationCase.REVIEW_SUMMARY).toString()).contains(HASH_EXPRESSION);

    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("evaluated").count())
        .as("no expression was evaluated").isZero();
  }
}
