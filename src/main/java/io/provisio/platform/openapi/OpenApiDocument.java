package io.provisio.platform.openapi;

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

  private final String version;
  private final Map<String, Map<String, Object>> paths = new TreeMap<>();
  private final Set<String> tags = new LinkedHashSet<>();
  private final Set<String> operationIds = new LinkedHashSet<>();

  private OpenApiDocument(String version) {
    this.version = version;
  }

  /** args: the compiled classes' directory, the document to write, the version. */
  public static void main(String[] args) throws Exception {
    var classes = java.nio.file.Path.of(args[0]);
    var document = new OpenApiDocument(args[2]);
    for (Class<?> application : applications(classes)) {
      document.add(application);
    }
    var out = java.nio.file.Path.of(args[1]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, Json.write(document.build()), StandardCharsets.UTF_8);
  }

  private static List<Class<?>> applications(java.nio.file.Path classes) throws IOException {
    var found = new ArrayList<Class<?>>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (var file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, OpenApiDocument.class.getClassLoader());
        } catch (LinkageError | ClassNotFoundException e) {
          continue;
        }
        if (Application.class.isAssignableFrom(type) && type.isAnnotationPresent(ApplicationPath.class)) {
          found.add(type);
        }
      }
    }
    found.sort(Comparator.comparing(Class::getName));
    return found;
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
    var methods = Arrays.stream(resource.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && httpMethod(m) != null)
        .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
        .toList();
    for (Method method : methods) {
      Path sub = method.getAnnotation(Path.class);
      String path = withoutRegex(sub == null ? resourcePath : join(resourcePath, sub.value()));
      var operation = operation(base, scim, resource, method);
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

  private Map<String, Object> operation(String base, boolean scim, Class<?> resource, Method method) {
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
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (body != null) {
      operation.put("requestBody", requestBody(resource, method, body));
    }
    operation.put("responses", responses(scim, resource, method));
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

  private static Map<String, Object> requestBody(Class<?> resource, Method method, Parameter body) {
    var content = new LinkedHashMap<String, Object>();
    for (String type : mediaTypes(method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class))) {
      Map<String, Object> schema = type.equals(MediaType.APPLICATION_FORM_URLENCODED)
          ? Map.of("type", "object", "additionalProperties", Map.of("type", "string"))
          : type.startsWith("text/") ? Map.of("type", "string") : Map.of("type", "object");
      content.put(type, Map.of("schema", schema));
    }
    return Map.of("required", true, "content", content);
  }

  private static Map<String, Object> responses(boolean scim, Class<?> resource, Method method) {
    var responses = new LinkedHashMap<String, Object>();
    boolean noBody = method.getReturnType() == void.class || httpMethod(method).equals("DELETE");
    if (noBody) {
      responses.put("204", Map.of("description", "Done; no content"));
    } else {
      var content = new LinkedHashMap<String, Object>();
      for (String type : mediaTypes(method.getAnnotation(Produces.class), resource.getAnnotation(Produces.class))) {
        content.put(type, Map.of("schema", type.startsWith("text/") ? Map.of("type", "string") : Map.of("type", "object")));
      }
      responses.put(httpMethod(method).equals("POST") ? "2XX" : "200", Map.of("description", "Success", "content", content));
    }
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
    return responses;
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
        "schemas", Map.of(
            "Error", Map.of("type", "object", "required", List.of("status", "message"), "properties", Map.of(
                "status", Map.of("type", "integer"),
                "message", Map.of("type", "string"),
                "field", Map.of("type", "string", "description", "The request field at fault, if one is"))),
            "ScimError", Map.of("type", "object", "required", List.of("schemas", "status"), "properties", Map.of(
                "schemas", Map.of("type", "array", "items", Map.of("type", "string",
                    "enum", List.of("urn:ietf:params:scim:api:messages:2.0:Error"))),
                "status", Map.of("type", "string"),
                "scimType", Map.of("type", "string"),
                "detail", Map.of("type", "string"))))));
    return document;
  }

  /** A small JSON writer for the document's maps, lists, strings, numbers and booleans. */
  static final class Json {
    private Json() {}

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
