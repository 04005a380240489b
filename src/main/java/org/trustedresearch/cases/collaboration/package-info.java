/**
 * Collaboration onboarding: a researcher proposes a collaboration, the partner is screened, the risk
 * is tiered and the case is signed off. Holds the case's public contract
 * and the case register.
 */
package org.trustedresearch.cases.collaboration;
