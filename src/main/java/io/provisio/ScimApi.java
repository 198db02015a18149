package io.provisio;

import io.provisio.audit.boundary.ProvisioningFailures;
import io.provisio.groups.boundary.GroupsResource;
import io.provisio.scim.boundary.DiscoveryResource;
import io.provisio.scim.boundary.ScimExceptionMappers;
import io.provisio.scim.boundary.ServiceProviderConfigResource;
import io.provisio.tokens.boundary.BearerAuthentication;
import io.provisio.scim.boundary.RootSearchResource;
import io.provisio.users.boundary.UsersResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The SCIM 2.0 API (RFC 7644) under /scim/v2, authenticated by bearer tokens. */
@ApplicationPath("scim/v2")
public class ScimApi extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    var classes =
        new HashSet<Class<?>>(
            List.of(
                BearerAuthentication.class,
                ServiceProviderConfigResource.class,
                DiscoveryResource.class,
                UsersResource.class,
                RootSearchResource.class,
                GroupsResource.class,
                ProvisioningFailures.class));
    classes.addAll(List.of(ScimExceptionMappers.all()));
    return classes;
  }

  @Override
  public java.util.Map<String, Object> getProperties() {
    return io.provisio.platform.JaxRsProperties.ALL;
  }
}
