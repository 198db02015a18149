package io.provisio.scim.control.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A SQL condition with {@code ?} placeholders and the values to bind to them, in order. */
public record SqlWhere(String sql, List<Object> parameters) {

  public SqlWhere {
    Objects.requireNonNull(sql, "sql");
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }
}
