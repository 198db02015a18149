package io.provisio.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the tests: calls the server the way an API client or an IdP does. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // as Okta and Entra ID call: no h2c upgrade
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;
  private final String authorization;

  private Http(String base, String authorization) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.authorization = authorization;
  }

  public static Http anonymous(String base) {
    return new Http(base, null);
  }

  public static Http basic(String base, String email, String password) {
    return new Http(
        base,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public static Http bearer(String base, String token) {
    return new Http(base, "Bearer " + token);
  }

  public String base() {
    return base;
  }

  /** The answer: status, headers and body, with JSON accessors. */
  public record Answer(int status, HttpResponse<String> response) {
    public String body() {
      return response.body();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public JsonObject json() {
      return (JsonObject) parse();
    }

    public JsonArray array() {
      return (JsonArray) parse();
    }

    private JsonStructure parse() {
      try (var reader = Json.createReader(new StringReader(response.body()))) {
        return reader.read();
      }
    }

    @Override
    public String toString() {
      return status + " " + response.body();
    }
  }

  public Answer get(String path) {
    return send("GET", path, null, null);
  }

  public Answer get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  public Answer post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  public Answer put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  public Answer patch(String path, String json) {
    return send("PATCH", path, json, "application/json");
  }

  public Answer delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Answer send(String method, String path, String body, String contentType) {
    var builder = request(path);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(builder);
  }

  public HttpRequest.Builder request(String path) {
    var builder =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  public Answer send(HttpRequest.Builder builder) {
    try {
      var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
