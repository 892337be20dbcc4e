// Fixed-arity wrappers around libvips' variadic operations.
//
// Why this target exists: every libvips operation is a C variadic function
// (`vips_rot(in, &out, angle, ..., NULL)`), which Swift cannot call. Each shim
// here calls exactly one operation with a fixed set of optional arguments.
//
// Ownership: every `out` image is a new reference owned by the caller, who
// must `g_object_unref` it (the Swift `Imaging.Image` type takes it with
// `init(owning:)`). Inputs are borrowed, never consumed. Every shim returns
// libvips' status: 0 on success, -1 on failure with the message in
// `vips_error_buffer()`.
#ifndef DAFTAR_CVIPSSHIM_H
#define DAFTAR_CVIPSSHIM_H

#include <vips/vips.h>

// Loaders. `fail_on_truncated`: refuse truncated or corrupt files instead of
// filling the missing area with grey. `page` is zero-based where supported.
int daftar_vips_jpegload(const char *filename, int fail, VipsImage **out);
int daftar_vips_pngload(const char *filename, int fail, VipsImage **out);
int daftar_vips_tiffload(const char *filename, int page, int fail, VipsImage **out);
int daftar_vips_jp2kload(const char *filename, int page, int fail, VipsImage **out);
int daftar_vips_webpload(const char *filename, int page, int fail, VipsImage **out);
int daftar_vips_gifload(const char *filename, int page, int fail, VipsImage **out);
int daftar_vips_new_from_memory_copy(const void *data, size_t size, int width, int height, int bands,
                                     VipsImage **out);

// Savers (fixtures, benchmark, previews).
int daftar_vips_pngsave(VipsImage *in, const char *filename);
int daftar_vips_jpegsave(VipsImage *in, const char *filename, int quality);
int daftar_vips_jp2ksave(VipsImage *in, const char *filename, int lossless);
int daftar_vips_webpsave(VipsImage *in, const char *filename, int quality);
int daftar_vips_tiffsave(VipsImage *in, const char *filename, int ccitt_g4, int lzw, int page_height);

// Colour and format.
int daftar_vips_colourspace_bw(VipsImage *in, VipsImage **out);
/* Band 0 as a B_W image (for colour images whose bands are all equal). */
int daftar_vips_grey_band(VipsImage *in, VipsImage **out);
int daftar_vips_flatten_white(VipsImage *in, VipsImage **out);
int daftar_vips_cast_uchar(VipsImage *in, VipsImage **out);
int daftar_vips_extract_band(VipsImage *in, int band, VipsImage **out);
int daftar_vips_icc_import_cmyk(VipsImage *in, VipsImage **out);

// Geometry.
int daftar_vips_resize(VipsImage *in, double scale, VipsImage **out);
int daftar_vips_binomial3(VipsImage *in, VipsImage **out);
int daftar_vips_shrink(VipsImage *in, double factor, VipsImage **out);
int daftar_vips_zoom(VipsImage *in, int factor, VipsImage **out);
int daftar_vips_extract_area(VipsImage *in, int left, int top, int width, int height, VipsImage **out);
int daftar_vips_rot(VipsImage *in, int degrees, VipsImage **out);
int daftar_vips_rotate_white(VipsImage *in, double degrees, VipsImage **out);
int daftar_vips_embed_white(VipsImage *in, int x, int y, int width, int height, VipsImage **out);
int daftar_vips_autorot(VipsImage *in, VipsImage **out);
int daftar_vips_set_resolution(VipsImage *in, double pixels_per_mm, VipsImage **out);
int daftar_vips_arrayjoin_vertical(VipsImage **in, int n, VipsImage **out);

// Filters and arithmetic.
int daftar_vips_rank(VipsImage *in, int width, int height, int index, VipsImage **out);
/// The median of a size×size window on a two-level (0/255) image, computed as a majority.
int daftar_vips_majority(VipsImage *in, int size, VipsImage **out);
int daftar_vips_gaussblur(VipsImage *in, double sigma, VipsImage **out);
int daftar_vips_linear1(VipsImage *in, double a, double b, VipsImage **out);
int daftar_vips_add(VipsImage *left, VipsImage *right, VipsImage **out);
int daftar_vips_multiply(VipsImage *left, VipsImage *right, VipsImage **out);
int daftar_vips_min_pair(VipsImage *left, VipsImage *right, VipsImage **out);
int daftar_vips_more_const(VipsImage *in, double c, VipsImage **out);
/// 255 - v for 8-bit images (negative pages: light text on a dark ground).
int daftar_vips_invert(VipsImage *in, VipsImage **out);
int daftar_vips_ifthenelse(VipsImage *cond, VipsImage *then_image, VipsImage *else_image, VipsImage **out);

// Measurements.
int daftar_vips_avg(VipsImage *in, double *out);

// Pixel loops (pixels.c), for one-band 8-bit pages, where libvips has no operation that does
// the job in one cheap pass.
/// The size in bytes of the image's pixels, and the pixels copied into `dest` (`size` bytes),
/// row after row: one copy when the image is in memory (libvips' write_to_memory runs a
/// pipeline of threads to copy them, and the caller then copies its buffer again).
size_t daftar_image_size(VipsImage *in);
int daftar_image_bytes(VipsImage *in, void *dest, size_t size);
/// The distinct grey levels of `in`, reading only until more than `limit` are found: `count`
/// is how many were found (limit + 1 means "more than limit"), `levels` the first `limit` of them.
/// A grey scan shows its third level within a few pixels; only a bilevel page is read whole.
int daftar_levels(VipsImage *in, int limit, unsigned char *levels, int *count);
/// Enlarges by halves/2 as blocks: output pixel X is the input pixel under its centre,
/// floor((2X + 1) / halves), so each input pixel becomes a run of halves/2 (odd halves:
/// alternately 1 and 2 for 1.5x), as libvips' nearest-neighbour resize samples. One pass
/// of copies; libvips' nearest-neighbour resize goes through its general resampler, and
/// zoom-then-subsample builds the whole larger image first.
int daftar_enlarge_blocks(VipsImage *in, int halves, VipsImage **out);
/// Flattening a page by its paper: grey level g on paper of level p becomes
/// min(255, round(255 g / p)). `paper` has one pixel per `block`×`block` block of `in` (blocks
/// past its edge take its edge pixels), or is NULL for white paper (p = 255: no change).
/// `daftar_flatten_histogram` counts the flattened levels (256 doubles) without making the
/// page; `daftar_flatten_map` makes it and passes every level through `lut` (256 bytes), so
/// that flattening and contrast stretching together are one pass of table lookups instead of
/// libvips' divide, linear and cast in floating point, twice.
int daftar_flatten_histogram(VipsImage *in, VipsImage *paper, int block, double *histogram);
int daftar_flatten_map(VipsImage *in, VipsImage *paper, int block, const unsigned char *lut, VipsImage **out);
/// The mean grey level of every column (`columns`, width doubles) and every row (`rows`,
/// height doubles), in one pass of integer sums (libvips' project sums into doubles, in
/// images, at four times the cost).
int daftar_profiles(VipsImage *in, double *columns, double *rows);
/// The share of every column's and every row's pixels lighter than `level` (0–1), in one pass
/// like `daftar_profiles`.
int daftar_light_profiles(VipsImage *in, int level, double *columns, double *rows);
/// An estimate of the paper under a page, one pixel per `block`×`block` block: the blocks'
/// means, the lightest of them in a `window`×`window` square (ink narrower than the window
/// disappears), smoothed by a Gaussian of `sigma` blocks, never darker than `floor_level`.
/// `darkest` is its darkest level. The estimate is a few hundred pixels a side: one pass over
/// the page for the means, then work on the blocks alone, instead of a libvips pipeline of
/// five operations and its threads.
int daftar_paper_estimate(VipsImage *in, int block, int window, double sigma, int floor_level,
                          VipsImage **out, int *darkest);

/// A black-and-white page (ink darker than 128) with every mark of fewer than `minimum_area`
/// pixels (8-connected) painted white: the grain left standing by thresholding a pale,
/// grainy page, which Tesseract's layout otherwise takes for text. One pass over the page,
/// each ink pixel visited once.
int daftar_drop_small_marks(VipsImage *in, int minimum_area, VipsImage **out);

// Creation (fixtures).
int daftar_vips_text(const char *markup, const char *font, int width, int dpi, VipsImage **out);
int daftar_vips_gaussnoise(int width, int height, double mean, double sigma, int seed, VipsImage **out);
int daftar_vips_black(int width, int height, VipsImage **out);
int daftar_vips_xyz(int width, int height, VipsImage **out);

#endif
