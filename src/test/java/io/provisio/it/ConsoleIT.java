package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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

  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path profileDir;
  private Path downloads;

  private String base() {
    return url.toString();
  }

  private String console() {
    return base() + (base().endsWith("/") ? "" : "/") + "console/";
  }

  // ---------------------------------------------------------------- browser

  @BeforeEach
  void browser() throws IOException {
    profileDir = Files.createTempDirectory("provisio-console-chromium");
    downloads = Files.createTempDirectory("provisio-console-downloads");
    driver = HeadlessChromium.start(profileDir, downloads);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void quit() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    for (Path dir : new Path[] {profileDir, downloads}) {
      if (dir != null && Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
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
    wait.until(d -> cloud.http().get(api).json().getString("userManagementMode").equals("SCIM"));
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
    Path csv = downloads.resolve("provisioned-users.csv");
    wait.until(d -> Files.exists(csv) && size(csv) > 0);
    String content = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(content).startsWith("id,userName,displayName,email,status").contains(alice).doesNotContain(bob);

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
    assertThat(fetch("GET", "../api/v1/session", null, null)).startsWith("401 ");
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

  private jakarta.json.JsonObject entry(String admins, String email) {
    return Setup.operator(base()).get(admins).array().stream()
        .map(v -> v.asJsonObject())
        .filter(a -> a.getString("email").equals(email))
        .findFirst().orElseThrow();
  }

  // ---------------------------------------------------------------- helpers

  private void signIn(String email, String password) {
    driver.get(console());
    type(By.id("login-email"), email);
    type(By.id("login-password"), password);
    click(By.id("login-submit"));
    visible(By.id("app-view"));
  }

  /** Follows the nav link of a page and waits for the page to be rendered. */
  private void go(String page) {
    go(page, true);
  }

  private void go(String page, boolean expectPage) {
    By link = By.cssSelector("a[data-nav='" + page + "']");
    // the navigation is built once the session is read: wait for the link, then open the menu
    // only where the layout folds it away (narrow windows)
    wait.until(d -> !d.findElements(link).isEmpty());
    if (!driver.findElement(link).isDisplayed()) {
      click(By.id("nav-toggle"));
    }
    click(link);
    if (expectPage) {
      onPage(page);
    }
  }

  private void onPage(String page) {
    visible(By.cssSelector("#page .view[data-page='" + page + "']"));
  }

  private WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private String text(By by) {
    return driver.findElement(by).getText();
  }

  private String value(By by) {
    return visible(by).getDomProperty("value");
  }

  private int rows(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  /** Clicks once the element is clickable (retrying while e.g. a toast or a repaint is in the way). */
  private void click(By by) {
    wait.ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          WebElement el = ExpectedConditions.elementToBeClickable(by).apply(d);
          if (el == null) return false;
          el.click();
          return true;
        });
  }

  private void type(By by, String text) {
    WebElement el = visible(by);
    el.clear();
    if (!text.isEmpty()) {
      el.sendKeys(text);
    }
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

  /** Saves the whole page as a PNG (the window grows to the page's height for the shot). */
  private void screenshot(String name) {
    String dir = System.getProperty("provisio.it.screenshots", "target/screenshots");
    try {
      Path folder = Files.createDirectories(Path.of(dir));
      Dimension size = driver.manage().window().getSize();
      long height = (Long) ((JavascriptExecutor) driver).executeScript(
          "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));");
      boolean grow = height > size.getHeight() - 100 && driver.findElements(By.cssSelector("dialog[open]")).isEmpty();
      if (grow) {
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 160, 4000)));
      }
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      if (grow) {
        driver.manage().window().setSize(size);
      }
      Files.write(folder.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
