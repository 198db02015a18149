package io.provisio.scim.control.schema;

import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of a SCIM schema, with the characteristics of RFC 7643 §7. Names compare
 * case-insensitively (RFC 7643 §2.1).
 *
 * <p>Definitions are long, so they are normally written with the fluent factories, which start from
 * the RFC 7643 §2.2 defaults, e.g. {@code complex("name", string("givenName"))}.
 */
public record AttributeDefinition(
    String name,
    AttributeType type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<String> canonicalValues,
    List<String> referenceTypes,
    List<AttributeDefinition> subAttributes,
    int maxLength) {

  public AttributeDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mutability, "mutability");
    Objects.requireNonNull(returned, "returned");
    Objects.requireNonNull(uniqueness, "uniqueness");
    description = description == null ? "" : description;
    canonicalValues = canonicalValues == null ? List.of() : List.copyOf(canonicalValues);
    referenceTypes = referenceTypes == null ? List.of() : List.copyOf(referenceTypes);
    subAttributes = subAttributes == null ? List.of() : List.copyOf(subAttributes);
    if (type != AttributeType.COMPLEX && !subAttributes.isEmpty()) {
      throw new IllegalArgumentException("Only complex attributes have sub-attributes: " + name);
    }
  }

  /** The sub-attribute called {@code subName}, compared case-insensitively. */
  public Optional<AttributeDefinition> subAttribute(String subName) {
    for (AttributeDefinition sub : subAttributes) {
      if (sub.name.equalsIgnoreCase(subName)) {
        return Optional.of(sub);
      }
    }
    return Optional.empty();
  }

  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }

  public boolean isReadOnly() {
    return mutability == Mutability.READ_ONLY;
  }

  /** True for the string-like types whose comparison honours {@link #caseExact()}. */
  public boolean isTextual() {
    return type == AttributeType.STRING
        || type == AttributeType.REFERENCE
        || type == AttributeType.BINARY;
  }

  /** The attribute's representation inside a Schema resource (RFC 7643 §7). */
  public JsonObject toJson() {
    JsonObjectBuilder json =
        ScimJson.objectBuilder()
            .add("name", name)
            .add("type", type.wireName())
            .add("multiValued", multiValued)
            .add("description", description)
            .add("required", required);
    if (!canonicalValues.isEmpty()) {
      json.add("canonicalValues", strings(canonicalValues));
    }
    if (type != AttributeType.COMPLEX) {
      json.add("caseExact", caseExact);
    }
    if (type == AttributeType.REFERENCE) {
      json.add("referenceTypes", strings(referenceTypes));
    }
    json.add("mutability", mutability.wireName()).add("returned", returned.wireName());
    if (type != AttributeType.COMPLEX) {
      json.add("uniqueness", uniqueness.wireName());
    }
    if (type == AttributeType.COMPLEX) {
      JsonArrayBuilder subs = ScimJson.arrayBuilder();
      subAttributes.forEach(sub -> subs.add(sub.toJson()));
      json.add("subAttributes", subs);
    }
    return json.build();
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder array = ScimJson.arrayBuilder();
    values.forEach(array::add);
    return array;
  }

  public static Builder builder(String name, AttributeType type) {
    return new Builder(name, type);
  }

  public static Builder string(String name) {
    return new Builder(name, AttributeType.STRING);
  }

  public static Builder bool(String name) {
    return new Builder(name, AttributeType.BOOLEAN);
  }

  public static Builder integer(String name) {
    return new Builder(name, AttributeType.INTEGER);
  }

  public static Builder decimal(String name) {
    return new Builder(name, AttributeType.DECIMAL);
  }

  public static Builder dateTime(String name) {
    return new Builder(name, AttributeType.DATE_TIME);
  }

  public static Builder binary(String name) {
    return new Builder(name, AttributeType.BINARY);
  }

  public static Builder reference(String name, String... referenceTypes) {
    return new Builder(name, AttributeType.REFERENCE).referenceTypes(referenceTypes);
  }

  public static Builder complex(String name, Builder... subAttributes) {
    return new Builder(name, AttributeType.COMPLEX).subAttributes(subAttributes);
  }

  /** Starts from the RFC 7643 §2.2 defaults. */
  public static final class Builder {
    private final String name;
    private final AttributeType type;
    private boolean multiValued;
    private String description = "";
    private boolean required;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private List<String> canonicalValues = List.of();
    private List<String> referenceTypes = List.of();
    private final List<AttributeDefinition> subAttributes = new ArrayList<>();
    private int maxLength;

    private Builder(String name, AttributeType type) {
      this.name = name;
      this.type = type;
    }

    public Builder multiValued() {
      this.multiValued = true;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder caseExact() {
      this.caseExact = true;
      return this;
    }

    public Builder mutability(Mutability mutability) {
      this.mutability = mutability;
      return this;
    }

    public Builder readOnly() {
      return mutability(Mutability.READ_ONLY);
    }

    public Builder immutable() {
      return mutability(Mutability.IMMUTABLE);
    }

    public Builder writeOnly() {
      return mutability(Mutability.WRITE_ONLY);
    }

    public Builder returned(Returned returned) {
      this.returned = returned;
      return this;
    }

    public Builder uniqueness(Uniqueness uniqueness) {
      this.uniqueness = uniqueness;
      return this;
    }

    public Builder canonicalValues(String... values) {
      this.canonicalValues = Arrays.asList(values);
      return this;
    }

    public Builder referenceTypes(String... types) {
      this.referenceTypes = Arrays.asList(types);
      return this;
    }

    /**
     * The longest string value Provisio stores (the width of its column in db/migration, which
     * SchemaColumnsTest checks); 0: no limit of its own. Not part of the RFC 7643 schema.
     */
    public Builder maxLength(int maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    public Builder subAttributes(Builder... subs) {
      for (Builder sub : subs) {
        subAttributes.add(sub.build());
      }
      return this;
    }

    public AttributeDefinition build() {
      return new AttributeDefinition(
          name,
          type,
          multiValued,
          description,
          required,
          caseExact,
          mutability,
          returned,
          uniqueness,
          canonicalValues,
          referenceTypes,
          subAttributes,
          maxLength);
    }
  }
}
