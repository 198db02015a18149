package io.provisio.scim.control.filter;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import java.math.BigDecimal;

/**
 * Recursive-descent parser for the filter grammar of RFC 7644 §3.4.2.2, with precedence {@code not}
 * over {@code and} over {@code or}; operators, keywords and true/false/null are case-insensitive.
 *
 * <p>Filters arrive from the network, so the parser is defensive: input length and nesting depth
 * are bounded (recursion depth is proportional to the nesting depth; and/or chains are parsed in
 * loops), and every failure is a {@link ScimException} naming the offending token and its 1-based
 * character position.
 */
public final class FilterParser {

  public static final int DEFAULT_MAX_LENGTH = 4096;
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** Numbers beyond this scale are certainly not attribute values, only ways to burn CPU. */
  private static final int MAX_NUMBER_SCALE = 1000;

  private static final FilterParser DEFAULT = new FilterParser();

  private final int maxLength;
  private final int maxDepth;

  public FilterParser() {
    this(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
  }

  public FilterParser(int maxLength, int maxDepth) {
    if (maxLength < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("Limits must be positive");
    }
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
  }

  /** Parses a filter without checking attribute names; failures are invalidFilter. */
  public static Filter parse(String filter) {
    return DEFAULT.parseFilter(filter);
  }

  /**
   * Parses a filter and validates it against {@code schema} as {@link FilterValidator} does:
   * unknown attributes and ill-typed literals are invalidFilter.
   */
  public static Filter parse(String filter, ResourceSchema schema) {
    return DEFAULT.parseFilter(filter, schema);
  }

  public Filter parseFilter(String filter) {
    return parseFilter(filter, null);
  }

  public Filter parseFilter(String filter, ResourceSchema schema) {
    Run run = new Run(filter, ScimType.INVALID_FILTER, "filter", schema);
    return run.filter();
  }

  /** Parses a PATCH path (RFC 7644 §3.5.2 "PATH"); failures are invalidPath. */
  static AttributePath parsePath(String path) {
    return DEFAULT.new Run(path, ScimType.INVALID_PATH, "path", null).path();
  }

  /** The state of one parse. */
  private final class Run {
    private final String text;
    private final ScimType errorType;
    private final String context;
    private final FilterValidator validator;
    private int pos;
    private int depth;
    private boolean inValueFilter;

    Run(String text, ScimType errorType, String context, ResourceSchema schema) {
      this.errorType = errorType;
      this.context = context;
      this.validator = schema == null ? null : new FilterValidator(schema, errorType, context);
      if (text == null || text.isBlank()) {
        throw error("The " + context + " is empty");
      }
      if (text.length() > maxLength) {
        throw error("The " + context + " is longer than " + maxLength + " characters");
      }
      this.text = text;
    }

    Filter filter() {
      Filter filter = or(null);
      skipWhitespace();
      if (!atEnd()) {
        throw error(
            "Unexpected "
                + token()
                + where()
                + "; expected \"and\", \"or\" or the end of"
                + " the filter");
      }
      return filter;
    }

    AttributePath path() {
      skipWhitespace();
      AttributePath path = attributePath(null);
      skipWhitespace();
      if (!atEnd()) {
        throw error("Unexpected " + token() + where());
      }
      return path;
    }

    private Filter or(ResolvedAttribute parent) {
      Filter left = and(parent);
      while (true) {
        int save = pos;
        skipWhitespace();
        if (!keyword("or")) {
          pos = save;
          return left;
        }
        pos += 2;
        left = new Filter.Or(left, and(parent));
      }
    }

    private Filter and(ResolvedAttribute parent) {
      Filter left = unary(parent);
      while (true) {
        int save = pos;
        skipWhitespace();
        if (!keyword("and")) {
          pos = save;
          return left;
        }
        pos += 3;
        left = new Filter.And(left, unary(parent));
      }
    }

    private Filter unary(ResolvedAttribute parent) {
      skipWhitespace();
      if (atEnd()) {
        throw error(
            "Unexpected end of the "
                + context
                + where()
                + "; expected an attribute path, \"not\" or \"(\"");
      }
      if (peek() == '(') {
        int open = pos;
        pos++;
        enter(open);
        Filter inner = or(parent);
        expect(')', open);
        depth--;
        return inner;
      }
      if (keyword("not")) {
        int start = pos;
        pos += 3;
        skipWhitespace();
        if (atEnd() || peek() != '(') {
          throw error(
              "Expected \"(\" after \"not\"" + where(start) + " but found " + token() + where());
        }
        int open = pos;
        pos++;
        enter(open);
        Filter inner = or(parent);
        expect(')', open);
        depth--;
        return new Filter.Not(inner);
      }
      return attributeExpression(parent);
    }

    private Filter attributeExpression(ResolvedAttribute parent) {
      int pathStart = pos;
      AttributePath path = attributePath(parent);
      if (path.hasFilter() && path.subAttribute() == null) {
        return new Filter.ValuePath(path.withoutFilter(), path.valueFilter());
      }
      int beforeOperator = pos;
      skipWhitespace();
      if (pos == beforeOperator && !atEnd()) {
        throw error(
            "Unexpected "
                + token()
                + where()
                + " after the attribute path "
                + ScimException.quote(path.toString()));
      }
      int operatorStart = pos;
      String operatorWord = word();
      if (operatorWord.isEmpty()) {
        throw error(
            (atEnd() ? "Unexpected end of the " + context : "Unexpected " + token())
                + where()
                + "; expected an operator after "
                + ScimException.quote(path.toString()));
      }
      if (operatorWord.equalsIgnoreCase("pr")) {
        Filter.Present present = new Filter.Present(path);
        if (validator != null) {
          validator.present(present, parent, where(pathStart));
        }
        return present;
      }
      Operator operator =
          Operator.fromWireName(operatorWord)
              .orElseThrow(
                  () ->
                      error(
                          "Unknown operator "
                              + ScimException.quote(operatorWord)
                              + where(operatorStart)));
      skipWhitespace();
      int literalStart = pos;
      Object literal = literal();
      Filter.Comparison comparison = new Filter.Comparison(path, operator, literal);
      if (validator != null) {
        comparison =
            validator.comparison(
                comparison, parent, where(pathStart), where(operatorStart), where(literalStart));
      }
      return comparison;
    }

    /** {@code [urn:]attr[.sub]} optionally followed by {@code [filter][.sub]}. */
    private AttributePath attributePath(ResolvedAttribute parent) {
      int start = pos;
      String word = word();
      if (word.isEmpty()) {
        throw error(
            (atEnd() ? "Unexpected end of the " + context : "Unexpected " + token())
                + where()
                + "; expected an attribute path");
      }
      AttributePath path = splitPath(word, start);
      if (atEnd() || peek() != '[') {
        return path;
      }
      int open = pos;
      if (path.subAttribute() != null) {
        throw error(
            "A value filter must follow the attribute name, not the sub-attribute "
                + ScimException.quote(path.toString())
                + where(open));
      }
      if (inValueFilter) {
        throw error("Nested value filters are not supported" + where(open));
      }
      ResolvedAttribute base =
          validator == null ? null : validator.valuePathBase(path, parent, where(start));
      pos++;
      enter(open);
      inValueFilter = true;
      Filter inner = or(base);
      expect(']', open);
      inValueFilter = false;
      depth--;
      String sub = null;
      if (!atEnd() && peek() == '.') {
        pos++;
        int subStart = pos;
        sub = word();
        checkName(sub, subStart);
      }
      return new AttributePath(path.schemaUrn(), path.attribute(), sub, inner);
    }

    /** Splits at the last colon (the URN may contain dots, e.g. "2.0") and then at the dot. */
    private AttributePath splitPath(String word, int start) {
      int colon = word.lastIndexOf(':');
      String urn = null;
      String rest = word;
      int restStart = start;
      if (colon >= 0) {
        urn = word.substring(0, colon);
        rest = word.substring(colon + 1);
        restStart = start + colon + 1;
        if (urn.isEmpty()) {
          throw error("Missing schema URN before \":\"" + where(start));
        }
        if (rest.isEmpty()) {
          throw error(
              "Missing attribute name after the schema URN "
                  + ScimException.quote(urn)
                  + where(restStart));
        }
      }
      int dot = rest.indexOf('.');
      String attribute = dot < 0 ? rest : rest.substring(0, dot);
      String sub = dot < 0 ? null : rest.substring(dot + 1);
      checkName(attribute, restStart);
      if (sub != null) {
        checkName(sub, restStart + dot + 1);
      }
      return new AttributePath(urn, attribute, sub, null);
    }

    /** ATTRNAME of RFC 7643 §2.1, plus a leading "$" for "$ref". */
    private void checkName(String name, int start) {
      boolean valid = !name.isEmpty() && (isAsciiLetter(name.charAt(0)) || name.charAt(0) == '$');
      for (int i = 1; valid && i < name.length(); i++) {
        char c = name.charAt(i);
        valid = isAsciiLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '$';
      }
      if (!valid) {
        throw error(
            (name.isEmpty()
                    ? "Missing attribute name"
                    : "Invalid attribute name " + ScimException.quote(name))
                + where(start));
      }
    }

    private Object literal() {
      if (atEnd()) {
        throw error("Unexpected end of the " + context + where() + "; expected a value");
      }
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '-' || isDigit(c)) {
        return number();
      }
      int start = pos;
      String word = word();
      if (word.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (word.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      if (word.equalsIgnoreCase("null")) {
        return null;
      }
      if (word.isEmpty()) {
        throw error("Unexpected " + token() + where() + "; expected a value");
      }
      throw error(
          "Invalid value " + ScimException.quote(word) + where(start) + "; strings must be quoted");
    }

    private String string() {
      int start = pos;
      pos++;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("Unterminated string" + where(start));
        }
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return value.toString();
        }
        if (c < 0x20) {
          throw error("Control character in string" + where(pos) + "; escape it");
        }
        if (c != '\\') {
          value.append(c);
          pos++;
          continue;
        }
        int escapeStart = pos;
        if (pos + 1 >= text.length()) {
          throw error("Unterminated string" + where(start));
        }
        char escape = text.charAt(pos + 1);
        pos += 2;
        switch (escape) {
          case '"', '\\', '/' -> value.append(escape);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length() || !isHex(text, pos, 4)) {
              throw error(
                  "Invalid escape "
                      + ScimException.quote(
                          text.substring(escapeStart, Math.min(text.length(), escapeStart + 6)))
                      + where(escapeStart));
            }
            value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default ->
              throw error(
                  "Invalid escape " + ScimException.quote("\\" + escape) + where(escapeStart));
        }
      }
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Object number() {
      int start = pos;
      boolean integral = true;
      if (peek() == '-') {
        pos++;
      }
      if (atEnd() || !isDigit(peek())) {
        throw invalidNumber(start);
      }
      if (peek() == '0') {
        pos++;
      } else {
        while (!atEnd() && isDigit(peek())) {
          pos++;
        }
      }
      if (!atEnd() && peek() == '.') {
        integral = false;
        pos++;
        if (atEnd() || !isDigit(peek())) {
          throw invalidNumber(start);
        }
        while (!atEnd() && isDigit(peek())) {
          pos++;
        }
      }
      if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
        integral = false;
        pos++;
        if (!atEnd() && (peek() == '+' || peek() == '-')) {
          pos++;
        }
        if (atEnd() || !isDigit(peek())) {
          throw invalidNumber(start);
        }
        while (!atEnd() && isDigit(peek())) {
          pos++;
        }
      }
      if (!atEnd() && isWordChar(peek())) {
        throw invalidNumber(start);
      }
      String number = text.substring(start, pos);
      if (integral && number.length() <= 18) {
        return Long.parseLong(number);
      }
      BigDecimal decimal;
      try {
        decimal = new BigDecimal(number);
      } catch (NumberFormatException e) {
        throw error("Number " + ScimException.quote(number) + " is out of range" + where(start));
      }
      if (Math.abs((long) decimal.scale()) > MAX_NUMBER_SCALE
          || decimal.precision() > MAX_NUMBER_SCALE) {
        throw error("Number " + ScimException.quote(number) + " is out of range" + where(start));
      }
      if (integral && decimal.precision() <= 18) {
        return decimal.longValue();
      }
      return decimal;
    }

    private ScimException invalidNumber(int start) {
      int end = pos;
      while (end < text.length() && (isWordChar(text.charAt(end)) || text.charAt(end) == '+')) {
        end++;
      }
      return error(
          "Invalid number "
              + ScimException.quote(text.substring(start, Math.max(end, start + 1)))
              + where(start));
    }

    private void enter(int at) {
      depth++;
      if (depth > maxDepth) {
        throw error("The " + context + " nests deeper than " + maxDepth + " levels" + where(at));
      }
    }

    private void expect(char close, int open) {
      skipWhitespace();
      if (atEnd()) {
        throw error(
            "Missing \"" + close + "\" for the \"" + text.charAt(open) + "\"" + where(open));
      }
      if (peek() != close) {
        throw error("Expected \"" + close + "\"" + where() + " but found " + token());
      }
      pos++;
    }

    /** True if the case-insensitive keyword starts here and is not the start of a longer word. */
    private boolean keyword(String keyword) {
      int end = pos + keyword.length();
      return text.regionMatches(true, pos, keyword, 0, keyword.length())
          && (end >= text.length() || !isWordChar(text.charAt(end)));
    }

    private String word() {
      int start = pos;
      while (!atEnd() && isWordChar(peek())) {
        pos++;
      }
      return text.substring(start, pos);
    }

    /** The token at the current position, quoted for an error detail. */
    private String token() {
      if (atEnd()) {
        return "end of the " + context;
      }
      char c = peek();
      int end = pos + 1;
      if (isWordChar(c)) {
        while (end < text.length() && isWordChar(text.charAt(end))) {
          end++;
        }
      } else if (c == '"') {
        end = text.indexOf('"', pos + 1);
        end = end < 0 ? text.length() : end + 1;
      }
      return ScimException.quote(text.substring(pos, end));
    }

    private void skipWhitespace() {
      while (!atEnd() && Character.isWhitespace(peek())) {
        pos++;
      }
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private char peek() {
      return text.charAt(pos);
    }

    private String where() {
      return where(pos);
    }

    private String where(int at) {
      return " at position " + (at + 1) + " in " + context;
    }

    private ScimException error(String detail) {
      return ScimException.badRequest(errorType, detail);
    }
  }

  private static boolean isWordChar(char c) {
    return isAsciiLetter(c)
        || isDigit(c)
        || c == ':'
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '$';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
