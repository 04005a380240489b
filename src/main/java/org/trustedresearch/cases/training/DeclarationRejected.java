package org.trustedresearch.cases.training;

/**
 * The research office rejected a self-declared completion of {@code userId}'s, in the transaction that is
 * still open: whatever asked them for it (a held case) can ask again before it commits.
 */
public record DeclarationRejected(String userId) {
}
