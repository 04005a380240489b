package org.trustedresearch.cases.collaboration;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.collaboration.CaseQueries.CaseSummary;

/** {@code /api/cases}: the collaboration cases the signed-in user may read. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final CaseQueries cases;

  CaseController(CaseQueries cases) {
    this.cases = cases;
  }

  @GetMapping
  List<CaseSummary> visibleCases() {
    return cases.visibleCases();
  }

  @GetMapping("/{caseReference}")
  CaseSummary oneCase(@PathVariable String caseReference) {
    return cases.find(caseReference).orElseThrow(() -> notFound(caseReference));
  }

  /** The same answer whether the case does not exist or the user may not see it. */
  static ResponseStatusException notFound(String caseReference) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseReference + " that you may read");
  }
}
