/* yc-scanner.h: scanning through SANE: one worker thread owns SANE, which runs in a helper process;
 * pages are compressed into the file store as they arrive and come back to the caller's main
 * context tagged with a job id. */
#pragma once

#include <gio/gio.h>
#include "yc-file-store.h"
#include "yc-store-pages.h"

G_BEGIN_DECLS

#define YC_SCAN_ERROR (yc_scan_error_quark ())
typedef enum {
  YC_SCAN_ERROR_JAMMED,        /* the document feeder is jammed */
  YC_SCAN_ERROR_COVER_OPEN,    /* the scanner's cover is open */
  YC_SCAN_ERROR_NO_DOCS,       /* the feeder is empty before the first page */
  YC_SCAN_ERROR_DEVICE_BUSY,   /* in use by another program, or warming up */
  YC_SCAN_ERROR_DEVICE_GONE,   /* cannot be opened, or an I/O error: unplugged, switched off */
  YC_SCAN_ERROR_ACCESS_DENIED, /* the device refuses this user */
  YC_SCAN_ERROR_INVALID,       /* the device refused a setting or a request */
  YC_SCAN_ERROR_UNSUPPORTED,   /* the device sends data in a form this program cannot store */
  YC_SCAN_ERROR_STORAGE,       /* a page could not be written to disk */
  YC_SCAN_ERROR_FAILED,        /* anything else the driver reports */
  YC_SCAN_ERROR_PDF_ENCRYPTED, /* an imported PDF needs a password to be opened */
  YC_SCAN_ERROR_PDF_DAMAGED,   /* an imported PDF is damaged, cut short, or has no pages */
} YcScanError;
GQuark yc_scan_error_quark (void);

/* Enum nicks are the stable codes stored in scanner.ini and the database: "flatbed", "adf",
 * "duplex"; "color", "gray", "lineart". */
typedef enum {
  YC_SCAN_SOURCE_FLATBED,
  YC_SCAN_SOURCE_ADF,
  YC_SCAN_SOURCE_DUPLEX,       /* both sides through the feeder */
} YcScanSource;
#define YC_TYPE_SCAN_SOURCE (yc_scan_source_get_type ())
GType        yc_scan_source_get_type      (void) G_GNUC_CONST;
const char  *yc_scan_source_to_string     (YcScanSource source);
gboolean     yc_scan_source_from_string   (const char   *code,
                                           YcScanSource *source);

typedef enum {
  YC_SCAN_MODE_COLOR,
  YC_SCAN_MODE_GRAY,
  YC_SCAN_MODE_LINEART,        /* black and white, stored losslessly (PNG) */
} YcScanMode;
#define YC_TYPE_SCAN_MODE (yc_scan_mode_get_type ())
GType        yc_scan_mode_get_type        (void) G_GNUC_CONST;
const char  *yc_scan_mode_to_string       (YcScanMode mode);
gboolean     yc_scan_mode_from_string     (const char *code,
                                           YcScanMode *mode);

/* A scanner as SANE lists it. */
typedef struct {
  char *name;     /* SANE device name, e.g. "test:0", "airscan:e0:…" */
  char *vendor;
  char *model;
  char *type;     /* "flatbed scanner", "sheetfed scanner", … */
} YcScanDevice;
#define YC_TYPE_SCAN_DEVICE (yc_scan_device_get_type ())
GType         yc_scan_device_get_type     (void) G_GNUC_CONST;
YcScanDevice *yc_scan_device_copy         (const YcScanDevice *device);
void          yc_scan_device_free         (YcScanDevice *device);
/* "Vendor Model", for lists. */
char         *yc_scan_device_dup_label    (const YcScanDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcScanDevice, yc_scan_device_free)

/* What to scan with. The device's constraints decide: each value is clamped to the nearest one it
 * allows, and the values actually used are reported back (yc_scanner_set_options_finish,
 * YcScannedPage). */
typedef struct {
  YcScanSource source;
  YcScanMode   mode;
  guint        resolution;    /* dpi */
  /* NULL, or "name=value" strings for other SANE options, set as given after the standard ones
   * (vendor options; fault injection in tests). Not remembered. */
  char       **extra;
} YcScanSettings;
#define YC_TYPE_SCAN_SETTINGS (yc_scan_settings_get_type ())
GType           yc_scan_settings_get_type (void) G_GNUC_CONST;
YcScanSettings *yc_scan_settings_new      (YcScanSource source,
                                           YcScanMode   mode,
                                           guint        resolution);
YcScanSettings *yc_scan_settings_copy     (const YcScanSettings *settings);
void            yc_scan_settings_free     (YcScanSettings *settings);
/* Appends "name=value" to @settings->extra. */
void            yc_scan_settings_add_extra (YcScanSettings *settings,
                                           const char     *name,
                                           const char     *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcScanSettings, yc_scan_settings_free)

/* What a device offers, for the settings dialog. */
typedef struct {
  char           *device;
  guint           sources;            /* bit (1 << YcScanSource) per source offered */
  guint           modes;              /* bit (1 << YcScanMode) per mode offered */
  guint           resolution_min;     /* dpi */
  guint           resolution_max;
  guint           resolution_quant;   /* step of a range; 0 when the device gives a list */
  GArray         *resolution_list;    /* (element-type guint) allowed values; NULL: a range */
  YcScanSettings *current;            /* remembered settings clamped to the device, or defaults */
} YcScanCapabilities;
#define YC_TYPE_SCAN_CAPABILITIES (yc_scan_capabilities_get_type ())
GType               yc_scan_capabilities_get_type (void) G_GNUC_CONST;
YcScanCapabilities *yc_scan_capabilities_copy     (const YcScanCapabilities *caps);
void                yc_scan_capabilities_free     (YcScanCapabilities *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcScanCapabilities, yc_scan_capabilities_free)

/* One stored page (or one imported file). */
typedef struct {
  guint       job_id;        /* 0 for an imported file */
  guint       index;         /* 0-based, within the job */
  char       *sha256;        /* in the file store */
  char       *content_type;  /* "image/jpeg", "image/png", or "application/pdf" (imports) */
  guint       width;         /* pixels; 0 for a PDF */
  guint       height;
  guint       dpi;           /* 0 when an imported file does not say */
  YcScanMode  mode;
  guint64     size;          /* bytes stored */
  guint       page_count;    /* 1 for an image; the pages of an imported PDF */
} YcScannedPage;
#define YC_TYPE_SCANNED_PAGE (yc_scanned_page_get_type ())
GType          yc_scanned_page_get_type   (void) G_GNUC_CONST;
YcScannedPage *yc_scanned_page_copy       (const YcScannedPage *page);
void           yc_scanned_page_free       (YcScannedPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcScannedPage, yc_scanned_page_free)
/* The record that attaches @page to material @material (checklist position) of the case or draft
 * @case_uuid, for yc_store_add_page. */
YcCasePage    *yc_scanned_page_to_case_page (const YcScannedPage *page,
                                             const char          *case_uuid,
                                             guint                material);

/* YcScanner: one per process (two would compete for the same devices). Creating it starts the
 * worker thread; the first command that needs a device starts SANE in a helper process (the
 * application's own executable, yc-scanner-helper.c), so a driver that hangs or breaks its process
 * never blocks the application: a driver call that does not answer in time, or within 5 s of a
 * Cancel, ends the helper, the job ends with YC_SCAN_ERROR_DEVICE_GONE (the pages before it kept)
 * and the next command starts a new helper. The last unref stops it (sane_cancel, sane_close,
 * sane_exit). Every call below returns at once; the work is queued for the worker, one command at
 * a time, and results come back on the thread-default main context of the caller (captured when
 * the call is made), where the callbacks run and the signals are emitted.
 *
 * Signals, all for a job id returned by yc_scanner_scan_async:
 *   "progress"     (guint job_id, guint page_index, double fraction)  fraction of the current
 *                  page, or -1 when the device does not say how long the page is
 *   "page-done"    (guint job_id, YcScannedPage *page)  the page is in the file store
 *   "job-finished" (guint job_id, GError *error or NULL, GPtrArray *pages)  after the last
 *                  page-done; @pages are all pages delivered by page-done, kept whatever the error.
 * Once a job is cancelled (yc_scanner_cancel, its GCancellable, or superseded by a newer job), no
 * more progress or page-done is emitted for it, even if the worker had already produced them;
 * job-finished follows with G_IO_ERROR_CANCELLED when the worker has stopped, after which the next
 * job runs. */
#define YC_TYPE_SCANNER (yc_scanner_get_type ())
G_DECLARE_FINAL_TYPE (YcScanner, yc_scanner, YC, SCANNER, GObject)

YcScanner   *yc_scanner_new                 (YcFileStore *files);
YcFileStore *yc_scanner_get_file_store      (YcScanner   *self);

/* Devices, asked of SANE again on each call (a scanner plugged in since shows up). */
void         yc_scanner_list_devices_async  (YcScanner          *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
GPtrArray   *yc_scanner_list_devices_finish (YcScanner    *self,
                                             GAsyncResult *result,
                                             GError      **error);   /* of YcScanDevice */

/* Opens @device (closing another one the worker had open). Optional: a scan opens its device
 * itself. */
void         yc_scanner_open_async          (YcScanner          *self,
                                             const char         *device,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean     yc_scanner_open_finish         (YcScanner    *self,
                                             GAsyncResult *result,
                                             GError      **error);
/* Closes the open device, if any, once the commands queued before have run. */
void         yc_scanner_close_device        (YcScanner   *self);

void         yc_scanner_get_capabilities_async  (YcScanner          *self,
                                             const char         *device,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
YcScanCapabilities *yc_scanner_get_capabilities_finish (YcScanner    *self,
                                             GAsyncResult *result,
                                             GError      **error);

/* Sets @settings on @device, clamped to what it allows; returns the values actually used and
 * remembers them for the device (scanner.ini). */
void         yc_scanner_set_options_async   (YcScanner            *self,
                                             const char           *device,
                                             const YcScanSettings *settings,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
YcScanSettings *yc_scanner_set_options_finish (YcScanner    *self,
                                             GAsyncResult *result,
                                             GError      **error);

/* The settings last used with @device (from $XDG_CONFIG_HOME/yichuang/scanner.ini), or NULL. */
YcScanSettings *yc_scanner_dup_last_settings (YcScanner  *self,
                                             const char *device);

/* Scans from @device: one page from the flatbed, or every page in the feeder until it is empty.
 * Starting a job cancels (supersedes) any job of this scanner not finished yet. Returns the job id
 * (never 0). _finish returns TRUE when the job completed; on failure @error says why
 * (YC_SCAN_ERROR_JAMMED, …, or G_IO_ERROR_CANCELLED). Either way @pages (if not NULL) receives
 * every page delivered (element-type YcScannedPage): pages scanned before a jam are kept. */
guint        yc_scanner_scan_async          (YcScanner            *self,
                                             const char           *device,
                                             const YcScanSettings *settings,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     yc_scanner_scan_finish         (YcScanner    *self,
                                             GAsyncResult *result,
                                             GPtrArray   **pages,
                                             GError      **error);
/* Cancels job @job_id if it has not finished; no-op otherwise. Call it on the job's context. */
void         yc_scanner_cancel              (YcScanner   *self,
                                             guint        job_id);
/* The id of the newest job not finished yet, or 0. */
guint        yc_scanner_get_current_job     (YcScanner   *self);

/* Import of a PDF, JPEG or PNG file into the file store, copied as it is (never re-encoded), in a
 * worker thread. JPEG and PNG come back as a page (size, resolution and mode read from the file); a
 * PDF as one entry of content type "application/pdf" whose page_count poppler counted. A PDF that
 * needs a password (YC_SCAN_ERROR_PDF_ENCRYPTED) or that poppler cannot read, cut short or without
 * pages (YC_SCAN_ERROR_PDF_DAMAGED) is not stored. */
void           yc_scan_import_file_async    (YcFileStore        *files,
                                             GFile              *file,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
YcScannedPage *yc_scan_import_file_finish   (GAsyncResult *result,
                                             GError      **error);
YcScannedPage *yc_scan_import_file          (YcFileStore  *files,
                                             GFile        *file,
                                             GCancellable *cancellable,
                                             GError      **error);

G_END_DECLS
