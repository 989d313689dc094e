/* yc-page-thumbnail.h: one stored page as a small picture in a grid, decoded (an imported PDF:
 * drawn) off the main thread; and the decoder the page viewer shares. */
#pragma once

#include <gtk/gtk.h>

#include "yc-file-store.h"
#include "yc-store-pages.h"

G_BEGIN_DECLS

/* The box a thumbnail's picture fits in, in application pixels (an A4 page fills its height). */
#define YC_PAGE_THUMBNAIL_WIDTH  150
#define YC_PAGE_THUMBNAIL_HEIGHT 200

/* Decodes @page's stored JPEG or PNG in a worker thread, turned clockwise by its rotation, and scaled
 * to fit @max_width × @max_height (0 and 0: full size, for reading it). An imported PDF's first
 * page is drawn by poppler in the worker instead, on white paper, turned and fitted the same way
 * (0 and 0: at 150 dpi, as a scanned page would be); a PDF poppler cannot draw fails with
 * G_IO_ERROR_INVALID_DATA (translated), poppler missing with YC_LAZY_LIB_ERROR. A file missing from
 * the store fails with YC_FILE_STORE_ERROR_NOT_FOUND. */
void        yc_page_texture_load_async  (YcFileStore        *files,
                                         const YcCasePage   *page,
                                         int                 max_width,
                                         int                 max_height,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
/* The same for page @pdf_page (0-based) of an imported PDF (ignored for an image). Finished by
 * yc_page_texture_load_finish(). */
void        yc_page_texture_load_pdf_page_async (YcFileStore        *files,
                                                 const YcCasePage   *page,
                                                 guint               pdf_page,
                                                 int                 max_width,
                                                 int                 max_height,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GdkTexture *yc_page_texture_load_finish (GAsyncResult *result,
                                         GError      **error);

#define YC_TYPE_PAGE_THUMBNAIL (yc_page_thumbnail_get_type ())
G_DECLARE_FINAL_TYPE (YcPageThumbnail, yc_page_thumbnail, YC, PAGE_THUMBNAIL, GtkFlowBoxChild)

GtkWidget        *yc_page_thumbnail_new        (YcFileStore      *files,
                                                const YcCasePage *page);
const YcCasePage *yc_page_thumbnail_get_page   (YcPageThumbnail  *self);
/* Takes the page's new record (order, rotation, …); the picture is decoded again only when the
 * file or the rotation changed. */
void              yc_page_thumbnail_set_page   (YcPageThumbnail  *self,
                                                const YcCasePage *page);
/* TRUE once the picture is on screen (or the document or error placeholder is). */
gboolean          yc_page_thumbnail_get_loaded (YcPageThumbnail  *self);
/* What the thumbnail's picture shows: a scanned or imported image decoded, or an imported PDF's
 * first page as drawn (also the icon of a page dragged in the scan panel); NULL while loading, or
 * when it failed (a PDF poppler cannot draw keeps its document placeholder, with the reason as the
 * tooltip). */
GdkTexture       *yc_page_thumbnail_get_texture (YcPageThumbnail *self);
/* The same picture as yc_page_thumbnail_get_texture(). */
GdkTexture       *yc_page_thumbnail_get_preview (YcPageThumbnail *self);
/* The badge on a drawn PDF of more than one page ("3 pages"), or NULL when none is shown. */
const char       *yc_page_thumbnail_get_badge  (YcPageThumbnail *self);

G_END_DECLS
