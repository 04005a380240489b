package org.trustedresearch.cases.collaboration;

import org.trustedresearch.cases.support.PostgresTest;

/** The case list's readers follow the grants on PostgreSQL. */
@PostgresTest
class CaseReadersOnPostgresTest extends CaseReadersInStep {
}
