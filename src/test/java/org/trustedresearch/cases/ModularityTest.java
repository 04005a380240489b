package org.trustedresearch.cases;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules (top-level packages) use each other only through their published types, without cycles. */
class ModularityTest {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(TrustedResearchCasesApplication.class).verify();
  }
}
