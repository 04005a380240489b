package org.trustedresearch.cases.shared;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.query.Query;

/**
 * The engine refuses unbounded lists, and pages larger than {@link #PAGE}, to signed-in users
 * ({@code queryMaxResultsLimit}), and the application's own steps run as the user who caused them.
 * The application reads every result it needs a page at a time instead; queries that may return
 * more than one page must be ordered.
 */
public final class EngineQueries {

  /** At most the engine's {@code queryMaxResultsLimit}. */
  public static final int PAGE = 1000;

  private EngineQueries() {
  }

  public static <T> List<T> all(Query<?, T> query) {
    List<T> results = new ArrayList<>();
    List<T> page;
    do {
      page = query.listPage(results.size(), PAGE);
      results.addAll(page);
    } while (page.size() == PAGE);
    return results;
  }
}
