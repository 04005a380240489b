package org.trustedresearch.cases.training;

import java.util.Set;

/**
 * Completions that count were stored for these people (imported, or a declaration confirmed), in the
 * transaction that is still open: whatever waits for someone's training can look again before it commits.
 */
public record TrainingRecorded(Set<String> userIds) {

  public TrainingRecorded {
    userIds = Set.copyOf(userIds);
  }
}
