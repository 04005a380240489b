/**
 * E-mail that tells people what waits for them: rendered from templates the institution can
 * change, written to an outbox in the same transaction as the process step that causes it, and
 * delivered by a dispatcher that retries with back-off and sends each message once.
 */
package org.trustedresearch.cases.notification;
