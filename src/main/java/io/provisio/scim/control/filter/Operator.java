package io.provisio.scim.control.filter;

import java.util.Optional;

/** The attribute operators of RFC 7644 §3.4.2.2 except "pr", which takes no value. */
public enum Operator {
  EQ("eq"),
  NE("ne"),
  CO("co"),
  SW("sw"),
  EW("ew"),
  GT("gt"),
  GE("ge"),
  LT("lt"),
  LE("le");

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Operators are case-insensitive on the wire ("Eq", "EQ"). */
  public static Optional<Operator> fromWireName(String name) {
    for (Operator operator : values()) {
      if (operator.wireName.equalsIgnoreCase(name)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }

  /** True for co, sw and ew, which only make sense on strings. */
  public boolean isSubstring() {
    return this == CO || this == SW || this == EW;
  }

  /** True for gt, ge, lt and le. */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }
}
