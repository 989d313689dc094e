/* yc-print-item.h: one document of a case as the clerk sees it: rendered or not, and where its
 * last print job is (rendering, queued, printing, printed, stopped, failed), kept current. */
#pragma once

#include <gio/gio.h>

#include "yc-case.h"
#include "yc-document.h"
#include "yc-printer.h"

G_BEGIN_DECLS

/* What the clerk is told about a document, codes as in yc_print_status_to_string(). */
typedef enum {
  YC_PRINT_STATUS_DUE,        /* "due": the decision made it due, not rendered yet */
  YC_PRINT_STATUS_RENDERING,  /* "rendering" */
  YC_PRINT_STATUS_RENDERED,   /* "rendered": stored on the case, never sent to a printer */
  YC_PRINT_STATUS_SENDING,    /* "sending": on its way to CUPS */
  YC_PRINT_STATUS_QUEUED,     /* "queued": CUPS has it, waiting for its turn */
  YC_PRINT_STATUS_PRINTING,   /* "printing" */
  YC_PRINT_STATUS_PRINTED,    /* "printed" */
  YC_PRINT_STATUS_STOPPED,    /* "stopped": waiting on a stopped printer */
  YC_PRINT_STATUS_CANCELLED,  /* "cancelled" */
  YC_PRINT_STATUS_FAILED,     /* "failed": not rendered, not accepted by CUPS, or aborted */
} YcPrintStatus;

const char    *yc_print_status_to_string       (YcPrintStatus   status);
/* Translated, e.g. "Printed". */
const char    *yc_print_status_get_label       (YcPrintStatus   status);
YcPrintStatus  yc_print_status_from_job_state  (YcPrintJobState state);
/* Something the clerk should act on (stopped, cancelled, failed). */
gboolean       yc_print_status_needs_attention (YcPrintStatus   status);

#define YC_TYPE_PRINT_ITEM (yc_print_item_get_type ())
G_DECLARE_FINAL_TYPE (YcPrintItem, yc_print_item, YC, PRINT_ITEM, GObject)

/* A document of @kind of the case @case_uuid (NULL: guidance about an item alone). Read-only
 * properties, notified on the main thread: "kind", "title", "case-uuid", "status" (YcPrintStatus as
 * int), "message" (why it failed or stopped, translated; or the printer's own message; or NULL),
 * "file-hash", "format" ("a4", "receipt" or NULL), "language", "pages", "copies", "record-id" (the
 * last print job's record, 0 if none), "destination", "updated-at" (GDateTime), and "busy" (TRUE
 * while rendering or sending: nothing to do meanwhile). */
YcPrintItem   *yc_print_item_new            (const char  *case_uuid,
                                             YcDocKind    kind);
YcDocKind      yc_print_item_get_kind       (YcPrintItem *self);
const char    *yc_print_item_get_title      (YcPrintItem *self);
const char    *yc_print_item_get_case_uuid  (YcPrintItem *self);
YcPrintStatus  yc_print_item_get_status     (YcPrintItem *self);
const char    *yc_print_item_get_message    (YcPrintItem *self);
const char    *yc_print_item_get_file_hash  (YcPrintItem *self);
const char    *yc_print_item_get_format     (YcPrintItem *self);
const char    *yc_print_item_get_language   (YcPrintItem *self);
guint          yc_print_item_get_pages      (YcPrintItem *self);
guint          yc_print_item_get_copies     (YcPrintItem *self);
gint64         yc_print_item_get_record_id  (YcPrintItem *self);
const char    *yc_print_item_get_destination (YcPrintItem *self);
GDateTime     *yc_print_item_get_updated_at (YcPrintItem *self);
gboolean       yc_print_item_get_busy       (YcPrintItem *self);
/* Print again (same printer, no dialog) makes sense: a stored file and nothing on its way. */
gboolean       yc_print_item_get_can_print_again (YcPrintItem *self);
/* The job being followed, or NULL. (transfer none) */
YcPrintJob    *yc_print_item_get_job        (YcPrintItem *self);
/* The document it was rendered from in this session, or NULL (loaded from the store). */
YcDocument    *yc_print_item_get_document   (YcPrintItem *self);
/* The case it belongs to, when known (to render a document that is still due). */
YcCase        *yc_print_item_get_case       (YcPrintItem *self);

/* --- for YcPrinting, which drives the item --- */
void           yc_print_item_set_status     (YcPrintItem  *self,
                                             YcPrintStatus status,
                                             const char   *message);
void           yc_print_item_set_document   (YcPrintItem *self,
                                             YcDocument  *document);
void           yc_print_item_set_case       (YcPrintItem *self,
                                             YcCase      *kase);
void           yc_print_item_set_file       (YcPrintItem *self,
                                             const char  *file_hash,
                                             const char  *format,
                                             const char  *language,
                                             guint        pages);
void           yc_print_item_set_copies     (YcPrintItem *self,
                                             guint        copies);
void           yc_print_item_set_updated_at (YcPrintItem *self,
                                             GDateTime   *when);
/* The stored job record @record_id on @destination, in @state (a yc_print_job_state_to_string()
 * code) with its stored error message; live updates come from yc_print_item_follow_job(). */
void           yc_print_item_set_record     (YcPrintItem *self,
                                             gint64       record_id,
                                             const char  *destination,
                                             const char  *state,
                                             const char  *error_message);
/* Follows @job (the print of record @record_id): its state and error become the item's status and
 * message until another job replaces it. */
void           yc_print_item_follow_job     (YcPrintItem *self,
                                             YcPrintJob  *job,
                                             gint64       record_id);

G_END_DECLS
