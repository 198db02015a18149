package io.provisio.users.control;

import io.provisio.users.control.ProvisioUserSchema;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * IdPs send the custom attribute userPrincipalName without a schema; Provisio keeps it in its
 * own extension, so a PATCH path or path-less key "userPrincipalName" is qualified with that URN.
 */
final class PatchRequests {

  private static final String QUALIFIED = ProvisioUserSchema.URN + ":userPrincipalName";

  private PatchRequests() {}

  static JsonObject qualifyCustomAttributes(JsonObject request) {
    JsonValue operations = request.get("Operations");
    if (!(operations instanceof jakarta.json.JsonArray array)) {
      return request;
    }
    var rewritten = ScimJson.arrayBuilder();
    for (JsonValue item : array) {
      if (!(item instanceof JsonObject op)) {
        rewritten.add(item);
        continue;
      }
      var copy = ScimJson.objectBuilder(op);
      JsonValue path = op.get("path");
      if (path instanceof jakarta.json.JsonString p && p.getString().trim().equalsIgnoreCase("userPrincipalName")) {
        copy.add("path", QUALIFIED);
      }
      if (op.get("value") instanceof JsonObject value) {
        var valueCopy = ScimJson.objectBuilder();
        value.forEach((key, v) -> valueCopy.add(key.equalsIgnoreCase("userPrincipalName") ? QUALIFIED : key, v));
        copy.add("value", valueCopy);
      }
      rewritten.add(copy);
    }
    return ScimJson.objectBuilder(request).add("Operations", rewritten).build();
  }
}
