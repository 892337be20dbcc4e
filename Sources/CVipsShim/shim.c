#include "CVipsShim.h"

static VipsFailOn fail_level(int fail) { return fail ? VIPS_FAIL_ON_TRUNCATED : VIPS_FAIL_ON_NONE; }

int daftar_vips_jpegload(const char *filename, int fail, VipsImage **out) {
    return vips_jpegload(filename, out, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_pngload(const char *filename, int fail, VipsImage **out) {
    return vips_pngload(filename, out, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_tiffload(const char *filename, int page, int fail, VipsImage **out) {
    return vips_tiffload(filename, out, "page", page, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_jp2kload(const char *filename, int page, int fail, VipsImage **out) {
    return vips_jp2kload(filename, out, "page", page, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_webpload(const char *filename, int page, int fail, VipsImage **out) {
    return vips_webpload(filename, out, "page", page, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_gifload(const char *filename, int page, int fail, VipsImage **out) {
    return vips_gifload(filename, out, "page", page, "fail_on", fail_level(fail), NULL);
}
int daftar_vips_new_from_memory_copy(const void *data, size_t size, int width, int height, int bands,
                                     VipsImage **out) {
    *out = vips_image_new_from_memory_copy(data, size, width, height, bands, VIPS_FORMAT_UCHAR);
    return *out ? 0 : -1;
}

int daftar_vips_pngsave(VipsImage *in, const char *filename) {
    return vips_pngsave(in, filename, "compression", 6, NULL);
}
int daftar_vips_jpegsave(VipsImage *in, const char *filename, int quality) {
    return vips_jpegsave(in, filename, "Q", quality, NULL);
}
int daftar_vips_jp2ksave(VipsImage *in, const char *filename, int lossless) {
    return vips_jp2ksave(in, filename, "lossless", lossless, NULL);
}
int daftar_vips_webpsave(VipsImage *in, const char *filename, int quality) {
    return vips_webpsave(in, filename, "Q", quality, NULL);
}
int daftar_vips_tiffsave(VipsImage *in, const char *filename, int ccitt_g4, int lzw, int page_height) {
    VipsForeignTiffCompression c = ccitt_g4 ? VIPS_FOREIGN_TIFF_COMPRESSION_CCITTFAX4
                                   : (lzw ? VIPS_FOREIGN_TIFF_COMPRESSION_LZW : VIPS_FOREIGN_TIFF_COMPRESSION_NONE);
    if (ccitt_g4)
        return vips_tiffsave(in, filename, "compression", c, "bitdepth", 1,
                             "page_height", page_height > 0 ? page_height : in->Ysize, NULL);
    return vips_tiffsave(in, filename, "compression", c,
                         "page_height", page_height > 0 ? page_height : in->Ysize, NULL);
}

int daftar_vips_colourspace_bw(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_B_W, NULL);
}
int daftar_vips_flatten_white(VipsImage *in, VipsImage **out) {
    double white[4] = {255, 255, 255, 255};
    int n = in->Bands > 1 ? in->Bands - 1 : 1;
    VipsArrayDouble *bg = vips_array_double_new(white, n);
    int r = vips_flatten(in, out, "background", bg, NULL);
    vips_area_unref(VIPS_AREA(bg));
    return r;
}
int daftar_vips_cast_uchar(VipsImage *in, VipsImage **out) {
    return vips_cast(in, out, VIPS_FORMAT_UCHAR, NULL);
}
int daftar_vips_grey_band(VipsImage *in, VipsImage **out) {
    VipsImage *band = NULL;
    if (vips_extract_band(in, &band, 0, NULL)) return -1;
    int r = vips_copy(band, out, "interpretation", VIPS_INTERPRETATION_B_W, NULL);
    g_object_unref(band);
    return r;
}
int daftar_vips_extract_band(VipsImage *in, int band, VipsImage **out) {
    return vips_extract_band(in, out, band, NULL);
}
int daftar_vips_icc_import_cmyk(VipsImage *in, VipsImage **out) {
    return vips_icc_import(in, out, "input_profile", "cmyk", "embedded", TRUE, NULL);
}

int daftar_vips_resize(VipsImage *in, double scale, VipsImage **out) {
    return vips_resize(in, out, scale, NULL);
}
/* Convolution by the size×size mask k[x]·k[y], normalised by its sum, in integer arithmetic
   (libvips' vectorised path for uchar). */
static int conv_integer(VipsImage *in, VipsImage **out, const double *k, int size) {
    VipsImage *mask = vips_image_new_matrix(size, size);
    if (mask == NULL) return -1;
    double sum = 0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) sum += *VIPS_MATRIX(mask, x, y) = k[x] * k[y];
    vips_image_set_double(mask, "scale", sum);
    vips_image_set_double(mask, "offset", 0.0);
    int r = vips_conv(in, out, mask, "precision", VIPS_PRECISION_INTEGER, NULL);
    g_object_unref(mask);
    return r;
}
int daftar_vips_binomial3(VipsImage *in, VipsImage **out) {
    /* [1 2 1] x [1 2 1] / 16. */
    const double k[3] = {1, 2, 1};
    return conv_integer(in, out, k, 3);
}
int daftar_vips_shrink(VipsImage *in, double factor, VipsImage **out) {
    return vips_shrink(in, out, factor, factor, NULL);
}
int daftar_vips_zoom(VipsImage *in, int factor, VipsImage **out) {
    return vips_zoom(in, out, factor, factor, NULL);
}
int daftar_vips_extract_area(VipsImage *in, int left, int top, int width, int height, VipsImage **out) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}
int daftar_vips_rot(VipsImage *in, int degrees, VipsImage **out) {
    VipsAngle a = degrees == 90 ? VIPS_ANGLE_D90 : degrees == 180 ? VIPS_ANGLE_D180
                : degrees == 270 ? VIPS_ANGLE_D270 : VIPS_ANGLE_D0;
    return vips_rot(in, out, a, NULL);
}
int daftar_vips_rotate_white(VipsImage *in, double degrees, VipsImage **out) {
    double white[1] = {255};
    VipsArrayDouble *bg = vips_array_double_new(white, 1);
    int r = vips_rotate(in, out, degrees, "background", bg,
                        "interpolate", vips_interpolate_bilinear_static(), NULL);
    vips_area_unref(VIPS_AREA(bg));
    return r;
}
int daftar_vips_embed_white(VipsImage *in, int x, int y, int width, int height, VipsImage **out) {
    double white[1] = {255};
    VipsArrayDouble *bg = vips_array_double_new(white, 1);
    int r = vips_embed(in, out, x, y, width, height, "extend", VIPS_EXTEND_BACKGROUND, "background", bg, NULL);
    vips_area_unref(VIPS_AREA(bg));
    return r;
}
int daftar_vips_autorot(VipsImage *in, VipsImage **out) {
    return vips_autorot(in, out, NULL);
}
int daftar_vips_set_resolution(VipsImage *in, double pixels_per_mm, VipsImage **out) {
    return vips_copy(in, out, "xres", pixels_per_mm, "yres", pixels_per_mm, NULL);
}
int daftar_vips_arrayjoin_vertical(VipsImage **in, int n, VipsImage **out) {
    return vips_arrayjoin(in, out, n, "across", 1, NULL);
}

int daftar_vips_rank(VipsImage *in, int width, int height, int index, VipsImage **out) {
    return vips_rank(in, out, width, height, index, NULL);
}
int daftar_vips_majority(VipsImage *in, int size, VipsImage **out) {
    /* Mean over a size×size window with integer arithmetic (libvips' vectorised path for
       uchar), then white where the mean is at least mid-grey: on a two-level page that is
       the window's median, at a fraction of vips_rank's cost. */
    double *ones = g_new(double, size);
    for (int i = 0; i < size; i++) ones[i] = 1.0;
    VipsImage *mean = NULL;
    int r = conv_integer(in, &mean, ones, size);
    g_free(ones);
    if (r) return r;
    r = vips_moreeq_const1(mean, out, 128.0, NULL);
    g_object_unref(mean);
    return r;
}
int daftar_vips_gaussblur(VipsImage *in, double sigma, VipsImage **out) {
    return vips_gaussblur(in, out, sigma, NULL);
}
int daftar_vips_linear1(VipsImage *in, double a, double b, VipsImage **out) {
    return vips_linear1(in, out, a, b, NULL);
}
int daftar_vips_add(VipsImage *left, VipsImage *right, VipsImage **out) {
    return vips_add(left, right, out, NULL);
}
int daftar_vips_multiply(VipsImage *left, VipsImage *right, VipsImage **out) {
    return vips_multiply(left, right, out, NULL);
}
int daftar_vips_min_pair(VipsImage *left, VipsImage *right, VipsImage **out) {
    VipsImage *cond = NULL;
    if (vips_relational(left, right, &cond, VIPS_OPERATION_RELATIONAL_LESS, NULL)) return -1;
    int r = vips_ifthenelse(cond, left, right, out, NULL);
    g_object_unref(cond);
    return r;
}
int daftar_vips_more_const(VipsImage *in, double c, VipsImage **out) {
    return vips_more_const1(in, out, c, NULL);
}
int daftar_vips_ifthenelse(VipsImage *cond, VipsImage *then_image, VipsImage *else_image, VipsImage **out) {
    return vips_ifthenelse(cond, then_image, else_image, out, NULL);
}

int daftar_vips_avg(VipsImage *in, double *out) { return vips_avg(in, out, NULL); }
int daftar_vips_invert(VipsImage *in, VipsImage **out) { return vips_invert(in, out, NULL); }

int daftar_vips_text(const char *markup, const char *font, int width, int dpi, VipsImage **out) {
    return vips_text(out, markup, "font", font, "width", width, "dpi", dpi, "spacing", 0, NULL);
}
int daftar_vips_gaussnoise(int width, int height, double mean, double sigma, int seed, VipsImage **out) {
    return vips_gaussnoise(out, width, height, "mean", mean, "sigma", sigma, "seed", seed, NULL);
}
int daftar_vips_black(int width, int height, VipsImage **out) {
    return vips_black(out, width, height, NULL);
}
int daftar_vips_xyz(int width, int height, VipsImage **out) {
    return vips_xyz(out, width, height, NULL);
}
