package org.trustedresearch.cases.screening;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Where the sanctions list is: a file in the layout of the UK Sanctions List CSV export. */
@ConfigurationProperties("trusted-research.screening")
record ScreeningProperties(Resource sanctionsList) {
}
