package org.trustedresearch.cases.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The named senior person who signs the programme's messages to staff (training reminders,
 * thank-yous, invitations), so that they come from someone people know rather than from the system.
 *
 * @param name who signs, e.g. Professor Jane Smith
 * @param title their role, e.g. Pro-Vice-Chancellor for Research
 */
@ConfigurationProperties("trusted-research.endorsement")
public record EndorsementProperties(String name, String title) {

  public EndorsementProperties {
    name = name == null || name.isBlank() ? null : name.strip();
    title = title == null || title.isBlank() ? "Pro-Vice-Chancellor for Research" : title.strip();
  }

  /** The signature as one line: name and title, or the title alone when no name is configured. */
  public String signature() {
    return name == null ? title : name + ", " + title;
  }
}
