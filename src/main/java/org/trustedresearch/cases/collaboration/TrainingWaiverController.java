package org.trustedresearch.cases.collaboration;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;

/** {@code POST /api/cases/{caseReference}/training-waiver}: the research office lets a held case go on. */
@RestController
class TrainingWaiverController {

  private final TrainingGate gate;
  private final IdentityService identity;

  TrainingWaiverController(TrainingGate gate, IdentityService identity) {
    this.gate = gate;
    this.identity = identity;
  }

  /**
   * Body {@code {"reason": "..."}}: 400 naming {@code reason} when it is missing, 404 for an unknown
   * case, 409 when the case is not waiting for its requester's training.
   */
  @PostMapping("/api/cases/{caseReference}/training-waiver")
  Map<String, String> waive(@PathVariable String caseReference,
      @RequestBody(required = false) CaseController.Reason body) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first");
    }
    if (!AccessRules.waivesTrainingGates(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the research office waives the training gate");
    }
    String reason = body == null ? null : body.reason();
    gate.waive(caseReference, reason, caller.getUserId());
    return Map.of(CollaborationCase.CASE_REFERENCE.name(), caseReference,
        CollaborationCase.TRAINING_WAIVED_BY.name(), caller.getUserId(),
        CollaborationCase.TRAINING_WAIVER_REASON.name(), reason.strip());
  }
}
