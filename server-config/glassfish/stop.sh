#!/usr/bin/env bash
# Stops the GlassFish domain that start.sh PORT started.
#
#   server-config/glassfish/stop.sh PORT
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$PROVISIO_ROOT/server-config/glassfish/domain.sh"
require_port "$@"
SERVER_NAME=glassfish
INSTALL_DIR_NAME=glassfish7
domain_paths "$1"
stop_domain
