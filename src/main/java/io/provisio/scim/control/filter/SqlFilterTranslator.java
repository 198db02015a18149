package io.provisio.scim.control.filter;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Translates a filter into a SQL condition that runs unchanged on H2 2.x and PostgreSQL 15. Only
 * bound parameters carry client input; the SQL text is built from the mapping's trusted expressions
 * and fixed keywords.
 *
 * <p>Semantics, matching {@link io.provisio.scim.control.FilterEvaluator}:
 *
 * <ul>
 *   <li>A multi-valued attribute becomes {@code EXISTS (SELECT 1 FROM table mvN WHERE correlation
 *       AND ...)} ("some value satisfies"); every condition of a value filter, and a comparison on
 *       its sub-attribute ({@code emails[type eq "work"].value eq "x"}), applies to the same row.
 *   <li>{@code ne} on a single-valued attribute also matches rows where it has no value: RFC 7644
 *       defines ne as "not identical", and an absent value is not identical to the literal. This
 *       keeps {@code x ne v} equal to {@code not (x eq v)}.
 *   <li>{@code not} is rendered {@code (...) IS NOT TRUE} so a comparison that is UNKNOWN in SQL
 *       (NULL column) counts as false and its negation as true, the two-valued logic of the RFC.
 *   <li>Case-insensitive strings compare lower-cased (the shadow column when mapped, else {@code
 *       LOWER(expr)}) against a literal lower-cased in Java; co/sw/ew use LIKE with {@code %},
 *       {@code _} and {@code \} escaped.
 *   <li>{@code pr} is IS NOT NULL, for strings also non-empty; {@code eq null} is {@code not pr}.
 *   <li>dateTime literals are bound as {@link Timestamp}, booleans as Boolean, integers as Long,
 *       decimals as BigDecimal.
 * </ul>
 */
public final class SqlFilterTranslator {

  private final ResourceSchema schema;
  private final SqlMapping mapping;

  public SqlFilterTranslator(ResourceSchema schema, SqlMapping mapping) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  /** Validates {@code filter} against the schema (invalidFilter) and translates it. */
  public SqlWhere translate(Filter filter) {
    Run run = new Run();
    run.emit(FilterValidator.validate(filter, schema));
    return new SqlWhere(run.sql.toString(), run.parameters);
  }

  /** Columns of the sub-attributes of one value row, or of a single-valued complex attribute. */
  private interface Row {
    Optional<SqlColumn> column(AttributeDefinition subAttribute);

    AttributeDefinition attribute();
  }

  private final class Run {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private int aliases;

    void emit(Filter filter) {
      if (filter instanceof Filter.And and) {
        sql.append('(');
        emit(and.left());
        sql.append(" AND ");
        emit(and.right());
        sql.append(')');
      } else if (filter instanceof Filter.Or or) {
        sql.append('(');
        emit(or.left());
        sql.append(" OR ");
        emit(or.right());
        sql.append(')');
      } else if (filter instanceof Filter.Not not) {
        sql.append("((");
        emit(not.filter());
        sql.append(") IS NOT TRUE)");
      } else if (filter instanceof Filter.Present present) {
        present(present.path());
      } else if (filter instanceof Filter.ValuePath valuePath) {
        ResolvedAttribute resolved = resolve(valuePath.attribute());
        withRow(resolved, valuePath.attribute(), valuePath.inner(), null);
      } else {
        comparison((Filter.Comparison) filter);
      }
    }

    private void comparison(Filter.Comparison comparison) {
      AttributePath path = comparison.path();
      if (comparison.literal() == null) {
        emit(
            comparison.op() == Operator.EQ
                ? new Filter.Not(new Filter.Present(path))
                : new Filter.Present(path));
        return;
      }
      ResolvedAttribute resolved = resolve(path);
      ResolvedAttribute target = resolved;
      if (!resolved.hasSubAttribute() && resolved.attribute().isComplex()) {
        target =
            resolved.withSubAttribute(
                resolved.attribute().subAttribute("value").orElseThrow(() -> unusable(path)));
      }
      if (resolved.attribute().multiValued() || path.hasFilter()) {
        AttributeDefinition sub = target.subAttribute();
        withRow(
            resolved,
            path,
            path.valueFilter(),
            row -> {
              SqlColumn column =
                  sub == null
                      ? row.column(resolved.attribute()).orElseThrow(() -> unusable(path))
                      : row.column(sub).orElseThrow(() -> unusable(path));
              condition(column, comparison.op(), comparison.literal());
            });
        return;
      }
      SqlColumn column = mapping.column(target).orElseThrow(() -> unusable(path));
      condition(column, comparison.op(), comparison.literal());
    }

    private void present(AttributePath path) {
      ResolvedAttribute resolved = resolve(path);
      if (resolved.attribute().multiValued() || path.hasFilter()) {
        withRow(
            resolved,
            path,
            path.valueFilter(),
            !resolved.hasSubAttribute()
                ? null
                : row ->
                    presentCondition(
                        row.column(resolved.subAttribute()).orElseThrow(() -> unusable(path))));
        return;
      }
      if (!presentAny(resolved)) {
        throw unusable(path);
      }
    }

    /**
     * Appends a test that a single-valued attribute has a value; a complex one (or a whole
     * extension) has a value when any of its parts has. Returns false when nothing is mapped.
     */
    private boolean presentAny(ResolvedAttribute resolved) {
      if (resolved.attribute().multiValued() && !resolved.hasSubAttribute()) {
        Optional<SqlValueTable> table = mapping.valueTable(resolved);
        if (table.isEmpty()) {
          return false;
        }
        openExists(table.get());
        sql.append(')');
        return true;
      }
      if (!resolved.target().isComplex()) {
        Optional<SqlColumn> column = mapping.column(resolved);
        column.ifPresent(this::presentCondition);
        return column.isPresent();
      }
      List<ResolvedAttribute> parts = new ArrayList<>();
      for (AttributeDefinition part : resolved.target().subAttributes()) {
        parts.add(
            resolved.isSchemaRoot()
                ? new ResolvedAttribute(resolved.schema(), resolved.extension(), part, null)
                : resolved.withSubAttribute(part));
      }
      int start = sql.length();
      int mark = parameters.size();
      sql.append('(');
      boolean any = false;
      for (ResolvedAttribute part : parts) {
        int before = sql.length();
        if (any) {
          sql.append(" OR ");
        }
        if (presentAny(part)) {
          any = true;
        } else {
          sql.setLength(before);
        }
      }
      if (!any) {
        sql.setLength(start);
        parameters.subList(mark, parameters.size()).clear();
        return false;
      }
      sql.append(')');
      return true;
    }

    /**
     * Emits the conditions of a value filter and of {@code then} so that they apply to one value of
     * {@code resolved}: one row of its value table, or its single complex value.
     */
    private void withRow(
        ResolvedAttribute resolved, AttributePath path, Filter valueFilter, Consumer<Row> then) {
      ResolvedAttribute base = resolved.withoutSubAttribute();
      Row row;
      boolean exists = base.attribute().multiValued();
      if (exists) {
        SqlValueTable table = mapping.valueTable(base).orElseThrow(() -> unusable(path));
        String alias = openExists(table);
        row =
            new Row() {
              @Override
              public Optional<SqlColumn> column(AttributeDefinition subAttribute) {
                String name = subAttribute == base.attribute() ? "value" : subAttribute.name();
                return table.subAttributeColumn(name).map(column -> column.withAlias(alias));
              }

              @Override
              public AttributeDefinition attribute() {
                return base.attribute();
              }
            };
      } else {
        sql.append('(');
        row =
            new Row() {
              @Override
              public Optional<SqlColumn> column(AttributeDefinition subAttribute) {
                return mapping.column(base.withSubAttribute(subAttribute));
              }

              @Override
              public AttributeDefinition attribute() {
                return base.attribute();
              }
            };
      }
      boolean first = !exists;
      if (valueFilter != null) {
        if (!first) {
          sql.append(" AND ");
        }
        emitInRow(valueFilter, row, path);
        first = false;
      }
      if (then != null) {
        if (!first) {
          sql.append(" AND ");
        }
        then.accept(row);
        first = false;
      }
      if (first) {
        sql.append("1 = 1");
      }
      sql.append(')');
    }

    /** Appends {@code EXISTS (SELECT 1 FROM table alias WHERE correlation}, returns the alias. */
    private String openExists(SqlValueTable table) {
      String alias = "mv" + (++aliases);
      sql.append("EXISTS (SELECT 1 FROM ")
          .append(table.table())
          .append(' ')
          .append(alias)
          .append(" WHERE ")
          .append(table.correlation().replace("%s", alias));
      return alias;
    }

    private void emitInRow(Filter filter, Row row, AttributePath outer) {
      if (filter instanceof Filter.And and) {
        sql.append('(');
        emitInRow(and.left(), row, outer);
        sql.append(" AND ");
        emitInRow(and.right(), row, outer);
        sql.append(')');
      } else if (filter instanceof Filter.Or or) {
        sql.append('(');
        emitInRow(or.left(), row, outer);
        sql.append(" OR ");
        emitInRow(or.right(), row, outer);
        sql.append(')');
      } else if (filter instanceof Filter.Not not) {
        sql.append("((");
        emitInRow(not.filter(), row, outer);
        sql.append(") IS NOT TRUE)");
      } else if (filter instanceof Filter.Present present) {
        presentCondition(rowColumn(row, present.path(), outer));
      } else if (filter instanceof Filter.Comparison comparison) {
        SqlColumn column = rowColumn(row, comparison.path(), outer);
        if (comparison.literal() == null) {
          sql.append(column.expression())
              .append(comparison.op() == Operator.EQ ? " IS NULL" : " IS NOT NULL");
        } else {
          condition(column, comparison.op(), comparison.literal());
        }
      } else {
        throw ScimException.invalidFilter("Nested value filters are not supported in filter");
      }
    }

    private SqlColumn rowColumn(Row row, AttributePath path, AttributePath outer) {
      AttributePath named =
          outer.withoutFilter().withoutSubAttribute().withSubAttribute(path.attribute());
      AttributeDefinition sub =
          row.attribute().subAttribute(path.attribute()).orElseThrow(() -> unusable(named));
      return row.column(sub).orElseThrow(() -> unusable(named));
    }

    private void presentCondition(SqlColumn column) {
      String expression = column.expression();
      if (isText(column.type())) {
        sql.append('(')
            .append(expression)
            .append(" IS NOT NULL AND ")
            .append(expression)
            .append(" <> '')");
      } else {
        sql.append(expression).append(" IS NOT NULL");
      }
    }

    private void condition(SqlColumn column, Operator op, Object literal) {
      AttributeType type = column.type();
      String expression = column.expression();
      Object parameter = parameter(column, literal);
      if (isText(type)) {
        if (!column.caseExact()) {
          expression =
              column.lowerCaseExpression() != null
                  ? column.lowerCaseExpression()
                  : "LOWER(" + expression + ")";
          parameter = ((String) parameter).toLowerCase(Locale.ROOT);
        }
        if (op.isSubstring()) {
          String pattern = escapeLike((String) parameter);
          parameter = (op == Operator.SW ? "" : "%") + pattern + (op == Operator.EW ? "" : "%");
          sql.append(expression).append(" LIKE ? ESCAPE '\\'");
          parameters.add(parameter);
          return;
        }
      } else if (op.isSubstring()
          || (type == AttributeType.BOOLEAN && op != Operator.EQ && op != Operator.NE)) {
        throw ScimException.invalidFilter(
            "Operator "
                + op.wireName()
                + " cannot be applied to a "
                + type.wireName()
                + " attribute in filter");
      }
      if (op == Operator.NE) {
        sql.append('(')
            .append(expression)
            .append(" <> ? OR ")
            .append(column.expression())
            .append(" IS NULL)");
      } else {
        sql.append(expression).append(' ').append(sqlOperator(op)).append(" ?");
      }
      parameters.add(parameter);
    }

    private ResolvedAttribute resolve(AttributePath path) {
      return schema
          .resolve(path.withoutFilter())
          .orElseThrow(
              () ->
                  ScimException.invalidFilter(
                      "Unknown attribute "
                          + ScimException.quote(path.withoutFilter().toString())
                          + " in filter"));
    }
  }

  private static boolean isText(AttributeType type) {
    return type == AttributeType.STRING
        || type == AttributeType.REFERENCE
        || type == AttributeType.BINARY;
  }

  private static String sqlOperator(Operator op) {
    return switch (op) {
      case EQ -> "=";
      case GT -> ">";
      case GE -> ">=";
      case LT -> "<";
      case LE -> "<=";
      default -> throw new IllegalArgumentException(op.wireName());
    };
  }

  /** Converts a validated literal to the JDBC value for the column's type. */
  private static Object parameter(SqlColumn column, Object literal) {
    switch (column.type()) {
      case BOOLEAN -> {
        if (literal instanceof Boolean) {
          return literal;
        }
      }
      case INTEGER -> {
        if (literal instanceof Long) {
          return literal;
        }
        if (literal instanceof BigDecimal decimal) {
          try {
            return decimal.longValueExact();
          } catch (ArithmeticException e) {
            // reported below
          }
        }
      }
      case DECIMAL -> {
        if (literal instanceof BigDecimal) {
          return literal;
        }
        if (literal instanceof Long number) {
          return BigDecimal.valueOf(number);
        }
      }
      case DATE_TIME -> {
        if (literal instanceof String text) {
          Optional<Instant> instant = ScimJson.parseDateTime(text);
          if (instant.isPresent()) {
            return Timestamp.from(instant.get());
          }
        }
      }
      default -> {
        return String.valueOf(literal);
      }
    }
    throw ScimException.invalidFilter(
        "Value "
            + FilterText.literal(literal)
            + " does not suit a "
            + column.type().wireName()
            + " attribute in filter");
  }

  private static String escapeLike(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static ScimException unusable(AttributePath path) {
    return ScimException.invalidFilter(
        "Attribute "
            + ScimException.quote(path.withoutFilter().toString())
            + " cannot be used in a filter");
  }
}
