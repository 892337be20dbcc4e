#!/usr/bin/env bash
# Installs, when missing, every Debian package Daftar needs to build, run and test.
# Idempotent: packages already present are left alone and apt is not touched at all.
# Used by `make run`, `make test`, CI and worker hosts alike.
set -euo pipefail

PACKAGES=(
  # build
  pkg-config
  # C libraries (headers + .pc files)
  libvips-dev
  libtesseract-dev
  libleptonica-dev
  libpoppler-glib-dev
  libzmq3-dev
  libqpdf-dev
  libsqlite3-dev
  libpq-dev
  # Tesseract language data: English, Urdu, orientation/script detection, the Latin
  # script model (a second, independent reading of doubtful reference numbers, dates and
  # subjects) and French and Italian (third readings of a number eng and Latin disagree on)
  tesseract-ocr
  tesseract-ocr-eng
  tesseract-ocr-urd
  tesseract-ocr-script-latn
  tesseract-ocr-fra
  tesseract-ocr-ita
  tesseract-ocr-osd
  # fonts used to render test pages (Latin, Urdu Nastaliq/Naskh)
  fonts-dejavu-core
  fonts-liberation
  fonts-noto-core
  fonts-sil-awami-nastaliq
  # command-line tools the tests and benchmarks compare against / read back with
  poppler-utils
  qpdf
  # the PostgreSQL index is tested against a real server started on loopback
  postgresql
  # the dashboard and upload pages are tested in a real headless browser; the API with curl
  chromium
  curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The Library of Congress BagIt validator (PyPI `bagit`), which the export tests run as
# `python3 -m bagit --validate`. Debian 12 has no package for it.
# The browser tests drive chromium over the DevTools protocol with websocket-client.
if ! python3 -c "import websocket" 2>/dev/null; then
  echo "install-deps: installing the Python websocket-client" >&2
  python3 -m pip install --quiet websocket-client 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages websocket-client
fi

if ! python3 -c "import bagit" 2>/dev/null; then
  echo "install-deps: installing the Python bagit validator" >&2
  python3 -m pip install --quiet bagit 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages bagit
fi

# Daftar's own reading models (models/*.traineddata: the Nastaliq model, see models/README.md)
# go beside Tesseract's, where every slot finds them without environment variables. Copied
# when missing or changed.
TESSDATA=/usr/share/tesseract-ocr/5/tessdata
MODELS="$(cd "$(dirname "$0")/.." && pwd)/models"
if [ -d "$MODELS" ] && [ -d "$TESSDATA" ]; then
  for model in "$MODELS"/*.traineddata; do
    [ -e "$model" ] || continue
    target="$TESSDATA/$(basename "$model")"
    if ! cmp -s "$model" "$target"; then
      echo "install-deps: installing $(basename "$model") into $TESSDATA" >&2
      $SUDO install -m 0644 "$model" "$target"
    fi
  done
fi
