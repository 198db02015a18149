package io.provisio.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Column;
import jakarta.persistence.Transient;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A new account's insert (written without the persistence context) carries every column the
 * entity maps, by the entity's own column names, and the version a persist would give it.
 */
class ScimUserRowTest {

  @Test
  void theRowOfANewAccountHasEveryMappedColumnAndVersionOne() {
    var user = new ScimUser("tenant", Instant.parse("2026-11-30T00:00:00Z"));
    user.classify("mapping", "profile", "region", 50);

    var row = user.newRow();

    var mapped = Arrays.stream(ScimUser.class.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isAnnotationPresent(Transient.class))
        .map(f -> f.isAnnotationPresent(Column.class) ? f.getAnnotation(Column.class).name() : f.getName())
        .toList();
    assertThat(row.keySet()).containsExactlyInAnyOrderElementsOf(mapped);
    assertThat(row).containsEntry("version", 1L).containsEntry("quota_gb", 50).containsEntry("status", "ACTIVE");
    assertThat(user.getVersion()).isEqualTo(1);
  }

  @Test
  void onlyANewAccountIsInserted() throws Exception {
    var constructor = ScimUser.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    var read = constructor.newInstance(); // as the persistence provider makes a read account
    assertThatThrownBy(read::newRow).isInstanceOf(IllegalStateException.class);
  }
}
