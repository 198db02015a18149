package io.provisio.platform.openapi;

import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Writes the OpenAPI 3 document of every JAX-RS application in the WAR, at build time
 * ({@code process-classes}, pom.xml), to META-INF/openapi.json.
 *
 * <p>Why not let the server scan the annotations: the WAR has three JAX-RS applications
 * (/api, /scim/v2, /oauth), and SmallRye OpenAPI (WildFly, Open Liberty) prefixes every path with
 * one arbitrary application's path; GlassFish has no MicroProfile OpenAPI at all. So one document
 * is made here, from the same annotations, with each resource under its own application's path;
 * servers with MicroProfile OpenAPI serve it as their static file ({@code mp.openapi.scan.disable}),
 * the others get it from {@link OpenApiServlet}. Nothing of this class runs in the server.
 */
public final class OpenApiDocument {

  private static final String ADMIN_ERROR = "#/components/schemas/Error";
  private static final String SCIM_ERROR = "#/components/schemas/ScimError";
  private static final String OAUTH_ERROR = "#/components/schemas/OAuthError";

  private final String version;
  private final Map<String, Map<String, Object>> paths = new TreeMap<>();
  private final Set<String> tags = new LinkedHashSet<>();
  private final Set<String> operationIds = new LinkedHashSet<>();
  /** The SCIM resource types by endpoint ("/Users"), and their example resources by name ("User"). */
  private final Map<String, ResourceSchema> resourceTypes = new TreeMap<>();
  private final Map<String, Object> scimExamples = new TreeMap<>();
  /** Named schemas of the bodies' and answers' classes, by simple name (or their @Schema name). */
  private final Map<String, Object> schemas = new TreeMap<>();
  private final Map<String, Class<?>> schemaClasses = new TreeMap<>();

  private OpenApiDocument(String version) {
    this.version = version;
  }

  /** args: the compiled classes' directory, the document to write, the version. */
  public static void main(String[] args) throws Exception {
    var classes = java.nio.file.Path.of(args[0]);
    var document = new OpenApiDocument(args[2]);
    var found = classes(classes);
    for (var produced : ScimResources.produced(found)) {
      document.addScimResourceType(produced);
    }
    for (Class<?> application : applications(found)) {
      document.add(application);
    }
    var out = java.nio.file.Path.of(args[1]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, Json.write(document.build()), StandardCharsets.UTF_8);
  }

  /** The top-level classes compiled into the WAR that load here. */
  private static List<Class<?>> classes(java.nio.file.Path classes) throws IOException {
    var found = new ArrayList<Class<?>>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (var file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          found.add(Class.forName(name, false, OpenApiDocument.class.getClassLoader()));
        } catch (LinkageError | ClassNotFoundException e) {
          // not loadable outside the server: no application, no resource type
        }
      }
    }
    found.sort(Comparator.comparing(Class::getName));
    return found;
  }

  private static List<Class<?>> applications(List<Class<?>> classes) {
    return classes.stream()
        .filter(type -> Application.class.isAssignableFrom(type) && type.isAnnotationPresent(ApplicationPath.class))
        .toList();
  }

  private void addScimResourceType(ScimResources.Produced produced) {
    ResourceSchema type = produced.schema();
    resourceTypes.put(type.endpoint(), type);
    schemas.put(ScimResources.name(type), ScimResources.schema(type, produced.described()));
    if (produced.described() != null && !produced.described().example().isBlank()) {
      scimExamples.put(type.name(), new Json.Text(produced.described().example()));
    }
  }

  private void add(Class<?> applicationType) throws ReflectiveOperationException {
    String base = join("/", applicationType.getAnnotation(ApplicationPath.class).value());
    var application = (Application) applicationType.getDeclaredConstructor().newInstance();
    boolean scim = base.startsWith("/scim");
    var resources = new ArrayList<>(application.getClasses());
    resources.sort(Comparator.comparing(Class::getName));
    for (Class<?> resource : resources) {
      if (resource.isAnnotationPresent(Path.class)) {
        addResource(base, scim, resource);
      }
    }
  }

  private void addResource(String base, boolean scim, Class<?> resource) {
    String resourcePath = join(base, resource.getAnnotation(Path.class).value());
    // a SCIM resource type's endpoint (e.g. /Users): its bodies and answers are that type's
    ResourceSchema served = scim ? resourceTypes.get(join("/", resource.getAnnotation(Path.class).value())) : null;
    var methods = Arrays.stream(resource.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && httpMethod(m) != null)
        .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
        .toList();
    for (Method method : methods) {
      Path sub = method.getAnnotation(Path.class);
      String path = withoutRegex(sub == null ? resourcePath : join(resourcePath, sub.value()));
      var operation = operation(base, scim, resource, method, served);
      var operations = paths.computeIfAbsent(path, p -> new TreeMap<>());
      String key = httpMethod(method).toLowerCase();
      if (operations.containsKey(key)) { // one path, one method, several representations (Accept)
        merge(operations.get(key), operation);
      } else {
        operations.put(key, operation);
      }
    }
  }

  /** The second representation's media types join the first's success response. */
  @SuppressWarnings("unchecked")
  private static void merge(Object existing, Map<String, Object> another) {
    var first = (Map<String, Object>) existing;
    first.put("summary", first.get("summary") + "; or " + another.get("summary"));
    var responses = (Map<String, Object>) first.get("responses");
    var moreResponses = (Map<String, Object>) another.get("responses");
    for (String status : List.of("200", "2XX")) {
      if (responses.get(status) instanceof Map<?, ?> ok && moreResponses.get(status) instanceof Map<?, ?> more) {
        var content = new LinkedHashMap<>((Map<String, Object>) ok.get("content"));
        content.putAll((Map<String, Object>) more.get("content"));
        responses.put(status, Map.of("description", "Success, in the representation the Accept header asks for",
            "content", content));
      }
    }
  }

  private Map<String, Object> operation(String base, boolean scim, Class<?> resource, Method method,
      ResourceSchema served) {
    var operation = new LinkedHashMap<String, Object>();
    String tag = tag(resource, base);
    tags.add(tag);
    operation.put("tags", List.of(tag));
    Operation described = method.getAnnotation(Operation.class);
    String summary = described != null && !described.summary().isBlank()
        ? described.summary() : words(method.getName());
    operation.put("summary", summary);
    String roles = roles(resource, method);
    if (described != null && !described.description().isBlank()) {
      operation.put("description", described.description() + roles);
    } else if (!roles.isEmpty()) {
      operation.put("description", roles.strip());
    }
    operation.put("operationId", operationId(resource, method));
    var parameters = new ArrayList<Object>();
    Parameter body = null;
    for (Parameter parameter : method.getParameters()) {
      var documented = parameter(parameter);
      if (documented != null) {
        parameters.add(documented);
      } else if (isEntity(parameter)) {
        body = parameter;
      }
    }
    boolean paged = method.isAnnotationPresent(io.provisio.platform.Paged.class);
    if (paged) {
      parameters.add(Map.of("name", "offset", "in", "query", "description", "Items skipped",
          "schema", Map.of("type", "integer", "minimum", 0, "default", 0)));
      parameters.add(Map.of("name", "limit", "in", "query", "description", "At most this many items",
          "schema", Map.of("type", "integer", "minimum", 1, "maximum", io.provisio.platform.Paged.MAX_LIMIT,
              "default", io.provisio.platform.Paged.MAX_LIMIT)));
    }
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (body != null) {
      operation.put("requestBody", requestBody(resource, method, body, served));
    }
    operation.put("responses", responses(scim, resource, method, served));
    if (base.startsWith("/oauth")) oauthErrors(operation);
    if (Declared.answers(method).isEmpty()) schemaOfAnswer(method).ifPresent(schema -> successContent(operation, schema));
    if (paged) totalHeader(operation);
    if (base.startsWith("/oauth")) {
      operation.put("security", List.of(Map.of("oauthClient", List.of())));
    } else if (scim) {
      operation.put("security", List.of(Map.of("scimToken", List.of())));
    } else if (!resource.getSimpleName().equals("SessionResource")) {
      operation.put("security", List.of(Map.of("basic", List.of()), Map.of("apiToken", List.of()),
          Map.of("console", List.of())));
    }
    return operation;
  }

  private static String tag(Class<?> resource, String base) {
    Tag tag = resource.getAnnotation(Tag.class);
    if (tag != null && !tag.name().isBlank()) return tag.name();
    if (base.startsWith("/scim")) return "SCIM";
    return words(resource.getSimpleName().replaceAll("Resource$", ""));
  }

  private static String roles(Class<?> resource, Method method) {
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    if (allowed == null) allowed = resource.getAnnotation(RolesAllowed.class);
    if (allowed == null) return "";
    return " Roles: " + String.join(", ", allowed.value()) + " (a role includes those below it).";
  }

  private String operationId(Class<?> resource, Method method) {
    String id = Character.toLowerCase(resource.getSimpleName().charAt(0))
        + resource.getSimpleName().substring(1).replaceAll("Resource$", "") + "_" + method.getName();
    String unique = id;
    for (int n = 2; !operationIds.add(unique); n++) unique = id + n;
    return unique;
  }

  private static Map<String, Object> parameter(Parameter parameter) {
    String in;
    String name;
    if (parameter.isAnnotationPresent(PathParam.class)) {
      in = "path";
      name = parameter.getAnnotation(PathParam.class).value();
    } else if (parameter.isAnnotationPresent(QueryParam.class)) {
      in = "query";
      name = parameter.getAnnotation(QueryParam.class).value();
    } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
      name = parameter.getAnnotation(HeaderParam.class).value();
      if (name.equalsIgnoreCase("Authorization")) return null; // the security schemes describe it
      in = "header";
    } else {
      return null;
    }
    var described = new LinkedHashMap<String, Object>();
    described.put("name", name);
    described.put("in", in);
    if (in.equals("path")) described.put("required", true);
    var schema = new LinkedHashMap<String, Object>(schema(parameter.getType()));
    DefaultValue value = parameter.getAnnotation(DefaultValue.class);
    if (value != null) schema.put("default", typed(value.value(), schema.get("type")));
    described.put("schema", schema);
    return described;
  }

  private static boolean isEntity(Parameter parameter) {
    for (Annotation annotation : parameter.getAnnotations()) {
      String name = annotation.annotationType().getName();
      if (name.startsWith("jakarta.ws.rs.") || name.startsWith("jakarta.ws.rs.core.")) return false;
    }
    return !parameter.getType().getName().startsWith("jakarta.ws.rs.core.")
        || parameter.getType().getSimpleName().equals("MultivaluedMap");
  }

  private Map<String, Object> requestBody(Class<?> resource, Method method, Parameter body, ResourceSchema served) {
    var declared = Declared.body(method, body).orElse(null);
    if (declared != null) checkJsonFields(method, body, declared);
    var content = new LinkedHashMap<String, Object>();
    for (String type : mediaTypes(method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class))) {
      var media = new LinkedHashMap<String, Object>();
      if (type.equals(MediaType.APPLICATION_FORM_URLENCODED)) {
        media.put("schema", Map.of("type", "object", "additionalProperties", Map.of("type", "string")));
      } else if (type.startsWith("text/")) {
        media.put("schema", Map.of("type", "string"));
      } else {
        media.put("schema", declared != null ? schemaOf(declared, served) : bodySchema(body));
        Object example = declared != null ? exampleOf(declared, served) : example(body.getType());
        if (example != null) media.put("example", example);
      }
      content.put(type, media);
    }
    return Map.of("required", Declared.bodyRequired(method, body), "content", content);
  }

  /** A declared body of a {@code @JsonFields} parameter names exactly the fields it admits. */
  private static void checkJsonFields(Method method, Parameter body, Declared.Shape declared) {
    var admitted = body.getAnnotation(io.provisio.platform.JsonFields.class);
    if (admitted == null || declared.type() == null) return;
    var documented = fields(declared.type()).stream().map(Field::name).toList();
    if (!documented.equals(List.of(admitted.value()))) {
      throw new IllegalStateException(method + ": @JsonFields " + List.of(admitted.value())
          + " but its documented body " + declared.type().getSimpleName() + " has " + documented);
    }
  }

  /** The schema a declaration names: a Java type's, or a component's (the served SCIM type's for ScimResource). */
  private Map<String, Object> schemaOf(Declared.Shape declared, ResourceSchema served) {
    if (declared.type() != null) return narrowed(schemaOf(declared.type()), served);
    String name = declared.ref().replaceFirst("^#/components/schemas/", "");
    if (name.equals(ScimResources.ANY) && served != null) name = ScimResources.name(served);
    return narrowed(Map.of("$ref", "#/components/schemas/" + name), served);
  }

  /**
   * A SCIM ListResponse of a resource type's endpoint: its Resources are that type's. (One
   * ListResponse class stands for every list; annotations cannot name its items per endpoint.)
   */
  private static Map<String, Object> narrowed(Map<String, Object> schema, ResourceSchema served) {
    if (served == null || !schema.equals(Map.of("$ref", "#/components/schemas/" + ScimResources.LIST))) return schema;
    return Map.of("allOf", List.of(schema, Map.of("type", "object", "properties", Map.of("Resources",
        Map.of("type", "array", "items", Map.of("$ref", "#/components/schemas/" + ScimResources.name(served)))))));
  }

  private Object exampleOf(Declared.Shape declared, ResourceSchema served) {
    if (!declared.example().isBlank()) return new Json.Text(declared.example());
    if (declared.type() != null) return example(declared.type());
    if (declared.ref().endsWith(ScimResources.ANY) && served != null) return scimExamples.get(served.name());
    return null;
  }

  /**
   * A body's schema: its class's fields (as AdminJsonBodies admits them: no others), or the fields
   * a {@code @JsonFields} parameter lists; a free JSON object otherwise (SCIM bodies: see /Schemas).
   */
  private Map<String, Object> bodySchema(Parameter body) {
    for (Annotation annotation : body.getAnnotations()) {
      if (annotation.annotationType().getSimpleName().equals("JsonFields")) {
        var properties = new LinkedHashMap<String, Object>();
        try {
          for (String field : (String[]) annotation.annotationType().getMethod("value").invoke(annotation)) {
            properties.put(field, Map.of());
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        return Map.of("type", "object", "properties", properties, "additionalProperties", false);
      }
    }
    return schemaOf(body.getParameterizedType());
  }

  /** The schema of a Java type: scalars, enums, lists, maps, and classes or records as named schemas. */
  Map<String, Object> schemaOf(java.lang.reflect.Type type) {
    if (type instanceof java.lang.reflect.ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
      var arguments = generic.getActualTypeArguments();
      if (java.util.Collection.class.isAssignableFrom(raw)) return Map.of("type", "array", "items", schemaOf(arguments[0]));
      if (Map.class.isAssignableFrom(raw)) return Map.of("type", "object", "additionalProperties", schemaOf(arguments[1]));
    }
    if (!(type instanceof Class<?> c)) return Map.of("type", "object");
    if (c == byte[].class) { // read as bytes by the SCIM endpoints, which parse it themselves
      return Map.of("type", "object", "description",
          "A SCIM resource or message (RFC 7643, RFC 7644); GET /scim/v2/Schemas describes the attributes");
    }
    if (c.isArray()) return Map.of("type", "array", "items", schemaOf(c.getComponentType()));
    var scalar = scalarSchema(c);
    if (scalar != null) return scalar;
    if (c.getName().startsWith("java.") || c.getName().startsWith("jakarta.")) return Map.of("type", "object");
    return Map.of("$ref", "#/components/schemas/" + namedSchema(c));
  }

  /** Strings, numbers, booleans, instants, enums and JSON-P values; null for anything else. */
  private static Map<String, Object> scalarSchema(Class<?> c) {
    if (c == String.class) return Map.of("type", "string");
    if (c == int.class || c == Integer.class) return Map.of("type", "integer", "format", "int32");
    if (c == long.class || c == Long.class) return Map.of("type", "integer", "format", "int64");
    if (c == double.class || c == Double.class) return Map.of("type", "number");
    if (c == boolean.class || c == Boolean.class) return Map.of("type", "boolean");
    if (c == java.time.Instant.class) return Map.of("type", "string", "format", "date-time");
    if (c.isEnum()) {
      return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
    }
    if (c.getName().startsWith("jakarta.json.JsonArray")) return Map.of("type", "array", "items", Map.of("type", "object"));
    if (c.getName().equals("jakarta.json.JsonValue")) return Map.of(); // any JSON value; its field says which
    return null;
  }

  /**
   * Adds a class's schema to the components once, under its {@code @Schema(name)} or simple name;
   * two classes of one name are refused (one would silently stand for the other).
   */
  private String namedSchema(Class<?> c) {
    var described = c.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    String name = described != null && !described.name().isBlank() ? described.name() : c.getSimpleName();
    Class<?> earlier = schemaClasses.putIfAbsent(name, c);
    if (earlier != null && earlier != c) {
      throw new IllegalStateException("Two schemas named " + name + ": " + earlier.getName() + " and " + c.getName());
    }
    if (!schemas.containsKey(name)) {
      schemas.put(name, Map.of()); // reserved first: a class that refers to itself
      var properties = new LinkedHashMap<String, Object>();
      var required = new ArrayList<String>();
      for (var field : fields(c)) {
        properties.put(field.name(), property(field));
        if (field.schema() != null && field.schema().required()) required.add(field.name());
      }
      var schema = new LinkedHashMap<String, Object>();
      schema.put("type", "object");
      if (described != null && !described.description().isBlank()) schema.put("description", described.description());
      schema.put("properties", properties);
      if (!required.isEmpty()) schema.put("required", required);
      schema.put("additionalProperties", false);
      schemas.put(name, schema);
    }
    return name;
  }

  /** A field's schema with what its {@code @Schema} adds: description, example, enum, readOnly, nullable. */
  private Map<String, Object> property(Field field) {
    var property = new LinkedHashMap<String, Object>(schemaOf(field.type()));
    var described = field.schema();
    if (described == null) return property;
    if (!described.description().isBlank()) property.put("description", described.description());
    if (!described.format().isBlank()) property.put("format", described.format());
    if (!described.example().isBlank()) property.put("example", typed(described.example(), property.get("type")));
    if (described.enumeration().length > 0) property.put("enum", List.of(described.enumeration()));
    if (described.minLength() > 0) property.put("minLength", described.minLength());
    if (described.readOnly()) property.put("readOnly", true);
    if (described.nullable()) property.put("nullable", true);
    return property;
  }

  private record Field(String name, java.lang.reflect.Type type,
      org.eclipse.microprofile.openapi.annotations.media.Schema schema) {}

  private static List<Field> fields(Class<?> c) {
    var fields = new ArrayList<Field>();
    var schema = org.eclipse.microprofile.openapi.annotations.media.Schema.class;
    if (c.isRecord()) {
      for (var component : c.getRecordComponents()) {
        // @Schema has no RECORD_COMPONENT target: Java puts it on the accessor (a METHOD)
        fields.add(new Field(component.getName(), component.getGenericType(), component.getAccessor().getAnnotation(schema)));
      }
    } else {
      for (var field : c.getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          fields.add(new Field(field.getName(), field.getGenericType(), field.getAnnotation(schema)));
        }
      }
    }
    return fields;
  }

  /**
   * An example body from the {@code @Schema(example)} of a class's fields (and of its fields'
   * classes), or null.
   */
  private Map<String, Object> example(Class<?> c) {
    if (c.getName().startsWith("java.") || c.getName().startsWith("jakarta.") || c.isEnum() || c.isArray()) return null;
    var example = new LinkedHashMap<String, Object>();
    for (var field : fields(c)) {
      Object value = property(field).get("example");
      if (value == null && field.type() instanceof Class<?> nested) value = example(nested);
      if (value != null) example.put(field.name(), value);
    }
    return example.isEmpty() ? null : example;
  }

  /** The schema of what a method answers when its Java type says (a JAX-RS Response does not). */
  private java.util.Optional<Map<String, Object>> schemaOfAnswer(Method method) {
    Class<?> type = method.getReturnType();
    if (type == void.class || type.getName().startsWith("jakarta.ws.rs.") || type == Object.class) {
      return java.util.Optional.empty();
    }
    if (type.getName().equals("jakarta.json.JsonObject")) return java.util.Optional.empty();
    return java.util.Optional.of(schemaOf(method.getGenericReturnType()));
  }

  @SuppressWarnings("unchecked")
  private static void totalHeader(Map<String, Object> operation) {
    var responses = (Map<String, Object>) operation.get("responses");
    var ok = new LinkedHashMap<String, Object>((Map<String, Object>) responses.get("200"));
    ok.put("headers", Map.of(io.provisio.platform.PagedLists.TOTAL, Map.of(
        "description", "The number of all items, of which this answer holds the page asked for",
        "schema", Map.of("type", "integer"))));
    responses.put("200", ok);
  }

  @SuppressWarnings("unchecked")
  private static void successContent(Map<String, Object> operation, Map<String, Object> schema) {
    var responses = (Map<String, Object>) operation.get("responses");
    for (String status : List.of("200", "2XX")) {
      if (responses.get(status) instanceof Map<?, ?> ok && ok.get("content") instanceof Map<?, ?> content) {
        var typed = new LinkedHashMap<String, Object>();
        for (var media : content.keySet()) {
          typed.put((String) media, media.toString().contains("json") ? Map.of("schema", schema) : content.get(media));
        }
        responses.put(status, Map.of("description", ((Map<String, Object>) ok).get("description"), "content", typed));
      }
    }
  }

  private Map<String, Object> responses(boolean scim, Class<?> resource, Method method, ResourceSchema served) {
    var responses = new LinkedHashMap<String, Object>();
    var produced = mediaTypes(method.getAnnotation(Produces.class), resource.getAnnotation(Produces.class));
    var declared = Declared.answers(method);
    boolean noBody = method.getReturnType() == void.class || httpMethod(method).equals("DELETE");
    String success = noBody ? "204" : httpMethod(method).equals("POST") ? "2XX" : "200";
    if (declared.isEmpty()) {
      declared = List.of(new Declared.Answer(success, "", noBody ? null : new Declared.Shape(null, "", "")));
    }
    for (var answer : declared) {
      String status = answer.status().isBlank() ? success : answer.status();
      String description = !answer.description().isBlank() ? answer.description()
          : status.equals("204") ? "Done; no content" : "Success";
      var response = new LinkedHashMap<String, Object>();
      response.put("description", description);
      if (answer.shape() != null) response.put("content", answerContent(produced, answer.shape(), served));
      responses.put(status, response);
    }
    errorResponses(scim, responses);
    return responses;
  }

  /** Each media type an answer comes in, with its schema: text as a string, JSON as declared (object if not). */
  private Map<String, Object> answerContent(List<String> produced, Declared.Shape shape, ResourceSchema served) {
    boolean described = shape.type() != null || !shape.ref().isBlank();
    var content = new LinkedHashMap<String, Object>();
    for (String type : produced) {
      Map<String, Object> schema = type.startsWith("text/") ? Map.of("type", "string")
          : described ? schemaOf(shape, served) : Map.of("type", "object");
      content.put(type, Map.of("schema", schema));
    }
    return content;
  }

  private static void errorResponses(boolean scim, Map<String, Object> responses) {
    String error = scim ? SCIM_ERROR : ADMIN_ERROR;
    String errorType = scim ? "application/scim+json" : MediaType.APPLICATION_JSON;
    var errors = new LinkedHashMap<String, String>();
    errors.put("400", "The request is not valid (the body says which field)");
    errors.put("401", "No valid credentials");
    errors.put("403", "Not allowed for this caller");
    errors.put("404", "Not found");
    errors.put("409", "Conflicts with the current state");
    errors.put("429", "Too many requests (Retry-After)");
    errors.put("503", "Temporarily unavailable (Retry-After)");
    errors.forEach((status, description) -> responses.put(status, Map.of("description", description,
        "content", Map.of(errorType, Map.of("schema", Map.of("$ref", error))))));
  }

  /** The token endpoint answers its errors as RFC 6749 §5.2 says, not as the admin API does. */
  @SuppressWarnings("unchecked")
  private static void oauthErrors(Map<String, Object> operation) {
    var responses = (Map<String, Object>) operation.get("responses");
    responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5"));
    var errors = new LinkedHashMap<String, String>();
    errors.put("400", "Not a valid token request (error: invalid_request, unsupported_grant_type)");
    errors.put("401", "Unknown client or wrong secret (error: invalid_client; WWW-Authenticate)");
    errors.put("429", "Too many requests (error: temporarily_unavailable; Retry-After)");
    errors.put("503", "Temporarily unavailable (error: temporarily_unavailable; Retry-After)");
    errors.forEach((status, description) -> responses.put(status, Map.of("description", description,
        "content", Map.of(MediaType.APPLICATION_JSON, Map.of("schema", Map.of("$ref", OAUTH_ERROR))))));
  }

  private static List<String> mediaTypes(Annotation onMethod, Annotation onClass) {
    String[] types = null;
    if (onMethod instanceof Consumes c) types = c.value();
    else if (onMethod instanceof Produces p) types = p.value();
    else if (onClass instanceof Consumes c) types = c.value();
    else if (onClass instanceof Produces p) types = p.value();
    if (types == null || types.length == 0) return List.of(MediaType.APPLICATION_JSON);
    return Arrays.stream(types).flatMap(t -> Arrays.stream(t.split(","))).map(t -> t.split(";")[0].strip()).distinct().toList();
  }

  private static Map<String, Object> schema(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return Map.of("type", "integer");
    }
    if (type == boolean.class || type == Boolean.class) return Map.of("type", "boolean");
    return Map.of("type", "string");
  }

  private static Object typed(String value, Object type) {
    if ("array".equals(type) || "object".equals(type) || type == null) return new Json.Text(value);
    if ("integer".equals(type)) return Long.parseLong(value);
    if ("boolean".equals(type)) return Boolean.parseBoolean(value);
    return value;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) return http.value();
    }
    return null;
  }

  private static String join(String base, String path) {
    String joined = (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }

  private static String withoutRegex(String path) {
    return path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
  }

  private static String words(String camel) {
    String spaced = camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private Map<String, Object> build() {
    var document = new LinkedHashMap<String, Object>();
    document.put("openapi", "3.0.3");
    document.put("info", Map.of(
        "title", "Provisio",
        "version", version,
        "description", "Provisio's admin API (/api/v1), SCIM 2.0 service provider (/scim/v2, RFC 7644) and"
            + " OAuth token endpoint (/oauth/token). Admin API: HTTP Basic with an administrator's email and"
            + " password, a personal API token (Bearer prva_…), or the console's session cookie with its"
            + " X-CSRF-Token header. SCIM: the tenant's bearer token."));
    document.put("servers", List.of(Map.of("url", "/")));
    document.put("tags", tags.stream().map(t -> Map.of("name", t)).toList());
    document.put("paths", paths);
    document.put("components", Map.of(
        "securitySchemes", Map.of(
            "basic", Map.of("type", "http", "scheme", "basic",
                "description", "An administrator's email and password"),
            "apiToken", Map.of("type", "http", "scheme", "bearer",
                "description", "A personal API token (prva_…), POST /api/v1/me/api-tokens"),
            "console", Map.of("type", "apiKey", "in", "cookie", "name", "JSESSIONID",
                "description", "The console's session, from POST /api/v1/session; changes also need"
                    + " its X-CSRF-Token header"),
            "scimToken", Map.of("type", "http", "scheme", "bearer",
                "description", "The tenant's SCIM token, or an OAuth access token from /oauth/token"),
            "oauthClient", Map.of("type", "http", "scheme", "basic",
                "description", "An OAuth client's id and secret (or client_id and client_secret in the form)")),
        "schemas", withBodies(Map.of(
            "Error", Map.of("type", "object", "required", List.of("status", "message"), "properties", Map.of(
                "status", Map.of("type", "integer"),
                "message", Map.of("type", "string"),
                "field", Map.of("type", "string", "description", "The request field at fault, if one is"))),
            "OAuthError", Map.of("type", "object", "required", List.of("error"), "properties", Map.of(
                "error", Map.of("type", "string", "enum", List.of("invalid_request", "invalid_client",
                    "unsupported_grant_type", "temporarily_unavailable", "server_error")),
                "error_description", Map.of("type", "string"))),
            "ScimError", Map.of("type", "object", "required", List.of("schemas", "status"), "properties", Map.of(
                "schemas", Map.of("type", "array", "items", Map.of("type", "string",
                    "enum", List.of("urn:ietf:params:scim:api:messages:2.0:Error"))),
                "status", Map.of("type", "string"),
                "scimType", Map.of("type", "string"),
                "detail", Map.of("type", "string")))))));
    return document;
  }

  private Map<String, Object> withBodies(Map<String, Object> errors) {
    var all = new TreeMap<String, Object>(schemas);
    all.putAll(errors);
    all.put(ScimResources.ANY, ScimResources.anyOf(resourceTypes.values()));
    return all;
  }

  /** A small JSON writer for the document's maps, lists, strings, numbers and booleans. */
  static final class Json {
    private Json() {}

    /** JSON written as it is: an example an annotation gives as JSON text. */
    record Text(String json) {}

    static String write(Object value) {
      var out = new StringBuilder();
      write(value, out, "");
      return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
      if (value instanceof Map<?, ?> map) {
        if (map.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        var entries = new ArrayList<>(map.entrySet());
        for (int i = 0; i < entries.size(); i++) {
          out.append(indent).append("  ");
          string(entries.get(i).getKey().toString(), out);
          out.append(": ");
          write(entries.get(i).getValue(), out, indent + "  ");
          out.append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
      } else if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
          out.append(indent).append("  ");
          write(list.get(i), out, indent + "  ");
          out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else if (value instanceof Text json) {
        out.append(json.json().strip().replace("\n", "\n" + indent));
      } else {
        string(String.valueOf(value), out);
      }
    }

    private static void string(String text, StringBuilder out) {
      out.append('"');
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
          }
        }
      }
      out.append('"');
    }
  }
}
