package org.trustedresearch.cases.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The named senior person who signs messages that ask or thank people (survey invitations, thank-yous), so that
 * they come from the institution's leadership and not from "the system".
 *
 * @param name who signs, e.g. "Professor Jane Doe"
 * @param title their role, e.g. "Pro-Vice-Chancellor for Research"
 */
@ConfigurationProperties("trusted-research.endorsement")
public record EndorsementProperties(String name, String title) {

  public EndorsementProperties {
    name = name == null || name.isBlank() ? "The Pro-Vice-Chancellor for Research" : name.strip();
    title = title == null || title.isBlank() ? null : title.strip();
  }
}
