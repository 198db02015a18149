# Shared by server-config/glassfish/ and server-config/payara-server/ start.sh and stop.sh
# (sourced after common.sh, not run). GlassFish and Payara Server are one code base: a domain is
# made, configured, started and stopped with the same asadmin commands. The caller sets
#   SERVER_NAME        glassfish | payara-server (its folder under target/servers/)
#   DISTRIBUTION       the distribution's Maven coordinates (a zip)
#   INSTALL_DIR_NAME   the zip's top folder (glassfish7 | payara6)
#   CREATE_DOMAIN_OPTIONS  more create-domain options, an array (Payara Server's Hazelcast ports)
#   MAIL_ASADMIN       the mail session's asadmin file (default glassfish/mail.asadmin)
# and calls domain_paths PORT first.
#
# Ports: HTTP PORT, admin PORT+1, HTTPS PORT+2, IIOP PORT+3, IIOP/SSL PORT+4, IIOP/SSL with client
# certificates PORT+5, JMS PORT+6 (all of them opened at start, the ORB and the JMS broker behind
# them started on first use), JMX PORT+7 (off), OSGi shell PORT+8 (not started), debugger PORT+9
# (only with start-domain --debug); Payara Server adds its own (payara-server/start.sh). HTTP and
# HTTPS listen on PROVISIO_BIND_ADDRESS (default 127.0.0.1), everything else on 127.0.0.1 only.

DOMAIN=provisio
CREATE_DOMAIN_OPTIONS=()
MAIL_ASADMIN="$PROVISIO_ROOT/server-config/glassfish/mail.asadmin"
SCRIPTS_DIR="$PROVISIO_ROOT/server-config/glassfish"

domain_paths() {
  PORT="$1"
  SERVER_DIR="$PROVISIO_ROOT/target/servers/$SERVER_NAME-$PORT"
  ASADMIN_BIN="$SERVER_DIR/$INSTALL_DIR_NAME/bin/asadmin"
  DOMAINS_DIR="$SERVER_DIR/domains"
  DOMAIN_DIR="$DOMAINS_DIR/$DOMAIN"
  SERVER_LOG="$DOMAIN_DIR/logs/server.log"
  # The admin user's password: a new random one for every domain, readable by this user only.
  ADMIN_PASSWORD_FILE="$SERVER_DIR/admin-password"
  ADMIN_PORT=$((PORT + 1))
  # asadmin and the server run on JAVA_HOME's java, else on the java on PATH
  local java
  java="$(readlink -f "$(java_command)")"
  export AS_JAVA="${java%/bin/java}"
}

# asadmin against the running domain, as its admin user
asadmin_remote() {
  "$ASADMIN_BIN" --user admin --passwordfile "$ADMIN_PASSWORD_FILE" --host 127.0.0.1 \
    --port "$ADMIN_PORT" --interactive=false "$@"
}

# Stops the domain of this PORT (stop.sh, and start.sh for one left running by a start without a
# stop).
stop_domain() {
  local pid
  pid="$(domain_pid)"
  if [ -x "$ASADMIN_BIN" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    "$ASADMIN_BIN" stop-domain --domaindir "$DOMAINS_DIR" "$DOMAIN"
  else
    echo "No $SERVER_NAME domain is running under $SERVER_DIR."
  fi
}

# When a step of start.sh fails: the end of the server log, and the domain stopped (its log stays).
on_start_failure() {
  local status=$?
  echo "Starting $SERVER_NAME on port $PORT failed (exit $status); the end of ${SERVER_LOG}:" >&2
  tail -n 60 "$SERVER_LOG" >&2 2>/dev/null || true
  stop_domain >/dev/null 2>&1 || true
  exit 1
}

# Unpacks the distribution under target/servers/<server>-PORT (a new one every start) and makes the
# domain "provisio" with this PORT's ports, its listeners' addresses and the PostgreSQL driver.
make_domain() {
  local zip driver
  zip="$(fetch_artifact "$DISTRIBUTION")"
  driver="$(fetch_artifact "org.postgresql:postgresql:$POSTGRESQL_VERSION:jar")"
  stop_domain >/dev/null 2>&1 || true
  rm -rf "$SERVER_DIR"
  mkdir -p "$SERVER_DIR"
  unzip -q "$zip" -d "$SERVER_DIR"
  (umask 077 && printf 'AS_ADMIN_PASSWORD=%s\n' \
    "$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)" >"$ADMIN_PASSWORD_FILE")
  local properties="http.ssl.port=$((PORT + 2)):orb.listener.port=$((PORT + 3)):orb.ssl.port=$((PORT + 4))"
  properties+=":orb.mutualauth.port=$((PORT + 5)):jms.port=$((PORT + 6)):domain.jmxPort=$((PORT + 7))"
  properties+=":osgi.shell.telnet.port=$((PORT + 8)):java.debugger.port=$((PORT + 9))"
  if ! "$ASADMIN_BIN" --user admin --passwordfile "$ADMIN_PASSWORD_FILE" --interactive=false \
      create-domain --checkports=true --domaindir "$DOMAINS_DIR" --instanceport "$PORT" \
      --adminport "$ADMIN_PORT" --domainproperties "$properties" "${CREATE_DOMAIN_OPTIONS[@]}" "$DOMAIN" \
      >"$SERVER_DIR/create-domain.log" 2>&1; then
    cat "$SERVER_DIR/create-domain.log" >&2
    return 1
  fi
  bind_listeners
  cp "$driver" "$DOMAIN_DIR/lib/"
}

# Listener addresses and the JMS port, in domain.xml before the first start: the server only reads
# them when it starts (asadmin set would need a restart, and setting the JMS port on a running
# server starts the JMS broker on the old one). HTTP and HTTPS on PROVISIO_BIND_ADDRESS, the admin
# listener, IIOP, JMS and the debugger on 127.0.0.1; GlassFish's create-domain leaves the JMS port
# at 7676 whatever jms.port says. The JMX connector (PORT+7) is off: nothing here needs it, and
# bound to 127.0.0.1 it fails to stop (SEVERE "Error stopping RMIConnector" with a stack trace at
# every stop-domain); set its enabled attribute to true (configs.config.server-config.admin-service.
# jmx-connector.system.enabled) to watch the server with JConsole.
bind_listeners() {
  local bind="${PROVISIO_BIND_ADDRESS:-127.0.0.1}" xml="$DOMAIN_DIR/config/domain.xml"
  sed -i -e '/<config name="server-config">/,/<\/config>/{
    s/address="0\.0\.0\.0"/address="127.0.0.1"/g
    s/\(<network-listener [^>]*\) address="[^"]*"/\1/
    s/<network-listener \([^>]*name="http-listener-[12]"\)/<network-listener address="'"$bind"'" \1/
    s/<network-listener \([^>]*name="admin-listener"\)/<network-listener address="127.0.0.1" \1/
    s/address=\*:/address=127.0.0.1:/
    s/\(jdwp=[^"]*address=\)\([0-9]\)/\1127.0.0.1:\2/
    s/\(<system-property name="JMS_PROVIDER_PORT" value="\)[0-9]*"/\1'"$((PORT + 6))"'"/
    s/\(<jms-host [^>]*\) host="localhost"/\1 host="127.0.0.1"/
    s/<jmx-connector /<jmx-connector enabled="false" /
  }' "$xml"
  # GlassFish's template has no jms-service in server-config: the server would add one for
  # "localhost", and listen for JMS clients on every address (the embedded broker starts on the
  # first JMS use only). The same one, on 127.0.0.1:
  if ! sed -n '/<config name="server-config">/,/<\/config>/p' "$xml" | grep -q '<jms-service'; then
    sed -i -e '/<config name="server-config">/,/<\/config>/{
      /<\/connector-service>/a\      <jms-service type="EMBEDDED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" lazy-init="true"/></jms-service>
    }' "$xml"
  fi
  local config
  config="$(sed -n '/<config name="server-config">/,/<\/config>/p' "$xml")"
  if grep -v '<network-listener [^>]*name="http-listener-[12]"' <<<"$config" | grep -q '0\.0\.0\.0' \
      || [ "$(grep -c "<network-listener address=\"$bind\" port=\"$PORT\"" <<<"$config")" != 1 ] \
      || ! grep -q "name=\"JMS_PROVIDER_PORT\" value=\"$((PORT + 6))\"" <<<"$config" \
      || ! grep -q '<jms-host [^>]*host="127.0.0.1"' <<<"$config" \
      || ! grep -q '<jmx-connector enabled="false" ' <<<"$config"; then
    echo "domain.xml of $SERVER_NAME is not as expected: listener addresses not set" >&2
    return 1
  fi
}

# asadmin gives a starting domain 60 s by default; on a loaded machine the first start (which also
# unpacks the OSGi cache) takes longer. AS_START_TIMEOUT (milliseconds) is asadmin's own setting;
# PROVISIO_START_TIMEOUT (seconds, default 300) is the one every start.sh honours.
start_domain() {
  AS_START_TIMEOUT="$(( ${PROVISIO_START_TIMEOUT:-300} * 1000 ))" \
    "$ASADMIN_BIN" start-domain --domaindir "$DOMAINS_DIR" "$DOMAIN"
}

# Replaces ${ENV=NAME} by the value of the environment variable NAME in asadmin commands (stdin
# to stdout), drops comment lines. GlassFish itself knows only ${ALIAS=…} and system properties.
expand_env_references() {
  local line name value
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    while [[ $line =~ \$\{ENV=([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
      name="${BASH_REMATCH[1]}"
      if [ -z "${!name+set}" ]; then
        echo "$name is not set" >&2
        return 1
      fi
      value="${!name}"
      line="${line//"\${ENV=$name}"/"$value"}"
    done
    printf '%s\n' "$line"
  done
}

# asadmin multimode with the commands of FILE, ${ENV=…} replaced. asadmin echoes every "set"
# with its value: the pool's password line (only the alias reference, never the password) is
# left out of the output all the same, so that no log line names a password setting.
run_asadmin_file() {
  local commands
  commands="$(expand_env_references <"$1")"
  asadmin_remote multimode <<<"$commands" | { grep -v 'property\.password=' || true; }
}

# The data source jdbc/provisio (postgresql.asadmin). The password goes to the domain's password
# alias store through a password file that only this user can read and that is removed at once.
configure_database() {
  local secret
  secret="$(umask 077 && mktemp "$SERVER_DIR/.alias-XXXXXX")"
  local password="${PROVISIO_DB_PASSWORD//\\/\\\\}" # a properties file: \ is written \\
  { cat "$ADMIN_PASSWORD_FILE"; printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$password"; } >"$secret"
  local status=0
  "$ASADMIN_BIN" --user admin --passwordfile "$secret" --host 127.0.0.1 --port "$ADMIN_PORT" \
    --interactive=false create-password-alias provisio-db-password || status=$?
  rm -f "$secret"
  [ "$status" = 0 ] || return "$status"
  run_asadmin_file "$SCRIPTS_DIR/postgresql.asadmin"
}

# The mail session mail/provisio ($MAIL_ASADMIN), only when PROVISIO_SMTP_HOST is set.
configure_mail() {
  if [ -n "${PROVISIO_SMTP_HOST:-}" ]; then
    PROVISIO_SMTP_PORT="${PROVISIO_SMTP_PORT:-25}" PROVISIO_MAIL_FROM="${PROVISIO_MAIL_FROM:-provisio@localhost}" \
      run_asadmin_file "$MAIL_ASADMIN"
  else
    echo "PROVISIO_SMTP_HOST is not set: no mail session mail/provisio (token expiry notices are not mailed)."
  fi
}

deploy_provisio() {
  asadmin_remote deploy --name provisio --contextroot / --force=true "$1"
}

domain_pid() {
  cat "$DOMAIN_DIR/config/pid" 2>/dev/null || true
}
