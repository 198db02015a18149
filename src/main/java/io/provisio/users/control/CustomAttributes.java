package io.provisio.users.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/**
 * Finds the custom attribute userPrincipalName wherever an IdP puts it: at the top level, in
 * Provisio's extension, in any custom extension object, or as a flat URN-prefixed key.
 */
final class CustomAttributes {

  private static final String UPN = "userprincipalname";

  private CustomAttributes() {}

  static String userPrincipalName(JsonObject body) {
    String found = null;
    for (var member : body.entrySet()) {
      String key = member.getKey().toLowerCase(Locale.ROOT);
      JsonValue value = member.getValue();
      if (key.equals(UPN) || key.endsWith(":" + UPN)) {
        found = text(value);
      } else if (key.startsWith("urn:") && value instanceof JsonObject extension && found == null) {
        String inside = UserRepresentations.caseInsensitive(extension, "userPrincipalName");
        if (inside != null) {
          found = inside;
        }
      }
      if (found != null && key.equals(UPN)) {
        break;
      }
    }
    return found == null || found.isBlank() ? null : found.trim();
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : null;
  }
}
