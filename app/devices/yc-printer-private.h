/* yc-printer-private.h: internals shared by the printing files: CUPS errors, printer snapshots
 * and the print job's state. */
#pragma once

#include <cups/cups.h>

#include "yc-lazy-lib.h"
#include "yc-printer.h"

G_BEGIN_DECLS

/* --- CUPS errors (yc-printer.c) --- */

static inline gboolean
_yc_print_status_is_error (ipp_status_t status)
{
  return status > IPP_STATUS_OK_EVENTS_COMPLETE;
}

/* The error for a failed CUPS call about @destination; cupsLastError() is per thread, so call it on
 * the thread that made the call. */
GError   *_yc_print_error_from_cups  (const char   *destination,
                                      ipp_status_t  status,
                                      const char   *message);
GError   *_yc_print_last_cups_error  (const char   *destination);

/* --- printer snapshots (yc-printer.c) --- */

gboolean  _yc_printer_info_equal     (YcPrinterInfo *a,
                                      YcPrinterInfo *b);
/* A GTaskThreadFunc: the destinations, sorted by name, as a GPtrArray of YcPrinterInfo. */
void      _yc_printer_list_destinations_thread (GTask        *task,
                                      gpointer      source_object,
                                      gpointer      task_data,
                                      GCancellable *cancellable);

/* --- jobs (yc-print-job.c, followed in yc-print-job-wait.c) --- */

struct _YcPrintJob {
  GObject          parent_instance;
  char            *destination;
  char            *path;
  char            *title;
  char            *media;
  guint            copies;
  YcPrintJobState  state;
  int              cups_job_id;
  GError          *error;
  char            *printer_message;
};

/* Updates state, error and message together, notifying only what changed (on the caller's
 * context). */
void      _yc_print_job_update       (YcPrintJob      *self,
                                      YcPrintJobState  state,
                                      const GError    *error,
                                      const char      *printer_message);

G_END_DECLS
