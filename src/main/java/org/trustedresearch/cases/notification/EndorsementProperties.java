package org.trustedresearch.cases.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The named senior person who signs the programme's messages that ask or thank people (training
 * reminders, survey invitations, thank-yous), so that they come from the institution's leadership
 * rather than from "the system".
 *
 * @param name who signs, e.g. "Professor Jane Doe"
 * @param title their role, e.g. "Pro-Vice-Chancellor for Research"; none when blank
 */
@ConfigurationProperties("trusted-research.endorsement")
public record EndorsementProperties(String name, String title) {

  public EndorsementProperties {
    name = name == null || name.isBlank() ? "The Pro-Vice-Chancellor for Research" : name.strip();
    title = title == null || title.isBlank() ? null : title.strip();
  }
}
