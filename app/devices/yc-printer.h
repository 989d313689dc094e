/* yc-printer.h: CUPS printers listed and watched, PDF jobs submitted and followed to completion;
 * every blocking CUPS call runs in a worker thread, every signal and notification comes on the
 * caller's main context. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_PRINT_ERROR (yc_print_error_quark ())
typedef enum {
  YC_PRINT_ERROR_NO_PRINTER,        /* no such destination in CUPS */
  YC_PRINT_ERROR_PRINTER_STOPPED,   /* the queue is stopped (paper out, jam, disabled): jobs wait */
  YC_PRINT_ERROR_NOT_ACCEPTING,     /* the queue rejects new jobs */
  YC_PRINT_ERROR_JOB_FAILED,        /* the job was aborted, or could not be sent */
  YC_PRINT_ERROR_JOB_CANCELLED,     /* someone cancelled the job */
  YC_PRINT_ERROR_CUPS_UNREACHABLE,  /* the CUPS scheduler does not answer */
} YcPrintError;
GQuark yc_print_error_quark (void);
/* Stable codes for storing an error: "no_printer", "printer_stopped", …; NULL if unknown. */
const char   *yc_print_error_to_string   (YcPrintError code);
gboolean      yc_print_error_from_string (const char *string, YcPrintError *out);

typedef enum {
  YC_PRINTER_STATE_IDLE,
  YC_PRINTER_STATE_PROCESSING,
  YC_PRINTER_STATE_STOPPED,
} YcPrinterState;

/* A print job's states, stored by their codes: "submitting" (not yet accepted by CUPS), "pending",
 * "processing", "stopped" (waiting on a stopped printer: not final, it prints once the printer is
 * resumed), "completed", "cancelled", "aborted", and "failed" (never accepted by CUPS). The last
 * four are final. */
typedef enum {
  YC_PRINT_JOB_SUBMITTING,
  YC_PRINT_JOB_PENDING,
  YC_PRINT_JOB_PROCESSING,
  YC_PRINT_JOB_STOPPED,
  YC_PRINT_JOB_COMPLETED,
  YC_PRINT_JOB_CANCELLED,
  YC_PRINT_JOB_ABORTED,
  YC_PRINT_JOB_FAILED,
} YcPrintJobState;

const char   *yc_print_job_state_to_string   (YcPrintJobState state);
gboolean      yc_print_job_state_from_string (const char *string, YcPrintJobState *out);
gboolean      yc_print_job_state_is_final    (YcPrintJobState state);
const char   *yc_print_job_state_get_label   (YcPrintJobState state);   /* translated */

/* --- printers --- */

#define YC_TYPE_PRINTER_INFO (yc_printer_info_get_type ())
G_DECLARE_FINAL_TYPE (YcPrinterInfo, yc_printer_info, YC, PRINTER_INFO, GObject)

/* A snapshot of one CUPS destination; a change replaces the object in the list. */
const char         *yc_printer_info_get_name          (YcPrinterInfo *self);
const char         *yc_printer_info_get_description   (YcPrinterInfo *self);   /* or the name */
const char         *yc_printer_info_get_location      (YcPrinterInfo *self);
const char         *yc_printer_info_get_make_and_model (YcPrinterInfo *self);
YcPrinterState      yc_printer_info_get_state         (YcPrinterInfo *self);
const char * const *yc_printer_info_get_state_reasons (YcPrinterInfo *self);   /* "none" dropped */
const char         *yc_printer_info_get_state_message (YcPrinterInfo *self);
gboolean            yc_printer_info_get_accepting     (YcPrinterInfo *self);
gboolean            yc_printer_info_get_is_default    (YcPrinterInfo *self);

#define YC_TYPE_PRINTER_LIST (yc_printer_list_get_type ())
G_DECLARE_FINAL_TYPE (YcPrinterList, yc_printer_list, YC, PRINTER_LIST, GObject)

/* A GListModel of YcPrinterInfo, sorted by name, kept current by asking CUPS every @interval_ms
 * (0: 3000) in a worker thread. "changed" is emitted on the creating thread's main context after
 * each poll that changed anything (printers added, removed, or a state change); "available" is
 * FALSE while CUPS does not answer. */
YcPrinterList      *yc_printer_list_new               (guint          interval_ms);
gboolean            yc_printer_list_get_available     (YcPrinterList *self);
gboolean            yc_printer_list_get_loaded        (YcPrinterList *self);   /* CUPS answered */
/* (transfer none) or NULL */
YcPrinterInfo      *yc_printer_list_lookup            (YcPrinterList *self,
                                                       const char    *name);
/* Asks CUPS now instead of waiting for the next poll. */
void                yc_printer_list_refresh           (YcPrinterList *self);

/* One listing, for callers without a list (element-type YcPrinterInfo). */
void                yc_printer_list_destinations_async  (GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
GPtrArray          *yc_printer_list_destinations_finish (GAsyncResult *result,
                                                         GError      **error);

/* The name of CUPS's default destination (lpoptions or the scheduler's default). Blocks: call it
 * from a worker thread. NO_PRINTER when there is none, CUPS_UNREACHABLE when CUPS does not
 * answer. */
char               *yc_printer_dup_default_name       (GError **error);

/* --- jobs --- */

#define YC_TYPE_PRINT_JOB (yc_print_job_get_type ())
G_DECLARE_FINAL_TYPE (YcPrintJob, yc_print_job, YC, PRINT_JOB, GObject)

/* A job printing the PDF at @path on @destination with the CUPS "media" @media (NULL: the printer's
 * default; "A4", "X80mm") and @copies. Properties (read-only, notified on the creating thread):
 * "state" (YcPrintJobState as int), "cups-job-id" int (0 until CUPS accepted the job), "error"
 * (GError, boxed, or NULL: why the job is stopped or failed), "printer-message" (the printer's own
 * state message, or NULL). */
YcPrintJob         *yc_print_job_new                  (const char  *destination,
                                                       const char  *path,
                                                       const char  *title,
                                                       const char  *media,
                                                       guint        copies);
/* A job CUPS already has (e.g. found in the store after a restart), to follow it again. */
YcPrintJob         *yc_print_job_new_for_cups_job     (const char  *destination,
                                                       int          cups_job_id);
const char         *yc_print_job_get_destination      (YcPrintJob  *self);
YcPrintJobState     yc_print_job_get_state            (YcPrintJob  *self);
int                 yc_print_job_get_cups_job_id      (YcPrintJob  *self);
const GError       *yc_print_job_get_error            (YcPrintJob  *self);
const char         *yc_print_job_get_printer_message  (YcPrintJob  *self);

/* Sends the document to CUPS. Completes as soon as CUPS has accepted the whole document
 * ("pending"), with the job id set; fails with a YC_PRINT_ERROR (the job then is "failed"). */
void                yc_print_job_submit_async         (YcPrintJob         *self,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean            yc_print_job_submit_finish        (YcPrintJob   *self,
                                                       GAsyncResult *result,
                                                       GError      **error);
/* Follows a submitted job until it is final, reporting each state on the way (a stopped printer
 * makes it "stopped" with a PRINTER_STOPPED error, and it goes on waiting). TRUE when completed;
 * otherwise JOB_CANCELLED or JOB_FAILED. Cancelling @cancellable stops following, not the job. */
void                yc_print_job_wait_async           (YcPrintJob         *self,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean            yc_print_job_wait_finish          (YcPrintJob   *self,
                                                       GAsyncResult *result,
                                                       GError      **error);
/* Cancels the job in CUPS (a job that is already final is left alone). */
void                yc_print_job_cancel_async         (YcPrintJob         *self,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean            yc_print_job_cancel_finish        (YcPrintJob   *self,
                                                       GAsyncResult *result,
                                                       GError      **error);

G_END_DECLS
