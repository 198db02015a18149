#!/usr/bin/env bash
# Starts Provisio on WildFly (standard profile, standalone.xml) on PORT: see ../common.sh for what
# every start.sh does, and README "WildFly" for what this one configures.
#
#   server-config/wildfly/start.sh PORT      then   server-config/wildfly/stop.sh PORT
#
# A fresh server is unpacked under target/servers/wildfly-PORT on every start and configured
# offline (jboss-cli embed-server, configure.cli beside this script), so a start never depends on
# what an earlier one left. Ports: HTTP on PORT, HTTPS PORT+1, management HTTP PORT+2 and HTTPS
# PORT+3 (on 127.0.0.1 always), AJP PORT+4, transaction recovery PORT+5 and status PORT+6.
#
# Environment, besides common.sh's:
#   PROVISIO_BIND_ADDRESS   the address HTTP and HTTPS listen on (default 127.0.0.1)
#   WILDFLY_VERSION         default 39.0.1.Final
#   ECLIPSELINK_VERSION     default 4.0.7
#   PROVISIO_JAVA_OPTS      added to the server JVM's options (default heap: -Xmx512m)
source "$(cd "$(dirname "$0")/.." && pwd)/common.sh"
require_port "$@"
PORT="$1"
require_database_settings
here="$PROVISIO_ROOT/server-config/wildfly"
WILDFLY_VERSION="${WILDFLY_VERSION:-39.0.1.Final}"
ECLIPSELINK_VERSION="${ECLIPSELINK_VERSION:-4.0.7}"

war="$(provisio_war)"
java="$(java_command)"
distribution="$(fetch_artifact "org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip")"
driver="$(fetch_artifact "org.postgresql:postgresql:$POSTGRESQL_VERSION:jar")"
eclipselink="$(fetch_artifact "org.eclipse.persistence:eclipselink:$ECLIPSELINK_VERSION:jar")"

server="$PROVISIO_ROOT/target/servers/wildfly-$PORT"
log="$server/server.log"

# A server of this PORT still running is stopped first; anything else on PORT is an error (its
# /health would pass for ours).
if [ -f "$server/wildfly.pid" ]; then
  "$here/stop.sh" "$PORT"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Port $PORT is already in use: stop what listens there first" >&2
  exit 1
fi

echo "Unpacking WildFly $WILDFLY_VERSION into $server ..."
rm -rf "$server" "$server.unpack"
mkdir -p "$server.unpack"
# (not its documentation, client jars, domain mode, application client or welcome page)
unzip -q "$distribution" -d "$server.unpack" \
  -x "*/docs/*" "*/bin/client/*" "*/domain/*" "*/appclient/*" "*/welcome-content/*"
mv "$server.unpack/wildfly-$WILDFLY_VERSION" "$server"
rmdir "$server.unpack"

# The PostgreSQL driver, as a module that the data source names.
mkdir -p "$server/modules/org/postgresql/main"
cp "$driver" "$server/modules/org/postgresql/main/"
cat >"$server/modules/org/postgresql/main/module.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.postgresql" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="$(basename "$driver")"/>
    </resources>
    <dependencies>
        <module name="java.logging"/>
        <module name="java.management"/>
        <module name="java.naming"/>
        <module name="java.security.jgss"/>
        <module name="java.sql"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
EOF

# EclipseLink as the JPA provider, as WildFly's JPA reference guide says: its jar joins WildFly's
# own org.eclipse.persistence module (which holds the jipijapa integration), and the system
# property eclipselink.archive.factory (configure.cli) lets it read the deployment's archives.
eclipselink_module="$server/modules/system/layers/base/org/eclipse/persistence/main"
cp "$eclipselink" "$eclipselink_module/"
# EclipseLink needs more of the JDK than the integration alone (java.rmi, java.beans, java.sql, …).
# Its Oracle 21 JSON classes are left out: they extend a class that eclipselink.jar lacks, and
# JBoss Modules would log a stack trace when EclipseLink probes for them (it does on every start).
sed -i -e "s|<resource-root path=\"jipijapa-eclipselink-|<resource-root path=\"$(basename "$eclipselink")\">\n            <filter><exclude path=\"org/eclipse/persistence/platform/database/oracle/json\"/></filter>\n        </resource-root>\n        &|" \
  -e 's|<module name="java.logging"/>|&\n        <module name="java.desktop"/>\n        <module name="java.instrument"/>\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.xml"/>\n        <module name="jdk.unsupported"/>|' \
  "$eclipselink_module/module.xml"
grep -q "$(basename "$eclipselink")" "$eclipselink_module/module.xml" \
  || { echo "could not add EclipseLink to $eclipselink_module/module.xml" >&2; exit 1; }

# The configuration, offline. The database settings stay expressions (${env.PROVISIO_DB_*}) that
# the server resolves when it starts: no password is written into standalone.xml or a log.
{
  printf 'set port=%s\n' "$PORT"
  for offset in 1 2 3 4 5 6; do printf 'set port%s=%s\n' "$offset" "$((PORT + offset))"; done
  cat "$here/configure.cli"
  if [ -n "${PROVISIO_SMTP_HOST:-}" ]; then
    # The mail session java:jboss/mail/provisio (jboss-web.xml: java:comp/env/mail/provisio).
    printf '%s\n' "/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=provisio-smtp:add(host=\"$PROVISIO_SMTP_HOST\", port=${PROVISIO_SMTP_PORT:-25})" \
      "/subsystem=mail/mail-session=provisio:add(jndi-name=java:jboss/mail/provisio${PROVISIO_MAIL_FROM:+, from=\"$PROVISIO_MAIL_FROM\"})" \
      "/subsystem=mail/mail-session=provisio/server=smtp:add(outbound-socket-binding-ref=provisio-smtp)"
  else
    # No mail server: java:jboss/mail/provisio is still bound, to a name that is not, so that the
    # WAR's reference (jboss-web.xml) resolves and the deployment starts, while looking it up
    # fails: Provisio then says that no mail session is configured (platform/Mail).
    printf '%s\n' "/subsystem=naming/binding=\"java:jboss/mail/provisio\":add(binding-type=lookup, lookup=\"java:jboss/mail/provisio-not-configured\")"
  fi
  printf '%s\n' "run-batch" "stop-embedded-server"
} >"$server/configure.cli"
echo "Configuring it offline ($server/configure.cli) ..."
if ! JAVA="$java" JAVA_OPTS="" "$server/bin/jboss-cli.sh" --file="$server/configure.cli" >"$server/configure.log" 2>&1; then
  echo "Configuring WildFly failed; $server/configure.log says:" >&2
  tail -n 40 "$server/configure.log" >&2
  exit 1
fi

# Provisio at the context root /: a deployment named ROOT.war is deployed at /.
cp "$war" "$server/standalone/deployments/ROOT.war"

echo "Starting WildFly on port $PORT ..."
# The server's own log is $server/server.log (jboss.server.log.dir); console.log only holds what
# is printed before logging starts (a JVM that cannot start, for one).
(
  cd "$server"
  export JAVA="$java" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$server/wildfly.pid"
  export JAVA_OPTS="-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true ${PROVISIO_JAVA_OPTS:-}"
  exec nohup "$server/bin/standalone.sh" -c standalone.xml -b "${PROVISIO_BIND_ADDRESS:-127.0.0.1}" \
    -Djboss.server.log.dir="$server" </dev/null >"$server/console.log" 2>&1
) &
echo $! >"$server/standalone.pid"

# Waiting ends early when the server stops, and when the deployment fails (WildFly then leaves
# ROOT.war.failed beside it, with the reason, and goes on running without Provisio).
failed="$server/standalone/deployments/ROOT.war.failed"
( while kill -0 "$(cat "$server/standalone.pid")" 2>/dev/null && [ ! -e "$failed" ]; do sleep 1; done ) &
watcher=$!
if wait_for_health "$PORT" "$log" "$watcher"; then
  kill "$watcher" 2>/dev/null || true
  exit 0
fi
kill "$watcher" 2>/dev/null || true
if [ -e "$failed" ]; then
  echo "The deployment of Provisio failed: $(cat "$failed")" >&2
fi
"$here/stop.sh" "$PORT" >&2
exit 1
