package org.trustedresearch.cases.collaboration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.collaboration.CaseQueries.CaseSummary;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/** {@code /api/cases}: the collaboration cases the signed-in user may read. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  /** What the caller says when withdrawing or re-reviewing a case. */
  static final String REASON = "reason";

  record Reason(String reason) {
  }

  /** The header that tells how many cases the list has in all, over every page. */
  static final String TOTAL_COUNT = "X-Total-Count";

  private final CaseQueries cases;
  private final CaseList list;
  private final RuntimeService runtime;

  CaseController(CaseQueries cases, CaseList list, RuntimeService runtime) {
    this.cases = cases;
    this.list = list;
    this.runtime = runtime;
  }

  /**
   * A page of the cases the signed-in user may read, newest first unless sorted otherwise: {@code page}
   * (from 0), {@code size} (default 50, at most 200), filters {@code status}, {@code riskTier},
   * {@code department}, {@code partner} (part of the partner's name, any case) and {@code sort}
   * ({@code started}, {@code caseReference}, {@code partnerName}, {@code department} or {@code riskTier},
   * optionally {@code ,asc} or {@code ,desc}). The total over all pages is in {@value #TOTAL_COUNT}.
   */
  @GetMapping
  ResponseEntity<List<CaseSummary>> visibleCases(@RequestParam Map<String, String> parameters) {
    CaseList.Page page = list.page(list.request(parameters));
    return ResponseEntity.ok().header(TOTAL_COUNT, String.valueOf(page.total())).body(page.cases());
  }

  @GetMapping("/{caseReference}")
  CaseSummary oneCase(@PathVariable String caseReference) {
    return cases.find(caseReference).orElseThrow(() -> notFound(caseReference));
  }

  /** The requester withdraws their undecided case (as the case-withdrawal process does from Tasklist). */
  @PostMapping("/{caseReference}/withdrawal")
  CaseSummary withdraw(@PathVariable String caseReference, @RequestBody(required = false) Reason body) {
    return start(OnboardingProcess.WITHDRAWAL_PROCESS, caseReference, CollaborationCase.WITHDRAWAL_REASON.name(), body);
  }

  /** The research office re-reviews an approved collaboration now (as the early-re-review process does). */
  @PostMapping("/{caseReference}/re-review")
  CaseSummary reReviewEarly(@PathVariable String caseReference, @RequestBody(required = false) Reason body) {
    return start(OnboardingProcess.EARLY_RE_REVIEW_PROCESS, caseReference, CollaborationCase.RE_REVIEW_REASON.name(), body);
  }

  /** Starts the process with the reason; a refusal names the field as this API calls it, {@code reason}. */
  private CaseSummary start(String processKey, String caseReference, String reasonVariable, Reason body) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CollaborationCase.CASE_REFERENCE.name(), caseReference);
    variables.put(reasonVariable, body == null ? null : body.reason());
    try {
      runtime.startProcessInstanceByKey(processKey, variables);
    } catch (InvalidCaseInputException refused) {
      throw new InvalidCaseInputException(refused.getProblems().stream()
          .map(problem -> problem.field().equals(reasonVariable) ? new Problem(REASON, problem.message()) : problem)
          .toList());
    }
    return oneCase(caseReference);
  }

  /** The same answer whether the case does not exist or the user may not see it. */
  static ResponseStatusException notFound(String caseReference) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseReference + " that you may read");
  }
}
