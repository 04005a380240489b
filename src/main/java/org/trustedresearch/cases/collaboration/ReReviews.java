package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Periodic re-review of approved collaborations: when it is due (by tier), when the researcher is
 * told, and re-reviewing a collaboration early (after an incident, say).
 */
@Service
public class ReReviews {

  static final int MAX_REASON_LENGTH = 2000;

  private final ReReviewProperties properties;
  private final CaseRegister register;
  private final RuntimeService runtime;

  ReReviews(ReReviewProperties properties, CaseRegister register, RuntimeService runtime) {
    this.properties = properties;
    this.register = register;
    this.runtime = runtime;
  }

  /** Sets when the approved collaboration is next re-reviewed, and when its researcher is told. */
  void schedule(VariableScope scope) {
    RiskTier tier = RiskTier.valueOf(RISK_TIER.get(scope));
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC);
    ZonedDateTime due = now.plusMonths(properties.months().getOrDefault(tier, 12));
    RE_REVIEW_DUE_AT.set(scope, Date.from(due.toInstant()));
    RE_REVIEW_NOTICE_AT.set(scope, Date.from(due.minusDays(properties.noticeDays()).toInstant()));
  }

  /**
   * Re-reviews an approved collaboration now rather than on its date. Whoever may call this is
   * decided by the caller (the early re-review process is for the research office).
   */
  public void requestEarly(String caseReference, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidCaseInputException(RE_REVIEW_REASON.name(), "say why the collaboration is re-reviewed early");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidCaseInputException(RE_REVIEW_REASON.name(), "must be at most " + MAX_REASON_LENGTH + " characters");
    }
    register.find(caseReference)
        .orElseThrow(() -> new InvalidCaseInputException(CASE_REFERENCE.name(), "no case " + caseReference));
    if (!requestIfAwaiting(caseReference, reason.strip())) {
      if (underReReview(caseReference)) {
        // someone in the research office (or an incident) asked a moment before: it is happening
        throw new CaseConflictException("Case " + caseReference + " is under re-review already; reload to see the case.");
      }
      throw new InvalidCaseInputException(CASE_REFERENCE.name(), caseReference
          + " is not an approved collaboration awaiting re-review (it may be undecided, under re-review or closed)");
    }
  }

  /**
   * Re-reviews the collaboration now if it is waiting for its re-review; otherwise (undecided,
   * under re-review or ended) leaves it. Says whether it did. Another request that takes the case
   * into its re-review at the same moment wins: this one is then a {@link CaseConflictException}.
   */
  public boolean requestIfAwaiting(String caseReference, String reason) {
    Optional<String> instance = register.find(caseReference).map(CaseRegister.RegisteredCase::processInstanceId);
    boolean[] requested = new boolean[1];
    instance.ifPresent(id -> withoutAuthorization(() -> {
      // requests for one case (the research office's, an incident's) wait here for each other, then see the case as the first left it
      register.lock(caseReference);
      requested[0] = runtime.createEventSubscriptionQuery().processInstanceId(id)
          .eventName(OnboardingProcess.RE_REVIEW_REQUESTED).count() > 0;
      if (requested[0]) {
        try {
          runtime.createMessageCorrelation(OnboardingProcess.RE_REVIEW_REQUESTED)
              .processInstanceId(id)
              .setVariables(Map.of(RE_REVIEW_REASON.name(), reason))
              .correlate();
        } catch (RuntimeException requestedMeanwhile) {
          boolean stillAwaiting = runtime.createEventSubscriptionQuery().processInstanceId(id)
              .eventName(OnboardingProcess.RE_REVIEW_REQUESTED).count() > 0;
          if (stillAwaiting && !(requestedMeanwhile instanceof MismatchingMessageCorrelationException)) {
            throw requestedMeanwhile;
          }
          // another request took the case into its re-review between the query and now
          throw new CaseConflictException("Case " + caseReference + " is under re-review already; reload to see the case.");
        }
      }
    }));
    return requested[0];
  }

  /** Approved, running and no longer waiting for its re-review: one is under way. */
  private boolean underReReview(String caseReference) {
    Optional<String> instance = register.find(caseReference).map(CaseRegister.RegisteredCase::processInstanceId);
    boolean[] under = new boolean[1];
    instance.ifPresent(id -> withoutAuthorization(() -> under[0] =
        runtime.createProcessInstanceQuery().processInstanceId(id).count() == 1
            && runtime.getVariable(id, OUTCOME.name()) != null
            && runtime.createEventSubscriptionQuery().processInstanceId(id)
                .eventName(OnboardingProcess.RE_REVIEW_REQUESTED).count() == 0));
    return under[0];
  }

  /** Tells the case's other processes (a signed agreement's renewal, say) that the collaboration is over. */
  static void tellCaseEnded(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    withoutAuthorization(() -> runtime.createMessageCorrelation(OnboardingProcess.COLLABORATION_ENDED)
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .correlateAllWithResult());
  }

  /** Reading and changing someone else's case is the engine acting for the caller, who was checked. */
  static void withoutAuthorization(Runnable action) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      action.run();
      return null;
    });
  }
}
