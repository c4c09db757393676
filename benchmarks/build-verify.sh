#!/usr/bin/env bash
# Measures how fast `sup build` and `sup verify` are, and how much memory they need, on one large
# random payload, against the floor set by `cp` and `openssl dgst -sha256` and against Mender's
# `mender-artifact`. See benchmarks/README.md.
#
# Usage: benchmarks/build-verify.sh [SIZE_MIB]     (default 1024)
#   SUP=/path/to/sup   use another sup command than bin/sup
#   RUNS=N             time each step N times and report the median wall time (default 1)
#
# Exit status: 0 all targets met (or skipped), 3 a target was missed, 1 a step failed or a tool
# is missing, 2 bad usage.
set -euo pipefail

BENCH_NAME="build-verify"
# shellcheck source=benchmarks/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
parse_args "$@"
RUN="$WORK/run"

# True when mender-artifact can be used, installing it if it is missing and can be installed.
ensure_mender() {
  command -v mender-artifact >/dev/null && return 0
  local candidate
  candidate="$(apt-cache policy mender-artifact 2>/dev/null | awk '/Candidate:/ {print $2}')"
  if [[ -z "$candidate" || "$candidate" == "(none)" ]]; then
    log "mender-artifact is not installed and apt has no candidate for it: skipping the Mender rows."
    return 1
  fi
  apt_install mender-artifact || {
    log "mender-artifact $candidate could not be installed (not root?): skipping the Mender rows."
    return 1
  }
}

# Fails early rather than filling the disk: payload, .sup and .mender coexist (the cp copy is
# deleted as soon as it has been timed), plus headroom.
check_space() {
  local need_kib=$((SIZE_MIB * 1024 * 4)) free_kib
  free_kib="$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')"
  if ((free_kib < need_kib)); then
    die "needs about $((need_kib / 1024)) MiB free under $WORK, has $((free_kib / 1024)) MiB"
  fi
}

cleanup() {
  rm -rf "$RUN"
}

main() {
  mkdir -p "$WORK" "$RESULTS"
  ensure_time
  command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
  [[ -x "$SUP" ]] || die "no sup command at $SUP; build the CLI or set SUP=/path/to/sup"
  local have_mender=1
  ensure_mender || have_mender=0
  check_space

  cleanup
  trap cleanup EXIT
  mkdir -p "$RUN/spec/payload" "$RUN/out"
  local payload="$RUN/payload.bin"

  log "Making a random payload of $SIZE_MIB MiB..."
  head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$payload"
  # The spec's payload is the same file (a hard link), so no second copy is written.
  ln "$payload" "$RUN/spec/payload/big.bin" 2>/dev/null || cp "$payload" "$RUN/spec/payload/big.bin"
  write_copy_spec "$RUN/spec/sup.yaml" bench "build and verify benchmark, one random payload of $SIZE_MIB MiB" bench-gw

  log "Making keys (the first bin/sup run may build the CLI first)..."
  make_bench_key
  if ((have_mender)); then
    # mender-artifact 3.9 reads only PKCS#1 RSA or SEC1 ECDSA private keys (the traditional PEM
    # blocks); PKCS#8 and Ed25519 keys are refused.
    openssl ecparam -genkey -name prime256v1 -noout -out "$RUN/mender.key" 2>/dev/null
    openssl ec -in "$RUN/mender.key" -pubout -out "$RUN/mender.pub" 2>/dev/null
  fi

  log "Timing each step ($RUNS run(s)), each run after reading its input with cat so it is in the page cache:"
  measure cp "$payload" "$RUN/out/copy.bin" true cp "$payload" "$RUN/out/copy.bin"
  rm -f "$RUN/out/copy.bin"
  measure openssl-dgst "$payload" - true openssl dgst -sha256 "$payload"
  build_run() {
    time_step sup-build "$RUN/spec/payload/big.bin" "$RUN/out/bench.sup" true \
      "$SUP" build "$RUN/spec" -o "$RUN/out/bench.sup" --key "$WORK/bench.key"
  }
  verify_run() {
    time_step sup-verify "$RUN/out/bench.sup" - true \
      "$SUP" verify "$RUN/out/bench.sup" --trust "$WORK/bench.pub"
  }
  mender_write_run() {
    time_step mender-write "$payload" "$RUN/out/bench.mender" true \
      mender-artifact write module-image -T single-file -n bench -t bench-device \
      -o "$RUN/out/bench.mender" -f "$payload" --compression none -k "$RUN/mender.key"
  }
  mender_validate_run() {
    time_step mender-validate "$RUN/out/bench.mender" - true \
      mender-artifact validate "$RUN/out/bench.mender" -k "$RUN/mender.pub"
  }
  # Each sup step in turns with Mender's, whose ratio is its target; without Mender, alone.
  if ((have_mender)); then
    measure_in_turns sup-build build_run mender-write mender_write_run
    measure_in_turns sup-verify verify_run mender-validate mender_validate_run
  else
    measure_in_turns sup-build build_run sup-verify verify_run
  fi

  local stamp report
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  report="$RESULTS/build-verify-${SIZE_MIB}MiB-$stamp.txt"
  report_text "$have_mender" | tee "$report"
  log "Saved to ${report#"$REPO_ROOT"/}"
  grep -q ' FAIL$' "$report" && return 3
  return 0
}

report_text() {
  local have_mender="$1" name
  echo "build-verify: $SIZE_MIB MiB random payload, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "sup: $SUP; $(openssl version)"
  ((have_mender)) && echo "mender-artifact: $(mender-artifact --version 2>&1 | head -n 1)"
  echo "Each step ran $RUNS time(s), each run after sync and after its input was read with cat, so"
  echo "it read from the page cache: these are CPU and write costs, not cold-disk reads."
  ((have_mender)) && echo "sup-build and mender-write ran in turns, one run of each after the other, and so did
sup-verify and mender-validate."
  echo "Wall s and cpu s are the medians of the runs; sup times include JVM start-up; load average"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  printf '%-16s %10s %8s %16s   %s\n' step "wall s" "cpu s" "peak RSS MiB" "all runs, wall s"
  for name in "${STEPS[@]}"; do
    printf '%-16s %10s %8s %16s   %s\n' "$name" "${WALL[$name]}" "${CPU[$name]}" "${RSS[$name]}" "${ALL_WALLS[$name]}"
  done
  echo
  local build="${WALL[sup-build]}" verify="${WALL[sup-verify]}"
  printf '%-26s %8s   %-32s %s\n' ratio value target result
  printf '%-26s %8s   %-32s %s\n' "build / cp" "$(ratio "$build" "${WALL[cp]}")" "<= 1.30" \
    "$(verdict "$build <= 1.3 * ${WALL[cp]}")"
  if ((have_mender)); then
    printf '%-26s %8s   %-32s %s\n' "build / mender-write" "$(ratio "$build" "${WALL[mender-write]}")" \
      "< 1.00 (faster than Mender)" "$(verdict "$build < ${WALL[mender-write]}")"
  else
    printf '%-26s %8s   %-32s %s\n' "build / mender-write" "n/a" "< 1.00 (faster than Mender)" SKIP
  fi
  printf '%-26s %8s   %-32s %s\n' "verify / openssl-dgst" "$(ratio "$verify" "${WALL[openssl-dgst]}")" \
    "<= 1.25" "$(verdict "$verify <= 1.25 * ${WALL[openssl-dgst]}")"
  printf '%-26s %8s   %-32s %s\n' "verify / openssl-dgst" "$(ratio "$verify" "${WALL[openssl-dgst]}")" \
    "<= 1.30 (issue 14)" "$(verdict "$verify <= 1.3 * ${WALL[openssl-dgst]}")"
  printf '%-26s %8s   %-32s %s\n' "verify / openssl-dgst, CPU" "$(ratio "${CPU[sup-verify]}" "${CPU[openssl-dgst]}")" \
    "-" "-"
  printf '%-26s %8s   %-32s %s\n' "verify peak RSS MiB" "${RSS[sup-verify]}" "< 128" \
    "$(verdict "${RSS[sup-verify]} < 128")"
}

main
