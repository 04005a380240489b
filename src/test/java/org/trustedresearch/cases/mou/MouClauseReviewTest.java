package org.trustedresearch.cases.mou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.mou.MouReviewProcess.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.mou.MouReviews.DocumentKind;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The MoU clause review: negotiation rounds, deviations, uploads and the signed agreement's renewal. */
@CaseManagementTest
class MouClauseReviewTest {

  static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  static final List<String> LOW_RISK_CLAUSES = List.of("SECURITY_COMPLIANCE", "PUBLICATION_RIGHTS", "CONFIDENTIALITY");

  @Autowired
  ProcessEngine engine;
  @Autowired
  AgreementDocuments documents;
  @Autowired
  MouReviews reviews;
  @Autowired
  OutboxDispatcher dispatcher;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    ClockUtil.setCurrentTime(Date.from(START.toInstant()));
  }

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  /** A LOW-risk case with an agreement, signed off by the head of department and legal. */
  String signedOffCaseWithAgreement(String partner) {
    Map<String, Object> proposal = Cases.lowRiskProposal(partner);
    proposal.put(MOU_REQUIRED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    return ref;
  }

  void uploadDraft(String ref, String user, byte[] content, String name) {
    cases.as(user, () -> documents.uploadDraft(ref, name, content, null));
  }

  void provideDraft(String ref, String changeNote) {
    Task task = cases.openTask(ref, PROVIDE_DRAFT);
    Map<String, Object> variables = new HashMap<>();
    variables.put(CHANGE_NOTE.name(), changeNote);
    cases.as("rachel", () -> engine.getTaskService().complete(task.getId(), variables));
  }

  /** Legal's review as Tasklist submits it: the clause list as JSON, the decision and notes. */
  void reviewClauses(String ref, Map<String, String> statuses, LegalDecision decision, String notes) {
    Task task = cases.openTask(ref, REVIEW_CLAUSES);
    Map<String, Object> checks = new LinkedHashMap<>();
    statuses.forEach((clause, status) -> {
      Map<String, Object> check = new HashMap<>();
      check.put("status", status);
      check.put("note", status.equals("AMENDED") || status.equals("MISSING") ? "Partner's wording differs" : null);
      checks.put(clause, check);
    });
    Map<String, Object> variables = new HashMap<>();
    variables.put(CLAUSE_CHECKS, SpinValues.jsonValue(json(checks)).create());
    variables.put(LEGAL_DECISION.name(), decision.name());
    variables.put(LEGAL_NOTES.name(), notes);
    cases.as("leila", () -> {
      engine.getTaskService().claim(task.getId(), "leila");
      engine.getTaskService().complete(task.getId(), variables);
    });
    cases.runJobsOf(ref);
  }

  static Map<String, String> all(String status) {
    Map<String, String> statuses = new LinkedHashMap<>();
    LOW_RISK_CLAUSES.forEach(clause -> statuses.put(clause, status));
    return statuses;
  }

  void decideDeviation(String ref, DeviationDecision decision, String reason) {
    Task task = cases.openTask(ref, DECIDE_DEVIATION);
    cases.as("helen", () -> {
      engine.getTaskService().claim(task.getId(), "helen");
      engine.getTaskService().complete(task.getId(), Map.of(DEVIATION_DECISION.name(), decision.name(),
          DEVIATION_REASON.name(), reason));
    });
    cases.runJobsOf(ref);
  }

  ProcessInstance mouInstance(String ref) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(KEY).singleResult();
  }

  static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anApprovedCollaborationWithAnAgreementStaysUndecidedUntilLegalReviewsTheClausesItsCaseRequires() {
    String ref = signedOffCaseWithAgreement("Ashgrove Photonics GmbH");

    assertThat(cases.outcome(ref)).isNull();
    ProcessInstance mou = mouInstance(ref);
    assertThat(mou).isNotNull();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).activityIdIn("CallActivity_MouClauseReview").count()).isEqualTo(1);
    assertThat(reviews.latest(ref).orElseThrow().requiredClauses()).containsExactlyElementsOf(LOW_RISK_CLAUSES);
    Task draftTask = cases.openTask(ref, PROVIDE_DRAFT);
    assertThat(draftTask.getAssignee()).isEqualTo("rachel");
  }

  @Test
  void twoNegotiationRoundsAreRecordedThenLegalClearsAndTheCaseIsApproved() {
    String ref = signedOffCaseWithAgreement("Birchfield Optics BV");
    assertThatThrownBy(() -> provideDraft(ref, null)).isInstanceOf(InvalidCaseInputException.class)
        .hasMessageStartingWith("file:");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft one"), "agreement-v1.pdf");
    provideDraft(ref, null);

    Map<String, String> firstRound = all("PRESENT");
    firstRound.put("CONFIDENTIALITY", "MISSING");
    reviewClauses(ref, firstRound, LegalDecision.REQUEST_CHANGES, "Add the mutual confidentiality clause.");
    assertThat(cases.openTask(ref, PROVIDE_DRAFT).getAssignee()).isEqualTo("rachel");
    assertThat(engine.getRuntimeService().getVariable(mouInstance(ref).getId(), ROUND.name())).isEqualTo(2L);

    assertThatThrownBy(() -> provideDraft(ref, "Added clause 9")).as("no new draft yet")
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("revised draft");
    uploadDraft(ref, "rachel", Agreements.docx("Draft two with confidentiality"), "agreement-v2.docx");
    assertThatThrownBy(() -> provideDraft(ref, " ")).as("what changed is required in round two")
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("mouChangeNote:");
    provideDraft(ref, "Clause 9 now makes confidentiality mutual for five years.");
    assertThatThrownBy(() -> uploadDraft(ref, "rachel", Agreements.pdf("Draft three"), "late.pdf"))
        .as("no new draft while legal reviews the one handed in")
        .isInstanceOf(CaseConflictException.class).hasMessageContaining("was handed in already");
    String mou = mouInstance(ref).getId();
    assertThat(engine.getRuntimeService().getVariable(mou, REQUESTED_CHANGES.name()))
        .isEqualTo("Add the mutual confidentiality clause.");
    assertThat(engine.getRuntimeService().getVariable(mou, LEGAL_NOTES.name())).as("legal starts round 2 afresh").isNull();

    ClockUtil.setCurrentTime(Date.from(START.plusDays(3).toInstant()));
    reviewClauses(ref, all("PRESENT"), LegalDecision.CLEAR, null);

    assertThat(cases.caseVariable(ref, MOU_OUTCOME)).isEqualTo("CLEARED");
    assertThat(cases.caseVariable(ref, SECURITY_CLAUSE_INCLUDED)).isEqualTo(true);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    MouReviews.Review review = reviews.latest(ref).orElseThrow();
    assertThat(review.outcome()).isEqualTo("CLEARED");
    assertThat(review.decidedBy()).isEqualTo("leila");
    List<MouReviews.Round> rounds = reviews.rounds(review.id());
    assertThat(rounds).extracting(MouReviews.Round::round, MouReviews.Round::draftVersion,
        MouReviews.Round::reviewedBy, MouReviews.Round::decision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1, "leila", "REQUEST_CHANGES"),
            org.assertj.core.groups.Tuple.tuple(2, 2, "leila", "CLEAR"));
    assertThat(rounds.get(0).clauses()).extracting(MouReviews.ClauseCheck::clauseId, MouReviews.ClauseCheck::status)
        .contains(org.assertj.core.groups.Tuple.tuple("CONFIDENTIALITY", "MISSING"));
    assertThat(rounds).extracting(MouReviews.Round::ageDays).as("days from opening to decision").containsExactly(0L, 3L);
    assertThat(rounds).extracting(MouReviews.Round::whatChanged)
        .containsExactly(null, "Clause 9 now makes confidentiality mutual for five years.");
    assertThat(reviews.documents(review.id())).extracting(MouReviews.Document::version, MouReviews.Document::mediaType,
        MouReviews.Document::changeNote)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, AgreementFiles.PDF, null),
            org.assertj.core.groups.Tuple.tuple(2, AgreementFiles.DOCX,
                "Clause 9 now makes confidentiality mutual for five years."));
    assertThat(cases.openTask(ref, UPLOAD_SIGNED).getAssignee()).isEqualTo("rachel");
  }

  @Test
  void aRequiredClauseMissingAtClearingIsADeviationTheHeadOfRiskMayAccept() {
    String ref = signedOffCaseWithAgreement("Cloverleaf Materials Oy");
    uploadDraft(ref, "leila", Agreements.pdf("Partner's draft"), "partner-draft.pdf");
    provideDraft(ref, null);
    Map<String, String> statuses = all("PRESENT");
    statuses.put("PUBLICATION_RIGHTS", "MISSING");

    assertThatThrownBy(() -> reviewClauses(ref, statuses, LegalDecision.CLEAR, null))
        .as("clearing with a clause missing needs notes for the Head of Risk")
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("mouLegalNotes:");
    reviewClauses(ref, statuses, LegalDecision.CLEAR, "The partner's funder forbids a publication clause.");
    assertThat(cases.outcome(ref)).isNull();
    assertThat(engine.getRuntimeService().getVariable(mouInstance(ref).getId(), MISSING_CLAUSES.name()))
        .isEqualTo("Publication rights");

    decideDeviation(ref, DeviationDecision.ACCEPT_DEVIATION, "Results are pre-competitive; publication agreed by letter.");

    assertThat(cases.caseVariable(ref, MOU_OUTCOME)).isEqualTo("CLEARED");
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    MouReviews.Review review = reviews.latest(ref).orElseThrow();
    assertThat(review.decidedBy()).isEqualTo("helen");
    assertThat(review.decisionNote())
        .isEqualTo("Deviation accepted (Publication rights): Results are pre-competitive; publication agreed by letter.");
    assertThat(review.securityClauseIncluded()).isTrue();
  }

  @Test
  void theHeadOfRiskRejectingTheAgreementRejectsTheCaseWithTheReason() {
    String ref = signedOffCaseWithAgreement("Driftwood Systems Ltd");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);
    Map<String, String> statuses = all("PRESENT");
    statuses.put("SECURITY_COMPLIANCE", "MISSING");
    reviewClauses(ref, statuses, LegalDecision.ESCALATE, "The partner refuses any security clause.");

    assertThatThrownBy(() -> decideDeviation(ref, DeviationDecision.REJECT_MOU, " "))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("mouDeviationReason:");
    decideDeviation(ref, DeviationDecision.REJECT_MOU, "No international agreement without the security clause.");

    assertThat(cases.caseVariable(ref, MOU_OUTCOME)).isEqualTo("REJECTED");
    assertThat(cases.caseVariable(ref, SECURITY_CLAUSE_INCLUDED)).isEqualTo(false);
    assertThat(cases.outcome(ref)).isEqualTo("REJECTED");
    assertThat(cases.isEnded(ref)).isTrue();
    assertThat(cases.openTask(ref, UPLOAD_SIGNED)).isNull();
    dispatcher.deliverAll();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::text)
        .anyMatch(text -> text.contains("No international agreement without the security clause."));
  }

  @Test
  void legalsReviewWithUnknownClausesStatusesOrMissingNotesIsRefusedAndNothingIsRecorded() {
    String ref = signedOffCaseWithAgreement("Elmstead Robotics AB");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);
    long reviewId = reviews.latest(ref).orElseThrow().id();

    Map<String, String> unknownClause = all("PRESENT");
    unknownClause.put("FREE_LUNCH", "PRESENT");
    assertThatThrownBy(() -> reviewClauses(ref, unknownClause, LegalDecision.CLEAR, null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("unknown clause FREE_LUNCH");
    Map<String, String> badStatus = all("PRESENT");
    badStatus.put("CONFIDENTIALITY", "MAYBE");
    assertThatThrownBy(() -> reviewClauses(ref, badStatus, LegalDecision.CLEAR, null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("clauseChecks.CONFIDENTIALITY.status:");
    Map<String, String> oneLeftOut = all("PRESENT");
    oneLeftOut.remove("CONFIDENTIALITY");
    assertThatThrownBy(() -> reviewClauses(ref, oneLeftOut, LegalDecision.CLEAR, null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("clauseChecks.CONFIDENTIALITY.status: give CONFIDENTIALITY a status: PRESENT, MISSING or AMENDED");
    assertThatThrownBy(() -> reviewClauses(ref, all("PRESENT"), LegalDecision.REQUEST_CHANGES, null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("mouLegalNotes:");
    assertThatThrownBy(() -> reviewClauses(ref, all("PRESENT"), LegalDecision.REQUEST_CHANGES, "x".repeat(3001)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("mouLegalNotes: must be at most 3000 characters");
    Task task = cases.openTask(ref, REVIEW_CLAUSES);
    Map<String, Object> amendedWithoutNote = Map.of(CLAUSE_CHECKS, SpinValues.jsonValue(json(Map.of(
            "SECURITY_COMPLIANCE", Map.of("status", "AMENDED"),
            "PUBLICATION_RIGHTS", Map.of("status", "PRESENT"),
            "CONFIDENTIALITY", Map.of("status", "PRESENT")))).create(),
        LEGAL_DECISION.name(), "APPROVE");
    assertThatThrownBy(() -> cases.as("leila", () -> engine.getTaskService().complete(task.getId(), amendedWithoutNote)))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("clauseChecks.SECURITY_COMPLIANCE.note: say how SECURITY_COMPLIANCE was amended")
        .hasMessageContaining("mouLegalDecision: must be one of CLEAR, REQUEST_CHANGES, ESCALATE");

    assertThat(cases.openTask(ref, REVIEW_CLAUSES)).isNotNull();
    assertThat(reviews.rounds(reviewId)).isEmpty();
  }

  @Test
  void agreementsAreCheckedByTheirContentAndEveryVersionIsKept() {
    String ref = signedOffCaseWithAgreement("Fernhill Instruments SA");
    long reviewId = reviews.latest(ref).orElseThrow().id();

    MouReviews.Document pdf = cases.as("rachel", () -> documents.uploadDraft(ref, "Agreement.pdf",
        Agreements.pdf("Draft"), "First draft from the partner"));
    MouReviews.Document docx = cases.as("rachel", () -> documents.uploadDraft(ref, "C:\\Users\\rachel\\agreement.docx",
        Agreements.docx("Draft"), null));
    assertThat(pdf.mediaType()).isEqualTo(AgreementFiles.PDF);
    assertThat(pdf.sha256()).hasSize(64);
    assertThat(docx.mediaType()).isEqualTo(AgreementFiles.DOCX);
    assertThat(docx.fileName()).isEqualTo("agreement.docx");
    assertThat(docx.version()).isEqualTo(2);

    assertThatThrownBy(() -> uploadDraft(ref, "rachel", Agreements.executable(), "agreement.pdf"))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("file: is not a PDF or Word (DOCX) document, whatever its name says");
    assertThatThrownBy(() -> uploadDraft(ref, "rachel", Agreements.pdfOfMegabytes(21), "big.pdf"))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("at most 20.0 MB");
    assertThatThrownBy(() -> uploadDraft(ref, "rachel", new byte[0], "empty.pdf"))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("file: is empty");
    assertThatThrownBy(() -> uploadDraft(ref, "rachel", "PK\u0003\u0004 not a zip".getBytes(), "fake.docx"))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("file: is not a PDF");
    assertThat(reviews.documents(reviewId)).hasSize(2);
    assertThat(reviews.content(pdf.id())).isEqualTo(Agreements.pdf("Draft"));

    assertThatThrownBy(() -> cases.as("rachel", () -> documents.uploadSigned(ref, "signed.pdf",
        Agreements.pdf("Signed"), "2030-01-01")))
        .as("no signed copy before the agreement is cleared")
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("caseReference:");
  }

  @Test
  void ninetyDaysBeforeTheSignedAgreementExpiresTheResearchOfficeAndRequesterAreToldAndTheCollaborationReReviewed() {
    String ref = signedOffCaseWithAgreement("Gorseway Quantum Ltd");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);
    reviewClauses(ref, all("PRESENT"), LegalDecision.CLEAR, null);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");

    Task upload = cases.openTask(ref, UPLOAD_SIGNED);
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(upload.getId())))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("file:");
    assertThatThrownBy(() -> cases.as("rachel", () -> documents.uploadSigned(ref, "signed.pdf",
        Agreements.pdf("Signed"), "2026-11-30")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("expiresOn:");
    assertThatThrownBy(() -> cases.as("rachel", () -> documents.uploadSigned(ref, "signed.pdf",
        Agreements.pdf("Signed"), "next year")))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("expiresOn: must be a date like 2029-12-31");
    LocalDate expiry = LocalDate.of(2028, 6, 30);
    MouReviews.Document signed = cases.as("rachel", () -> documents.uploadSigned(ref, "signed.pdf",
        Agreements.pdf("Signed"), expiry.toString()));
    assertThat(signed.kind()).isEqualTo(DocumentKind.SIGNED);
    cases.as("rachel", () -> engine.getTaskService().complete(upload.getId()));

    ProcessInstance agreement = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(SIGNED_AGREEMENT_KEY).singleResult();
    assertThat(engine.getRuntimeService().getVariable(agreement.getId(), RENEWAL_NOTICE_AT.name()))
        .isEqualTo(Date.from(expiry.minusDays(90).atStartOfDay(ZoneOffset.UTC).toInstant()));
    dispatcher.deliverAll();

    ClockUtil.setCurrentTime(Date.from(expiry.minusDays(91).atStartOfDay(ZoneOffset.UTC).toInstant()));
    cases.runJobsOf(ref);
    dispatcher.deliverAll();
    assertThat(Mailbox.to("sam", ref)).extracting(Mailbox.Mail::subject).noneMatch(s -> s.contains("expires"));

    ClockUtil.setCurrentTime(Date.from(expiry.minusDays(90).atStartOfDay(ZoneOffset.UTC).plusMinutes(1).toInstant()));
    cases.runJobsOf(ref);
    dispatcher.deliverAll();
    String subject = "The agreement for case " + ref + " expires on 2028-06-30";
    assertThat(Mailbox.to("sam", ref)).extracting(Mailbox.Mail::subject).contains(subject);
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject).contains(subject);
    Task reReview = cases.openTask(ref, OnboardingProcess.RE_REVIEW);
    assertThat(reReview).isNotNull();
    assertThat(cases.caseVariable(ref, RE_REVIEW_REASON)).asString().contains("expires on 2028-06-30");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(agreement.getId()).count())
        .isZero();
  }

  @Test
  void legalReviewsARenewedAgreementOfAnApprovedCaseOnItsOwnButNotOfAnUndecidedOne() {
    String ref = signedOffCaseWithAgreement("Hollybank Sensors GmbH");
    Map<String, Object> start = new HashMap<>();
    start.put(CASE_REFERENCE.name(), ref);
    start.put(REVIEW_REASON.name(), "Renewal of the 2026 agreement");
    assertThatThrownBy(() -> cases.as("leila", () -> engine.getRuntimeService().startProcessInstanceByKey(KEY, start)))
        .as("the case is undecided and its agreement already under review")
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("caseReference:");

    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);
    reviewClauses(ref, all("PRESENT"), LegalDecision.CLEAR, null);

    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(KEY, start)))
        .isInstanceOf(AuthorizationException.class);
    Map<String, Object> noReason = new HashMap<>(start);
    noReason.remove(REVIEW_REASON.name());
    assertThatThrownBy(() -> cases.as("leila", () -> engine.getRuntimeService().startProcessInstanceByKey(KEY, noReason)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("mouReviewReason:");
    Map<String, Object> noCase = new HashMap<>(start);
    noCase.put(CASE_REFERENCE.name(), "TR-1999-0001");
    assertThatThrownBy(() -> cases.as("sam", () -> engine.getRuntimeService().startProcessInstanceByKey(KEY, noCase)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("caseReference: no case TR-1999-0001");

    ProcessInstance renewal = cases.as("sam", () -> engine.getRuntimeService().startProcessInstanceByKey(KEY, start));
    assertThat(renewal.getBusinessKey()).isEqualTo(ref);
    assertThat(engine.getRuntimeService().getVariable(renewal.getId(), REQUESTER.name())).isEqualTo("rachel");
    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).contains(PROVIDE_DRAFT);
    assertThat(reviews.ofCase(ref)).hasSize(2);
    assertThat(reviews.latest(ref).orElseThrow().reason()).isEqualTo("Renewal of the 2026 agreement");
    assertThat(reviews.latest(ref).orElseThrow().startedBy()).isEqualTo("sam");
  }

  @Test
  void withdrawingTheCaseDuringItsAgreementReviewClosesTheReviewOnTheRecord() {
    String ref = signedOffCaseWithAgreement("Ivybridge Polymers Ltd");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);

    cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.WITHDRAWAL_PROCESS,
        Map.of(CASE_REFERENCE.name(), ref, WITHDRAWAL_REASON.name(), "The partner chose another university.")));

    assertThat(cases.outcome(ref)).isEqualTo("WITHDRAWN");
    assertThat(mouInstance(ref)).isNull();
    assertThat(cases.openTasks(ref)).isEmpty();
    MouReviews.Review review = reviews.latest(ref).orElseThrow();
    assertThat(review.outcome()).isEqualTo(MouReviews.CANCELLED);
    assertThat(reviews.documents(review.id())).hasSize(1);
  }

  @Test
  void variablesSetWhenCompletingATaskNeitherRedirectTheRecordNorDecideTheAgreement() {
    String other = signedOffCaseWithAgreement("Juniper Ridge Analytics Ltd");
    String ref = signedOffCaseWithAgreement("Kinsale Harbour Labs Ltd");
    long otherReview = reviews.latest(other).orElseThrow().id();
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    Task task = cases.openTask(ref, PROVIDE_DRAFT);
    Map<String, Object> redirecting = Map.of(REVIEW_ID.name(), otherReview,
        DEVIATION_DECISION.name(), DeviationDecision.REJECT_MOU.name(), ROUND.name(), 7L,
        CASE_REFERENCE.name(), other, REQUESTER.name(), "omar", REQUIRED_CLAUSES, List.of());
    // the requester's form offers none of these: the engine refuses them beside the form
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(task.getId(), redirecting)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining(REVIEW_ID.name());
    // an administrator may write any variable; the process still keeps its own record and decision
    cases.as("demo", () -> engine.getTaskService().complete(task.getId(), redirecting));

    reviewClauses(ref, all("PRESENT"), LegalDecision.CLEAR, null);

    assertThat(cases.caseVariable(ref, MOU_OUTCOME)).isEqualTo("CLEARED");
    MouReviews.Review own = reviews.latest(ref).orElseThrow();
    assertThat(reviews.rounds(own.id())).extracting(MouReviews.Round::round).containsExactly(1);
    assertThat(reviews.rounds(otherReview)).isEmpty();
    assertThat(reviews.documents(otherReview)).isEmpty();
    dispatcher.deliverAll();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject)
        .contains("The agreement for case " + ref + " is cleared");
    assertThat(Mailbox.to("omar", ref)).isEmpty();
  }

  @Test
  void whenTheCollaborationEndsItsSignedAgreementIsNoLongerFollowed() {
    String ref = signedOffCaseWithAgreement("Quarrington Optics Ltd");
    uploadDraft(ref, "rachel", Agreements.pdf("Draft"), "draft.pdf");
    provideDraft(ref, null);
    reviewClauses(ref, all("PRESENT"), LegalDecision.CLEAR, null);
    assertThat(cases.openTask(ref, UPLOAD_SIGNED)).isNotNull();

    engine.getRuntimeService().createMessageCorrelation(OnboardingProcess.RE_REVIEW_REQUESTED)
        .processInstanceBusinessKey(ref).setVariable(RE_REVIEW_REASON.name(), "The partner was sanctioned.").correlate();
    Task reReview = cases.openTask(ref, OnboardingProcess.RE_REVIEW);
    cases.as("sam", () -> {
      engine.getTaskService().claim(reReview.getId(), "sam");
      engine.getTaskService().complete(reReview.getId(), Map.of(RE_REVIEW_DECISION.name(), "END",
          RE_REVIEW_COMMENT.name(), "The partner is now sanctioned."));
    });

    assertThat(cases.isEnded(ref)).isTrue();
    assertThat(cases.openTask(ref, UPLOAD_SIGNED)).isNull();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).count()).isZero();
  }
}
