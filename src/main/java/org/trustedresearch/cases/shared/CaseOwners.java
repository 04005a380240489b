package org.trustedresearch.cases.shared;

import java.util.List;
import java.util.Optional;

/**
 * A register of cases of one kind (collaborations, incidents), as access rules need it: whose case
 * it is and which process instance holds it. Its answers come from the register's own table, not
 * from process variables a task completion could change.
 */
public interface CaseOwners {

  /** Who the case belongs to, if this register has the case and it has someone (an anonymous report has not). */
  Optional<String> requesterOf(String caseReference);

  /** The process instance that holds the case, if this register has it. */
  Optional<String> processInstanceOf(String caseReference);

  /** Who reads the case besides its reviewers: its requester, and groups the register names (none for most cases). */
  record Readers(Optional<String> requester, List<String> groups) {
  }

  /** Who reads the case besides its reviewers, in one lookup; empty if this register does not have the case. */
  Optional<Readers> readersOf(String caseReference);
}
