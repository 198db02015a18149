package io.provisio.scim.control.filter;

import java.util.Objects;

/**
 * An attribute path, {@code [schemaUrn:]attribute[.subAttribute]}, optionally with a value filter
 * as PATCH paths allow: {@code attribute[valueFilter][.subAttribute]} (RFC 7644 §3.5.2, "PATH").
 *
 * @param schemaUrn the schema URN prefix, or null
 * @param attribute the attribute name as written
 * @param subAttribute the sub-attribute name, or null
 * @param valueFilter the filter selecting values of a multi-valued attribute, or null
 */
public record AttributePath(
    String schemaUrn, String attribute, String subAttribute, Filter valueFilter) {

  public AttributePath {
    Objects.requireNonNull(attribute, "attribute");
  }

  public static AttributePath of(String attribute) {
    return new AttributePath(null, attribute, null, null);
  }

  public static AttributePath of(String schemaUrn, String attribute, String subAttribute) {
    return new AttributePath(schemaUrn, attribute, subAttribute, null);
  }

  /**
   * Parses a PATCH "path"; any syntax error is a {@code ScimException} with scimType invalidPath.
   */
  public static AttributePath parsePatchPath(String text) {
    return FilterParser.parsePath(text);
  }

  /** Same grammar and errors as {@link #parsePatchPath(String)}, for paths from other sources. */
  public static AttributePath parse(String text) {
    return FilterParser.parsePath(text);
  }

  public boolean hasFilter() {
    return valueFilter != null;
  }

  public AttributePath withoutFilter() {
    return valueFilter == null ? this : new AttributePath(schemaUrn, attribute, subAttribute, null);
  }

  public AttributePath withoutSubAttribute() {
    return subAttribute == null ? this : new AttributePath(schemaUrn, attribute, null, valueFilter);
  }

  public AttributePath withSubAttribute(String sub) {
    return new AttributePath(schemaUrn, attribute, sub, valueFilter);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (schemaUrn != null) {
      text.append(schemaUrn).append(':');
    }
    text.append(attribute);
    if (valueFilter != null) {
      text.append('[').append(valueFilter).append(']');
    }
    if (subAttribute != null) {
      text.append('.').append(subAttribute);
    }
    return text.toString();
  }
}
