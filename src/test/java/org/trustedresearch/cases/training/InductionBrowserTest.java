package org.trustedresearch.cases.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Mailbox.Mail;
import org.trustedresearch.cases.support.Tasklist;
import org.trustedresearch.cases.support.TestUsers;

/** A new researcher opens the induction from its e-mail in Tasklist, finds the module's link and completes it. */
@CaseManagementTest
class InductionBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Inductions inductions;
  @Autowired
  OutboxDispatcher dispatcher;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("induction");

  @Test
  void aNewResearcherOpensTheInductionFromTheirEmailAndFindsTheModuleLink() {
    inductions.sweep();
    String person = TestUsers.newPerson(engine.getIdentityService(), "newcomer", "Newcomer", true, "researchers");
    inductions.sweep();
    dispatcher.deliverAll();
    String reference = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(InductionProcess.KEY)
        .variableValueEquals(InductionProcess.REQUESTER.name(), person).singleResult().getBusinessKey();
    Mail mail = Mailbox.to(person, reference).get(0);

    Tasklist tasklist = session.tasklist();
    tasklist.logIn(person);
    tasklist.open(Tasklist.linkIn(mail));

    WebElement module = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.linkText("Take Trusted Research in the learning system")));
    assertThat(module.getAttribute("href")).isEqualTo("https://learning.example.org/course/trusted-research");
    assertThat(tasklist.browser().findElement(By.tagName("body")).getText()).contains(reference,
        "within 30 days of joining", "Completed on (optional)");
    tasklist.complete();

    tasklist.await().until(driver -> engine.getTaskService().createTaskQuery()
        .processDefinitionKey(InductionProcess.KEY).taskAssignee(person).count() == 0);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .singleResult().getEndActivityId()).isEqualTo(InductionProcess.END_DECLARED);
  }
}
