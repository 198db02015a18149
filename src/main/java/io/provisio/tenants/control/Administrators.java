package io.provisio.tenants.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * The lifecycle of administrators (issue 16): add, change role, disable and enable, remove,
 * unlock, and the platform operators; each change in one transaction with its audit entry.
 *
 * <p><b>Every change takes effect at once on every instance</b>, because nothing an instance keeps
 * in memory is trusted without the database: a change of role, password or disabled state
 * increments the account's {@code credential_version}, which every cached HTTP Basic sign-in is
 * compared with ({@link SignIns}); the person's console sessions are deleted (each request checks
 * its row, {@link ConsoleSessions}); API tokens are checked against the account on every call.
 *
 * <p><b>A tenant never loses its last active CLOUD_ADMIN</b>: a change that would leave none
 * (demotion, disabling, removal) is refused with 409. Changes of one tenant's administrators are
 * serialized by the tenant's row lock ({@code SELECT … FOR UPDATE}), taken before anything is
 * read, so two concurrent demotions of its last two CLOUD_ADMINs cannot both pass on any number of
 * instances. Under that lock the actor is read again too: a CLOUD_ADMIN demoted a moment ago by
 * someone else can no longer act as one. Operators are serialized likewise by locking every
 * operator row; there is always at least one.
 */
@Stateless
public class Administrators {

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject ConsoleSessions sessions;
  @Inject AuditTrail audit;
  @Inject PasswordResets resets;
  @Inject Clock clock;

  // ---------------------------------------------------------------- tenant administrators

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Administrator> of(String tenantId) {
    return em.createQuery(
            "SELECT a FROM Administrator a WHERE a.tenantId = :t ORDER BY a.emailLower", Administrator.class)
        .setParameter("t", tenantId)
        .getResultList();
  }

  public Administrator add(AdminIdentity actor, String tenantId, String email, String password, Role role) {
    if (!role.isTenantRole()) {
      throw ApiException.invalid(
          "role", "role must be one of CLOUD_ADMIN, ADMIN, READ_ONLY for a tenant administrator");
    }
    if (em.find(Tenant.class, tenantId) == null) {
      throw ApiException.notFound("No tenant with id " + tenantId + ".");
    }
    var created = create(tenantId, email, password, role);
    audit.record(tenantId, actor.email(), "ADMINISTRATOR_CREATED", created.getEmail(), null,
        state(created));
    return created;
  }

  /**
   * Changes the role and/or the disabled state; either may be null (unchanged). Ends the person's
   * console sessions when anything changed.
   */
  public Administrator change(AdminIdentity actor, String tenantId, String adminId, Role role, Boolean disabled) {
    if (role != null && !role.isTenantRole()) {
      throw ApiException.invalid("role", "role must be one of CLOUD_ADMIN, ADMIN, READ_ONLY for a tenant administrator");
    }
    Administrator target = lockedTarget(actor, tenantId, adminId);
    String before = state(target);
    boolean demoted = role != null && role != Role.CLOUD_ADMIN;
    boolean disabling = Boolean.TRUE.equals(disabled) && !target.isDisabled();
    if (target.isActiveCloudAdmin() && (demoted || disabling) && activeCloudAdmins(tenantId) <= 1) {
      throw ApiException.conflict(lastCloudAdmin(target, actor, demoted ? "demoted" : "disabled"),
          demoted ? "role" : "disabled");
    }
    boolean changed = false;
    if (role != null && role != target.getRole()) {
      Role previous = target.getRole();
      target.changeRole(role);
      changed = true;
      audit.record(tenantId, actor.email(), "ADMINISTRATOR_ROLE_CHANGED", target.getEmail(),
          json("role", previous.name()), json("role", role.name()));
      SecurityEvents.logChange("ADMINISTRATOR_ROLE_CHANGED", target.getEmail(), actor.email(), null);
    }
    if (disabled != null && disabled != target.isDisabled()) {
      target.setDisabled(disabled);
      changed = true;
      String event = disabled ? "ADMINISTRATOR_DISABLED" : "ADMINISTRATOR_ENABLED";
      audit.record(tenantId, actor.email(), event, target.getEmail(), before, state(target));
      SecurityEvents.logChange(event, target.getEmail(), actor.email(), null);
    }
    if (changed) {
      sessions.closeAllOf(target.getId(), null);
    }
    return target;
  }

  /**
   * Removes an administrator of the tenant: its sign-ins end at once on every instance (its
   * console sessions, API tokens and password resets go with it; HTTP Basic finds no account).
   */
  public void remove(AdminIdentity actor, String tenantId, String adminId) {
    Administrator target = lockedTarget(actor, tenantId, adminId);
    if (target.isActiveCloudAdmin() && activeCloudAdmins(tenantId) <= 1) {
      throw ApiException.conflict(lastCloudAdmin(target, actor, "removed"), null);
    }
    delete(target);
    audit.record(tenantId, actor.email(), "ADMINISTRATOR_REMOVED", target.getEmail(), state(target), null);
    SecurityEvents.logChange("ADMINISTRATOR_REMOVED", target.getEmail(), actor.email(), null);
  }

  /** Lifts the sign-in backoff of the administrator's email, for every address and instance. */
  public Administrator unlock(AdminIdentity actor, String tenantId, String adminId) {
    Administrator target = lockedTarget(actor, tenantId, adminId);
    target.unlock(clock.instant());
    audit.record(tenantId, actor.email(), "ADMINISTRATOR_UNLOCKED", target.getEmail(), null, null);
    SecurityEvents.logChange("ADMINISTRATOR_UNLOCKED", target.getEmail(), actor.email(), null);
    return target;
  }

  /**
   * The administrator of the tenant, read after the tenant's row lock is taken (which serializes
   * every change of the tenant's administrators), with the actor checked again under the lock.
   */
  Administrator lockedTarget(AdminIdentity actor, String tenantId, String adminId) {
    Tenant tenant = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (tenant == null) {
      throw ApiException.notFound("No tenant with id " + tenantId + ".");
    }
    if (!actor.isOperator()) {
      Administrator self = em.find(Administrator.class, actor.id());
      if (self == null || !self.isActiveCloudAdmin() || !tenantId.equals(self.getTenantId())) {
        throw ApiException.forbidden(
            "Your administrator role does not allow this action (it changed a moment ago).");
      }
    }
    Administrator target = em.find(Administrator.class, adminId);
    if (target == null || !tenantId.equals(target.getTenantId())) {
      throw ApiException.notFound("No administrator with id " + adminId + " in this tenant.");
    }
    return target;
  }

  private long activeCloudAdmins(String tenantId) {
    return em.createNamedQuery(Administrator.COUNT_ACTIVE_CLOUD_ADMINS, Long.class)
        .setParameter("tenantId", tenantId)
        .setParameter("role", Role.CLOUD_ADMIN)
        .getSingleResult();
  }

  private static String lastCloudAdmin(Administrator target, AdminIdentity actor, String what) {
    String who = target.getId().equals(actor.id()) ? "You are" : target.getEmail() + " is";
    return who + " the tenant's last CLOUD_ADMIN (the only active one), so it cannot be " + what
        + ": make another administrator CLOUD_ADMIN first, so that someone can still manage tokens"
        + " and administrators.";
  }

  // ---------------------------------------------------------------- platform operators

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Administrator> operators() {
    return em.createQuery(
            "SELECT a FROM Administrator a WHERE a.role = :role ORDER BY a.emailLower", Administrator.class)
        .setParameter("role", Role.PLATFORM_OPERATOR)
        .getResultList();
  }

  public Administrator addOperator(AdminIdentity actor, String email, String password) {
    var created = create(null, email, password, Role.PLATFORM_OPERATOR);
    audit.record(null, actor.email(), "OPERATOR_CREATED", created.getEmail(), null, state(created));
    SecurityEvents.logChange("OPERATOR_CREATED", created.getEmail(), actor.email(), null);
    return created;
  }

  /** Removes an operator, never the last one (409). */
  public void removeOperator(AdminIdentity actor, String operatorId) {
    Administrator target = lockedOperator(actor, operatorId);
    long operators = em.createNamedQuery(Administrator.COUNT_BY_ROLE, Long.class)
        .setParameter("role", Role.PLATFORM_OPERATOR)
        .getSingleResult();
    if (operators <= 1) {
      throw ApiException.conflict((target.getId().equals(actor.id()) ? "You are" : target.getEmail() + " is")
          + " the last platform operator, so it cannot be removed: add another operator first.", null);
    }
    delete(target);
    audit.record(null, actor.email(), "OPERATOR_REMOVED", target.getEmail(), state(target), null);
    SecurityEvents.logChange("OPERATOR_REMOVED", target.getEmail(), actor.email(), null);
  }

  public Administrator unlockOperator(AdminIdentity actor, String operatorId) {
    Administrator target = lockedOperator(actor, operatorId);
    target.unlock(clock.instant());
    audit.record(null, actor.email(), "OPERATOR_UNLOCKED", target.getEmail(), null, null);
    SecurityEvents.logChange("OPERATOR_UNLOCKED", target.getEmail(), actor.email(), null);
    return target;
  }

  /**
   * The operator, after every operator row is locked (in one order, so concurrent removals wait
   * for each other instead of deadlocking): whoever comes second counts what the first left.
   */
  Administrator lockedOperator(AdminIdentity actor, String operatorId) {
    List<Administrator> all = em.createQuery(
            "SELECT a FROM Administrator a WHERE a.role = :role ORDER BY a.id", Administrator.class)
        .setParameter("role", Role.PLATFORM_OPERATOR)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
    if (all.stream().noneMatch(a -> a.getId().equals(actor.id()))) {
      throw ApiException.forbidden("Your administrator role does not allow this action (it changed a moment ago).");
    }
    return all.stream()
        .filter(a -> a.getId().equals(operatorId))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("No platform operator with id " + operatorId + "."));
  }

  /**
   * A password reset for another administrator of the tenant ({@code tenantId}), or for another
   * operator ({@code tenantId} null), by whoever may manage it.
   */
  public PasswordResets.Issued issueReset(AdminIdentity actor, String tenantId, String adminId, String delivery) {
    Administrator target = tenantId == null ? lockedOperator(actor, adminId) : lockedTarget(actor, tenantId, adminId);
    return resets.issueFor(target, actor, delivery);
  }

  // ---------------------------------------------------------------- one's own password

  /**
   * Sets the signed-in administrator's new password (the current one was confirmed by the caller,
   * {@link SignIns#confirmPassword}). Its other console sessions end on every instance and its
   * HTTP Basic credentials with the old password fail at once; {@code keepSession}, the console
   * session that made the change, stays signed in.
   */
  public void changeOwnPassword(AdminIdentity me, String newPassword, String keepSession, String address) {
    Administrator account = em.find(Administrator.class, me.id(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null || account.isDisabled()) {
      throw new ApiException(401, "Your account no longer exists or is disabled.", null);
    }
    account.changePassword(passwords.hash(newPassword));
    sessions.closeAllOf(account.getId(), keepSession);
    audit.record(account.getTenantId(), me.email(), "PASSWORD_CHANGED", account.getEmail(), null,
        "{\"address\":\"" + SecurityEvents.clean(address) + "\"}");
    SecurityEvents.logChange("PASSWORD_CHANGED", account.getEmail(), me.email(), address);
  }

  // ---------------------------------------------------------------- shared

  private Administrator create(String tenantId, String email, String password, Role role) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      throw ApiException.invalid("password", "password " + weakness);
    }
    boolean taken = !em.createNamedQuery(Administrator.BY_EMAIL, Administrator.class)
        .setParameter("email", Administrator.normalize(email))
        .getResultList()
        .isEmpty();
    if (taken) {
      throw ApiException.conflict("An administrator with this email already exists.", "email");
    }
    var created = new Administrator(tenantId, email.trim(), passwords.hash(password), role, clock.instant());
    em.persist(created);
    return created;
  }

  private void delete(Administrator target) {
    sessions.closeAllOf(target.getId(), null);
    em.createQuery("DELETE FROM ApiToken t WHERE t.administratorId = :id").setParameter("id", target.getId()).executeUpdate();
    em.createQuery("DELETE FROM PasswordReset r WHERE r.administratorId = :id").setParameter("id", target.getId()).executeUpdate();
    em.remove(target);
  }

  /** The audit snapshot of an administrator: never its password hash. */
  static String state(Administrator a) {
    return ScimJson.objectBuilder()
        .add("email", a.getEmail())
        .add("role", a.getRole().name())
        .add("disabled", a.isDisabled())
        .build()
        .toString();
  }

  private static String json(String key, String value) {
    return ScimJson.objectBuilder().add(key, value).build().toString();
  }
}
