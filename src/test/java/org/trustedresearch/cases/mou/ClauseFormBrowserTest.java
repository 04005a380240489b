package org.trustedresearch.cases.mou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Tasklist;

/**
 * Legal's clause form in Tasklist, in a real browser: every required clause is listed with its
 * guidance, legal marks each one, a refused submission says why, and the round is recorded.
 */
@CaseManagementTest
class ClauseFormBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  AgreementDocuments documents;
  @Autowired
  MouReviews reviews;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("clause-form");
  WebDriver browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
  }

  void setStatus(String clauseId, String label) {
    WebElement select = tasklist.await().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("[id$='-Field_clauseStatus_" + clauseId + "-display']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", select);
    select.click();
    tasklist.await().until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))).click();
    tasklist.settle();
  }

  /** The clauses the form shows, by their group's label. */
  List<String> shownClauses() {
    return browser.findElements(By.cssSelector("[id*='-Group_clause_']")).stream()
        .filter(WebElement::isDisplayed)
        .map(group -> group.getText().lines().findFirst().orElse(""))
        .toList();
  }

  @Test
  void legalMarksEachRequiredClauseInTasklistAndRequestsChanges() {
    Cases cases = new Cases(engine);
    Map<String, Object> proposal = Cases.lowRiskProposal("Kestrel Microsystems GmbH");
    proposal.put(MOU_REQUIRED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    cases.as("rachel", () -> documents.uploadDraft(ref, "draft.pdf", Agreements.pdf("Draft"), "First draft"));
    Task draftTask = cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT);
    cases.as("rachel", () -> engine.getTaskService().complete(draftTask.getId()));

    dispatcher.deliverAll();
    Mailbox.Mail mail = Mailbox.to("leila", ref).stream()
        .filter(m -> m.subject().startsWith("Review agreement clauses waits for you")).findFirst().orElseThrow();
    tasklist.logIn("leila");
    tasklist.await().until(ExpectedConditions.elementToBeClickable(By.linkText("My group tasks"))).click();
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//li[contains(@class,'task')][.//a[normalize-space()='Review agreement clauses']]")));
    tasklist.open(Tasklist.linkIn(mail));

    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h3[contains(., 'Case " + ref + "')]")));
    tasklist.await().until(driver -> shownClauses().size() == 3);
    assertThat(shownClauses()).containsExactly("Security compliance", "Publication rights", "Confidentiality");
    assertThat(tasklist.field("mouLatestDraft").getAttribute("value")).startsWith("Version 1: draft.pdf (PDF");
    assertThat(browser.findElement(By.cssSelector("[aria-labelledby$='-Group_clause_SECURITY_COMPLIANCE']")).getText())
        .contains("Look for: Required in every international agreement", "Mitigates:", "Model wording:");

    tasklist.claim();
    setStatus("SECURITY_COMPLIANCE", "Amended");
    setStatus("PUBLICATION_RIGHTS", "Present");
    setStatus("CONFIDENTIALITY", "Missing");
    tasklist.click(By.cssSelector("[id$='-Field_mouLegalDecision-1']"));
    tasklist.field("mouLegalNotes").sendKeys("Make confidentiality mutual and say how clause 4 was changed.");
    tasklist.settle();
    tasklist.complete();
    tasklist.await().until(driver -> driver.getPageSource().contains("say how SECURITY_COMPLIANCE was amended"));
    assertThat(reviews.rounds(reviews.latest(ref).orElseThrow().id())).isEmpty();

    tasklist.field("clauseNote_SECURITY_COMPLIANCE").sendKeys("Incident reporting within 48 hours instead of 24");
    tasklist.settle();
    tasklist.complete();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//h3[contains(., 'Case " + ref + "')]")));

    MouReviews.Round round = reviews.rounds(reviews.latest(ref).orElseThrow().id()).get(0);
    assertThat(round.reviewedBy()).isEqualTo("leila");
    assertThat(round.decision()).isEqualTo("REQUEST_CHANGES");
    assertThat(round.clauses()).extracting(MouReviews.ClauseCheck::clauseId, MouReviews.ClauseCheck::status,
        MouReviews.ClauseCheck::note).containsExactly(
            org.assertj.core.groups.Tuple.tuple("SECURITY_COMPLIANCE", "AMENDED", "Incident reporting within 48 hours instead of 24"),
            org.assertj.core.groups.Tuple.tuple("PUBLICATION_RIGHTS", "PRESENT", null),
            org.assertj.core.groups.Tuple.tuple("CONFIDENTIALITY", "MISSING", null));
    assertThat(cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT).getAssignee()).isEqualTo("rachel");
  }
}
