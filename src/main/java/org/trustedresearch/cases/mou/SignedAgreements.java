package org.trustedresearch.cases.mou;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.mou.MouReviewProcess.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseFacts;
import org.trustedresearch.cases.collaboration.ReReviews;
import org.trustedresearch.cases.mou.MouReviews.Document;
import org.trustedresearch.cases.mou.MouReviews.DocumentKind;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.EngineQueries;

/** A cleared agreement: its signed copy and expiry date, then the renewal before it expires. */
@Service
class SignedAgreements {

  static final String EXPIRES_ON_FIELD = "expiresOn";

  private final MouReviews reviews;
  private final ClauseReviews clauseReviews;
  private final MouProperties properties;
  private final ReReviews reReviews;
  private final MouMail mail;
  private final CaseFacts cases;

  SignedAgreements(MouReviews reviews, ClauseReviews clauseReviews, MouProperties properties, ReReviews reReviews,
      MouMail mail, CaseFacts cases) {
    this.cases = cases;
    this.reviews = reviews;
    this.clauseReviews = clauseReviews;
    this.properties = properties;
    this.reReviews = reReviews;
    this.mail = mail;
  }

  /** Asks the requester for the signed copy, in a process of its own that outlives the case's decision. */
  void await(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    for (String name : new String[] {CASE_REFERENCE.name(), REQUESTER.name(), REQUESTER_NAME.name(),
        PARTNER_NAME.name(), PARTNER_COUNTRY.name(), RISK_TIER.name(), REVIEW_ID.name(), CLAUSE_SUMMARY.name()}) {
      variables.put(name, execution.getVariable(name));
    }
    clauseReviews.restoreCase(execution);
    variables.put(CASE_REFERENCE.name(), CASE_REFERENCE.get(execution));
    variables.put(REQUESTER.name(), REQUESTER.get(execution));
    // the engine acts for whoever cleared the agreement; nobody starts this process by hand. A newly
    // cleared agreement replaces the earlier one of the case: its signed copy and renewal are followed instead.
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      EngineQueries.all(runtime.createProcessInstanceQuery().processDefinitionKey(SIGNED_AGREEMENT_KEY)
          .processInstanceBusinessKey(execution.getProcessBusinessKey()))
          .forEach(earlier -> runtime.deleteProcessInstance(earlier.getId(), "Replaced by a newly cleared agreement"));
      return runtime.startProcessInstanceByKey(SIGNED_AGREEMENT_KEY, execution.getProcessBusinessKey(), variables);
    });
  }

  /** The signed copy must be uploaded, with an expiry date still ahead; its renewal is scheduled from it. */
  void signedCopyProvided(DelegateTask task) {
    long reviewId = clauseReviews.review(task.getExecution()).id();
    // an upload racing the hand-in waits here, then finds the task gone (AgreementDocuments)
    reviews.lock(reviewId);
    Document signed = reviews.latestDocument(reviewId, DocumentKind.SIGNED)
        .orElseThrow(() -> new InvalidCaseInputException(AgreementFiles.FIELD,
            "upload the signed agreement (PDF or DOCX) with its expiry date before completing this task"));
    if (!signed.expiresOn().isAfter(today())) {
      throw new InvalidCaseInputException(EXPIRES_ON_FIELD, "the signed agreement's expiry date " + signed.expiresOn()
          + " has passed; upload it with the right date");
    }
    SIGNED_COPY.set(task.getExecution(), clauseReviews.describe(signed));
    EXPIRES_ON.set(task.getExecution(), startOf(signed.expiresOn()));
    RENEWAL_NOTICE_AT.set(task.getExecution(), startOf(signed.expiresOn().minusDays(properties.renewalNoticeDays())));
  }

  /** Before expiry: the research office and requester are told, and the collaboration is re-reviewed. */
  void announceRenewal(DelegateExecution execution) {
    String caseReference = execution.getProcessBusinessKey();
    if (cases.of(caseReference).filter(CaseFacts.Facts::approvedAndActive).isEmpty()) {
      return; // the collaboration ended since: nothing to renew
    }
    LocalDate expiresOn = EXPIRES_ON.get(execution).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    boolean reReview = reReviews.requestIfAwaiting(caseReference,
        "The agreement (MoU) with " + PARTNER_NAME.get(execution) + " expires on " + expiresOn
            + ": decide whether the collaboration continues and the agreement is renewed.");
    mail.renewalDue(execution, expiresOn, reReview);
  }

  static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
