package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console (issue 7) in a real browser: headless Chromium driven by Selenium against the
 * deployed WAR. Screenshots of every page go to {@code provisio.it.screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL url;

  private ConsoleBrowser browser;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path downloads;

  private String base() {
    return url.toString();
  }

  private String console() {
    return browser.console();
  }

  // ---------------------------------------------------------------- browser

  @BeforeEach
  void browser() throws IOException {
    browser = ConsoleBrowser.open(base());
    driver = browser.driver();
    wait = browser.await();
    downloads = browser.downloads();
  }

  @AfterEach
  void quit() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  // ---------------------------------------------------------------- the tests

  @Test
  void cloudAdminSetsUpProvisioningAndFollowsUsersThroughTheConsole() throws Exception {
    String tenantId = Setup.tenant(base(), Deployments.unique("Console"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    String region = Setup.region(base(), "HEALTHY");
    String api = "/api/v1/tenants/" + tenantId;

    // sign-in: a wrong password is refused with a readable message, the right one opens the summary
    driver.get(console());
    visible(By.id("login-form"));
    screenshot("01-login");
    type(By.id("login-email"), cloud.email());
    type(By.id("login-password"), "not-the-password");
    click(By.id("login-submit"));
    assertThat(visible(By.id("login-error")).getText()).contains("Wrong email or password");
    type(By.id("login-password"), cloud.password());
    click(By.id("login-submit"));
    onPage("summary");
    assertThat(text(By.id("who-email"))).isEqualTo(cloud.email());
    assertThat(text(By.id("tenant-name"))).startsWith("Console-");
    assertThat(text(By.id("token-status-card"))).contains("No token");
    // the session cookie is HttpOnly: the page's scripts cannot read it
    assertThat(driver.manage().getCookieNamed("JSESSIONID")).isNotNull();
    assertThat(driver.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();
    assertThat(driver.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat((String) driver.executeScript("return document.cookie;")).doesNotContain("JSESSIONID");
    screenshot("02-summary-before-setup");

    // settings: switching to SCIM asks first, because it is one-way
    go("settings");
    click(By.cssSelector("input[name='userManagementMode'][value='SCIM']"));
    click(By.id("save-mode"));
    WebElement confirm = visible(By.id("scim-confirm"));
    assertThat(confirm.getText()).contains("one-way").contains("never switch back");
    screenshot("03-settings-scim-confirm");
    click(By.cssSelector("#scim-confirm [data-action='confirm']"));
    // the next step of the setup follows: the token page
    onPage("token");
    assertThat(cloud.http().get(api).json().getString("userManagementMode")).isEqualTo("SCIM");
    go("settings");
    visible(By.cssSelector("#mode-card .callout.info"));
    screenshot("04-settings");

    // profiles: two created, a duplicate name gets its error under the name field
    go("profiles");
    createProfile("Standard", "0", false);
    createProfile("Executives", "10", true);
    wait.until(d -> rows("#profiles-table tbody tr[data-profile-name]") == 2);
    type(By.cssSelector("#new-profile-form input[name='name']"), "standard");
    click(By.id("create-profile"));
    WebElement nameError = visible(By.cssSelector("#new-profile-form .field-error[data-error-for='name']"));
    assertThat(nameError.getText()).contains("already exists");
    assertThat(nameError.findElement(By.xpath("..")).findElement(By.tagName("input")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    screenshot("05-profiles-with-field-error");
    Map<String, String> profiles = new java.util.HashMap<>();
    cloud.http().get(api + "/profiles").array().forEach(v -> profiles.put(
        v.asJsonObject().getString("name"), v.asJsonObject().getString("id")));

    // token: generate, read it once; regenerate after a confirmation; the old one stops at once
    go("token");
    assertThat(value(By.id("scim-base-url"))).isEqualTo(base() + (base().endsWith("/") ? "" : "/") + "scim/v2");
    assertThat(text(By.id("idp-card"))).contains("SCIM connector base URL", "userName", "HTTP Header", "Tenant URL", "Secret Token");
    click(By.id("generate-token"));
    String first = readTokenOnce("06-token-copy-once");
    assertThat(first).hasSizeGreaterThanOrEqualTo(43);
    assertThat(pageContains(first)).isFalse();
    visible(By.id("generate-token"));
    assertThat(text(By.id("token-status"))).isEqualTo("Active");
    click(By.id("generate-token"));
    WebElement regenerate = visible(By.id("regenerate-confirm"));
    assertThat(regenerate.getText()).contains("stops working at once");
    screenshot("07-token-regenerate-confirm");
    click(By.cssSelector("#regenerate-confirm [data-action='confirm']"));
    String token = readTokenOnce(null);
    assertThat(token).isNotEqualTo(first);
    assertThat(Http.bearer(base(), first).get("/scim/v2/Users").status()).isEqualTo(401);
    assertThat(Http.bearer(base(), token).get("/scim/v2/Users").status()).isEqualTo(200);

    // an OAuth client: its secret is shown once too
    click(By.id("new-oauth-client"));
    visible(By.id("oauth-dialog"));
    type(By.cssSelector("#oauth-dialog input[name='name']"), "Entra ID provisioning");
    click(By.cssSelector("#oauth-dialog [data-action='submit']"));
    visible(By.id("oauth-secret-dialog"));
    assertThat(value(By.id("new-client-secret"))).isNotBlank();
    click(By.id("oauth-secret-dialog-ack"));
    click(By.cssSelector("#oauth-secret-dialog [data-action='done']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("oauth-secret-dialog"), 0));
    wait.until(d -> text(By.id("oauth-table")).contains("Entra ID provisioning"));
    screenshot("08-token");

    // mappings: the recommended default is offered; two mappings created in two steps, reordered
    go("mappings");
    visible(By.id("recommend-default"));
    visible(By.id("add-default-mapping"));
    click(By.id("new-mapping"));
    type(By.cssSelector("#mapping-step-1 input[name='name']"), "Engineering");
    type(By.cssSelector("#mapping-step-1 input[name='attribute']"), ENTERPRISE + ":department");
    click(By.id("mapping-next"));
    assertThat(visible(By.cssSelector("#mapping-step-1 .field-error[data-error-for='values']")).getText())
        .contains("at least one value");
    type(By.cssSelector("#mapping-step-1 input[name='values']"), "Engineering, R&D");
    screenshot("09-mapping-step-1");
    click(By.id("mapping-next"));
    configureMapping(region, profiles.get("Standard"), "100");
    screenshot("10-mapping-step-2");
    click(By.id("mapping-create"));
    mappingRow("Engineering");

    click(By.id("new-mapping"));
    type(By.cssSelector("#mapping-step-1 input[name='name']"), "Executives");
    type(By.cssSelector("#mapping-step-1 input[name='attribute']"), "title");
    type(By.cssSelector("#mapping-step-1 input[name='values']"), "CEO, CFO");
    click(By.id("mapping-next"));
    configureMapping(region, profiles.get("Executives"), "500");
    click(By.id("mapping-create"));
    mappingRow("Executives");
    assertThat(mappingOrder()).containsExactly("Engineering", "Executives");

    click(By.cssSelector("tr[data-mapping-name='Executives'] button[data-move='UP']"));
    wait.until(d -> mappingOrder().equals(List.of("Executives", "Engineering")));
    click(By.cssSelector("tr[data-mapping-name='Executives'] button[data-move='BOTTOM']"));
    wait.until(d -> mappingOrder().equals(List.of("Engineering", "Executives")));
    click(By.cssSelector("tr[data-mapping-name='Engineering'] button[data-move='DOWN']"));
    wait.until(d -> mappingOrder().equals(List.of("Executives", "Engineering")));
    var order = cloud.http().get(api + "/mappings").array();
    assertThat(order.getJsonObject(0).getString("name")).isEqualTo("Executives");
    assertThat(order.getJsonObject(1).getString("name")).isEqualTo("Engineering");

    // edit: name and configuration only, the criterion is shown read-only
    click(By.cssSelector("tr[data-mapping-name='Engineering'] button[data-action='edit']"));
    WebElement edit = visible(By.id("edit-mapping-dialog"));
    assertThat(edit.getText()).contains("cannot change after creation");
    type(By.cssSelector("#edit-mapping-dialog input[name='quotaGb']"), "200");
    click(By.cssSelector("#edit-mapping-dialog [data-action='submit']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("edit-mapping-dialog"), 0));
    wait.until(d -> text(By.cssSelector("tr[data-mapping-name='Engineering']")).contains("200 GB"));
    screenshot("11-mappings");

    // SCIM: one user is provisioned; one matches no mapping and is refused
    var scim = Http.bearer(base(), token);
    String alice = Deployments.unique("alice");
    String bob = Deployments.unique("bob");
    assertThat(scim.send("POST", "/scim/v2/Users", scimUser(alice, "Developer", "Engineering"), "application/scim+json").status())
        .isEqualTo(201);
    var refused = scim.send("POST", "/scim/v2/Users", scimUser(bob, "Clerk", "Marketing"), "application/scim+json");
    assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);

    // users: the report finds the provisioned user; the CSV downloads
    go("users");
    type(By.cssSelector("#users-filter input[name='q']"), alice);
    click(By.id("users-apply"));
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("1–1 of 1"));
    WebElement row = visible(By.cssSelector("#users-table tr[data-user-name='" + alice + "']"));
    assertThat(row.getText()).contains("Engineering", "200 GB", "Standard", "Active");
    screenshot("12-users");
    click(By.id("download-csv"));
    // saved under the server's name: the tenant and the day
    var csv = new java.util.concurrent.atomic.AtomicReference<Path>();
    wait.until(d -> {
      try (Stream<Path> files = Files.list(downloads)) {
        files.filter(f -> f.getFileName().toString().matches("provisioned-users-console-[a-z0-9-]+-\\d{4}-\\d\\d-\\d\\d\\.csv"))
            .filter(f -> size(f) > 0).findFirst().ifPresent(csv::set);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return csv.get() != null;
    });
    String content = Files.readString(csv.get(), StandardCharsets.UTF_8);
    assertThat(content).as("with a byte-order mark, for spreadsheets")
        .startsWith("\uFEFFid,userName,displayName,email,status").contains(alice).doesNotContain(bob);

    // provisioning log: the refused user, with its reason and remedy
    go("log");
    type(By.cssSelector("#log-filter input[name='q']"), bob);
    click(By.id("log-search"));
    wait.until(d -> text(By.cssSelector("#log-host [data-pager-info]")).equals("1–1 of 1"));
    WebElement failure = visible(By.cssSelector("#log-table tr[data-log-user='" + bob + "']"));
    assertThat(failure.getDomAttribute("data-outcome")).isEqualTo("FAILURE");
    assertThat(failure.getDomAttribute("data-reason")).isEqualTo("NO_MAPPING_MATCHED");
    assertThat(text(By.cssSelector("#log-table tr.detail"))).contains("What to do:", "all users");
    screenshot("13-provisioning-log");
    new Select(driver.findElement(By.cssSelector("#log-filter select[name='outcome']"))).selectByValue("SUCCESS");
    type(By.cssSelector("#log-filter input[name='q']"), "");
    click(By.id("log-search"));
    visible(By.cssSelector("#log-table tr[data-log-user='" + alice + "']"));

    // summary: token countdown, last call, the charts
    go("summary");
    assertThat(driver.findElement(By.id("token-status-card")).getDomAttribute("data-tone")).isEqualTo("ok");
    String countdown = text(By.id("token-countdown"));
    assertThat(countdown).matches("\\d+ days \\d\\d:\\d\\d:\\d\\d");
    wait.until(d -> !text(By.id("token-countdown")).equals(countdown));
    visible(By.cssSelector("#failures-chart li[data-reason='NO_MAPPING_MATCHED']"));
    assertThat(driver.findElements(By.cssSelector("#outcomes-chart .bar-ok"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#outcomes-chart .bar-fail"))).isNotEmpty();
    assertThat(text(By.id("last-call-card"))).doesNotContain("Never");
    screenshot("14-summary");

    // audit trail
    go("audit");
    visible(By.cssSelector("#audit-table tr[data-action='MAPPINGS_REORDERED']"));
    visible(By.cssSelector("#audit-table tr[data-action='SCIM_TOKEN_GENERATED']"));
    visible(By.cssSelector("#audit-table tr[data-action='SCIM_TOKEN_REVOKED']"));
    screenshot("15-audit");

    // CSRF: a state-changing call from the page without the token (or with a wrong one) is refused
    String noToken = fetch("POST", "../api/v1/tenants/" + tenantId + "/profiles", "{\"name\":\"csrf-attempt\"}", null);
    assertThat(noToken).startsWith("403 ").contains("CSRF");
    String wrongToken = fetch("POST", "../api/v1/tenants/" + tenantId + "/profiles", "{\"name\":\"csrf-attempt\"}", "forged");
    assertThat(wrongToken).startsWith("403 ");
    assertThat(fetch("POST", "../api/v1/tenants/" + tenantId + "/scim-token", null, null)).startsWith("403 ");
    assertThat(cloud.http().get(api + "/profiles").body()).doesNotContain("csrf-attempt");
    assertThat(Http.bearer(base(), token).get("/scim/v2/Users").status()).isEqualTo(200);

    // a phone: the nav collapses into a menu button
    driver.manage().window().setSize(new Dimension(390, 844));
    go("summary");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav")));
    screenshot("16-phone-summary");
    click(By.id("nav-toggle"));
    visible(By.cssSelector("a[data-nav='mappings']"));
    screenshot("17-phone-menu");
    click(By.cssSelector("a[data-nav='mappings']"));
    visible(By.cssSelector("#page .view[data-page='mappings']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav")));
    screenshot("18-phone-mappings");
    driver.manage().window().setSize(new Dimension(1366, 900));

    // sign out: back to the sign-in page, and the session is gone
    click(By.id("sign-out"));
    assertThat(visible(By.id("login-message")).getText()).contains("signed out");
    assertThat(fetch("GET", "../api/v1/session", null, null)).isEqualTo("200 {\"signedIn\":false}");
    driver.navigate().refresh();
    visible(By.id("login-form"));
  }

  @Test
  void readOnlyAdministratorSeesButCannotGenerateTokens() {
    String tenantId = Setup.tenant(base(), Deployments.unique("ReadOnly"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    assertThat(cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}").status())
        .isEqualTo(200);
    var reader = Setup.admin(base(), tenantId, "READ_ONLY");
    String markup = "<img src=x onerror=\\\"window.__xss=1\\\">";
    assertThat(cloud.http().post("/api/v1/tenants/" + tenantId + "/profiles", "{\"name\":\"" + markup + "\",\"maxUsers\":3}").status())
        .isEqualTo(201);

    signIn(reader.email(), reader.password());
    onPage("summary");
    assertThat(text(By.id("who-role"))).isEqualTo("Read only");

    // the API reference, linked from the console: Swagger UI on the WAR's own /openapi
    click(By.id("api-reference"));
    wait.until(d -> !d.findElements(By.cssSelector(".swagger-ui .info .title")).isEmpty()
        && !d.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
    assertThat(text(By.cssSelector(".swagger-ui .info .title"))).startsWith("Provisio");
    assertThat(driver.findElements(By.cssSelector(".swagger-ui .opblock-summary-path")).stream()
        .map(e -> e.getAttribute("textContent").replace("\u200B", "").strip())) // Swagger UI breaks paths after each /
        .contains("/api/v1/tenants/{tenantId}/diagnosis", "/scim/v2/Users/{id}");
    screenshot("19-api-reference");
    driver.navigate().back();
    onPage("summary");

    go("token");
    visible(By.id("token-role-note"));
    assertThat(driver.findElements(By.id("generate-token"))).isEmpty();
    assertThat(driver.findElements(By.id("oauth-card"))).isEmpty();
    screenshot("20-read-only-token");
    // the server refuses it anyway, even with a valid CSRF token
    String refused = fetch("POST", "../api/v1/tenants/" + tenantId + "/scim-token", null, csrfToken());
    assertThat(refused).startsWith("403 ");
    assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/scim-token").json().getString("status")).isEqualTo("NONE");

    // server-provided text is shown as text, never run as markup
    go("profiles");
    wait.until(d -> text(By.id("profiles-table")).contains("<img src=x onerror="));
    assertThat(driver.findElements(By.cssSelector("#profiles-table img"))).isEmpty();
    assertThat(driver.executeScript("return window.__xss === undefined;")).isEqualTo(true);
    assertThat(driver.findElements(By.id("new-profile-form"))).isEmpty();

    go("mappings");
    assertThat(driver.findElements(By.id("new-mapping"))).isEmpty();
    assertThat(driver.findElements(By.id("add-default-mapping"))).isEmpty();
    go("regions");
    assertThat(driver.findElements(By.id("new-region-form"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#regions-table button[data-action='toggle-health']"))).isEmpty();
    screenshot("21-read-only-regions");

    // the doctor: the checks and the alerts, the alert settings read-only
    go("doctor");
    assertThat(rows("#doctor-checks > li[data-check]")).isEqualTo(7);
    visible(By.id("alert-settings-role-note"));
    assertThat(driver.findElements(By.id("save-alert-settings"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("#alert-settings-form input[name='idpSilentDays']")).getDomProperty("readOnly"))
        .isEqualTo("true");

    go("settings");
    assertThat(driver.findElement(By.cssSelector("input[name='userManagementMode'][value='SCIM']")).isEnabled()).isFalse();
    assertThat(driver.findElements(By.id("save-mode"))).isEmpty();
    assertThat(driver.findElements(By.id("new-admin-form"))).isEmpty();
    screenshot("22-read-only-settings");

    // the session ends (here: signed out from elsewhere): the next call leads back to sign-in
    assertThat(fetch("DELETE", "../api/v1/session", null, csrfToken())).startsWith("204");
    go("users", false);
    assertThat(visible(By.id("login-message")).getText()).contains("session has ended");
    screenshot("23-session-ended");
  }

  @Test
  void operatorManagesTenantsAdministratorsApiAccessAndRegions() {
    signIn(Deployments.operatorEmail(), Deployments.operatorPassword());
    onPage("tenants");
    assertThat(driver.findElements(By.cssSelector("a[data-nav='summary']"))).isEmpty();

    // a tenant, then (its name taken) the error under the name field
    String name = Deployments.unique("Operated");
    type(By.cssSelector("#new-tenant-form input[name='name']"), name);
    click(By.id("create-tenant"));
    visible(By.id("tenant-api-access"));
    assertThat(text(By.id("page-title"))).isEqualTo(name);
    String tenantId = Setup.operator(base()).get("/api/v1/tenants").array().stream()
        .map(v -> v.asJsonObject())
        .filter(t -> t.getString("name").equals(name))
        .findFirst().orElseThrow().getString("id");

    // its first CLOUD_ADMIN
    String email = Deployments.unique("first-admin") + "@example.com";
    type(By.cssSelector("#new-admin-form input[name='email']"), email);
    type(By.cssSelector("#new-admin-form input[name='password']"), "short");
    click(By.id("add-admin"));
    assertThat(visible(By.cssSelector("#new-admin-form .field-error[data-error-for='password']")).getText()).contains("12 characters");
    type(By.cssSelector("#new-admin-form input[name='password']"), "a-long-enough-password");
    new Select(driver.findElement(By.cssSelector("#new-admin-form select[name='role']"))).selectByValue("CLOUD_ADMIN");
    click(By.id("add-admin"));
    visible(By.cssSelector("#administrators-table tr[data-admin-email='" + email + "']"));

    // API access off, after a confirmation
    click(By.cssSelector("#tenant-api-access button[role='switch']"));
    visible(By.id("api-access-confirm"));
    click(By.cssSelector("#api-access-confirm [data-action='confirm']"));
    wait.until(d -> "false".equals(d.findElement(By.cssSelector("#tenant-api-access button[role='switch']")).getDomAttribute("aria-checked")));
    assertThat(Setup.operator(base()).get("/api/v1/tenants/" + tenantId).json().getBoolean("apiAccess")).isFalse();
    screenshot("30-operator-tenant");

    go("tenants");
    visible(By.cssSelector("#tenants-table tr[data-tenant-id='" + tenantId + "']"));
    type(By.cssSelector("#new-tenant-form input[name='name']"), name);
    click(By.id("create-tenant"));
    assertThat(visible(By.cssSelector("#new-tenant-form .field-error[data-error-for='name']")).getText()).contains("already exists");
    screenshot("31-operator-tenants");

    // its audit trail
    driver.get(console() + "#/audit?tenant=" + tenantId);
    visible(By.cssSelector("#audit-table tr[data-action='ADMINISTRATOR_CREATED']"));
    visible(By.cssSelector("#audit-table tr[data-action='TENANT_SETTINGS_CHANGED']"));
    screenshot("32-operator-audit");

    // regions: create one, mark it unhealthy
    go("regions");
    String regionName = Deployments.unique("eu-west");
    type(By.cssSelector("#new-region-form input[name='name']"), regionName);
    click(By.id("create-region"));
    By regionRow = By.cssSelector("#regions-table tr[data-region-name='" + regionName + "']");
    assertThat(visible(regionRow).getText()).contains("Healthy");
    click(By.cssSelector("#regions-table tr[data-region-name='" + regionName + "'] button[data-action='toggle-health']"));
    click(By.cssSelector("dialog [data-action='confirm']"));
    wait.until(d -> text(regionRow).contains("Unhealthy"));
    assertThat(Setup.operator(base()).get("/api/v1/regions").body()).contains(regionName);
    screenshot("33-operator-regions");

    click(By.id("sign-out"));
    visible(By.id("login-form"));
  }

  @Test
  void cloudAdminManagesAdministratorsAndConfirmsWhatItDoesToItself() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Admins"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    var deputy = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    String admins = "/api/v1/tenants/" + tenantId + "/administrators";
    signIn(cloud.email(), cloud.password());
    go("settings");

    // a new administrator starts with the least power
    var role = new Select(visible(By.cssSelector("#new-admin-form select[name='role']")));
    assertThat(role.getFirstSelectedOption().getDomAttribute("value")).isEqualTo("READ_ONLY");
    String email = Deployments.unique("colleague") + "@example.com";
    type(By.cssSelector("#new-admin-form input[name='email']"), email);
    type(By.cssSelector("#new-admin-form input[name='password']"), "a-long-enough-password");
    click(By.id("add-admin"));
    String row = "#administrators-table tr[data-admin-email='" + email + "']";
    assertThat(visible(By.cssSelector(row)).getDomAttribute("data-admin-role")).isEqualTo("READ_ONLY");
    screenshot("40-administrators");

    // a role change of someone else takes effect at once
    new Select(driver.findElement(By.cssSelector(row + " select[data-action='role']"))).selectByValue("ADMIN");
    wait.until(d -> "ADMIN".equals(d.findElement(By.cssSelector(row)).getDomAttribute("data-admin-role")));
    var colleague = Http.basic(base(), email, "a-long-enough-password");
    assertThat(colleague.get(admins).status()).isEqualTo(200);

    // disable (after a confirmation), enable, unlock, reset by mail
    click(By.cssSelector(row + " button[data-action='disable']"));
    assertThat(visible(By.id("disable-admin-confirm")).getText()).contains("can no longer sign in");
    click(By.cssSelector("#disable-admin-confirm [data-action='confirm']"));
    wait.until(d -> "true".equals(d.findElement(By.cssSelector(row)).getDomAttribute("data-admin-disabled")));
    assertThat(text(By.cssSelector(row))).contains("Disabled");
    assertThat(colleague.get(admins).status()).as("disabled at once").isEqualTo(401);
    click(By.cssSelector(row + " button[data-action='enable']"));
    wait.until(d -> "false".equals(d.findElement(By.cssSelector(row)).getDomAttribute("data-admin-disabled")));
    assertThat(colleague.get(admins).status()).isEqualTo(200);
    click(By.cssSelector(row + " button[data-action='unlock']"));
    wait.until(d -> text(By.id("toasts")).contains("unlocked"));
    click(By.cssSelector(row + " button[data-action='reset']"));
    wait.until(d -> text(By.id("toasts")).contains("reset link was emailed to " + email));

    // remove, after a confirmation
    click(By.cssSelector(row + " button[data-action='remove']"));
    assertThat(visible(By.id("remove-admin-confirm")).getText()).contains("cannot be undone");
    click(By.cssSelector("#remove-admin-confirm [data-action='confirm']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row), 0));
    assertThat(colleague.get(admins).status()).isEqualTo(401);

    // demoting oneself needs an explicit confirmation; cancelling keeps the role
    String self = "#administrators-table tr[data-admin-email='" + cloud.email() + "']";
    new Select(driver.findElement(By.cssSelector(self + " select[data-action='role']"))).selectByValue("ADMIN");
    WebElement confirm = visible(By.id("self-confirm"));
    assertThat(confirm.getText()).contains("your own role", "signed out");
    assertThat(driver.findElement(By.cssSelector("#self-confirm [data-action='confirm']")).isEnabled()).isFalse();
    screenshot("41-self-demotion-confirm");
    click(By.cssSelector("#self-confirm [data-action='cancel']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("self-confirm"), 0));
    assertThat(new Select(driver.findElement(By.cssSelector(self + " select[data-action='role']")))
        .getFirstSelectedOption().getDomAttribute("value")).isEqualTo("CLOUD_ADMIN");
    assertThat(entry(admins, cloud.email()).getString("role")).isEqualTo("CLOUD_ADMIN");
    new Select(driver.findElement(By.cssSelector(self + " select[data-action='role']"))).selectByValue("ADMIN");
    visible(By.id("self-confirm"));
    click(By.id("self-confirm-ack"));
    click(By.cssSelector("#self-confirm [data-action='confirm']"));
    assertThat(visible(By.id("login-message")).getText()).contains("Your role is now Admin");
    assertThat(entry(admins, cloud.email()).getString("role")).isEqualTo("ADMIN");

    // the deputy is now the last CLOUD_ADMIN: removing itself is refused with the reason
    signIn(deputy.email(), deputy.password());
    go("settings");
    String deputyRow = "#administrators-table tr[data-admin-email='" + deputy.email() + "']";
    click(By.cssSelector(deputyRow + " button[data-action='remove']"));
    visible(By.id("self-confirm"));
    click(By.id("self-confirm-ack"));
    click(By.cssSelector("#self-confirm [data-action='confirm']"));
    wait.until(d -> text(By.id("toasts")).contains("last CLOUD_ADMIN"));
    screenshot("42-last-cloud-admin");
    assertThat(driver.findElements(By.cssSelector(deputyRow))).hasSize(1);
    assertThat(deputy.http().get(admins).status()).isEqualTo(200);

    // the audit trail shows each change
    go("audit");
    for (String action : List.of("ADMINISTRATOR_ROLE_CHANGED", "ADMINISTRATOR_DISABLED", "ADMINISTRATOR_ENABLED",
        "ADMINISTRATOR_UNLOCKED", "PASSWORD_RESET_ISSUED", "ADMINISTRATOR_REMOVED")) {
      visible(By.cssSelector("#audit-table tr[data-action='" + action + "']"));
    }
  }

  @Test
  void anAdministratorChangesItsPasswordAndResetsAForgottenOneWithTheMailedCode() throws Exception {
    var smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(
        Integer.parseInt(System.getProperty("provisio.it.smtp.port")), "127.0.0.1", "smtp"));
    smtp.start();
    try {
      String tenantId = Setup.tenant(base(), Deployments.unique("Passwords"));
      var person = Setup.admin(base(), tenantId, "ADMIN");
      String admins = "/api/v1/tenants/" + tenantId + "/administrators";
      signIn(person.email(), person.password());
      go("account");

      // change my password: a wrong current one and two different new ones are refused in place
      type(By.cssSelector("#password-form input[name='currentPassword']"), "not-my-password");
      type(By.cssSelector("#password-form input[name='newPassword']"), "my-brand-new-password");
      type(By.cssSelector("#password-form input[name='confirmPassword']"), "my-brand-new-password");
      click(By.id("change-password"));
      assertThat(visible(By.cssSelector("#password-form .field-error[data-error-for='currentPassword']")).getText())
          .contains("current password is wrong");
      type(By.cssSelector("#password-form input[name='currentPassword']"), person.password());
      type(By.cssSelector("#password-form input[name='confirmPassword']"), "something-else-entirely");
      click(By.id("change-password"));
      assertThat(visible(By.cssSelector("#password-form .field-error[data-error-for='confirmPassword']")).getText()).contains("differ");
      type(By.cssSelector("#password-form input[name='confirmPassword']"), "my-brand-new-password");
      click(By.id("change-password"));
      assertThat(visible(By.id("password-changed")).getText()).contains("Your password is changed");
      screenshot("43-my-account");
      assertThat(person.http().get(admins).status()).isEqualTo(401);
      assertThat(Http.basic(base(), person.email(), "my-brand-new-password").get(admins).status()).isEqualTo(200);
      go("summary"); // this session goes on

      // forgotten: the sign-in page leads to a reset by mail
      click(By.id("sign-out"));
      click(By.id("forgot-link"));
      type(By.id("forgot-email"), person.email());
      click(By.id("forgot-submit"));
      assertThat(visible(By.id("forgot-message")).getText()).contains("If an active administrator account has this email");
      screenshot("44-forgot-password");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> !Mailbox.mailsTo(smtp, person.email(), "reset your password").isEmpty());
      String mail = com.icegreen.greenmail.util.GreenMailUtil.getBody(Mailbox.mailsTo(smtp, person.email(), "reset your password").get(0));
      var code = java.util.regex.Pattern.compile("prvr_[A-Za-z0-9_-]+").matcher(mail);
      assertThat(code.find()).as(mail).isTrue();
      assertThat(mail).contains("I have a reset code");

      click(By.id("have-code"));
      type(By.id("reset-code"), code.group());
      type(By.id("reset-password"), "chosen-after-reset-1");
      type(By.id("reset-confirm"), "chosen-after-reset-1");
      screenshot("45-reset-password");
      click(By.id("reset-submit"));
      assertThat(visible(By.id("login-message")).getText()).contains("new password is set");
      assertThat(value(By.id("login-email"))).isEqualTo(person.email());
      type(By.id("login-password"), "chosen-after-reset-1");
      click(By.id("login-submit"));
      onPage("summary");

      // the code works once: as a link, it is refused the second time, saying why
      driver.get(console() + "#/reset/" + code.group());
      visible(By.id("reset-view"));
      assertThat(driver.findElement(By.id("reset-code-field")).isDisplayed()).isFalse();
      type(By.id("reset-password"), "chosen-after-reset-2");
      type(By.id("reset-confirm"), "chosen-after-reset-2");
      click(By.id("reset-submit"));
      assertThat(visible(By.id("reset-error")).getText()).contains("not valid");
      assertThat(Http.basic(base(), person.email(), "chosen-after-reset-1").get(admins).status()).isEqualTo(200);
      // back from there, still signed in
      click(By.cssSelector("#reset-view a.back-to-sign-in"));
      onPage("summary");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void operatorAddsAndRemovesOperatorsAndSeesThePlatformsAuditTrail() {
    signIn(Deployments.operatorEmail(), Deployments.operatorPassword());
    onPage("tenants");
    go("operators");
    visible(By.cssSelector("#operators-table tr[data-operator-email='" + Deployments.operatorEmail() + "']"));
    String email = Deployments.unique("ops") + "@provisio.test";
    type(By.cssSelector("#new-operator-form input[name='email']"), email);
    type(By.cssSelector("#new-operator-form input[name='password']"), "an-operators-password");
    click(By.id("add-operator"));
    String row = "#operators-table tr[data-operator-email='" + email + "']";
    visible(By.cssSelector(row));
    assertThat(Http.basic(base(), email, "an-operators-password").get("/api/v1/operators").status()).isEqualTo(200);
    screenshot("46-operators");

    // removing oneself asks explicitly; here it is cancelled
    String self = "#operators-table tr[data-operator-email='" + Deployments.operatorEmail() + "']";
    click(By.cssSelector(self + " button[data-action='remove']"));
    visible(By.id("self-confirm"));
    assertThat(driver.findElement(By.cssSelector("#self-confirm [data-action='confirm']")).isEnabled()).isFalse();
    click(By.cssSelector("#self-confirm [data-action='cancel']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("self-confirm"), 0));

    click(By.cssSelector(row + " button[data-action='remove']"));
    click(By.cssSelector("#remove-operator-confirm [data-action='confirm']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row), 0));
    assertThat(Http.basic(base(), email, "an-operators-password").get("/api/v1/operators").status()).isEqualTo(401);

    go("audit");
    visible(By.cssSelector("#audit-table tr[data-action='OPERATOR_CREATED']"));
    visible(By.cssSelector("#audit-table tr[data-action='OPERATOR_REMOVED']"));
    screenshot("47-platform-audit");
    go("account");
    visible(By.id("password-form"));
  }

  @Test
  void theSetupChecklistFollowsTheSetupAndTheDoctorExplainsARefusedUser() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Doctor"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    String api = "/api/v1/tenants/" + tenantId;
    signIn(cloud.email(), cloud.password());
    onPage("summary");
    for (String step : List.of("SCIM_MODE", "TOKEN", "PROFILE", "MAPPING", "FALLBACK", "IDP_CALLED", "FIRST_USER")) {
      assertThat(step(step)).as(step).isEqualTo("false");
    }
    assertThat(driver.findElements(By.id("open-alerts"))).isEmpty();
    screenshot("50-setup-checklist-new");

    // each step links to its page; once the account is in SCIM mode, the console goes on to the token
    click(By.cssSelector("#setup-checklist li[data-step='SCIM_MODE'] a"));
    onPage("settings");
    click(By.cssSelector("input[name='userManagementMode'][value='SCIM']"));
    click(By.id("save-mode"));
    click(By.cssSelector("#scim-confirm [data-action='confirm']"));
    onPage("token");
    click(By.id("generate-token"));
    String token = readTokenOnce(null);
    go("summary");
    wait.until(d -> step("SCIM_MODE").equals("true") && step("TOKEN").equals("true"));
    assertThat(step("MAPPING")).isEqualTo("false");

    // a mapping for Engineering only: a user of Marketing is refused
    String region = Setup.region(base(), "HEALTHY");
    String profile = Setup.profile(cloud, 0);
    Setup.mapping(cloud, "Engineering", "{\"attribute\":\"" + ENTERPRISE + ":department\",\"values\":[\"Engineering\"]}",
        region, profile, 100);
    String bob = Deployments.unique("bob");
    var refused = Http.bearer(base(), token).send("POST", "/scim/v2/Users", scimUser(bob, "Clerk", "Marketing"), "application/scim+json");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    driver.navigate().refresh();
    onPage("summary");
    for (String step : List.of("SCIM_MODE", "TOKEN", "REGION", "PROFILE", "MAPPING", "IDP_CALLED")) {
      assertThat(step(step)).as(step).isEqualTo("true");
    }
    assertThat(step("FALLBACK")).isEqualTo("false");
    assertThat(step("FIRST_USER")).isEqualTo("false");
    assertThat(driver.findElement(By.cssSelector("#failures-chart li[data-reason='NO_MAPPING_MATCHED'] a")).getDomAttribute("href"))
        .isEqualTo("#/log?reason=NO_MAPPING_MATCHED");
    screenshot("51-setup-checklist-after-a-refusal");

    // the doctor: MAPPINGS fails, showing what the identity provider sent
    go("doctor");
    assertThat(rows("#doctor-checks > li[data-check]")).isEqualTo(7);
    WebElement mappings = visible(By.cssSelector("#doctor-checks li[data-check='MAPPINGS']"));
    assertThat(mappings.getDomAttribute("data-status")).isEqualTo("FAIL");
    assertThat(mappings.getText()).contains("Failing", "matched no mapping", "\"Marketing\"", "What to do:");
    assertThat(driver.findElement(By.cssSelector("#doctor-checks li[data-check='TOKEN']")).getDomAttribute("data-status")).isEqualTo("OK");
    screenshot("52-doctor");

    // its link opens the log filtered by the reason, with a link to the page that fixes it
    click(By.cssSelector("#doctor-checks li[data-check='MAPPINGS'] a.check-link"));
    onPage("log");
    assertThat(reasonFilter()).isEqualTo("NO_MAPPING_MATCHED");
    visible(By.cssSelector("#log-table tr[data-log-user='" + bob + "'][data-reason='NO_MAPPING_MATCHED']"));
    assertThat(visible(By.cssSelector("#log-table tr.detail a.remedy-link")).getDomAttribute("href")).isEqualTo("#/mappings");
    // the filter survives a reload, and Back returns to it after another one
    driver.navigate().refresh();
    onPage("log");
    assertThat(reasonFilter()).isEqualTo("NO_MAPPING_MATCHED");
    visible(By.cssSelector("#log-table tr[data-log-user='" + bob + "']"));
    assertThat(driver.findElements(By.cssSelector("#log-table tbody tr[data-reason]")))
        .allSatisfy(row -> assertThat(row.getDomAttribute("data-reason")).isEqualTo("NO_MAPPING_MATCHED"));
    new Select(driver.findElement(By.cssSelector("#log-filter select[name='reason']"))).selectByValue("TOKEN_EXPIRED");
    wait.until(d -> text(By.id("log-table")).contains("No entry matches these filters."));
    assertThat(driver.getCurrentUrl()).endsWith("#/log?reason=TOKEN_EXPIRED");
    driver.navigate().back();
    wait.until(d -> "NO_MAPPING_MATCHED".equals(reasonFilter()));
    visible(By.cssSelector("#log-table tr[data-log-user='" + bob + "']"));
    screenshot("53-log-by-reason");

    // replaying the refusal: no mapping places it yet; an "all users" mapping would
    go("mappings");
    click(By.id("replay-failures"));
    wait.until(d -> "1".equals(d.findElement(By.id("replay")).getDomAttribute("data-replayed")));
    assertThat(driver.findElement(By.id("replay")).getDomAttribute("data-would-be-placed")).isEqualTo("0");
    Setup.mapping(cloud, "All users", "{\"allUsers\":true}", region, profile, 50);
    driver.navigate().refresh();
    onPage("mappings");
    click(By.id("replay-failures"));
    wait.until(d -> "1".equals(d.findElement(By.id("replay")).getDomAttribute("data-would-be-placed")));
    assertThat(text(By.id("replay"))).contains("1 of 1 recently refused user would now be placed", "1 to “All users”");
    screenshot("54-replay-recent-failures");

    // alerts: a spike threshold of one failure an hour, set on the Doctor page, opens an alert at the next run
    go("doctor");
    type(By.cssSelector("#alert-settings-form input[name='failureSpikePerHour']"), "0");
    click(By.id("save-alert-settings"));
    assertThat(visible(By.cssSelector("#alert-settings-form .field-error[data-error-for='failureSpikePerHour']")).getText())
        .contains("from 1 to 1000000");
    type(By.cssSelector("#alert-settings-form input[name='failureSpikePerHour']"), "1");
    click(By.id("save-alert-settings"));
    wait.until(d -> text(By.id("toasts")).contains("Alert settings saved"));
    assertThat(cloud.http().get(api + "/alerts/settings").json().getInt("failureSpikePerHour")).isEqualTo(1);
    var run = Setup.operator(base()).post("/api/v1/alerts/run", "{}");
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    go("summary");
    assertThat(visible(By.id("open-alerts")).getText()).contains("open", "failed in the last hour");
    assertThat(driver.findElement(By.id("open-alerts")).getDomAttribute("role")).isEqualTo("alert");
    screenshot("55-summary-open-alert");
    click(By.id("open-doctor"));
    onPage("doctor");
    visible(By.cssSelector("#alerts-table tr[data-alert-kind='FAILURE_SPIKE'][data-open='true']"));
    screenshot("56-doctor-alerts");
  }

  @Test
  void theSimulatorShowsWhichMappingAUserGetsAndAMappingThatCanNeverMatchIsFlagged() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Simulator"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    String region = Setup.region(base(), "HEALTHY");
    String profile = Setup.profile(cloud, 0);
    Setup.mapping(cloud, "Everyone", "{\"allUsers\":true}", region, profile, 50);
    Setup.mapping(cloud, "Engineering", "{\"attribute\":\"" + ENTERPRISE + ":department\",\"values\":[\"Engineering\"]}",
        region, profile, 100);
    signIn(cloud.email(), cloud.password());
    driver.manage().window().setSize(new Dimension(800, 900));
    go("mappings");

    // "Engineering" sits below a mapping that takes every user
    assertThat(visible(By.cssSelector("#mappings-table [data-shadowed='Engineering']")).getText())
        .contains("Can never match: “Everyone” above it takes all its users");
    assertThat(driver.findElements(By.cssSelector("#mappings-table [data-shadowed='Everyone']"))).isEmpty();

    // a pasted user: the first mapping takes it, with each mapping's evaluation
    By json = By.cssSelector("#simulator-form textarea[name='user']");
    type(json, scimUser(Deployments.unique("ada"), "Engineer", "Engineering"));
    click(By.id("simulate"));
    wait.until(d -> "Everyone".equals(d.findElement(By.id("simulation")).getDomAttribute("data-matched")));
    assertThat(text(By.id("simulation"))).contains("Matched: “Everyone”", "50 GB");
    visible(By.cssSelector("#evaluations-table tr[data-evaluation='Everyone'][data-matched='true']"));

    // a proposed order, only in the simulator: "Engineering" first takes the user
    click(By.cssSelector("#simulator-order li[data-order-mapping='Engineering'] button[data-order-move='up']"));
    click(By.id("simulate"));
    wait.until(d -> "Engineering".equals(d.findElement(By.id("simulation")).getDomAttribute("data-matched")));
    assertThat(text(By.id("simulation"))).contains("Matched: “Engineering”", "100 GB");
    assertThat(mappingOrder()).containsExactly("Everyone", "Engineering");
    assertThat(noHorizontalScroll()).as("fits 800 px").isTrue();
    screenshot("57-simulator");

    // invalid JSON: a clear error under the text area
    type(json, "{\"userName\": ");
    click(By.id("simulate"));
    WebElement error = visible(By.cssSelector("#simulator-form .field-error[data-error-for='user']"));
    assertThat(error.getText()).contains("not valid JSON");
    assertThat(driver.findElement(json).getDomAttribute("aria-invalid")).isEqualTo("true");
    screenshot("58-simulator-invalid-json");

    // without JSON, the fields make the user
    type(json, "");
    type(By.cssSelector("#simulator-form input[name='department']"), "Sales");
    click(By.id("simulator-reset-order"));
    click(By.id("simulate"));
    wait.until(d -> d.findElements(By.cssSelector("#simulator-form .field-error")).isEmpty()
        && "Everyone".equals(d.findElement(By.id("simulation")).getDomAttribute("data-matched")));

    // saving that order in the table ends the warning
    driver.manage().window().setSize(new Dimension(1366, 900));
    click(By.cssSelector("tr[data-mapping-name='Engineering'] button[data-move='UP']"));
    wait.until(d -> mappingOrder().equals(List.of("Engineering", "Everyone")));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mappings-table [data-shadowed]"), 0));
  }

  // ---------------------------------------------------------------- issue 18: as people use it

  /** A tenant in SCIM mode with a token, a healthy region and an unlimited profile. */
  private record ScimTenant(String id, Setup.TenantAdmin cloud, Http scim, String region, String profile) {
    String api(String path) {
      return "/api/v1/tenants/" + id + path;
    }
  }

  private ScimTenant scimTenant(String prefix) {
    String tenantId = Setup.tenant(base(), Deployments.unique(prefix));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    assertThat(cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}").status())
        .isEqualTo(200);
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    return new ScimTenant(tenantId, cloud, Http.bearer(base(), token), Setup.region(base(), "HEALTHY"), Setup.profile(cloud, 0));
  }

  private String provision(ScimTenant t, String userName, String department) {
    var created = t.scim().send("POST", "/scim/v2/Users", scimUser(userName, "Staff", department), "application/scim+json");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  @Test
  void aSignedOutPageLoadLogsNoErrorAndAFailedSignInForgetsThePassword() {
    driver.get(console());
    visible(By.id("login-form"));
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .as("the browser console of a signed-out page load")
        .noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue());

    type(By.id("login-email"), Deployments.unique("someone") + "@example.com");
    type(By.id("login-password"), "not-the-password");
    click(By.id("login-submit"));
    assertThat(visible(By.id("login-error")).getText()).contains("Wrong email or password");
    assertThat(value(By.id("login-password"))).as("the refused password is not kept").isEmpty();
  }

  @Test
  void theOutcomesChartKeepsEveryLabelInsideAndAFewFailuresVisibleBesideMillionsOfSuccesses() {
    var t = scimTenant("Chart");
    Setup.mapping(t.cloud(), "All users", "{\"allUsers\":true}", t.region(), t.profile(), 50);
    for (int i = 0; i < 3; i++) {
      provision(t, Deployments.unique("chart"), "Sales");
    }
    var refused = t.scim().send("POST", "/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
        "application/scim+json");
    assertThat(refused.status()).isEqualTo(400);
    signIn(t.cloud().email(), t.cloud().password());
    onPage("summary");
    visible(By.id("outcomes-chart"));
    assertThat(labelsOutside("#outcomes-chart")).as("labels of the real chart outside the SVG").isEmpty();

    // the same chart drawn by the console's own code with counts up to ten million, at 1400 and 800 px
    for (int width : new int[] {1400, 800}) {
      driver.manage().window().setSize(new Dimension(width, 900));
      for (long successes : new long[] {1_250, 2_009, 99_999, 1_250_000, 10_000_000}) {
        driver.executeAsyncScript(
            """
            const [successes, done] = arguments;
            import(new URL('js/pages/summary.js', location.href)).then((m) => {
              document.getElementById('probe-chart')?.remove();
              const day = new Date().toISOString().slice(0, 10);
              const chart = m.outcomesChart([{ day, successes, failures: 5 }]);
              chart.id = 'probe-chart';
              chart.querySelector('svg').id = 'probe-svg';
              document.querySelector('#outcomes-card').append(chart);
              done();
            });
            """, successes);
        assertThat(labelsOutside("#probe-svg")).as(successes + " writes at " + width + " px").isEmpty();
        assertThat(text(By.cssSelector("#probe-chart .legend"))).contains("Failed (5)");
        double failHeight = ((Number) driver.executeScript(
            "return document.querySelector('#probe-svg .bar-fail').getBoundingClientRect().height;")).doubleValue();
        assertThat(failHeight).as("5 failures beside " + successes + " successes, in px").isGreaterThanOrEqualTo(2.0);
      }
    }
    screenshot("60-outcomes-chart-ten-million");
  }

  /** The tick labels of an SVG chart whose drawn box leaves the SVG's box (e.g. "1250" cut to ".250"). */
  @SuppressWarnings("unchecked")
  private List<String> labelsOutside(String svg) {
    return (List<String>) driver.executeScript(
        """
        const svg = document.querySelector(arguments[0]);
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')].filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
        }).map((t) => t.textContent);
        """, svg);
  }

  @Test
  void theUsersPageFindsAnyPartKeepsItsFiltersInTheUrlAndTheFocusOnTheControlUsed() {
    var t = scimTenant("Finding");
    String doomed = Setup.mapping(t.cloud(), "Doomed", "{\"attribute\":\"" + ENTERPRISE + ":department\",\"values\":[\"Doomed\"]}",
        t.region(), t.profile(), 20);
    Setup.mapping(t.cloud(), "All users", "{\"allUsers\":true}", t.region(), t.profile(), 50);
    String stem = Deployments.unique("findme").toLowerCase();
    for (int i = 0; i < 28; i++) {
      provision(t, stem + "-" + i, "Sales");
    }
    String orphan = stem + "-orphan";
    provision(t, orphan, "Doomed");
    assertThat(t.cloud().http().delete(t.api("/mappings/" + doomed)).status()).isEqualTo(204);

    signIn(t.cloud().email(), t.cloud().password());
    go("users");
    // a fragment from the middle of the display name ("User findme-…") finds them
    type(By.cssSelector("#users-filter input[name='q']"), "ser " + stem.substring(0, 8).toUpperCase());
    click(By.id("users-apply"));
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("1–25 of 29"));
    assertThat(driver.getCurrentUrl()).contains("#/users?q=ser+" + stem.substring(0, 8).toUpperCase());
    // the orphaned user's mapping is named as deleted, not a dash
    type(By.cssSelector("#users-filter input[name='q']"), orphan);
    click(By.id("users-apply"));
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("1–1 of 1"));
    assertThat(text(By.cssSelector("#users-table tr[data-user-name='" + orphan + "']"))).contains("Deleted mapping");

    type(By.cssSelector("#users-filter input[name='q']"), stem);
    click(By.id("users-apply"));
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("1–25 of 29"));
    // sorting by keyboard: the focus stays on the column's button, and the sort is in the URL
    WebElement byName = visible(By.cssSelector("#users-table button[data-sort='userName']"));
    byName.sendKeys(Keys.ENTER);
    wait.until(d -> "ascending".equals(d.findElement(By.cssSelector("#users-table th[aria-sort]")).getDomAttribute("aria-sort")));
    assertThat(focused()).isEqualTo("button[data-sort=userName]");
    assertThat(driver.getCurrentUrl()).contains("sort=userName").contains("order=asc");
    String firstRow = firstUser();
    // Next by keyboard: page 2, focus on the pager (Next is now disabled: Previous takes it)
    visible(By.cssSelector("#users-host button[data-page='next']")).sendKeys(Keys.ENTER);
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("26–29 of 29"));
    assertThat(focused()).isEqualTo("button[data-page=previous]");
    assertThat(driver.getCurrentUrl()).contains("page=2");
    String secondPageFirst = firstUser();
    // reload keeps filter, sort and page
    driver.navigate().refresh();
    onPage("users");
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("26–29 of 29"));
    assertThat(value(By.cssSelector("#users-filter input[name='q']"))).isEqualTo(stem);
    assertThat(firstUser()).isEqualTo(secondPageFirst);
    // Back returns to page 1 of the same search and sort
    driver.navigate().back();
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("1–25 of 29"));
    assertThat(firstUser()).isEqualTo(firstRow);
    // a page number jumps there
    WebElement number = visible(By.cssSelector("#users-host input[data-page='jump']"));
    number.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.ENTER);
    wait.until(d -> text(By.cssSelector("#users-host [data-pager-info]")).equals("26–29 of 29"));
    assertThat(focused()).isEqualTo("input[data-page=jump]");
    screenshot("61-users-search-page-2");
  }

  /** Tables that scroll sideways without a visible hint, and elements wider than the window outside them. */
  @SuppressWarnings("unchecked")
  private List<String> uncued() {
    return (List<String>) driver.executeScript(
        """
          const width = document.documentElement.clientWidth;
          const out = [];
          for (const wrap of document.querySelectorAll('.table-wrap')) {
            if (wrap.scrollWidth > wrap.clientWidth + 1) {
              const hint = wrap.parentElement.querySelector('.scroll-hint');
              if (!hint || hint.hidden || hint.getBoundingClientRect().height === 0) out.push(wrap.querySelector('table').id || 'table');
            }
          }
          for (const el of document.querySelectorAll('#page *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 1 && !el.closest('.table-wrap')) out.push(el.tagName + '.' + el.className);
          }
          return out;
          """);
  }

  private String firstUser() {
    return visible(By.cssSelector("#users-table tbody tr[data-user-name]")).getDomAttribute("data-user-name");
  }

  /** The focused element as "tag[attribute=value]" for the data-sort/data-page controls, else its tag. */
  private String focused() {
    return (String) driver.executeScript(
        """
        const el = document.activeElement;
        const tag = el.tagName.toLowerCase();
        if (el.dataset.sort) return `${tag}[data-sort=${el.dataset.sort}]`;
        if (el.dataset.page) return `${tag}[data-page=${el.dataset.page}]`;
        return tag;
        """);
  }

  @Test
  void theLogSaysWhatHappenedAndTheTokenPageSaysWhenRemindersGoOut() {
    var t = scimTenant("Actions");
    Setup.mapping(t.cloud(), "All users", "{\"allUsers\":true}", t.region(), t.profile(), 50);
    String name = Deployments.unique("acted");
    String id = provision(t, name, "Sales");
    var deactivate = t.scim().send("PATCH", "/scim/v2/Users/" + id,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
        "application/scim+json");
    assertThat(deactivate.status()).as(deactivate.toString()).isEqualTo(200);
    assertThat(t.scim().delete("/scim/v2/Users/" + id).status()).isEqualTo(204);
    provision(t, name, "Sales");
    var group = t.scim().send("POST", "/scim/v2/Groups",
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + Deployments.unique("crew") + "\"}",
        "application/scim+json");
    assertThat(group.status()).as(group.toString()).isEqualTo(201);

    signIn(t.cloud().email(), t.cloud().password());
    go("log");
    type(By.cssSelector("#log-filter input[name='q']"), name);
    click(By.id("log-search"));
    wait.until(d -> text(By.cssSelector("#log-host [data-pager-info]")).equals("1–4 of 4"));
    assertThat(driver.findElements(By.cssSelector("#log-table .log-action")).stream().map(WebElement::getText).toList())
        .as("newest first").containsExactly("Restored", "Preserved", "Deactivated", "Created");
    type(By.cssSelector("#log-filter input[name='q']"), "");
    click(By.id("log-search"));
    wait.until(d -> text(By.id("log-table")).contains("Group created"));
    assertThat(text(By.id("log-table"))).doesNotContain("PATCH").doesNotContain("DELETE");
    screenshot("62-log-actions");

    // mail: this server has a mail session, so an activation email is really sent
    var mailing = t.cloud().http().post(t.api("/mappings"), "{\"name\":\"Mailing\",\"criterion\":{\"attribute\":\"title\",\"values\":[\"Mailer\"]},"
        + "\"regionId\":\"" + t.region() + "\",\"profileId\":\"" + t.profile() + "\",\"quotaGb\":5,\"sendActivationEmail\":true}");
    assertThat(mailing.status()).as(mailing.toString()).isEqualTo(201);
    go("mappings");
    assertThat(text(By.cssSelector("tr[data-mapping-name='All users'] [data-activation]"))).isEqualTo("Off");
    assertThat(text(By.cssSelector("tr[data-mapping-name='Mailing'] [data-activation]"))).isEqualTo("Sent to each new user");

    go("token");
    assertThat(visible(By.id("notice-schedule")).getText())
        .contains("30, 14, 7, 3 and 1 days before expiry and on the expiry day", "every CLOUD_ADMIN");
    assertThat(visible(By.id("superseded-note")).getText()).contains("more urgent one fell due at the same time");
  }

  @Test
  void at800PixelsNothingIsCutOffWideTablesSaySoAndNoDarkBandFillsShortPages() {
    var t = scimTenant("Narrow");
    for (String dept : new String[] {"Engineering", "Research and Development", "Sales"}) {
      Setup.mapping(t.cloud(), dept, "{\"attribute\":\"" + ENTERPRISE + ":department\",\"values\":[\"" + dept + "\"]}",
          t.region(), t.profile(), 100);
    }
    Setup.mapping(t.cloud(), "All users", "{\"allUsers\":true}", t.region(), t.profile(), 50);
    provision(t, Deployments.unique("narrow"), "Sales");
    signIn(t.cloud().email(), t.cloud().password());
    driver.manage().window().setSize(new Dimension(800, 900));

    go("mappings");
    visible(By.cssSelector("tr[data-mapping-name='All users']"));
    @SuppressWarnings("unchecked")
    List<String> cut = (List<String>) driver.executeScript(
        """
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('#mappings-table td.actions button')].filter((b) => {
          const r = b.getBoundingClientRect();
          const wrap = b.closest('.table-wrap').getBoundingClientRect();
          return r.left < 0 || r.right > width || r.left < wrap.left || r.right > wrap.right;
        }).map((b) => b.getAttribute('aria-label'));
        """);
    screenshot("63-mappings-800");
    assertThat(cut).as("row actions outside the window or their table's visible box").isEmpty();

    for (String page : List.of("summary", "token", "mappings", "profiles", "users", "log", "audit", "settings")) {
      go(page);
      assertThat(noHorizontalScroll()).as(page + " fits 800 px").isTrue();
      // the hint follows the layout (a ResizeObserver): it may take a frame to appear
      var uncued = new java.util.concurrent.atomic.AtomicReference<List<String>>();
      try {
        wait.withTimeout(Duration.ofSeconds(3)).until(d -> {
          uncued.set(uncued());
          return uncued.get().isEmpty();
        });
      } catch (org.openqa.selenium.TimeoutException e) {
        // reported below
      }
      wait.withTimeout(Duration.ofSeconds(20));
      assertThat(uncued.get()).as(page + ": wider than the window outside a scrolling table with a hint").isEmpty();
    }
    // a short page: the header keeps its height, the page the rest
    go("account");
    long header = ((Number) driver.executeScript("return Math.round(document.querySelector('.sidebar').getBoundingClientRect().height);")).longValue();
    assertThat(header).as("header height on a short page, px").isLessThan(120);
    screenshot("64-account-800");
  }

  @Test
  void textTypedInAFormComesBackAfterTheSessionEndsAndOneSignsInAgain() {
    var t = scimTenant("Draft");
    signIn(t.cloud().email(), t.cloud().password());
    go("profiles");
    type(By.cssSelector("#new-profile-form input[name='name']"), "Half-typed profile");
    // the session ends (here: signed out elsewhere); saving leads to sign-in
    assertThat(fetch("DELETE", "../api/v1/session", null, csrfToken())).startsWith("204");
    click(By.id("create-profile"));
    assertThat(visible(By.id("login-message")).getText()).contains("session has ended");
    type(By.id("login-email"), t.cloud().email());
    type(By.id("login-password"), t.cloud().password());
    click(By.id("login-submit"));
    onPage("profiles");
    wait.until(d -> "Half-typed profile".equals(value(By.cssSelector("#new-profile-form input[name='name']"))));
  }

  /** Whether the setup checklist shows the step as done ("true"/"false"). */
  private String step(String id) {
    return visible(By.cssSelector("#setup-checklist li[data-step='" + id + "']")).getDomAttribute("data-done");
  }

  private String reasonFilter() {
    return new Select(visible(By.cssSelector("#log-filter select[name='reason']"))).getFirstSelectedOption().getDomAttribute("value");
  }

  private boolean noHorizontalScroll() {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth;");
  }

  private jakarta.json.JsonObject entry(String admins, String email) {
    return Setup.operator(base()).get(admins).array().stream()
        .map(v -> v.asJsonObject())
        .filter(a -> a.getString("email").equals(email))
        .findFirst().orElseThrow();
  }

  // ---------------------------------------------------------------- helpers

  private void signIn(String email, String password) {
    browser.signIn(email, password);
  }

  /** Follows the nav link of a page and waits for the page to be rendered. */
  private void go(String page) {
    browser.go(page);
  }

  private void go(String page, boolean expectPage) {
    browser.go(page, expectPage);
  }

  private void onPage(String page) {
    browser.onPage(page);
  }

  private WebElement visible(By by) {
    return browser.visible(by);
  }

  private String text(By by) {
    return browser.text(by);
  }

  private String value(By by) {
    return browser.value(by);
  }

  private int rows(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  private void click(By by) {
    browser.click(by);
  }

  private void type(By by, String text) {
    browser.type(by, text);
  }

  private void createProfile(String name, String maxUsers, boolean dataLock) {
    type(By.cssSelector("#new-profile-form input[name='name']"), name);
    type(By.cssSelector("#new-profile-form input[name='maxUsers']"), maxUsers);
    WebElement lock = driver.findElement(By.cssSelector("#new-profile-form input[name='dataLock']"));
    if (lock.isSelected() != dataLock) {
      lock.click();
    }
    click(By.id("create-profile"));
    visible(By.cssSelector("#profiles-table tr[data-profile-name='" + name + "']"));
  }

  private void configureMapping(String regionId, String profileId, String quota) {
    new Select(visible(By.cssSelector("#mapping-step-2 select[name='regionId']"))).selectByValue(regionId);
    new Select(driver.findElement(By.cssSelector("#mapping-step-2 select[name='profileId']"))).selectByValue(profileId);
    type(By.cssSelector("#mapping-step-2 input[name='quotaGb']"), quota);
    WebElement activation = driver.findElement(By.cssSelector("#mapping-step-2 input[name='sendActivationEmail']"));
    if (activation.isSelected()) {
      activation.click();
    }
  }

  private WebElement mappingRow(String name) {
    return visible(By.cssSelector("#mappings-table tr[data-mapping-name='" + name + "']"));
  }

  private List<String> mappingOrder() {
    return driver.findElements(By.cssSelector("#mappings-table tbody tr[data-mapping-name]")).stream()
        .map(e -> e.getDomAttribute("data-mapping-name"))
        .toList();
  }

  /** Reads the token from the copy-once dialog, confirms it was copied, closes the dialog. */
  private String readTokenOnce(String screenshot) {
    visible(By.id("token-dialog"));
    String token = value(By.id("new-token"));
    WebElement done = driver.findElement(By.cssSelector("#token-dialog [data-action='done']"));
    assertThat(done.isEnabled()).isFalse();
    if (screenshot != null) {
      screenshot(screenshot);
    }
    click(By.id("token-dialog-ack"));
    click(By.cssSelector("#token-dialog [data-action='done']"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("token-dialog"), 0));
    return token;
  }

  private boolean pageContains(String secret) {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.outerHTML.includes(arguments[0])"
            + " || [...document.querySelectorAll('input')].some(i => i.value === arguments[0]);",
        secret);
  }

  private String csrfToken() {
    String session = fetch("GET", "../api/v1/session", null, null);
    assertThat(session).startsWith("200 ");
    String json = session.substring(4);
    return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject().getString("csrfToken");
  }

  /**
   * A fetch from the page, with the session cookie and the console header; with the CSRF token
   * only when one is given. Answers "status body".
   */
  private String fetch(String method, String path, String body, String csrf) {
    Object answer = driver.executeAsyncScript(
        """
        const [method, path, body, csrf, done] = arguments;
        const headers = {'X-Provisio-Console': '1', 'Accept': 'application/json'};
        if (body !== null) headers['Content-Type'] = 'application/json';
        if (csrf !== null) headers['X-CSRF-Token'] = csrf;
        fetch(new URL(path, location.href), {method, headers, body: body === null ? undefined : body, credentials: 'same-origin'})
          .then(r => r.text().then(t => done(r.status + ' ' + t)))
          .catch(e => done('error ' + e));
        """,
        method, path, body, csrf);
    return String.valueOf(answer);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String scimUser(String userName, String title, String department) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
         "userName":"%s","displayName":"%s","title":"%s","emails":[{"value":"%s@acme.example","primary":true}],
         "%s":{"department":"%s"}}"""
        .formatted(ENTERPRISE, userName, "User " + userName, title, userName, ENTERPRISE, department);
  }

  private void screenshot(String name) {
    browser.screenshot(name);
  }
}
