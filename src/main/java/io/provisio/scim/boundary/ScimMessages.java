package io.provisio.scim.boundary;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the SCIM messages and discovery resources (RFC 7643 §5–§7, RFC 7644 §3.4–§3.5), as
 * the OpenAPI document shows them. The endpoints read and write these as JSON-P trees (SCIM's
 * attribute names are case-insensitive and its bodies carry extension URNs); these records only
 * describe them. The resources themselves (ScimUser, ScimGroup) come from their schema declarations.
 */
public final class ScimMessages {

  private ScimMessages() {}

  static final String PATCH_EXAMPLE = """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "Jane Doe"}]}""";

  static final String SEARCH_EXAMPLE = """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": "displayName sw \\"J\\"", "startIndex": 1, "count": 10}""";

  @Schema(name = "ScimListResponse", description = "The answer to a query (RFC 7644 §3.4.2)")
  public record ListResponse(
      @Schema(required = true, example = "[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]")
          List<String> schemas,
      @Schema(required = true, description = "How many resources match the query") long totalResults,
      @Schema(required = true, description = "How many resources this page holds") int itemsPerPage,
      @Schema(description = "The 1-based index of this page's first resource; absent with cursor paging")
          Integer startIndex,
      @Schema(description = "The cursor of the next page; absent on the last page or without cursor paging")
          String nextCursor,
      @Schema(required = true, description = "The resources of this page, each a resource of the type the"
          + " endpoint serves (ScimUser, ScimGroup, ScimResourceType or ScimSchema)")
          List<JsonObject> Resources) {}

  @Schema(name = "ScimPatchOp", description = "A PATCH request (RFC 7644 §3.5.2)")
  public record PatchOp(
      @Schema(required = true, example = "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]")
          List<String> schemas,
      @Schema(required = true) List<PatchOperation> Operations) {}

  @Schema(name = "ScimPatchOperation", description = "One operation of a PATCH request")
  public record PatchOperation(
      @Schema(required = true, enumeration = {"add", "remove", "replace"}, example = "replace") String op,
      @Schema(description = "The attribute path (RFC 7644 §3.5.2), optionally with a value filter;"
          + " required for remove", example = "emails[type eq \"work\"].value") String path,
      @Schema(description = "The new value: any JSON value the path's attribute takes; for add and"
          + " replace without a path, an object of attributes") JsonValue value) {}

  @Schema(name = "ScimSearchRequest", description = "A query by POST .search (RFC 7644 §3.4.3)")
  public record SearchRequest(
      @Schema(example = "[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]") List<String> schemas,
      @Schema(description = "A filter (RFC 7644 §3.4.2.2)", example = "userName eq \"jane@example.com\"") String filter,
      @Schema(description = "The attribute to sort by (not at the root .search)") String sortBy,
      @Schema(enumeration = {"ascending", "descending"}) String sortOrder,
      @Schema(description = "The 1-based index of the first result") Integer startIndex,
      @Schema(description = "At most this many results") Integer count,
      @Schema(description = "Cursor paging: empty for the first page, then the nextCursor of the last"
          + " answer (not at the root .search)") String cursor,
      @Schema(description = "Only these attributes (and those always returned)") List<String> attributes,
      @Schema(description = "Not these attributes") List<String> excludedAttributes) {}

  @Schema(name = "ScimServiceProviderConfig", description = "What the service provider supports (RFC 7643 §5)")
  public record ServiceProviderConfig(
      @Schema(required = true) List<String> schemas,
      @Schema(description = "This OpenAPI document") String documentationUri,
      @Schema(required = true) Supported patch,
      @Schema(required = true) Bulk bulk,
      @Schema(required = true) FilterSupport filter,
      @Schema(required = true) Supported changePassword,
      @Schema(required = true) Supported sort,
      @Schema(required = true) Supported etag,
      @Schema(description = "Paging by index and by cursor") Pagination pagination,
      @Schema(required = true) List<AuthenticationScheme> authenticationSchemes,
      DiscoveryMeta meta) {}

  @Schema(name = "ScimSupported")
  public record Supported(@Schema(required = true) boolean supported) {}

  @Schema(name = "ScimBulk")
  public record Bulk(@Schema(required = true) boolean supported, int maxOperations, int maxPayloadSize) {}

  @Schema(name = "ScimFilterSupport")
  public record FilterSupport(@Schema(required = true) boolean supported, int maxResults) {}

  @Schema(name = "ScimPagination")
  public record Pagination(boolean cursor, boolean index, String defaultPaginationMethod, int defaultPageSize,
      int maxPageSize, @Schema(description = "Seconds a cursor stays valid") int cursorTimeout) {}

  @Schema(name = "ScimAuthenticationScheme")
  public record AuthenticationScheme(@Schema(example = "oauthbearertoken") String type, String name,
      String description, boolean primary) {}

  @Schema(name = "ScimDiscoveryMeta")
  public record DiscoveryMeta(@Schema(readOnly = true) String resourceType, @Schema(readOnly = true) String location) {}

  @Schema(name = "ScimResourceType", description = "A resource type (RFC 7643 §6)")
  public record ResourceType(
      @Schema(required = true) List<String> schemas,
      @Schema(example = "User") String id,
      @Schema(required = true, example = "User") String name,
      @Schema(required = true, example = "/Users") String endpoint,
      String description,
      @Schema(required = true, description = "The core schema's URN") String schema,
      List<SchemaExtension> schemaExtensions,
      DiscoveryMeta meta) {}

  @Schema(name = "ScimSchemaExtension")
  public record SchemaExtension(@Schema(required = true) String schema, @Schema(required = true) boolean required) {}

  @Schema(name = "ScimSchema", description = "A schema and its attributes (RFC 7643 §7)")
  public record SchemaResource(
      @Schema(required = true) List<String> schemas,
      @Schema(required = true, example = "urn:ietf:params:scim:schemas:core:2.0:User") String id,
      String name,
      String description,
      @Schema(required = true) List<Attribute> attributes,
      DiscoveryMeta meta) {}

  @Schema(name = "ScimAttribute", description = "An attribute's characteristics (RFC 7643 §7)")
  public record Attribute(
      @Schema(required = true) String name,
      @Schema(required = true, enumeration = {"string", "boolean", "decimal", "integer", "dateTime", "binary",
          "reference", "complex"}) String type,
      boolean multiValued,
      String description,
      boolean required,
      List<String> canonicalValues,
      @Schema(description = "Absent for complex attributes") Boolean caseExact,
      @Schema(description = "Reference attributes only") List<String> referenceTypes,
      @Schema(enumeration = {"readOnly", "readWrite", "immutable", "writeOnly"}) String mutability,
      @Schema(enumeration = {"always", "never", "default", "request"}) String returned,
      @Schema(enumeration = {"none", "server", "global"}, description = "Absent for complex attributes")
          String uniqueness,
      @Schema(description = "Complex attributes only") List<Attribute> subAttributes) {}
}
