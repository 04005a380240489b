package org.trustedresearch.cases.mou;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The MoU clause review's settings and the clause library legal reviews against.
 *
 * @param maxUploadSize the largest agreement file accepted
 * @param renewalNoticeDays how long before a signed agreement expires its renewal is announced
 * @param clauses the clause library; the decision table mou-required-clauses picks from it
 */
@ConfigurationProperties("trusted-research.mou")
record MouProperties(DataSize maxUploadSize, int renewalNoticeDays, List<Clause> clauses) {

  /**
   * One clause of the library.
   *
   * @param id what the decision table and the review record call it
   * @param title its name for people
   * @param wording model wording legal can offer the partner
   * @param guidance what legal looks for
   * @param mitigates the risk it mitigates
   */
  record Clause(String id, String title, String wording, String guidance, String mitigates) {
  }

  MouProperties {
    maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(20) : maxUploadSize;
    renewalNoticeDays = renewalNoticeDays <= 0 ? 90 : renewalNoticeDays;
    clauses = clauses == null ? List.of() : List.copyOf(clauses);
  }
}
