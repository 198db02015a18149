#!/usr/bin/env bash
# Starts one member of a Provisio cluster: Payara Micro with the WAR, on PostgreSQL, joined to the
# other members over Hazelcast with TCP/IP discovery (no multicast). README "Running a cluster".
#
#   server-config/payara-micro/cluster-member.sh <http-port> <hazelcast-port>
#
# Environment:
#   PROVISIO_CLUSTER_MEMBERS   every member's Hazelcast address, e.g. 10.0.0.11:5900,10.0.0.12:5900
#   PROVISIO_CLUSTER_NAME      the data grid's name (default provisio); members of other names never join
#   PROVISIO_CLUSTER_INTERFACE the address Hazelcast binds to (default 127.0.0.1; a private one in production)
#   PAYARA_MICRO_JAR, PROVISIO_WAR, POSTGRESQL_JAR   default: target/server/… and target/provisio.war
#   PROVISIO_POSTBOOT          post-boot commands (default: postgresql.asadmin beside this script)
#   JAVA, JAVA_OPTS            the java command (default java) and its options (default -Xmx512m)
#   plus what the post-boot file reads: PROVISIO_DB_*, PROVISIO_SMTP_*, PROVISIO_MAIL_FROM, and the
#   application's own settings (PROVISIO_OPERATOR_EMAIL, PROVISIO_OPERATOR_PASSWORD, …).
#
# Every member needs the same database and the same PROVISIO_CLUSTER_MEMBERS list; a member that
# starts finds the others on that list. Nothing the service must keep lives in the grid: it carries
# the console's HTTP sessions (the WAR is <distributable/>), so the load balancer needs no stickiness.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -ne 2 ]; then
  echo "usage: $0 <http-port> <hazelcast-port>" >&2
  exit 2
fi
: "${PROVISIO_CLUSTER_MEMBERS:?set PROVISIO_CLUSTER_MEMBERS, e.g. 127.0.0.1:5900,127.0.0.1:5901,127.0.0.1:5902}"
exec "${JAVA:-java}" ${JAVA_OPTS:--Xmx512m} -jar "${PAYARA_MICRO_JAR:-$root/target/server/payara-micro.jar}" \
  --deploy "${PROVISIO_WAR:-$root/target/provisio.war}" --contextroot / \
  --addLibs "${POSTGRESQL_JAR:-$root/target/server/postgresql.jar}" \
  --postbootcommandfile "${PROVISIO_POSTBOOT:-$here/postgresql.asadmin}" \
  --port "$1" \
  --clustermode "tcpip:$PROVISIO_CLUSTER_MEMBERS" \
  --clustername "${PROVISIO_CLUSTER_NAME:-provisio}" \
  --interfaces "${PROVISIO_CLUSTER_INTERFACE:-127.0.0.1}" \
  --startport "$2"
