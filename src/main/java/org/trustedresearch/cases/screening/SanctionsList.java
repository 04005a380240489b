package org.trustedresearch.cases.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The UK Sanctions List as exported by the FCDO in CSV: an optional first line
 * {@code Report Date: 13-Feb-2026}, then a header row and one row per name (primary name, variation
 * or alias), rows of one designation sharing a {@code Unique ID}. Organisations' names are in
 * {@code Name 6}; people's names run from {@code Name 1} to {@code Name 5}, then {@code Name 6}.
 */
record SanctionsList(String reportDate, List<ListedName> names, Map<String, List<ListedName>> byKey) {

  private static final String REPORT_DATE_PREFIX = "Report Date:";
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final int MAX_FIRST_LINE = 64 * 1024;
  private static final String[] NAME_COLUMNS = {"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"};
  private static final String[] TYPE_COLUMNS = {"Designation Type", "Individual, Entity, Ship"};

  List<ListedName> matching(String key) {
    return byKey.getOrDefault(key, List.of());
  }

  static SanctionsList read(InputStream in) throws IOException {
    BufferedReader source = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    // The report date, when present, is a line of its own before the header.
    source.mark(MAX_FIRST_LINE);
    String firstLine = source.readLine();
    String reportDate = "";
    if (firstLine != null && firstLine.replace(BYTE_ORDER_MARK, "").startsWith(REPORT_DATE_PREFIX)) {
      reportDate = firstLine.replace(BYTE_ORDER_MARK, "").substring(REPORT_DATE_PREFIX.length()).replace(",", "").strip();
    } else {
      source.reset();
    }

    Set<ListedName> names = new LinkedHashSet<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    try (CSVParser parser = CSVParser.parse(source, format)) {
      String typeColumn = firstPresent(parser.getHeaderMap(), TYPE_COLUMNS);
      for (CSVRecord row : parser) {
        String name = fullName(row);
        if (name.isEmpty()) {
          continue;
        }
        names.add(new ListedName(value(row, "Unique ID"), name, value(row, "Name type"), value(row, "Alias strength"),
            typeColumn == null ? "" : value(row, typeColumn), value(row, "Regime Name")));
      }
    }
    Map<String, List<ListedName>> byKey = new HashMap<>();
    for (ListedName listed : names) {
      byKey.computeIfAbsent(PartnerNames.key(listed.name()), key -> new ArrayList<>()).add(listed);
    }
    return new SanctionsList(reportDate, List.copyOf(names), byKey);
  }

  private static String fullName(CSVRecord row) {
    StringJoiner name = new StringJoiner(" ");
    for (String column : NAME_COLUMNS) {
      String part = value(row, column);
      if (!part.isEmpty()) {
        name.add(part);
      }
    }
    return name.toString();
  }

  private static String value(CSVRecord row, String column) {
    return row.isMapped(column) && row.isSet(column) ? row.get(column).strip() : "";
  }

  private static String firstPresent(Map<String, Integer> header, String[] candidates) {
    for (String candidate : candidates) {
      if (header.containsKey(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
