/**
 * Risk assessment sign-off: the head of department first, then the specialist reviewers the
 * decision table requires, the Head of Risk last for HIGH; separation of duties throughout.
 */
package org.trustedresearch.cases.riskassessment;
