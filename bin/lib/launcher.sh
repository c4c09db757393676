# shellcheck shell=bash
# Shared by the launchers in bin/: build a module with Maven when its jar is missing or older than
# the sources it is made from. A lock keeps two launchers started at once from building together.

# ensure_built ROOT MODULE JAR SOURCE_MODULE...
ensure_built() {
  local root=$1 module=$2 jar=$3
  shift 3
  if ! needs_build "$root" "$jar" "$@"; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven (mvn) is needed to build $module on first use; install it (apt-get install maven)" >&2
    exit 3
  fi
  mkdir -p "$root/target"
  (
    flock 9
    if needs_build "$root" "$jar" "$@"; then
      echo "Building $module (first run only, about a minute)..." >&2
      # Maven's log goes to a file and is shown only when the build fails: on a terminal, even a
      # quiet, colourless Maven prints stray colour-reset codes.
      # A module in a subdirectory (benchmarks/fleet-sim) gets a log named with a dash, in target/.
      local log="$root/target/build-${module//\//-}.log"
      if ! (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -Dmaven.javadoc.skip=true -pl "$module" -am package) >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "error: building $module failed (full log: $log); run 'mvn -pl $module -am package' in $root to see why" >&2
        exit 3
      fi
      # The jar plugin leaves a jar whose content did not change as it was, with its old time;
      # mark it as built now, or every later run would build again.
      touch "$jar"
    fi
  ) 9>"$root/target/.build.lock"
}

# needs_build ROOT JAR SOURCE_MODULE...: true when the jar is missing or a source is newer.
needs_build() {
  local root=$1 jar=$2
  shift 2
  [ -f "$jar" ] || return 0
  local dirs=("$root/pom.xml")
  local m
  for m in "$@"; do
    dirs+=("$root/$m/pom.xml" "$root/$m/src/main")
  done
  [ -n "$(find "${dirs[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# cds_options ARCHIVE JAR CLASSPATH MAIN_CLASS TRAINING_ARG...: prints the JVM options that use
# an application class-data archive, made first (once per build) by one training run. Loading
# classes from the archive cuts a CLI's start-up from about 2 s to under 1 s. Without an archive
# (SUP_NO_CDS=1, or the JVM wrote none) it prints only options that keep the JVM quiet about it.
# CDS_TRAINING_JAVA_OPTS adds JVM options to the training run only. CDS_TRAINING_SETUP, when set,
# names a shell function run just before the training run, under the same lock, to lay out what
# the run reads (only then: a launch that finds the archive pays nothing for it).
# An archive maps only into the JVM build that made it, and the JVM ignores one that does not, in
# silence (the options below keep it quiet): so an archive is made again, too, when the java on the
# PATH is no longer the file it was made with (a JDK updated in place, or another JDK chosen).
cds_options() {
  local archive=$1 jar=$2 classpath=$3 main=$4
  shift 4
  local quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
  if [ "${SUP_NO_CDS:-}" = 1 ]; then
    echo "$quiet"
    return 0
  fi
  local jvm
  jvm="$(jvm_identity)"
  if ! archive_current "$archive" "$jar" "$jvm"; then
    (
      flock 9
      if ! archive_current "$archive" "$jar" "$jvm"; then
        rm -f "$archive" "$archive.jvm"
        if [ -n "${CDS_TRAINING_SETUP:-}" ]; then
          "$CDS_TRAINING_SETUP" >/dev/null 2>&1 || true
        fi
        # shellcheck disable=SC2086
        java -XX:+UseSerialGC $quiet ${CDS_TRAINING_JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive.tmp" \
          -cp "$classpath" "$main" "$@" \
          >/dev/null 2>&1 || true
        # The JVM writes the archive at exit whatever the exit code (a training run may end in an
        # expected failure, as the agent's does); keeping it also spares every later launch a
        # retraining when a run fails.
        if [ -s "$archive.tmp" ]; then
          echo "$jvm" >"$archive.jvm"
          mv -f "$archive.tmp" "$archive"
        fi
        rm -f "$archive.tmp"
      fi
    ) 9>"$archive.lock"
  fi
  if [ -f "$archive" ]; then
    echo "$quiet -XX:SharedArchiveFile=$archive"
  else
    echo "$quiet"
  fi
}

# archive_current ARCHIVE JAR JVM: true when the archive was made after the jar was built, by the
# JVM whose identity is JVM.
archive_current() {
  local archive=$1 jar=$2 jvm=$3 made_by=""
  [ "$archive" -nt "$jar" ] || return 1
  [ -f "$archive.jvm" ] && read -r made_by <"$archive.jvm"
  [ "$made_by" = "$jvm" ]
}

# jvm_identity: the java on the PATH as the file it is (device, inode, change time), which a JDK
# update or another JDK changes; its modification time does not do, as a package keeps its build's.
jvm_identity() {
  local java
  java="$(type -P java)" || return 0
  stat -L -c '%d:%i:%Z' -- "$java" 2>/dev/null || true
}

# digest_jit_options: prints the JVM options that get the SHA-256 digest's update method compiled
# by C2 early. The intrinsic that hashes many blocks in one call is used only in C2's code for
# that method, which a payload pass calls once per 256 KiB buffer: at the default thresholds C2
# takes it after about 5,000 calls, over 1 GiB, so most payloads were hashed at about 1.24 GB/s
# instead of 1.40. A twentieth of the thresholds for the digest's class gets the C2 code within
# the first 64 MiB: 0.1 s less CPU per GiB hashed (docs/performance.md). 'quiet' keeps the JVM
# from printing the command on standard output.
digest_jit_options() {
  echo "-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,sun/security/provider/DigestBase.*,0.05"
}
