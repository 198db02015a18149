package io.provisio.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro server started as its own process with the built WAR, for tests that stop and
 * start the server (Arquillian keeps one server for a whole class).
 */
public final class PayaraMicroProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private PayaraMicroProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A working directory under target/ for the servers of one test. */
  public static Path workDir(String name) {
    return Path.of(System.getProperty("provisio.war")).getParent().resolve(name);
  }

  /** The environment for a database of the test's own (H2; the PostgreSQL run ignores it). */
  public static Map<String, String> ownDatabase(Path workDir) {
    return Map.of("PROVISIO_H2_PATH", workDir.resolve(Deployments.unique("db")).resolve("provisio").toString());
  }

  /** Starts a server on a free port and waits until /health answers UP. */
  public static PayaraMicroProcess start(Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    int port = freePort();
    Files.createDirectories(workDir);
    Path log = Files.createTempFile(workDir, "payara-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-jar", System.getProperty("payara.microJar")));
    command.addAll(
        List.of(
            "--nocluster",
            "--port", String.valueOf(port),
            "--sslport", String.valueOf(freePort()),
            "--deploy", System.getProperty("provisio.war"),
            "--contextroot", "/",
            "--addLibs", System.getProperty("provisio.server.dir") + File.separator + "postgresql.jar",
            "--postbootcommandfile", System.getProperty("provisio.postboot")));
    var builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    var server = new PayaraMicroProcess(builder.start(), port, log);
    server.awaitHealthy(Duration.ofMinutes(4));
    return server;
  }

  public String base() {
    return "http://localhost:" + port;
  }

  public Path log() {
    return log;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      try {
        if (Http.anonymous(base()).get("/health").status() == 200
            && Http.anonymous(base()).get("/api/v1/regions").status() == 401) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Payara Micro did not become healthy; see " + log);
  }

  /** Kills the server the hard way (kill -9), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
