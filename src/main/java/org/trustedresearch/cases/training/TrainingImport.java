package org.trustedresearch.cases.training;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.EngineQueries;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.training.TrainingRecords.Source;
import org.trustedresearch.cases.training.TrainingRecords.Status;

/**
 * Takes the learning system's CSV export: UTF-8 text, one completion a line as
 * {@code userId,module,completedOn} (the date as yyyy-mm-dd), fields optionally in double quotes,
 * an optional header row of those names. Every row is checked before anything is stored, and a
 * file is taken in one transaction: all of it, only its good rows, or nothing.
 */
@Service
class TrainingImport {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingImport.class);

  static final String FILE = "file";
  static final List<String> HEADER = List.of("userid", "module", "completedon");

  /** Whether a file with bad rows is refused as a whole or its good rows are taken. */
  enum Mode {
    ALL_OR_NOTHING("all-or-nothing"), GOOD_ROWS("good-rows");

    final String parameter;

    Mode(String parameter) {
      this.parameter = parameter;
    }

    static Mode of(String parameter) {
      for (Mode mode : values()) {
        if (mode.parameter.equals(parameter == null || parameter.isBlank() ? ALL_OR_NOTHING.parameter : parameter.strip())) {
          return mode;
        }
      }
      throw new InvalidCaseInputException("mode", "must be all-or-nothing (the default) or good-rows");
    }
  }

  /** What is wrong with one row: its line in the file, the column, and why. */
  record RowProblem(int line, String field, String message) {
  }

  /** What an import took and refused. */
  record Outcome(String mode, int rows, int taken, int refused, List<RowProblem> problems) {

    boolean refusedWhole() {
      return Mode.ALL_OR_NOTHING.parameter.equals(mode) && !problems.isEmpty();
    }
  }

  /** One non-empty line of the file and its fields. */
  private record Line(int number, List<String> fields) {
  }

  private record Row(int line, String userId, String module, LocalDate completedOn) {

    String key() {
      return userId + "\n" + module + "\n" + completedOn;
    }
  }

  private final TrainingRecords records;
  private final TrainingProperties properties;
  private final IdentityService identity;
  private final JdbcClient jdbc;

  TrainingImport(TrainingRecords records, TrainingProperties properties, IdentityService identity, JdbcClient jdbc) {
    this.records = records;
    this.properties = properties;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @Transactional
  Outcome take(byte[] file, Mode mode, String importer) {
    List<Line> lines = lines(text(file));
    List<RowProblem> problems = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    Set<String> knownUsers = knownUsers(lines);
    Map<String, Integer> firstLine = new HashMap<>();
    for (Line line : lines) {
      int number = line.number();
      Optional<Row> row = check(line.fields(), number, knownUsers, problems);
      row.ifPresent(good -> {
        Integer earlier = firstLine.putIfAbsent(good.key(), number);
        if (earlier != null) {
          problems.add(new RowProblem(number, "completedOn", "repeats line " + earlier));
        } else {
          rows.add(good);
        }
      });
    }
    Set<String> stored = storedImports(rows);
    rows.removeIf(row -> {
      if (stored.contains(row.key())) {
        problems.add(new RowProblem(row.line(), "completedOn", "is already recorded from an earlier import"));
        return true;
      }
      return false;
    });
    problems.sort(java.util.Comparator.comparingInt(RowProblem::line));
    int refused = (int) problems.stream().map(RowProblem::line).distinct().count();
    if (mode == Mode.ALL_OR_NOTHING && !problems.isEmpty()) {
      return new Outcome(mode.parameter, lines.size(), 0, refused, problems);
    }
    Instant now = TrainingRecords.now();
    try {
      rows.forEach(row -> records.insert(row.userId(), row.module(), row.completedOn(), Source.IMPORT, Status.IMPORTED,
          importer, now));
    } catch (DuplicateKeyException e) {
      throw new CaseConflictException("Some of these completions were imported by someone else a moment ago; "
          + "nothing of this file was taken, send it again");
    }
    records.recorded(rows.stream().map(Row::userId).collect(java.util.stream.Collectors.toSet()));
    LOG.info("{} imported {} training records, {} rows refused", importer, rows.size(), refused);
    return new Outcome(mode.parameter, lines.size(), rows.size(), refused, problems);
  }

  private String text(byte[] file) {
    if (file == null || file.length == 0) {
      throw new InvalidCaseInputException(FILE, "is empty; choose the learning system's CSV export");
    }
    long limit = properties.maxUploadSize().toBytes();
    if (file.length > limit) {
      throw new InvalidCaseInputException(FILE, "is larger than " + limit / 1024 + " KB; split the export");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidCaseInputException(FILE, "is not a CSV text file (UTF-8)");
    }
    if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      throw new InvalidCaseInputException(FILE, "is not a CSV text file: it holds control characters");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The data rows, numbered by their line in the file (one row a line; a header row is skipped). */
  private static List<Line> lines(String text) {
    List<Line> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(false).get();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int index = 0; index < lines.length; index++) {
      if (lines[index].isBlank()) {
        continue;
      }
      try (CSVParser parser = CSVParser.parse(new StringReader(lines[index]), format)) {
        List<String> fields = parser.getRecords().stream().flatMap(CSVRecord::stream).toList();
        if (rows.isEmpty() && isHeader(fields)) {
          continue;
        }
        rows.add(new Line(index + 1, fields));
      } catch (IOException | UncheckedIOException | IllegalStateException e) {
        throw new InvalidCaseInputException(FILE, "is not readable as CSV at line " + (index + 1)
            + " (a quote is not closed)");
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidCaseInputException(FILE, "has no rows; each line is userId,module,completedOn");
    }
    return rows;
  }

  private static boolean isHeader(List<String> fields) {
    List<String> names = fields.stream().map(name -> name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT)).toList();
    return names.equals(HEADER);
  }

  private Optional<Row> check(List<String> line, int number, Set<String> knownUsers, List<RowProblem> problems) {
    if (line.size() != 3) {
      problems.add(new RowProblem(number, "row", "has " + line.size() + " columns; expected userId,module,completedOn"));
      return Optional.empty();
    }
    int before = problems.size();
    String userId = line.get(0);
    if (userId.isEmpty()) {
      problems.add(new RowProblem(number, "userId", "is empty"));
    } else if (!knownUsers.contains(userId)) {
      problems.add(new RowProblem(number, "userId", "is not a user of this installation"));
    }
    String module = line.get(1);
    records.moduleProblem(module).ifPresent(message -> problems.add(new RowProblem(number, "module", message)));
    LocalDate completedOn = null;
    try {
      completedOn = LocalDate.parse(line.get(2));
      records.dateProblem(completedOn).ifPresent(message -> problems.add(new RowProblem(number, "completedOn", message)));
    } catch (DateTimeParseException e) {
      problems.add(new RowProblem(number, "completedOn", "is not a date as yyyy-mm-dd"));
    }
    return problems.size() == before ? Optional.of(new Row(number, userId, module, completedOn)) : Optional.empty();
  }

  /** The user ids of the file that the identity service has, looked up a page at a time. */
  private Set<String> knownUsers(List<Line> lines) {
    List<String> ids = lines.stream().map(Line::fields).filter(fields -> !fields.isEmpty()).map(fields -> fields.get(0))
        .filter(id -> !id.isEmpty() && id.length() <= 64).distinct().toList();
    Set<String> known = new HashSet<>();
    for (int from = 0; from < ids.size(); from += EngineQueries.PAGE) {
      List<String> page = ids.subList(from, Math.min(ids.size(), from + EngineQueries.PAGE));
      EngineQueries.all(identity.createUserQuery().userIdIn(page.toArray(String[]::new)).orderByUserId().asc())
          .stream().map(User::getId).forEach(known::add);
    }
    return known;
  }

  /** Which of these rows an earlier import stored already. */
  private Set<String> storedImports(List<Row> rows) {
    List<String> users = rows.stream().map(Row::userId).distinct().toList();
    Set<String> stored = new HashSet<>();
    for (int from = 0; from < users.size(); from += EngineQueries.PAGE) {
      jdbc.sql("select user_id, module_id, completed_on from tr_training_record where source = :source "
          + "and user_id in (:users)").param("source", Source.IMPORT.name())
          .param("users", users.subList(from, Math.min(users.size(), from + EngineQueries.PAGE)))
          .query((rs, row) -> rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getDate(3).toLocalDate())
          .list().forEach(stored::add);
    }
    return stored;
  }
}
