/**
 * Service levels: due dates in working days (weekends and configured bank holidays skipped), per
 * DOMAIN.md's clocks. Models read them as {@code ${serviceLevels...}}.
 */
package org.trustedresearch.cases.servicelevel;
