#!/usr/bin/env bash
# Re-extracts every tr() string of the Qt clients into lumen_zh_CN.ts, keeping existing
# translations. New entries arrive "unfinished": translate them (Qt Linguist or an editor)
# before committing; the build embeds whatever the .ts holds.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
"$LUPDATE" -locations relative -no-obsolete -source-language en -target-language zh_CN \
  modules/ui modules/viewer apps -ts translations/lumen_zh_CN.ts
