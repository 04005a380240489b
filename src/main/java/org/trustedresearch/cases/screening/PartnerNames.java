package org.trustedresearch.cases.screening;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reduces an organisation's name to a key that ignores case, accents, punctuation, word order and
 * legal-form suffixes ("Ltd", "LLC", "GmbH", "OOO"...). Two names match when their keys are equal;
 * anything looser would flood reviewers with false positives on a list of thousands of names.
 */
final class PartnerNames {

  private static final Set<String> LEGAL_FORMS = Set.of(
      "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "plc",
      "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "asa", "pte", "pty",
      "kk", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao", "zao", "pao", "ao", "fzco", "fze", "sdn", "bhd");

  private PartnerNames() {
  }

  static String key(String name) {
    if (name == null) {
      return "";
    }
    String plain = Normalizer.normalize(name, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replace("&", " and ")
        // "L.L.C." and "O'Neill" keep their letters together; other punctuation separates words
        .replaceAll("[.'’`]", "")
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
    if (plain.isEmpty()) {
      return "";
    }
    List<String> words = Arrays.asList(plain.split(" "));
    List<String> significant = words.stream().filter(word -> !LEGAL_FORMS.contains(word)).toList();
    // a name made only of legal forms is still a name
    return (significant.isEmpty() ? words : significant).stream().sorted().collect(Collectors.joining(" "));
  }
}
