package io.provisio.scim.control;

import jakarta.json.JsonObject;

/** Test shorthand: JSON with single quotes, so test bodies stay readable. */
public final class Json {

  private Json() {}

  /**
   * Parses JSON written with ' for " (write \\' for a literal '); a " in the text stands for
   * itself, as in PATCH paths such as {@code 'emails[type eq "work"]'}.
   */
  public static JsonObject object(String singleQuoted) {
    return ScimJsonReader.read(
        singleQuoted
            .replace("\"", "\\\"")
            .replace("\\'", "\u0000")
            .replace('\'', '"')
            .replace('\u0000', '\''));
  }
}
