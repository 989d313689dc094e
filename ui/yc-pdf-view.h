/* yc-pdf-view.h: one page of a stored PDF, rendered by poppler in a worker thread at the size it is
 * shown (zoom to fit, or a zoom factor), never on the main thread. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YC_TYPE_PDF_VIEW (yc_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (YcPdfView, yc_pdf_view, YC, PDF_VIEW, GtkWidget)

/* Properties: "file" (GFile), "loaded" (the document is open), "error" (GError or NULL: why it
 * could not be opened or rendered), "n-pages", "page" (0-based), "fit" (zoom to fit the widget,
 * default TRUE), "zoom" (1.0 = actual size at 96 dpi; used when "fit" is FALSE), "rendered" (the
 * current page is on screen at the size asked for). */
GtkWidget    *yc_pdf_view_new          (void);
/* Opens @file (NULL: nothing) in a worker thread and shows its first page. */
void          yc_pdf_view_set_file     (YcPdfView *self,
                                        GFile     *file);
GFile        *yc_pdf_view_get_file     (YcPdfView *self);
gboolean      yc_pdf_view_get_loaded   (YcPdfView *self);
const GError *yc_pdf_view_get_error    (YcPdfView *self);
guint         yc_pdf_view_get_n_pages  (YcPdfView *self);
guint         yc_pdf_view_get_page     (YcPdfView *self);
/* Clamped to the document's pages. */
void          yc_pdf_view_set_page     (YcPdfView *self,
                                        guint      page);
gboolean      yc_pdf_view_get_fit      (YcPdfView *self);
void          yc_pdf_view_set_fit      (YcPdfView *self,
                                        gboolean   fit);
/* The zoom in effect (in "fit" mode, the one fitting the page). */
double        yc_pdf_view_get_zoom     (YcPdfView *self);
/* Sets a zoom factor (clamped to 0.25–4) and leaves "fit". */
void          yc_pdf_view_set_zoom     (YcPdfView *self,
                                        double     zoom);
gboolean      yc_pdf_view_get_rendered (YcPdfView *self);
/* The size in points of page @page (for tests and the print dialog), FALSE if there is none. */
gboolean      yc_pdf_view_get_page_size (YcPdfView *self,
                                         guint      page,
                                         double    *width,
                                         double    *height);
/* How long the last rendering took in its worker thread, in microseconds, and its size in
 * pixels. */
gint64        yc_pdf_view_get_last_render_us (YcPdfView *self,
                                              int       *width,
                                              int       *height);

G_END_DECLS
