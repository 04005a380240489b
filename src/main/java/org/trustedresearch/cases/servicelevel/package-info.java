/**
 * Service levels: due dates in working days (weekends and configured bank holidays skipped), per
 * The service-level clocks, and what happens when they pass: reminders and escalation. Models read them
 * as {@code ${serviceLevels...}} and attach {@code ${remindListener}} and {@code ${escalateListener}}
 * to tasks as timeout listeners.
 */
package org.trustedresearch.cases.servicelevel;
