package io.provisio.scim.control.filter;

import java.math.BigDecimal;

/** Renders filters back into the wire syntax. */
public final class FilterText {

  private FilterText() {}

  public static String literal(Object literal) {
    if (literal == null) {
      return "null";
    }
    if (literal instanceof String text) {
      return quote(text);
    }
    if (literal instanceof BigDecimal decimal) {
      return decimal.toString();
    }
    return literal.toString();
  }

  /**
   * Parenthesises an operand where precedence requires it (an "or" under an "and"), and where the
   * parser would otherwise regroup it (a right operand of the same kind as its parent).
   */
  static String operand(Filter operand, Filter parent, boolean right) {
    boolean needsParentheses =
        (parent instanceof Filter.And && operand instanceof Filter.Or)
            || (right && operand.getClass() == parent.getClass());
    return needsParentheses ? "(" + operand + ")" : operand.toString();
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
