#!/usr/bin/env bash
# Trains models/urd_nastaliq.traineddata, Daftar's reading model for Urdu typed in Nastaliq,
# from scratch, with Debian's own Tesseract training tools. One command, from the repository:
#
#   bash scripts/train-nastaliq.sh            # about 35-45 minutes on 2 cores
#   LINES=2000 ITERATIONS=3000 bash scripts/train-nastaliq.sh   # a quick trial
#
# What it does (see models/README.md for the figures it gave):
#   1. words: Tesseract's Urdu word list (inside Debian's urd.traineddata), Arabic-script
#      entries only;
#   2. lines: LINES lines of 2 to 7 random words, rendered one per image by
#      `daftar-bench urdu-lines` (Pango/HarfBuzz, so Awami Nastaliq's Graphite rules apply) in
#      Noto Nastaliq Urdu and Awami Nastaliq at 12-18 pt, half clean, half degraded (blur and
#      grain); a tenth held back for evaluation during training;
#   3. boxes: one WordStr box per line, its text in visual order (right to left reversed
#      bidi-aware with python-bidi, brackets mirrored), and `tesseract IMAGE BASE --psm 13
#      lstm.train` makes the .lstmf;
#   4. the starter traineddata: a unicharset of all training text, `combine_lang_model`
#      with --lang_is_rtl (and a one-line radical-stroke.txt, which Debian does not ship);
#   5. lstmtraining from scratch, a small network of the kind tesstrain uses for new scripts,
#      learning rate 0.001, ITERATIONS iterations, single-threaded (a second thread trains no
#      faster here);
#   6. the best checkpoint made a traineddata and converted to integer weights (fast).
# Held-out prose (Sources/DaftarFixtures/UrduPages.swift) is never in training: the model
# is measured on it by `daftar-bench urdu`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/.build/nastaliq-training}     # under .build: never committed
LINES=${LINES:-10000}
# Lines rendered as light scans (turned, faded, soft, grainy), added to training when set.
SCAN_LINES=${SCAN_LINES:-0}
# Office lines (reference numbers, dates in Western and Urdu digits, `نمبر:`, `مورخہ:`,
# `عنوان:`, sums): when set, the character set grows by the digits and punctuation they
# bring, and training carries on from the last checkpoint with the larger set (lstmtraining's
# --old_traineddata remaps the output layer) into checkpoints-office/.
OFFICE_LINES=${OFFICE_LINES:-0}
# More light-scan lines, from another seed, half of them office lines; with OFFICE_LINES.
MORE_SCAN_LINES=${MORE_SCAN_LINES:-0}
# Lines set in bold (letterheads and titles are), half of them office lines; with OFFICE_LINES.
BOLD_LINES=${BOLD_LINES:-0}
BOLD_FONTS=${BOLD_FONTS:-"Noto Nastaliq Urdu Bold,Awami Nastaliq Bold"}
# Lines as the reader gives a Nastaliq page to the model: light scans, levelled, thresholded
# at Otsu's level (a quarter office lines); with OFFICE_LINES. Training then carries on from
# the last model made (its float weights, $WORK/urd_nastaliq.float.traineddata) into
# checkpoints-thresholded/.
THRESHOLDED_LINES=${THRESHOLDED_LINES:-0}
# Lines as an Urdu paper's head is set, in BOLD_FONTS at 12-22 pt: the government, a
# department or an office, a title, a few words (`daftar-bench urdu-lines --headings`); with
# OFFICE_LINES. Training then carries on from the last model made, as with THRESHOLDED_LINES,
# into checkpoints-headings/.
HEADING_LINES=${HEADING_LINES:-0}
ITERATIONS=${ITERATIONS:-30000}
SEED=${SEED:-2291}
FONTS=${FONTS:-"Noto Nastaliq Urdu,Awami Nastaliq"}
NAME=urd_nastaliq
TESSDATA=${TESSDATA:-/usr/share/tesseract-ocr/5/tessdata}
export OMP_THREAD_LIMIT=1

bash workers/install-deps.sh
python3 -c "import bidi" 2>/dev/null || python3 -m pip install --quiet python-bidi 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages python-bidi
swift build -c release --product daftar-bench
BENCH=$(swift build -c release --show-bin-path)/daftar-bench

mkdir -p "$WORK"
log() { echo "train-nastaliq: $(date +%H:%M:%S) $*" >&2; }
# render_lines OUT COUNT SEED FONTS [urdu-lines flags…]: COUNT lines into OUT, half on each core.
render_lines() {
  local out=$1 count=$2 seed=$3 fonts=$4
  shift 4
  for part in 0 1; do
    "$BENCH" urdu-lines --words "$WORK/words.txt" --out "$out" --count "$count" --seed "$seed" --fonts "$fonts" "$@" \
      --stride 2 --part "$part" &
  done
  wait
}

# 1. words
if [ ! -s "$WORK/words.txt" ]; then
  log "word list from $TESSDATA/urd.traineddata"
  combine_tessdata -u "$TESSDATA/urd.traineddata" "$WORK/urd." > /dev/null
  dawg2wordlist "$WORK/urd.lstm-unicharset" "$WORK/urd.lstm-word-dawg" "$WORK/words-all.txt" > /dev/null
  python3 - "$WORK/words-all.txt" "$WORK/words.txt" <<'EOF'
import sys
def arabic(c):
    o = ord(c)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF
words = [w.strip() for w in open(sys.argv[1], encoding="utf-8")]
keep = [w for w in words if w and all(arabic(c) for c in w)]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(keep) + "\n")
print(f"{len(keep)} of {len(words)} words kept", file=sys.stderr)
EOF
fi

# 2. lines, on both cores
if [ ! -f "$WORK/lines.done" ]; then
  log "rendering $LINES lines in $FONTS"
  rm -rf "$WORK/lines"
  render_lines "$WORK/lines" "$LINES" "$SEED" "$FONTS"
  touch "$WORK/lines.done"
fi

# 3. boxes and .lstmf
make_lstmf() {
  python3 - "$1" <<'EOF'
import glob, sys, unicodedata
from bidi.algorithm import get_display
import struct
def size(png):
    with open(png, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])
mirror = str.maketrans("()[]{}«»<>", ")(][}{»«><")
for gt in sorted(glob.glob(sys.argv[1] + "/*.gt.txt")):
    base = gt[:-len(".gt.txt")]
    w, h = size(base + ".png")
    text = unicodedata.normalize("NFC", open(gt, encoding="utf-8").read().strip())
    visual = get_display(text.translate(mirror))
    with open(base + ".box", "w", encoding="utf-8") as f:
        f.write(f"WordStr 0 0 {w} {h} 0 #{visual}\n\t 0 0 {w} {h} 0\n")
EOF
  ls "$1"/*.png | sed 's/\.png$//' | xargs -P 2 -I{} sh -c \
    'tesseract {}.png {} --psm 13 lstm.train > /dev/null 2>&1 || echo "no lstmf for {}" >&2'
}
if [ ! -f "$WORK/lstmf.done" ]; then
  log "box files and .lstmf"
  make_lstmf "$WORK/lines"
  touch "$WORK/lstmf.done"
fi
# line_set NAME WHAT RENDER SUBFOLDER…: the further line set NAME, rendered once into
# $WORK/lines-NAME by the function RENDER, then its box files and .lstmf made once, in each
# SUBFOLDER of it ("" for the folder itself). Marks lines-NAME.done and lstmf-NAME.done.
line_set() {
  local name=$1 what=$2 render=$3
  shift 3
  if [ ! -f "$WORK/lines-$name.done" ]; then
    log "rendering $what"
    rm -rf "$WORK/lines-$name"
    "$render"
    touch "$WORK/lines-$name.done"
    rm -f "$WORK/lstmf-$name.done"
  fi
  if [ ! -f "$WORK/lstmf-$name.done" ]; then
    log "box files and .lstmf of the $what"
    local sub
    for sub in "$@"; do make_lstmf "$WORK/lines-$name$sub"; done
    touch "$WORK/lstmf-$name.done"
  fi
}
render_scan() { render_lines "$WORK/lines-scan" "$SCAN_LINES" "$((SEED + 1))" "$FONTS" --scan; }
render_office() { render_lines "$WORK/lines-office" "$OFFICE_LINES" "$((SEED + 2))" "$FONTS" --office; }
render_bold() {
  render_lines "$WORK/lines-bold/plain" "$((BOLD_LINES / 2))" "$((SEED + 3))" "$BOLD_FONTS"
  render_lines "$WORK/lines-bold/office" "$((BOLD_LINES / 2))" "$((SEED + 4))" "$BOLD_FONTS" --office
}
render_scan2() {
  render_lines "$WORK/lines-scan2/plain" "$((MORE_SCAN_LINES / 2))" "$((SEED + 5))" "$FONTS" --scan
  render_lines "$WORK/lines-scan2/office" "$((MORE_SCAN_LINES / 2))" "$((SEED + 6))" "$FONTS" --scan --office
}
render_thresholded() { render_lines "$WORK/lines-thresholded" "$THRESHOLDED_LINES" "$((SEED + 7))" "$FONTS" --thresholded; }
render_headings() { render_lines "$WORK/lines-headings" "$HEADING_LINES" "$((SEED + 8))" "$BOLD_FONTS" --headings; }
if [ "$SCAN_LINES" -gt 0 ]; then line_set scan "$SCAN_LINES lines as light scans" render_scan ""; fi
if [ "$OFFICE_LINES" -gt 0 ]; then line_set office "$OFFICE_LINES office lines" render_office ""; fi
if [ "$BOLD_LINES" -gt 0 ]; then line_set bold "$BOLD_LINES bold lines in $BOLD_FONTS" render_bold /plain /office; fi
if [ "$MORE_SCAN_LINES" -gt 0 ]; then line_set scan2 "$MORE_SCAN_LINES more light-scan lines" render_scan2 /plain /office; fi
if [ "$THRESHOLDED_LINES" -gt 0 ]; then
  line_set thresholded "$THRESHOLDED_LINES thresholded light-scan lines" render_thresholded ""
fi
if [ "$HEADING_LINES" -gt 0 ]; then line_set headings "$HEADING_LINES heading lines in $BOLD_FONTS" render_headings ""; fi
scan_list=()
if [ "$SCAN_LINES" -gt 0 ]; then scan_list=("$WORK"/lines-scan/*.lstmf); fi
if [ "$MORE_SCAN_LINES" -gt 0 ]; then scan_list+=("$WORK"/lines-scan2/plain/*.lstmf "$WORK"/lines-scan2/office/*.lstmf); fi
if [ "$BOLD_LINES" -gt 0 ]; then scan_list+=("$WORK"/lines-bold/plain/*.lstmf "$WORK"/lines-bold/office/*.lstmf); fi
if [ "$OFFICE_LINES" -gt 0 ]; then scan_list+=("$WORK"/lines-office/*.lstmf); fi
if [ "$THRESHOLDED_LINES" -gt 0 ]; then scan_list+=("$WORK"/lines-thresholded/*.lstmf); fi
if [ "$HEADING_LINES" -gt 0 ]; then scan_list+=("$WORK"/lines-headings/*.lstmf); fi
# (printf, a builtin: ls would be given more arguments than a command may take)
printf '%s\n' "$WORK"/lines/*.lstmf "${scan_list[@]}" | sort | awk -v seed="$SEED" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' | sort | cut -f2 > "$WORK/all.list"
total=$(wc -l < "$WORK/all.list")
held=$((total / 10))
head -n "$held" "$WORK/all.list" > "$WORK/eval.list"
tail -n +"$((held + 1))" "$WORK/all.list" > "$WORK/train.list"
log "$total lines: $((total - held)) for training, $held for evaluation"

# 4. the starter traineddata
if [ ! -s "$WORK/$NAME/$NAME.traineddata" ]; then
  log "unicharset and starter traineddata"
  mkdir -p "$WORK/langdata"
  echo "0" > "$WORK/langdata/radical-stroke.txt"
  cp "$WORK/words.txt" "$WORK/langdata/$NAME.wordlist"
  printf '۔\n،\n؟\n(\n)\n' > "$WORK/langdata/$NAME.punc"
  printf '۰\n۱\n۲\n۳\n۴\n۵\n۶\n۷\n۸\n۹\n' > "$WORK/langdata/$NAME.numbers"
  # Every character the word lists hold must be in the unicharset, or their dawgs cannot be made.
  cat "$WORK"/lines/*.gt.txt "$WORK/words.txt" "$WORK/langdata/$NAME.punc" "$WORK/langdata/$NAME.numbers" > "$WORK/all-text.txt"
  unicharset_extractor --output_unicharset "$WORK/unicharset" --norm_mode 2 "$WORK/all-text.txt" > /dev/null
  combine_lang_model --input_unicharset "$WORK/unicharset" --script_dir "$WORK/langdata" \
    --words "$WORK/langdata/$NAME.wordlist" --puncs "$WORK/langdata/$NAME.punc" --numbers "$WORK/langdata/$NAME.numbers" \
    --output_dir "$WORK" --lang "$NAME" --lang_is_rtl --pass_through_recoder > "$WORK/combine.log" 2>&1
fi

# 4b. with office lines: a starter traineddata with the larger character set
STARTER="$WORK/$NAME/$NAME.traineddata"
CHECKPOINTS="$WORK/checkpoints"
if [ "$OFFICE_LINES" -gt 0 ]; then
  STARTER="$WORK/office/$NAME/$NAME.traineddata"
  CHECKPOINTS="$WORK/checkpoints-office"
  if [ ! -s "$STARTER" ]; then
    log "unicharset with the office lines' characters"
    mkdir -p "$WORK/office/langdata"
    echo "0" > "$WORK/office/langdata/radical-stroke.txt"
    cp "$WORK/words.txt" "$WORK/office/langdata/$NAME.wordlist"
    printf '۔\n،\n؟\n(\n)\n:\n/\n-\n.\n,\n' > "$WORK/office/langdata/$NAME.punc"
    printf '۰\n۱\n۲\n۳\n۴\n۵\n۶\n۷\n۸\n۹\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n' > "$WORK/office/langdata/$NAME.numbers"
    cat "$WORK"/lines/*.gt.txt "$WORK"/lines-office/*.gt.txt "$WORK/words.txt" "$WORK/office/langdata/$NAME.punc" \
      "$WORK/office/langdata/$NAME.numbers" > "$WORK/office/all-text.txt"
    unicharset_extractor --output_unicharset "$WORK/office/unicharset" --norm_mode 2 "$WORK/office/all-text.txt" > /dev/null
    combine_lang_model --input_unicharset "$WORK/office/unicharset" --script_dir "$WORK/office/langdata" \
      --words "$WORK/office/langdata/$NAME.wordlist" --puncs "$WORK/office/langdata/$NAME.punc" \
      --numbers "$WORK/office/langdata/$NAME.numbers" \
      --output_dir "$WORK/office" --lang "$NAME" --lang_is_rtl --pass_through_recoder > "$WORK/office/combine.log" 2>&1
  fi
fi

# 5. training (a run with more ITERATIONS carries on from the last checkpoint)
if [ "$THRESHOLDED_LINES" -gt 0 ]; then CHECKPOINTS="$WORK/checkpoints-thresholded"; fi
if [ "$HEADING_LINES" -gt 0 ]; then CHECKPOINTS="$WORK/checkpoints-headings"; fi
mkdir -p "$CHECKPOINTS"
classes=$(head -1 "$WORK/unicharset")
resume=()
if [ -f "$CHECKPOINTS/${NAME}_checkpoint" ]; then
  resume=(--continue_from "$CHECKPOINTS/${NAME}_checkpoint")
elif [ "$THRESHOLDED_LINES" -gt 0 ] || [ "$HEADING_LINES" -gt 0 ]; then
  # From the last model made: its float weights, taken out of its traineddata.
  combine_tessdata -e "$WORK/$NAME.float.traineddata" "$WORK/$NAME.float.lstm" > /dev/null
  resume=(--continue_from "$WORK/$NAME.float.lstm")
elif [ "$OFFICE_LINES" -gt 0 ]; then
  # The first run with office lines starts from the plain model's last checkpoint.
  resume=(--continue_from "$WORK/checkpoints/${NAME}_checkpoint" --old_traineddata "$WORK/$NAME/$NAME.traineddata")
fi
RATE=${RATE:-0.001}
# Debian's lstmtraining (5.3) crashes in its evaluation thread when it carries on from a
# checkpoint with a larger character set; with office lines it trains without one (the model
# is measured afterwards by lstmeval and daftar-bench urdu). Its iteration count starts again
# from 0 after the character set grows: ITERATIONS then counts from there.
eval_list=(--eval_listfile "$WORK/eval.list")
if [ "$OFFICE_LINES" -gt 0 ]; then eval_list=(); fi
log "training to iteration $ITERATIONS ($classes classes)${resume:+, carrying on from a checkpoint}; log in $WORK/training.log"
lstmtraining "${resume[@]}" --traineddata "$STARTER" \
  --net_spec "[1,48,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx192 O1c${classes}]" \
  --model_output "$CHECKPOINTS/$NAME" --learning_rate "$RATE" \
  --train_listfile "$WORK/train.list" "${eval_list[@]}" \
  --max_iterations "$ITERATIONS" --target_error_rate 0.005 >> "$WORK/training.log" 2>&1 \
  || log "lstmtraining ended with status $? (Debian's build can crash on exit while its evaluation thread still runs; the checkpoint is written before)"
[ -f "$CHECKPOINTS/${NAME}_checkpoint" ] || { log "no checkpoint: training failed, see $WORK/training.log"; exit 1; }
# Numbered checkpoints pile up (24 MB each); keep the best and the last.
find "$CHECKPOINTS" -name "${NAME}_[0-9]*.checkpoint" -delete

# 6. the model
log "making the model"
lstmtraining --stop_training --continue_from "$CHECKPOINTS/${NAME}_checkpoint" \
  --traineddata "$STARTER" --model_output "$WORK/$NAME.float.traineddata" > /dev/null 2>&1
lstmtraining --stop_training --convert_to_int --continue_from "$CHECKPOINTS/${NAME}_checkpoint" \
  --traineddata "$STARTER" --model_output "$WORK/$NAME.traineddata" > /dev/null 2>&1
lstmeval --model "$WORK/$NAME.traineddata" --eval_listfile "$WORK/eval.list" 2>&1 | tail -1 | tee "$WORK/eval.txt"
mkdir -p models
cp "$WORK/$NAME.traineddata" "models/$NAME.traineddata"
log "models/$NAME.traineddata ($(du -h "models/$NAME.traineddata" | cut -f1)); install it with workers/install-deps.sh, measure it with daftar-bench urdu"
