package io.provisio.scim.control;

import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.Operator;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import java.util.Optional;

/**
 * A resource's key in its tenant (userName, a group's displayName, externalId) as one indexed
 * column, and the filters that ask for one key.
 *
 * <p>Why one column: right after a bulk import, or wherever autovacuum is late, PostgreSQL
 * believes a table empty, and then every index costs it the same. An index is a candidate for a
 * condition on any of its columns, so a lookup "tenant_id = ? AND user_name_lower = ?" was read
 * through (tenant_id, status, id) or (tenant_id, created_at, id): the whole tenant. A lookup that
 * names only a column no other index holds can only use that column's index
 * (V15__lookup_keys.sql; QueryPlansIT checks the plans with empty and fresh statistics). The
 * stores check tenant and status on the few rows found, not in the statement.
 */
public final class LookupKey {

  private LookupKey() {}

  /** The key of a value in a tenant, or null without a value. */
  public static String of(String tenantId, String value) {
    return value == null ? null : tenantId + ":" + value;
  }

  /**
   * The attribute and value of a filter {@code attribute eq "value"} (no value filter, a string),
   * the form IdPs use to look a resource up before they create it; empty for any other filter.
   */
  public static Optional<Equality> equality(Filter filter, ResourceSchema schema) {
    if (!(filter instanceof Filter.Comparison comparison) || comparison.op() != Operator.EQ
        || !(comparison.literal() instanceof String value) || comparison.path().hasFilter()) {
      return Optional.empty();
    }
    return schema.resolve(comparison.path()).map(attribute -> new Equality(attribute, value));
  }

  /** {@code attribute eq value}. */
  public record Equality(ResolvedAttribute attribute, String value) {

    /** Whether the attribute is this one of this schema (subAttribute null: the attribute itself). */
    public boolean is(String schemaUrn, String name, String subAttribute) {
      if (!attribute.schema().id().equals(schemaUrn) || !attribute.attribute().name().equals(name)) return false;
      return subAttribute == null
          ? !attribute.hasSubAttribute()
          : attribute.hasSubAttribute() && attribute.subAttribute().name().equals(subAttribute);
    }
  }
}
