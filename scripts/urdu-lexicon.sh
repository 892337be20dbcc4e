#!/bin/bash
# Makes Sources/DaftarPipeline/Embedded/urdu-words.txt, the Urdu words the field reader knows
# (FieldReader.urduWords), from two public word lists:
#   - wordfreq 3.1.1's Urdu list (PyPI; data CC-BY-SA 4.0): 23,201 words, most frequent first;
#   - the word list inside Debian's tesseract-ocr-urd (urd.traineddata; Apache-2.0), which
#     the Nastaliq model was trained from, for the words wordfreq lacks, after them.
# Words in Arabic script only, spelt with Urdu's own letters (kaf as keheh, Arabic yeh and alef
# maksura as farsi yeh) and without diacritics, one a line, each once, in that order (a word's
# line is its frequency rank). Needs pip and Tesseract's training tools (tesseract-ocr).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/Sources/DaftarPipeline/Embedded/urdu-words.txt"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m pip download --quiet --no-deps --dest . wordfreq==3.1.1
python3 -m pip install --quiet --target ./py msgpack
python3 -m zipfile -e wordfreq-3.1.1-py3-none-any.whl wf
combine_tessdata -u /usr/share/tesseract-ocr/5/tessdata/urd.traineddata urd. > /dev/null
dawg2wordlist urd.lstm-unicharset urd.lstm-word-dawg tesseract.txt > /dev/null
PYTHONPATH=./py python3 - "$out" <<'PY'
import gzip, sys, unicodedata, msgpack
buckets = msgpack.load(gzip.open("wf/wordfreq/data/small_ur.msgpack.gz"), raw=False)[1:]
frequent = [w for bucket in buckets for w in bucket]
tesseract = open("tesseract.txt", encoding="utf-8").read().split()
def folded(w):
    w = w.translate({0x0643: 0x06A9, 0x064A: 0x06CC, 0x0649: 0x06CC})
    return "".join(c for c in w if not unicodedata.category(c).startswith("M") and c not in "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
def arabic(w):
    return w and all(0x0600 <= ord(c) <= 0x06FF or 0x0750 <= ord(c) <= 0x077F for c in w) and any(unicodedata.category(c).startswith("L") for c in w)
seen, words = set(), []
for w in frequent + tesseract:
    w = folded(w)
    if arabic(w) and w not in seen:
        seen.add(w); words.append(w)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(words) + "\n")
print(f"{len(words)} words ({len(frequent)} from wordfreq, {len(tesseract)} from tesseract-ocr-urd before folding and merging)")
PY
