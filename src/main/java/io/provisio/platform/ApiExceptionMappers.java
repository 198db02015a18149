package io.provisio.platform;

import jakarta.ejb.EJBAccessException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of the admin API into its JSON error body. Nothing internal (exception
 * messages of the runtime, SQL, class names) reaches the client: unexpected failures are logged
 * with a reference that the answer quotes.
 */
public final class ApiExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class.getName());

  /** Request attribute in which the authentication mechanism explains a refused sign-in. */
  public static final String AUTH_FAILURE = "provisio.auth.failure";

  private ApiExceptionMappers() {}

  public static Class<?>[] all() {
    return new Class<?>[] {
      Api.class, Validation.class, Web.class, Access.class, Json.class, Processing.class, Any.class
    };
  }

  static Response unauthorized(HttpServletRequest request) {
    var response = ApiError.response(401, unauthorizedMessage(request), null);
    String challenge = basicChallenge(request);
    if (challenge == null) {
      return response;
    }
    return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
  }

  /** The 401 answer's message: why the sign-in was refused, or how to sign in. */
  public static String unauthorizedMessage(HttpServletRequest request) {
    Object reason = request == null ? null : request.getAttribute(AUTH_FAILURE);
    return reason != null
        ? reason.toString()
        : "Authentication required: send an administrator's email and password with HTTP Basic.";
  }

  /** The 401 answer's WWW-Authenticate header, or null for the console. */
  public static String basicChallenge(HttpServletRequest request) {
    if (request != null && request.getHeader("X-Provisio-Console") != null) {
      return null; // no Basic challenge for the console: the browser must not pop up a dialog
    }
    return "Basic realm=\"Provisio\", charset=\"UTF-8\"";
  }

  /** 503 with Retry-After while the database cannot be reached. */
  public static Response unavailable() {
    return Response.fromResponse(ApiError.response(503, DatabaseOutage.ADMIN_MESSAGE, null))
        .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
        .build();
  }

  /** True when a database unique constraint refused the write (SQLState class 23, e.g. a race). */
  public static boolean isUniquenessViolation(Throwable e) {
    return hasSqlState(e, "23");
  }

  /**
   * SQLState class 22, a value the database cannot store (too long, out of range): input that
   * slipped past validation, answered as a client error rather than an internal one.
   */
  public static boolean isDataException(Throwable e) {
    return hasSqlState(e, "22");
  }

  private static boolean hasSqlState(Throwable e, String sqlStateClass) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith(sqlStateClass)) {
        return true;
      }
    }
    return false;
  }

  @Provider
  public static class Api implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      return ApiError.response(e.status(), e.getMessage(), e.field());
    }
  }

  @Provider
  public static class Validation implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      ConstraintViolation<?> first =
          e.getConstraintViolations().stream()
              .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .orElse(null);
      if (first == null) {
        return ApiError.response(400, "The request is not valid.", null);
      }
      String field = lastNode(first.getPropertyPath());
      if (field == null || field.startsWith("arg")) {
        return ApiError.response(400, "A request body is required.", null);
      }
      return ApiError.response(400, plainWords(field, first), field);
    }

    /** What a constraint asks, in words (the validator's own texts read "size must be between 1 and 200"). */
    static String plainWords(String field, ConstraintViolation<?> violation) {
      var attributes = violation.getConstraintDescriptor().getAttributes();
      String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
      return switch (constraint) {
        case "NotNull", "NotBlank", "NotEmpty" -> field + " is required.";
        case "Size" -> {
          int min = ((Number) attributes.get("min")).intValue();
          int max = ((Number) attributes.get("max")).intValue();
          yield field + (min <= 1 ? " must be at most " + max + " characters long" + (min == 1 ? " and not empty." : ".")
              : " must be " + min + " to " + max + " characters long.");
        }
        case "Min", "DecimalMin", "PositiveOrZero" -> field + " must be at least "
            + attributes.getOrDefault("value", 0) + ".";
        case "Max", "DecimalMax" -> field + " must be at most " + attributes.get("value") + ".";
        case "Email" -> field + " must be an email address, e.g. name@example.com.";
        default -> field + " is not valid: " + violation.getMessage() + ".";
      };
    }

    private static String lastNode(Path path) {
      String last = null;
      for (Path.Node node : path) {
        last = node.getName();
      }
      return last;
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (e instanceof NotAuthorizedException) {
        return unauthorized(request);
      }
      String message =
          switch (status) {
            case 400 -> "The request is not valid: check its JSON body and parameters.";
            case 403 -> "Your administrator role does not allow this action.";
            case 404 -> e instanceof NotFoundException ? "No such resource." : "Not found.";
            case 405 ->
                "This method is not allowed here; allowed: "
                    + ((e instanceof NotAllowedException)
                        ? String.join(", ", e.getResponse().getAllowedMethods())
                        : "see /openapi");
            case 406 -> "The requested media type is not available; ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 ->
                e instanceof NotSupportedException
                    ? "Send the body as application/json."
                    : "Unsupported media type.";
            default -> status >= 500 ? "The request could not be completed." : "Request refused.";
          };
      var response = ApiError.response(status, message, null);
      if (status == 405) {
        return Response.fromResponse(response)
            .allow(e.getResponse().getAllowedMethods())
            .build();
      }
      return response;
    }
  }

  /** @RolesAllowed refusals: 401 when nobody signed in, 403 for a role that may not do this. */
  @Provider
  public static class Access implements ExceptionMapper<EJBAccessException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(EJBAccessException e) {
      if (request == null || request.getUserPrincipal() == null) {
        return unauthorized(request);
      }
      return ApiError.response(
          403, "Your administrator role does not allow this action.", null);
    }
  }

  @Provider
  public static class Json implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      // the body was valid JSON and its fields' types were checked (AdminJsonBodies): what is left
      // is a value JSON-B cannot convert, e.g. a number too large for its field
      return ApiError.response(
          400, "The request body has a value that does not fit its field; see /openapi for each field's type.", null);
    }
  }

  @Provider
  public static class Processing implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return ApiError.response(
          400, "The request body is not valid JSON or a field has the wrong type.", null);
    }
  }

  @Provider
  public static class Any implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e);
        return unavailable();
      }
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        if (cause instanceof ApiException api) {
          return new Api().toResponse(api);
        }
        cause = cause.getCause();
      }
      if (cause instanceof ApiException api) {
        return new Api().toResponse(api);
      }
      if (cause instanceof EJBAccessException) {
        return ApiError.response(403, "Your administrator role does not allow this action.", null);
      }
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof jakarta.persistence.OptimisticLockException) {
          return ApiError.response(
              409, "Someone else changed this at the same moment; reload and try again.", null);
        }
      }
      if (isUniquenessViolation(e)) {
        return ApiError.response(
            409, "This conflicts with a record that was created at the same moment; retry.", null);
      }
      if (isDataException(e)) {
        return ApiError.response(400, "A value is too long or out of range; nothing was changed.", null);
      }
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, e);
      return ApiError.response(
          500,
          "The request could not be completed because of an internal error (reference "
              + reference
              + "). Nothing was changed.",
          null);
    }
  }
}
