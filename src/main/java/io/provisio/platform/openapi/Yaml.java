package io.provisio.platform.openapi;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The OpenAPI document as YAML (block style): maps and lists indented, every string quoted as a
 * JSON string (which YAML reads the same), so no value can be mistaken for a number, a boolean or
 * YAML syntax.
 */
final class Yaml {

  private Yaml() {}

  static String write(JsonValue document) {
    var out = new StringBuilder();
    write(document, out, 0, false);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out, int indent, boolean inline) {
    if (value instanceof JsonObject object && !object.isEmpty()) {
      boolean first = true;
      for (var entry : object.entrySet()) {
        if (!(first && inline)) out.append("\n").append("  ".repeat(indent));
        first = false;
        out.append(quote(entry.getKey())).append(":");
        child(entry.getValue(), out, indent + 1);
      }
    } else if (value instanceof JsonArray array && !array.isEmpty()) {
      boolean first = true;
      for (JsonValue item : array) {
        if (!(first && inline)) out.append("\n").append("  ".repeat(indent));
        first = false;
        out.append("- ");
        if (isBlock(item)) {
          write(item, out, indent + 1, true);
        } else {
          out.append(scalar(item));
        }
      }
    } else {
      out.append(scalar(value));
    }
    if (indent == 0 && !inline) out.append("\n");
  }

  private static void child(JsonValue value, StringBuilder out, int indent) {
    if (isBlock(value)) {
      write(value, out, indent, false);
    } else {
      out.append(' ').append(scalar(value));
    }
  }

  private static boolean isBlock(JsonValue value) {
    return (value instanceof JsonObject o && !o.isEmpty()) || (value instanceof JsonArray a && !a.isEmpty());
  }

  private static String scalar(JsonValue value) {
    if (value instanceof JsonString text) return quote(text.getString());
    if (value instanceof JsonNumber number) return number.toString();
    if (value instanceof JsonObject) return "{}";
    if (value instanceof JsonArray) return "[]";
    return value.toString(); // true, false, null
  }

  private static String quote(String text) {
    return jakarta.json.Json.createValue(text).toString();
  }
}
