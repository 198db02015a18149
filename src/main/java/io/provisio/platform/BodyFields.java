package io.provisio.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field rules of an admin API body ({@link AdminJsonBodies}): which fields it may have, and for
 * a class-bound body whether each field's JSON type fits. Plain rules, tested without a server.
 */
final class BodyFields {

  private BodyFields() {}

  static void check(JsonObject json, Class<?> type, Annotation[] annotations) {
    Map<String, Class<?>> allowed = allowed(type, annotations);
    if (allowed == null) {
      return; // a body the rules do not describe (e.g. a JsonObject without @JsonFields)
    }
    List<String> unknown = new ArrayList<>();
    for (String key : json.keySet()) {
      if (!allowed.containsKey(key)) unknown.add(key);
    }
    if (!unknown.isEmpty()) {
      throw ApiException.invalid(unknown.get(0), (unknown.size() == 1 ? "Unknown field " : "Unknown fields ")
          + String.join(", ", unknown) + "; this request takes " + String.join(", ", allowed.keySet()) + ".");
    }
    for (var entry : allowed.entrySet()) {
      JsonValue value = json.get(entry.getKey());
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL || entry.getValue() == null) continue;
      String expected = mismatch(entry.getValue(), value);
      if (expected != null) {
        throw ApiException.invalid(entry.getKey(), entry.getKey() + " must be " + expected + ".");
      }
    }
  }

  /** Field name → Java type (null: any JSON) of a body, or null when it is not described. */
  static Map<String, Class<?>> allowed(Class<?> type, Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof JsonFields fields) {
        Map<String, Class<?>> allowed = new LinkedHashMap<>();
        for (String name : fields.value()) allowed.put(name, null);
        return allowed;
      }
    }
    if (type == null || type.isPrimitive() || type.getName().startsWith("java.") || type.getName().startsWith("jakarta.")) {
      return null;
    }
    Map<String, Class<?>> allowed = new LinkedHashMap<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) allowed.put(component.getName(), component.getType());
      return allowed;
    }
    for (Field field : type.getFields()) {
      if (!Modifier.isStatic(field.getModifiers()) && !field.isAnnotationPresent(JsonbTransient.class)) {
        allowed.put(field.getName(), field.getType());
      }
    }
    return allowed;
  }

  /** What a value of this Java type must be in JSON, when {@code value} is not that; else null. */
  static String mismatch(Class<?> type, JsonValue value) {
    if (type == String.class || type.isEnum()) {
      return value.getValueType() == JsonValue.ValueType.STRING ? null : "text (a JSON string)";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return value instanceof JsonNumber n && n.isIntegral() ? null : "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return value == JsonValue.TRUE || value == JsonValue.FALSE ? null : "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return value.getValueType() == JsonValue.ValueType.ARRAY ? null : "a list (a JSON array)";
    }
    return null;
  }
}
