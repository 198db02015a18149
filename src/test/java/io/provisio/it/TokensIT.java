package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SCIM tokens (SPEC §2): shown once, revoked at once, OAuth client credentials, expiry notices. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokensIT {

  static GreenMail smtp;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @BeforeAll
  static void startSmtp() {
    smtp =
        new GreenMail(
            new ServerSetup(
                Integer.parseInt(System.getProperty("provisio.it.smtp.port")), "127.0.0.1", "smtp"));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @ArquillianResource URL url;

  private String base() {
    return url.toString();
  }

  private record ScimTenant(String id, Setup.TenantAdmin cloud) {}

  private ScimTenant scimTenant() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Tok"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    var mode =
        cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    assertThat(mode.status()).isEqualTo(200);
    return new ScimTenant(tenantId, cloud);
  }

  private String generate(ScimTenant tenant) {
    var answer = tenant.cloud().http().post("/api/v1/tenants/" + tenant.id() + "/scim-token", null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("token");
  }

  private Http.Answer scim(String token) {
    return Http.bearer(base(), token).get("/scim/v2/ServiceProviderConfig");
  }

  @Test
  void tokenIsShownOnceAndTheOldOneFailsAtOnceAfterRegeneration() {
    var tenant = scimTenant();
    String path = "/api/v1/tenants/" + tenant.id() + "/scim-token";
    assertThat(tenant.cloud().http().get(path).json().getString("status")).isEqualTo("NONE");

    var first = tenant.cloud().http().post(path, null);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Cache-Control")).contains("no-store");
    String token = first.json().getString("token");
    assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    Instant created = Instant.parse(first.json().getString("createdAt"));
    Instant expires = Instant.parse(first.json().getString("expiresAt"));
    assertThat(Duration.between(created, expires).toDays()).isEqualTo(365);

    var status = tenant.cloud().http().get(path);
    assertThat(status.json().getString("status")).isEqualTo("ACTIVE");
    assertThat(status.json().getInt("daysLeft")).isBetween(364, 365);
    assertThat(status.body()).doesNotContain(token);
    assertThat(status.json().isNull("lastUsedAt")).isTrue();

    assertThat(scim(token).status()).isEqualTo(200);
    assertThat(tenant.cloud().http().get(path).json().isNull("lastUsedAt")).isFalse();

    String second = generate(tenant);
    var old = scim(token);
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(old.header("Content-Type")).startsWith("application/scim+json");
    assertThat(old.json().getString("status")).isEqualTo("401");
    assertThat(old.json().getString("detail")).contains("revoked", "newer token");
    assertThat(scim(second).status()).isEqualTo(200);

    var audit = tenant.cloud().http().get("/api/v1/tenants/" + tenant.id() + "/audit");
    assertThat(audit.body()).contains("SCIM_TOKEN_GENERATED", "SCIM_TOKEN_REVOKED").doesNotContain(token, second);
  }

  @Test
  void onlyACloudAdminGeneratesAndOnlyForAnOpenScimTenant() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Closed"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    var admin = Setup.admin(base(), tenantId, "ADMIN");
    var reader = Setup.admin(base(), tenantId, "READ_ONLY");
    String path = "/api/v1/tenants/" + tenantId + "/scim-token";

    var notScim = cloud.http().post(path, null);
    assertThat(notScim.status()).isEqualTo(409);
    assertThat(notScim.json().getString("message")).contains("SCIM provisioning is not enabled");

    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    assertThat(admin.http().post(path, null).status()).isEqualTo(403);
    assertThat(reader.http().post(path, null).status()).isEqualTo(403);
    assertThat(reader.http().get(path).status()).isEqualTo(200);
    String token = cloud.http().post(path, null).json().getString("token");

    Setup.operator(base()).patch("/api/v1/tenants/" + tenantId + "/settings", "{\"apiAccess\":false}");
    var refused = cloud.http().post(path, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("message")).contains("API access is disabled for this account");
    var scimRefused = scim(token);
    assertThat(scimRefused.status()).isEqualTo(403);
    assertThat(scimRefused.json().getString("detail")).contains("API access is disabled for this account");

    String other = Setup.tenant(base(), Deployments.unique("Other"));
    assertThat(cloud.http().post("/api/v1/tenants/" + other + "/scim-token", null).status()).isEqualTo(404);
  }

  @Test
  void badTokensAreToldApart() throws Exception {
    var none = Http.anonymous(base()).get("/scim/v2/ServiceProviderConfig");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

    var unknown = scim("prv_thisTokenWasNeverIssuedByProvisio0000000000");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().getString("detail")).contains("not known");

    var tenant = scimTenant();
    String token = generate(tenant);
    Instant past = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    Database.expireGeneratedTokenAt(tenant.id(), past);
    var expired = scim(token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(expired.json().getString("detail"))
        .contains("expired on " + past.toString().substring(0, 10))
        .contains("generate a new token");
    var status = tenant.cloud().http().get("/api/v1/tenants/" + tenant.id() + "/scim-token");
    assertThat(status.json().getString("status")).isEqualTo("EXPIRED");
  }

  @Test
  void oauthClientCredentialsGrant() {
    var tenant = scimTenant();
    String clients = "/api/v1/tenants/" + tenant.id() + "/oauth-clients";
    var created = tenant.cloud().http().post(clients, "{\"name\":\"Entra ID\"}");
    assertThat(created.status()).isEqualTo(201);
    String clientId = created.json().getString("clientId");
    String secret = created.json().getString("clientSecret");
    var listed = tenant.cloud().http().get(clients);
    assertThat(listed.body()).contains(clientId, "Entra ID").doesNotContain(secret);

    var basic = tokenRequest(clientId, secret, "grant_type=client_credentials", true);
    assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
    assertThat(basic.header("Cache-Control")).contains("no-store");
    assertThat(basic.json().getString("token_type")).isEqualTo("Bearer");
    assertThat(basic.json().getJsonNumber("expires_in").longValue()).as("one hour").isEqualTo(3600L);
    String first = basic.json().getString("access_token");
    assertThat(scim(first).status()).isEqualTo(200);

    var form =
        tokenRequest(null, null, "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret, false);
    assertThat(form.status()).isEqualTo(200);
    String second = form.json().getString("access_token");
    assertThat(scim(first).status()).isEqualTo(401);
    assertThat(scim(second).status()).isEqualTo(200);

    var duplicated = tokenRequest(clientId, secret, "grant_type=client_credentials&grant_type=client_credentials", true);
    assertThat(duplicated.status()).as("RFC 6749 §3.2").isEqualTo(400);
    assertThat(duplicated.json().getString("error")).isEqualTo("invalid_request");
    assertThat(duplicated.json().getString("error_description")).contains("grant_type");

    var wrongSecret = tokenRequest(clientId, "nope", "grant_type=client_credentials", true);
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.json().getString("error")).isEqualTo("invalid_client");
    assertThat(wrongSecret.header("WWW-Authenticate")).isNotNull();
    var password = tokenRequest(clientId, secret, "grant_type=password&username=a&password=b", true);
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().getString("error")).isEqualTo("unsupported_grant_type");
    var missing = tokenRequest(clientId, secret, "scope=x", true);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getString("error")).isEqualTo("invalid_request");

    assertThat(tenant.cloud().http().delete(clients + "/" + clientId).status()).isEqualTo(204);
    var afterDelete = scim(second);
    assertThat(afterDelete.status()).isEqualTo(401);
    assertThat(afterDelete.json().getString("detail")).contains("OAuth client was deleted");
    assertThat(tokenRequest(clientId, secret, "grant_type=client_credentials", true).status()).isEqualTo(401);
    assertThat(tenant.cloud().http().get("/api/v1/tenants/" + tenant.id() + "/audit").body())
        .contains("OAUTH_CLIENT_CREATED", "OAUTH_CLIENT_DELETED")
        .doesNotContain(secret);
  }

  @Test
  void expiryNoticesReachEveryCloudAdminOncePerThreshold() throws Exception {
    var tenant = scimTenant();
    var second = Setup.admin(base(), tenant.id(), "CLOUD_ADMIN");
    Setup.admin(base(), tenant.id(), "ADMIN");
    String token = generate(tenant);
    var operator = Setup.operator(base());

    Database.expireGeneratedTokenAt(tenant.id(), Instant.now().plus(Duration.ofDays(29)).plusSeconds(3600));
    var run = operator.post("/api/v1/notices/run", null);
    assertThat(run.status()).isEqualTo(200);
    var mails = mailsFor(tenant.cloud().email(), "expires in 29 days");
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails[0];
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactlyInAnyOrder(tenant.cloud().email(), second.email());
    String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("Days left: 29", "UTC", "Okta", "API Token", "Entra ID", "Secret Token")
        .doesNotContain(token);

    operator.post("/api/v1/notices/run", null);
    assertThat(mailsFor(tenant.cloud().email(), "expires in")).hasSize(1);

    Database.expireGeneratedTokenAt(tenant.id(), Instant.now().plus(Duration.ofDays(6)).plusSeconds(3600));
    operator.post("/api/v1/notices/run", null);
    assertThat(mailsFor(tenant.cloud().email(), "expires in 6 days")).hasSize(1);
    assertThat(mailsFor(tenant.cloud().email(), "expires in")).hasSize(2);

    // the mail server is down: the notice waits, visible as pending, and goes out once it is back
    smtp.stop();
    Database.expireGeneratedTokenAt(tenant.id(), Instant.now().minusSeconds(60));
    operator.post("/api/v1/notices/run", null);
    var notices = tenant.cloud().http().get("/api/v1/tenants/" + tenant.id() + "/scim-token/notices");
    assertThat(notices.body()).contains("\"thresholdDays\":0,\"status\":\"PENDING\"", "lastError");
    startSmtp();
    operator.post("/api/v1/notices/run", null);
    assertThat(mailsFor(tenant.cloud().email(), "has expired")).hasSize(1);
    notices = tenant.cloud().http().get("/api/v1/tenants/" + tenant.id() + "/scim-token/notices");
    assertThat(notices.body())
        .contains("\"thresholdDays\":30,\"status\":\"SENT\"", "\"thresholdDays\":7,\"status\":\"SENT\"",
            "\"thresholdDays\":14,\"status\":\"SUPERSEDED\"", "\"thresholdDays\":0,\"status\":\"SENT\"");
    operator.post("/api/v1/notices/run", null);
    assertThat(mailsFor(tenant.cloud().email(), "has expired")).hasSize(1);
  }

  private MimeMessage[] mailsFor(String recipient, String subjectPart) throws Exception {
    smtp.waitForIncomingEmail(2000, 1);
    return Mailbox.mailsTo(smtp, recipient, subjectPart).toArray(MimeMessage[]::new);
  }

  private Http.Answer tokenRequest(String clientId, String secret, String form, boolean basic) {
    var builder =
        HttpRequest.newBuilder(URI.create(base().replaceAll("/$", "") + "/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (basic) {
      builder.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return Http.anonymous(base()).send(builder);
  }
}
