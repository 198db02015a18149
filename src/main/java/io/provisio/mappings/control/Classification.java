package io.provisio.mappings.control;

import io.provisio.mappings.entity.Mapping.Criterion;
import io.provisio.scim.control.JsonPaths;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which mapping classifies a new user (SPEC §4): the first, by priority, whose criterion matches
 * the request body as the IdP sent it, custom and extension attributes included. Attribute names
 * match case-insensitively; values are case-sensitive and exact; a multi-valued attribute matches
 * when any of its values does. Pure rules, tested without a server.
 */
public final class Classification {

  /** A mapping as classification sees it, in priority order. */
  public record Rule(String id, String name, Criterion criterion) {}

  /** The rule that matched (empty when none did) and a description of what was tried. */
  public record Outcome(Optional<Rule> matched, List<String> tried) {}

  private Classification() {}

  public static Outcome classify(JsonObject body, List<Rule> rulesByPriority) {
    List<String> tried = new ArrayList<>();
    for (Rule rule : rulesByPriority) {
      Criterion criterion = rule.criterion();
      if (criterion.allUsers()) {
        return new Outcome(Optional.of(rule), tried);
      }
      if (isSecret(criterion.attribute())) {
        // a criterion on a secret made before such criteria were refused: never compared, never echoed
        tried.add(criterion.attribute() + " (mapping \"" + rule.name() + "\"; a secret attribute, never compared)");
        continue;
      }
      List<String> found = values(body, criterion.attribute());
      if (found.stream().anyMatch(criterion.values()::contains)) {
        return new Outcome(Optional.of(rule), tried);
      }
      tried.add(
          criterion.attribute()
              + " in "
              + criterion.values()
              + " (mapping \""
              + rule.name()
              + "\"; the user has "
              + (found.isEmpty() ? "no value" : found.toString())
              + ")");
    }
    return new Outcome(Optional.empty(), tried);
  }

  private static boolean isSecret(String attribute) {
    try {
      return Mappings.isSecret(AttributePath.parse(attribute));
    } catch (ScimException e) {
      return false;
    }
  }

  /** The simple values at the path; complex values count as no value. */
  static List<String> values(JsonObject body, String attribute) {
    List<String> values = new ArrayList<>();
    List<JsonValue> found;
    try {
      found = JsonPaths.values(body, attribute);
    } catch (ScimException e) {
      return values;
    }
    for (JsonValue value : found) {
      if (value instanceof JsonString s) {
        values.add(s.getString());
      } else if (value instanceof JsonNumber n) {
        values.add(n.toString());
      } else if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
        values.add(value.toString());
      }
    }
    return values;
  }
}
