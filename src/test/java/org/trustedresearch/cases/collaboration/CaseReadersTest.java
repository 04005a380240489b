package org.trustedresearch.cases.collaboration;

import org.trustedresearch.cases.support.CaseManagementTest;

/** The case list's readers follow the grants on H2. */
@CaseManagementTest
class CaseReadersTest extends CaseReadersInStep {
}
