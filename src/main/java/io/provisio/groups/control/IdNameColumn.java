package io.provisio.groups.control;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of (id, name) pairs read as one column of a statement: a user's groups with the user
 * (GET /Users/{id}), a group's members with the group (GET /Groups/{id}). Each pair is written
 * {@code <id>:<name>;}, or {@code <id>;} when the name is null, one after the other, with
 * backslashes and semicolons in the name escaped by a backslash: any name is carried safely (ids
 * never hold ':' or ';'), and nothing depends on how a database counts characters. STRING_AGG,
 * COALESCE and REPLACE read alike on PostgreSQL and H2.
 */
final class IdNameColumn {

  /** One pair; {@code name} is null when the row had none. */
  record Pair(String id, String name) {}

  private IdNameColumn() {}

  /**
   * The correlated subquery: {@code id} and {@code name} are SQL expressions over the rows of
   * {@code from} (a FROM clause with its WHERE, correlated to the outer statement).
   */
  static String aggregate(String id, String name, String from) {
    return "(SELECT STRING_AGG(" + id + " || COALESCE(':' || REPLACE(REPLACE(" + name
        + ", '\\', '\\\\'), ';', '\\;'), '') || ';', '') FROM " + from + ")";
  }

  /** The pairs in a value of {@link #aggregate}, in the order written; a value it cannot have written is refused. */
  static List<Pair> parse(String column) {
    List<Pair> pairs = new ArrayList<>();
    if (column == null) return pairs;
    int at = 0;
    while (at < column.length()) {
      int idEnd = at;
      while (idEnd < column.length() && column.charAt(idEnd) != ':' && column.charAt(idEnd) != ';') idEnd++;
      if (idEnd == column.length()) throw new IllegalStateException("Unreadable id list at " + at);
      String id = column.substring(at, idEnd);
      if (column.charAt(idEnd) == ';') {
        pairs.add(new Pair(id, null));
        at = idEnd + 1;
        continue;
      }
      var name = new StringBuilder();
      int i = idEnd + 1;
      while (true) {
        if (i >= column.length()) throw new IllegalStateException("Unreadable id list at " + i);
        char c = column.charAt(i++);
        if (c == ';') break;
        if (c == '\\') {
          if (i >= column.length()) throw new IllegalStateException("Unreadable id list at " + i);
          c = column.charAt(i++);
        }
        name.append(c);
      }
      pairs.add(new Pair(id, name.toString()));
      at = i;
    }
    return pairs;
  }
}
