#!/usr/bin/env bash
# Measures a campaign over N gateways on mosquitto: the time from `sup-portal campaign start` to
# every member completed, members completed per second, and the peak memory of the portal, the
# broker and the gateways' side. The gateways are simulated (benchmarks/fleet-sim: N lightweight
# TR50 clients in one JVM that each answer the campaign message with file.get, a checked download
# and an ack), or, with --real-agents, N sandbox gateways each with its own bin/sup-agent daemon,
# which runs the installer. See benchmarks/README.md.
#
# Usage: benchmarks/campaign-fleet.sh [--real-agents] N
#   --real-agents                       N real agents on sandbox gateways instead of simulated ones
#   PAYLOAD_KIB=K                       the package's random payload (default 64 KiB)
#   WORKERS=W                           the simulator's threads for requests and downloads (default 32)
#   FLEET_SIM_HEAP=1g                   the simulator's JVM heap
#   SUP_PORTAL= SUP_AGENT= SUP_SANDBOX= MOSQUITTO=   other commands than the repository's / PATH's
#
# Exit status: 0 every member succeeded once, 1 a step failed or a tool is missing, 2 bad usage.
set -euo pipefail

BENCH_NAME=campaign-fleet
# shellcheck source=benchmarks/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=benchmarks/lib/portal.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/portal.sh"

REAL_AGENTS=false
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  --real-agents) REAL_AGENTS=true; shift ;;
esac
if [[ $# -ne 1 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  usage >&2
  exit 2
fi
N="$1"
PAYLOAD_KIB="${PAYLOAD_KIB:-64}"
WORKERS="${WORKERS:-32}"
[[ "$PAYLOAD_KIB" =~ ^[1-9][0-9]*$ ]] || { log "$BENCH_NAME: PAYLOAD_KIB must be a positive whole number"; exit 2; }
[[ "$WORKERS" =~ ^[1-9][0-9]*$ ]] || { log "$BENCH_NAME: WORKERS must be a positive whole number"; exit 2; }
RUN="$WORK/campaign-fleet-run"
FILE_NAME=bench-fleet.sup
# Per-thing thing add, timed on a few to show what registering N things one JVM each would cost.
THING_ADD_SAMPLE=5

cleanup() {
  local status=$?
  stop_all
  if [[ -d "$RUN/gateways" ]]; then
    local ctl
    for ctl in "$RUN"/gateways/*/gateway/dwcore/runtime/bin/runtime-ctl; do
      [[ -x "$ctl" ]] && "$ctl" stop "${ctl%/runtime/bin/runtime-ctl}" >/dev/null 2>&1 || true
    done
  fi
  # Kept after a failure, to read the logs; deleted after a success.
  ((status == 0)) && rm -rf "$RUN"
  return "$status"
}

# register_things: the simulated fleet in one JVM (the portal's store, as `thing add` uses it); the
# real agents' things with `sup-portal thing add`, one process each, as a user adds them.
register_things() {
  local i start
  SECRET="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  if $REAL_AGENTS; then
    start="$(date +%s.%N)"
    for ((i = 1; i <= N; i++)); do
      portal thing add "gw-$i" --token "$SECRET-gw-$i" --app-id "app-gw-$i"
      KEYS+=("gw-$i")
    done
    REGISTER_S="$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')"
    REGISTER_HOW="sup-portal thing add, one process per thing"
    THING_ADD_EACH_S="$(awk -v t="$REGISTER_S" -v n="$N" 'BEGIN {printf "%.2f", t / n}')"
  else
    start="$(date +%s.%N)"
    fleet_sim register --data "$RUN/portal" --count "$N" --secret "$SECRET" >"$RUN/log-register" 2>&1 \
      || { cat "$RUN/log-register" >&2; die "registering the fleet failed"; }
    REGISTER_S="$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')"
    REGISTER_HOW="sup-fleet-sim register, one JVM (the portal's store)"
    mapfile -t KEYS < <(ls "$RUN/portal/things" | sed -n 's/\.json$//p' | grep '^gw-')
    [[ "${#KEYS[@]}" -eq "$N" ]] || die "registered ${#KEYS[@]} things, not $N"
    # What the same would cost with one `thing add` process per thing: timed on a few spare keys.
    start="$(date +%s.%N)"
    for ((i = 1; i <= THING_ADD_SAMPLE; i++)); do
      portal thing add "spare-$i" --token "$SECRET-spare-$i" --app-id "app-spare-$i"
    done
    THING_ADD_EACH_S="$(awk -v a="$start" -v b="$(date +%s.%N)" -v n="$THING_ADD_SAMPLE" \
      'BEGIN {printf "%.2f", (b - a) / n}')"
  fi
}

# start_gateways: the simulated fleet, or the real agents; returns once all are connected.
start_gateways() {
  local i dir
  if $REAL_AGENTS; then
    for ((i = 1; i <= N; i++)); do
      dir="$RUN/gateways/gw-$i"
      make_gateway "$dir" "gw-$i" "$SECRET-gw-$i"
      timed_background "agent-$i" "$SUP_AGENT" run --config "$dir/agent.yaml"
      AGENT_PIDS+=("$BG_PID")
    done
    for ((i = 1; i <= N; i++)); do
      local waited=0
      until grep -q 'connected; listening' "$RUN/log-agent-$i" 2>/dev/null; do
        kill -0 "${AGENT_PIDS[$((i - 1))]}" 2>/dev/null || { cat "$RUN/log-agent-$i" >&2; die "agent $i stopped"; }
        ((waited++ < 1200)) || die "agent $i did not connect within 120 s"
        sleep 0.1
      done
    done
  else
    timed_background fleet-sim java -Xmx"${FLEET_SIM_HEAP:-1g}" -XX:+UseSerialGC \
      -cp "$FLEET_SIM_JAR:$BENCH_DIR/fleet-sim/target/lib/*" org.suptools.fleetsim.FleetMain run \
      --count "$N" --secret "$SECRET" --broker "tcp://127.0.0.1:$MQTT_PORT" --base "$BASE" \
      --http "$PORTAL_HTTP" --workers "$WORKERS" --ready "$RUN/fleet-ready" --result "$RUN/fleet-result.json"
    SIM_PID="$BG_PID"
    SIM_TIME_PID="$BG_TIME_PID"
    wait_for_file "$RUN/fleet-ready" 600 "$SIM_PID" "the simulated fleet"
  fi
}

# await_completed ID: until the campaign's record says Completed (the simulated fleet exits then).
await_completed() {
  local id="$1" waited=0 state
  while :; do
    if ! $REAL_AGENTS && ! kill -0 "$SIM_PID" 2>/dev/null; then
      break
    fi
    # The record of a large campaign is big: looked at every 2 s, so the polling costs the portal little.
    state="$(curl -sf -H "Authorization: Bearer $(cat "$RUN/portal/console-token")" "$PORTAL_HTTP/api/campaigns/$id" | jq -r .state || true)"
    [[ "$state" == Completed ]] && break
    ((waited++ < 1800)) || die "campaign $id not completed within an hour"
    sleep 2
  done
  curl -sf -H "Authorization: Bearer $(cat "$RUN/portal/console-token")" "$PORTAL_HTTP/api/campaigns/$id" >"$RUN/campaign.json" || die "GET /api/campaigns/$id failed"
}

main() {
  mkdir -p "$WORK" "$RESULTS"
  ensure_time
  command -v jq >/dev/null || die "jq is missing (apt-get install jq)"
  command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
  [[ -x "$SUP_PORTAL" ]] || die "no sup-portal command at $SUP_PORTAL"
  rm -rf "$RUN"
  mkdir -p "$RUN/portal"
  trap cleanup EXIT
  KEYS=()
  AGENT_PIDS=()
  local load_before load_after
  ensure_fleet_sim
  warm_up_tools

  log "Building a package with a $PAYLOAD_KIB KiB payload (the first runs may build the tools)..."
  make_bench_key
  write_spec "$RUN/spec" bench-fleet "$PAYLOAD_KIB"
  "$SUP" build "$RUN/spec" -o "$RUN/$FILE_NAME" --key "$WORK/bench.key" >"$RUN/log-build" 2>&1 \
    || { cat "$RUN/log-build" >&2; die "sup build failed"; }
  log "Registering $N things..."
  register_things
  portal file upload "$RUN/$FILE_NAME" --name "$FILE_NAME"
  local id
  id="$("$SUP_PORTAL" campaign create fleet --data "$RUN/portal" --file "$FILE_NAME" \
    --things "$(IFS=,; echo "${KEYS[*]}")" 2>>"$RUN/log-portal-cli" | tail -n 1)"
  [[ "$id" =~ ^C[0-9]+$ ]] || die "campaign create printed '$id', not a campaign id"

  log "Starting mosquitto and the portal..."
  start_mosquitto
  start_portal
  if $REAL_AGENTS; then
    log "Making $N sandbox gateways and starting their agents..."
  else
    log "Connecting $N simulated gateways..."
  fi
  start_gateways

  # What the portal's store is bound by: each change is a small file written and forced to disk.
  local dsync_start
  dsync_start="$(date +%s.%N)"
  dd if=/dev/zero of="$RUN/portal/.dsync-probe" bs=4k count=200 oflag=dsync 2>/dev/null
  DSYNC_PER_S="$(awk -v a="$dsync_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", 200 / (b - a)}')"
  rm -f "$RUN/portal/.dsync-probe"
  load_before="$(load_average)"
  log "Starting campaign $id (load average $load_before)..."
  local t0 t1
  t0="$(date +%s.%N)"
  portal campaign start "$id"
  START_CMD_S="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')"
  await_completed "$id"
  t1="$(date +%s.%N)"
  load_after="$(load_average)"
  local portal_hwm
  portal_hwm="$(vm_hwm_kib "$PORTAL_PID")"

  if ! $REAL_AGENTS; then
    wait "$SIM_TIME_PID" 2>/dev/null || true
  fi
  local pid
  for pid in "${AGENT_PIDS[@]}"; do stop_and_wait "$pid"; done
  stop_and_wait "$PORTAL_PID"
  stop_and_wait "$MOSQUITTO_PID"

  local stamp report kind
  kind="$($REAL_AGENTS && echo agents || echo sim)"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  report="$RESULTS/campaign-fleet-$N-$kind-$stamp.txt"
  report_text "$id" "$t0" "$t1" "$load_before" "$load_after" "$portal_hwm" | tee "$report"
  # The records and the gateways' logs, to look into a figure later.
  mkdir -p "${report%.txt}"
  cp "$RUN/campaign.json" "$RUN"/log-agent-* "$RUN"/log-fleet-sim "$RUN"/fleet-result.json "$RUN/portal-gc.log" \
    "${report%.txt}/" 2>/dev/null || true
  log "Saved to ${report#"$REPO_ROOT"/} (records and logs in ${report%.txt}/)"
  local succeeded
  succeeded="$(jq -r .succeeded "$RUN/campaign.json")"
  [[ "$succeeded" -eq "$N" ]] || die "only $succeeded of $N members succeeded; the run is kept in $RUN"
}

report_text() {
  local id="$1" t0="$2" t1="$3" load_before="$4" load_after="$5" portal_hwm="$6"
  local c="$RUN/campaign.json" record_s polled_s heap
  record_s="$(jq -r "$JQ_TIME"' (.completedOn | ts) - (.startedOn | ts)' "$c")"
  record_s="$(awk -v s="$record_s" 'BEGIN {printf "%.2f", s}')"
  polled_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')"
  heap="$(portal_heap_mib)"
  echo "campaign-fleet: $N $($REAL_AGENTS && echo "real agents (bin/sup-agent run, sandbox gateways, the installer run)" \
    || echo "simulated gateways (sup-fleet-sim, one JVM, $WORKERS worker threads)") on mosquitto, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); $("$MOSQUITTO" -h 2>/dev/null | head -n 1)"
  echo "package: $FILE_NAME, one file.copy of $PAYLOAD_KIB KiB ($(stat -c %s "$RUN/$FILE_NAME" 2>/dev/null || echo '?') bytes)"
  echo "load average: $load_before at the start, $load_after at the end"
  echo
  printf '%-48s %s\n' "campaign" "$id: $(jq -r '"\(.succeeded) succeeded, \(.failed) failed, state \(.state)"' "$c")"
  printf '%-48s %s\n' "start to all completed (records), s" "$record_s"
  printf '%-48s %s\n' "start to Completed seen (polled every 2 s), s" "$polled_s"
  printf '%-48s %s\n' "members completed per second" "$(ratio "$N" "$record_s")"
  local queued_s first_s taken_s
  read -r first_s taken_s < <(jq -r "$JQ_TIME"' (.startedOn | ts) as $start | ([.members[] | .startedOn | ts] | min) as $first
    | ([.members[] | .completedOn | ts] | max) as $last | "\($first - $start) \($last - $first)"' "$c")
  printf '%-48s %s\n' "  'campaign start' command (queues, notifies), s" "$START_CMD_S"
  printf '%-48s %s\n' "  start to first message taken (records), s" "$(awk -v s="$first_s" 'BEGIN {printf "%.2f", s}')"
  printf '%-48s %s\n' "  first taken to last acked (records), s" "$(awk -v s="$taken_s" 'BEGIN {printf "%.2f", s}')"
  printf '%-48s %s\n' "  members per second in that span" "$(ratio "$N" "$taken_s")"
  printf '%-48s %s\n' "portal peak RSS, MiB" "$(peak_mib portal) ($(awk -v k="$portal_hwm" 'BEGIN {printf "%.1f", k / 1024}') at completion)"
  printf '%-48s %s\n' "portal heap, most used / most live, MiB" "${heap% *} / ${heap#* } (-Xmx256m; from -Xlog:gc)"
  printf '%-48s %s\n' "mosquitto peak RSS, MiB" "$(peak_mib mosquitto)"
  if $REAL_AGENTS; then
    local i rss=()
    for ((i = 1; i <= N; i++)); do rss+=("$(peak_mib "agent-$i")"); done
    printf '%-48s %s\n' "each agent's peak RSS (with its installer), MiB" "${rss[*]}"
  else
    local r="$RUN/fleet-result.json"
    printf '%-48s %s\n' "simulator peak RSS, MiB" "$(peak_mib fleet-sim)"
    printf '%-48s %s\n' "simulator: connect and subscribe all, s" "$(jq -r .connectSeconds "$r")"
    printf '%-48s %s\n' "per member, message read to ack taken, ms" \
      "$(jq -r '.memberMillis | "p50 \(.p50), p90 \(.p90), p99 \(.p99), max \(.p100)"' "$r")"
    printf '%-48s %s\n' "duplicate acks, troubles" "$(jq -r '"\(.duplicateAcks), \(.troubles)"' "$r")"
  fi
  printf '%-48s %s\n' "per member, message taken to acked (records), s" "$(jq -r "$JQ_TIME"' [.members[]
    | (.completedOn | ts) - (.startedOn | ts)] | sort | map(. * 100 | round / 100)
    | "p50 \(.[(length - 1) / 2 | floor]), p90 \(.[(length * 0.9 | ceil) - 1]), max \(.[-1])"' "$c")"
  printf '%-48s %s\n' "synchronous 4 KiB writes per second (dd dsync)" "$DSYNC_PER_S (the portal's disk)"
  printf '%-48s %s\n' "registering $N things, s" "$REGISTER_S ($REGISTER_HOW)"
  printf '%-48s %s\n' "one 'sup-portal thing add' process, s" \
    "$THING_ADD_EACH_S (x $N = $(awk -v t="$THING_ADD_EACH_S" -v n="$N" 'BEGIN {printf "%.0f", t * n}') s)"
}

main
