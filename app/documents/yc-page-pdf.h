/* yc-page-pdf.h: a material's scanned and imported pages assembled into one PDF for the archive
 * (电子化归档), JPEG data passed through without re-encoding, imported PDFs kept as vectors. */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "yc-file-store.h"

G_BEGIN_DECLS

#define YC_PAGE_PDF_ERROR (yc_page_pdf_error_quark ())
typedef enum {
  YC_PAGE_PDF_ERROR_NO_PAGES,    /* nothing to assemble */
  YC_PAGE_PDF_ERROR_MISSING,     /* a page's file is not stored, or no longer matches its hash */
  YC_PAGE_PDF_ERROR_INVALID,     /* not a JPEG, PNG or PDF file, a damaged one, or a bad rotation */
  YC_PAGE_PDF_ERROR_FAILED,      /* writing the PDF failed (disk full, …) */
} YcPagePdfError;
GQuark yc_page_pdf_error_quark (void);

/* One page, as recorded on the case: a scanned or imported image, or an imported PDF, which
 * stands for all of its pages. */
typedef struct {
  const char *sha256;     /* a JPEG, PNG or PDF in the file store */
  guint       dpi;        /* an image's resolution; 0: from the file, else 300. Unused for a PDF */
  guint       rotation;   /* clockwise: 0, 90, 180 or 270 (for a PDF: each of its pages) */
} YcPdfPage;

/* Turns @cr so that a page of @w_pt × @h_pt drawn from (0, 0) after it shows turned clockwise by
 * @rotation (0, 90, 180 or 270), its top left corner at (0, 0): as the material's PDF turns pages,
 * so previews can draw them the same way. */
void   yc_page_pdf_turn            (cairo_t         *cr,
                                    double           w_pt,
                                    double           h_pt,
                                    guint            rotation);

/* Writes a PDF of the entries in order into @files and returns its SHA-256. An image is one page
 * the size of the paper that was scanned (pixels / dpi): JPEG embedded as stored (DCTDecode), never
 * decoded; PNG losslessly (cairo writes black-and-white pages as 1-bit images). An imported PDF
 * gives all its pages in its place, each at its own size, drawn by poppler for printing (text and
 * drawings stay vectors, text stays extractable). One entry's file is in memory at a time. Blocks:
 * call it from a worker, or use the async form. @title (may be NULL) goes into the PDF's
 * metadata. */
char  *yc_page_pdf_assemble        (YcFileStore     *files,
                                    const YcPdfPage *pages,
                                    guint            n_pages,
                                    const char      *title,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* The async form copies @pages and @title; it runs in a GTask thread. */
void   yc_page_pdf_assemble_async  (YcFileStore        *files,
                                    const YcPdfPage    *pages,
                                    guint               n_pages,
                                    const char         *title,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
char  *yc_page_pdf_assemble_finish (GAsyncResult *result,
                                    GError      **error);

G_END_DECLS
