/**
 * MoU clause review: legal checks the agreement of a collaboration clause by clause against the
 * clause library, the requester negotiates changes, the Head of Risk owns any deviation; every
 * draft, round and clause status is kept, and the signed agreement is tracked to its renewal.
 */
package org.trustedresearch.cases.mou;
