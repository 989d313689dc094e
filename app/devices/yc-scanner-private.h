/* yc-scanner-private.h: internals shared by the scanner's files: the streaming page encoder, option
 * clamping and the hooks the tests use. */
#pragma once

#include "yc-scanner.h"

G_BEGIN_DECLS

/* --- the page encoder (yc-scan-encoder.c): raw lines in, one compressed stored file out --- */

typedef enum {
  YC_RAW_GRAY,   /* one sample per pixel */
  YC_RAW_RGB,    /* three samples per pixel, interleaved */
} YcRawFormat;

typedef struct {
  YcRawFormat format;
  int         depth;            /* bits per sample: 1, 8 or 16 (16: in host byte order) */
  int         pixels_per_line;
  int         bytes_per_line;   /* may include padding at the end of each line */
  int         lines;            /* -1: not known until the end (hand scanners) */
  guint       dpi;
} YcRawPageFormat;

typedef struct _YcPageEncoder YcPageEncoder;

/* Gray depth 1 (line-art) becomes a lossless PNG; everything else a baseline JPEG of quality
 * YC_SCAN_JPEG_QUALITY with the resolution in its JFIF header, fed line by line. Only a few lines
 * are ever held in memory, except for line-art (the page at 1 bit per pixel; cairo writes it out as
 * 8-bit grey, which deflate packs tightly) and pages of unknown length (spooled to a temporary
 * file). */
#define YC_SCAN_JPEG_QUALITY 85
YcPageEncoder *_yc_page_encoder_new    (YcFileStore           *files,
                                        const YcRawPageFormat *format,
                                        GError               **error);
/* Data in any chunking, as sane_read returns it. */
gboolean       _yc_page_encoder_write  (YcPageEncoder *encoder,
                                        const guint8  *data,
                                        gsize          len,
                                        GError       **error);
/* Progress through the page, 0..1, or -1 when the page length is unknown. */
double         _yc_page_encoder_get_fraction (YcPageEncoder *encoder);
/* Commits the file (durable) and frees the encoder. A page with missing lines is completed with
 * white lines when at least one line arrived (some backends end a page early); with no line it is
 * an error. */
YcScannedPage *_yc_page_encoder_finish (YcPageEncoder *encoder,
                                        GError       **error);
/* Removes the partial file and frees the encoder. */
void           _yc_page_encoder_abort  (YcPageEncoder *encoder);

/* --- option values (yc-scanner-options.c), pure functions --- */

/* The allowed value nearest to @value in a range [min, max] with step @quant (0: any value). */
double         _yc_scan_clamp_range    (double        value,
                                        double        min,
                                        double        max,
                                        double        quant);
/* The allowed value nearest to @value in a list (ties go to the lower value). */
double         _yc_scan_clamp_list     (double        value,
                                        const double *list,
                                        guint         n);
/* The first of @wanted found in @allowed, compared without case; NULL if none. */
const char    *_yc_scan_pick_string    (const char * const *allowed,
                                        const char * const *wanted);
/* SANE's names for a source or a mode, best first (the drivers do not agree). */
const char * const *_yc_scan_source_names (YcScanSource source);
const char * const *_yc_scan_mode_names   (YcScanMode   mode);
/* Which of ours a SANE string is, or -1. */
int            _yc_scan_source_from_sane (const char *name);
int            _yc_scan_mode_from_sane   (const char *name);

/* --- remembered settings (yc-scanner-options.c) --- */

YcScanSettings *_yc_scan_settings_load (GKeyFile   *keyfile,
                                        const char *device);
void            _yc_scan_settings_save (GKeyFile             *keyfile,
                                        const char           *device,
                                        const YcScanSettings *settings);

/* --- hooks for the tests (yc-scanner.c) --- */

/* How many times the worker has called sane_open. */
guint          _yc_scanner_get_open_count (YcScanner *self);
/* Before the job reaches page @page_index (0-based) the worker sets SANE option @name to @value,
 * and puts the old value back when the job ends: a fault (read-return-value = SANE_STATUS_JAMMED)
 * in the middle of a batch. One injection at a time; it applies to the next job that reaches that
 * page. */
void           _yc_scanner_inject_option  (YcScanner  *self,
                                           guint       page_index,
                                           const char *name,
                                           const char *value);

G_END_DECLS
