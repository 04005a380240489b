package org.trustedresearch.cases.shared;

import java.util.Set;

/**
 * A table of the application's own that follows the engine's grants to read process instances'
 * history (the case list's readers), so that a list can find what someone may read in one index
 * range instead of joining every grant. Told of every change, whichever route made it (the
 * application's own grants, an administrator in the Admin webapp or the REST API, the history
 * cleanup), once the change is written and before the transaction commits.
 */
public interface FollowsReadGrants {

  /**
   * Grants to read the history of these process instances were added, changed or removed in the
   * transaction about to commit; {@code removals} is false when grants were only added.
   */
  void readGrantsChanged(Set<String> processInstanceIds, boolean removals);

  /** Whether grants on instances of this process can concern the table (told of all when the process is not known). */
  default boolean follows(String processDefinitionKey) {
    return true;
  }
}
