package org.trustedresearch.cases.security;

import org.trustedresearch.cases.support.CaseManagementTest;

/** Candidate task lists on H2, as the other tests run the application. */
@CaseManagementTest
class CandidateTaskListsTest extends CandidateTaskListsScenarios {
}
