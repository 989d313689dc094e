/* yc-scan-panel.h: the pages of one material: scan or import into it, thumbnails appearing as pages
 * arrive, rotate, reorder, delete (with undo), move to another material, and the page viewer. */
#pragma once

#include <adwaita.h>

#include "yc-file-store.h"
#include "yc-page-thumbnail.h"
#include "yc-scanner.h"
#include "yc-store.h"
#include "yc-store-pages.h"

G_BEGIN_DECLS

#define YC_TYPE_SCAN_PANEL (yc_scan_panel_get_type ())
G_DECLARE_FINAL_TYPE (YcScanPanel, yc_scan_panel, YC, SCAN_PANEL, AdwWindow)

/* The pages of material @material (checklist position in @materials, a list of YcCaseMaterial) of
 * the case or draft @case_uuid. @scanner may be NULL: the application's is taken when a scan
 * starts. @settings (org.yichuang.Yichuang) give the scanner ("scanner-device", empty: the first
 * one found, then remembered), its extra options and the clerk recorded as the actor. A panel that
 * is not @editable only shows the pages and opens the viewer.
 *
 * Signal "pages-changed" (guint material): the pages of @material changed in the store (this one,
 * or another that a page was moved to). */
YcScanPanel     *yc_scan_panel_new           (YcScanner   *scanner,
                                              YcStore     *store,
                                              YcFileStore *files,
                                              GSettings   *settings,
                                              const char  *case_uuid,
                                              GListModel  *materials,
                                              guint        material,
                                              gboolean     editable);
const char      *yc_scan_panel_get_case_uuid (YcScanPanel *self);
guint            yc_scan_panel_get_material  (YcScanPanel *self);

/* Scans into this material with the device and settings of Preferences (pages-scan, S). */
void             yc_scan_panel_scan          (YcScanPanel *self);
/* Stores @file (PDF, JPEG or PNG, as it is) and appends it as a page; a file that cannot be used (a
 * locked or damaged PDF, …) is not stored and its error is shown above the pages. */
void             yc_scan_panel_import_file   (YcScanPanel *self,
                                              GFile       *file);
/* Import Files… (pages-import, Ctrl+I): the one file dialog for importing into a material (PDF,
 * JPEG, PNG), then yc_scan_panel_import_file() for each file chosen, in order. With
 * @close_on_cancel, the panel closes when nothing is chosen and it has no pages (it was opened
 * only to import, from a checklist row). */
void             yc_scan_panel_choose_files  (YcScanPanel *self,
                                              gboolean     close_on_cancel);

/* TRUE from the start of a scan until its job has finished. */
gboolean         yc_scan_panel_get_scanning  (YcScanPanel *self);
/* TRUE while the pages are read from the store or a change is being written. */
gboolean         yc_scan_panel_get_busy      (YcScanPanel *self);
/* The error shown above the pages (the last scan's or import's, translated), or NULL. */
const char      *yc_scan_panel_get_error     (YcScanPanel *self);

guint            yc_scan_panel_get_n_pages   (YcScanPanel *self);
YcPageThumbnail *yc_scan_panel_get_thumbnail (YcScanPanel *self,
                                              guint        index);
/* Selects (and focuses) the page at @index, which the page actions then act on. */
void             yc_scan_panel_select        (YcScanPanel *self,
                                              guint        index);
/* The page viewer opened from this panel (Enter, double-click, View), or NULL. */
GtkWindow       *yc_scan_panel_get_viewer    (YcScanPanel *self);

G_END_DECLS
