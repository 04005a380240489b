/**
 * Trusted Research training: who completed which module when, from the learning system's CSV export
 * or declared by the person and checked by the research office, and whether someone's training is
 * current. {@link org.trustedresearch.cases.training.TrainingRecords} is what other modules ask.
 */
package org.trustedresearch.cases.training;
