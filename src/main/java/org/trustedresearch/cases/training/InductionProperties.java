package org.trustedresearch.cases.training;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The induction task new members of {@code researchers} get.
 *
 * @param module the module the induction asks for (the first required module unless given)
 * @param due how long after joining the induction is due (30 days unless given)
 * @param backfill whether the people who were members already when the feature was first switched on
 *        get the task too (false: only people who join afterwards)
 */
@ConfigurationProperties("trusted-research.training.induction")
record InductionProperties(String module, Period due, boolean backfill) {

  InductionProperties {
    module = module == null || module.isBlank() ? null : module.strip();
    if (due != null && (due.isNegative() || due.isZero())) {
      throw new IllegalArgumentException("trusted-research.training.induction.due must be longer than nothing");
    }
    due = due == null ? Period.ofDays(30) : due;
  }
}
