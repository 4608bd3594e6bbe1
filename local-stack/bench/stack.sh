# What the bench scripts share; they source it. LABEL and LOG name the run and the launcher's output.

# Starts the local stack from the repository root (the current directory) on DATA_DIR ($1), its output in $LOG; sets
# STACK to its pid and returns once it printed "Started in" (or gave up starting).
start_stack() {
  java -jar local-stack/target/local-stack.jar --data-dir="$1" --startup-timeout=600 > "$LOG" 2>&1 &
  STACK=$!
  until grep -q "Started in\|Not healthy\|Exception in thread" "$LOG"; do
    require_stack
    sleep 0.2
  done
}

# Ends the script when the stack has exited.
require_stack() {
  kill -0 "$STACK" 2>/dev/null || { echo "$LABEL: the stack exited, see $LOG"; exit 1; }
}
