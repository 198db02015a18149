package io.provisio.platform;

import jakarta.json.JsonArray;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Pages the answers of {@link Paged} methods: {@code offset} (default 0) items skipped, at most
 * {@code limit} (default and maximum {@value Paged#MAX_LIMIT}) returned, {@code X-Total-Count} the
 * number of all. A bad value is a 400 naming the parameter before the method runs.
 */
@Provider
@Paged
public class PagedLists implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String TOTAL = "X-Total-Count";

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      window(request);
    } catch (ApiException e) {
      request.abortWith(ApiError.response(400, e.getMessage(), e.field()));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() != 200) {
      return;
    }
    int[] window = window(request);
    Object entity = response.getEntity();
    if (entity instanceof JsonArray array) {
      var page = jakarta.json.Json.createArrayBuilder();
      array.stream().skip(window[0]).limit(window[1]).forEach(page::add);
      response.setEntity(page.build());
      response.getHeaders().putSingle(TOTAL, array.size());
    } else if (entity instanceof List<?> list) {
      int from = Math.min(window[0], list.size());
      response.setEntity(List.copyOf(list.subList(from, Math.min(list.size(), from + window[1]))),
          response.getEntityAnnotations(), response.getMediaType());
      response.getHeaders().putSingle(TOTAL, list.size());
    }
  }

  /** {offset, limit} of the request. */
  static int[] window(ContainerRequestContext request) {
    var query = request.getUriInfo().getQueryParameters();
    return new int[] {number(query.getFirst("offset"), "offset", 0, Integer.MAX_VALUE, 0),
        number(query.getFirst("limit"), "limit", 1, Paged.MAX_LIMIT, Paged.MAX_LIMIT)};
  }

  private static int number(String text, String name, int min, int max, int absent) {
    if (text == null || text.isBlank()) return absent;
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException e) {
      // the message below
    }
    throw ApiException.invalid(name, name + " must be a whole number from " + min + " to " + max + ".");
  }
}
