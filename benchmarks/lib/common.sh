# Shared by the benchmark scripts: argument parsing, logging, tool installs, and the timing of
# one step (median wall time, highest peak RSS). A script sets BENCH_NAME and RUN, then sources
# this file and calls parse_args "$@".
# shellcheck shell=bash

# Used by the scripts that source this file.
# shellcheck disable=SC2034
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
# shellcheck disable=SC2034
RESULTS="$WORK/results"
SUP="${SUP:-$REPO_ROOT/bin/sup}"
TIME=/usr/bin/time

log() { printf '%s\n' "$*" >&2; }
die() { log "$BENCH_NAME: $*"; exit 1; }

# The "# Usage" block at the top of the calling script.
usage() {
  sed -n '/^# Usage/,/^[^#]/ s/^# \{0,1\}//p' "$0"
}

# parse_args [SIZE_MIB]: sets SIZE_MIB (default 1024) and RUNS (from the environment, default 1).
parse_args() {
  case "${1:-}" in
    -h | --help) usage; exit 0 ;;
  esac
  if [[ $# -gt 1 ]]; then
    usage >&2
    exit 2
  fi
  SIZE_MIB="${1:-1024}"
  if ! [[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]]; then
    log "$BENCH_NAME: SIZE_MIB must be a positive whole number of MiB, not '$SIZE_MIB'"
    exit 2
  fi
  RUNS="${RUNS:-1}"
  if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    log "$BENCH_NAME: RUNS must be a positive whole number, not '$RUNS'"
    exit 2
  fi
}

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

declare -A WALL RSS ALL_WALLS CPU CPUS RSS_KIB
STEPS=()

# measure NAME INPUT OUTPUT PREPARE COMMAND...: RUNS timed runs of one step (see time_step), then
# its medians (see settle_step).
measure() {
  local run
  for ((run = 1; run <= RUNS; run++)); do
    time_step "$@"
  done
  settle_step "$1"
}

# measure_in_turns NAME_A FUNCTION_A NAME_B FUNCTION_B: RUNS pairs, each a run of the shell
# function FUNCTION_A (which calls time_step NAME_A ... once) and then one of FUNCTION_B, then
# the medians of both. The two steps whose ratio is the result are timed in turns, so that both
# see the same machine: on a VM the cost of writing to the disk moves more from one minute to the
# next than between two commands run one after the other.
measure_in_turns() {
  local run
  for ((run = 1; run <= RUNS; run++)); do
    "$2"
    "$4"
  done
  settle_step "$1"
  settle_step "$3"
}

# time_step NAME INPUT OUTPUT PREPARE COMMAND...: one timed run: runs PREPARE (a shell function,
# or true), deletes OUTPUT (unless it is -), syncs, warms the page cache by reading INPUT with
# cat, and runs COMMAND under GNU time, adding its wall seconds, CPU seconds and peak RSS to
# NAME's series.
# RUN is set by the calling script.
# shellcheck disable=SC2153
time_step() {
  local name="$1" input="$2" output="$3" prepare="$4"
  shift 4
  [[ -n "${ALL_WALLS[$name]:-}" ]] || log "  $name: $*"
  local wall rss_kib user sys
  "$prepare"
  [[ "$output" == - ]] || rm -f "$output"
  sync
  cat "$input" >/dev/null
  if ! "$TIME" -f '%e %M %U %S' -o "$RUN/time-$name" "$@" >"$RUN/log-$name" 2>&1; then
    log "$BENCH_NAME: step '$name' failed:"
    tail -n 20 "$RUN/log-$name" >&2
    tail -n 2 "$RUN/time-$name" >&2 || true
    exit 1
  fi
  read -r wall rss_kib user sys < <(tail -n 1 "$RUN/time-$name")
  ALL_WALLS[$name]="${ALL_WALLS[$name]:+${ALL_WALLS[$name]} }$wall"
  # CPU seconds (user + system) move less than wall time on a machine shared with other work.
  CPUS[$name]="${CPUS[$name]:+${CPUS[$name]} }$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
  ((rss_kib > ${RSS_KIB[$name]:-0})) && RSS_KIB[$name]="$rss_kib"
  return 0
}

# settle_step NAME: records NAME's median wall seconds, median CPU seconds and highest peak RSS.
settle_step() {
  local name="$1"
  WALL[$name]="$(median ${ALL_WALLS[$name]})"
  CPU[$name]="$(median ${CPUS[$name]})"
  RSS[$name]="$(awk -v k="${RSS_KIB[$name]}" 'BEGIN {printf "%.1f", k / 1024}')"
  STEPS+=("$name")
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# make_bench_key: a fresh key pair $WORK/bench.key and bench.pub, made with the real "$SUP" keygen.
make_bench_key() {
  rm -f "$WORK/bench.key" "$WORK/bench.pub"
  "$SUP" keygen --out "$WORK/bench" >"$RUN/log-keygen" 2>&1 \
    || { cat "$RUN/log-keygen" >&2; die "sup keygen failed"; }
  [[ -f "$WORK/bench.key" && -f "$WORK/bench.pub" ]] \
    || die "sup keygen --out $WORK/bench did not write bench.key and bench.pub"
}

# write_copy_spec FILE NAME DESCRIPTION [PRODUCT]: a package spec with one file.copy of the
# payload big.bin to data/big.bin, for PRODUCT on linux and this machine's architecture. The default
# product, dw-gateway, is the sandbox gateway's (with its runtime 1.0.0, sup-sandbox's defaults).
write_copy_spec() {
  local file="$1" name="$2" description="$3" product="${4:-dw-gateway}" arch
  arch="$(uname -m)"
  [[ "$arch" == amd64 ]] && arch=x86_64
  cat >"$file" <<SPEC
name: $name
version: 1.0.0
description: $description
vendor: SUP benchmarks
targets:
  - product: $product
    os: linux
    architecture: $arch
    runtimeVersion: ">=1.0.0"
actions:
  - id: copy-big
    type: file.copy
    source: big.bin
    destination: data/big.bin
SPEC
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
# verdict OK: PASS or FAIL from an awk condition that is true when the target is met.
verdict() { awk "BEGIN {exit !($1)}" && echo PASS || echo FAIL; }
