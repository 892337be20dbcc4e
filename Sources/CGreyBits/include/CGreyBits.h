#ifndef DAFTAR_CGREYBITS_H
#define DAFTAR_CGREYBITS_H

#include <stdint.h>

/// Binarises an 8-bit grey page at `threshold` (a pixel darker than it is ink) and halves it in
/// one pass, as Leptonica's pixConvertTo1 followed by pixReduceRankBinary2 would: a pixel of
/// the half-size page is ink in `any` when at least one of the 2×2 pixels under it is ink, in
/// `two` when at least two are. The half-size page is floor(width / 2) × floor(height / 2);
/// its rows are `words_per_line` 32-bit words, leftmost pixel in the highest bit (Leptonica's
/// 1 bpp layout), bits past the width zero. Leptonica's two steps read the
/// full-size page twice, a byte at a time, and write it once as bits between.
void daftar_binarise_halved(const unsigned char *grey, int width, int height, int stride,
                            unsigned char threshold, uint32_t *any, uint32_t *two, int words_per_line);

#endif
