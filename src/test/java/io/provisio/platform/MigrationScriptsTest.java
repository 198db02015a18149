package io.provisio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

  @Test
  void theIndexListsEveryMigrationOfTheDirectoryOnce() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources", MigrationScripts.LOCATION))) {
      var onDisk = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
      assertThat(MigrationScripts.names(getClass().getClassLoader())).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }

  @Test
  void flywayFindsTheVersionedScriptsByPrefixAndSuffix() {
    var scripts = MigrationScripts.load(getClass().getClassLoader());
    var versioned = scripts.getResources("V", new String[] {".sql"});
    assertThat(versioned).extracting(r -> r.getFilename()).contains("V1__foundation.sql", "V10__api_tokens.sql");
    assertThat(scripts.getResources("R", new String[] {".sql"})).isEmpty();
    assertThat(scripts.getResource("V1__foundation.sql").read()).isNotNull();
  }
}
