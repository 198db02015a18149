package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the console says about mail (issue 18), read in headless Chromium as an administrator reads
 * it, on servers of the test's own: the embedded default, which has no mail session, says the
 * activation email is not sent; a server whose mail server is down lists the expiry notice it could
 * not deliver on the Token page, and its Summary says the reminders are failing. (ConsoleIT's server
 * has a mail session that works: there the Mappings page says "Sent to each new user".)
 */
class ConsoleMailIT {

  private static final Path WORK = PayaraMicroProcess.workDir("console-mail-it");

  /** A tenant in SCIM mode with its generated token and a CLOUD_ADMIN. */
  private record ScimTenant(String id, Setup.TenantAdmin cloud) {
    String api(String path) {
      return "/api/v1/tenants/" + id + path;
    }
  }

  private static ScimTenant scimTenant(String base, String prefix) {
    String tenantId = Setup.tenant(base, Deployments.unique(prefix));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    var t = new ScimTenant(tenantId, cloud);
    assertThat(cloud.http().patch(t.api("/settings"), "{\"userManagementMode\":\"SCIM\"}").status()).isEqualTo(200);
    assertThat(cloud.http().post(t.api("/scim-token"), null).status()).isEqualTo(201);
    return t;
  }

  private static void mapping(String base, ScimTenant t, String name, String criterion, boolean sendActivationEmail) {
    var created = t.cloud().http().post(t.api("/mappings"), "{\"name\":\"" + name + "\",\"criterion\":" + criterion
        + ",\"regionId\":\"" + Setup.region(base, "HEALTHY") + "\",\"profileId\":\"" + Setup.profile(t.cloud(), 0)
        + "\",\"quotaGb\":5,\"sendActivationEmail\":" + sendActivationEmail + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  private static String activation(ConsoleBrowser browser, String mapping) {
    return browser.visible(By.cssSelector("#mappings-table tr[data-mapping-name='" + mapping + "'] [data-activation]"))
        .getText();
  }

  @Test
  void withoutAMailSessionTheMappingsSayTheActivationEmailIsNotSent() throws Exception {
    // the embedded default, exactly as the README starts it: no mail session
    try (var server = PayaraMicroProcess.startEmbeddedDefault(WORK.resolve(Deployments.unique("no-mail")), Map.of());
        var browser = ConsoleBrowser.open(server.base())) {
      var t = scimTenant(server.base(), "NoMail");
      mapping(server.base(), t, "Welcomed", "{\"attribute\":\"title\",\"values\":[\"New\"]}", true);
      mapping(server.base(), t, "All users", "{\"allUsers\":true}", false);

      browser.signIn(t.cloud().email(), t.cloud().password());
      browser.go("mappings");
      assertThat(activation(browser, "Welcomed"))
          .contains("Not sent", "On, but this server has no mail session: no email goes out.")
          .doesNotContain("Sent to each new user");
      assertThat(activation(browser, "All users")).isEqualTo("Off");
      browser.screenshot("mail-01-mappings-without-mail");

      // the Token page says the same of the expiry notices
      browser.go("token");
      assertThat(browser.visible(By.id("notices-card")).getText())
          .contains("No mail server is configured", "notices are recorded but cannot be sent");
    }
  }

  @Test
  void undeliverableRemindersAreListedOnTheTokenPageAndTheSummarySaysSo() throws Exception {
    List<Integer> ports = PayaraMicroProcess.freePorts(2);
    var smtp = new GreenMail(new ServerSetup(ports.get(0), "127.0.0.1", "smtp"));
    smtp.start();
    try (var server = PayaraMicroProcess.start(WORK, Map.of("PROVISIO_SMTP_PORT", String.valueOf(ports.get(0))), ports.get(1));
        var browser = ConsoleBrowser.open(server.base())) {
      String base = server.base();
      var operator = Setup.operator(base);
      var t = scimTenant(base, "Reminders");
      mapping(base, t, "Welcomed", "{\"attribute\":\"title\",\"values\":[\"New\"]}", true);

      // 20 days before expiry the 30-day reminder goes out
      Database.expireGeneratedTokenAt(t.id(), Instant.now().plus(20, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
      assertThat(operator.post("/api/v1/notices/run", null).json().getInt("sent")).isGreaterThanOrEqualTo(1);
      assertThat(Mailbox.mailsTo(smtp, t.cloud().email(), "expires in 20 days")).hasSize(1);
      // 5 days before it the mail server is down: the 7-day reminder is not delivered, the 14-day one superseded
      Database.expireGeneratedTokenAt(t.id(), Instant.now().plus(5, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
      smtp.stop();
      assertThat(operator.post("/api/v1/notices/run", null).json().getInt("notDelivered")).isGreaterThanOrEqualTo(1);
      var run = operator.post("/api/v1/alerts/run", "{}");
      assertThat(run.status()).as(run.toString()).isEqualTo(200);
      JsonObject undelivered = t.cloud().http().get(t.api("/scim-token/notices")).array().stream()
          .map(v -> v.asJsonObject()).filter(n -> n.getInt("thresholdDays") == 7).findFirst().orElseThrow();
      String error = undelivered.getString("lastError");
      assertThat(error).contains("could not be reached");

      // the Summary: the token card says the reminders fail and leads to them
      browser.signIn(t.cloud().email(), t.cloud().password());
      browser.onPage("summary");
      assertThat(browser.visible(By.id("reminders-failing")).getText())
          .isEqualTo("Expiry reminders are not being delivered. See the undelivered notices");
      assertThat(browser.text(By.id("token-status-card"))).contains("Regenerate it before it expires");
      assertThat(browser.text(By.id("open-alerts"))).contains("The token expiry reminder (7 days) could not be delivered");
      browser.screenshot("mail-02-summary-reminders-failing");
      browser.click(By.cssSelector("#reminders-failing a"));

      // the Token page: the undelivered notice with its attempts and the mail server's error
      browser.onPage("token");
      WebElement callout = browser.visible(By.id("undelivered-notices"));
      assertThat(callout.getText()).contains("A notice could not be delivered", "Provisio keeps trying");
      assertThat(callout.findElements(By.tagName("li")).stream().map(WebElement::getText).toList())
          .containsExactly("7 days before: 1 attempt (" + error + ")");
      assertThat(browser.text(By.id("superseded-note"))).contains("“Superseded” means the notice was not sent");
      // the notices in the order they fall due, each with what became of it
      var rows = browser.driver().findElements(By.cssSelector("#notices-table tbody tr[data-threshold]"));
      assertThat(rows.stream().map(r -> r.findElement(By.cssSelector("td")).getText()).toList())
          .containsExactly("30 days before", "14 days before", "7 days before");
      assertThat(rows.stream().map(r -> r.findElements(By.cssSelector("td")).get(1).getText()).toList())
          .containsExactly("Sent", "Superseded", "Not delivered yet");
      assertThat(rows.get(0).getText()).contains(t.cloud().email());
      assertThat(rows.get(2).getText()).contains(error);
      browser.screenshot("mail-03-token-undelivered-notices");

      // this server has a mail session: its Mappings say the activation email is sent
      browser.go("mappings");
      assertThat(activation(browser, "Welcomed")).isEqualTo("Sent to each new user");
    } finally {
      smtp.stop();
    }
  }
}
