package org.trustedresearch.cases.survey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Staff survey campaigns over HTTP: the research office starts one (as the Tasklist start form does), and
 * those who evaluate the programme read campaigns and their results.
 */
@RestController
class SurveyController {

  /** What the research office asks for: departments as a list, dates as yyyy-mm-dd. */
  record CampaignRequest(String questionSet, List<String> departments, String opensOn, String closesOn) {
  }

  record Started(String campaignId, String status) {
  }

  /** A campaign in the list: no results, only how many answered. */
  record CampaignSummary(String campaignId, String questionSet, List<String> departments, String opensOn,
      String closesOn, String status, int invited, long responses) {
  }

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final SurveyCampaigns campaigns;
  private final SurveyAnswers answers;
  private final SurveyResults results;

  SurveyController(RuntimeService runtime, IdentityService identity, SurveyCampaigns campaigns, SurveyAnswers answers,
      SurveyResults results) {
    this.runtime = runtime;
    this.identity = identity;
    this.campaigns = campaigns;
    this.answers = answers;
    this.results = results;
  }

  @PostMapping("/api/surveys")
  @ResponseStatus(HttpStatus.CREATED)
  Started start(@RequestBody(required = false) CampaignRequest request) {
    Authentication caller = signedIn();
    if (!AccessRules.runsSurveys(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Staff survey campaigns are run by the research office");
    }
    if (request == null) {
      throw new InvalidCaseInputException(SurveyProcess.QUESTION_SET.name(),
          "send questionSet, departments, opensOn and closesOn as JSON");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(SurveyProcess.QUESTION_SET.name(), request.questionSet());
    List<String> departments = request.departments() == null ? List.of()
        : request.departments().stream().map(department -> department == null ? "" : department).toList();
    if (departments.stream().anyMatch(department -> department.contains(","))) {
      throw new InvalidCaseInputException("departments", "name each department on its own, without commas");
    }
    variables.put(SurveyProcess.DEPARTMENTS.name(), String.join(",", departments));
    variables.put(SurveyProcess.OPENS_ON.name(), request.opensOn());
    variables.put(SurveyProcess.CLOSES_ON.name(), request.closesOn());
    ProcessInstance instance = runtime.startProcessInstanceByKey(SurveyProcess.KEY, variables);
    return new Started(instance.getBusinessKey(), SurveyCampaigns.Status.SCHEDULED.name());
  }

  @GetMapping("/api/surveys")
  List<CampaignSummary> list() {
    reader();
    return campaigns.all().stream().map(campaign -> new CampaignSummary(campaign.campaignId(), campaign.questionSet(),
        campaign.departments(), campaign.opensOn().toString(), campaign.closesOn().toString(), campaign.status().name(),
        campaign.invited(), answers.participants(campaign.campaignId()))).toList();
  }

  @GetMapping("/api/surveys/{campaignId}/results")
  SurveyResults.Results results(@PathVariable String campaignId) {
    reader();
    return results.of(campaignId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No survey campaign " + campaignId));
  }

  private void reader() {
    if (!AccessRules.readsSurveyResults(signedIn())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Survey results are for the research office, managers and the Head of Risk");
    }
  }

  private Authentication signedIn() {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first");
    }
    return caller;
  }
}
