package io.provisio.users.control;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.schema.MaxLengths;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.CommonAttributes;
import io.provisio.scim.control.schema.Mutability;
import io.provisio.users.entity.UserFields;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a SCIM User sent by an IdP into what Provisio stores (SPEC §3): known core and enterprise
 * attributes are kept, read-only ones ({@code id}, {@code meta}, {@code groups}) and the password
 * are dropped, unknown and custom attributes are not stored except {@code userPrincipalName}, and
 * the account fields (display name, user principal name, account name, email) are derived.
 */
public final class UserRepresentations {

  /** One value of a multi-valued attribute, as a row of scim_user_value. */
  public record Value(
      String attribute, int position, String value, String type, boolean primary, String display,
      Address address) {

    Value(String attribute, int position, String value, String type, boolean primary, String display) {
      this(attribute, position, value, type, primary, display, null);
    }
  }

  /** The parts of an address that filters can use. */
  public record Address(String streetAddress, String locality, String region, String postalCode, String country) {}

  /** The stored representation, its derived fields and its multi-valued rows. */
  public record Normalized(JsonObject stored, UserFields fields, List<Value> values) {}

  // What the User schema (UserSchemas) says, read from it once: nothing here lists attributes again.
  /** Single-valued text attributes a client may write (id is read-only, password write-only). */
  private static final Set<String> SIMPLE_STRINGS = attributeNames(a -> !a.multiValued() && !a.isComplex()
      && (a.type() == AttributeType.STRING || a.type() == AttributeType.REFERENCE)
      && a.mutability() != Mutability.READ_ONLY && a.mutability() != Mutability.WRITE_ONLY);
  /** Multi-valued attributes of value/type/display/primary items (groups is read-only). */
  private static final List<String> MULTI_VALUED = List.copyOf(attributeNames(a -> a.multiValued() && a.isComplex()
      && a.subAttribute("value").isPresent() && a.mutability() != Mutability.READ_ONLY));
  private static final Set<String> NAME_PARTS = subAttributeNames("name");
  private static final Set<String> ADDRESS_PARTS = subAttributeNames("addresses");

  private static Set<String> attributeNames(java.util.function.Predicate<AttributeDefinition> which) {
    Set<String> names = new java.util.LinkedHashSet<>();
    if (which.test(CommonAttributes.EXTERNAL_ID)) names.add(CommonAttributes.EXTERNAL_ID.name());
    UserSchemas.USER.attributes().stream().filter(which).forEach(a -> names.add(a.name()));
    return Set.copyOf(names);
  }

  private static Set<String> subAttributeNames(String attribute) {
    return UserSchemas.USER.attribute(attribute).orElseThrow().subAttributes().stream()
        .map(AttributeDefinition::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private UserRepresentations() {}

  public static Normalized normalize(JsonObject body) {
    var core = ScimJson.objectBuilder();
    Map<String, String> canonical = canonicalNames();
    String userName = null;
    boolean active = true;
    JsonObject name = null;
    List<Value> values = new ArrayList<>();
    JsonObject enterprise = null;

    for (var member : body.entrySet()) {
      String key = member.getKey();
      JsonValue value = member.getValue();
      String known = canonical.get(key.toLowerCase(Locale.ROOT));
      if (known == null) {
        if (key.equalsIgnoreCase(UserSchemas.ENTERPRISE_USER_URN) && value instanceof JsonObject e) {
          enterprise = e;
        }
        continue; // unknown, custom, read-only or write-only: not stored
      }
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      switch (known) {
        case "active" -> active = bool("active", value);
        case "name" -> {
          name = filtered("name", value, NAME_PARTS);
          core.add("name", name);
        }
        case "addresses" -> core.add("addresses", addresses(value, values));
        default -> {
          if (SIMPLE_STRINGS.contains(known)) {
            String text = string(known, value);
            if (known.equals("userName")) {
              userName = text;
            }
            core.add(known, text);
          } else if (MULTI_VALUED.contains(known)) {
            core.add(known, multiValued(known, value, values));
          }
        }
      }
    }
    if (userName == null || userName.isBlank()) {
      throw ScimException.invalidValue("userName is required and must be a non-empty string.");
    }
    core.add("active", active);

    String displayName = body.containsKey("displayName") ? stringOrNull(core, body, "displayName") : null;
    String givenName = name == null ? null : textOrNull(name, "givenName");
    String familyName = name == null ? null : textOrNull(name, "familyName");
    if (displayName == null || displayName.isBlank()) {
      String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
      displayName = joined.isEmpty() ? userName : joined;
    }

    var schemas = ScimJson.arrayBuilder().add(UserSchemas.USER_URN);
    Map<String, String> enterpriseValues = new HashMap<>(); // attribute name -> stored text
    if (enterprise != null) {
      var ext = ScimJson.objectBuilder();
      for (var attribute : UserSchemas.ENTERPRISE_USER.attributes()) {
        if (attribute.isComplex()) continue; // manager, below
        String text = caseInsensitive(enterprise, attribute.name());
        if (text != null) {
          enterpriseValues.put(attribute.name(), text);
          ext.add(attribute.name(), text);
        }
      }
      JsonValue manager = caseInsensitiveValue(enterprise, "manager");
      if (manager instanceof JsonObject m) {
        String managerId = caseInsensitive(m, "value");
        if (managerId != null) {
          var kept = ScimJson.objectBuilder().add("value", managerId);
          String ref = caseInsensitive(m, "$ref"); // readWrite (RFC 7643 §4.3): kept as sent
          if (ref != null) {
            kept.add("$ref", ref);
          }
          ext.add("manager", kept);
          enterpriseValues.put("manager", managerId);
        }
      } else if (manager instanceof JsonString s) {
        ext.add("manager", ScimJson.objectBuilder().add("value", s.getString()));
        enterpriseValues.put("manager", s.getString());
      }
      JsonObject built = ext.build();
      if (!built.isEmpty()) {
        schemas.add(UserSchemas.ENTERPRISE_USER_URN);
        core.add(UserSchemas.ENTERPRISE_USER_URN, built);
      }
    }
    String upn = CustomAttributes.userPrincipalName(body);
    if (upn != null) {
      schemas.add(ProvisioUserSchema.URN);
      core.add(ProvisioUserSchema.URN, ScimJson.objectBuilder().add("userPrincipalName", upn));
    }
    core.add("schemas", schemas);

    String email = accountEmail(values);
    var fields =
        new UserFields(
            userName,
            textOrNull(body, "externalId", canonical),
            displayName,
            givenName,
            familyName,
            textOrNull(body, "nickName", canonical),
            textOrNull(body, "title", canonical),
            textOrNull(body, "userType", canonical),
            textOrNull(body, "preferredLanguage", canonical),
            textOrNull(body, "locale", canonical),
            textOrNull(body, "timezone", canonical),
            active,
            email,
            accountName(userName),
            upn != null ? upn : displayName,
            enterpriseValues.get("employeeNumber"),
            enterpriseValues.get("costCenter"),
            enterpriseValues.get("organization"),
            enterpriseValues.get("division"),
            enterpriseValues.get("department"),
            enterpriseValues.get("manager"));
    JsonObject stored = core.build();
    requireStorable(stored, fields);
    return new Normalized(stored, fields, values);
  }

  /**
   * Every stored value fits its column: the lengths the schema declares (MaxLengths), and the
   * account's email, a column of its own (an email address is at most 320 characters, RFC 5321).
   */
  private static void requireStorable(JsonObject stored, UserFields f) {
    MaxLengths.check(stored, ProvisioUserSchema.RESOURCE);
    ScimException.requireMaxLength("emails.value", f.email(), 320);
  }

  /** SPEC §3: userName with each of ? * / \ < > replaced by _. */
  public static String accountName(String userName) {
    return userName.replaceAll("[?*/\\\\<>]", "_");
  }

  private static String accountEmail(List<Value> values) {
    String first = null;
    for (Value v : values) {
      if (v.attribute().equals("emails") && v.value() != null) {
        if (v.primary()) {
          return v.value();
        }
        if (first == null) {
          first = v.value();
        }
      }
    }
    return first;
  }

  private static Map<String, String> canonicalNames() {
    var names = new java.util.HashMap<String, String>();
    for (String n : SIMPLE_STRINGS) names.put(n.toLowerCase(Locale.ROOT), n);
    for (String n : MULTI_VALUED) names.put(n.toLowerCase(Locale.ROOT), n);
    names.put("active", "active");
    names.put("name", "name");
    names.put("addresses", "addresses");
    return names;
  }

  private static JsonArray multiValued(String attribute, JsonValue value, List<Value> rows) {
    if (!(value instanceof JsonArray array)) {
      throw ScimException.invalidValue(attribute + " must be an array of objects.");
    }
    var out = ScimJson.arrayBuilder();
    boolean primarySeen = false;
    int position = 0;
    for (JsonValue item : array) {
      JsonObject object;
      if (item instanceof JsonString s) {
        object = ScimJson.objectBuilder().add("value", s.getString()).build();
      } else if (item instanceof JsonObject o) {
        object = o;
      } else {
        throw ScimException.invalidValue(attribute + " must be an array of objects.");
      }
      var kept = ScimJson.objectBuilder();
      String text = null;
      String type = null;
      String display = null;
      boolean primary = false;
      boolean primarySent = false; // "primary": false round-trips as sent
      for (var member : object.entrySet()) {
        String key = member.getKey().toLowerCase(Locale.ROOT);
        JsonValue v = member.getValue();
        if (v.getValueType() == JsonValue.ValueType.NULL) continue;
        switch (key) {
          case "value" -> {
            text = string(attribute + ".value", v);
            kept.add("value", text);
          }
          case "type" -> {
            type = string(attribute + ".type", v);
            kept.add("type", type);
          }
          case "display" -> {
            display = string(attribute + ".display", v);
            kept.add("display", display);
          }
          case "primary" -> {
            primary = bool(attribute + ".primary", v);
            primarySent = true;
          }
          default -> {}
        }
      }
      if (primary && primarySeen) {
        primary = false; // RFC 7643 §2.4: at most one primary value
      }
      primarySeen |= primary;
      if (primarySent) {
        kept.add("primary", primary);
      }
      JsonObject built = kept.build();
      if (built.isEmpty()) continue;
      out.add(built);
      rows.add(new Value(attribute, position++, text, type, primary, display));
    }
    return out.build();
  }

  private static JsonArray addresses(JsonValue value, List<Value> rows) {
    if (!(value instanceof JsonArray array)) {
      throw ScimException.invalidValue("addresses must be an array of objects.");
    }
    var out = ScimJson.arrayBuilder();
    boolean primarySeen = false;
    for (JsonValue item : array) {
      JsonObject kept = filtered("addresses", item, ADDRESS_PARTS);
      if (kept.containsKey("primary")) {
        boolean primary = kept.getBoolean("primary") && !primarySeen; // at most one primary
        primarySeen |= primary;
        kept = ScimJson.objectBuilder(kept).add("primary", primary).build();
      }
      if (!kept.isEmpty()) {
        out.add(kept);
        rows.add(new Value("addresses", rows.size(), caseInsensitive(kept, "formatted"), caseInsensitive(kept, "type"),
            kept.containsKey("primary") && kept.getBoolean("primary"), null,
            new Address(caseInsensitive(kept, "streetAddress"), caseInsensitive(kept, "locality"),
                caseInsensitive(kept, "region"), caseInsensitive(kept, "postalCode"), caseInsensitive(kept, "country"))));
      }
    }
    return out.build();
  }

  /** The known sub-attributes of a complex value, with canonical names. */
  private static JsonObject filtered(String attribute, JsonValue value, Set<String> parts) {
    if (!(value instanceof JsonObject object)) {
      throw ScimException.invalidValue(attribute + " must be an object.");
    }
    JsonObjectBuilder kept = ScimJson.objectBuilder();
    for (var member : object.entrySet()) {
      for (String part : parts) {
        if (part.equalsIgnoreCase(member.getKey())
            && member.getValue().getValueType() != JsonValue.ValueType.NULL) {
          if (part.equals("primary")) {
            kept.add(part, bool(attribute + ".primary", member.getValue()));
          } else {
            kept.add(part, string(attribute + "." + part, member.getValue()));
          }
        }
      }
    }
    return kept.build();
  }

  private static String string(String attribute, JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER, TRUE, FALSE -> value.toString();
      default -> throw ScimException.invalidValue(attribute + " must be a string.");
    };
  }

  /** A boolean, also from the strings "True"/"False" that some IdPs send. */
  static boolean bool(String attribute, JsonValue value) {
    Boolean bool = ScimJson.lenientBoolean(value);
    if (bool == null) {
      throw ScimException.invalidValue(attribute + " must be true or false.");
    }
    return bool;
  }

  private static String stringOrNull(JsonObjectBuilder ignored, JsonObject body, String name) {
    JsonValue value = caseInsensitiveValue(body, name);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : string(name, value);
  }

  private static String textOrNull(JsonObject object, String name) {
    return caseInsensitive(object, name);
  }

  private static String textOrNull(JsonObject body, String name, Map<String, String> canonical) {
    return caseInsensitive(body, name);
  }

  static String caseInsensitive(JsonObject object, String name) {
    JsonValue value = caseInsensitiveValue(object, name);
    if (value == null) return null;
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER, TRUE, FALSE -> value.toString();
      default -> null;
    };
  }

  static JsonValue caseInsensitiveValue(JsonObject object, String name) {
    if (object.containsKey(name)) return object.get(name);
    for (var member : object.entrySet()) {
      if (member.getKey().equalsIgnoreCase(name)) return member.getValue();
    }
    return null;
  }
}
