package io.provisio.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema migrations (db/migration), found by name instead of by scanning the class path.
 *
 * <p>Flyway's class-path scanning depends on how the server's class loader exposes a directory of
 * the WAR (file, jar, vfs, wsjar URLs): on Open Liberty it finds no migration at all, and the
 * application starts without tables. Every server can read a resource by its exact name, so the
 * migrations are listed in {@value #INDEX} (MigrationScriptsTest checks that the list and the
 * directory agree) and read with {@link ClassLoader#getResourceAsStream}.
 */
public final class MigrationScripts implements ResourceProvider {

  static final String LOCATION = "db/migration/";
  static final String INDEX = LOCATION + "index.txt";

  private final List<LoadableResource> scripts;

  private MigrationScripts(List<LoadableResource> scripts) {
    this.scripts = scripts;
  }

  public static MigrationScripts load(ClassLoader loader) {
    var scripts = new ArrayList<LoadableResource>();
    for (String name : names(loader)) {
      scripts.add(new Script(name, read(loader, LOCATION + name)));
    }
    return new MigrationScripts(List.copyOf(scripts));
  }

  /** The file names the index lists, in its order. */
  static List<String> names(ClassLoader loader) {
    return read(loader, INDEX).lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  private static String read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Schema migration " + path + " is missing from the WAR");
      }
      try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        var text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Schema migration " + path + " could not be read", e);
    }
  }

  @Override
  public LoadableResource getResource(String name) {
    return scripts.stream().filter(s -> s.getRelativePath().equals(name)).findFirst().orElse(null);
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    return scripts.stream()
        .filter(s -> s.getFilename().startsWith(prefix))
        .filter(s -> Arrays.stream(suffixes).anyMatch(s.getFilename()::endsWith))
        .toList();
  }

  private static final class Script extends LoadableResource {
    private final String name;
    private final String text;

    Script(String name, String text) {
      this.name = name;
      this.text = text;
    }

    @Override
    public Reader read() {
      return new StringReader(text);
    }

    @Override
    public String getAbsolutePath() {
      return LOCATION + name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return LOCATION + name;
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
  }
}
