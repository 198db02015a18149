package io.provisio.it;

import java.io.File;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, as Arquillian deploys it: the real artifact, not a hand-made one. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive builtWar() {
    File war = new File(System.getProperty("provisio.war", "target/provisio.war"));
    return ShrinkWrap.create(ZipImporter.class, "provisio.war").importFrom(war).as(WebArchive.class);
  }

  public static String operatorEmail() {
    return System.getProperty("provisio.operator.email");
  }

  public static String operatorPassword() {
    return System.getProperty("provisio.operator.password");
  }

  /** A name no other test (or earlier run against the same database) uses. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
