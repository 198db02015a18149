package io.provisio.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, made with the installed binaries ({@code initdb},
 * {@code pg_ctl}) on a free loopback port, so that restarting, stopping or freezing it disturbs
 * nothing else on the machine. Run as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses to run as root).
 */
final class ThrowawayPostgres implements AutoCloseable {

  /** How the database goes away. */
  enum Outage {
    /** {@code pg_ctl restart -m fast}: sessions are ended, a checkpoint, a clean start. */
    RESTART_FAST,
    /** {@code pg_ctl restart -m immediate}: like a crash, with recovery from the WAL. */
    RESTART_IMMEDIATE,
    /** Stopped for 20 seconds, then started: connections are refused meanwhile. */
    STOP_20_SECONDS,
    /** Every PostgreSQL process frozen (SIGSTOP) for 15 seconds: a hung database or network. */
    HANG_15_SECONDS
  }

  private final Path bin;
  private final Path dataDir;
  private final int port;

  private ThrowawayPostgres(Path bin, Path dataDir, int port) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** initdb into a fresh directory and start it. */
  static ThrowawayPostgres start() throws IOException, InterruptedException {
    Path bin = installedBin();
    Path dir = Files.createTempDirectory("provisio-pg-");
    Path data = dir.resolve("data");
    var postgres = new ThrowawayPostgres(bin, data, PayaraMicroProcess.freePorts(1).get(0));
    if (isRoot()) run(List.of("chown", "-R", "postgres", dir.toString()));
    postgres.pg("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
    postgres.startServer();
    return postgres;
  }

  int port() {
    return port;
  }

  void createDatabase(String name) throws IOException, InterruptedException {
    pg("createdb", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", name);
  }

  /**
   * Takes the database away as {@code outage} says and brings it back; returns when it accepts
   * connections again.
   */
  void interrupt(Outage outage) throws IOException, InterruptedException {
    switch (outage) {
      case RESTART_FAST -> pgCtl("restart", "-m", "fast");
      case RESTART_IMMEDIATE -> pgCtl("restart", "-m", "immediate");
      case STOP_20_SECONDS -> {
        pgCtl("stop", "-m", "fast");
        Thread.sleep(20_000);
        startServer();
      }
      case HANG_15_SECONDS -> {
        List<String> pids = processIds();
        signal("STOP", pids);
        Thread.sleep(15_000);
        signal("CONT", pids);
      }
    }
  }

  /** Stops the database (fast shutdown); {@link #startServer()} brings it back. */
  void stopServer() throws IOException, InterruptedException {
    pgCtl("stop", "-m", "fast");
  }

  void startServer() throws IOException, InterruptedException {
    pgCtl("start");
  }

  private void pgCtl(String action, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60",
        "-l", dataDir.resolveSibling("postgres.log").toString(),
        // fsync off: the tests crash the server process, not the machine, and the WAL in the
        // operating system's cache survives a process crash
        "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"));
    command.add(action);
    command.addAll(List.of(options));
    pg(command.toArray(String[]::new));
  }

  /** The postmaster and every backend, so that freezing them leaves no process answering. */
  private List<String> processIds() throws IOException, InterruptedException {
    String postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
    var children = new ProcessBuilder("pgrep", "-P", postmaster).start();
    List<String> pids = new ArrayList<>(List.of(postmaster));
    pids.addAll(new String(children.getInputStream().readAllBytes()).lines().map(String::trim).toList());
    children.waitFor();
    return pids;
  }

  private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    command.addAll(pids);
    run(command);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pgCtl("stop", "-m", "immediate");
    } catch (IllegalStateException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dataDir.getParent())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void pg(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.add(bin.resolve(command[0]).toString());
    full.addAll(List.of(command).subList(1, command.length));
    run(full);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/N/bin). */
  private static Path installedBin() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
    }
  }
}
