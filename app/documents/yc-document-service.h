/* yc-document-service.h: "print the receipt": a document rendered once into the file store,
 * recorded on its case, printed through CUPS and followed to the end, with every print job kept on
 * the case so "print again" works, also after a restart. */
#pragma once

#include <gio/gio.h>
#include "yc-document.h"
#include "yc-file-store.h"
#include "yc-printer.h"
#include "yc-store.h"

G_BEGIN_DECLS

#define YC_TYPE_DOCUMENT_SERVICE (yc_document_service_get_type ())
G_DECLARE_FINAL_TYPE (YcDocumentService, yc_document_service, YC, DOCUMENT_SERVICE, GObject)

/* @actor (the clerk's login) signs the audit entries of renderings and print jobs. Call everything
 * from one thread (the main thread): callbacks and the jobs' notifications come back there. */
YcDocumentService *yc_document_service_new          (YcStore     *store,
                                                     YcFileStore *files,
                                                     const char  *actor);
void               yc_document_service_set_actor    (YcDocumentService *self,
                                                     const char        *actor);

/* Renders @document in a worker thread, puts the PDF into the file store and records it on the
 * document's case (without a case, e.g. guidance about an item, it is only stored). Returns the
 * file's SHA-256. */
void               yc_document_service_issue_async  (YcDocumentService  *self,
                                                     YcDocument         *document,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
char              *yc_document_service_issue_finish (YcDocumentService *self,
                                                     GAsyncResult      *result,
                                                     guint             *n_pages,
                                                     gint64            *render_us,
                                                     GError           **error);

/* Prints the stored file @file_hash (a document of @kind of case @case_uuid) on @destination (NULL
 * or "": CUPS's default printer, NO_PRINTER if there is none): records a print job, sends it, and
 * completes once CUPS has accepted it, with the job (its "state" and "error" notify on this
 * thread). The job is then followed in the background and its record kept current until it is
 * final. On failure the record stays, "failed", with the error, for "print again". @record_id
 * (optional) gets the record's id in both cases (0 if not even the record could be written). */
void               yc_document_service_print_async  (YcDocumentService  *self,
                                                     const char         *case_uuid,
                                                     YcDocKind           kind,
                                                     const char         *file_hash,
                                                     const char         *destination,
                                                     const char         *media,
                                                     guint               copies,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
YcPrintJob        *yc_document_service_print_finish (YcDocumentService *self,
                                                     GAsyncResult      *result,
                                                     gint64            *record_id,
                                                     GError           **error);

/* Issue and print in one, as a decision does, without a dialog; media from the document format. */
void               yc_document_service_print_document_async  (YcDocumentService  *self,
                                                              YcDocument         *document,
                                                              const char         *destination,
                                                              guint               copies,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
YcPrintJob        *yc_document_service_print_document_finish (YcDocumentService *self,
                                                              GAsyncResult      *result,
                                                              gint64            *record_id,
                                                              GError           **error);

/* Prints the file of job @record_id again, on @destination (NULL: the same printer). If that job is
 * still alive in CUPS (waiting on a stopped printer), it is cancelled first, so the paper does not
 * come out twice. */
void               yc_document_service_print_again_async  (YcDocumentService  *self,
                                                           gint64              record_id,
                                                           const char         *destination,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
YcPrintJob        *yc_document_service_print_again_finish (YcDocumentService *self,
                                                           GAsyncResult      *result,
                                                           gint64            *record_id,
                                                           GError           **error);

/* After a start: follows again every job the store has as unfinished (one CUPS accepted is
 * followed; one that never reached CUPS is marked failed, to be printed again). Returns how many
 * are followed. */
void               yc_document_service_resume_async  (YcDocumentService  *self,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
guint              yc_document_service_resume_finish (YcDocumentService *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

/* The job being followed for record @record_id, or NULL. (transfer none) */
YcPrintJob        *yc_document_service_lookup_job    (YcDocumentService *self,
                                                      gint64             record_id);

G_END_DECLS
