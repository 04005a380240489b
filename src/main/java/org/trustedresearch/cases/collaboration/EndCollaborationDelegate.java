package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.COLLABORATION_ENDED_AT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_COMMENT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** ServiceTask_EndCollaboration: the re-review ended the collaboration; the researcher is told why. */
@Component("endCollaborationDelegate")
class EndCollaborationDelegate implements JavaDelegate {

  private final CaseMail mail;

  EndCollaborationDelegate(CaseMail mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    COLLABORATION_ENDED_AT.set(execution, ClockUtil.getCurrentTime());
    mail.ended(execution, RE_REVIEW_COMMENT.get(execution));
    ReReviews.tellCaseEnded(execution);
  }
}
