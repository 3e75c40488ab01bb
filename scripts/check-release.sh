#!/bin/sh
# Checks a release tarball the way an operator uses it: unpacked in an empty folder,
# with no Swift toolchain on the PATH or in the library path, `ats --version`, the demo,
# the man page and the completions work, and the binary needs no Swift library.
# CI runs it on `scripts/release.sh --debug`'s tarball.
#
#   scripts/check-release.sh dist/ats-<version>-linux-<arch>.tar.gz
set -eu
tarball=$(realpath "${1:?usage: scripts/check-release.sh TARBALL}")
work=$(mktemp -d "${TMPDIR:-/tmp}/ats-release-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-release: $*" >&2; exit 1; }

(cd "$(dirname "$tarball")" && sha256sum -c --quiet "$(basename "$tarball").sha256") || fail "the SHA-256 file does not match"
tar -C "$work" -xzf "$tarball"
cd "$work"/ats-*/
for file in ats ats.1 ats.bash _ats ats.fish crontab.example README.md jobs/run-stage jobs/poll jobs/systemd/ats-poll.timer; do
    [ -e "$file" ] || fail "$file is missing from the tarball"
done

bare="env -i PATH=/usr/bin:/bin HOME=$work LANG=C.UTF-8"
$bare sh -c 'command -v swift' >/dev/null 2>&1 && fail "swift is still on the bare PATH"
if ldd ./ats | grep -Ei 'libswift|libFoundation|libdispatch|/opt/swift|not found'; then
    fail "the binary needs a library that only a Swift toolchain has (above)"
fi

version=$($bare ./ats --version)
case "$version" in
    "ats "*" (commit unknown)"|"") fail "--version does not name the commit: '$version'" ;;
    "ats "*" (commit "*")") ;;
    *) fail "--version printed '$version'" ;;
esac
$bare ./ats demo --dir "$work/demo" >"$work/demo.out" 2>&1 || { cat "$work/demo.out" >&2; fail "ats demo failed"; }
[ -s "$work/demo/report/index.html" ] || fail "the demo wrote no report"
$bare MANPAGER=cat MANWIDTH=80 man -l ./ats.1 2>/dev/null | grep -q "price-disagreement signals" || fail "man ./ats.1 does not render"
bash -c '. ./ats.bash && complete -p ats' | grep -q "ats$" || fail "ats.bash does not register a completion for ats"
echo "check-release: $(basename "$tarball") works without Swift ($version)"
