package io.provisio.platform;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list answer of the admin API that pages with {@code offset} and {@code limit} (query
 * parameters) and gives the number of all its items in {@code X-Total-Count} ({@link PagedLists}).
 * The answer stays a JSON array: these lists (tenants, regions, profiles, mappings, administrators,
 * operators, OAuth clients) are small enough to be read whole, and a client that never pages sees
 * no change.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Paged {
  int MAX_LIMIT = 1000;
}
