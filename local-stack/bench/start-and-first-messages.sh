#!/bin/bash
# Starts the local stack on DATA_DIR, waits for "Started in", asks for a guest token, sends three chat messages timed
# by curl, reads the slowest stage times of the first message from the services' Prometheus text, and stops the
# stack with SIGTERM (which also writes the class-data archives of a first start after a build). Before stopping it,
# it waits IDLE_SECONDS (default 60) and sums the PSS of every java and postgres process: run nothing else beside it.
# One line per run goes to OUT_DIR/summary.txt, the first message's stage maxima to OUT_DIR/stages.txt.
# usage: local-stack/bench/start-and-first-messages.sh DATA_DIR LABEL [REPOSITORY_ROOT] [OUT_DIR]
# A fresh start: a DATA_DIR that does not exist; a second start: the same DATA_DIR again.
set -u
DIR=$1; LABEL=$2; ROOT=${3:-$(pwd)}; OUT_DIR=${4:-/tmp/switchboard-starts}
mkdir -p "$OUT_DIR"; LOG=$OUT_DIR/$LABEL.log
source "$(dirname "$0")/stack.sh"
cd "$ROOT"; export SWITCHBOARD_HOME=$ROOT
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
start_stack "$DIR"
LOAD_READY=$(cut -d' ' -f1 /proc/loadavg)
STARTED=$(grep -o "Started in [^;]*;[^;]*" "$LOG" | head -1)
TOKEN=$(curl -s -X POST localhost:8080/api/v1/auth/token -H 'Content-Type: application/json' -d '{}' \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
MESSAGES=""; STAGES=""
for QUESTION in "how do I turn on autopay" "my wifi keeps dropping in the bedroom" "how do I reset my router password"; do
  TOTAL=$(curl -s -o "$OUT_DIR/reply.json" -w '%{time_total}' -X POST localhost:8080/api/v1/chat/messages \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"content\":\"$QUESTION\",\"role\":\"user\",\"timestamp\":\"$(date -u +%FT%TZ)\"}")
  MESSAGES="$MESSAGES | ${TOTAL}s $(grep -o '"latencyMs":[0-9]*' "$OUT_DIR/reply.json") $(grep -o '"source":"[a-z_]*"' "$OUT_DIR/reply.json")"
  if [ -z "$STAGES" ]; then
    # intent, knowledge and chat services; the gateway's management port
    STAGES=$(for PORT in 8082 8083 8081 8090; do curl -s localhost:$PORT/actuator/prometheus \
      | grep -E '^switchboard_stage_(processing|delay)_seconds_max' | awk -v p=$PORT '$NF > 0.05 {print p, $0}'; done | tr '\n' ';')
  fi
done
# the memory again once the stack has been idle for a while (every java and postgres process: run nothing else)
sleep "${IDLE_SECONDS:-60}"
IDLE_PSS=$(for PID in $(pgrep -x java; pgrep -x postgres); do awk '/^Pss:/ {print $2}' /proc/$PID/smaps_rollup 2>/dev/null; done \
  | awk '{kb += $1} END {printf "%d MB", kb / 1024}')
echo "$LABEL: $STARTED | load average $LOAD_BEFORE -> $LOAD_READY $MESSAGES | PSS after ${IDLE_SECONDS:-60} s idle: $IDLE_PSS" \
  | tee -a "$OUT_DIR/summary.txt"
echo "$LABEL first message, stages over 50 ms: $STAGES" >> "$OUT_DIR/stages.txt"
kill -TERM $STACK; wait $STACK
