#!/bin/bash
# Starts the local stack on DATA_DIR (a second start: one the stack has run on before), waits for "Started in" and
# 30 s more, then KILLS rounds: in each, every service of SERVICES (comma-separated) in turn is killed with kill -9,
# the launcher's "SERVICE is ready again (…), N s after it exited" is waited for, then GAP seconds (default 65; a
# service's kills must be 60 s apart, or the launcher's back-off adds to its restart). Then SIGTERM stops the stack.
# With the stack's start and each restart, one line per kill goes to OUT_DIR/summary.txt: the load average at the
# kill, the launcher's line, and the service's "process running for" and "Warm in" from its log. Run nothing beside it.
# usage: local-stack/bench/restarts-after-kill.sh DATA_DIR LABEL [SERVICES] [KILLS] [REPOSITORY_ROOT] [OUT_DIR] [GAP]
set -u
DIR=$1; LABEL=$2; SERVICES=${3:-intent-service}; KILLS=${4:-3}; ROOT=${5:-$(pwd)}; OUT_DIR=${6:-/tmp/switchboard-restarts}; GAP=${7:-65}
mkdir -p "$OUT_DIR"; LOG=$OUT_DIR/$LABEL.log; SUMMARY=$OUT_DIR/summary.txt
source "$(dirname "$0")/stack.sh"
cd "$ROOT"; export SWITCHBOARD_HOME=$ROOT
start_stack "$DIR"
echo "$LABEL $(grep -o 'Started in [^;]*;[^;]*' "$LOG" | head -1)" >> "$SUMMARY"
sleep 30
for i in $(seq "$KILLS"); do
for SERVICE in ${SERVICES//,/ }; do
  PID=$(pgrep -f "switchboard.instance=$SERVICE " | head -1)
  BEFORE=$(grep -c "$SERVICE is ready again" "$LOG")
  echo "$LABEL kill $i of $SERVICE at $(date +%T), load average $(cut -d' ' -f1 /proc/loadavg)" >> "$SUMMARY"
  kill -9 "$PID"
  until [ "$(grep -c "$SERVICE is ready again" "$LOG")" -gt "$BEFORE" ]; do
    require_stack
    sleep 0.5
  done
  grep "$SERVICE is ready again" "$LOG" | tail -1 >> "$SUMMARY"
  grep -o "process running for [0-9.]*)\|Warm in [0-9]* ms" "$DIR/logs/$SERVICE.log" | tail -2 | tr '\n' ' ' >> "$SUMMARY"
  echo >> "$SUMMARY"
  sleep "$GAP"
done
done
kill -TERM $STACK; wait $STACK
