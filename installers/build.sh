#!/usr/bin/env bash
# Configures and builds the suite with the release preset (Ninja, ccache, -j2).
# Shared by run.sh and test.sh so both build exactly the same tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Relative paths in ccache's hash let a fresh clone elsewhere reuse the cache.
export CCACHE_BASEDIR="$root"
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
if [ ! -f build/release/build.ninja ]; then
  cmake --preset release -DLUMEN_BUILD_CLIENTS=ON
fi
start=$(date +%s)
cmake --build build/release -j2
echo "build: done in $(( $(date +%s) - start )) s"
