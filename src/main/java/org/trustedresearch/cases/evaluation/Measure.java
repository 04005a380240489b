package org.trustedresearch.cases.evaluation;

/**
 * One number managers follow, for one dimension (a process, a tier, a group...), in the period and
 * in the period before. Measures of the present (open tasks) have no previous value; a median of
 * nothing is null, a count of nothing is 0.
 */
public record Measure(String kpi, String dimension, Unit unit, Double current, Double previous) {

  public enum Unit { COUNT, DAYS, HOURS, SHARE, SCORE }
}
