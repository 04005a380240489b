/**
 * Security at the edge and in the engine: HTTP Basic for the REST APIs, the access policy
 * (authorizations per group), per-case grants to requesters, separation of duties enforced by the
 * engine itself, and error mapping that never leaks internals.
 */
package org.trustedresearch.cases.security;
