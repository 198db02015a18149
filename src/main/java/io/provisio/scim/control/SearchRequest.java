package io.provisio.scim.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A query of any resource type (RFC 7644 §3.4.2), from the query string of a GET or the
 * SearchRequest body of a POST .search (§3.4.3), parsed one way for every type: a parameter that is
 * not what it must be is 400 invalidValue naming it.
 */
public record SearchRequest(
    String filter,
    String sortBy,
    boolean descending,
    Integer startIndex,
    Integer count,
    String cursor,
    String attributes,
    String excludedAttributes) {

  public static final String URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  /** The query parameters of GET /{Type}. */
  public static SearchRequest ofQuery(String filter, String sortBy, String sortOrder, String startIndex,
      String count, String cursor, String attributes, String excludedAttributes) {
    return new SearchRequest(blankToNull(filter), blankToNull(sortBy), descending(sortOrder),
        integer("startIndex", startIndex), integer("count", count), cursor, attributes, excludedAttributes);
  }

  /** A SearchRequest body; numbers may come as JSON numbers or numeric strings, lists as arrays or commas. */
  public static SearchRequest ofBody(JsonObject body) {
    return new SearchRequest(
        blankToNull(text(body, "filter")),
        blankToNull(text(body, "sortBy")),
        descending(text(body, "sortOrder")),
        number(body, "startIndex"),
        number(body, "count"),
        text(body, "cursor"),
        list(body, "attributes"),
        list(body, "excludedAttributes"));
  }

  /** The 1-based index of the first result (RFC 7644 §3.4.2.4: less than 1 means 1). */
  public int start() {
    return startIndex == null || startIndex < 1 ? 1 : startIndex;
  }

  /** The page size: the default when not asked, never more than {@code max}, never negative. */
  public int size(int defaultSize, int max) {
    return count == null ? Math.min(defaultSize, max) : Math.max(0, Math.min(count, max));
  }

  public boolean cursorPaging() {
    return cursor != null;
  }

  private static boolean descending(String sortOrder) {
    if (sortOrder == null || sortOrder.isBlank() || "ascending".equalsIgnoreCase(sortOrder.strip())) return false;
    if ("descending".equalsIgnoreCase(sortOrder.strip())) return true;
    throw ScimException.invalidValue("sortOrder must be \"ascending\" or \"descending\".");
  }

  private static Integer integer(String name, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue(name + " must be an integer, not " + ScimException.quote(value) + ".");
    }
  }

  private static String text(JsonObject body, String name) {
    JsonValue value = ScimJson.get(body, name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonString s) return s.getString();
    throw ScimException.invalidValue(name + " must be a string.");
  }

  private static Integer number(JsonObject body, String name) {
    JsonValue value = ScimJson.get(body, name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonNumber n && n.isIntegral()) return n.intValue();
    if (value instanceof JsonString s) return integer(name, s.getString());
    throw ScimException.invalidValue(name + " must be an integer.");
  }

  private static String list(JsonObject body, String name) {
    JsonValue value = ScimJson.get(body, name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonString s) return s.getString();
    if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
      return String.join(",", array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }
    throw ScimException.invalidValue(name + " must be an array of attribute names.");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
