package org.trustedresearch.cases.collaboration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseQueries.CaseSummary;
import org.trustedresearch.cases.directory.DirectoryProperties;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * The collaboration cases the signed-in user may read, a page at a time, read from the case
 * register with one indexed query instead of the engine's history with its per-row authorization
 * join. Who may read is the engine's rule, read from the same grants: whoever may read the history
 * of every onboarding (the research office, the Head of Risk, managers, administrators) reads all
 * cases; everyone else the cases whose history they were granted, as a requester or as a reviewing
 * group, as {@link CaseReaders} holds them in step with the grants. A revoking authorization on a
 * case hides it (stricter than the engine, which lets a grant to a group outweigh a revocation to
 * another group).
 */
@Service
class CaseList {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;
  static final int MAX_PARTNER_TEXT = 200;
  static final Set<String> STATUSES = Set.of(HistoricProcessInstance.STATE_ACTIVE,
      HistoricProcessInstance.STATE_SUSPENDED, HistoricProcessInstance.STATE_COMPLETED,
      HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED, HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);
  static final Set<String> RISK_TIERS = Set.of("LOW", "MEDIUM", "HIGH");
  /** Sortable fields as the API names them, and their columns; ties are broken by case reference. */
  static final Map<String, String> SORTS = Map.of("started", "c.created_at", "caseReference", "c.case_reference",
      "partnerName", "c.partner_name", "department", "c.department", "riskTier", "c.risk_tier");
  static final Set<String> PARAMETERS = Set.of("page", "size", "status", "riskTier", "department", "partner", "sort");
  /** Text anywhere in the partner's name, as the trigram index on PostgreSQL serves it (migration V9). */
  static final String PARTNER_MATCHES = " and lower(c.partner_name) like ? escape '\\'";
  /** Revocations of reading a case's history, as the engine reads them. */
  static final String REVOKED = " a.type_ = " + Authorization.AUTH_TYPE_REVOKE + " and a.resource_type_ = "
      + Resources.HISTORIC_PROCESS_INSTANCE.resourceType();

  /** One page of cases and how many there are in all. */
  record Page(List<CaseSummary> cases, long total) {
  }

  /** A case of the page, and how many cases the filters match in all (when counted in the same query). */
  private record Counted(CaseSummary summary, long total) {
  }

  /** What the caller asked for, checked. */
  record Request(int page, int size, String status, String riskTier, String department, String partner,
      String sortColumn, boolean descending) {
  }

  /** Whom the list is for: everyone's cases, or those of these readers, some of them revoked. */
  private record Readers(boolean everyCase, List<String> readers, boolean revocations) {
  }

  private final JdbcClient jdbc;
  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;
  private final DirectoryProperties directory;
  private final CaseReaders caseReaders;

  CaseList(JdbcClient jdbc, AuthorizationService authorizations, IdentityService identity,
      ProcessEngineConfigurationImpl engine, DirectoryProperties directory, CaseReaders caseReaders) {
    this.jdbc = jdbc;
    this.authorizations = authorizations;
    this.identity = identity;
    this.engine = engine;
    this.directory = directory;
    this.caseReaders = caseReaders;
  }

  /** Checks the query parameters, naming each one at fault; nothing unknown is ignored. */
  Request request(Map<String, String> parameters) {
    List<Problem> problems = new ArrayList<>();
    parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name ->
        problems.add(new Problem(name, "is not a parameter of this list; it takes page, size, status, riskTier,"
            + " department, partner and sort")));
    int page = number(parameters, "page", 0, 0, 1_000_000, problems);
    int size = number(parameters, "size", DEFAULT_SIZE, 1, MAX_SIZE, problems);
    String status = oneOf(parameters, "status", STATUSES, problems);
    String riskTier = oneOf(parameters, "riskTier", RISK_TIERS, problems);
    String department = oneOf(parameters, "department", Set.copyOf(directory.departments()), problems);
    String partner = parameters.get("partner");
    if (partner != null && (partner.isBlank() || partner.length() > MAX_PARTNER_TEXT)) {
      problems.add(new Problem("partner", "must be some text of at most " + MAX_PARTNER_TEXT + " characters"));
    }
    String[] sort = parameters.getOrDefault("sort", "started,desc").split(",", -1);
    String sortColumn = SORTS.get(sort[0]);
    boolean descending = sort.length > 1 && sort[1].equalsIgnoreCase("desc");
    if (sortColumn == null || sort.length > 2 || (sort.length == 2 && !descending && !sort[1].equalsIgnoreCase("asc"))) {
      problems.add(new Problem("sort", "must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList())
          + ", optionally followed by ,asc or ,desc"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    return new Request(page, size, status, riskTier, department, partner == null ? null : partner.trim(), sortColumn,
        descending);
  }

  Page page(Request request) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (request.riskTier() != null) {
      where.append(" and c.risk_tier = ?");
      parameters.add(request.riskTier());
    }
    if (request.department() != null) {
      where.append(" and c.department = ?");
      parameters.add(request.department());
    }
    if (request.partner() != null) {
      where.append(PARTNER_MATCHES);
      parameters.add("%" + request.partner().toLowerCase(Locale.ROOT)
          .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (request.status() != null) {
      where.append(" and h.state_ = ?");
      parameters.add(request.status());
    }
    boolean unfiltered = parameters.isEmpty();
    Readers readers = readers();
    readableOnly(readers, where, parameters);
    String history = " join act_hi_procinst h on h.id_ = c.process_instance_id";
    String filtered = " from tr_collaboration_case c" + (request.status() != null ? history : "") + where;
    // a text search reads every row it matches anyway, so it counts them in the same pass; otherwise the
    // page is found by an index in order and the count apart, from an index alone
    boolean countInPage = request.partner() != null;
    // the page is chosen on the register's columns first; only its rows are joined with history
    String direction = request.descending() ? " desc" : " asc";
    String order = " order by " + request.sortColumn() + direction + ", c.case_reference" + direction;
    List<Counted> rows = jdbc.sql("""
        select c.case_reference, h.state_, c.partner_name, c.partner_country, c.department, c.requester, c.risk_tier,
          c.screening_result, c.outcome, h.start_time_, h.end_time_, c.total_
        from (select c.*, """ + (countInPage ? "count(*) over ()" : "0") + " as total_" + filtered + order
        + " limit ? offset ?) c" + history + order)
        .params(parameters).param(request.size()).param((long) request.page() * request.size())
        .query((row, number) -> new Counted(summary(row, number), row.getLong(12))).list();
    List<CaseSummary> cases = rows.stream().map(Counted::summary).toList();
    long total;
    if (countInPage && !rows.isEmpty()) {
      total = rows.get(0).total();
    } else if (unfiltered && !readers.everyCase() && !readers.revocations()) {
      // a reviewer's whole list: counted from their readers' index ranges, without joining the cases
      total = caseReaders.countFor(readers.readers());
    } else {
      total = jdbc.sql("select count(*)" + filtered).params(parameters).query(Long.class).single();
    }
    return new Page(cases, total);
  }

  private Readers readers() {
    Authentication signedIn = identity.getCurrentAuthentication();
    if (signedIn == null || readsEveryCase(signedIn)) {
      return new Readers(true, List.of(), false);
    }
    List<String> groups = signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds();
    List<Object> people = new ArrayList<>();
    // revocations are rare: looked up by the authorization table's user and group indexes
    boolean revocations = jdbc.sql("select count(*) from act_ru_authorization a where" + REVOKED + people(people))
        .params(people).query(Long.class).single() > 0;
    return new Readers(false, CaseReaders.readersOf(signedIn.getUserId(), groups), revocations);
  }

  /** Limits the list to what the signed-in user may read, unless they may read every case. */
  private void readableOnly(Readers readers, StringBuilder where, List<Object> parameters) {
    if (readers.everyCase()) {
      return;
    }
    where.append(" and exists (select 1 from tr_case_reader r where r.case_reference = c.case_reference and r.reader in ("
        + String.join(", ", readers.readers().stream().map(reader -> "?").toList()) + "))");
    parameters.addAll(readers.readers());
    if (readers.revocations()) {
      where.append(" and not exists (select 1 from act_ru_authorization a where" + REVOKED
          + " and a.resource_id_ = c.process_instance_id" + people(parameters) + ")");
    }
  }

  /** The condition on grants of the signed-in user, everyone or a group of theirs; adds its parameters. */
  private String people(List<Object> parameters) {
    Authentication signedIn = identity.getCurrentAuthentication();
    List<String> groups = signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds();
    parameters.add(signedIn.getUserId());
    parameters.addAll(groups);
    return " and (a.user_id_ in (?, '*')" + (groups.isEmpty() ? ""
        : " or a.group_id_ in (" + String.join(", ", groups.stream().map(group -> "?").toList()) + ")") + ")";
  }

  private boolean readsEveryCase(Authentication signedIn) {
    List<String> groups = signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds();
    List<String> adminGroups = engine.getAdminGroups() == null ? List.of() : engine.getAdminGroups();
    List<String> adminUsers = engine.getAdminUsers() == null ? List.of() : engine.getAdminUsers();
    return adminUsers.contains(signedIn.getUserId()) || groups.stream().anyMatch(adminGroups::contains)
        || authorizations.isUserAuthorized(signedIn.getUserId(), groups, ProcessDefinitionPermissions.READ_HISTORY,
            Resources.PROCESS_DEFINITION, OnboardingProcess.KEY);
  }

  private static int number(Map<String, String> parameters, String name, int fallback, int min, int max,
      List<Problem> problems) {
    String value = parameters.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    problems.add(new Problem(name, "must be a whole number from " + min + " to " + max));
    return fallback;
  }

  private static String oneOf(Map<String, String> parameters, String name, Set<String> allowed,
      List<Problem> problems) {
    String value = parameters.get(name);
    if (value != null && !allowed.contains(value)) {
      problems.add(new Problem(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
    }
    return value;
  }

  private static CaseSummary summary(ResultSet row, int number) throws SQLException {
    return new CaseSummary(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
        row.getString(6), row.getString(7), row.getString(8), row.getString(9), instant(row.getTimestamp(10)),
        instant(row.getTimestamp(11)));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
