package io.provisio.users.boundary;

import io.provisio.platform.ApiException;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.control.Tenants;
import io.provisio.tenants.entity.Role;
import io.provisio.users.control.UserReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** The user provisioning report: JSON pages, or the whole tenant as CSV (Accept: text/csv). */
@Stateless
@Path("v1/tenants/{tenantId}/users")
@Tag(name = "Reports")
public class UserReportResource {

  public record UserReportPage(@Schema(description = "All accounts that match") long total, int offset,
      List<UserReportRow> items) {}

  /** One account; what is unknown is null. */
  public record UserReportRow(
      String id,
      String userName,
      @Schema(enumeration = {"ACTIVE", "INACTIVE", "PRESERVED"}) String status,
      @Schema(nullable = true) String displayName,
      @Schema(nullable = true) String email,
      @Schema(nullable = true, description = "The profile's name") String profile,
      @Schema(nullable = true, description = "The storage region's name") String region,
      @Schema(nullable = true) Integer quotaGb,
      @Schema(nullable = true, description = "The name of the mapping that placed it") String mapping,
      @Schema(description = "Placed by a mapping deleted since") boolean mappingDeleted,
      @Schema(nullable = true) String created,
      @Schema(nullable = true) String lastUpdated) {}

  private static final int CSV_CHUNK = 1000;

  @Inject UserReport report;
  @Inject CurrentAdministrator current;
  @Inject Tenants tenants;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "SCIM-managed accounts with status, profile, region, quota and mapping; q finds any part of a userName, email, display name or externalId (ignoring case); filter by status, sort, page")
  @APIResponseSchema(UserReportPage.class)
  public JsonObject page(
      @PathParam("tenantId") String tenantId,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("sort") @DefaultValue("created") String sort,
      @QueryParam("order") @DefaultValue("desc") String order,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    current.requireOwnTenant(tenantId);
    validate(status, sort);
    int size = Math.max(1, Math.min(limit, 500));
    var items = ScimJson.arrayBuilder();
    for (var row : report.page(tenantId, status, q, sort, !"asc".equalsIgnoreCase(order), Math.max(0, offset), size)) {
      var item = ScimJson.objectBuilder().add("id", row.id()).add("userName", row.userName()).add("status", row.status());
      put(item, "displayName", row.displayName());
      put(item, "email", row.email());
      put(item, "profile", row.profile());
      put(item, "region", row.region());
      if (row.quotaGb() != null) item.add("quotaGb", row.quotaGb()); else item.addNull("quotaGb");
      put(item, "mapping", row.mapping());
      item.add("mappingDeleted", row.mappingDeleted());
      put(item, "created", row.created());
      put(item, "lastUpdated", row.lastUpdated());
      items.add(item);
    }
    return ScimJson.objectBuilder()
        .add("total", report.count(tenantId, status, q))
        .add("offset", Math.max(0, offset))
        .add("items", items)
        .build();
  }

  @GET
  @Produces("text/csv;qs=0.5") // a request without Accept (or Accept: */*) gets the JSON page, never the CSV
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The whole report as CSV, streamed")
  public Response csv(
      @PathParam("tenantId") String tenantId,
      @QueryParam("status") String status,
      @QueryParam("q") String q) {
    current.requireOwnTenant(tenantId);
    validate(status, "created");
    StreamingOutput body = out -> {
      var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write('\uFEFF'); // a byte-order mark: spreadsheets read the file as UTF-8 ("José Müller", not "JosÃ©")
      writer.write("id,userName,displayName,email,status,profile,region,quotaGb,mapping,created,lastUpdated\r\n");
      UserReport.Row after = null;
      while (true) {
        List<UserReport.Row> rows = report.chunkAfter(tenantId, status, q, after, CSV_CHUNK);
        for (var r : rows) {
          writer.write(String.join(",", cell(r.id()), cell(r.userName()), cell(r.displayName()), cell(r.email()),
              cell(r.status()), cell(r.profile()), cell(r.region()), r.quotaGb() == null ? "" : r.quotaGb().toString(),
              cell(r.mapping()), cell(r.created()), cell(r.lastUpdated())));
          writer.write("\r\n");
        }
        writer.flush();
        if (rows.size() < CSV_CHUNK) break;
        after = rows.get(rows.size() - 1);
      }
    };
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName(
            tenants.find(tenantId).map(t -> t.getName()).orElse(tenantId), LocalDate.now(clock)) + "\"")
        .build();
  }

  /** provisioned-users-<tenant>-<date>.csv, the tenant's name reduced to letters, digits and dashes. */
  static String fileName(String tenantName, LocalDate day) {
    String slug = java.text.Normalizer.normalize(tenantName, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (slug.length() > 60) slug = slug.substring(0, 60);
    return "provisioned-users-" + (slug.isEmpty() ? "" : slug + "-") + day + ".csv";
  }

  /** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
  static String cell(String value) {
    if (value == null) return "";
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || !text.equals(value)) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static void validate(String status, String sort) {
    if (status != null && !status.isBlank() && !List.of("ACTIVE", "INACTIVE", "PRESERVED").contains(status.trim().toUpperCase())) {
      throw ApiException.invalid("status", "status must be one of ACTIVE, INACTIVE, PRESERVED");
    }
    if (!UserReport.sortable(sort)) {
      throw ApiException.invalid("sort", "sort must be one of userName, email, status, created, lastUpdated, profile, mapping, region, quotaGb");
    }
  }

  private static void put(jakarta.json.JsonObjectBuilder item, String name, String value) {
    if (value == null) item.addNull(name); else item.add(name, value);
  }
}
