#!/usr/bin/env bash
# Measures one campaign member through the real gateway agent: `sup-agent once` takes the mailbox
# message, downloads a package with one SIZE MiB random payload from `sup-portal serve` over
# loopback (size and CRC-32 checked, forced to disk), runs `sup-installer install` on it and acks.
# Against the floor measured in the same run: `curl -o` of the same file from the portal's file
# endpoint, `openssl dgst -sha256` of it, `cp` of the payload to its destination, and `sync`.
# Reports the time ratio, the agent's own peak RSS and the installer's. See benchmarks/README.md.
# With BACKEND=http the agent takes the package from the portal's plain HTTP backend instead
# (`/ota/`: version check, download with its size and SHA-256 checked, install, notify).
#
# Usage: benchmarks/agent-download-install.sh [SIZE_MIB]     (default 1024)
#   RUNS=N                                 N agent runs and N floor runs, alternated; medians (default 1)
#   BACKEND=tr50|http                      a campaign over MQTT (default), or the plain HTTP backend
#   SUP= SUP_PORTAL= SUP_AGENT= SUP_SANDBOX=   other commands than the repository's bin/
#
# No targets (the issue asks for the figures): exit status 0 measured, 1 a step failed or a tool
# is missing, 2 bad usage.
set -euo pipefail

BENCH_NAME=agent-download-install
# shellcheck source=benchmarks/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=benchmarks/lib/portal.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/portal.sh"
parse_args "$@"
BACKEND="${BACKEND:-tr50}"
[[ "$BACKEND" == tr50 || "$BACKEND" == http ]] || { echo "BACKEND must be tr50 or http, not '$BACKEND'" >&2; exit 2; }
RUN="$WORK/agent-run"
FILE_NAME=bench-agent.sup
GW="$RUN/gw"
INSTALLED="$GW/gateway/dwcore/data/big.bin"

# The payload, the portal's copy of the .sup, the agent's download, the installed copy and the
# floor's two copies can coexist, plus headroom.
check_space() {
  local need_kib=$((SIZE_MIB * 1024 * 7)) free_kib
  free_kib="$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')"
  ((free_kib >= need_kib)) || die "needs about $((need_kib / 1024)) MiB free under $WORK, has $((free_kib / 1024)) MiB"
}

cleanup() {
  stop_all
  local ctl="$GW/gateway/dwcore/runtime/bin/runtime-ctl"
  [[ -x "$ctl" ]] && "$ctl" stop "$GW/gateway/dwcore" >/dev/null 2>&1 || true
  rm -rf "$RUN"
}

declare -a AGENT_WALLS=() AGENT_OWN_KIB=() AGENT_TREE_KIB=() INSTALLER_WALLS=() INSTALLER_KIB=()
declare -a FLOOR_WALLS=() CURL_WALLS=() DGST_WALLS=() CP_SYNC_WALLS=() LOADS=()

# One member through the agent: a fresh gateway and agent state, a new campaign of one, then
# `sup-agent once` timed by GNU time while its own VmHWM is read every 0.1 s (GNU time's peak is
# the largest of the agent and the installer it waited for; the installer runs under its own GNU
# time through the agent's `installer` setting).
agent_run() {
  local run="$1" id
  stop_runtime_if_any
  rm -rf "$GW"
  INSTALLER="[\"$TIME\", \"-f\", \"%e %M\", \"-o\", \"$RUN/time-installer\", \"$REPO_ROOT/bin/sup-installer\"]" \
    make_gateway "$GW" "$KEY" "$TOKEN"
  if [[ "$BACKEND" == http ]]; then
    http_agent_config "$GW"
  else
    id="$("$SUP_PORTAL" campaign create "run-$run" --data "$RUN/portal" --file "$FILE_NAME" --things "$KEY" \
      2>>"$RUN/log-portal-cli" | tail -n 1)"
    [[ "$id" =~ ^C[0-9]+$ ]] || die "campaign create printed '$id', not a campaign id"
    portal campaign start "$id"
  fi
  rm -f "$RUN/time-installer"
  sync
  cat "$PORTAL_SUP" "$PAYLOAD" >/dev/null
  "$TIME" -f '%e %M' -o "$RUN/time-agent" "$SUP_AGENT" once --config "$GW/agent.yaml" >"$RUN/log-agent" 2>&1 &
  local time_pid=$! pid hwm=0 now
  pid="$(child_of "$time_pid")"
  while kill -0 "$pid" 2>/dev/null; do
    now="$(vm_hwm_kib "$pid")"
    ((now > hwm)) && hwm="$now"
    sleep 0.1
  done
  wait "$time_pid" || { tail -n 30 "$RUN/log-agent" >&2; die "sup-agent once failed (run $run)"; }
  if [[ "$BACKEND" == http ]]; then
    check_notified "$run"
  else
    check_campaign_succeeded "$id" "$run"
  fi
  cmp -s "$PAYLOAD" "$INSTALLED" || die "$INSTALLED differs from the payload (run $run)"
  local wall tree iwall ikib
  read -r wall tree < <(tail -n 1 "$RUN/time-agent")
  read -r iwall ikib < <(tail -n 1 "$RUN/time-installer")
  AGENT_WALLS+=("$wall")
  AGENT_TREE_KIB+=("$tree")
  AGENT_OWN_KIB+=("$hwm")
  INSTALLER_WALLS+=("$iwall")
  INSTALLER_KIB+=("$ikib")
  log "  agent run $run: ${wall} s (installer ${iwall} s), agent peak $((hwm / 1024)) MiB, installer $((ikib / 1024)) MiB"
}

check_campaign_succeeded() {
  local id="$1" run="$2" record
  record="$(curl -sf -H "Authorization: Bearer $(cat "$RUN/portal/console-token")" "$PORTAL_HTTP/api/campaigns/$id")" || die "GET /api/campaigns/$id failed"
  [[ "$(jq -r .succeeded <<<"$record")" == 1 ]] \
    || { jq . <<<"$record" >&2; tail -n 30 "$RUN/log-agent" >&2; die "the member did not succeed (run $run)"; }
}

# The agent's config for the portal's plain HTTP backend (the gateway and token as for TR50).
http_agent_config() {
  local dir="$1"
  {
    echo "backend:"
    echo "  type: http"
    echo "  versionUrl: $PORTAL_HTTP/ota/version"
    echo "  packageUrl: $PORTAL_HTTP/ota/package/@"
    echo "  notifyUrl: $PORTAL_HTTP/ota/notify/@"
    echo "  deviceId: $KEY"
    echo "  passwordFile: token"
    echo "  packageName: bench-agent"
    echo "gatewayConfig: gateway/gateway.yaml"
    echo "stateDir: agent-state"
    grep '^installer: ' "$dir/agent.yaml" || true
  } >"$dir/agent-http.yaml"
  mv "$dir/agent-http.yaml" "$dir/agent.yaml"
}

# The device's last notification on the portal is a success.
check_notified() {
  local run="$1" last
  last="$("$SUP_PORTAL" ota show --data "$RUN/portal" --json 2>>"$RUN/log-portal-cli" \
    | jq -r --arg key "$KEY" '.devices[] | select(.thingKey == $key) | .notifications[-1].result')"
  [[ "$last" == "900 Success"* ]] \
    || { tail -n 30 "$RUN/log-agent" >&2; die "the agent notified '$last', not a success (run $run)"; }
}

stop_runtime_if_any() {
  local ctl="$GW/gateway/dwcore/runtime/bin/runtime-ctl"
  [[ -x "$ctl" ]] && "$ctl" stop "$GW/gateway/dwcore" >/dev/null 2>&1 || true
}

# The floor: a file id the way the agent gets one (file.get over MQTT, as the same thing; not
# timed, like the agent's JVM start is), then curl + openssl dgst + cp + sync, each part timed.
floor_run() {
  local run="$1" file_id
  file_id="$(fleet_sim file-id --prefix "$PREFIX" --count 1 --secret "$SECRET" --broker "$PORTAL_MQTT" \
    --base "$BASE" --file "$FILE_NAME" 2>>"$RUN/log-file-id" | cut -d' ' -f1)"
  [[ -n "$file_id" ]] || { cat "$RUN/log-file-id" >&2; die "no file id (run $run)"; }
  rm -f "$RUN/floor-download.sup" "$RUN/floor-copy.bin"
  sync
  cat "$PORTAL_SUP" "$PAYLOAD" >/dev/null
  "$TIME" -f '%e %M' -o "$RUN/time-floor" bash -c '
    set -e
    t0=$(date +%s.%N)
    curl -sSf -o "$1" "$2"
    t1=$(date +%s.%N)
    openssl dgst -sha256 "$1" >/dev/null
    t2=$(date +%s.%N)
    cp "$3" "$4"
    sync
    t3=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" "BEGIN {printf \"%.2f %.2f %.2f\n\", b - a, c - b, d - c}" >"$5"
  ' floor "$RUN/floor-download.sup" "$PORTAL_HTTP/file/$file_id" "$PAYLOAD" "$RUN/floor-copy.bin" \
    "$RUN/floor-parts" >"$RUN/log-floor" 2>&1 || { cat "$RUN/log-floor" >&2; die "the floor failed (run $run)"; }
  cmp -s "$RUN/floor-download.sup" "$PORTAL_SUP" || die "curl's download differs from the portal's file (run $run)"
  local wall rss c d p
  read -r wall rss < <(tail -n 1 "$RUN/time-floor")
  read -r c d p <"$RUN/floor-parts"
  FLOOR_WALLS+=("$wall")
  CURL_WALLS+=("$c")
  DGST_WALLS+=("$d")
  CP_SYNC_WALLS+=("$p")
  rm -f "$RUN/floor-download.sup" "$RUN/floor-copy.bin"
  log "  floor run $run: ${wall} s (curl $c, openssl dgst $d, cp + sync $p)"
}

max_mib() { printf '%s\n' "$@" | sort -n | tail -n 1 | awk '{printf "%.1f", $1 / 1024}'; }

main() {
  mkdir -p "$WORK" "$RESULTS"
  ensure_time
  command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
  command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
  command -v jq >/dev/null || die "jq is missing (apt-get install jq)"
  check_space
  cleanup
  trap cleanup EXIT
  mkdir -p "$RUN/portal"
  ensure_fleet_sim
  warm_up_tools

  PAYLOAD="$RUN/spec/payload/big.bin"
  log "Making a random payload of $SIZE_MIB MiB and its package (the first runs may build the tools)..."
  write_spec "$RUN/spec" bench-agent "$((SIZE_MIB * 1024))"
  make_bench_key
  "$SUP" build "$RUN/spec" -o "$RUN/$FILE_NAME" --key "$WORK/bench.key" >"$RUN/log-build" 2>&1 \
    || { cat "$RUN/log-build" >&2; die "sup build failed"; }

  # The thing is gateway 1 of a fleet of one, so sup-fleet-sim file-id can ask file.get as it.
  PREFIX=gw-
  SECRET="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  KEY="${PREFIX}1"
  TOKEN="$SECRET-$KEY"
  portal thing add "$KEY" --token "$TOKEN" --app-id "app-$KEY"
  portal file upload "$RUN/$FILE_NAME" --name "$FILE_NAME"
  [[ "$BACKEND" != http ]] || portal ota offer "$FILE_NAME"
  rm -f "$RUN/$FILE_NAME"
  PORTAL_SUP="$(find "$RUN/portal" -type f -size "+$((SIZE_MIB / 2 + 1))M" | head -n 1)"
  [[ -f "$PORTAL_SUP" ]] || die "cannot find the portal's copy of $FILE_NAME under $RUN/portal"
  log "Starting the portal (embedded broker)..."
  start_portal

  local heap
  heap="$(grep -o -- '-Xmx[0-9]*[kKmMgG]' "$SUP_AGENT" | head -n 1 || true)"
  log "Timing $RUNS agent run(s) and $RUNS floor run(s), alternated, each after sync and a read of its inputs:"
  local run
  for ((run = 1; run <= RUNS; run++)); do
    LOADS+=("$(load_average)")
    agent_run "$run"
    floor_run "$run"
  done
  LOADS+=("$(load_average)")

  local stamp report
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  report="$RESULTS/agent-download-install-${SIZE_MIB}MiB-$stamp.txt"
  report_text "$heap" | tee "$report"
  log "Saved to ${report#"$REPO_ROOT"/}"
}

report_text() {
  local heap="$1" agent floor
  agent="$(median "${AGENT_WALLS[@]}")"
  floor="$(median "${FLOOR_WALLS[@]}")"
  echo "agent-download-install: $SIZE_MIB MiB random payload in one file.copy, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); $(openssl version); $(curl --version | head -n 1 | cut -d' ' -f1-2)"
  echo "agent: $SUP_AGENT once (JVM ${heap:-heap not limited by the launcher}), portal: sup-portal serve on its embedded broker, loopback; backend: $BACKEND"
  echo "load average before each run pair and at the end: $(IFS='|'; echo "${LOADS[*]}")"
  echo "$RUNS run(s) of each, alternated; each after sync and a read of the .sup and the payload (page cache)."
  if [[ "$BACKEND" == http ]]; then
    echo "The agent's time is the whole 'sup-agent once': JVM start, version check, download (size and SHA-256"
    echo "checked, forced to disk), the installer (its own JVM: verify, plan, copy, fsync), the notify."
  else
    echo "The agent's time is the whole 'sup-agent once': JVM start, connect, mailbox.check, file.get, download"
    echo "(checked, forced to disk), the installer (its own JVM: verify, plan, copy, fsync), the ack."
  fi
  echo "The floor's file id is asked untimed; its sync flushes curl's download and cp's copy."
  echo
  printf '%-34s %10s   %s\n' step "median s" "all runs, s"
  printf '%-34s %10s   %s\n' "sup-agent once" "$agent" "${AGENT_WALLS[*]}"
  printf '%-34s %10s   %s\n' "  of which the installer" "$(median "${INSTALLER_WALLS[@]}")" "${INSTALLER_WALLS[*]}"
  printf '%-34s %10s   %s\n' "floor: curl+dgst+cp+sync" "$floor" "${FLOOR_WALLS[*]}"
  printf '%-34s %10s   %s\n' "  curl -o" "$(median "${CURL_WALLS[@]}")" "${CURL_WALLS[*]}"
  printf '%-34s %10s   %s\n' "  openssl dgst -sha256" "$(median "${DGST_WALLS[@]}")" "${DGST_WALLS[*]}"
  printf '%-34s %10s   %s\n' "  cp + sync" "$(median "${CP_SYNC_WALLS[@]}")" "${CP_SYNC_WALLS[*]}"
  echo
  printf '%-34s %10s\n' "peak RSS" "MiB (highest of the runs)"
  printf '%-34s %10s\n' "agent JVM alone (VmHWM, 0.1 s)" "$(max_mib "${AGENT_OWN_KIB[@]}")"
  printf '%-34s %10s\n' "installer JVM alone (GNU time)" "$(max_mib "${INSTALLER_KIB[@]}")"
  printf '%-34s %10s\n' "GNU time on the agent (max of both)" "$(max_mib "${AGENT_TREE_KIB[@]}")"
  echo
  printf '%-40s %8s\n' "agent / floor, time" "$(ratio "$agent" "$floor")"
  printf '%-40s %8s\n' "agent without its installer / curl -o" \
    "$(ratio "$(awk -v a="$agent" -v i="$(median "${INSTALLER_WALLS[@]}")" 'BEGIN {print a - i}')" \
      "$(median "${CURL_WALLS[@]}")")"
  printf '%-40s %8s\n' "installer / (dgst + cp + sync)" \
    "$(ratio "$(median "${INSTALLER_WALLS[@]}")" \
      "$(awk -v d="$(median "${DGST_WALLS[@]}")" -v p="$(median "${CP_SYNC_WALLS[@]}")" 'BEGIN {print d + p}')")"
}

main
