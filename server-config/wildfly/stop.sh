#!/usr/bin/env bash
# Stops the WildFly that server-config/wildfly/start.sh PORT started: SIGTERM to its JVM (WildFly
# shuts down gracefully on it), then waits until the process is gone (SIGKILL after 60 s).
#
#   server-config/wildfly/stop.sh PORT
source "$(cd "$(dirname "$0")/.." && pwd)/common.sh"
require_port "$@"
PORT="$1"
server="$PROVISIO_ROOT/target/servers/wildfly-$PORT"

pids=()
for file in "$server/wildfly.pid" "$server/standalone.pid"; do
  if [ -s "$file" ]; then
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then pids+=("$pid"); fi
  fi
done
if [ ${#pids[@]} -eq 0 ]; then
  echo "No WildFly of port $PORT is running"
  rm -f "$server/wildfly.pid" "$server/standalone.pid"
  exit 0
fi

# The JVM first (standalone.sh ends with it); standalone.sh alone if the JVM is not up yet.
kill -TERM "${pids[0]}" 2>/dev/null || true
deadline=$((SECONDS + 60))
while [ $SECONDS -lt $deadline ]; do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive -eq 0 ] && break
  sleep 1
done
for pid in "${pids[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then
    echo "WildFly ($pid) did not stop within 60 s: killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
rm -f "$server/wildfly.pid" "$server/standalone.pid"
echo "WildFly of port $PORT stopped"
