#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole CTest suite
# except benchmarks, GUI tests inside a virtual X display. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash installers/install-deps.sh
bash installers/build.sh
cd build/release
start=$(date +%s)
status=0
xvfb-run -a -s "-screen 0 1920x1080x24" ctest -LE bench -j2 --output-on-failure --timeout 300 || status=$?
echo "tests: finished in $(( $(date +%s) - start )) s with status $status"
exit $status
