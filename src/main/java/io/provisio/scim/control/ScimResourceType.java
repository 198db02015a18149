package io.provisio.scim.control;

import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the SCIM endpoint core (scim/boundary/ScimEndpoint) needs of a resource type: its schema
 * and its store, as protocol-neutral calls in the tenant's name. The core does the HTTP: request
 * parsing, ETags and preconditions, Location, paging, projection, ListResponse, root search. A new
 * resource type is a schema, an implementation of this, and an endpoint subclass of a few lines.
 *
 * <p>Writes run in the caller's transaction. The core reads the resource row-locked
 * ({@link #findForUpdate}), checks {@code If-Match} against it (so a concurrent change cannot slip in
 * between) and records the write ({@link ScimWrite}) before it hands the resource to
 * replace/patch/delete; a resource type records nothing itself, it only names a write's subject.
 *
 * @param <R> the stored resource
 */
public interface ScimResourceType<R extends ScimResource> {

  ResourceSchema schema();

  /**
   * The resource, or 404 when the tenant has none with this id. {@code returned} tells which
   * top-level attributes the answer shows, so that what it leaves out need not be read.
   */
  R find(String tenantId, String id, Predicate<String> returned);

  /** The resource row-locked for a write (concurrent writes of one resource run one after the other), or 404. */
  R findForUpdate(String tenantId, String id);

  /** Whom a write of this stored resource concerns. */
  ScimWrite.Subject subject(R resource);

  /**
   * Whom a create with this body would concern, as far as the body can be read (it may be the
   * invalid input the create refused: then whatever can be read, never an exception).
   */
  ScimWrite.Subject subject(JsonObject body);

  R create(String tenantId, JsonObject body);

  R replace(R current, JsonObject body);

  /** Applies the PATCH request (RFC 7644 §3.5.2) atomically: all operations or none. */
  R patch(R current, JsonObject patchRequest);

  void delete(R current);

  /**
   * One page: {@code offset} results skipped ({@code afterId} instead when paging by cursor), at most
   * {@code count} (0: only the total), in the order sortBy asks for or the type's own.
   */
  Page<R> query(String tenantId, Filter filter, String sortBy, boolean descending, int offset, int count,
      String afterId, boolean cursorPaging);

  /**
   * The representations, in order, each with its meta (location under {@code scimBase}); an
   * attribute for which {@code returned} is false (top-level name) may be left out, as the answer
   * will not show it.
   */
  List<JsonObject> representations(List<R> resources, String scimBase, Predicate<String> returned);

  /** A page of resources and the number of all that match. */
  record Page<R>(List<R> resources, long total) {}
}
