package io.provisio.scim.control;

import jakarta.ejb.ApplicationException;

/**
 * A SCIM protocol error carrying what RFC 7644 §3.12 puts on the wire: the HTTP status, the
 * optional {@code scimType} keyword and a detail for humans.
 *
 * <p>The detail is shown to API clients verbatim, so it must name the offending input and never
 * leak implementation details such as class names.
 */
@ApplicationException(rollback = true)
public class ScimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final int MAX_QUOTED = 200;

  private final int status;
  private final ScimType scimType;
  private final String detail;

  public ScimException(int status, ScimType scimType, String detail) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
  }

  public static ScimException badRequest(ScimType scimType, String detail) {
    return new ScimException(400, scimType, detail);
  }

  public static ScimException invalidFilter(String detail) {
    return badRequest(ScimType.INVALID_FILTER, detail);
  }

  public static ScimException invalidPath(String detail) {
    return badRequest(ScimType.INVALID_PATH, detail);
  }

  public static ScimException invalidSyntax(String detail) {
    return badRequest(ScimType.INVALID_SYNTAX, detail);
  }

  public static ScimException invalidValue(String detail) {
    return badRequest(ScimType.INVALID_VALUE, detail);
  }

  /** Refuses a text longer than {@code max} characters (what its column holds) as invalidValue. */
  public static String requireMaxLength(String attribute, String value, int max) {
    if (value != null && value.length() > max) {
      throw invalidValue(attribute + " must be at most " + max + " characters.");
    }
    return value;
  }

  public static ScimException mutability(String detail) {
    return badRequest(ScimType.MUTABILITY, detail);
  }

  public static ScimException noTarget(String detail) {
    return badRequest(ScimType.NO_TARGET, detail);
  }

  public static ScimException tooMany(String detail) {
    return badRequest(ScimType.TOO_MANY, detail);
  }

  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  /** 409 with scimType uniqueness: the only conflict RFC 7644 defines. */
  public static ScimException conflict(String detail) {
    return new ScimException(409, ScimType.UNIQUENESS, detail);
  }

  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  /**
   * Quotes user input for a detail message: truncated so a hostile client cannot bloat logs, and
   * with control characters escaped so it cannot forge log lines.
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8).append('"');
    int limit = Math.min(text.length(), MAX_QUOTED);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_QUOTED) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  public int status() {
    return status;
  }

  /** The scimType keyword, or null when the status alone describes the error. */
  public ScimType scimType() {
    return scimType;
  }

  public String detail() {
    return detail;
  }
}
