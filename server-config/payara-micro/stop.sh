#!/usr/bin/env bash
# Stops the Payara Micro that start.sh PORT started: server-config/payara-micro/stop.sh PORT
source "$(dirname "$0")/../common.sh"
require_port "$@"
stop_pid_file "$PROVISIO_ROOT/target/servers/payara-micro-$1/server.pid"
