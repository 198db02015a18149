package io.provisio.scim.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable copy of JSON for computing a modified document: objects are {@code Map<String,
 * Object>}, arrays {@code List<Object>}, everything else stays a {@link JsonValue}.
 */
final class JsonTree {

  private JsonTree() {}

  static Object copy(JsonValue value) {
    if (value instanceof JsonObject object) {
      return copyObject(object);
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(item -> list.add(copy(item)));
      return list;
    }
    return value;
  }

  static Map<String, Object> copyObject(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach((key, member) -> map.put(key, copy(member)));
    return map;
  }

  @SuppressWarnings("unchecked")
  static JsonValue toJson(Object node) {
    if (node instanceof Map<?, ?> map) {
      return toJsonObject((Map<String, Object>) map);
    }
    if (node instanceof List<?> list) {
      JsonArrayBuilder array = ScimJson.arrayBuilder();
      list.forEach(item -> array.add(toJson(item)));
      return array.build();
    }
    return (JsonValue) node;
  }

  static JsonObject toJsonObject(Map<String, Object> map) {
    JsonObjectBuilder object = ScimJson.objectBuilder();
    map.forEach((key, member) -> object.add(key, toJson(member)));
    return object.build();
  }

  /** The key matching {@code name} case-insensitively, preferring an exact match, or null. */
  static String key(Map<String, Object> map, String name) {
    if (map.containsKey(name)) {
      return name;
    }
    for (String key : map.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  static Object get(Map<String, Object> map, String name) {
    String key = key(map, name);
    return key == null ? null : map.get(key);
  }

  /** Sets a member, keeping the spelling (and position) of an existing case variant. */
  static void put(Map<String, Object> map, String name, Object value) {
    String key = key(map, name);
    map.put(key == null ? name : key, value);
  }

  static Object remove(Map<String, Object> map, String name) {
    String key = key(map, name);
    return key == null ? null : map.remove(key);
  }

  /** True for absent, JSON null, "", [] and objects/arrays of nothing but such values. */
  static boolean isEmpty(Object node) {
    if (node == null || node == JsonValue.NULL) {
      return true;
    }
    if (node instanceof Map<?, ?> map) {
      return map.values().stream().allMatch(JsonTree::isEmpty);
    }
    if (node instanceof List<?> list) {
      return list.isEmpty();
    }
    return node instanceof JsonString text && text.getString().isEmpty();
  }
}
