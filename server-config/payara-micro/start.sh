#!/usr/bin/env bash
# Payara Micro 6 on PostgreSQL, in the background: server-config/payara-micro/start.sh PORT
# (the contract and the environment it reads: server-config/common.sh). Payara Micro needs no
# installation: the one jar boots with the WAR, the PostgreSQL driver (--addLibs) and the post-boot
# commands of postgresql.asadmin (data source, mail session, log levels). --nohazelcast: a single
# instance opens no data-grid port; cluster-member.sh starts members of a cluster instead.
source "$(dirname "$0")/../common.sh"
require_port "$@"
require_database_settings
port="$1"
war="$(provisio_war)"
micro="$(fetch_artifact "fish.payara.extras:payara-micro:${PAYARA_VERSION:-6.2025.10}:jar")"
driver="$(fetch_artifact "org.postgresql:postgresql:$POSTGRESQL_VERSION:jar")"
home="$PROVISIO_ROOT/target/servers/payara-micro-$port"
rm -rf "$home" && mkdir -p "$home"
postboot="$home/postboot.asadmin"
if [ -n "${PROVISIO_SMTP_HOST:-}" ]; then
  cp "$(dirname "$0")/postgresql.asadmin" "$postboot"
else # no mail server: no mail session (the console says mail is not configured)
  grep -v 'create-javamail-resource' "$(dirname "$0")/postgresql.asadmin" >"$postboot"
fi
export PROVISIO_SMTP_PORT="${PROVISIO_SMTP_PORT:-25}" PROVISIO_MAIL_FROM="${PROVISIO_MAIL_FROM:-provisio@localhost}"
cd "$home"
nohup "$(java_command)" ${JAVA_OPTS:--Xmx512m} -jar "$micro" \
  --deploy "$war" --contextroot / --addLibs "$driver" --postbootcommandfile "$postboot" \
  --port "$port" --nohazelcast --rootdir "$home/runtime" >"$home/server.log" 2>&1 &
echo $! >"$home/server.pid"
wait_for_health "$port" "$home/server.log" "$(cat "$home/server.pid")"
