#!/usr/bin/env bash
# `make run`: the main job on the embedded default. Starts `daftar serve` (a broker and one
# worker slot per core), submits the sample scans with --wait, prints the queue status, and
# stops serve with SIGTERM (it drains first). Outputs: out/data/outputs/samples/REL/.
set -euo pipefail
bin="$1"
rm -rf out
mkdir -p out
"$bin" serve --data out/data &
serve=$!
trap 'kill -TERM $serve 2>/dev/null || true; wait $serve 2>/dev/null || true' EXIT
status=0
"$bin" submit fixtures/samples --batch samples --meta department=demo --wait || status=$?
"$bin" status
echo "outputs in ./out/data/outputs/samples (one folder per input file)"
exit $status
