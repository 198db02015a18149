package io.provisio.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * Starts a server on a free port and waits until /health answers UP. The post-boot file is the
   * build's (H2 or PostgreSQL), unless {@code PROVISIO_POSTBOOT} in the environment names another,
   * as for cluster-member.sh.
   */
  public static PayaraMicroProcess start(Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(workDir, environment, freePort());
  }

  /** Like {@link #start(Path, Map)} on a port chosen beforehand (e.g. for its public URL). */
  public static PayaraMicroProcess start(Path workDir, Map<String, String> environment, int port)
      throws IOException, InterruptedException {
    return launch(serverCommand(port, environment), port, workDir, environment, "/health");
  }

  /**
   * Like {@link #start(Path, Map)}, but waits only until the server is alive ({@code /health/live})
   * and its API answers: readiness is left unprobed, for the test to probe first.
   */
  public static PayaraMicroProcess startAlive(Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    int port = freePort();
    return launch(serverCommand(port, environment), port, workDir, environment, "/health/live");
  }

  private static List<String> serverCommand(int port, Map<String, String> environment) throws IOException {
    return payaraMicro(port,
        "--nocluster",
        "--sslport", String.valueOf(freePort()),
        "--addLibs", serverLib("postgresql.jar"),
        "--postbootcommandfile",
        environment.getOrDefault("PROVISIO_POSTBOOT", System.getProperty("provisio.postboot")));
  }

  /**
   * Starts the embedded default exactly as the README's command does (server-config/payara-micro/
   * h2.asadmin, --nohazelcast, HTTP only), in {@code workDir}, whose ./data it uses.
   */
  public static PayaraMicroProcess startEmbeddedDefault(Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    int port = freePort();
    return launch(payaraMicro(port,
        "--nohazelcast",
        "--postbootcommandfile", Path.of("server-config", "payara-micro", "h2.asadmin").toAbsolutePath().toString()),
        port, workDir, environment);
  }

  /** java -jar payara-micro.jar with the built WAR at / on {@code port}, plus {@code options}. */
  private static List<String> payaraMicro(int port, String... options) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
        "--port", String.valueOf(port), "--deploy", System.getProperty("provisio.war"), "--contextroot", "/"));
    command.addAll(List.of(options));
    return command;
  }

  /**
   * Starts one member of a cluster the way operators do, with
   * server-config/payara-micro/cluster-member.sh, and waits until /health answers UP.
   */
  public static PayaraMicroProcess startClusterMember(
      Path workDir, Map<String, String> environment, String clusterName, List<Integer> hazelcastPorts, int member)
      throws IOException, InterruptedException {
    int port = freePort();
    Map<String, String> cluster = new HashMap<>();
    cluster.put("JAVA", java());
    cluster.put("PAYARA_MICRO_JAR", System.getProperty("payara.microJar"));
    cluster.put("PROVISIO_WAR", System.getProperty("provisio.war"));
    cluster.put("POSTGRESQL_JAR", serverLib("postgresql.jar"));
    cluster.put("PROVISIO_POSTBOOT", System.getProperty("provisio.postboot"));
    cluster.put("PROVISIO_CLUSTER_NAME", clusterName);
    cluster.put(
        "PROVISIO_CLUSTER_MEMBERS",
        String.join(",", hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    cluster.putAll(environment);
    String script = Path.of("server-config", "payara-micro", "cluster-member.sh").toAbsolutePath().toString();
    List<String> command =
        List.of("bash", script, String.valueOf(port), String.valueOf(hazelcastPorts.get(member)));
    return launch(command, port, workDir, cluster);
  }

  private static PayaraMicroProcess launch(
      List<String> command, int port, Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    return launch(command, port, workDir, environment, "/health");
  }

  private static PayaraMicroProcess launch(
      List<String> command, int port, Path workDir, Map<String, String> environment, String probe)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path log = Files.createTempFile(workDir, "payara-", ".log");
    var builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    var server = new PayaraMicroProcess(builder.start(), port, log);
    try {
      server.awaitHealthy(Duration.ofMinutes(4), probe);
    } catch (RuntimeException | InterruptedException | IOException notHealthy) {
      server.kill(); // never leave a server behind that no test will stop
      throw notHealthy;
    }
    return server;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String serverLib(String name) {
    return System.getProperty("provisio.server.dir") + File.separator + name;
  }

  public String base() {
    return "http://localhost:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  private void awaitHealthy(Duration timeout, String probe) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      try {
        if (Http.anonymous(base()).get(probe).status() == 200
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
    return freePorts(1).get(0);
  }

  /** Ports free at once: the sockets are held together, so no two of them are the same. */
  public static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) sockets.add(new ServerSocket(0));
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (var socket : sockets) socket.close();
    }
  }
}
