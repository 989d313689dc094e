/* yc-printing.h: the workstation's printing, for every window: the document service, the printer
 * list, the printers and copies the Preferences chose, and the documents of a case as YcPrintItems
 * that follow their print jobs. */
#pragma once

#include <gio/gio.h>

#include "yc-decision.h"
#include "yc-document-service.h"
#include "yc-print-item.h"
#include "yc-printer.h"

G_BEGIN_DECLS

#define YC_TYPE_PRINTING (yc_printing_get_type ())
G_DECLARE_FINAL_TYPE (YcPrinting, yc_printing, YC, PRINTING, GObject)

/* @settings (org.yichuang.Yichuang) gives "receipt-printer", "document-printer", "document-copies"
 * and the clerk ("clerk-name") who signs the audit entries. Call everything on the main thread.
 * Signal "documents-changed" (case uuid): a document of that case was rendered or a print job
 * recorded for it, so lists of its documents should be read again. */
YcPrinting        *yc_printing_new             (YcStore     *store,
                                                YcFileStore *files,
                                                GSettings   *settings);
/* The running YcApplication's (see yc_application_get_printing()), or NULL. (transfer none) */
YcPrinting        *yc_printing_get_default     (void);

YcDocumentService *yc_printing_get_service     (YcPrinting *self);
YcStore           *yc_printing_get_store       (YcPrinting *self);
YcFileStore       *yc_printing_get_file_store  (YcPrinting *self);
GSettings         *yc_printing_get_settings    (YcPrinting *self);
/* CUPS destinations, polled in a worker thread; created on first use. (transfer none) */
YcPrinterList     *yc_printing_get_printers    (YcPrinting *self);

/* The destination chosen for @format in the Preferences ("" or NULL: CUPS's default printer). */
char              *yc_printing_dup_destination (YcPrinting  *self,
                                                YcDocFormat  format);
/* Copies of @kind from "document-copies", or @asked (what the decision makes due) if not set. */
guint              yc_printing_get_copies      (YcPrinting  *self,
                                                YcDocKind    kind,
                                                guint        asked);

/* Follows again the jobs left unfinished by an earlier run (once, at start-up). */
void               yc_printing_resume          (YcPrinting *self);

/* After a decision: renders, stores and prints every document @outcome makes due for @kase
 * (decided, with its number) WITHOUT a dialog, each on the printer of its default format with the
 * copies of the Preferences. Returns the documents at once (a GListModel of YcPrintItem, transfer full),
 * "rendering" first, then following their jobs. */
GListModel        *yc_printing_print_decision  (YcPrinting        *self,
                                                YcCase            *kase,
                                                YcItem            *item,
                                                YcDecisionOutcome  outcome);
/* "Print again" on the same printer kind, no dialog: the stored file of @item (its last job printed
 * again, the earlier one cancelled if it still waits in CUPS), or renders it first if it never was.
 * @item follows the new job. */
void               yc_printing_print_item      (YcPrinting  *self,
                                                YcPrintItem *item);
/* Applicant guidance (办事指南) about @item in @language ("zh_CN", "en", "ru") on the document
 * printer; recorded on @kase if given (NULL: guidance about the item alone, printed, not recorded).
 * (transfer full) */
YcPrintItem       *yc_printing_print_guidance  (YcPrinting  *self,
                                                YcCase      *kase,
                                                YcItem      *item,
                                                const char  *language);

/* The documents of @kase as the store has them (kind, date, pages, last print job's state), live
 * for the jobs still followed. */
void               yc_printing_load_case_async  (YcPrinting         *self,
                                                 YcCase             *kase,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GListModel        *yc_printing_load_case_finish (YcPrinting   *self,
                                                 GAsyncResult *result,
                                                 GError      **error);

G_END_DECLS
