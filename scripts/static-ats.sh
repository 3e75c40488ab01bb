#!/bin/sh
# Builds `ats` as it ships: the Swift runtime and Foundation linked in
# (--static-swift-stdlib), so the machine that runs it needs no Swift toolchain.
# Used by scripts/release.sh (the tarball) and scripts/bench.sh (start-up is measured
# on the binary that ships). Prints the binary's path on stdout.
#
#   scripts/static-ats.sh debug|release
#
# It builds in its own scratch folder, .build-static: a static-runtime build compiles
# every module with other flags, and in the same folder as the ordinary build each
# would recompile everything the other had compiled.
#
# FoundationNetworking is linked (FlyingFox's ProxyHTTPHandler imports it; the
# simulated market, and so `ats demo`, needs FlyingFox), and it needs libcurl. The
# runtime library (Debian's libcurl4) is enough: a link-time `libcurl.so` pointing at
# it stands in for libcurl4-openssl-dev, which is not needed.
set -eu
cd "$(dirname "$0")/.."
configuration=${1:?usage: scripts/static-ats.sh debug|release}
scratch=.build-static

curl=$(for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib; do
    [ -e "$dir/libcurl.so.4" ] && { echo "$dir/libcurl.so.4"; break; }
done)
[ -n "$curl" ] || { echo "static-ats.sh: libcurl.so.4 not found: apt-get install libcurl4" >&2; exit 1; }
shims="$scratch/link-shims"
mkdir -p "$shims"
ln -sf "$curl" "$shims/libcurl.so"

swift build --scratch-path "$scratch" -c "$configuration" --static-swift-stdlib --product ats -Xlinker -L"$PWD/$shims" >&2
echo "$(swift build --scratch-path "$scratch" -c "$configuration" --static-swift-stdlib --show-bin-path)/ats"
