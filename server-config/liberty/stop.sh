#!/usr/bin/env bash
# Stops the Open Liberty server that server-config/liberty/start.sh PORT started.
#
#   server-config/liberty/stop.sh PORT
source "$(dirname "$0")/../common.sh"
require_port "$@"
port="$1"
base="$PROVISIO_ROOT/target/servers/liberty-$port"
export WLP_USER_DIR="$base/usr"
if [ ! -x "$base/wlp/bin/server" ] || [ ! -d "$WLP_USER_DIR/servers/provisio" ]; then
  echo "No Open Liberty server of Provisio's on port $port ($base)." >&2
  exit 0
fi
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(java_command)")")")"
fi
export JAVA_HOME
# "server stop" waits for the server to finish its work and exit; "not running" is no error.
"$base/wlp/bin/server" stop provisio || {
  status=$?
  [ "$status" -eq 1 ] || exit "$status"
}
# Liberty keeps its resolved configuration, the database password included, in the server's
# workarea; a stopped server needs none of it (start.sh makes a fresh server every time).
rm -rf "$WLP_USER_DIR/servers/provisio/workarea"
