# Shared by every server-config/<server>/start.sh and stop.sh (sourced, not run).
#
# What every start.sh does, whatever the server:
#   start.sh PORT   fetch the server distribution and the PostgreSQL driver from Maven Central
#                   (once per machine: they are kept in the local Maven repository), make a server
#                   of its own under target/servers/<server>-PORT, configure the data source
#                   jdbc/provisio from PROVISIO_DB_*, the mail session mail/provisio from
#                   PROVISIO_SMTP_* (none if PROVISIO_SMTP_HOST is unset), deploy
#                   $PROVISIO_WAR (default target/provisio.war) at /, serve HTTP on PORT, and
#                   return once GET /health answers UP (exit 1 with the log's tail otherwise).
#   stop.sh PORT    stop that server.
# Every other port a server opens (admin, management, HTTPS, IIOP, JMS, …) is PORT+1 … PORT+19,
# so two servers started 20 ports apart never collide.
#
# Environment (PROVISIO_DB_* required):
#   PROVISIO_DB_HOST PROVISIO_DB_PORT PROVISIO_DB_NAME PROVISIO_DB_USER PROVISIO_DB_PASSWORD
#   PROVISIO_SMTP_HOST PROVISIO_SMTP_PORT PROVISIO_MAIL_FROM     the mail session (optional)
#   PROVISIO_OPERATOR_EMAIL PROVISIO_OPERATOR_PASSWORD and every other provisio.* setting, as
#   environment variables: the application reads them itself (MicroProfile Config)
#   PROVISIO_WAR      the WAR to deploy (default target/provisio.war)
#   JAVA_HOME         the JDK the server runs on (default: the java on PATH)
#   PROVISIO_START_TIMEOUT  seconds to wait for /health (default 300)

set -euo pipefail

PROVISIO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POSTGRESQL_VERSION="${POSTGRESQL_VERSION:-42.7.14}"

# fetch_artifact group:artifact:version:type  -> prints the file's path in the local Maven repository
fetch_artifact() {
  local coordinates="$1" group artifact version type
  IFS=: read -r group artifact version type <<<"$coordinates"
  local repo="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
  local file="$repo/${group//.//}/$artifact/$version/$artifact-$version.$type"
  if [ ! -s "$file" ]; then
    echo "Fetching $coordinates from Maven Central (once per machine) ..." >&2
    mvn -B -q -ntp dependency:get -Dtransitive=false -Dartifact="$coordinates" >&2
  fi
  [ -s "$file" ] || { echo "could not fetch $coordinates" >&2; return 1; }
  printf '%s\n' "$file"
}

require_port() {
  if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: $(basename "$0") PORT" >&2
    exit 2
  fi
}

require_database_settings() {
  local name
  for name in PROVISIO_DB_HOST PROVISIO_DB_PORT PROVISIO_DB_NAME PROVISIO_DB_USER PROVISIO_DB_PASSWORD; do
    if [ -z "${!name:-}" ]; then
      echo "$name is not set: start.sh needs the PostgreSQL database's PROVISIO_DB_* settings" >&2
      exit 2
    fi
  done
}

provisio_war() {
  local war="${PROVISIO_WAR:-$PROVISIO_ROOT/target/provisio.war}"
  [ -s "$war" ] || { echo "$war not found: build it first (mvn package)" >&2; exit 2; }
  printf '%s\n' "$war"
}

java_command() {
  if [ -n "${JAVA_HOME:-}" ]; then printf '%s\n' "$JAVA_HOME/bin/java"; else command -v java; fi
}

# wait_for_health PORT LOG [PID]: until GET /health is 200 UP; fails with the log's tail
wait_for_health() {
  local port="$1" log="$2" pid="${3:-}" deadline=$((SECONDS + ${PROVISIO_START_TIMEOUT:-300}))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsS -m 5 "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status":"UP"'; then
      echo "Provisio is UP on http://127.0.0.1:$port/ (log: $log)"
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "The server stopped while starting; the end of its log ($log):" >&2
      tail -n 60 "$log" >&2 || true
      return 1
    fi
    sleep 2
  done
  echo "Provisio did not report UP on port $port within ${PROVISIO_START_TIMEOUT:-300} s; the end of the log ($log):" >&2
  tail -n 60 "$log" >&2 || true
  return 1
}

# stop_pid_file FILE: TERM the process, wait up to 60 s, then KILL; fine if it is gone already
stop_pid_file() {
  local file="$1" pid
  [ -s "$file" ] || { echo "no server started from here ($file missing)"; return 0; }
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$file"
  echo "stopped"
}
