package org.trustedresearch.cases.mou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
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
 * The agreement page in a real browser, within the Tasklist session: the requester follows the link
 * in their task, uploads a draft, sees a renamed executable refused, and the page's changes need the
 * session's CSRF token.
 */
@CaseManagementTest
class AgreementPageBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  MouReviews reviews;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("agreement-page");
  WebDriver browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
  }

  @TempDir
  Path folder;

  Path file(String name, byte[] content) throws IOException {
    return Files.write(folder.resolve(name), content);
  }

  void upload(Path file, String changeNote) {
    browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.id("changeNote")).clear();
    browser.findElement(By.id("changeNote")).sendKeys(changeNote);
    browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
  }

  @Test
  void theRequesterUploadsTheDraftFromTheLinkInTheirTask() throws IOException {
    Cases cases = new Cases(engine);
    Map<String, Object> proposal = Cases.lowRiskProposal("Larchmont Fluidics Ltd");
    proposal.put(MOU_REQUIRED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    dispatcher.deliverAll();

    tasklist.logIn("rachel");
    tasklist.open(Tasklist.linkIn(Mailbox.to("rachel", ref).stream()
        .filter(mail -> mail.subject().startsWith("Provide draft agreement waits for you")).findFirst().orElseThrow()));
    By pageLink = By.cssSelector(".fjs-form a[href*='/mou/index.html?case=" + ref + "']");
    String page = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(pageLink)).getAttribute("href");
    browser.get(page);
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("upload")));
    assertThat(browser.findElement(By.id("case-reference")).getText()).isEqualTo(ref);

    upload(file("agreement.pdf", Agreements.executable()), "Renamed program");
    tasklist.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"),
        "file: is not a PDF or Word (DOCX) document, whatever its name says"));

    upload(file("partner-draft.pdf", Agreements.pdf("Draft")), "The partner's first draft");
    tasklist.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
        "Uploaded partner-draft.pdf as draft version 1."));
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(By.linkText("partner-draft.pdf")));
    MouReviews.Review review = reviews.latest(ref).orElseThrow();
    assertThat(reviews.documents(review.id())).extracting(MouReviews.Document::uploadedBy, MouReviews.Document::changeNote)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rachel", "The partner's first draft"));

    Object withoutToken = ((JavascriptExecutor) browser).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        var body = new FormData();
        body.append('file', new Blob(['%PDF-1.4 forged']), 'forged.pdf');
        fetch('/api/cases/' + arguments[0] + '/mou/drafts', {method: 'POST', credentials: 'same-origin', body: body})
          .then(function (response) { done(response.status); });""", ref);
    assertThat(withoutToken).isEqualTo(403L);
    assertThat(reviews.documents(review.id())).hasSize(1);
  }
}
