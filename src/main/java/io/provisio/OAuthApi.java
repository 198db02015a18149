package io.provisio;

import io.provisio.platform.cluster.InvalidationAcknowledgement;
import io.provisio.tokens.boundary.OAuthErrors;
import io.provisio.tokens.boundary.OAuthTokenResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The OAuth 2.0 token endpoint, /oauth/token (RFC 6749 §4.4). */
@ApplicationPath("oauth")
public class OAuthApi extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OAuthTokenResource.class, OAuthErrors.class, InvalidationAcknowledgement.class);
  }

  @Override
  public java.util.Map<String, Object> getProperties() {
    return io.provisio.platform.JaxRsProperties.ALL;
  }
}
