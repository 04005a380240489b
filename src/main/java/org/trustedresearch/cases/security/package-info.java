/**
 * Security at the edge and in the engine, explained top to bottom in docs/security.md: HTTP Basic for
 * the REST APIs, the engine's command policy (which operations people other than administrators may
 * run, with their forms' fields only), the access policy (authorizations per group), per-case grants,
 * separation of duties enforced by the engine itself, the HTTP checks in front of the engine, and
 * error mapping that never leaks internals.
 */
package org.trustedresearch.cases.security;
