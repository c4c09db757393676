#!/usr/bin/env bash
# Times two commands in alternation, so that both see the same machine: on a machine shared with
# other work, the load moves more between two series than between two builds, and only runs
# taken in turns compare. See benchmarks/README.md.
#
# Usage: benchmarks/paired.sh LABEL_A COMMAND_A LABEL_B COMMAND_B
#   RUNS=N          pairs to run (default 5)
#   PREPARE=COMMAND run (untimed, through bash -c) before every timed run, after a sync; for
#                   example a fresh sandbox gateway for an install
# Each COMMAND is run once untimed, then timed; through bash -c, its output discarded; a failing
# run stops the script.
# Prints each run's wall and CPU seconds, then the medians and the ratio of B's to A's.
#
# Exit status: 0 done, 1 a run failed or a tool is missing, 2 bad usage.
set -euo pipefail

TIME=/usr/bin/time

usage() {
  sed -n '/^# Usage/,/^[^#]/ s/^# \{0,1\}//p' "$0"
}

if [[ $# -ne 4 ]]; then
  usage >&2
  exit 2
fi
RUNS="${RUNS:-5}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "paired: RUNS must be a positive whole number, not '$RUNS'" >&2
  exit 2
fi
[[ -x "$TIME" ]] || { echo "paired: $TIME is missing (apt-get install time)" >&2; exit 1; }

labels=("$1" "$3")
commands=("$2" "$4")
# Each series as a space-separated list, by command index.
walls=("" "")
cpus=("" "")
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

# time_one INDEX: one timed run of command INDEX, appended to its series.
time_one() {
  local i=$1 wall user sys cpu
  if [[ -n "${PREPARE:-}" ]]; then
    bash -c "$PREPARE" >/dev/null 2>&1 || { echo "paired: PREPARE failed: $PREPARE" >&2; exit 1; }
  fi
  sync
  if ! "$TIME" -f '%e %U %S' -o "$out" bash -c "${commands[$i]}" >/dev/null 2>&1; then
    echo "paired: '${commands[$i]}' failed" >&2
    exit 1
  fi
  read -r wall user sys < <(tail -n 1 "$out")
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
  walls[$i]+=" $wall"
  cpus[$i]+=" $cpu"
  printf '%-24s run %2d   wall %6s s   cpu %6s s\n' "${labels[$i]}" "$2" "$wall" "$cpu"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# One untimed run of each first: a launcher's first run may build its module or train its
# class-data archive.
for i in 0 1; do
  bash -c "${commands[$i]}" >/dev/null 2>&1 || { echo "paired: '${commands[$i]}' failed" >&2; exit 1; }
done

for ((run = 1; run <= RUNS; run++)); do
  # Alternate which goes first, so that neither always follows the other.
  if ((run % 2)); then order=(0 1); else order=(1 0); fi
  for i in "${order[@]}"; do
    time_one "$i" "$run"
  done
done

# shellcheck disable=SC2086
wall_a="$(median ${walls[0]})" wall_b="$(median ${walls[1]})"
# shellcheck disable=SC2086
cpu_a="$(median ${cpus[0]})" cpu_b="$(median ${cpus[1]})"
echo
printf '%-24s median wall %6s s   cpu %6s s\n' "${labels[0]}" "$wall_a" "$cpu_a"
printf '%-24s median wall %6s s   cpu %6s s\n' "${labels[1]}" "$wall_b" "$cpu_b"
awk -v a="$wall_a" -v b="$wall_b" -v ca="$cpu_a" -v cb="$cpu_b" -v la="${labels[0]}" -v lb="${labels[1]}" \
  'BEGIN {printf "%s / %s: wall %.2f, cpu %.2f\n", lb, la, (a > 0 ? b / a : 0), (ca > 0 ? cb / ca : 0)}'
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
