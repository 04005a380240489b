/**
 * Evaluate (the fifth of the 5Es): the programme's measures for a period compared with the period
 * before, for managers, the Head of Risk and the research office, over REST (JSON, CSV), in Cockpit
 * and as Prometheus metrics.
 */
package org.trustedresearch.cases.evaluation;
