package org.trustedresearch.cases.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The programme's measures over REST, for those who evaluate it. */
@RestController
@Tag(name = "Programme KPIs", description = "Evaluate: the programme's measures for a period and the period before")
class KpiController {

  /** Without a period: the last 90 days, today included. */
  static final int DEFAULT_DAYS = 90;
  static final int MAX_DAYS = 3660;

  /** {@code asOf}: when the figures were read (they are kept for a minute, see {@link KpiSnapshots}). */
  record Report(Period period, Period previousPeriod, String zone, Instant asOf, List<Measure> measures) {
  }

  private final ProgrammeMeasures measures;
  private final KpiSnapshots snapshots;
  private final IdentityService identity;

  KpiController(ProgrammeMeasures measures, KpiSnapshots snapshots, IdentityService identity) {
    this.measures = measures;
    this.snapshots = snapshots;
    this.identity = identity;
  }

  @Operation(summary = "The programme's KPIs for a period, beside the period of the same length just before",
      description = "Readable by managers, the Head of Risk and the research office. Counts, medians and 90th "
          + "percentiles of cases, decisions, stages, service levels, sanctions matches, signed agreements, "
          + "incidents and thank-you messages; open and overdue tasks are as of asOf. Figures are read at most "
          + "once a minute per period and node; asOf says when.")
  @GetMapping(value = "/api/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
  Report kpis(@Parameter(description = "first day, yyyy-MM-dd (default: 89 days before to)") @RequestParam(required = false) String from,
      @Parameter(description = "last day, included, yyyy-MM-dd (default: today)") @RequestParam(required = false) String to) {
    mayRead();
    Period period = period(from, to);
    KpiSnapshots.Snapshot snapshot = snapshots.of(period);
    return new Report(period, period.previous(), measures.zone().getId(), snapshot.asOf(), snapshot.measures());
  }

  @Operation(summary = "The same KPIs as CSV, one row per measure")
  @GetMapping(value = "/api/kpis.csv", produces = "text/csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Report report = kpis(from, to);
    StringBuilder csv = new StringBuilder("kpi,dimension,unit,current,previous,from,to,previous_from,previous_to\r\n");
    for (Measure measure : report.measures()) {
      csv.append(Stream.of(measure.kpi(), measure.dimension(), measure.unit().name().toLowerCase(Locale.ROOT),
              number(measure.current()), number(measure.previous()), report.period().from().toString(),
              report.period().to().toString(), report.previousPeriod().from().toString(),
              report.previousPeriod().to().toString())
          .map(KpiController::csvField).collect(Collectors.joining(","))).append("\r\n");
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"kpis-" + report.period().from() + "-to-"
            + report.period().to() + ".csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(csv.toString());
  }

  private void mayRead() {
    if (!AccessRules.readsKpis(identity.getCurrentAuthentication())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "The programme's KPIs are for managers, the Head of Risk and the research office");
    }
  }

  private Period period(String from, String to) {
    List<Problem> problems = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), measures.zone());
    LocalDate last = date("to", to, today, problems);
    LocalDate first = date("from", from, last == null ? null : last.minusDays(DEFAULT_DAYS - 1), problems);
    if (problems.isEmpty() && first.isAfter(last)) {
      problems.add(new Problem("from", "the period starts (" + first + ") after it ends (" + last + ")"));
    } else if (problems.isEmpty() && new Period(first, last).days() > MAX_DAYS) {
      problems.add(new Problem("from", "a period may be at most " + MAX_DAYS + " days long"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    return new Period(first, last);
  }

  private static LocalDate date(String field, String text, LocalDate otherwise, List<Problem> problems) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(new Problem(field, "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
          + "' is not a date (yyyy-MM-dd)"));
      return null;
    }
  }

  private static String number(Double value) {
    if (value == null) {
      return "";
    }
    return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
  }

  /** Quoted where needed; a leading formula character is neutralised so spreadsheets do not run it. */
  static String csvField(String value) {
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\""
        : safe;
  }
}
