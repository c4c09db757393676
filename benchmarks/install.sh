#!/usr/bin/env bash
# Measures how fast `sup-installer install` applies a package with one large `file.copy`, and how
# much memory it needs (bin/sup-installer runs the JVM with -Xmx64m), against the floor set by
# `openssl dgst -sha256` plus `cp` of the same payload. See benchmarks/README.md.
#
# Usage: benchmarks/install.sh [SIZE_MIB]     (default 1024)
#   SUP=/path/to/sup                      use another sup command than bin/sup (to build the package)
#   SUP_INSTALLER=/path/to/sup-installer  use another installer than bin/sup-installer
#   SUP_SANDBOX=/path/to/sup-sandbox      use another sandbox than bin/sup-sandbox (to lay out the gateway)
#   RUNS=N                                time each step N times, report the median (default 1)
# It also times `sup verify --trust` of the same package against `openssl dgst -sha256` of it.
#
# Exit status: 0 all targets met, 3 a target was missed, 1 a step failed or a tool is missing,
# 2 bad usage.
set -euo pipefail

BENCH_NAME=install
# shellcheck source=benchmarks/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
parse_args "$@"
RUN="$WORK/install-run"
SUP_INSTALLER="${SUP_INSTALLER:-$REPO_ROOT/bin/sup-installer}"
SUP_SANDBOX="${SUP_SANDBOX:-$REPO_ROOT/bin/sup-sandbox}"
GW="$RUN/gw"

# Fails early rather than filling the disk: the payload, the .sup and the installed copy coexist
# (the cp copy is deleted as soon as it has been timed), plus headroom.
check_space() {
  local need_kib=$((SIZE_MIB * 1024 * 4)) free_kib
  free_kib="$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')"
  if ((free_kib < need_kib)); then
    die "needs about $((need_kib / 1024)) MiB free under $WORK, has $((free_kib / 1024)) MiB"
  fi
}

# Stops the sandbox's runtime if it runs (it is created with --no-start, so it normally does not).
stop_runtime() {
  local ctl="$GW/dwcore/runtime/bin/runtime-ctl"
  if [[ -x "$ctl" ]]; then
    "$ctl" stop "$GW/dwcore" >/dev/null 2>&1 || true
  fi
}

cleanup() {
  stop_runtime
  rm -rf "$RUN"
}

# A fresh sandbox gateway for every timed install, so each run does the whole work: no installed
# file to back up, no inventory entry, an empty state directory. Created with --no-start: a
# file.copy does not need the runtime.
fresh_gateway() {
  stop_runtime
  rm -rf "$GW"
  "$SUP_SANDBOX" "$GW" --trust "$WORK/bench.pub" --no-start >"$RUN/log-sandbox" 2>&1 \
    || { cat "$RUN/log-sandbox" >&2; die "sup-sandbox failed"; }
  [[ -f "$GW/gateway.yaml" ]] || die "sup-sandbox did not write $GW/gateway.yaml"
}

main() {
  mkdir -p "$WORK" "$RESULTS"
  ensure_time
  command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
  [[ -x "$SUP" ]] || die "no sup command at $SUP; set SUP=/path/to/sup"
  [[ -x "$SUP_INSTALLER" ]] || die "no sup-installer command at $SUP_INSTALLER; set SUP_INSTALLER=/path/to/sup-installer"
  [[ -x "$SUP_SANDBOX" ]] || die "no sup-sandbox command at $SUP_SANDBOX; set SUP_SANDBOX=/path/to/sup-sandbox"
  check_space

  cleanup
  trap cleanup EXIT
  mkdir -p "$RUN/spec/payload" "$RUN/out"
  local payload="$RUN/payload.bin" pkg="$RUN/out/bench-install.sup"
  local installed="$GW/dwcore/data/big.bin"

  log "Making a random payload of $SIZE_MIB MiB..."
  head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$payload"
  ln "$payload" "$RUN/spec/payload/big.bin" 2>/dev/null || cp "$payload" "$RUN/spec/payload/big.bin"
  write_copy_spec "$RUN/spec/sup.yaml" bench-install "installer benchmark, one random payload of $SIZE_MIB MiB"

  log "Making a key and building the package (the first runs may build the CLI and the installer)..."
  make_bench_key
  "$SUP" build "$RUN/spec" -o "$pkg" --key "$WORK/bench.key" >"$RUN/log-build" 2>&1 \
    || { cat "$RUN/log-build" >&2; die "sup build failed"; }
  # The spec's hard link is not needed any more.
  rm -f "$RUN/spec/payload/big.bin"
  fresh_gateway

  # The first run of the installer may build it and train its class-data archive: done here,
  # untimed, so that no timed run (and no peak RSS) includes a Maven build.
  "$SUP_INSTALLER" --version >"$RUN/log-warm-up" 2>&1 \
    || { cat "$RUN/log-warm-up" >&2; die "sup-installer --version failed"; }

  local heap
  heap="$(grep -o -- '-Xmx[0-9]*[kKmMgG]' "$SUP_INSTALLER" | head -n 1 || true)"
  log "Installer heap limit from $SUP_INSTALLER: ${heap:-none found}"

  log "Timing each step ($RUNS run(s)), each run after reading its input with cat so it is in the page cache:"
  measure cp "$payload" "$RUN/out/copy.bin" true cp "$payload" "$RUN/out/copy.bin"
  rm -f "$RUN/out/copy.bin"
  measure openssl-dgst "$payload" - true openssl dgst -sha256 "$payload"
  # The sequential floor of issue 14: what an install must at least do, one step after the other
  # (hash the .sup, copy the payload, make the copy durable). Timed in turns with the install,
  # each run of either after a fresh gateway, so that both start from the same state: what was
  # written just before changes the floor's cp and sync by half (docs/performance.md).
  floor_run() {
    time_step floor "$pkg" "$RUN/out/copy.bin" fresh_gateway \
      bash -c 'openssl dgst -sha256 "$1" >/dev/null && cp "$2" "$3" && sync' floor "$pkg" "$payload" "$RUN/out/copy.bin"
    rm -f "$RUN/out/copy.bin"
  }
  install_run() {
    time_step sup-install "$pkg" - fresh_gateway \
      "$SUP_INSTALLER" install "$pkg" --config "$GW/gateway.yaml"
    [[ -f "$installed" ]] || die "the install did not write $installed"
    cmp -s "$payload" "$installed" || die "$installed differs from the payload"
  }
  measure_in_turns floor floor_run sup-install install_run
  # Issue 14's verify goal, on the same package: sup verify against openssl dgst of the .sup.
  openssl_sup_run() { time_step openssl-sup "$pkg" - true openssl dgst -sha256 "$pkg"; }
  verify_run() { time_step sup-verify "$pkg" - true "$SUP" verify "$pkg" --trust "$WORK/bench.pub"; }
  measure_in_turns openssl-sup openssl_sup_run sup-verify verify_run

  local stamp report
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  report="$RESULTS/install-${SIZE_MIB}MiB-$stamp.txt"
  report_text "$heap" | tee "$report"
  log "Saved to ${report#"$REPO_ROOT"/}"
  grep -q ' FAIL$' "$report" && return 3
  return 0
}

report_text() {
  local heap="$1" name
  echo "install: $SIZE_MIB MiB random payload in one file.copy, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "installer: $SUP_INSTALLER (JVM heap ${heap:-not limited by the launcher}); $(openssl version)"
  echo "Each step ran $RUNS time(s), each run after sync and after its input was read with cat, so"
  echo "it read from the page cache. sup-install ran on a fresh sandbox gateway each time and"
  echo "includes JVM start-up and the installer's fsync of the new file; cp's writes are not synced,"
  echo "but floor (openssl dgst of the .sup, then cp of the payload, then sync) syncs them."
  echo "sup-verify is sup verify --trust of the same package, against openssl-sup (openssl dgst of the .sup)."
  echo "floor and sup-install ran in turns, one run of each after the other and each after a fresh"
  echo "gateway, and so did openssl-sup and sup-verify: each ratio compares runs made on the same"
  echo "machine in the same minute, from the same state."
  echo "Wall s and cpu s are the medians of the runs; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  printf '%-16s %10s %8s %16s   %s\n' step "wall s" "cpu s" "peak RSS MiB" "all runs, wall s"
  for name in "${STEPS[@]}"; do
    printf '%-16s %10s %8s %16s   %s\n' "$name" "${WALL[$name]}" "${CPU[$name]}" "${RSS[$name]}" "${ALL_WALLS[$name]}"
  done
  echo
  local install="${WALL[sup-install]}" floor
  floor="$(awk -v a="${WALL[openssl-dgst]}" -v b="${WALL[cp]}" 'BEGIN {printf "%.2f", a + b}')"
  printf '%-30s %8s   %-10s %s\n' ratio value target result
  printf '%-30s %8s   %-10s %s\n' "install / (openssl-dgst + cp)" "$(ratio "$install" "$floor")" "<= 1.30" \
    "$(verdict "$install <= 1.3 * $floor")"
  printf '%-30s %8s   %-10s %s\n' "install / floor" "$(ratio "$install" "${WALL[floor]}")" "<= 1.10" \
    "$(verdict "$install <= 1.1 * ${WALL[floor]}")"
  printf '%-30s %8s   %-10s %s\n' "install / floor, CPU" "$(ratio "${CPU[sup-install]}" "${CPU[floor]}")" "-" "-"
  printf '%-30s %8s   %-10s %s\n' "install peak RSS MiB" "${RSS[sup-install]}" "< 96" \
    "$(verdict "${RSS[sup-install]} < 96")"
  printf '%-30s %8s   %-10s %s\n' "verify / openssl-sup" "$(ratio "${WALL[sup-verify]}" "${WALL[openssl-sup]}")" "<= 1.30" \
    "$(verdict "${WALL[sup-verify]} <= 1.3 * ${WALL[openssl-sup]}")"
  printf '%-30s %8s   %-10s %s\n' "verify / openssl-sup, CPU" "$(ratio "${CPU[sup-verify]}" "${CPU[openssl-sup]}")" "-" "-"
}

main
