package io.provisio.scim.control.filter;

import java.util.Optional;

/**
 * {@code meta.resourceType} in a filter across resource types (root /.search, RFC 7644 §3.4.2.1):
 * for one type it is known before any row is read, so it is replaced by true or false and the rest
 * of the filter reduced. No SQL column holds it.
 */
public final class ResourceTypeCondition {

  private ResourceTypeCondition() {}

  /** The filter for resources of {@code type}: empty if none can match, a null filter if all do. */
  public static Optional<Reduced> reduce(Filter filter, String type) {
    Reduced reduced = reduced(filter, type);
    return reduced.matchesNone() ? Optional.empty() : Optional.of(reduced);
  }

  /** TRUE (filter null, all match), FALSE (none), or a filter still to apply. */
  public record Reduced(Filter filter, boolean constant) {
    static final Reduced TRUE = new Reduced(null, true);
    static final Reduced FALSE = new Reduced(null, false);

    boolean isConstant() {
      return filter == null;
    }

    boolean matchesNone() {
      return filter == null && !constant;
    }
  }

  private static Reduced reduced(Filter filter, String type) {
    if (filter instanceof Filter.Comparison c && isResourceType(c.path())) {
      boolean same = c.literal() instanceof String s && s.equalsIgnoreCase(type);
      if (c.op() == Operator.EQ) return same ? Reduced.TRUE : Reduced.FALSE;
      if (c.op() == Operator.NE) return same ? Reduced.FALSE : Reduced.TRUE;
      return Reduced.FALSE;
    }
    if (filter instanceof Filter.Present p && isResourceType(p.path())) {
      return Reduced.TRUE;
    }
    if (filter instanceof Filter.And and) {
      Reduced left = reduced(and.left(), type);
      Reduced right = reduced(and.right(), type);
      if (left.matchesNone() || right.matchesNone()) return Reduced.FALSE;
      if (left.isConstant()) return right;
      if (right.isConstant()) return left;
      return new Reduced(new Filter.And(left.filter(), right.filter()), false);
    }
    if (filter instanceof Filter.Or or) {
      Reduced left = reduced(or.left(), type);
      Reduced right = reduced(or.right(), type);
      if ((left.isConstant() && left.constant()) || (right.isConstant() && right.constant())) return Reduced.TRUE;
      if (left.matchesNone()) return right;
      if (right.matchesNone()) return left;
      return new Reduced(new Filter.Or(left.filter(), right.filter()), false);
    }
    if (filter instanceof Filter.Not not) {
      Reduced inner = reduced(not.filter(), type);
      if (inner.isConstant()) return inner.constant() ? Reduced.FALSE : Reduced.TRUE;
      return new Reduced(new Filter.Not(inner.filter()), false);
    }
    return new Reduced(filter, false);
  }

  private static boolean isResourceType(AttributePath path) {
    return path.attribute().equalsIgnoreCase("meta") && "resourceType".equalsIgnoreCase(path.subAttribute());
  }
}
