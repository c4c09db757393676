# Shared by the campaign benchmarks: a package for a sandbox gateway, the portal emulator
# (bin/sup-portal serve) on its embedded broker or on a mosquitto started here, the simulated
# fleet (benchmarks/fleet-sim), sandbox gateways with their agents, and the peak memory of a
# process that runs in the background. Sourced after common.sh; RUN is the script's run directory.
# shellcheck shell=bash

SUP_PORTAL="${SUP_PORTAL:-$REPO_ROOT/bin/sup-portal}"
SUP_AGENT="${SUP_AGENT:-$REPO_ROOT/bin/sup-agent}"
SUP_SANDBOX="${SUP_SANDBOX:-$REPO_ROOT/bin/sup-sandbox}"
MOSQUITTO="${MOSQUITTO:-$(command -v mosquitto || echo /usr/sbin/mosquitto)}"
FLEET_SIM_JAR="$BENCH_DIR/fleet-sim/target/sup-fleet-sim.jar"
BASE=sup
# Every process started in the background, stopped (TERM, then KILL) by stop_all.
STARTED_PIDS=()

# A free TCP port on the loopback interface (the kernel's choice, released at once).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_file FILE SECONDS PID WHAT: waits until FILE exists; fails when PID dies or time is up.
wait_for_file() {
  local file="$1" seconds="$2" pid="$3" what="$4" i
  for ((i = 0; i < seconds * 10; i++)); do
    [[ -e "$file" ]] && return 0
    kill -0 "$pid" 2>/dev/null || die "$what stopped before it was ready"
    sleep 0.1
  done
  die "$what was not ready within $seconds s"
}

# wait_for_port PORT SECONDS PID WHAT
wait_for_port() {
  local port="$1" seconds="$2" pid="$3" what="$4" i
  for ((i = 0; i < seconds * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || die "$what stopped before it listened on $port"
    sleep 0.1
  done
  die "$what did not listen on $port within $seconds s"
}

# The pid of the process GNU time started (time forks it; the launchers exec java in it).
child_of() {
  local parent="$1" i child
  for ((i = 0; i < 100; i++)); do
    child="$(pgrep -P "$parent" | head -n 1 || true)"
    [[ -n "$child" ]] && { echo "$child"; return 0; }
    sleep 0.05
  done
  die "no child of $parent"
}

# timed_background NAME COMMAND...: starts COMMAND under GNU time in the background (output in
# $RUN/log-NAME, wall s and peak RSS KiB in $RUN/time-NAME); sets BG_PID to the command's own pid
# and BG_TIME_PID to GNU time's.
timed_background() {
  local name="$1"
  shift
  "$TIME" -f '%e %M' -o "$RUN/time-$name" "$@" >"$RUN/log-$name" 2>&1 </dev/null &
  BG_TIME_PID=$!
  STARTED_PIDS+=("$BG_TIME_PID")
  BG_PID="$(child_of "$BG_TIME_PID")"
  STARTED_PIDS+=("$BG_PID")
}

# stop_and_wait PID: SIGTERM, then SIGKILL after 20 s; waits for it (and its GNU time) to exit.
stop_and_wait() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  # GNU time writes its file when its child is gone; give it a moment.
  sleep 0.3
}

stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in "${STARTED_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

# peak_mib NAME: the peak RSS GNU time recorded for a background step, in MiB ("?" if none).
peak_mib() {
  local line
  line="$(tail -n 1 "$RUN/time-$1" 2>/dev/null || true)"
  [[ "$line" =~ ^[0-9.]+\ ([0-9]+)$ ]] || { echo "?"; return 0; }
  awk -v k="${BASH_REMATCH[1]}" 'BEGIN {printf "%.1f", k / 1024}'
}

# vm_hwm_kib PID: the process's own peak RSS so far (VmHWM), 0 once it is gone.
vm_hwm_kib() {
  awk '/^VmHWM:/ {print $2; found = 1} END {if (!found) print 0}' "/proc/$1/status" 2>/dev/null || echo 0
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# write_spec DIR NAME SIZE_KIB: a spec with one file.copy of a random payload of SIZE_KIB KiB.
write_spec() {
  local dir="$1" name="$2" size_kib="$3"
  mkdir -p "$dir/payload"
  head -c "$((size_kib * 1024))" /dev/urandom >"$dir/payload/big.bin"
  write_copy_spec "$dir/sup.yaml" "$name" "campaign benchmark, one random payload of $size_kib KiB"
}

# portal CMD...: bin/sup-portal with the run's data directory, failing the script on an error.
portal() {
  "$SUP_PORTAL" "$@" --data "$RUN/portal" >>"$RUN/log-portal-cli" 2>&1 \
    || { tail -n 20 "$RUN/log-portal-cli" >&2; die "sup-portal $1 $2 failed"; }
}

# start_mosquitto: mosquitto on a free loopback port, with the files `sup-portal mosquitto-config`
# writes for the portal's things (so add the things first). Sets MQTT_PORT and MOSQUITTO_PID.
start_mosquitto() {
  [[ -x "$MOSQUITTO" ]] || die "mosquitto is missing (apt-get install mosquitto), or set MOSQUITTO=/path/to/mosquitto"
  MQTT_PORT="$(free_port)"
  portal mosquitto-config --out "$RUN/mosquitto" --port "$MQTT_PORT" --listen 127.0.0.1 --base "$BASE"
  # As root mosquitto would switch to its own user, who cannot read the run directory.
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "user root" >>"$RUN/mosquitto/mosquitto.conf"
  fi
  timed_background mosquitto "$MOSQUITTO" -c "$RUN/mosquitto/mosquitto.conf"
  MOSQUITTO_PID="$BG_PID"
  wait_for_port "$MQTT_PORT" 20 "$MOSQUITTO_PID" mosquitto
}

# start_portal [SERVE_OPTION...]: sup-portal serve in the background, on mosquitto when
# start_mosquitto ran (MQTT_PORT set) or on its embedded broker. The JVM logs its collections to
# $RUN/portal-gc.log (heap before and after each). Sets PORTAL_PID, PORTAL_HTTP and PORTAL_MQTT.
start_portal() {
  local broker=()
  if [[ -n "${MOSQUITTO_PID:-}" ]]; then
    broker=(--broker "tcp://127.0.0.1:$MQTT_PORT")
  else
    broker=(--mqtt-port 0)
  fi
  rm -f "$RUN/portal/serve.json"
  SUP_PORTAL_JAVA_OPTS="${SUP_PORTAL_JAVA_OPTS:-} -Xlog:gc:file=$RUN/portal-gc.log" \
    timed_background portal "$SUP_PORTAL" serve --data "$RUN/portal" --http-port 0 --base "$BASE" "${broker[@]}" "$@"
  PORTAL_PID="$BG_PID"
  wait_for_file "$RUN/portal/serve.json" 120 "$PORTAL_PID" "sup-portal serve"
  PORTAL_HTTP="$(jq -r .http "$RUN/portal/serve.json")"
  PORTAL_MQTT="$(jq -r .mqtt "$RUN/portal/serve.json")"
}

# The portal's heap from its GC log: the most used before a collection and the most live after
# one, in MiB, as "USED LIVE" ("? ?" when it never collected).
portal_heap_mib() {
  sed -n 's/.*Pause[^)]*) \([0-9]*\)M->\([0-9]*\)M.*/\1 \2/p' "$RUN/portal-gc.log" 2>/dev/null \
    | awk 'BEGIN {u = "?"; l = "?"} {if (u == "?" || $1 > u) u = $1; if (l == "?" || $2 > l) l = $2} END {print u, l}'
}

# warm_up_tools: builds the launchers' modules and their class-data archives now, untimed, so no
# timed step pays for a first-use build (a Maven run inside an agent's installer is minutes).
warm_up_tools() {
  local tool
  for tool in "$SUP" "$SUP_PORTAL" "$SUP_AGENT" "$REPO_ROOT/bin/sup-installer" "$SUP_SANDBOX"; do
    "$tool" --version >"$RUN/log-warm-up" 2>&1 || { cat "$RUN/log-warm-up" >&2; die "$tool --version failed"; }
  done
}

# JQ_TIME: a jq function, ts, turning the portal's ISO-8601 instants (with a fraction) into seconds.
JQ_TIME='def ts: (sub("\\.[0-9]+Z$"; "Z") | fromdate) + ((capture("(?<f>\\.[0-9]+)Z$").f // "0") | tonumber);'

# ensure_fleet_sim: builds benchmarks/fleet-sim when its jar is missing or older than its sources.
ensure_fleet_sim() {
  # shellcheck source=bin/lib/launcher.sh
  . "$REPO_ROOT/bin/lib/launcher.sh"
  ensure_built "$REPO_ROOT" benchmarks/fleet-sim "$FLEET_SIM_JAR" sup-tr50 sup-command-line sup-portal benchmarks/fleet-sim \
    || die "building benchmarks/fleet-sim failed"
}

# fleet_sim ARG...: the simulator's JVM (its heap is set by FLEET_SIM_HEAP, default 1g).
fleet_sim() {
  java -Xmx"${FLEET_SIM_HEAP:-1g}" -XX:+UseSerialGC -cp "$FLEET_SIM_JAR:$BENCH_DIR/fleet-sim/target/lib/*" \
    org.suptools.fleetsim.FleetMain "$@"
}

# make_gateway DIR THING_KEY TOKEN: a sandbox gateway DIR/gateway trusting bench.pub (runtime not
# started: a file.copy does not need it) and DIR/agent.yaml for the running portal, with the
# token in DIR/token. INSTALLER, when set, is the agent's installer command as a YAML flow list.
make_gateway() {
  local dir="$1" key="$2" token="$3"
  mkdir -p "$dir"
  "$SUP_SANDBOX" "$dir/gateway" --trust "$WORK/bench.pub" --no-start --thing-key="$key" >"$dir/log-sandbox" 2>&1 \
    || { cat "$dir/log-sandbox" >&2; die "sup-sandbox $dir/gateway failed"; }
  printf '%s\n' "$token" >"$dir/token"
  {
    echo "thingKey: $key"
    echo "appId: app-$key"
    echo "appTokenFile: token"
    echo "broker: $PORTAL_MQTT"
    echo "topicPrefix: $BASE"
    echo "fileEndpoint: $PORTAL_HTTP"
    echo "gatewayConfig: gateway/gateway.yaml"
    echo "stateDir: agent-state"
    echo "checkPeriod: 5m"
    if [[ -n "${INSTALLER:-}" ]]; then
      echo "installer: $INSTALLER"
    fi
  } >"$dir/agent.yaml"
}
