package io.provisio.scim.control.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). {@link #toString()} renders the filter back into the
 * wire syntax.
 */
public sealed interface Filter
    permits Filter.Comparison, Filter.Present, Filter.And, Filter.Or, Filter.Not, Filter.ValuePath {

  /**
   * {@code path op literal}. The literal is a {@link String}, {@link Boolean}, {@link Long}, {@link
   * BigDecimal} or null (for {@code eq null}); other numbers are normalised to Long or BigDecimal.
   * A path carrying a value filter, {@code emails[type eq "work"].value eq "x"}, means one item
   * must satisfy both.
   */
  record Comparison(AttributePath path, Operator op, Object literal) implements Filter {
    public Comparison {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(op, "op");
      literal = normalise(literal);
    }

    private static Object normalise(Object literal) {
      if (literal == null
          || literal instanceof String
          || literal instanceof Boolean
          || literal instanceof Long
          || literal instanceof BigDecimal) {
        return literal;
      }
      if (literal instanceof Integer || literal instanceof Short || literal instanceof Byte) {
        return ((Number) literal).longValue();
      }
      if (literal instanceof Double || literal instanceof Float) {
        return BigDecimal.valueOf(((Number) literal).doubleValue());
      }
      if (literal instanceof BigInteger big) {
        return new BigDecimal(big);
      }
      throw new IllegalArgumentException("Unsupported filter literal type: " + literal.getClass());
    }

    @Override
    public String toString() {
      return path + " " + op.wireName() + " " + FilterText.literal(literal);
    }
  }

  /** {@code path pr}. */
  record Present(AttributePath path) implements Filter {
    public Present {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path + " pr";
    }
  }

  record And(Filter left, Filter right) implements Filter {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterText.operand(left, this, false)
          + " and "
          + FilterText.operand(right, this, true);
    }
  }

  record Or(Filter left, Filter right) implements Filter {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterText.operand(left, this, false) + " or " + FilterText.operand(right, this, true);
    }
  }

  record Not(Filter filter) implements Filter {
    public Not {
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return "not (" + filter + ")";
    }
  }

  /**
   * {@code attribute[inner]}: some value of the multi-valued complex {@code attribute} satisfies
   * {@code inner}, whose paths name sub-attributes of {@code attribute}.
   */
  record ValuePath(AttributePath attribute, Filter inner) implements Filter {
    public ValuePath {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return attribute + "[" + inner + "]";
    }
  }
}
