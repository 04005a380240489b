package org.trustedresearch.cases.riskassessment;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.collaboration.CaseQueries;
import org.trustedresearch.cases.riskassessment.Mitigations.Mitigation;

/** {@code /api/cases/{ref}/mitigations}: the conditions a case must keep, for whoever may read the case. */
@RestController
class MitigationController {

  private final CaseQueries cases;
  private final Mitigations mitigations;

  MitigationController(CaseQueries cases, Mitigations mitigations) {
    this.cases = cases;
    this.mitigations = mitigations;
  }

  @GetMapping("/api/cases/{caseReference}/mitigations")
  List<Mitigation> mitigations(@PathVariable String caseReference) {
    if (cases.find(caseReference).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseReference + " that you may read");
    }
    return mitigations.ofCase(caseReference);
  }
}
