#!/usr/bin/env bash
# Installs every Debian 12 package the Lumen suite needs to build, run and test.
# Idempotent and fast when everything is present: it only calls apt-get for missing packages.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates file
  # Qt 6 (Widgets, Network, PrintSupport, OpenGL widgets, Charts, Svg, Multimedia,
  # SerialBus, WebSockets, PDF, Linguist tools, Qt's own translations)
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n qt6-charts-dev qt6-svg-dev qt6-multimedia-dev
  qt6-serialbus-dev qt6-websockets-dev qt6-pdf-dev
  # queue calls spoken in Chinese (speech-dispatcher with espeak-ng), slip codes and Excel export
  qt6-speech-dev qt6-declarative-dev qt6-speech-speechd-plugin speech-dispatcher speech-dispatcher-espeak-ng
  libqrencode-dev libxlsxwriter-dev zbar-tools
  # slip tests rasterise the printed PDF (pdftoppm) before decoding its QR code
  poppler-utils
  # imaging and DICOM (dicom3tools: dciodvfy validates the objects the reading station writes)
  libvtk9-dev libinsighttoolkit5-dev libdcmtk-dev dcmtk libopenjp2-7-dev dicom3tools
  # server
  libboost1.74-dev libboost-system1.74-dev libsqlite3-dev sqlite3 libssl-dev libargon2-dev
  nlohmann-json3-dev
  # display, fonts and GUI tests
  xvfb xauth libgl1-mesa-dri libglx-mesa0 libegl-mesa0 mesa-utils fonts-noto-cjk
  # peers and load generators for tests and benchmarks
  wrk orthanc orthanc-dicomweb
  # npm dicomweb-client as a DICOMweb peer (tests/dicomweb/node)
  nodejs npm
)

missing=()
for p in "${PACKAGES[@]}"; do
  # A newer nodejs (e.g. NodeSource's) bundles npm and conflicts with Debian's npm package.
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Orthanc's package starts a service; tests start their own instance, so keep it from
# taking the default ports on machines where services run.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet orthanc 2>/dev/null; then
  $SUDO systemctl stop orthanc || true
  $SUDO systemctl disable orthanc || true
fi
echo "install-deps: done"
