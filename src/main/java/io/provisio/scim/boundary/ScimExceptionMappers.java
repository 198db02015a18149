package io.provisio.scim.boundary;

import io.provisio.platform.DatabaseOutage;
import io.provisio.scim.control.ScimException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of a SCIM call as a SCIM error body (RFC 7644 §3.12). Unexpected failures are
 * logged with a reference that the answer quotes; nothing internal reaches the IdP.
 */
public final class ScimExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ScimExceptionMappers.class.getName());

  private ScimExceptionMappers() {}

  public static Class<?>[] all() {
    return new Class<?>[] {Scim.class, Web.class, Any.class};
  }

  /**
   * The request attribute holding the SCIM error a call ended with, for whoever records the call
   * (the provisioning log reads its reason and detail from it).
   */
  public static final String ERROR = "io.provisio.scim.error";

  @Provider
  public static class Scim implements ExceptionMapper<ScimException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(ScimException e) {
      request.setAttribute(ERROR, e);
      return ScimErrors.response(e);
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;
    @Context HttpServletRequest request;
    @jakarta.inject.Inject jakarta.enterprise.event.Event<WrongScimUrls.Call> wrongUrls;

    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 404 && uri != null && request != null && request.getHeader("Authorization") != null) {
        // a typo under the base URL (/scim/v2/User): the tenant whose token it carries learns of it
        wrongUrls.fire(new WrongScimUrls.Call(request.getMethod(),
            WrongScimUrls.shown(request.getRequestURI().substring(request.getContextPath().length())),
            request.getHeader("Authorization"), uri.getBaseUri().toString().replaceAll("/$", "")));
      }
      return switch (status) {
        case 404 ->
            ScimErrors.response(
                404,
                null,
                "No SCIM endpoint at "
                    + ScimException.quote(uri == null ? "" : "/" + uri.getPath())
                    + ". The SCIM base URL is "
                    + (uri == null ? "/scim/v2" : uri.getBaseUri().toString().replaceAll("/$", ""))
                    + "; resources are /Users, /Groups, /ServiceProviderConfig, /ResourceTypes,"
                    + " /Schemas (resource names are case-sensitive).");
        case 405 ->
            ScimErrors.builder(
                    405,
                    null,
                    "This method is not supported here; allowed: "
                        + String.join(", ", e.getResponse().getAllowedMethods()))
                .allow(e.getResponse().getAllowedMethods())
                .build();
        case 406 -> ScimErrors.response(406, null, "Responses are application/scim+json.");
        case 415 ->
            ScimErrors.response(
                415, null, "Send the body as application/scim+json (application/json is accepted).");
        case 400 ->
            ScimErrors.response(400, "invalidSyntax", "The request is not a valid SCIM request.");
        default ->
            status >= 500
                ? new Any().toResponse(e)
                : ScimErrors.response(status, null, "The request was refused.");
      };
    }
  }

  @Provider
  public static class Any implements ExceptionMapper<Throwable> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(Throwable e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e);
        return ScimErrors.unavailable(DatabaseOutage.RETRY_AFTER_SECONDS, DatabaseOutage.SCIM_DETAIL);
      }
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof ScimException scim) {
          if (request != null) request.setAttribute(ERROR, scim);
          return ScimErrors.response(scim);
        }
        if (t instanceof JsonException) {
          return ScimErrors.response(400, "invalidSyntax", "The request body is not valid JSON.");
        }
        if (t instanceof jakarta.persistence.OptimisticLockException) {
          // writers of one resource are serialized by a row lock; this is the safety net
          return ScimErrors.response(
              412, null, "The resource was changed at the same moment by another request; read it again and retry.");
        }
        if (t instanceof io.provisio.platform.BodyTooLargeException) {
          return ScimErrors.response(413, null, t.getMessage());
        }
        if (t instanceof WebApplicationException web
            && web.getResponse().getStatus() < 500
            && !(t instanceof NotAllowedException)) {
          return new Web().toResponse(web);
        }
      }
      if (io.provisio.platform.ApiExceptionMappers.isUniquenessViolation(e)) {
        return ScimErrors.response(
            409, "uniqueness", "A resource with the same unique value was created at the same moment.");
      }
      if (io.provisio.platform.ApiExceptionMappers.isDataException(e)) {
        return ScimErrors.response(400, "invalidValue", "A value is too long or out of range; nothing was changed.");
      }
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "Unexpected SCIM failure, reference " + reference, e instanceof EJBException ? e.getCause() : e);
      return ScimErrors.response(
          500,
          null,
          "The request could not be completed because of an internal error (reference "
              + reference
              + "). Nothing was changed; retry later.");
    }
  }
}
