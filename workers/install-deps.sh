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
  # Tesseract language data: English, Urdu, orientation/script detection
  tesseract-ocr
  tesseract-ocr-eng
  tesseract-ocr-urd
  tesseract-ocr-osd
  # fonts used to render test pages (Latin, Urdu Nastaliq/Naskh)
  fonts-dejavu-core
  fonts-liberation
  fonts-noto-core
  # command-line tools the tests and benchmarks compare against / read back with
  poppler-utils
  qpdf
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
