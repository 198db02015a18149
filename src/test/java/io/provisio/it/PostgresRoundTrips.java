package io.provisio.it;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between a server and PostgreSQL that counts round trips: it reads the frontend
 * messages of the PostgreSQL protocol (v3) the server sends, and every Sync, simple Query or Flush
 * — the messages after which a client waits for the database's answer — ends one round trip. Each
 * round trip is recorded with the connection it went over and the SQL of the statements it
 * carried (from Parse and Query messages, and a Bind of a statement parsed earlier by its name).
 * Secrets never pass through it as text: the test's PostgreSQL trusts local connections. SSL and
 * GSS encryption requests are declined by the relay itself, so the conversation stays readable.
 */
final class PostgresRoundTrips implements AutoCloseable {

  /** One round trip: the connection it went over, and the SQL of its statements. */
  record RoundTrip(int connection, List<String> statements) {
    boolean carries(String sqlStart) {
      return statements.stream().anyMatch(s -> s.stripLeading().startsWith(sqlStart));
    }

    @Override
    public String toString() {
      return "#" + connection + " " + statements.stream()
          .map(s -> s.length() > 70 ? s.substring(0, 70) + "…" : s).toList();
    }
  }

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket listener;
  private final int databasePort;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<RoundTrip> recorded = new ArrayList<>();

  PostgresRoundTrips(int databasePort) throws IOException {
    this.databasePort = databasePort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "pg-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The round trips recorded so far, and forgets them. */
  synchronized List<RoundTrip> take() {
    var taken = List.copyOf(recorded);
    recorded.clear();
    return taken;
  }

  private synchronized void record(RoundTrip roundTrip) {
    recorded.add(roundTrip);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
        int id = connections.incrementAndGet();
        start(() -> pump(database.getInputStream(), client.getOutputStream(), client, database));
        start(() -> relayFrontend(id, client, database));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void start(IoTask task) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } catch (IOException ended) {
        // a closed connection ends its relay
      }
    }, "pg-relay-connection");
    thread.setDaemon(true);
    thread.start();
  }

  private interface IoTask {
    void run() throws IOException;
  }

  private static void pump(InputStream from, OutputStream to, Socket a, Socket b) throws IOException {
    try (a; b) {
      from.transferTo(to);
    }
  }

  /** Relays what the server sends, message by message, recording its round trips. */
  private void relayFrontend(int id, Socket client, Socket database) throws IOException {
    try (client; database) {
      var in = new DataInputStream(client.getInputStream());
      OutputStream toDatabase = database.getOutputStream();
      // untyped start-up messages: encryption requests (declined here), then the start-up packet
      while (true) {
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        int code = length == 8 ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | (body[3] & 0xff)) : 0;
        if (code == SSL_REQUEST || code == GSS_REQUEST) {
          client.getOutputStream().write('N');
          client.getOutputStream().flush();
          continue;
        }
        writeUntyped(toDatabase, length, body);
        break;
      }
      Map<String, String> named = new HashMap<>();
      List<String> statements = new ArrayList<>();
      java.util.Set<String> parsedHere = new java.util.HashSet<>();
      while (true) {
        int type;
        try {
          type = in.readUnsignedByte();
        } catch (EOFException ended) {
          return;
        }
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        switch (type) {
          case 'P' -> {
            String name = cString(body, 0);
            String sql = cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1);
            if (!name.isEmpty()) {
              named.put(name, sql);
              parsedHere.add(name);
            }
            statements.add(sql);
          }
          case 'B' -> {
            String portal = cString(body, 0);
            String statement = cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
            if (named.containsKey(statement) && !parsedHere.contains(statement)) statements.add(named.get(statement));
          }
          case 'Q' -> statements.add(cString(body, 0));
          default -> { }
        }
        toDatabase.write(type);
        writeUntyped(toDatabase, length, body);
        // A simple Query is a wait only when nothing follows it at once: PgJDBC sends a
        // transaction's BEGIN as one, in the same write as the statements after it (pipelined).
        // Counting on a late arrival errs towards more round trips, never fewer.
        if (type == 'S' || type == 'H' || (type == 'Q' && in.available() == 0)) {
          record(new RoundTrip(id, List.copyOf(statements)));
          statements.clear();
          parsedHere.clear();
          toDatabase.flush();
        }
      }
    }
  }

  private static void writeUntyped(OutputStream out, int length, byte[] body) throws IOException {
    out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    out.write(body);
    out.flush();
  }

  private static String cString(byte[] body, int from) {
    int end = from;
    while (end < body.length && body[end] != 0) end++;
    return new String(body, from, end - from, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
