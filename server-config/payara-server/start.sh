#!/usr/bin/env bash
# Starts Provisio on Payara Server 6 (a domain of its own under target/servers/payara-server-PORT,
# made anew every start): HTTP on PORT, every other port in PORT+1..PORT+11, the data source
# jdbc/provisio from PROVISIO_DB_*, the mail session mail/provisio from PROVISIO_SMTP_* (when set),
# provisio.war at /. Returns once GET /health is UP. See server-config/common.sh.
#
#   server-config/payara-server/start.sh PORT
#
# Payara Server is configured like GlassFish, with the same asadmin commands
# (server-config/glassfish/domain.sh, postgresql.asadmin; mail.asadmin beside this script, where
# the command is create-javamail-resource), plus its own
# (payara_settings below): Hazelcast on 127.0.0.1, PORT+10 (the domain administration server) and
# PORT+11 (the first port of other instances), no port search beyond them; /metrics off; no phone
# home. The server reads the application's settings from the PROVISIO_* environment variables,
# which it inherits from this script.
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$PROVISIO_ROOT/server-config/glassfish/domain.sh"
require_port "$@"
require_database_settings
war="$(provisio_war)"
SERVER_NAME=payara-server
DISTRIBUTION="fish.payara.distributions:payara:${PAYARA_VERSION:-6.2025.10}:zip"
INSTALL_DIR_NAME=payara6
domain_paths "$1"
CREATE_DOMAIN_OPTIONS=(--hazelcastdasport "$((PORT + 10))" --hazelcaststartport "$((PORT + 11))"
  --hazelcastautoincrement=false)
MAIL_ASADMIN="$PROVISIO_ROOT/server-config/payara-server/mail.asadmin"
set -E
trap on_start_failure ERR

# Payara Server's own settings, in domain.xml before the first start like the listener addresses
# (domain.sh): the server reads them when it starts. In asadmin's words, on a running domain
# followed by a restart:
#   set-hazelcast-configuration --dasbindaddress=127.0.0.1 --interfaces=127.0.0.1
#   create-jvm-options -Dhazelcast.socket.bind.any=false
#   set-metrics-configuration --enabled=false
#   disable-phone-home
# Hazelcast (the data grid that carries the sessions of a cluster) speaks and listens on 127.0.0.1
# only: without bind.any=false it listens on every address whatever the interface. /metrics is
# off: it describes the server to anyone who asks (set-metrics-configuration --enabled=true behind
# a network that only monitoring reaches). No phone-home report of the server to Payara.
payara_settings() {
  local xml="$DOMAIN_DIR/config/domain.xml"
  sed -i -e 's/<hazelcast-runtime-configuration /<hazelcast-runtime-configuration das-bind-address="127.0.0.1" interface="127.0.0.1" /' \
    -e '/<config name="server-config">/,/<\/config>/{
      /<java-config /a\                <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>
      s/<microprofile-metrics-configuration>/<microprofile-metrics-configuration enabled="false">/
      /<microprofile-metrics-configuration /a\            <phone-home-runtime-configuration enabled="false"></phone-home-runtime-configuration>
    }' "$xml"
  local config
  config="$(sed -n '/<config name="server-config">/,/<\/config>/p' "$xml")"
  if ! grep -q '<hazelcast-runtime-configuration das-bind-address="127.0.0.1" interface="127.0.0.1" ' "$xml" \
      || ! grep -q -- '-Dhazelcast.socket.bind.any=false' <<<"$config" \
      || ! grep -q '<microprofile-metrics-configuration enabled="false">' <<<"$config" \
      || ! grep -q '<phone-home-runtime-configuration enabled="false">' <<<"$config"; then
    echo "domain.xml of Payara Server is not as expected: Hazelcast, metrics or phone home not set" >&2
    return 1
  fi
}

make_domain
payara_settings
start_domain
configure_database
configure_mail
deploy_provisio "$war"
wait_for_health "$PORT" "$SERVER_LOG" "$(domain_pid)" || { stop_domain >/dev/null 2>&1 || true; exit 1; }
