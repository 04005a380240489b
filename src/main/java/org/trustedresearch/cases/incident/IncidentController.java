package org.trustedresearch.cases.incident;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.shared.EngineQueries;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /api/incidents}: report an incident as the signed-in user, or anonymously without any
 * login ({@code /api/incidents/anonymous}, which keeps nothing that identifies the sender); follow
 * an anonymous report by its receipt code; counts for managers; published case studies.
 */
@RestController
class IncidentController {

  /** What a report says; dates as ISO 8601 (2026-11-20T14:30:00Z, or UK local time without an offset). */
  record Report(String incidentCategory, String description, String occurredAt, String awareAt,
      String relatedCaseReference, Boolean confidential) {
  }

  record Receipt(String receiptCode, String status) {
  }


  record Filed(String reference, String status) {
  }

  record CaseStudy(long id, String category, String title, String text, String publishedAt) {
  }

  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final IncidentRegister register;
  private final AnonymousReports anonymous;
  private final JdbcClient jdbc;

  IncidentController(RuntimeService runtime, HistoryService history, IdentityService identity,
      IncidentRegister register, AnonymousReports anonymous, JdbcClient jdbc) {
    this.runtime = runtime;
    this.history = history;
    this.identity = identity;
    this.register = register;
    this.anonymous = anonymous;
    this.jdbc = jdbc;
  }

  @PostMapping("/api/incidents")
  ResponseEntity<Filed> report(@RequestBody Report report) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(IncidentProcess.KEY, variables(report));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new Filed(instance.getBusinessKey(), IncidentProcess.Status.RECEIVED.name()));
  }

  /** Nobody is signed in for this request; the engine records no user, and the reply is all the sender keeps. */
  @PostMapping("/api/incidents/anonymous")
  ResponseEntity<Receipt> reportAnonymously(@RequestBody Report report, HttpServletRequest request) {
    switch (anonymous.allow(request.getRemoteAddr())) {
      case CLIENT_LIMIT -> throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
          "Too many anonymous reports from here in the last hour; try again later");
      case OVERALL_LIMIT -> throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
          "Unusually many anonymous reports arrived in the last hour; try again later, or report signed in");
      case ACCEPT -> { }
    }
    String code = anonymous.newReceiptCode();
    Map<String, Object> variables = variables(report);
    variables.put(IncidentIntake.RECEIPT_HASH, Variables.stringValue(AnonymousReports.hash(code), true));
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime.startProcessInstanceByKey(IncidentProcess.KEY, variables);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(new Receipt(code, IncidentProcess.Status.RECEIVED.name()));
  }

  @GetMapping("/api/incidents/anonymous/{receiptCode}")
  Map<String, String> anonymousStatus(@PathVariable String receiptCode, HttpServletRequest request) {
    if (!anonymous.allowLookup(request.getRemoteAddr()) || !receiptCode.matches("[0-9a-f]{32}")) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No report with this receipt code");
    }
    return register.statusByReceipt(AnonymousReports.hash(receiptCode))
        .map(status -> Map.of("status", status))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report with this receipt code"));
  }

  /** The report, if the signed-in user may read it (its reporter, its handlers, the Head of Risk). */
  @GetMapping("/api/incidents/{reference}")
  Map<String, Object> incident(@PathVariable String reference) {
    var instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
        .processInstanceBusinessKey(reference).singleResult();
    IncidentRegister.Incident incident = register.find(reference).orElse(null);
    if (instance == null || incident == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + reference + " that you may read");
    }
    Map<String, Object> reply = new HashMap<>();
    reply.put("reference", reference);
    reply.put("category", incident.category());
    reply.put("status", incident.status());
    reply.put("confidential", incident.confidential());
    reply.put("reportedAt", incident.reportedAt().toString());
    EngineQueries.all(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableNameIn(IncidentProcess.DESCRIPTION.name(), IncidentProcess.SEVERITY.name(),
            IncidentProcess.ICO_DECISION.name(), IncidentProcess.ICO_DEADLINE_MET.name()))
        .forEach(variable -> reply.put(variable.getName(), variable.getValue()));
    return reply;
  }

  /** How many reports there are, by category and status: all managers see of incidents. */
  @GetMapping("/api/incidents/statistics")
  List<Map<String, Object>> statistics() {
    if (!AccessRules.countsIncidents(identity.getCurrentAuthentication())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Incident statistics are for managers and the Head of Risk");
    }
    return register.counts();
  }

  /** Anonymised case studies the Head of Risk approved, newest first, for staff. */
  @GetMapping("/api/case-studies")
  List<CaseStudy> caseStudies() {
    return jdbc.sql("select id, category, title, text, published_at from tr_case_study order by published_at desc, id desc")
        .query((rs, row) -> new CaseStudy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant().toString()))
        .list();
  }

  private static Map<String, Object> variables(Report report) {
    if (report == null) {
      throw new org.trustedresearch.cases.shared.InvalidCaseInputException(IncidentProcess.DESCRIPTION.name(),
          "send the report as JSON");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.CATEGORY.name(), report.incidentCategory());
    variables.put(IncidentProcess.DESCRIPTION.name(), report.description());
    variables.put(IncidentProcess.OCCURRED_AT.name(), report.occurredAt());
    variables.put(IncidentProcess.AWARE_AT.name(), report.awareAt());
    variables.put(IncidentProcess.RELATED_CASE_REFERENCE.name(), report.relatedCaseReference());
    variables.put(IncidentProcess.CONFIDENTIAL.name(), report.confidential());
    return variables;
  }
}
