// Bit-level loops over 8-bit grey pages, written so that the compiler vectorises them (Swift's
// optimiser does not vectorise the byte comparisons and bit packing these need).
#include "CGreyBits.h"

#include <stdlib.h>
#include <string.h>

/* Eight 0/1 bytes (the first in the lowest byte) as eight bits, the first in the highest bit:
   each byte's bit moved to 63 - 9i by one multiplication (the products never overlap). */
static inline uint32_t pack8(uint64_t ones) {
    return (uint32_t) ((ones * 0x8040201008040201ULL) >> 56);
}

void daftar_binarise_halved(const unsigned char *grey, int width, int height, int stride,
                            unsigned char threshold, uint32_t *any, uint32_t *two, int words_per_line) {
    int w = width / 2, h = height / 2;
    if (w < 1 || h < 1) return;
    // Ink counts (0 to 4) of one half-size row, padded with zeros to whole words.
    size_t padded = (size_t) (w + 31) / 32 * 32;
    unsigned char *count = calloc(padded, 1);
    if (count == NULL) return;
    const uint64_t lows = 0x0101010101010101ULL;
    for (int y = 0; y < h; y++) {
        const unsigned char *r0 = grey + (size_t) (2 * y) * stride, *r1 = r0 + stride;
        for (int x = 0; x < w; x++) {
            count[x] = (unsigned char) ((r0[2 * x] < threshold) + (r0[2 * x + 1] < threshold)
                                        + (r1[2 * x] < threshold) + (r1[2 * x + 1] < threshold));
        }
        uint32_t *anyRow = any + (size_t) y * words_per_line, *twoRow = two + (size_t) y * words_per_line;
        for (size_t word = 0; word * 32 < (size_t) w; word++) {
            uint32_t a = 0, t = 0;
            for (int part = 0; part < 4; part++) {
                uint64_t c;
                memcpy(&c, count + word * 32 + part * 8, 8);
                // Counts are 0 to 4 (bits 0-2): at least one when any bit is set, at least two
                // when bit 1 or bit 2 is.
                a = (a << 8) | pack8((c | (c >> 1) | (c >> 2)) & lows);
                t = (t << 8) | pack8(((c >> 1) | (c >> 2)) & lows);
            }
            anyRow[word] = a;
            twoRow[word] = t;
        }
    }
    free(count);
}
