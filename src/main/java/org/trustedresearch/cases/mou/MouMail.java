package org.trustedresearch.cases.mou;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.mou.MouReviewProcess.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.directory.Directory.Person;
import org.trustedresearch.cases.notification.Notifications;

/** What people are told about an agreement: its review's outcome, and its coming expiry. */
@Component
class MouMail {

  static final String CLEARED = "mou-cleared";
  static final String REJECTED = "mou-rejected";
  static final String RENEWAL_DUE = "mou-renewal-due";

  private final Notifications notifications;
  private final Directory directory;
  private final CaseRegister register;

  MouMail(Notifications notifications, Directory directory, CaseRegister register) {
    this.notifications = notifications;
    this.directory = directory;
    this.register = register;
  }

  /** Whose case it is, from the register: a variable could have been changed on the way. */
  private String requester(DelegateExecution execution) {
    return register.requesterOf(execution.getProcessBusinessKey())
        .orElseThrow(() -> new IllegalStateException("No registered case " + execution.getProcessBusinessKey()));
  }

  void decided(DelegateExecution execution, MouOutcome outcome, String note) {
    Map<String, Object> model = ClauseReviews.model(execution);
    model.put("clauseSummary", CLAUSE_SUMMARY.get(execution));
    model.put("note", note);
    notifications.tell(outcome == MouOutcome.CLEARED ? CLEARED : REJECTED, execution.getProcessBusinessKey(),
        requester(execution), model, false);
  }

  /** The research office and the requester: the agreement expires soon and the collaboration is re-reviewed. */
  void renewalDue(DelegateExecution execution, LocalDate expiresOn, boolean reReviewStarted) {
    Map<String, Object> model = ClauseReviews.model(execution);
    model.put("expiresOn", expiresOn.toString());
    model.put("reReviewStarted", reReviewStarted);
    List<String> recipients = new ArrayList<>();
    directory.membersOf(Groups.RESEARCH_OFFICE).stream().map(Person::id).forEach(recipients::add);
    recipients.add(requester(execution));
    notifications.tellEach(RENEWAL_DUE, execution.getProcessBusinessKey(), recipients, model, false);
  }
}
