package org.trustedresearch.cases.screening;

/**
 * One name of a designated person, entity or ship, as the list gives it: its primary name or a
 * variation or alias of it, with the list's own quality marking of aliases.
 */
public record ListedName(
    String uniqueId, String name, String nameType, String aliasStrength, String designationType, String regime) {

  /** "ZORVAN DYNAMICS (alias, Good quality a.k.a), Entity, regime: ..., list id FIC0001" */
  public String describe() {
    StringBuilder text = new StringBuilder(name);
    String kind = nameType.isEmpty() ? "Primary Name" : nameType;
    text.append(" (").append(kind);
    if (!aliasStrength.isEmpty()) {
      text.append(", ").append(aliasStrength);
    }
    text.append(')');
    if (!designationType.isEmpty()) {
      text.append(", ").append(designationType);
    }
    if (!regime.isEmpty()) {
      text.append(", regime: ").append(regime);
    }
    return text.append(", list id ").append(uniqueId).toString();
  }
}
