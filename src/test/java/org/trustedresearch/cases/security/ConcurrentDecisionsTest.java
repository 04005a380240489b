package org.trustedresearch.cases.security;

import java.util.List;

import org.trustedresearch.cases.support.CaseManagementTest;

/** The races on H2, through engine REST and through the webapps' API within a login. */
@CaseManagementTest
class ConcurrentDecisionsTest extends ConcurrentDecisions {

  @Override
  List<Route> routes() {
    return List.of(Route.values());
  }

  @Override
  Route.Caller as(Route route, String user) {
    return route.as(port, user);
  }

  @Override
  Route.Caller asOnAnotherDevice(Route route, String user) {
    return route.asOnAnotherDevice(port, user);
  }
}
