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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Tasklist;

/**
 * The Head of Risk works a report through Tasklist, in a real browser: triage with its severity,
 * closure with a proposed case study, and the case study's approval, which publishes it.
 */
@CaseManagementTest
class IncidentClosureBrowserTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentRegister register;
  @Autowired
  JdbcClient jdbc;
  @RegisterExtension
  final BrowserSession session = new BrowserSession("incident-closure");
  WebDriver browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser() {
    tasklist = session.tasklist();
    browser = session.browser();
  }

  /** Opens the case's open task in the group's filter, waiting for its form. */
  void openTask(String reference, String taskName) {
    // Tasklist lists its filters once it has loaded them; the one shown also shows its count
    tasklist.await().until(ExpectedConditions.elementToBeClickable(By.partialLinkText("My group tasks"))).click();
    tasklist.await().until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')][contains(normalize-space(), '" + reference + "')]"
            + "//a[normalize-space()='" + taskName + "']"))).click();
    tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h3[contains(., '" + reference + "')]")));
  }

  void completeAndWait(String reference) {
    tasklist.complete();
    tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form')]//h3[contains(., '" + reference + "')]")));
  }

  @Test
  void theHeadOfRiskTriagesClosesAndPublishesACaseStudyInTasklist() {
    Cases cases = new Cases(engine);
    String reference = cases.as("omar", () -> engine.getRuntimeService().startProcessInstanceByKey(
        IncidentProcess.KEY, Map.of(IncidentProcess.CATEGORY.name(), "SUSPICIOUS_APPROACH",
            IncidentProcess.DESCRIPTION.name(), "A 'journalist' asked about our satellite imaging project.",
            IncidentProcess.OCCURRED_AT.name(), "2026-06-10T15:00"))).getBusinessKey();
    cases.runJobsOf(reference);

    tasklist.logIn("helen");
    openTask(reference, "Triage incident");
    assertThat(tasklist.field("description").getAttribute("value")).contains("satellite imaging");
    tasklist.claim();
    tasklist.choose("severity", "Medium");
    tasklist.field("triageNotes").sendKeys("Known pretext; warned the project team.");
    tasklist.settle();
    completeAndWait(reference);
    assertThat(register.find(reference).orElseThrow().status()).isEqualTo("TRIAGED");

    openTask(reference, "Close incident");
    tasklist.claim();
    // form-js applies typed text after a pause; each field is given time to settle
    tasklist.field("actionsTaken").sendKeys("Project team briefed; press office informed.");
    tasklist.settle();
    tasklist.field("lessonsLearned").sendKeys("Check who a journalist works for before answering.");
    tasklist.settle();
    tasklist.click(By.cssSelector("[id$='-Field_caseStudyProposed']"));
    tasklist.settle();
    tasklist.field("caseStudyTitle").sendKeys("The curious journalist");
    tasklist.settle();
    tasklist.field("caseStudyText").sendKeys("A researcher was asked detailed questions by a self-styled journalist.");
    tasklist.settle();
    completeAndWait(reference);

    openTask(reference, "Approve case study");
    assertThat(tasklist.field("caseStudyTitle").getAttribute("value")).isEqualTo("The curious journalist");
    tasklist.claim();
    tasklist.click(By.cssSelector("[id$='-Field_caseStudyDecision-0']"));
    tasklist.settle();
    completeAndWait(reference);

    assertThat(register.find(reference).orElseThrow().status()).isEqualTo("CLOSED");
    assertThat(jdbc.sql("select text from tr_case_study where title = 'The curious journalist'").query(String.class)
        .single()).contains("self-styled journalist");
  }

  @Test
  void theTriageDecidesWhetherTheCollaborationAReportNamesIsReReviewed() {
    Cases cases = new Cases(engine);
    String collaboration = cases.propose("rachel", Cases.lowRiskProposal("Harrowgate Spectral Ltd"));
    cases.approve("hannah", collaboration, ReviewerRole.HEAD_OF_DEPARTMENT);
    String reference = cases.as("omar", () -> engine.getRuntimeService().startProcessInstanceByKey(
        IncidentProcess.KEY, Map.of(IncidentProcess.CATEGORY.name(), "SUSPICIOUS_APPROACH",
            IncidentProcess.DESCRIPTION.name(), "A visitor from the partner photographed the cryostat.",
            IncidentProcess.OCCURRED_AT.name(), "2026-06-11T10:00",
            IncidentProcess.RELATED_CASE_REFERENCE.name(), collaboration))).getBusinessKey();
    cases.runJobsOf(reference);
    assertThat(cases.openTask(collaboration, OnboardingProcess.RE_REVIEW)).as("nothing before the triage").isNull();

    tasklist.logIn("helen");
    openTask(reference, "Triage incident");
    tasklist.claim();
    assertThat(tasklist.field("relatedCaseReference").getAttribute("value")).isEqualTo(collaboration);
    tasklist.choose("severity", "High");
    tasklist.field("triageNotes").sendKeys("Photographs deleted in front of security.");
    tasklist.settle();
    tasklist.click(By.cssSelector("[id$='-Field_reReviewRelatedCollaboration']"));
    tasklist.settle();
    completeAndWait(reference);

    cases.runJobsOf(reference);
    assertThat(cases.openTask(collaboration, OnboardingProcess.RE_REVIEW)).as("re-reviewed as the triage decided")
        .isNotNull();
  }
}
