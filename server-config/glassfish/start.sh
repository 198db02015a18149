#!/usr/bin/env bash
# Starts Provisio on GlassFish 7 (a domain of its own under target/servers/glassfish-PORT, made anew
# every start): HTTP on PORT, every other port in PORT+1..PORT+9 (domain.sh), the data source
# jdbc/provisio from PROVISIO_DB_*, the mail session mail/provisio from PROVISIO_SMTP_* (when set),
# provisio.war at /. Returns once GET /health is UP. See server-config/common.sh.
#
#   server-config/glassfish/start.sh PORT
#
# GlassFish 7 has MicroProfile Config (the application's settings are read from the PROVISIO_*
# environment variables, which the server inherits from this script) but neither MicroProfile
# Health nor OpenAPI: /health is answered by the WAR itself.
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$PROVISIO_ROOT/server-config/glassfish/domain.sh"
require_port "$@"
require_database_settings
war="$(provisio_war)"
SERVER_NAME=glassfish
DISTRIBUTION="org.glassfish.main.distributions:glassfish:${GLASSFISH_VERSION:-7.0.21}:zip"
INSTALL_DIR_NAME=glassfish7
domain_paths "$1"
set -E
trap on_start_failure ERR

make_domain
start_domain
configure_database
configure_mail
deploy_provisio "$war"
wait_for_health "$PORT" "$SERVER_LOG" "$(domain_pid)" || { stop_domain >/dev/null 2>&1 || true; exit 1; }
