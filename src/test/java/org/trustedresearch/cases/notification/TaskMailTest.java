package org.trustedresearch.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.*;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Mailbox.Mail;
import org.trustedresearch.cases.support.TestUsers;

/** The right people get the right e-mail, through a real SMTP server. */
@CaseManagementTest
class TaskMailTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @LocalServerPort
  int port;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  void deliver() {
    dispatcher.deliverAll();
  }

  @Test
  void theHeadOfDepartmentIsToldOfANewReviewWithALinkThatOpensTheTask() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Quarry Lane Optics Ltd"));
    Task task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    deliver();

    List<Mail> mails = Mailbox.to("hannah", ref);
    assertThat(mails).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("Review as head of department waits for you: case " + ref);
      assertThat(mail.text()).contains("Dear Hannah Price", "Quarry Lane Optics Ltd", "It is due by",
          "You are asked, as head of department, to sign off");
      String groupTasks = engine.getFilterService().createFilterQuery().filterName("My group tasks").singleResult()
          .getId();
      String link = "http://localhost:8080/camunda/app/tasklist/default/#/?filter=" + groupTasks + "&task=" + task.getId();
      assertThat(mail.text()).contains(link);
      assertThat(mail.html()).contains("href=\"" + link.replace("&", "&amp;") + "\"");
      assertThat(mail.messageId()).endsWith("@trusted-research-cases>");
    });
    assertThat(Mailbox.to("rachel", ref)).as("the researcher started it herself").isEmpty();
    assertThat(new Http(port).get("/camunda/app/tasklist/default/", null).status())
        .as("the link's page is served").isEqualTo(200);
  }

  @Test
  void theOneWhoseActionCreatedATaskIsNotToldOfIt() {
    TestUsers.ensureHeadOfPhysicsInItSecurity(engine.getIdentityService());
    var proposal = Cases.lowRiskProposal("Redcliffe Genomics Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    deliver();
    assertThat(Mailbox.to(TestUsers.HEAD_OF_PHYSICS_IN_IT_SECURITY, ref)).as("asked as head of physics").hasSize(1);

    cases.approve(TestUsers.HEAD_OF_PHYSICS_IN_IT_SECURITY, ref, HEAD_OF_DEPARTMENT);
    deliver();

    assertThat(Mailbox.to("ian", ref)).extracting(Mail::subject)
        .containsExactly("Review as IT security waits for you: case " + ref);
    assertThat(Mailbox.to(TestUsers.HEAD_OF_PHYSICS_IN_IT_SECURITY, ref)).as("not told of what they did").hasSize(1);
  }

  @Test
  void theRequesterIsNotSentTheReviewOfTheirOwnCase() {
    TestUsers.ensureResearcherInLegal(engine.getIdentityService());
    var proposal = Cases.lowRiskProposal("Saltmarsh Lasers Ltd");
    proposal.put(EXPORT_CONTROLLED.name(), true);
    String ref = cases.propose(TestUsers.RESEARCHER_IN_LEGAL, proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    deliver();

    assertThat(Mailbox.to("leila", ref)).hasSize(1);
    assertThat(Mailbox.to(TestUsers.RESEARCHER_IN_LEGAL, ref)).isEmpty();
  }

  @Test
  void namesCommentsAndPartnerNamesAreEscapedInHtml() {
    String hostile = "<script>alert('x')</script> & Sons Ltd";
    String ref = cases.propose("rachel", Cases.lowRiskProposal(hostile));
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.REFER_BACK, "Use <b>bold</b> claims & evidence", null);
    deliver();

    Mail referredBack = Mailbox.to("rachel", ref).get(0);
    assertThat(referredBack.text()).contains(hostile, "Use <b>bold</b> claims & evidence");
    assertThat(referredBack.html())
        .doesNotContain("<script>", "<b>bold</b>")
        .contains("&lt;script&gt;", "&lt;b&gt;bold&lt;/b&gt;", "&amp; evidence");
  }

  @Test
  void aReferredBackCaseTellsTheResearcherEveryComment() {
    var proposal = Cases.lowRiskProposal("Tidewater Data Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.decide("ian", ref, IT_SECURITY, Decision.REFER_BACK, "Name the secure environment you will use.", null);
    deliver();

    assertThat(Mailbox.to("rachel", ref)).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("Case " + ref + " was referred back to you");
      assertThat(mail.text()).contains("Head of department Hannah Price (hannah): APPROVE",
          "IT security Ian Fletcher (ian): REFER_BACK", "Name the secure environment you will use.");
    });
  }

  @Test
  void anApprovalWithConditionsTellsTheResearcherTheConditionsAndTheReReviewDate() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Upland Photonics Ltd"));
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.APPROVE_WITH_CONDITIONS, null,
        "Share no unpublished data before the agreement is signed.");
    deliver();

    assertThat(Mailbox.to("rachel", ref)).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("Case " + ref + " is approved");
      assertThat(mail.text()).contains("approved on these conditions",
          "Head of department: Share no unpublished data before the agreement is signed.",
          "reviewed again by").doesNotContain("Thank you");
    });
  }

  @Test
  void anApprovedHighRiskCaseThanksTheResearcherOnBehalfOfTheHeadOfRisk() {
    var proposal = Cases.lowRiskProposal("Veldt Avionics Ltd");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    cases.approve("ian", ref, IT_SECURITY);
    cases.approve("helen", ref, HEAD_OF_RISK);
    deliver();

    assertThat(Mailbox.to("rachel", ref)).singleElement().satisfies(mail -> {
      assertThat(mail.text()).contains("Thank you for bringing a higher-risk collaboration through the Trusted Research",
          "Head of Risk for International Collaboration");
      assertThat(mail.html()).contains("Thank you for bringing a higher-risk collaboration");
    });
  }

  @Test
  void aRejectionTellsTheResearcherTheReason() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Wychwood Instruments Ltd"));
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.REJECT, "The partner cannot meet our data rules.", null);
    deliver();

    assertThat(Mailbox.to("rachel", ref)).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("Case " + ref + " is not approved");
      assertThat(mail.text()).contains("The partner cannot meet our data rules.");
    });
  }

  @Test
  void everyMailIsDeliveredOnceWithItsOwnMessageId() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Yarrow Systems Ltd"));
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    deliver();
    deliver();
    List<Mail> mails = Mailbox.about(ref);
    assertThat(mails).isNotEmpty();
    assertThat(mails).extracting(Mail::messageId).doesNotHaveDuplicates();
    assertThat(Mailbox.to("rachel", ref)).as("the outcome, once").hasSize(1);
  }
}
