package org.trustedresearch.cases.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Screens a partner's name against the UK Sanctions List. The list is read once and read again
 * when its file changes, so a new export can be dropped in place without a restart. An unreadable
 * list is an error, never an empty list: screening must not pass a partner it could not check.
 */
@Service
public class PartnerScreening {

  private static final Logger log = LoggerFactory.getLogger(PartnerScreening.class);

  /** What screening found: the list's date and every listed name that matches. */
  public record Outcome(String listName, String listDate, List<ListedName> matches) {

    public boolean potentialMatch() {
      return !matches.isEmpty();
    }

    /** One line per matched designation, for the reviewer who adjudicates it. */
    public String describeMatches() {
      return matches.stream().map(ListedName::describe).collect(Collectors.joining("\n"));
    }
  }

  static final String LIST_NAME = "UK Sanctions List";

  private final Resource source;
  private SanctionsList list;
  private long listModified = Long.MIN_VALUE;

  PartnerScreening(ScreeningProperties properties) {
    this.source = properties.sanctionsList();
  }

  public Outcome screen(String partnerName) {
    SanctionsList current = currentList();
    String key = PartnerNames.key(partnerName);
    Set<ListedName> matches = new LinkedHashSet<>(key.isEmpty() ? List.of() : current.matching(key));
    return new Outcome(LIST_NAME, current.reportDate(), List.copyOf(matches));
  }

  private synchronized SanctionsList currentList() {
    long modified = lastModified();
    if (list == null || modified != listModified) {
      try (InputStream in = source.getInputStream()) {
        list = SanctionsList.read(in);
        listModified = modified;
        log.info("Loaded {} names from the {} dated {} ({})", list.names().size(), LIST_NAME, list.reportDate(), source);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the sanctions list " + source, e);
      }
    }
    return list;
  }

  private long lastModified() {
    try {
      return source.lastModified();
    } catch (IOException e) {
      // a list inside the application archive never changes
      return 0L;
    }
  }
}
