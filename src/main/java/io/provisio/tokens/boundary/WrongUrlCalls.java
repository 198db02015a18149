package io.provisio.tokens.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.platform.DatabaseOutage;
import io.provisio.scim.boundary.WrongScimUrls;
import io.provisio.tokens.control.ScimTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A SCIM-looking call to a wrong URL that carries a tenant's valid token is that tenant's IdP,
 * configured with a wrong base URL: it is recorded in the tenant's provisioning log (WRONG_URL, with
 * the path called and the right base URL), where the provisioning doctor finds it. A call without a
 * valid token names no tenant and is not recorded.
 */
@ApplicationScoped
public class WrongUrlCalls {

  private static final Logger LOG = Logger.getLogger(WrongUrlCalls.class.getName());

  @Inject ScimTokens tokens;
  @Inject ProvisioningLog log;

  void record(@Observes WrongScimUrls.Call call) {
    String header = call.authorization();
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return;
    }
    try {
      var check = tokens.check(header.substring(7).trim());
      if (!check.isGranted()) {
        return;
      }
      log.failure(new ProvisioningLog.Event(check.tenantId(), call.method() + " " + call.path(), false,
          ProvisioningOutcome.WRONG_URL.name(), 404, null, null, null, null,
          "The identity provider called " + call.method() + " " + call.path() + ", which is not a SCIM endpoint."
              + " The SCIM base URL is " + call.baseUrl() + "."));
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e);
        return;
      }
      LOG.log(Level.WARNING, "A call to a wrong SCIM URL could not be logged", e);
    }
  }
}
