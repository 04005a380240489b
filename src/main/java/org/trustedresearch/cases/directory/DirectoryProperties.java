package org.trustedresearch.cases.directory;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The departments that can own a collaboration case; each has a group {@code hod-<department>}. */
@ConfigurationProperties("trusted-research.directory")
public record DirectoryProperties(List<String> departments) {

  public DirectoryProperties {
    departments = departments == null ? List.of() : List.copyOf(departments);
  }
}
