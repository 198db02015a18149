package io.provisio.tenants.control;

import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first platform operator from configuration on first start. There is no default
 * password: without the two settings the service starts and explains in its log how to set them.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class OperatorBootstrap {

  private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.operator.email")
  Optional<String> email;

  @Inject
  @ConfigProperty(name = "provisio.operator.password")
  Optional<String> password;

  @PostConstruct
  void bootstrap() {
    long operators =
        em.createNamedQuery(Administrator.COUNT_BY_ROLE, Long.class)
            .setParameter("role", Role.PLATFORM_OPERATOR)
            .getSingleResult();
    if (operators > 0) {
      return;
    }
    if (email.filter(e -> !e.isBlank()).isEmpty() || password.filter(p -> !p.isBlank()).isEmpty()) {
      LOG.warning(
          "No platform operator exists yet. Set PROVISIO_OPERATOR_EMAIL and"
              + " PROVISIO_OPERATOR_PASSWORD (or the MicroProfile Config keys"
              + " provisio.operator.email / provisio.operator.password) and restart to create one.");
      return;
    }
    String weakness = Passwords.weakness(password.get());
    if (weakness != null || !email.get().contains("@")) {
      LOG.severe(
          "The first platform operator was not created: PROVISIO_OPERATOR_EMAIL must be an email"
              + " address and PROVISIO_OPERATOR_PASSWORD "
              + (weakness == null ? "is acceptable" : weakness)
              + ". Fix the settings and restart.");
      return;
    }
    em.persist(
        new Administrator(
            null,
            email.get().trim(),
            passwords.hash(password.get()),
            Role.PLATFORM_OPERATOR,
            clock.instant()));
    LOG.info(() -> "Created the first platform operator " + email.get().trim());
  }
}
