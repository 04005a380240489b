package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;
import org.trustedresearch.cases.shared.ProcessVariable;

/**
 * Checks a proposal wherever it enters the engine (start form, REST start, amendment) and writes
 * back the normalised values. Every problem is reported at once, each naming its field.
 */
@Component
class ProposalValidator {

  static final int MAX_NAME_LENGTH = 300;
  static final int MAX_SUMMARY_LENGTH = 4000;

  private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());
  private static final Set<String> ACTIVITY_TYPES =
      Arrays.stream(ActivityType.values()).map(Enum::name).collect(Collectors.toSet());

  private final Directory directory;

  ProposalValidator(Directory directory) {
    this.directory = directory;
  }

  /**
   * Checks a proposal made by {@code requester}. The department decides who signs the case off, so
   * it must be one of the requester's own: nobody chooses their approver.
   */
  void validateAndNormalise(VariableScope scope, String requester) {
    List<Problem> problems = new ArrayList<>();

    String department = text(scope, DEPARTMENT, 64, problems);
    if (department != null && !directory.isDepartment(department)) {
      problems.add(new Problem(DEPARTMENT.name(),
          "unknown department '" + department + "'; expected one of " + String.join(", ", directory.departments())));
    } else if (department != null) {
      List<String> own = directory.departmentsOf(requester);
      if (!own.contains(department)) {
        problems.add(new Problem(DEPARTMENT.name(), own.isEmpty()
            ? requester + " belongs to no department, so cannot propose a case; the research office can add them to theirs"
            : "must be a department " + requester + " belongs to: " + String.join(", ", own)));
      }
    }
    String partnerName = text(scope, PARTNER_NAME, MAX_NAME_LENGTH, problems);
    String country = text(scope, PARTNER_COUNTRY, 2, problems);
    if (country != null) {
      country = country.toUpperCase(Locale.ROOT);
      if (!COUNTRY_CODES.contains(country)) {
        problems.add(new Problem(PARTNER_COUNTRY.name(), "'" + country + "' is not an ISO 3166-1 alpha-2 country code"));
      }
    }
    String activity = text(scope, ACTIVITY_TYPE, 32, problems);
    if (activity != null && !ACTIVITY_TYPES.contains(activity)) {
      problems.add(new Problem(ACTIVITY_TYPE.name(),
          "unknown activity type '" + activity + "'; expected one of " + String.join(", ", ACTIVITY_TYPES)));
    }
    Long funding = wholePounds(scope, problems);
    List<ProcessVariable<Boolean>> answers = List.of(EXPORT_CONTROLLED, DUAL_USE, SENSITIVE_DATA,
        COMMERCIAL_POTENTIAL, ETHICAL_CONCERNS, PARTNER_STATE_LINKS, MOU_REQUIRED);
    answers.forEach(answer -> yesOrNo(scope, answer, problems));
    String summary = text(scope, SUMMARY, MAX_SUMMARY_LENGTH, problems);

    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    DEPARTMENT.set(scope, department);
    PARTNER_NAME.set(scope, partnerName);
    PARTNER_COUNTRY.set(scope, country);
    FUNDING_AMOUNT_GBP.set(scope, funding);
    SUMMARY.set(scope, summary);
  }

  /** A required, trimmed text of at most {@code maxLength} characters, or null after recording a problem. */
  private static String text(VariableScope scope, ProcessVariable<String> variable, int maxLength, List<Problem> problems) {
    Object value = scope.getVariable(variable.name());
    if (value == null) {
      problems.add(new Problem(variable.name(), "is required"));
      return null;
    }
    if (!(value instanceof String string)) {
      problems.add(new Problem(variable.name(), "must be text (String), not " + value.getClass().getSimpleName()));
      return null;
    }
    String trimmed = string.strip();
    if (trimmed.isEmpty()) {
      problems.add(new Problem(variable.name(), "must not be empty"));
      return null;
    }
    if (trimmed.length() > maxLength) {
      problems.add(new Problem(variable.name(), "must be at most " + maxLength + " characters"));
      return null;
    }
    return trimmed;
  }

  private static Long wholePounds(VariableScope scope, List<Problem> problems) {
    Object value = scope.getVariable(FUNDING_AMOUNT_GBP.name());
    String field = FUNDING_AMOUNT_GBP.name();
    if (value == null) {
      problems.add(new Problem(field, "is required (0 if no money flows to or from the partner)"));
      return null;
    }
    Long pounds = null;
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      pounds = ((Number) value).longValue();
    } else if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d)) {
      pounds = d.longValue();
    } else if (value instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0) {
      pounds = b.longValue();
    }
    if (pounds == null) {
      problems.add(new Problem(field, "must be a whole number of pounds (Long), not '" + value + "'"));
      return null;
    }
    if (pounds < 0) {
      problems.add(new Problem(field, "must not be negative"));
      return null;
    }
    return pounds;
  }

  private static void yesOrNo(VariableScope scope, ProcessVariable<Boolean> variable, List<Problem> problems) {
    Object value = scope.getVariable(variable.name());
    if (value == null) {
      problems.add(new Problem(variable.name(), "is required (true or false)"));
    } else if (!(value instanceof Boolean)) {
      problems.add(new Problem(variable.name(), "must be true or false (Boolean), not '" + value + "'"));
    }
  }
}
