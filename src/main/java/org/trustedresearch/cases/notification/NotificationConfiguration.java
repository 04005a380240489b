package org.trustedresearch.cases.notification;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The dispatcher runs on Spring's scheduler. */
@Configuration
@EnableScheduling
class NotificationConfiguration {
}
