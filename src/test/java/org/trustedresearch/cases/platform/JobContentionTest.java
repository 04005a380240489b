package org.trustedresearch.cases.platform;

import org.trustedresearch.cases.support.CaseManagementTest;

/** Jobs that lose an optimistic-locking race, on H2. */
@CaseManagementTest
class JobContentionTest extends JobContentionScenarios {
}
