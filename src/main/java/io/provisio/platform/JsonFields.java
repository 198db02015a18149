package io.provisio.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fields a JSON-object body of the admin API may have (on a {@code JsonObject} parameter):
 * {@link AdminJsonBodies} refuses any other with 400 naming it and the allowed ones. A body bound to
 * a class needs no annotation: its public fields are the allowed ones.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JsonFields {
  String[] value();
}
