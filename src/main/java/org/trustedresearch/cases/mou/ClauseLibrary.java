package org.trustedresearch.cases.mou;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.trustedresearch.cases.mou.MouProperties.Clause;

/** The clauses an agreement may be required to contain (configuration, README "MoU clause review"). */
@Component
class ClauseLibrary {

  private final Map<String, Clause> clauses = new LinkedHashMap<>();

  ClauseLibrary(MouProperties properties) {
    for (Clause clause : properties.clauses()) {
      if (isBlank(clause.id()) || isBlank(clause.title()) || isBlank(clause.mitigates())) {
        throw new IllegalStateException("Every clause in trusted-research.mou.clauses needs an id, a title and "
            + "the risk it mitigates: " + clause);
      }
      if (clauses.put(clause.id(), clause) != null) {
        throw new IllegalStateException("Clause " + clause.id() + " is in trusted-research.mou.clauses twice");
      }
    }
  }

  Optional<Clause> find(String id) {
    return Optional.ofNullable(id).map(clauses::get);
  }

  /** The named clauses, once each, in library order; an id the library lacks is a configuration fault. */
  List<Clause> required(List<String> ids) {
    for (String id : ids) {
      if (!clauses.containsKey(id)) {
        throw new IllegalStateException("The decision table " + MouReviewProcess.REQUIRED_CLAUSES_DECISION
            + " requires clause " + id + ", which is not in trusted-research.mou.clauses");
      }
    }
    return clauses.values().stream().filter(clause -> ids.contains(clause.id())).toList();
  }

  List<Clause> all() {
    return List.copyOf(clauses.values());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
