package io.provisio.doctor.control;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.doctor.control.Check.Status;
import io.provisio.doctor.entity.AlertSettings;
import io.provisio.mappings.control.Classification;
import io.provisio.mappings.control.Mappings;
import io.provisio.mappings.entity.Mapping;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.profiles.entity.StorageRegion;
import io.provisio.tenants.control.Tenants;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tenants.entity.UserManagementMode;
import io.provisio.tokens.control.NoticeSchedule;
import io.provisio.tokens.control.ScimTokens;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provisioning doctor: one check per reason why users are not provisioned (the support
 * article's seven guesses), each from what Provisio recorded. Every query is one bounded range of
 * an index: the provisioning log by (tenant, reason, at) or (tenant, operation, at) within the last
 * seven days and at most {@link #SAMPLE} rows, the tenant's mappings, profiles and tokens (a few
 * rows). So a tenant with a million users and a million log entries is diagnosed as fast as a new one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Diagnosis {

  /** How far back failures count as recent. */
  public static final Duration RECENT = Duration.ofDays(7);
  /** At most this many recent failures of a reason are read for their evidence. */
  static final int SAMPLE = 500;

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Inject Tenants tenants;
  @Inject ScimTokens tokens;
  @Inject ProvisioningLog log;
  @Inject Mappings mappings;
  @Inject ProfileStore places;
  @Inject AlertSettingsStore settings;

  @Inject
  @ConfigProperty(name = "provisio.token.reminder-days", defaultValue = "30,14,7,3,1,0")
  String reminderDays;

  /** The seven checks, in the order an administrator would look. */
  public List<Check> diagnose(String tenantId, Instant now) {
    Tenant tenant = tenants.find(tenantId).orElseThrow();
    Instant since = now.minus(RECENT);
    List<Mapping> list = mappings.list(tenantId);
    return List.of(
        idpActivity(tenant, now, since),
        scimUrl(tenantId, since),
        token(tenantId, now, since),
        mappings(tenantId, list, since),
        profileCapacity(tenantId, since),
        emailConflicts(tenantId, since),
        regionHealth(tenantId, list, since));
  }

  Check idpActivity(Tenant tenant, Instant now, Instant since) {
    String tenantId = tenant.getId();
    AlertSettings set = settings.of(tenantId);
    Instant last = tokens.lastCall(tenantId);
    long creates = log.countOperations(tenantId, "CREATE", true, since);
    List<String> evidence = new ArrayList<>();
    evidence.add(last == null ? "The identity provider has never called." : "Last call: " + WHEN.format(last) + ".");
    evidence.add("Users created in the last 7 days: " + creates + ".");
    boolean scim = tenant.getUserManagementMode() == UserManagementMode.SCIM;
    if (!scim) {
      return new Check("IDP_ACTIVITY", Status.WARN, "The account is not in SCIM mode: the identity provider cannot provision.",
          evidence, "Switch the user-management mode to SCIM (CLOUD_ADMIN).", "#/settings");
    }
    if (last == null) {
      return new Check("IDP_ACTIVITY", Status.WARN, "The identity provider has never called Provisio.", evidence,
          "Configure provisioning in the identity provider with Provisio's SCIM base URL and token, and start it"
              + " (Okta: Provisioning > To App; Entra ID: Provisioning > Start provisioning).", "#/token");
    }
    if (last.isBefore(now.minus(Duration.ofDays(set.getIdpSilentDays())))) {
      long days = Duration.between(last, now).toDays();
      return new Check("IDP_ACTIVITY", Status.WARN, "The identity provider has been silent for " + days + " days"
          + " (more than " + set.getIdpSilentDays() + ").", evidence,
          "Check that provisioning is still running in the identity provider (Entra ID stops it after repeated"
              + " errors, \"quarantine\"), and that its token is the current one.", "#/token");
    }
    return new Check("IDP_ACTIVITY", Status.OK, "The identity provider called " + WHEN.format(last) + ".", evidence, null,
        "#/log");
  }

  Check scimUrl(String tenantId, Instant since) {
    String reason = ProvisioningOutcome.WRONG_URL.name();
    long count = log.countFailures(tenantId, reason, since);
    if (count == 0) {
      return new Check("SCIM_URL", Status.OK, "No calls with this account's token reached a wrong URL in the last 7 days.",
          List.of(), null, "#/token");
    }
    Map<String, Integer> paths = new LinkedHashMap<>();
    String right = null;
    for (var failure : log.recentFailures(tenantId, reason, since, SAMPLE)) {
      String detail = failure.detail() == null ? "" : failure.detail();
      int called = detail.indexOf("called ");
      int end = detail.indexOf(", which");
      if (called >= 0 && end > called) paths.merge(detail.substring(called + 7, end), 1, Integer::sum);
      int base = detail.indexOf("The SCIM base URL is ");
      if (right == null && base >= 0) right = detail.substring(base + 21).replaceAll("\\.$", "");
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(count + " call(s) with this account's valid token to a wrong URL in the last 7 days.");
    mostFrequent(paths, 5).forEach((path, n) -> evidence.add(path + " (" + n + "×)"));
    if (right != null) evidence.add("The SCIM base URL is " + right + ".");
    return new Check("SCIM_URL", Status.FAIL, "The identity provider calls a wrong URL with this account's token.", evidence,
        ProvisioningOutcome.WRONG_URL.remedy(), "#/log?reason=" + reason);
  }

  Check token(String tenantId, Instant now, Instant since) {
    var status = tokens.status(tenantId);
    long revokedCalls = log.countFailures(tenantId, ProvisioningOutcome.TOKEN_REVOKED.name(), since);
    List<String> evidence = new ArrayList<>();
    Status result = Status.OK;
    String summary;
    String remedy = null;
    if (status.expiresAt() == null) {
      result = Status.FAIL;
      summary = "The account has no SCIM token.";
      remedy = "Generate a token (CLOUD_ADMIN, Token page) and paste it into the identity provider.";
    } else {
      evidence.add("Generated " + WHEN.format(status.createdAt()) + ", expires " + WHEN.format(status.expiresAt()) + ".");
      if (status.lastUsedAt() != null) evidence.add("Last used " + WHEN.format(status.lastUsedAt()) + ".");
      long daysLeft = ScimTokens.daysLeft(status.expiresAt(), now);
      int firstReminder = NoticeSchedule.parse(reminderDays).get(0);
      if (!status.expiresAt().isAfter(now)) {
        result = Status.FAIL;
        summary = "The SCIM token expired on " + WHEN.format(status.expiresAt()) + ".";
        remedy = ProvisioningOutcome.TOKEN_EXPIRED.remedy();
      } else if (daysLeft <= firstReminder) {
        result = Status.WARN;
        summary = "The SCIM token expires in " + daysLeft + " day(s), on " + WHEN.format(status.expiresAt()) + ".";
        remedy = "Generate a new token before then and paste it into the identity provider.";
      } else {
        summary = "The SCIM token is valid until " + WHEN.format(status.expiresAt()) + ".";
      }
    }
    if (revokedCalls > 0) {
      var last = log.recentFailures(tenantId, ProvisioningOutcome.TOKEN_REVOKED.name(), since, 1);
      evidence.add(revokedCalls + " call(s) with a revoked token in the last 7 days, the last "
          + WHEN.format(last.get(0).at()) + ".");
      result = Check.worst(result, Status.WARN);
      summary = summary + " A revoked token is still being presented.";
      remedy = ProvisioningOutcome.TOKEN_REVOKED.remedy();
    }
    return new Check("TOKEN", result, summary, evidence, remedy, "#/token");
  }

  Check mappings(String tenantId, List<Mapping> list, Instant since) {
    String reason = ProvisioningOutcome.NO_MAPPING_MATCHED.name();
    if (list.isEmpty()) {
      return new Check("MAPPINGS", Status.FAIL, "The account has no mappings: no user can be placed.", List.of(),
          "Add a mapping, e.g. the recommended \"all users\" mapping (Mappings page).", "#/mappings");
    }
    var rules = list.stream().map(m -> new Classification.Rule(m.getId(), m.getName(), m.criterion())).toList();
    Status result = Status.OK;
    List<String> evidence = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    var shadowed = Classification.shadowed(rules);
    for (var rule : rules) {
      var by = shadowed.get(rule.id());
      if (by != null) {
        evidence.add("Mapping \"" + rule.name() + "\" can never match: \"" + by.name() + "\" above it takes all its users.");
      }
    }
    if (!shadowed.isEmpty()) {
      result = Status.WARN;
      summaries.add(shadowed.size() + " mapping(s) can never match");
    }
    if (rules.stream().noneMatch(r -> r.criterion().allUsers())) {
      result = Status.WARN;
      summaries.add("no fallback (\"all users\") mapping");
      evidence.add("No \"all users\" mapping at the lowest priority: a user no criterion matches is refused.");
    }
    long failures = log.countFailures(tenantId, reason, since);
    if (failures > 0) {
      result = Status.FAIL;
      summaries.add(failures + " user(s) matched no mapping in the last 7 days");
      evidence.add(failures + " NO_MAPPING_MATCHED failure(s) in the last 7 days.");
      Map<String, Integer> sent = new HashMap<>();
      for (var failure : log.recentFailures(tenantId, reason, since, SAMPLE)) {
        for (var entry : Classification.parseTestedValues(failure.testedValues()).entrySet()) {
          if (entry.getValue().isEmpty()) {
            sent.merge(entry.getKey() + ": no value", 1, Integer::sum);
          }
          for (String value : new LinkedHashSet<>(entry.getValue())) {
            sent.merge(entry.getKey() + " = \"" + value + "\"", 1, Integer::sum);
          }
        }
      }
      mostFrequent(sent, 10).forEach((value, n) -> evidence.add("Sent by the identity provider: " + value + " (" + n + "×)"));
    }
    String summary = summaries.isEmpty()
        ? list.size() + " mapping(s); every one can match, with a fallback."
        : capitalise(String.join("; ", summaries)) + ".";
    String remedy = result == Status.OK ? null
        : failures > 0 ? ProvisioningOutcome.NO_MAPPING_MATCHED.remedy() + " Try it first with the simulator (Mappings page)."
        : "Move or delete the mappings that can never match, and add an \"all users\" mapping at the lowest priority.";
    return new Check("MAPPINGS", result, summary, evidence, remedy,
        failures > 0 ? "#/log?reason=" + reason : "#/mappings");
  }

  Check profileCapacity(String tenantId, Instant since) {
    List<String> evidence = new ArrayList<>();
    Status result = Status.OK;
    for (Profile profile : places.profiles(tenantId)) {
      if (profile.getMaxUsers() <= 0) continue;
      int percent = (int) Math.floor(100.0 * profile.getUserCount() / profile.getMaxUsers());
      if (profile.getUserCount() >= profile.getMaxUsers()) {
        result = Status.FAIL;
        evidence.add("Profile \"" + profile.getName() + "\" is full: " + profile.getUserCount() + " of " + profile.getMaxUsers() + " users.");
      } else if (percent >= 90) {
        result = Check.worst(result, Status.WARN);
        evidence.add("Profile \"" + profile.getName() + "\" is " + percent + " % full: " + profile.getUserCount()
            + " of " + profile.getMaxUsers() + " users.");
      }
    }
    long failures = log.countFailures(tenantId, ProvisioningOutcome.PROFILE_FULL.name(), since);
    if (failures > 0) {
      result = Status.FAIL;
      evidence.add(failures + " PROFILE_FULL failure(s) in the last 7 days.");
    }
    String summary = switch (result) {
      case OK -> "No profile is full or above 90 %.";
      case WARN -> "A profile is above 90 % of its maximum.";
      case FAIL -> "A profile is full: its users are refused.";
    };
    return new Check("PROFILE_CAPACITY", result, summary, evidence,
        result == Status.OK ? null : ProvisioningOutcome.PROFILE_FULL.remedy(),
        failures > 0 ? "#/log?reason=PROFILE_FULL" : "#/profiles");
  }

  Check emailConflicts(String tenantId, Instant since) {
    String reason = ProvisioningOutcome.EMAIL_TAKEN.name();
    long failures = log.countFailures(tenantId, reason, since);
    if (failures == 0) {
      return new Check("EMAIL_CONFLICTS", Status.OK, "No user was refused for an email used elsewhere in the last 7 days.",
          List.of(), null, "#/log?reason=" + reason);
    }
    // the emails this tenant's IdP sent; whose account holds them is never said (it may be another tenant's)
    Map<String, Integer> emails = new LinkedHashMap<>();
    for (var failure : log.recentFailures(tenantId, reason, since, SAMPLE)) {
      if (failure.email() != null) emails.merge(failure.email(), 1, Integer::sum);
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(failures + " EMAIL_TAKEN failure(s) in the last 7 days.");
    mostFrequent(emails, 10).forEach((email, n) -> evidence.add(email + " (" + n + "×)"));
    return new Check("EMAIL_CONFLICTS", Status.WARN, failures + " user(s) were refused: their email is used by another account.",
        evidence, ProvisioningOutcome.EMAIL_TAKEN.remedy(), "#/log?reason=" + reason);
  }

  Check regionHealth(String tenantId, List<Mapping> list, Instant since) {
    List<String> evidence = new ArrayList<>();
    Status result = Status.OK;
    Set<String> seen = new LinkedHashSet<>();
    for (Mapping mapping : list) {
      StorageRegion region = places.region(mapping.getRegionId()).orElse(null);
      if (region == null || region.getHealth() != RegionHealth.HEALTHY) {
        result = Status.FAIL;
        evidence.add("Mapping \"" + mapping.getName() + "\" points at " + (region == null ? "a deleted region"
            : "the unhealthy region \"" + region.getName() + "\"") + ".");
      } else {
        seen.add(region.getName());
      }
    }
    long failures = log.countFailures(tenantId, ProvisioningOutcome.REGION_UNHEALTHY.name(), since);
    if (failures > 0) {
      result = Check.worst(result, Status.WARN);
      evidence.add(failures + " REGION_UNHEALTHY failure(s) in the last 7 days.");
    }
    String summary = switch (result) {
      case OK -> list.isEmpty() ? "No mapping points at a region yet." : "Every mapping points at a healthy region.";
      case WARN -> "Users were refused recently because a region was unhealthy.";
      case FAIL -> "A mapping points at an unhealthy region: its users are refused until it recovers.";
    };
    return new Check("REGION_HEALTH", result, summary, evidence,
        result == Status.OK ? null : ProvisioningOutcome.REGION_UNHEALTHY.remedy(),
        failures > 0 && result == Status.WARN ? "#/log?reason=REGION_UNHEALTHY" : "#/mappings");
  }

  /** The most frequent first (ties: first seen first), at most {@code limit}. */
  static Map<String, Integer> mostFrequent(Map<String, Integer> counts, int limit) {
    Map<String, Integer> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(limit)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** One step of setting an account up for SCIM: done or not, and where in the console. */
  public record Step(String id, boolean done, String label, String link) {}

  /** The setup checklist, in the order an administrator goes through it. */
  public List<Step> checklist(String tenantId) {
    Tenant tenant = tenants.find(tenantId).orElseThrow();
    List<Mapping> list = mappings.list(tenantId);
    var token = tokens.status(tenantId);
    return List.of(
        new Step("SCIM_MODE", tenant.getUserManagementMode() == UserManagementMode.SCIM,
            "Switch the account to SCIM user management", "#/settings"),
        new Step("TOKEN", "ACTIVE".equals(token.status()), "Generate a SCIM token and paste it into the identity provider", "#/token"),
        new Step("REGION", places.anyHealthyRegion(), "A healthy storage region exists (platform operator)", "#/regions"),
        new Step("PROFILE", !places.profiles(tenantId).isEmpty(), "Create a profile", "#/profiles"),
        new Step("MAPPING", !list.isEmpty(), "Create a mapping", "#/mappings"),
        new Step("FALLBACK", list.stream().anyMatch(m -> m.criterion().allUsers()),
            "Add an \"all users\" mapping at the lowest priority as a fallback", "#/mappings"),
        new Step("IDP_CALLED", tokens.lastCall(tenantId) != null, "The identity provider has called Provisio", "#/doctor"),
        new Step("FIRST_USER", log.lastOf(tenantId, "CREATE") != null, "The first user was provisioned", "#/users"));
  }
}
