package io.provisio.tenants.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.DatabaseOutage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Security events: sign-ins, failed sign-ins, backoffs, sign-outs. Each is a structured log line
 * ({@code security-event=NAME key=value …}, values without spaces or control characters) and a row
 * of the audit trail of the account's tenant (the platform's, without a tenant, for operators and
 * unknown accounts). Never with a password, token or secret; an email is written only when it
 * names an existing account, since people type passwords into the email field.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SecurityEvents {

  private static final Logger LOG = Logger.getLogger("io.provisio.security");

  @Inject AuditTrail audit;

  public void record(String event, AdministratorAccounts.Credential account, String address, String detail) {
    String who = account == null ? "(unknown account)" : account.email();
    LOG.log(Level.INFO, "security-event={0} account={1} address={2}{3}",
        new Object[] {event, clean(who), clean(address), detail == null ? "" : " " + clean(detail)});
    try {
      audit.record(account == null ? null : account.tenantId(), who, event,
          account == null ? null : account.id(), null,
          "{\"address\":\"" + clean(address) + "\"" + (detail == null ? "" : ",\"detail\":\"" + clean(detail) + "\"") + "}");
    } catch (RuntimeException e) {
      if (!DatabaseOutage.is(e)) throw e;
    }
  }

  /**
   * The log line of a change of an account (issue 16: role, disabled, removed, password changed or
   * reset, unlocked); its audit row is written by the change itself, in its transaction. Never a
   * password or a reset token.
   */
  public static void logChange(String event, String account, String by, String address) {
    LOG.log(Level.INFO, "security-event={0} account={1} by={2}{3}",
        new Object[] {event, clean(account), clean(by), address == null ? "" : " address=" + clean(address)});
  }

  /** Keeps a logged value on one line and free of JSON and log syntax. */
  static String clean(String value) {
    if (value == null) return "-";
    StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
    for (int i = 0; i < value.length() && out.length() < 200; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) || Character.isWhitespace(c) || c == '"' || c == '\\' ? '_' : c);
    }
    return out.toString();
  }
}
