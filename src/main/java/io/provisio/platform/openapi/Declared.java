package io.provisio.platform.openapi;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * What a resource method declares of its body and answers with the standard MicroProfile OpenAPI
 * annotations, where its Java types do not say it (a {@code JsonObject}, a {@code Response}, the
 * bytes of a SCIM message): {@code @RequestBodySchema}, {@code @RequestBody}, {@code
 * @APIResponseSchema} and {@code @APIResponse}.
 */
final class Declared {

  private Declared() {}

  /**
   * A schema as an annotation gives it: a Java type, or the name of a component schema (ref), and
   * an example as JSON text (blank: none).
   */
  record Shape(Class<?> type, String ref, String example) {
    static Shape of(org.eclipse.microprofile.openapi.annotations.media.Schema schema, String example) {
      Class<?> type = schema.implementation() == Void.class ? null : schema.implementation();
      return type == null && schema.ref().isBlank() ? null : new Shape(type, schema.ref(), example);
    }
  }

  /** Whether a body must be sent: yes, unless its {@code @RequestBody} says {@code required = false}. */
  static boolean bodyRequired(Method method, Parameter body) {
    RequestBody described = requestBody(method, body);
    return described == null || described.required();
  }

  private static RequestBody requestBody(Method method, Parameter body) {
    RequestBody described = body.getAnnotation(RequestBody.class);
    return described != null ? described : method.getAnnotation(RequestBody.class);
  }

  /** A success answer: its status, its description and its shape (null: no body). */
  record Answer(String status, String description, Shape shape) {}

  /** The declared shape of a body, on the parameter or on its method. */
  static Optional<Shape> body(Method method, Parameter body) {
    RequestBodySchema schema = body.getAnnotation(RequestBodySchema.class);
    if (schema == null) schema = method.getAnnotation(RequestBodySchema.class);
    if (schema != null) return Optional.of(new Shape(schema.value(), "", ""));
    RequestBody described = requestBody(method, body);
    if (described == null) return Optional.empty();
    for (Content content : described.content()) {
      Shape shape = Shape.of(content.schema(), content.example());
      if (shape != null) return Optional.of(shape);
    }
    return Optional.empty();
  }

  /** The success answers a method declares, in the order written; empty when it declares none. */
  static List<Answer> answers(Method method) {
    var answers = new ArrayList<Answer>();
    APIResponseSchema schema = method.getAnnotation(APIResponseSchema.class);
    if (schema != null) {
      answers.add(new Answer(schema.responseCode(), schema.responseDescription(), new Shape(schema.value(), "", "")));
    }
    for (APIResponse response : method.getAnnotationsByType(APIResponse.class)) { // with @APIResponses
      Shape shape = null;
      for (Content content : response.content()) {
        shape = Shape.of(content.schema(), content.example());
        if (shape != null) break;
      }
      answers.add(new Answer(response.responseCode(), response.description(), shape));
    }
    return answers;
  }
}
