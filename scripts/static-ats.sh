#!/bin/sh
# Builds `ats` as it ships: the Swift runtime and Foundation linked in
# (--static-swift-stdlib), so the machine that runs it needs no Swift toolchain.
# Used by scripts/release.sh (the tarball) and scripts/bench.sh (start-up is measured
# on the binary that ships). Prints the binary's path on stdout.
#
#   scripts/static-ats.sh debug|release
#
# Two quirks of linking Foundation statically, handled here once:
# - FoundationNetworking is linked (FlyingFox's ProxyHTTPHandler imports it; the
#   simulated market, and so `ats demo`, needs FlyingFox), and it needs libcurl. The
#   runtime library (Debian's libcurl4) is enough: a link-time `libcurl.so` pointing at
#   it stands in for libcurl4-openssl-dev, which is not needed.
# - SwiftPM does not recompile the executable's own module when the build switches
#   between static and dynamic runtime, and the other kind's objects do not link. The
#   executable's sources are touched (contents unchanged) before and after, so this
#   build and the next ordinary `swift build` each compile that small module afresh.
set -eu
cd "$(dirname "$0")/.."
configuration=${1:?usage: scripts/static-ats.sh debug|release}

curl=$(for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib; do
    [ -e "$dir/libcurl.so.4" ] && { echo "$dir/libcurl.so.4"; break; }
done)
[ -n "$curl" ] || { echo "static-ats.sh: libcurl.so.4 not found: apt-get install libcurl4" >&2; exit 1; }
shims=.build/link-shims
mkdir -p "$shims"
ln -sf "$curl" "$shims/libcurl.so"

touch Sources/ats/*.swift
swift build -c "$configuration" --static-swift-stdlib --product ats -Xlinker -L"$PWD/$shims" >&2
bin=$(swift build -c "$configuration" --static-swift-stdlib --show-bin-path)
touch Sources/ats/*.swift
echo "$bin/ats"
