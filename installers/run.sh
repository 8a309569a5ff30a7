#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, starts lumen-server with demo
# data in ./data, and opens the reading station and the registration desk where a display
# exists. Ctrl+C stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash installers/install-deps.sh
bash installers/build.sh

http_port=${LUMEN_HTTP_PORT:-8080}
dicom_port=${LUMEN_DICOM_PORT:-11112}
data=${LUMEN_DATA:-$root/data}
mkdir -p "$data"
build/release/server/lumen-server --data "$data" --http-port "$http_port" --dicom-port "$dicom_port" --demo &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$http_port/api/v1/health" > /dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "lumen-server failed to start (is port $http_port in use?)"; exit 1; }
  sleep 0.2
done
echo
echo "Lumen is running:"
echo "  API:    http://127.0.0.1:$http_port/api/v1/health   (HTTP port $http_port)"
echo "  DICOM:  AE title LUMEN on port $dicom_port; DICOMweb at http://127.0.0.1:$http_port/dicom-web/"
echo "  data:   $data"
echo "  sign in as registrar / Lumen@2026 (all demo accounts are listed above)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/release/apps/registration/lumen-registration ]; then
  if [ -x build/release/apps/reading/lumen-reading ]; then
    echo "  opening the reading station (sign in as radiologist)..."
    build/release/apps/reading/lumen-reading --server "http://127.0.0.1:$http_port" &
  fi
  echo "  opening the registration desk..."
  build/release/apps/registration/lumen-registration --server "http://127.0.0.1:$http_port" || true
  echo "registration desk closed; the server keeps running until Ctrl+C"
else
  echo "  no display: the clients are not started (run build/release/apps/registration/lumen-registration on a desktop)"
fi
wait $server
