package io.provisio.platform;

/**
 * The two resources the application server provides (server-config/&lt;server&gt;/), by the names
 * the WAR knows them under. The WAR never names a server's own JNDI name:
 *
 * <ul>
 *   <li>the data source is the resource reference {@code jdbc/provisio} of web.xml, looked up
 *       in the application's own namespace ({@code java:comp/env}). Payara and GlassFish bind it
 *       to their resource of the same name, Open Liberty to its {@code dataSource} of that
 *       {@code jndiName} (ibm-web-bnd.xml), WildFly to {@code java:/jdbc/provisio}
 *       (jboss-web.xml). It is required: without it the deployment fails.
 *   <li>the mail session is optional (without one, mail is not sent and the reason is shown). It is
 *       looked up as {@code java:comp/env/mail/provisio} where a server binds it there (WildFly,
 *       jboss-web.xml), else by the global name {@code mail/provisio} (Payara, GlassFish, Liberty).
 *       No web.xml reference: Payara and GlassFish refuse to deploy a WAR whose references they
 *       cannot resolve.
 * </ul>
 */
public final class ServerResources {

  /** The data source's reference name, as operators and log lines name it. */
  public static final String DATA_SOURCE_NAME = "jdbc/provisio";

  /** The data source in the application's namespace (web.xml resource-ref). */
  public static final String DATA_SOURCE = "java:comp/env/" + DATA_SOURCE_NAME;

  /** The mail session's name, as operators name it. */
  public static final String MAIL_SESSION_NAME = "mail/provisio";

  /** Where the mail session is looked up, in this order. */
  static final String[] MAIL_SESSION_LOOKUPS = {"java:comp/env/" + MAIL_SESSION_NAME, MAIL_SESSION_NAME};

  private ServerResources() {}
}
