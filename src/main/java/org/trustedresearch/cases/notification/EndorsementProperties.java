package org.trustedresearch.cases.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The named senior person who signs the programme's messages (thank-yous), so that they come from the
 * institution's leadership and not from the system (Endorsement, README "E-mail").
 *
 * @param name the person's name, for example "Professor Jane Smith"
 * @param title their office, for example "Pro-Vice-Chancellor for Research"
 */
@ConfigurationProperties("trusted-research.endorsement")
public record EndorsementProperties(String name, String title) {

  public EndorsementProperties {
    name = name == null || name.isBlank() ? "The Pro-Vice-Chancellor for Research" : name.strip();
    title = title == null ? "" : title.strip();
  }
}
