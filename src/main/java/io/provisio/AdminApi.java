package io.provisio;

import io.provisio.audit.boundary.AuditResource;
import io.provisio.audit.boundary.PlatformAuditResource;
import io.provisio.audit.boundary.ProvisioningLogResource;
import io.provisio.console.boundary.SummaryResource;
import io.provisio.doctor.boundary.AlertRunResource;
import io.provisio.doctor.boundary.AlertsResource;
import io.provisio.doctor.boundary.DiagnosisResource;
import io.provisio.mappings.boundary.MappingsResource;
import io.provisio.profiles.boundary.ProfilesResource;
import io.provisio.users.boundary.UserReportResource;
import io.provisio.platform.AdminJsonBodies;
import io.provisio.platform.ApiExceptionMappers;
import io.provisio.platform.PagedLists;
import io.provisio.profiles.boundary.RegionsResource;
import io.provisio.tenants.boundary.AdministratorsResource;
import io.provisio.tenants.boundary.ApiTokensResource;
import io.provisio.tenants.boundary.MyPasswordResource;
import io.provisio.tenants.boundary.OperatorsResource;
import io.provisio.tenants.boundary.PasswordResetsResource;
import io.provisio.tenants.boundary.SessionResource;
import io.provisio.tenants.boundary.TenantsResource;
import io.provisio.tokens.boundary.NoticesResource;
import io.provisio.tokens.boundary.OAuthClientsResource;
import io.provisio.tokens.boundary.ScimTokenResource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The admin API under /api (SPEC §9). Its classes are listed, not scanned, because the WAR holds
 * several JAX-RS applications (admin API, SCIM, OAuth) whose error formats differ.
 */
@ApplicationPath("api")
@DeclareRoles({"PLATFORM_OPERATOR", "CLOUD_ADMIN", "ADMIN", "READ_ONLY"})
public class AdminApi extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    var classes =
        new HashSet<Class<?>>(
            List.of(
                TenantsResource.class,
                AdministratorsResource.class,
                RegionsResource.class,
                AuditResource.class,
                ScimTokenResource.class,
                OAuthClientsResource.class,
                NoticesResource.class,
                ProfilesResource.class,
                MappingsResource.class,
                ProvisioningLogResource.class,
                UserReportResource.class,
                SummaryResource.class,
                SessionResource.class,
                ApiTokensResource.class,
                MyPasswordResource.class,
                PasswordResetsResource.class,
                OperatorsResource.class,
                PlatformAuditResource.class,
                DiagnosisResource.class,
                AlertsResource.class,
                AlertRunResource.class,
                AdminJsonBodies.class,
                PagedLists.class,
                io.provisio.platform.cluster.InvalidationAcknowledgement.class));
    classes.addAll(List.of(ApiExceptionMappers.all()));
    return classes;
  }

  @Override
  public java.util.Map<String, Object> getProperties() {
    return io.provisio.platform.JaxRsProperties.ALL;
  }
}
