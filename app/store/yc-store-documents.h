/* yc-store-documents.h: rendered documents and their print jobs, on the case (migration 006). */
#pragma once

#include "yc-store.h"

G_BEGIN_DECLS

/* The sync calls block on the database: call them from worker threads; the main thread uses the
 * async forms. */

/* A document rendered for a case: its case_documents row ('due' or new) becomes 'rendered' with the
 * file's SHA-256 (in the file store), its format ("a4", "receipt"), language, page count and
 * rendering time; an audit entry "document.render" by @actor is written in the same transaction. A
 * row that was not due is created (copies 1). */
gboolean   yc_store_record_document      (YcStore      *self,
                                          const char   *case_uuid,
                                          YcDocKind     kind,
                                          const char   *file_hash,
                                          const char   *format,
                                          const char   *language,
                                          guint         pages,
                                          gint64        render_us,
                                          const char   *actor,
                                          GError      **error);

typedef struct {
  YcDocKind  kind;
  guint      copies;
  char      *state;        /* "due", "rendered", "printed" */
  char      *file_hash;    /* or NULL while due */
  char      *format;       /* or NULL */
  char      *language;     /* or NULL */
  guint      pages;
  gint64     render_us;
  GDateTime *rendered_at;  /* local time, or NULL */
} YcDocumentRecord;
#define YC_TYPE_DOCUMENT_RECORD (yc_document_record_get_type ())
GType             yc_document_record_get_type (void) G_GNUC_CONST;
YcDocumentRecord *yc_document_record_copy     (const YcDocumentRecord *record);
void              yc_document_record_free     (YcDocumentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDocumentRecord, yc_document_record_free)

/* The case's document of @kind; YC_STORE_ERROR_NOT_FOUND if there is none. */
YcDocumentRecord *yc_store_get_document  (YcStore      *self,
                                          const char   *case_uuid,
                                          YcDocKind     kind,
                                          GError      **error);

typedef struct {
  gint64     id;
  char      *case_uuid;
  YcDocKind  kind;
  char      *file_hash;
  char      *destination;
  char      *media;          /* or NULL */
  guint      copies;
  int        cups_job_id;    /* 0 until CUPS accepted it */
  char      *state;          /* yc_print_job_state_to_string() codes */
  char      *error_code;     /* yc_print_error_to_string() codes, or NULL */
  char      *error_message;  /* or NULL */
  gint64     replaces;       /* the job this one prints again, or 0 */
  GDateTime *created_at;     /* local time */
  GDateTime *updated_at;
} YcPrintJobRecord;
#define YC_TYPE_PRINT_JOB_RECORD (yc_print_job_record_get_type ())
GType             yc_print_job_record_get_type (void) G_GNUC_CONST;
YcPrintJobRecord *yc_print_job_record_copy     (const YcPrintJobRecord *record);
void              yc_print_job_record_free     (YcPrintJobRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcPrintJobRecord, yc_print_job_record_free)

/* A new job in state "submitting", with an audit entry "document.print" by @actor; returns its id,
 * or 0 with @error set. @replaces is the job printed again (0: none). */
gint64     yc_store_add_print_job        (YcStore      *self,
                                          const char   *case_uuid,
                                          YcDocKind     kind,
                                          const char   *file_hash,
                                          const char   *destination,
                                          const char   *media,
                                          guint         copies,
                                          gint64        replaces,
                                          const char   *actor,
                                          GError      **error);
/* Records a job's progress (@cups_job_id 0 leaves it unchanged; NULL error fields clear them). A
 * completed job marks its document 'printed'. */
gboolean   yc_store_update_print_job     (YcStore      *self,
                                          gint64        id,
                                          int           cups_job_id,
                                          const char   *state,
                                          const char   *error_code,
                                          const char   *error_message,
                                          GError      **error);
void       yc_store_update_print_job_async  (YcStore            *self,
                                          gint64              id,
                                          int                 cups_job_id,
                                          const char         *state,
                                          const char         *error_code,
                                          const char         *error_message,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean   yc_store_update_print_job_finish (YcStore      *self,
                                          GAsyncResult *result,
                                          GError      **error);
YcPrintJobRecord *yc_store_get_print_job (YcStore      *self,
                                          gint64        id,
                                          GError      **error);
/* (element-type YcPrintJobRecord), oldest first; @case_uuid NULL: every case. @unfinished_only:
 * submitting, pending, processing, stopped. */
GPtrArray *yc_store_list_print_jobs      (YcStore      *self,
                                          const char   *case_uuid,
                                          gboolean      unfinished_only,
                                          GError      **error);
void       yc_store_list_print_jobs_async  (YcStore            *self,
                                          const char         *case_uuid,
                                          gboolean            unfinished_only,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
GPtrArray *yc_store_list_print_jobs_finish (YcStore      *self,
                                          GAsyncResult *result,
                                          GError      **error);

G_END_DECLS
