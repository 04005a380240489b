/**
 * Partner screening against reference lists: the UK Sanctions List, read from a file in the layout
 * of the FCDO's CSV export. A match is only ever a potential match; a person adjudicates it.
 */
package org.trustedresearch.cases.screening;
