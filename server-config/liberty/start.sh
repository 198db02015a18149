#!/usr/bin/env bash
# Starts Provisio on Open Liberty (features jakartaee-10.0 and microProfile-6.1) on PostgreSQL:
#
#   server-config/liberty/start.sh PORT      (stop it with server-config/liberty/stop.sh PORT)
#
# Unpacks Open Liberty under target/servers/liberty-PORT/wlp (once), makes a server "provisio"
# there (target/servers/liberty-PORT/usr/servers/provisio, once) and gives it server.xml beside
# this script and this start's settings, starts it in the background and returns once GET /health
# answers UP. The server's log is target/servers/liberty-PORT/usr/servers/provisio/logs/messages.log.
#
# Ports: HTTP on PORT, HTTPS on PORT+1, the embedded JMS server on PORT+2/PORT+3, IIOP on
# PORT+4/PORT+5, all on 127.0.0.1 unless PROVISIO_BIND_ADDRESS names another address, and the
# listener of Liberty's own "server stop" command on 127.0.0.1:PORT+6.
# Environment: see server-config/common.sh (PROVISIO_DB_* required; PROVISIO_SMTP_HOST,
# PROVISIO_SMTP_PORT and PROVISIO_MAIL_FROM for the optional mail session; every PROVISIO_*
# setting is read by the application from the environment, which the server inherits).
# LIBERTY_VERSION picks another Open Liberty release (default 26.0.0.3).
source "$(dirname "$0")/../common.sh"
require_port "$@"
require_database_settings
port="$1"
here="$PROVISIO_ROOT/server-config/liberty"
war="$(provisio_war)"
version="${LIBERTY_VERSION:-26.0.0.3}"
liberty_zip="$(fetch_artifact "io.openliberty:openliberty-runtime:$version:zip")"
driver="$(fetch_artifact "org.postgresql:postgresql:$POSTGRESQL_VERSION:jar")"

base="$PROVISIO_ROOT/target/servers/liberty-$port"
wlp="$base/wlp"
export WLP_USER_DIR="$base/usr"
server_dir="$WLP_USER_DIR/servers/provisio"
pid_file="$WLP_USER_DIR/servers/.pid/provisio.pid"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(java_command)")")")"
fi
export JAVA_HOME

# A server of ours still running on this port is stopped first: it starts with this configuration.
if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "Stopping the Open Liberty server already running on port $port ..."
  "$here/stop.sh" "$port"
fi

# Open Liberty itself, unpacked once per port directory (and again for another version).
if ! grep -qx "com.ibm.websphere.productVersion=$version" "$wlp/lib/versions/openliberty.properties" 2>/dev/null; then
  echo "Unpacking Open Liberty $version into $wlp ..."
  rm -rf "$wlp"
  mkdir -p "$base"
  unzip -q "$liberty_zip" -d "$base"
fi

# Everything the server writes (its logs, and the resolved configuration that Liberty keeps in
# its workarea, the database password included) is for the user running it only.
umask 077

# The server is made once ("server create": its keystore password is in its own server.env)
# and keeps its keystore and LTPA keys; everything else is written anew at every start, and the
# OSGi workarea is rebuilt (stop.sh removes it; --clean below covers a server that crashed).
if [ ! -f "$server_dir/server.env" ]; then
  rm -rf "$server_dir"
  "$wlp/bin/server" create provisio >/dev/null
fi
rm -rf "$server_dir/configDropins" "$server_dir/workarea"
cp "$here/server.xml" "$server_dir/server.xml"
cat >"$server_dir/bootstrap.properties" <<EOF
provisio.bind.address=${PROVISIO_BIND_ADDRESS:-127.0.0.1}
provisio.http.port=$port
provisio.https.port=$((port + 1))
provisio.jms.port=$((port + 2))
provisio.jms.ssl.port=$((port + 3))
provisio.iiop.port=$((port + 4))
provisio.iiops.port=$((port + 5))
command.port=$((port + 6))
provisio.war=$war
provisio.postgresql.jar=$driver
EOF
printf '%s\n' -Xmx512m >"$server_dir/jvm.options"

# The mail session, only when a mail server is configured; its values are read from the
# environment when the server starts, like the database's. Liberty reports every attribute of a
# mailSession as required (CWWKG0058E): the ones Provisio does not use are empty (no SMTP login).
if [ -n "${PROVISIO_SMTP_HOST:-}" ]; then
  mkdir -p "$server_dir/configDropins/overrides"
  from='""'
  [ -n "${PROVISIO_MAIL_FROM:-}" ] && from='"${env.PROVISIO_MAIL_FROM}"'
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!-- Written by server-config/liberty/start.sh because PROVISIO_SMTP_HOST is set. -->'
    echo '<server>'
    echo '  <mailSession id="provisioMail" mailSessionID="provisio" jndiName="mail/provisio"'
    echo '               description="Provisio: token expiry notices and activation mails"'
    echo '               transportProtocol="smtp" host="${env.PROVISIO_SMTP_HOST}" user="" password=""'
    echo "               from=$from>"
    if [ -n "${PROVISIO_SMTP_PORT:-}" ]; then
      echo '    <property name="mail.smtp.port" value="${env.PROVISIO_SMTP_PORT}"/>'
    fi
    echo '  </mailSession>'
    echo '</server>'
  } >"$server_dir/configDropins/overrides/mail.xml"
fi

log="$server_dir/logs/messages.log"
echo "Starting Open Liberty $version on port $port ..."
# "server start" returns once the server process runs (it inherits this environment); the
# application may still be starting: wait_for_health waits for it.
"$wlp/bin/server" start provisio --clean || {
  status=$?
  # 22: the server did not report "started" within the command's own wait; /health decides.
  if [ "$status" -ne 22 ]; then
    echo "Open Liberty did not start (server start exit code $status); the end of its log ($log):" >&2
    tail -n 60 "$log" >&2 2>/dev/null || true
    exit 1
  fi
}
pid="$(cat "$pid_file" 2>/dev/null || true)"
# An application that fails to start leaves the server running: its CWWKZ error ends the wait
# at once rather than after PROVISIO_START_TIMEOUT.
deadline=$((SECONDS + ${PROVISIO_START_TIMEOUT:-300}))
while [ $SECONDS -lt $deadline ] && ! grep -q 'CWWKZ0001I: Application provisio started' "$log" 2>/dev/null; do
  if grep -qE 'CWWKZ000[245]E' "$log" 2>/dev/null; then
    echo "Provisio did not start on Open Liberty; the end of the log ($log):" >&2
    tail -n 60 "$log" >&2 || true
    "$here/stop.sh" "$port" >&2 || true
    exit 1
  fi
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    break # wait_for_health reports it with the log's tail
  fi
  sleep 1
done
# what is left of PROVISIO_START_TIMEOUT
PROVISIO_START_TIMEOUT=$((deadline - SECONDS > 10 ? deadline - SECONDS : 10)) wait_for_health "$port" "$log" "$pid"
# Up, but a configuration error (a CWWK…E message) is worth the operator's attention at once.
if grep -E '^\[[^]]*\] [0-9a-f]+ [^ ]+ +E ' "$log" >&2; then
  echo "Open Liberty logged the errors above while starting ($log)." >&2
fi
