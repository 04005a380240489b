/**
 * Incident reporting: anyone reports a research security incident, confidentially or anonymously;
 * the decision table routes it to the group that triages it; statutory clocks (the ICO's 72 hours)
 * run; the reporter is thanked; lessons learned may become an anonymised case study.
 */
package org.trustedresearch.cases.incident;
