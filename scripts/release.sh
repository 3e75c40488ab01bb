#!/usr/bin/env bash
# Builds a release of ats that runs on a Linux machine without a Swift toolchain
# (the Swift runtime and Foundation linked in with --static-swift-stdlib; libsqlite3
# and the C library stay shared) and packs it with everything an operator installs:
#
#   dist/ats-<version>-linux-<arch>/        ats, ats.1, ats.bash, _ats (zsh), ats.fish,
#                                           jobs/ (wrappers, systemd units), crontab.example,
#                                           README.md
#   dist/ats-<version>-linux-<arch>.tar.gz
#   dist/ats-<version>-linux-<arch>.tar.gz.sha256   (`sha256sum -c` checks it)
#
#   scripts/release.sh              release configuration (what you ship)
#   scripts/release.sh --debug      debug configuration: the same packaging in a
#                                   minute, for CI's check that the tarball works
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=release
case "${1:-}" in
    "") ;;
    --debug) configuration=debug ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (try --help)" >&2; exit 64 ;;
esac

# The man page from the plugin (it builds every product in this configuration, in
# .build); the binary that ships from scripts/static-ats.sh (in .build-static).
swift package generate-manual --configuration "$configuration" >&2
manual=$(find .build/plugins/GenerateManual -name ats.1 -print -quit)
[ -n "$manual" ] || { echo "release.sh: the generate-manual plugin wrote no ats.1" >&2; exit 1; }
binary=$(scripts/static-ats.sh "$configuration")

# `ats 2.1.0 (commit 1a2b3c4d5e6f)` → 2.1.0: the binary names itself, one source of truth.
version=$("$binary" --version | awk '{print $2}')
name="ats-$version-linux-$(uname -m)"
stage="dist/$name"
rm -rf "$stage" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$stage"

cp "$binary" "$stage/ats"
strip "$stage/ats"   # debug info is most of the size; a crash still names functions
cp "$manual" "$stage/ats.1"
"$binary" --generate-completion-script bash > "$stage/ats.bash"
"$binary" --generate-completion-script zsh > "$stage/_ats"
"$binary" --generate-completion-script fish > "$stage/ats.fish"
cp -R jobs "$stage/jobs"
cp crontab.example README.md "$stage/"

tar -C dist -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
