package io.provisio.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address and scheme the client really used. Behind a TLS-terminating proxy or load balancer
 * every request comes from the proxy over plain HTTP; when the direct peer is one of {@code
 * provisio.trusted-proxies} (comma-separated addresses, none by default), the client is the last
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy, and the scheme is {@code
 * X-Forwarded-Proto}. From any other peer both headers are ignored: they are trivial to forge.
 */
public final class ClientAddress {

  private static volatile Set<String> trusted;

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!trusted().contains(peer)) {
      return peer;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    List<String> hops = List.of(forwarded.split(","));
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i).trim();
      if (!hop.isEmpty() && !trusted().contains(hop)) {
        return hop;
      }
    }
    return peer;
  }

  /** True when the client reached the service over HTTPS, directly or through a trusted proxy. */
  public static boolean isSecure(HttpServletRequest request) {
    if (request.isSecure()) {
      return true;
    }
    return trusted().contains(request.getRemoteAddr())
        && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }

  private static Set<String> trusted() {
    Set<String> current = trusted;
    if (current == null) {
      current =
          Set.copyOf(
              ConfigProvider.getConfig()
                  .getOptionalValues("provisio.trusted-proxies", String.class)
                  .orElse(List.of())
                  .stream()
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .toList());
      trusted = current;
    }
    return current;
  }
}
