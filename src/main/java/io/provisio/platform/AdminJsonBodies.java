package io.provisio.platform;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJsonReader;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Every JSON body of the admin API is checked by the same bounded reader as SCIM bodies before
 * JSON-B or JSON-P sees it: at most 32 levels deep and 10,000 values, strict UTF-8, one object.
 * Whatever is malformed (truncated, nested a thousand deep, not an object) is a 400 with a plain
 * message and nothing in the log, never a 500 with a stack trace. The body is already limited in
 * size by {@link BodySizeLimit}.
 *
 * <p>Then the fields: a field the body's class does not have (or a {@link JsonFields} parameter
 * does not list) is a 400 naming it and the allowed ones, never silently ignored; a field of a
 * class-bound body whose JSON type cannot be its Java type (text for a number, a number for text)
 * is a 400 naming the field and what it must be, where JSON-B would name none.
 */
@Provider
public class AdminJsonBodies implements ReaderInterceptor {

  private static final ScimJsonReader READER = new ScimJsonReader(32, 10_000);

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      return context.proceed();
    }
    byte[] body = context.getInputStream().readAllBytes();
    if (body.length > 0 && !new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
      jakarta.json.JsonObject json;
      try {
        json = READER.readObject(new ByteArrayInputStream(body));
      } catch (ScimException e) {
        throw ApiException.invalid(null, "The request body is not valid JSON: " + e.detail() + ".");
      }
      BodyFields.check(json, context.getType(), context.getAnnotations());
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }
}
