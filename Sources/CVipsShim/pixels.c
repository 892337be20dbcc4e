// Pixel loops over one-band 8-bit pages where libvips has no operation that does the job in
// one cheap pass (see CVipsShim.h for what each computes and why).
//
// Inputs are borrowed and brought into memory first (`vips_image_wio_input`: a lazy image is
// computed once; an image already in memory is read in place). Outputs are new memory images
// owned by the caller.
#include "CVipsShim.h"

static int one_band_uchar(VipsImage *in, const char *domain) {
    if (vips_image_wio_input(in)) return -1;
    if (in->Bands != 1 || in->BandFmt != VIPS_FORMAT_UCHAR || in->Coding != VIPS_CODING_NONE) {
        vips_error(domain, "%s", "expected a one-band 8-bit image");
        return -1;
    }
    return 0;
}

/* A new one-band 8-bit memory image of width x height, its pixels allocated, not set. */
static VipsImage *new_page(int width, int height, double xres, double yres) {
    VipsImage *out = vips_image_new_memory();
    vips_image_init_fields(out, width, height, 1, VIPS_FORMAT_UCHAR, VIPS_CODING_NONE,
                           VIPS_INTERPRETATION_B_W, xres, yres);
    if (vips_image_write_prepare(out)) {
        g_object_unref(out);
        return NULL;
    }
    return out;
}

size_t daftar_image_size(VipsImage *in) {
    return VIPS_IMAGE_SIZEOF_IMAGE(in);
}

int daftar_image_bytes(VipsImage *in, void *dest, size_t size) {
    if (vips_image_wio_input(in)) return -1;
    size_t line = VIPS_IMAGE_SIZEOF_LINE(in);
    if (size != line * in->Ysize) {
        vips_error("daftar_image_bytes", "%s", "buffer size does not match the image");
        return -1;
    }
    for (int y = 0; y < in->Ysize; y++) memcpy((unsigned char *) dest + y * line, VIPS_IMAGE_ADDR(in, 0, y), line);
    return 0;
}

int daftar_levels(VipsImage *in, int limit, unsigned char *levels, int *count) {
    if (one_band_uchar(in, "daftar_levels")) return -1;
    unsigned char seen[256] = {0};
    int n = 0;
    for (int y = 0; y < in->Ysize && n <= limit; y++) {
        const unsigned char *row = VIPS_IMAGE_ADDR(in, 0, y);
        for (int x = 0; x < in->Xsize; x++) {
            unsigned char v = row[x];
            if (seen[v]) continue;
            seen[v] = 1;
            if (n < limit) levels[n] = v;
            if (++n > limit) break;
        }
    }
    *count = n;
    return 0;
}

int daftar_enlarge_blocks(VipsImage *in, int halves, VipsImage **out) {
    if (one_band_uchar(in, "daftar_enlarge_blocks")) return -1;
    if (halves < 2) {
        vips_error("daftar_enlarge_blocks", "%s", "halves must be 2 or more");
        return -1;
    }
    int w = in->Xsize, h = in->Ysize;
    int ow = (int) (((long) w * halves + 1) / 2), oh = (int) (((long) h * halves + 1) / 2);
    VipsImage *o = new_page(ow, oh, in->Xres * halves / 2, in->Yres * halves / 2);
    if (o == NULL) return -1;
    // Output pixel X takes the source pixel under its centre, floor((2X + 1) / halves): runs of
    // halves/2 pixels per source pixel (alternately 1 and 2 for 1.5x). Rows repeat the same way.
    int *sx = g_new(int, ow);
    for (int x = 0; x < ow; x++) sx[x] = MIN(w - 1, (int) ((2L * x + 1) / halves));
    int previous = -1;
    unsigned char *previousRow = NULL;
    for (int y = 0; y < oh; y++) {
        int source = MIN(h - 1, (int) ((2L * y + 1) / halves));
        unsigned char *row = VIPS_IMAGE_ADDR(o, 0, y);
        if (source == previous) {
            memcpy(row, previousRow, ow);
        } else {
            const unsigned char *s = VIPS_IMAGE_ADDR(in, 0, source);
            for (int x = 0; x < ow; x++) row[x] = s[sx[x]];
        }
        previous = source;
        previousRow = row;
    }
    g_free(sx);
    *out = o;
    return 0;
}

/* divided[p][g] = min(255, round(255 g / p)), p = 0 read as 1: grey level g on paper of level p. */
static unsigned char divided[256][256];

static gpointer fill_divided(gpointer unused) {
    (void) unused;
    for (int p = 0; p < 256; p++) {
        int paper = MAX(1, p);
        for (int g = 0; g < 256; g++) divided[p][g] = (unsigned char) MIN(255, (255 * g + paper / 2) / paper);
    }
    return NULL;
}

static int check_paper(VipsImage *in, VipsImage *paper, int block, const char *domain) {
    static GOnce once = G_ONCE_INIT;
    g_once(&once, fill_divided, NULL);
    if (one_band_uchar(in, domain)) return -1;
    if (paper != NULL && one_band_uchar(paper, domain)) return -1;
    if (block < 1 || (paper != NULL && (paper->Xsize < 1 || paper->Ysize < 1))) {
        vips_error(domain, "%s", "bad paper estimate");
        return -1;
    }
    return 0;
}

/* The paper level for each column of a row of blocks (edge blocks repeat past the estimate). */
static void paper_row(VipsImage *in, VipsImage *paper, int block, int y, unsigned char *levels) {
    if (paper == NULL) {
        memset(levels, 255, in->Xsize);
        return;
    }
    const unsigned char *p = VIPS_IMAGE_ADDR(paper, 0, MIN(paper->Ysize - 1, y / block));
    for (int x = 0; x < in->Xsize; x++) levels[x] = p[MIN(paper->Xsize - 1, x / block)];
}

int daftar_flatten_histogram(VipsImage *in, VipsImage *paper, int block, double *histogram) {
    if (check_paper(in, paper, block, "daftar_flatten_histogram")) return -1;
    // Counts per (paper, grey) pair: the division table is applied once per pair, not per pixel.
    guint32 *pairs = paper == NULL ? NULL : g_new0(guint32, 256 * 256);
    guint64 counts[256] = {0};
    unsigned char *levels = g_malloc(in->Xsize);
    // Fold the pairs into the histogram before any pair's count could pass 2^31.
    int foldRows = MAX(1, G_MAXINT32 / MAX(1, in->Xsize));
    for (int y = 0; y < in->Ysize; y++) {
        const unsigned char *row = VIPS_IMAGE_ADDR(in, 0, y);
        if (pairs == NULL) {
            for (int x = 0; x < in->Xsize; x++) counts[row[x]]++;
            continue;
        }
        if (y % block == 0) paper_row(in, paper, block, y, levels);
        for (int x = 0; x < in->Xsize; x++) pairs[(levels[x] << 8) | row[x]]++;
        if ((y + 1) % foldRows == 0 || y + 1 == in->Ysize) {
            for (int i = 0; i < 256 * 256; i++) {
                if (pairs[i]) counts[divided[i >> 8][i & 255]] += pairs[i];
            }
            memset(pairs, 0, 256 * 256 * sizeof(guint32));
        }
    }
    for (int i = 0; i < 256; i++) histogram[i] = (double) counts[i];
    g_free(levels);
    g_free(pairs);
    return 0;
}

int daftar_flatten_map(VipsImage *in, VipsImage *paper, int block, const unsigned char *lut, VipsImage **out) {
    if (check_paper(in, paper, block, "daftar_flatten_map")) return -1;
    VipsImage *o = new_page(in->Xsize, in->Ysize, in->Xres, in->Yres);
    if (o == NULL) return -1;
    // table[p][g] = lut[divided[p][g]], made only for the paper levels present.
    unsigned char (*table)[256] = g_malloc(256 * 256);
    gboolean made[256] = {0};
    unsigned char *levels = g_malloc(in->Xsize);
    for (int y = 0; y < in->Ysize; y++) {
        if (y % block == 0) {
            paper_row(in, paper, block, y, levels);
            for (int x = 0; x < in->Xsize; x += block) {
                int p = levels[x];
                if (made[p]) continue;
                for (int g = 0; g < 256; g++) table[p][g] = lut[divided[p][g]];
                made[p] = TRUE;
            }
        }
        const unsigned char *row = VIPS_IMAGE_ADDR(in, 0, y);
        unsigned char *dst = VIPS_IMAGE_ADDR(o, 0, y);
        for (int x = 0; x < in->Xsize; x++) dst[x] = table[levels[x]][row[x]];
    }
    g_free(levels);
    g_free(table);
    *out = o;
    return 0;
}

/* Every column's and every row's mean of `value[pixel]`, in one pass of integer sums
 * (a value of at most 255 × rows fits 32 bits for pages under 16 million rows). */
static int profiles_of(VipsImage *in, const char *domain, const guint32 value[256], double *columns, double *rows) {
    if (one_band_uchar(in, domain)) return -1;
    int w = in->Xsize, h = in->Ysize;
    guint32 *sums = g_new0(guint32, w);
    for (int y = 0; y < h; y++) {
        const unsigned char *row = VIPS_IMAGE_ADDR(in, 0, y);
        guint32 total = 0;
        for (int x = 0; x < w; x++) {
            guint32 v = value[row[x]];
            sums[x] += v;
            total += v;
        }
        rows[y] = (double) total / w;
    }
    for (int x = 0; x < w; x++) columns[x] = (double) sums[x] / h;
    g_free(sums);
    return 0;
}

int daftar_profiles(VipsImage *in, double *columns, double *rows) {
    guint32 grey[256];
    for (int v = 0; v < 256; v++) grey[v] = v;
    return profiles_of(in, "daftar_profiles", grey, columns, rows);
}

int daftar_light_profiles(VipsImage *in, int level, double *columns, double *rows) {
    guint32 light[256];
    for (int v = 0; v < 256; v++) light[v] = v > level;
    return profiles_of(in, "daftar_light_profiles", light, columns, rows);
}

/* Each row's lightest value within `radius` along the row (the window clipped at the ends). */
static void lightest_across(const unsigned char *in, unsigned char *out, int w, int h, int radius) {
    for (int y = 0; y < h; y++) {
        const unsigned char *row = in + (size_t) y * w;
        for (int x = 0; x < w; x++) {
            int from = MAX(0, x - radius), to = MIN(w - 1, x + radius);
            unsigned char m = row[from];
            for (int j = from + 1; j <= to; j++) m = MAX(m, row[j]);
            out[(size_t) y * w + x] = m;
        }
    }
}

/* Each value's lightest within `radius` up and down the column, a row at a time. */
static void lightest_down(const unsigned char *in, unsigned char *out, int w, int h, int radius) {
    for (int y = 0; y < h; y++) {
        unsigned char *dst = out + (size_t) y * w;
        int from = MAX(0, y - radius), to = MIN(h - 1, y + radius);
        memcpy(dst, in + (size_t) from * w, w);
        for (int j = from + 1; j <= to; j++) {
            const unsigned char *src = in + (size_t) j * w;
            for (int x = 0; x < w; x++) dst[x] = MAX(dst[x], src[x]);
        }
    }
}

/* Gaussian smoothing by `kernel` (2 radius + 1 weights summing to 1), the ends repeated
   outwards: along the rows, then down the columns a row at a time. `in` is overwritten. */
static void smooth(float *in, float *out, int w, int h, const float *kernel, int radius) {
    for (int y = 0; y < h; y++) {
        const float *row = in + (size_t) y * w;
        float *dst = out + (size_t) y * w;
        for (int x = 0; x < w; x++) {
            float s = 0;
            if (x >= radius && x + radius < w) {
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * row[x + k];
            } else {
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * row[CLAMP(x + k, 0, w - 1)];
            }
            dst[x] = s;
        }
    }
    for (int y = 0; y < h; y++) {
        float *dst = in + (size_t) y * w;
        memset(dst, 0, w * sizeof(float));
        for (int k = -radius; k <= radius; k++) {
            const float *src = out + (size_t) CLAMP(y + k, 0, h - 1) * w;
            float weight = kernel[k + radius];
            for (int x = 0; x < w; x++) dst[x] += weight * src[x];
        }
    }
}

int daftar_paper_estimate(VipsImage *in, int block, int window, double sigma, int floor_level,
                          VipsImage **out, int *darkest) {
    if (one_band_uchar(in, "daftar_paper_estimate")) return -1;
    if (block < 1 || block > 256 || window < 1 || sigma < 0) {
        vips_error("daftar_paper_estimate", "%s", "bad block, window or sigma");
        return -1;
    }
    int w = in->Xsize, h = in->Ysize;
    int bw = (w + block - 1) / block, bh = (h + block - 1) / block;
    size_t blocks = (size_t) bw * bh;
    // 1. Block means (blocks at the right and bottom edges average the pixels they have): a
    //    block's rows are summed down each column (at most 256 × 255: 16 bits), then across.
    unsigned char *means = g_malloc(blocks);
    guint16 *columns = g_new(guint16, w);
    for (int by = 0; by < bh; by++) {
        int y0 = by * block, y1 = MIN(h, y0 + block);
        memset(columns, 0, w * sizeof(guint16));
        for (int y = y0; y < y1; y++) {
            const unsigned char *row = VIPS_IMAGE_ADDR(in, 0, y);
            for (int x = 0; x < w; x++) columns[x] += row[x];
        }
        for (int bx = 0; bx < bw; bx++) {
            int x0 = bx * block, x1 = MIN(w, x0 + block);
            guint32 sum = 0;
            for (int x = x0; x < x1; x++) sum += columns[x];
            guint32 n = (guint32) (x1 - x0) * (y1 - y0);
            means[by * bw + bx] = (unsigned char) ((sum + n / 2) / n);
        }
    }
    g_free(columns);
    // 2. The lightest in a window × window square: along the rows, then down the columns.
    unsigned char *across = g_malloc(blocks), *lightest = g_malloc(blocks);
    lightest_across(means, across, bw, bh, window / 2);
    lightest_down(across, lightest, bw, bh, window / 2);
    // 3. Smoothed by a Gaussian, its mask cut as libvips' gaussblur cuts it (at the first
    //    distance whose weight is under a fifth of the centre's), no darker than floor_level.
    int gr = 0;
    while (gr < 8 * sigma && exp(-(double) (gr * gr) / (2 * sigma * sigma)) >= 0.2) gr++;
    float *kernel = g_new(float, 2 * gr + 1);
    double total = 0;
    for (int k = -gr; k <= gr; k++) {
        kernel[k + gr] = sigma > 0 ? (float) exp(-(double) (k * k) / (2 * sigma * sigma)) : 1;
        total += kernel[k + gr];
    }
    for (int k = 0; k <= 2 * gr; k++) kernel[k] = (float) (kernel[k] / total);
    float *a = g_new(float, blocks), *b = g_new(float, blocks);
    for (size_t i = 0; i < blocks; i++) a[i] = lightest[i];
    smooth(a, b, bw, bh, kernel, gr);
    VipsImage *o = new_page(bw, bh, in->Xres / block, in->Yres / block);
    int dark = 255;
    if (o != NULL) {
        for (int by = 0; by < bh; by++) {
            unsigned char *dst = VIPS_IMAGE_ADDR(o, 0, by);
            for (int bx = 0; bx < bw; bx++) {
                int v = CLAMP((int) (a[(size_t) by * bw + bx] + 0.5f), floor_level, 255);
                dst[bx] = (unsigned char) v;
                dark = MIN(dark, v);
            }
        }
    }
    g_free(means);
    g_free(across);
    g_free(lightest);
    g_free(kernel);
    g_free(a);
    g_free(b);
    if (o == NULL) return -1;
    *out = o;
    *darkest = dark;
    return 0;
}

int daftar_drop_small_marks(VipsImage *in, int minimum_area, VipsImage **out) {
    if (one_band_uchar(in, "daftar_drop_small_marks")) return -1;
    int w = in->Xsize, h = in->Ysize;
    VipsImage *o = new_page(w, h, in->Xres, in->Yres);
    if (o == NULL) return -1;
    // A new memory page is one block, row after row.
    unsigned char *page = VIPS_IMAGE_ADDR(o, 0, 0);
    for (int y = 0; y < h; y++) memcpy(page + (size_t) y * w, VIPS_IMAGE_ADDR(in, 0, y), w);
    if (minimum_area <= 1) {
        *out = o;
        return 0;
    }
    // Each ink pixel is visited once: a depth-first fill from the first pixel of every mark
    // not yet seen, its 8 neighbours pushed on a stack that grows as a mark needs; the first
    // `minimum_area` pixels of a mark are remembered, and painted white when it has no more.
    size_t n = (size_t) w * h;
    unsigned char *seen = g_malloc0(n);
    size_t capacity = 4096, depth = 0;
    size_t *stack = g_new(size_t, capacity);
    size_t *mark = g_new(size_t, minimum_area);
    for (size_t start = 0; start < n; start++) {
        if (seen[start] || page[start] >= 128) continue;
        seen[start] = 1;
        stack[depth++] = start;
        int area = 0;
        while (depth > 0) {
            size_t i = stack[--depth];
            if (area < minimum_area) mark[area] = i;
            area++;
            int x = (int) (i % w), y = (int) (i / w);
            int x0 = x > 0 ? -1 : 0, x1 = x < w - 1 ? 1 : 0, y0 = y > 0 ? -1 : 0, y1 = y < h - 1 ? 1 : 0;
            for (int dy = y0; dy <= y1; dy++) {
                for (int dx = x0; dx <= x1; dx++) {
                    size_t j = i + (ptrdiff_t) dy * w + dx;
                    if (seen[j] || page[j] >= 128) continue;
                    seen[j] = 1;
                    if (depth == capacity) {
                        capacity *= 2;
                        stack = g_renew(size_t, stack, capacity);
                    }
                    stack[depth++] = j;
                }
            }
        }
        if (area < minimum_area) {
            for (int k = 0; k < area; k++) page[mark[k]] = 255;
        }
    }
    g_free(seen);
    g_free(stack);
    g_free(mark);
    *out = o;
    return 0;
}
