package io.provisio.scim.control.filter;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.ScimType;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Checks a filter against a resource schema: every attribute must exist, and every literal must
 * suit the attribute's type and the operator. Returns the filter with literals coerced to the
 * attribute type ("true" becomes {@code true} for a boolean, 42 becomes "42" for a string).
 *
 * <p>{@link FilterParser#parse(String, ResourceSchema)} runs the same checks while parsing, so its
 * errors carry positions; use this class for filters built in code.
 */
public final class FilterValidator {

  private final ResourceSchema schema;
  private final ScimType errorType;
  private final String context;

  FilterValidator(ResourceSchema schema, ScimType errorType, String context) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.errorType = errorType;
    this.context = context;
  }

  /** Validates a whole filter; failures are invalidFilter. */
  public static Filter validate(Filter filter, ResourceSchema schema) {
    FilterValidator validator = new FilterValidator(schema, ScimType.INVALID_FILTER, "filter");
    return validator.check(filter, null);
  }

  /**
   * Validates the value filter of a path such as {@code emails[type eq "work"]} whose attribute
   * resolved to {@code parent}.
   */
  public static Filter validateValueFilter(
      Filter valueFilter, ResolvedAttribute parent, ResourceSchema schema, ScimType errorType) {
    FilterValidator validator =
        new FilterValidator(
            schema, errorType, errorType == ScimType.INVALID_PATH ? "path" : "filter");
    validator.requireComplex(parent, parent.fullName(), validator.where());
    return validator.check(valueFilter, parent.withoutSubAttribute());
  }

  private String where() {
    return " in " + context;
  }

  private Filter check(Filter filter, ResolvedAttribute parent) {
    String where = where();
    if (filter instanceof Filter.Comparison comparison) {
      return comparison(comparison, parent, where, where, where);
    } else if (filter instanceof Filter.Present present) {
      present(present, parent, where);
      return present;
    } else if (filter instanceof Filter.And and) {
      return new Filter.And(check(and.left(), parent), check(and.right(), parent));
    } else if (filter instanceof Filter.Or or) {
      return new Filter.Or(check(or.left(), parent), check(or.right(), parent));
    } else if (filter instanceof Filter.Not not) {
      return new Filter.Not(check(not.filter(), parent));
    } else {
      Filter.ValuePath valuePath = (Filter.ValuePath) filter;
      ResolvedAttribute base = valuePathBase(valuePath.attribute(), parent, where);
      return new Filter.ValuePath(valuePath.attribute(), check(valuePath.inner(), base));
    }
  }

  /** Resolves a path inside a filter; a value filter on the path is validated too. */
  ResolvedAttribute resolve(AttributePath path, ResolvedAttribute parent, String where) {
    if (path.hasFilter()) {
      ResolvedAttribute base =
          valuePathBase(path.withoutFilter().withoutSubAttribute(), parent, where);
      check(path.valueFilter(), base);
      if (path.subAttribute() == null) {
        return base;
      }
      return base.attribute()
          .subAttribute(path.subAttribute())
          .map(base::withSubAttribute)
          .orElseThrow(
              () ->
                  error(
                      "Unknown attribute "
                          + ScimException.quote(base.fullName() + "." + path.subAttribute())
                          + where));
    }
    if (parent != null) {
      if (path.schemaUrn() != null || path.subAttribute() != null) {
        throw error(
            "Unknown attribute "
                + ScimException.quote(path.toString())
                + " inside the value filter of "
                + ScimException.quote(parent.fullName())
                + where);
      }
      return parent
          .attribute()
          .subAttribute(path.attribute())
          .map(parent::withSubAttribute)
          .orElseThrow(
              () ->
                  error(
                      "Unknown attribute "
                          + ScimException.quote(parent.fullName() + "." + path.attribute())
                          + where));
    }
    return schema
        .resolve(path)
        .orElseThrow(
            () -> error("Unknown attribute " + ScimException.quote(path.toString()) + where));
  }

  /** The attribute of {@code attribute[...]}, which must be complex. */
  ResolvedAttribute valuePathBase(AttributePath path, ResolvedAttribute parent, String where) {
    if (parent != null) {
      throw error("Nested value filters are not supported" + where);
    }
    ResolvedAttribute base = resolve(path, null, where);
    requireComplex(base, path.toString(), where);
    return base;
  }

  private void requireComplex(ResolvedAttribute base, String name, String where) {
    if (base.hasSubAttribute() || !base.attribute().isComplex() || base.isSchemaRoot()) {
      throw error(
          "Attribute "
              + ScimException.quote(name)
              + " is not a complex attribute and cannot take a value filter"
              + where);
    }
  }

  void present(Filter.Present present, ResolvedAttribute parent, String where) {
    resolve(present.path(), parent, where);
  }

  Filter.Comparison comparison(
      Filter.Comparison comparison,
      ResolvedAttribute parent,
      String pathWhere,
      String opWhere,
      String literalWhere) {
    ResolvedAttribute resolved = resolve(comparison.path(), parent, pathWhere);
    String name = ScimException.quote(comparison.path().withoutFilter().toString());
    AttributeDefinition target = comparisonTarget(resolved, name, pathWhere);
    Operator op = comparison.op();
    Object literal = comparison.literal();
    if (literal == null) {
      if (op != Operator.EQ && op != Operator.NE) {
        throw error("Only eq and ne can compare " + name + " with null" + literalWhere);
      }
      return comparison;
    }
    Object coerced = coerce(target, op, literal, name, opWhere, literalWhere);
    return coerced == literal ? comparison : new Filter.Comparison(comparison.path(), op, coerced);
  }

  /**
   * The definition a comparison applies to. A complex attribute stands for its "value"
   * sub-attribute, as in the RFC 7644 example {@code emails co "example.com"}.
   */
  static AttributeDefinition comparisonTarget(ResolvedAttribute resolved) {
    AttributeDefinition target = resolved.target();
    if (target.isComplex() && !resolved.isSchemaRoot()) {
      return target.subAttribute("value").orElse(null);
    }
    return resolved.isSchemaRoot() ? null : target;
  }

  private AttributeDefinition comparisonTarget(
      ResolvedAttribute resolved, String name, String where) {
    AttributeDefinition target = comparisonTarget(resolved);
    if (target == null) {
      throw error(
          "Attribute " + name + " is complex; compare one of its sub-attributes instead" + where);
    }
    return target;
  }

  private Object coerce(
      AttributeDefinition target,
      Operator op,
      Object literal,
      String name,
      String opWhere,
      String literalWhere) {
    AttributeType type = target.type();
    switch (type) {
      case BOOLEAN -> {
        if (op != Operator.EQ && op != Operator.NE) {
          throw error(
              "Attribute "
                  + name
                  + " is a boolean and supports only eq, ne and pr, not "
                  + op.wireName()
                  + opWhere);
        }
        if (literal instanceof Boolean) {
          return literal;
        }
        if (literal instanceof String text && ScimJson.lenientBoolean(text) != null) {
          return ScimJson.lenientBoolean(text);
        }
        throw error(
            "Attribute "
                + name
                + " expects true or false, not "
                + FilterText.literal(literal)
                + literalWhere);
      }
      case INTEGER, DECIMAL -> {
        if (op.isSubstring()) {
          throw error(
              "Attribute " + name + " is a number and does not support " + op.wireName() + opWhere);
        }
        BigDecimal number = number(literal);
        if (number == null
            || (type == AttributeType.INTEGER && number.stripTrailingZeros().scale() > 0)) {
          throw error(
              "Attribute "
                  + name
                  + " expects "
                  + (type == AttributeType.INTEGER ? "an integer" : "a number")
                  + ", not "
                  + FilterText.literal(literal)
                  + literalWhere);
        }
        if (type == AttributeType.INTEGER) {
          try {
            return number.longValueExact();
          } catch (ArithmeticException e) {
            throw error(
                "Number "
                    + FilterText.literal(literal)
                    + " is out of range for "
                    + name
                    + literalWhere);
          }
        }
        return number;
      }
      case DATE_TIME -> {
        if (op.isSubstring()) {
          throw error(
              "Attribute "
                  + name
                  + " is a dateTime and does not support "
                  + op.wireName()
                  + opWhere);
        }
        if (!(literal instanceof String text) || ScimJson.parseDateTime(text).isEmpty()) {
          throw error(
              "Attribute "
                  + name
                  + " expects an ISO-8601 dateTime such as "
                  + "\"2011-05-13T04:42:34Z\", not "
                  + FilterText.literal(literal)
                  + literalWhere);
        }
        return literal;
      }
      default -> {
        if (type == AttributeType.BINARY && op.isOrdering()) {
          throw error(
              "Attribute " + name + " is binary and does not support " + op.wireName() + opWhere);
        }
        if (literal instanceof String) {
          return literal;
        }
        if (literal instanceof Long number) {
          // Some clients send employee numbers unquoted.
          return number.toString();
        }
        throw error(
            "Attribute "
                + name
                + " expects a string, not "
                + FilterText.literal(literal)
                + literalWhere);
      }
    }
  }

  private static BigDecimal number(Object literal) {
    if (literal instanceof Long number) {
      return BigDecimal.valueOf(number);
    }
    if (literal instanceof BigDecimal number) {
      return number;
    }
    if (literal instanceof String text && text.length() <= 40) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private ScimException error(String detail) {
    return ScimException.badRequest(errorType, detail);
  }
}
