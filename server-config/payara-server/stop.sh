#!/usr/bin/env bash
# Stops the Payara Server domain that start.sh PORT started.
#
#   server-config/payara-server/stop.sh PORT
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$PROVISIO_ROOT/server-config/glassfish/domain.sh"
require_port "$@"
SERVER_NAME=payara-server
INSTALL_DIR_NAME=payara6
domain_paths "$1"
stop_domain
