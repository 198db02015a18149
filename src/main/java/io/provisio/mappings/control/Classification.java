package io.provisio.mappings.control;

import io.provisio.mappings.entity.Mapping.Criterion;
import io.provisio.scim.control.JsonPaths;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which mapping classifies a new user (SPEC §4): the first, by priority, whose criterion matches
 * the request body as the IdP sent it, custom and extension attributes included. Attribute names
 * match case-insensitively; values are case-sensitive and exact; a multi-valued attribute matches
 * when any of its values does. Pure rules, tested without a server.
 *
 * <p>The same evaluation serves a real create, the simulator (a pasted user, a proposed order) and
 * the replay of recent failures, whose users exist only as the values the log kept of the tested
 * attributes ({@link #testedValues}): a classification reads values through a function, from a
 * request body or from those kept values.
 */
public final class Classification {

  /** A mapping as classification sees it, in priority order. */
  public record Rule(String id, String name, Criterion criterion) {}

  /** What one mapping made of the user: matched or not, and why, in words an administrator reads. */
  public record Evaluation(Rule rule, boolean matched, String reason) {}

  /**
   * The rule that matched (empty when none did), every rule's evaluation in order (those after the
   * match: "not evaluated"), a description of what was tried before it, and the values the user had
   * for each attribute tested.
   */
  public record Outcome(Optional<Rule> matched, List<Evaluation> evaluations, List<String> tried,
      Map<String, List<String>> tested) {}

  private Classification() {}

  public static Outcome classify(JsonObject body, List<Rule> rulesByPriority) {
    return classify(attribute -> values(body, attribute), rulesByPriority);
  }

  /** Classifies a user known only by the values of some attributes (absent ones: no value). */
  public static Outcome classify(Function<String, List<String>> valuesOf, List<Rule> rulesByPriority) {
    List<String> tried = new ArrayList<>();
    List<Evaluation> evaluations = new ArrayList<>();
    Map<String, List<String>> tested = new LinkedHashMap<>();
    Rule matched = null;
    for (Rule rule : rulesByPriority) {
      if (matched != null) {
        evaluations.add(new Evaluation(rule, false, "Not evaluated: mapping \"" + matched.name() + "\" above it matched."));
        continue;
      }
      Criterion criterion = rule.criterion();
      if (criterion.allUsers()) {
        matched = rule;
        evaluations.add(new Evaluation(rule, true, "Matches all users."));
        continue;
      }
      if (isSecret(criterion.attribute())) {
        // a criterion on a secret made before such criteria were refused: never compared, never echoed
        tried.add(criterion.attribute() + " (mapping \"" + rule.name() + "\"; a secret attribute, never compared)");
        evaluations.add(new Evaluation(rule, false, criterion.attribute() + " is a secret attribute and is never compared."));
        continue;
      }
      List<String> found = valuesOf.apply(criterion.attribute());
      tested.putIfAbsent(criterion.attribute(), found);
      Optional<String> hit = found.stream().filter(criterion.values()::contains).findFirst();
      if (hit.isPresent()) {
        matched = rule;
        evaluations.add(new Evaluation(rule, true,
            criterion.attribute() + " is " + quote(hit.get()) + ", one of " + criterion.values() + "."));
        continue;
      }
      String has = found.isEmpty() ? "no value" : found.toString();
      tried.add(criterion.attribute() + " in " + criterion.values() + " (mapping \"" + rule.name()
          + "\"; the user has " + has + ")");
      evaluations.add(new Evaluation(rule, false, found.isEmpty()
          ? "The user has no value for " + criterion.attribute() + "."
          : criterion.attribute() + " is " + found + ", none of " + criterion.values()
              + " (values are compared exactly, case-sensitive)."));
    }
    return new Outcome(Optional.ofNullable(matched), evaluations, tried, tested);
  }

  /**
   * The mappings that can never match, each with the one above it that takes all its users: an
   * "all users" mapping, or one testing the same attribute for at least the same values.
   */
  public static Map<String, Rule> shadowed(List<Rule> rulesByPriority) {
    Map<String, Rule> shadowed = new LinkedHashMap<>();
    for (int i = 0; i < rulesByPriority.size(); i++) {
      Rule rule = rulesByPriority.get(i);
      for (int j = 0; j < i; j++) {
        Criterion above = rulesByPriority.get(j).criterion();
        Criterion own = rule.criterion();
        boolean takesAll = above.allUsers()
            || (!own.allUsers() && above.attribute().equalsIgnoreCase(own.attribute())
                && above.values().containsAll(own.values()));
        if (takesAll) {
          shadowed.put(rule.id(), rulesByPriority.get(j));
          break;
        }
      }
    }
    return shadowed;
  }

  /**
   * The tested values as the log keeps them: a JSON object of attribute → values, each value cut to
   * 200 characters, at most 20 per attribute, and no more values than fit in 1,900 characters in all
   * (the column holds 2,000; the JSON stays whole).
   */
  public static String testedValues(Map<String, List<String>> tested) {
    var json = ScimJson.objectBuilder();
    int budget = 1900 - 2;
    for (var entry : tested.entrySet()) {
      int cost = ScimJson.objectBuilder().add(entry.getKey(), ScimJson.arrayBuilder()).build().toString().length();
      if (cost > budget) break;
      budget -= cost;
      var values = ScimJson.arrayBuilder();
      for (String value : entry.getValue().stream().limit(20).toList()) {
        String cut = value.length() > 200 ? value.substring(0, 200) : value;
        int length = ScimJson.arrayBuilder().add(cut).build().toString().length() - 1; // the value and a comma
        if (length > budget) break;
        budget -= length;
        values.add(cut);
      }
      json.add(entry.getKey(), values);
    }
    return json.build().toString();
  }

  /** The kept values as the log stores them (testedValues), read once: attribute → values, as sent. */
  public static Map<String, List<String>> parseTestedValues(String testedValues) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    if (testedValues != null) {
      JsonObject json = ScimJson.provider().createReader(new StringReader(testedValues)).readObject();
      json.forEach((attribute, values) -> kept.put(attribute,
          values.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
    }
    return kept;
  }

  /** The kept values as a value source: an attribute the log did not keep has no value. */
  public static Function<String, List<String>> keptValues(String testedValues) {
    return keptValues(parseTestedValues(testedValues));
  }

  public static Function<String, List<String>> keptValues(Map<String, List<String>> kept) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    kept.forEach((attribute, values) -> byName.put(attribute.toLowerCase(Locale.ROOT), values));
    return attribute -> byName.getOrDefault(attribute.toLowerCase(Locale.ROOT), List.of());
  }

  /** Whether the kept values say anything about this attribute (a mapping added since: unknown). */
  public static boolean kept(String testedValues, String attribute) {
    return kept(parseTestedValues(testedValues), attribute);
  }

  public static boolean kept(Map<String, List<String>> kept, String attribute) {
    return kept.keySet().stream().anyMatch(attribute::equalsIgnoreCase);
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
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
