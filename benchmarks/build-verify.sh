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

usage() {
  sed -n '/^# Usage/,/^[^#]/ s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
esac
if [[ $# -gt 1 ]]; then
  usage >&2
  exit 2
fi
SIZE_MIB="${1:-1024}"
if ! [[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]]; then
  echo "build-verify: SIZE_MIB must be a positive whole number of MiB, not '$SIZE_MIB'" >&2
  exit 2
fi

RUNS="${RUNS:-1}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "build-verify: RUNS must be a positive whole number, not '$RUNS'" >&2
  exit 2
fi

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
RUN="$WORK/run"
RESULTS="$WORK/results"
SUP="${SUP:-$REPO_ROOT/bin/sup}"
TIME=/usr/bin/time

log() { printf '%s\n' "$*" >&2; }
die() { log "build-verify: $*"; exit 1; }

# Installs a Debian package, but only as root and only after saying so.
apt_install() {
  local package="$1"
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
    return 1
  fi
  log "Installing the Debian package '$package' with apt-get (running as root)..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >"$WORK/apt-$package.log" 2>&1 \
    || { log "apt-get install $package failed; see $WORK/apt-$package.log"; return 1; }
}

ensure_time() {
  [[ -x "$TIME" ]] && return 0
  apt_install time || die "$TIME is missing: install the Debian package 'time' (apt-get install time)"
}

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

declare -A WALL RSS ALL_WALLS
STEPS=()

# measure NAME INPUT OUTPUT COMMAND...: RUNS times, syncs, warms the page cache by reading
# INPUT with cat, deletes OUTPUT (unless it is -), and runs COMMAND under GNU time. Records the
# median wall seconds and the highest peak RSS. The command's own output goes to a log file.
measure() {
  local name="$1" input="$2" output="$3"
  shift 3
  log "  $name: $*"
  local run walls=() rss_max=0 wall rss_kib
  for ((run = 1; run <= RUNS; run++)); do
    [[ "$output" == - ]] || rm -f "$output"
    sync
    cat "$input" >/dev/null
    if ! "$TIME" -f '%e %M' -o "$RUN/time-$name" "$@" >"$RUN/log-$name" 2>&1; then
      log "build-verify: step '$name' failed:"
      tail -n 20 "$RUN/log-$name" >&2
      tail -n 2 "$RUN/time-$name" >&2 || true
      exit 1
    fi
    read -r wall rss_kib < <(tail -n 1 "$RUN/time-$name")
    walls+=("$wall")
    ((rss_kib > rss_max)) && rss_max="$rss_kib"
  done
  WALL[$name]="$(printf '%s\n' "${walls[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"
  RSS[$name]="$(awk -v k="$rss_max" 'BEGIN {printf "%.1f", k / 1024}')"
  ALL_WALLS[$name]="${walls[*]}"
  STEPS+=("$name")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
# verdict OK: PASS or FAIL from an awk condition that is true when the target is met.
verdict() { awk "BEGIN {exit !($1)}" && echo PASS || echo FAIL; }

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
  cat >"$RUN/spec/sup.yaml" <<EOF
name: bench
version: 1.0.0
description: build and verify benchmark, one random payload of $SIZE_MIB MiB
vendor: SUP benchmarks
targets:
  - product: bench-gw
    os: linux
    architecture: x86_64
    runtimeVersion: ">=1.0.0"
actions:
  - id: copy-big
    type: file.copy
    source: big.bin
    destination: data/big.bin
EOF

  log "Making keys (the first bin/sup run may build the CLI first)..."
  rm -f "$WORK/bench.key" "$WORK/bench.pub"
  "$SUP" keygen --out "$WORK/bench" >"$RUN/log-keygen" 2>&1 \
    || { cat "$RUN/log-keygen" >&2; die "sup keygen failed"; }
  [[ -f "$WORK/bench.key" && -f "$WORK/bench.pub" ]] \
    || die "sup keygen --out $WORK/bench did not write bench.key and bench.pub"
  if ((have_mender)); then
    # mender-artifact 3.9 reads only PKCS#1 RSA or SEC1 ECDSA private keys ("BEGIN RSA/EC
    # PRIVATE KEY"); PKCS#8 ("BEGIN PRIVATE KEY") and Ed25519 keys are refused.
    openssl ecparam -genkey -name prime256v1 -noout -out "$RUN/mender.key" 2>/dev/null
    openssl ec -in "$RUN/mender.key" -pubout -out "$RUN/mender.pub" 2>/dev/null
  fi

  log "Timing each step ($RUNS run(s)), each run after reading its input with cat so it is in the page cache:"
  measure cp "$payload" "$RUN/out/copy.bin" cp "$payload" "$RUN/out/copy.bin"
  rm -f "$RUN/out/copy.bin"
  measure openssl-dgst "$payload" - openssl dgst -sha256 "$payload"
  measure sup-build "$RUN/spec/payload/big.bin" "$RUN/out/bench.sup" \
    "$SUP" build "$RUN/spec" -o "$RUN/out/bench.sup" --key "$WORK/bench.key"
  measure sup-verify "$RUN/out/bench.sup" - \
    "$SUP" verify "$RUN/out/bench.sup" --trust "$WORK/bench.pub"
  if ((have_mender)); then
    measure mender-write "$payload" "$RUN/out/bench.mender" \
      mender-artifact write module-image -T single-file -n bench -t bench-device \
      -o "$RUN/out/bench.mender" -f "$payload" --compression none -k "$RUN/mender.key"
    measure mender-validate "$RUN/out/bench.mender" - \
      mender-artifact validate "$RUN/out/bench.mender" -k "$RUN/mender.pub"
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
  echo "Wall s is the median of the runs; sup times include JVM start-up."
  echo
  printf '%-16s %10s %16s   %s\n' step "wall s" "peak RSS MiB" "all runs, wall s"
  for name in "${STEPS[@]}"; do
    printf '%-16s %10s %16s   %s\n' "$name" "${WALL[$name]}" "${RSS[$name]}" "${ALL_WALLS[$name]}"
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
  printf '%-26s %8s   %-32s %s\n' "verify peak RSS MiB" "${RSS[sup-verify]}" "< 128" \
    "$(verdict "${RSS[sup-verify]} < 128")"
}

main
