package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CaseRegister.RegisteredCase;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.shared.CaseReferences;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Start of a collaboration case, whichever way it was started: checks the proposal, records who
 * asked and gives the case its reference. Throwing here rolls the start back, so a bad proposal
 * leaves no case behind.
 */
@Component("validateProposalListener")
class ValidateProposalListener implements ExecutionListener {

  private final ProposalValidator validator;
  private final CaseReferences references;
  private final CaseRegister register;
  private final Directory directory;

  ValidateProposalListener(ProposalValidator validator, CaseReferences references, CaseRegister register,
      Directory directory) {
    this.validator = validator;
    this.references = references;
    this.register = register;
    this.directory = directory;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String requester = requester(execution);
    validator.validateAndNormalise(execution, requester);

    String caseReference = references.next(OnboardingProcess.CASE_REFERENCE_PREFIX);
    execution.setProcessBusinessKey(caseReference);
    CASE_REFERENCE.set(execution, caseReference);
    REQUESTER.set(execution, requester);
    REQUESTER_NAME.set(execution, directory.displayName(requester).orElse(requester));
    register.register(
        new RegisteredCase(caseReference, execution.getProcessInstanceId(), requester, DEPARTMENT.get(execution)),
        PARTNER_NAME.get(execution), PARTNER_COUNTRY.get(execution));
  }

  /** The signed-in user starts a case for themselves; only the system may name someone else. */
  private static String requester(DelegateExecution execution) {
    Authentication signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    Object given = execution.getVariable(REQUESTER.name());
    if (given != null && !(given instanceof String)) {
      throw new InvalidCaseInputException(REQUESTER.name(), "must be a user id (String)");
    }
    if (signedIn != null && signedIn.getUserId() != null) {
      if (given != null && !given.equals(signedIn.getUserId())) {
        throw new InvalidCaseInputException(REQUESTER.name(),
            "is the signed-in user; a case cannot be started in someone else's name");
      }
      return signedIn.getUserId();
    }
    if (given == null || ((String) given).isBlank()) {
      throw new InvalidCaseInputException(REQUESTER.name(), "is required when no user is signed in");
    }
    return (String) given;
  }
}
