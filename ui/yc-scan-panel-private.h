/* yc-scan-panel-private.h: what the parts of the scan panel (yc-scan-panel*.c) share. */
#pragma once

#include "yc-scan-panel.h"

G_BEGIN_DECLS

struct _YcScanPanel
{
  AdwWindow         parent_instance;

  YcScanner        *scanner;
  YcStore          *store;
  YcFileStore      *files;
  GSettings        *settings;
  char             *case_uuid;
  GListModel       *materials;
  guint             material;
  gboolean          editable;

  GPtrArray        *pages;            /* (element-type YcCasePage) as shown, in order */
  gint64            selected_id;      /* page the actions act on, 0: none */
  GCancellable     *cancellable;      /* closes with the panel */
  GCancellable     *list_cancellable; /* the newest read of the pages */
  guint             writes_pending;
  guint             lists_pending;

  guint             job_id;           /* the scan under way, 0: none */
  gboolean          listing_devices;
  guint             pages_this_job;
  GQueue            import_queue;     /* (element-type GFile) the head is being imported */
  char             *error_message;
  YcCasePage       *deleted;          /* the last page deleted, for Undo */
  GtkWindow        *viewer;           /* (weak) */

  /* template children */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkWidget        *scan_button;
  GtkWidget        *import_button;
  GtkInfoBar       *error_bar;
  GtkLabel         *error_label;
  GtkRevealer      *progress_revealer;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkStack         *content_stack;
  AdwStatusPage    *empty_page;
  GtkFlowBox       *flow_box;
  GtkActionBar     *action_bar;
  GtkMenuButton    *move_to_button;
};

/* yc-scan-panel.c */
char       *_yc_scan_panel_dup_actor          (YcScanPanel *self);
char       *_yc_scan_panel_dup_material_label (YcScanPanel *self,
                                               guint        position);
int         _yc_scan_panel_index_of           (YcScanPanel *self,
                                               gint64       id);
YcCasePage *_yc_scan_panel_selected_page      (YcScanPanel *self);
void        _yc_scan_panel_renumber           (YcScanPanel *self);
void        _yc_scan_panel_show_toast         (YcScanPanel *self,
                                               const char  *text);
void        _yc_scan_panel_show_error         (YcScanPanel *self,
                                               const char  *message);
void        _yc_scan_panel_update_actions     (YcScanPanel *self);
void        _yc_scan_panel_sync_thumbnails    (YcScanPanel *self);
void        _yc_scan_panel_reload             (YcScanPanel *self);

/* yc-scan-panel-scanning.c: the scanner, its jobs, progress and errors */
void        _yc_scan_panel_class_init_scanning (GtkWidgetClass *widget_class);
void        _yc_scan_panel_set_scanner        (YcScanPanel *self,
                                               YcScanner   *scanner);
void        _yc_scan_panel_cancel_scan        (YcScanPanel *self);

/* yc-scan-panel-import.c: files imported as pages */
void        _yc_scan_panel_class_init_import  (GtkWidgetClass *widget_class);

/* yc-scan-panel-pages.c: adding, turning, reordering, moving and deleting pages, and drag and drop */
void        _yc_scan_panel_class_init_pages   (GtkWidgetClass *widget_class);
void        _yc_scan_panel_add_scanned_page   (YcScanPanel         *self,
                                               const YcScannedPage *scanned);
void        _yc_scan_panel_add_drag_and_drop  (YcScanPanel *self,
                                               GtkWidget   *thumbnail);

G_END_DECLS
