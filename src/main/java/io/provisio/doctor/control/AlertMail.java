package io.provisio.doctor.control;

import io.provisio.doctor.entity.TenantAlert;
import io.provisio.platform.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The alert mails: one per onset, and the daily digest. */
@ApplicationScoped
public class AlertMail {

  public void alert(List<String> to, String tenantName, TenantAlert alert, String baseUrl) throws Mail.NotSent {
    Mail.send(to, "Provisio alert for " + tenantName + ": " + title(alert.getKind()),
        "Hello,\n\n" + alert.getSummary() + "\n\nStarted: " + Diagnosis.WHEN.format(alert.getStartedAt()) + "\n\n"
            + remedy(alert.getKind()) + "\n\n" + "What Provisio found, and what to do: " + doctor(baseUrl) + "\n\n-- Provisio\n");
  }

  public void digest(List<String> to, String tenantName, List<TenantAlert> held, List<TenantAlert> open, String baseUrl)
      throws Mail.NotSent {
    StringBuilder body = new StringBuilder("Hello,\n\nthese conditions started again within a day of an alert about them:\n\n");
    for (TenantAlert alert : held) {
      body.append("- ").append(Diagnosis.WHEN.format(alert.getStartedAt())).append(": ").append(alert.getSummary()).append('\n');
    }
    body.append("\nOpen now: ").append(open.isEmpty() ? "none" : open.size() + " alert(s)").append(".\n\n")
        .append("What Provisio found, and what to do: ").append(doctor(baseUrl)).append("\n\n-- Provisio\n");
    Mail.send(to, "Provisio daily alert digest for " + tenantName, body.toString());
  }

  static String title(TenantAlert.Kind kind) {
    return switch (kind) {
      case FAILURE_SPIKE -> "provisioning failures are spiking";
      case IDP_SILENT -> "the identity provider went silent";
      case PROFILE_NEARLY_FULL -> "a profile is above 90 %";
      case REVOKED_TOKEN_PRESENTED -> "a revoked token is still being presented";
      case REMINDERS_UNDELIVERABLE -> "token expiry reminders cannot be delivered";
    };
  }

  static String remedy(TenantAlert.Kind kind) {
    return switch (kind) {
      case FAILURE_SPIKE -> "Open the provisioning log to see the reasons and their remedies.";
      case IDP_SILENT -> "Check that provisioning still runs in the identity provider and uses the current token.";
      case PROFILE_NEARLY_FULL -> "Raise the profile's maximum number of users (Profiles page) before new users are refused.";
      case REVOKED_TOKEN_PRESENTED -> "Paste the current SCIM token into the identity provider (Token page).";
      case REMINDERS_UNDELIVERABLE -> "The platform operator should check the mail server; until then nobody is told before the token expires.";
    };
  }

  private static String doctor(String baseUrl) {
    return baseUrl == null || baseUrl.isBlank() ? "the Doctor page of the Provisio console"
        : baseUrl.replaceAll("/$", "") + "/console/#/doctor";
  }
}
