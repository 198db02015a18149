package io.provisio.scim.control;

/**
 * Versions as weak ETags (RFC 7644 §3.14), and the If-Match / If-None-Match checks of every
 * resource type.
 */
public final class Preconditions {

  private Preconditions() {}

  /** The weak ETag of a version, {@code W/"n"}: the ETag header and meta.version. */
  public static String etag(long version) {
    return "W/\"" + version + "\"";
  }

  /** Whether an If-Match or If-None-Match header names this version ("*" names any). */
  public static boolean matches(String header, long version) {
    if (header == null) return false;
    String wanted = "\"" + version + "\"";
    for (String candidate : header.split(",")) {
      String value = candidate.strip();
      if (value.equals("*")) return true;
      if (value.startsWith("W/")) value = value.substring(2);
      if (value.equals(wanted)) return true;
    }
    return false;
  }

  /** If-Match: 412 unless the header is absent or names the current version. */
  public static void requireMatch(String ifMatch, long version, String resourceType) {
    if (ifMatch != null && !matches(ifMatch, version)) {
      throw ScimException.preconditionFailed("The " + resourceType.toLowerCase(java.util.Locale.ROOT)
          + " was changed since version " + ScimException.quote(ifMatch) + "; its current version is "
          + etag(version) + ". Read it again and retry.");
    }
  }
}
