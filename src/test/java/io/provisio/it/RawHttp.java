package io.provisio.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Requests no well-behaved client library would send: for the limits of the server. */
public final class RawHttp {

  private RawHttp() {}

  /**
   * Announces a body of {@code declaredLength} bytes, sends only a few, and returns what the server
   * answers: a server that refuses oversized bodies up front answers without waiting for the rest.
   */
  public static String declaringHugeBody(String base, String path, long declaredLength) {
    URI uri = URI.create(base);
    String prefix = uri.getPath().replaceAll("/$", "");
    try (var socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(20_000);
      String head =
          "POST " + prefix + path + " HTTP/1.1\r\n"
              + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: " + declaredLength + "\r\n\r\n"
              + "{\"name\":\"xxxx";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      byte[] buffer = new byte[8192];
      int n = socket.getInputStream().read(buffer);
      return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
