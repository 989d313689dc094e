/* yc-page-viewer.h: one page at a time, large enough to check that it is legible: zoom to fit or
 * 100 %, keys between the pages. */
#pragma once

#include <adwaita.h>

#include "yc-file-store.h"
#include "yc-store.h"
#include "yc-store-pages.h"

G_BEGIN_DECLS

#define YC_TYPE_PAGE_VIEWER (yc_page_viewer_get_type ())
G_DECLARE_FINAL_TYPE (YcPageViewer, yc_page_viewer, YC, PAGE_VIEWER, AdwWindow)

/* @pages (element-type YcCasePage) are copied; @index is the page shown first; @title names the
 * material. An imported PDF shows each of its pages in turn (drawn at 150 dpi), and the subtitle
 * counts sheets of paper ("Page 3 of 10") as the checklist does. Keys: Left/Right, Page Up/Down,
 * Home/End between pages (through a PDF's pages too); F or Ctrl+0 zoom to fit, 1 or Ctrl+1
 * 100 %; Escape closes. */
YcPageViewer *yc_page_viewer_new        (YcFileStore *files,
                                         GPtrArray   *pages,
                                         guint        index,
                                         const char  *title);
/* Stored pages (an imported PDF is one, whatever its own pages). */
guint         yc_page_viewer_get_n_pages (YcPageViewer *self);
guint         yc_page_viewer_get_index  (YcPageViewer *self);
/* Shows stored page @index (an imported PDF: its first page). */
void          yc_page_viewer_set_index  (YcPageViewer *self,
                                         guint         index);
/* Which page of the imported PDF at the index is shown (0-based; 0 for a picture). */
guint         yc_page_viewer_get_pdf_page (YcPageViewer *self);
/* TRUE: the page fits the window; FALSE: one image pixel per screen pixel (scrolls). */
gboolean      yc_page_viewer_get_fit    (YcPageViewer *self);
void          yc_page_viewer_set_fit    (YcPageViewer *self,
                                         gboolean      fit);
/* The page on screen at full resolution (a PDF's page as drawn), or NULL while it is decoded or
 * drawn, or on an error. */
GdkTexture   *yc_page_viewer_get_texture (YcPageViewer *self);
/* TRUE once the current page is decoded or its message is shown. */
gboolean      yc_page_viewer_get_loaded (YcPageViewer *self);

/* Lists the pages of material @material (checklist position) of case @case_uuid off the main thread
 * and opens the viewer on the first one, transient for @parent (a material without pages says so in
 * the viewer). For the Cases page's case detail. */
void          yc_page_viewer_present_material (GtkWidget   *parent,
                                               YcStore     *store,
                                               YcFileStore *files,
                                               const char  *case_uuid,
                                               guint        material,
                                               const char  *title);

G_END_DECLS
