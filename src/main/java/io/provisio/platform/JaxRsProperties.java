package io.provisio.platform;

import java.util.Map;

/**
 * Properties every JAX-RS application of the WAR declares. Keys of one implementation are ignored
 * by the others, so they are safe to set on any server.
 */
public final class JaxRsProperties {

  /** Jersey (Payara, GlassFish) would otherwise describe every resource anonymously at application.wadl. */
  public static final Map<String, Object> ALL = Map.of("jersey.config.server.wadl.disableWadl", true);

  private JaxRsProperties() {}
}
