#!/bin/sh
# Packages one software update package in a CI pipeline: validate the spec, build it reproducibly,
# sign it with the release key (a CI secret), verify it against the trust store the gateways use,
# and print where the package is and its SHA-256.
#
#   package.sh SPEC_OR_DIR [OUT_DIR]
#
# Environment:
#   SUP                   the sup command (default: bin/sup, relative to where the script runs)
#   SUP_SIGNING_KEY       the private key itself, PEM text (a CI secret variable), or
#   SUP_SIGNING_KEY_FILE  the path of the private key file (a CI secret file)
#   SUP_TRUST             the public key (.pub) or the directory of them to verify against (required)
#   SUP_THRESHOLD         how many trusted keys must have signed (default: 1)
#   SOURCE_DATE_EPOCH     the package time; when unset and the spec is in a git checkout, the time
#                         of the last commit, so that the same commit always gives the same bytes
#
# Output: OUT_DIR (default: dist) gets NAME-VERSION.sup and NAME-VERSION.sup.sha256 (the format
# of sha256sum). Standard output is exactly two lines, usable as GitHub step outputs or a GitLab
# dotenv report:
#   SUP_ARTIFACT=dist/NAME-VERSION.sup
#   SUP_SHA256=<64 hex digits>
# Everything else (what sup reports, every problem) goes to standard error. A failing step ends
# the script with sup's own exit code: 1 invalid, 2 usage, 3 untrusted, 4 expired, 5 a missing or
# unreadable file or a bad key.
set -eu

usage() {
    echo "usage: package.sh SPEC_OR_DIR [OUT_DIR]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    usage
fi
spec=$1
out_dir=${2:-dist}
sup=${SUP:-bin/sup}
threshold=${SUP_THRESHOLD:-1}

if [ -z "${SUP_TRUST:-}" ]; then
    echo "package.sh: set SUP_TRUST to the public key (or directory of keys) the gateways trust" >&2
    exit 2
fi
if [ -n "${SUP_SIGNING_KEY:-}" ] && [ -n "${SUP_SIGNING_KEY_FILE:-}" ]; then
    echo "package.sh: set SUP_SIGNING_KEY or SUP_SIGNING_KEY_FILE, not both" >&2
    exit 2
fi

# A private working directory: the key from the environment is written here, readable by this
# user only, and removed however the script ends (with a half-built package, if any).
mkdir -p "$out_dir"
work=$(mktemp -d)
built=$out_dir/.package.sh.$$.sup
trap 'rm -rf "$work" "$built"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${SUP_SIGNING_KEY:-}" ]; then
    key=$work/signing.key
    (umask 077 && printf '%s\n' "$SUP_SIGNING_KEY" > "$key")
elif [ -n "${SUP_SIGNING_KEY_FILE:-}" ]; then
    key=$SUP_SIGNING_KEY_FILE
else
    echo "package.sh: set SUP_SIGNING_KEY (the PEM text) or SUP_SIGNING_KEY_FILE (its path)" >&2
    exit 2
fi

# The package time: kept when the caller set it, else the last commit's time in a git checkout,
# else sup's fixed default (1980-01-01T00:00:00Z).
spec_dir=$spec
[ -d "$spec_dir" ] || spec_dir=$(dirname "$spec")
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && command -v git >/dev/null 2>&1 \
        && git -C "$spec_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    SOURCE_DATE_EPOCH=$(git -C "$spec_dir" log -1 --format=%ct)
    export SOURCE_DATE_EPOCH
fi
echo "package.sh: package time SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-unset (1980-01-01T00:00:00Z)}" >&2

# 1. Every problem of the spec at once (warnings too); exit 1 on any error.
"$sup" validate "$spec" >&2

# 2. Build and sign, beside the final file so that the rename below is atomic. --json gives the
# name, version and SHA-256, each top-level field on its own line.
"$sup" build "$spec" -o "$built" --key "$key" --json > "$work/build.json"
field() {
    sed -n 's/^  "'"$1"'": "\(.*\)",\{0,1\}$/\1/p' "$work/build.json"
}
name=$(field name)
version=$(field version)
sha256=$(field sha256)
if [ -z "$name" ] || [ -z "$version" ] || [ -z "$sha256" ]; then
    echo "package.sh: cannot read the name, version and sha256 from 'sup build --json':" >&2
    cat "$work/build.json" >&2
    exit 1
fi
artifact=$out_dir/$name-$version.sup
mv -f "$built" "$artifact"

# 3. Verify as a gateway would: intact, signed by enough trusted keys, not expired. A package that
# fails is removed, so that no later step can publish it.
"$sup" verify "$artifact" --trust "$SUP_TRUST" --threshold "$threshold" >&2 || {
    status=$?
    rm -f "$artifact"
    exit "$status"
}

printf '%s  %s\n' "$sha256" "$name-$version.sup" > "$artifact.sha256"
echo "SUP_ARTIFACT=$artifact"
echo "SUP_SHA256=$sha256"
