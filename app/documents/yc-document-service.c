/* yc-document-service.c: render → file store → case record → CUPS; every print job followed. */
#define G_LOG_DOMAIN "yc-documents"

#include <glib/gi18n.h>

#include "yc-document-service.h"
#include "yc-store-documents.h"

struct _YcDocumentService {
  GObject       parent_instance;
  YcStore      *store;
  YcFileStore  *files;
  char         *actor;
  GCancellable *cancellable;   /* stops the following when the service goes */
  GHashTable   *jobs;          /* record id (gint64 *) → YcPrintJob being followed */
};

G_DEFINE_FINAL_TYPE (YcDocumentService, yc_document_service, G_TYPE_OBJECT)

static void
yc_document_service_dispose (GObject *object)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->jobs);
  G_OBJECT_CLASS (yc_document_service_parent_class)->dispose (object);
}

static void
yc_document_service_finalize (GObject *object)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->files);
  g_free (self->actor);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->jobs);
  G_OBJECT_CLASS (yc_document_service_parent_class)->finalize (object);
}

static void
yc_document_service_class_init (YcDocumentServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_document_service_dispose;
  object_class->finalize = yc_document_service_finalize;
}

static void
yc_document_service_init (YcDocumentService *self)
{
  self->cancellable = g_cancellable_new ();
  self->jobs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

YcDocumentService *
yc_document_service_new (YcStore     *store,
                         YcFileStore *files,
                         const char  *actor)
{
  YcDocumentService *self;

  g_return_val_if_fail (YC_IS_STORE (store), NULL);
  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);

  self = g_object_new (YC_TYPE_DOCUMENT_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->files = g_object_ref (files);
  self->actor = g_strdup (actor != NULL ? actor : "system");
  return self;
}

void
yc_document_service_set_actor (YcDocumentService *self,
                               const char        *actor)
{
  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));
  g_free (self->actor);
  self->actor = g_strdup (actor != NULL ? actor : "system");
}

/* --- issuing --- */

typedef struct {
  YcDocument *document;
  char       *case_uuid;
  char       *actor;
  char       *hash;        /* out */
  guint       n_pages;     /* out */
  gint64      render_us;   /* out */
} IssueData;

static void
issue_data_free (IssueData *data)
{
  g_clear_object (&data->document);
  g_free (data->case_uuid);
  g_free (data->actor);
  g_free (data->hash);
  g_free (data);
}

static void
issue_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  YcDocumentService *self = source_object;
  IssueData *data = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  YcDocFormat format = yc_document_get_format (data->document);
  gint64 start = g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    return;
  /* The document was copied from the case on the caller's thread; rendering reads only that
   * copy. */
  pdf = yc_document_render (data->document, &data->n_pages, &error);
  if (pdf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->render_us = g_get_monotonic_time () - start;
  data->hash = yc_file_store_put_bytes (self->files, pdf, &error);
  if (data->hash == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->case_uuid != NULL
      && !yc_store_record_document (self->store, data->case_uuid,
                                    yc_document_get_kind (data->document), data->hash,
                                    yc_doc_format_to_string (format),
                                    yc_document_get_language (data->document), data->n_pages,
                                    data->render_us, data->actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
yc_document_service_issue_async (YcDocumentService  *self,
                                 YcDocument         *document,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  IssueData *data;

  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));
  g_return_if_fail (YC_IS_DOCUMENT (document));

  data = g_new0 (IssueData, 1);
  data->document = g_object_ref (document);
  data->case_uuid = g_strdup (yc_document_get_case_uuid (document));
  data->actor = g_strdup (self->actor);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_service_issue_async);
  g_task_set_task_data (task, data, (GDestroyNotify) issue_data_free);
  g_task_run_in_thread (task, issue_thread);
}

char *
yc_document_service_issue_finish (YcDocumentService *self,
                                  GAsyncResult      *result,
                                  guint             *n_pages,
                                  gint64            *render_us,
                                  GError           **error)
{
  IssueData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_document_service_issue_async,
                        NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (n_pages != NULL)
    *n_pages = data->n_pages;
  if (render_us != NULL)
    *render_us = data->render_us;
  return g_strdup (data->hash);
}

/* --- following jobs and keeping their records current --- */

static void
update_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!yc_store_update_print_job_finish (YC_STORE (source), result, &error))
    g_warning ("Could not record the state of a print job: %s", error->message);
}

static void
record_job_state (YcDocumentService *self,
                  gint64             record_id,
                  YcPrintJob        *job)
{
  const GError *error = yc_print_job_get_error (job);
  const char *code = NULL;

  if (error != NULL && error->domain == YC_PRINT_ERROR)
    code = yc_print_error_to_string (error->code);

  /* Writes are queued on the store's one writer in order: the last state seen is the one stored. */
  yc_store_update_print_job_async (self->store, record_id, yc_print_job_get_cups_job_id (job),
                                   yc_print_job_state_to_string (yc_print_job_get_state (job)),
                                   code, error != NULL ? error->message : NULL,
                                   NULL, update_done_cb, NULL);
}

typedef struct {
  YcDocumentService *self;     /* weak: the service may go first */
  gint64             record_id;
} FollowData;

static void
job_changed_cb (YcPrintJob *job,
                GParamSpec *pspec,
                FollowData *follow)
{
  if (follow->self != NULL)
    record_job_state (follow->self, follow->record_id, job);
}

static void
follow_data_free (FollowData *follow)
{
  g_clear_weak_pointer (&follow->self);
  g_free (follow);
}

static void
follow_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YcPrintJob *job = YC_PRINT_JOB (source);
  FollowData *follow = user_data;
  g_autoptr(GError) error = NULL;

  if (!yc_print_job_wait_finish (job, result, &error))
    g_debug ("Print job %" G_GINT64_FORMAT " ended: %s", follow->record_id, error->message);
  g_signal_handlers_disconnect_by_data (job, follow);
  if (follow->self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      YcPrintJob *followed = g_hash_table_lookup (follow->self->jobs, &follow->record_id);

      if (followed == job)
        g_hash_table_remove (follow->self->jobs, &follow->record_id);
    }
  follow_data_free (follow);
}

static void
follow (YcDocumentService *self,
        gint64             record_id,
        YcPrintJob        *job)
{
  FollowData *follow = g_new0 (FollowData, 1);
  gint64 *key = g_memdup2 (&record_id, sizeof record_id);

  g_set_weak_pointer (&follow->self, self);
  follow->record_id = record_id;
  g_hash_table_replace (self->jobs, key, g_object_ref (job));
  g_signal_connect (job, "notify::state", G_CALLBACK (job_changed_cb), follow);
  g_signal_connect (job, "notify::error", G_CALLBACK (job_changed_cb), follow);
  yc_print_job_wait_async (job, self->cancellable, follow_done_cb, follow);
}

YcPrintJob *
yc_document_service_lookup_job (YcDocumentService *self,
                                gint64             record_id)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_SERVICE (self), NULL);
  return g_hash_table_lookup (self->jobs, &record_id);
}

/* --- printing a stored file --- */

typedef struct {
  char      *case_uuid;
  YcDocKind  kind;
  char      *file_hash;
  char      *destination;
  char      *media;
  guint      copies;
  gint64     replaces;
  char      *actor;
  gint64     record_id;
  YcPrintJob *job;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->case_uuid);
  g_free (data->file_hash);
  g_free (data->destination);
  g_free (data->media);
  g_free (data->actor);
  g_clear_object (&data->job);
  g_free (data);
}

static void
add_record_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  YcDocumentService *self = source_object;
  PrintData *data = task_data;
  GError *error = NULL;
  GError *no_default = NULL;

  /* No printer chosen: CUPS's default one, as the Preferences promise. */
  if (data->destination == NULL || *data->destination == '\0')
    {
      g_free (data->destination);
      data->destination = yc_printer_dup_default_name (&no_default);
      if (data->destination == NULL)
        data->destination = g_strdup ("");
    }
  data->record_id = yc_store_add_print_job (self->store, data->case_uuid, data->kind,
                                            data->file_hash, data->destination, data->media,
                                            data->copies, data->replaces, data->actor, &error);
  if (data->record_id == 0)
    {
      g_clear_error (&no_default);
      g_task_return_error (task, error);
      return;
    }
  if (no_default != NULL)
    {
      /* Recorded as failed, so the case shows it and offers "print again". */
      if (!yc_store_update_print_job (self->store, data->record_id, 0,
                                      yc_print_job_state_to_string (YC_PRINT_JOB_FAILED),
                                      yc_print_error_to_string (no_default->code),
                                      no_default->message, &error))
        {
          g_warning ("Could not record a failed print job: %s", error->message);
          g_clear_error (&error);
        }
      g_task_return_error (task, no_default);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YcDocumentService *self = g_task_get_source_object (task);
  PrintData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Success or not, the record says what happened: a failed job is offered for "print again". */
  record_job_state (self, data->record_id, data->job);
  if (!yc_print_job_submit_finish (data->job, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  follow (self, data->record_id, data->job);
  g_task_return_pointer (task, g_object_ref (data->job), g_object_unref);
}

static void
record_added_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (source);
  g_autoptr(GTask) task = user_data;
  PrintData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = yc_file_store_get_path (self->files, data->file_hash);
  title = g_strdup_printf ("%s %s", yc_doc_kind_get_label (data->kind), data->case_uuid);
  data->job = yc_print_job_new (data->destination, path, title, data->media, data->copies);
  yc_print_job_submit_async (data->job, g_task_get_cancellable (task), submitted_cb,
                             g_object_ref (task));
}

static void
start_print (YcDocumentService *self,
             GTask             *task,
             PrintData         *data)
{
  g_autoptr(GTask) record = NULL;

  data->actor = g_strdup (self->actor);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);
  /* The record comes first: whatever happens next, the case knows a print was asked for. */
  record = g_task_new (self, g_task_get_cancellable (task), record_added_cb, g_object_ref (task));
  g_task_set_source_tag (record, start_print);
  g_task_set_task_data (record, data, NULL);
  g_task_run_in_thread (record, add_record_thread);
}

static PrintData *
print_data_new (const char *case_uuid,
                YcDocKind   kind,
                const char *file_hash,
                const char *destination,
                const char *media,
                guint       copies,
                gint64      replaces)
{
  PrintData *data = g_new0 (PrintData, 1);

  data->case_uuid = g_strdup (case_uuid);
  data->kind = kind;
  data->file_hash = g_strdup (file_hash);
  data->destination = g_strdup (destination);
  data->media = g_strdup (media);
  data->copies = MAX (copies, 1);
  data->replaces = replaces;
  return data;
}

static YcPrintJob *
print_finish (YcDocumentService *self,
              GAsyncResult      *result,
              gpointer           source_tag,
              gint64            *record_id,
              GError           **error)
{
  PrintData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (record_id != NULL)
    *record_id = data != NULL ? data->record_id : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
yc_document_service_print_async (YcDocumentService  *self,
                                 const char         *case_uuid,
                                 YcDocKind           kind,
                                 const char         *file_hash,
                                 const char         *destination,
                                 const char         *media,
                                 guint               copies,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintData *data;

  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));
  g_return_if_fail (case_uuid != NULL && file_hash != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_service_print_async);
  data = print_data_new (case_uuid, kind, file_hash, destination, media, copies, 0);
  start_print (self, task, data);
}

YcPrintJob *
yc_document_service_print_finish (YcDocumentService *self,
                                  GAsyncResult      *result,
                                  gint64            *record_id,
                                  GError           **error)
{
  return print_finish (self, result, yc_document_service_print_async, record_id, error);
}

/* --- issue and print --- */

typedef struct {
  char  *destination;
  guint  copies;
  char  *media;
  char  *case_uuid;
  YcDocKind kind;
} PrintDocumentData;

static void
print_document_data_free (PrintDocumentData *data)
{
  g_free (data->destination);
  g_free (data->media);
  g_free (data->case_uuid);
  g_free (data);
}

static void
issued_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (source);
  g_autoptr(GTask) task = user_data;
  PrintDocumentData *request = g_object_steal_data (G_OBJECT (task), "yc-print-document");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = yc_document_service_issue_finish (self, result, NULL, NULL, &error);

  if (hash == NULL)
    {
      print_document_data_free (request);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  start_print (self, task, print_data_new (request->case_uuid, request->kind, hash,
                                           request->destination, request->media, request->copies,
                                           0));
  print_document_data_free (request);
}

void
yc_document_service_print_document_async (YcDocumentService  *self,
                                          YcDocument         *document,
                                          const char         *destination,
                                          guint               copies,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintDocumentData *request;

  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));
  g_return_if_fail (YC_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_service_print_document_async);
  if (yc_document_get_case_uuid (document) == NULL)
    {
      g_task_return_new_error (task, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
                               _("Only a case's documents are printed and recorded here"));
      return;
    }
  request = g_new0 (PrintDocumentData, 1);
  request->destination = g_strdup (destination);
  request->copies = copies;
  request->media = g_strdup (yc_doc_format_get_media (yc_document_get_format (document)));
  request->case_uuid = g_strdup (yc_document_get_case_uuid (document));
  request->kind = yc_document_get_kind (document);
  g_object_set_data (G_OBJECT (task), "yc-print-document", request);
  yc_document_service_issue_async (self, document, cancellable, issued_cb, g_object_ref (task));
}

YcPrintJob *
yc_document_service_print_document_finish (YcDocumentService *self,
                                           GAsyncResult      *result,
                                           gint64            *record_id,
                                           GError           **error)
{
  return print_finish (self, result, yc_document_service_print_document_async, record_id, error);
}

/* --- print again --- */

static void
get_record_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  YcDocumentService *self = source_object;
  gint64 *id = task_data;
  GError *error = NULL;
  YcPrintJobRecord *record = yc_store_get_print_job (self->store, *id, &error);

  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify) yc_print_job_record_free);
}

static void
reprint_submit (GTask *task)
{
  YcDocumentService *self = g_task_get_source_object (task);
  YcPrintJobRecord *record = g_object_get_data (G_OBJECT (task), "yc-record");
  const char *destination = g_object_get_data (G_OBJECT (task), "yc-destination");

  if (!yc_file_store_contains (self->files, record->file_hash))
    {
      g_task_return_new_error (task, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_NOT_FOUND,
                               _("The printed document is missing from the file store: render "
                                 "it again"));
      return;
    }
  start_print (self, task, print_data_new (record->case_uuid, record->kind, record->file_hash,
                                           destination != NULL ? destination : record->destination,
                                           record->media, record->copies, record->id));
}

static void
old_job_cancelled_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* If the old job cannot be cancelled (CUPS away), printing again is still what was asked for. */
  if (!yc_print_job_cancel_finish (YC_PRINT_JOB (source), result, &error))
    g_warning ("Could not cancel the earlier print job: %s", error->message);
  reprint_submit (task);
}

static void
record_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  YcPrintJobRecord *record = g_task_propagate_pointer (G_TASK (result), &error);
  YcPrintJobState state;
  YcPrintJob *old;

  if (record == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "yc-record", record,
                          (GDestroyNotify) yc_print_job_record_free);

  /* A job still waiting in CUPS would print as well once the printer is back: cancel it first. */
  old = g_hash_table_lookup (self->jobs, &record->id);
  if (old != NULL)
    g_object_ref (old);
  else if (record->cups_job_id > 0 && yc_print_job_state_from_string (record->state, &state)
           && !yc_print_job_state_is_final (state))
    old = yc_print_job_new_for_cups_job (record->destination, record->cups_job_id);
  if (old != NULL)
    {
      yc_print_job_cancel_async (old, NULL, old_job_cancelled_cb, g_object_ref (task));
      g_object_unref (old);
      return;
    }
  reprint_submit (task);
}

void
yc_document_service_print_again_async (YcDocumentService  *self,
                                       gint64              record_id,
                                       const char         *destination,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read = NULL;

  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_service_print_again_async);
  g_object_set_data_full (G_OBJECT (task), "yc-destination", g_strdup (destination), g_free);
  read = g_task_new (self, cancellable, record_read_cb, g_object_ref (task));
  g_task_set_source_tag (read, get_record_thread);
  g_task_set_task_data (read, g_memdup2 (&record_id, sizeof record_id), g_free);
  g_task_run_in_thread (read, get_record_thread);
}

YcPrintJob *
yc_document_service_print_again_finish (YcDocumentService *self,
                                        GAsyncResult      *result,
                                        gint64            *record_id,
                                        GError           **error)
{
  return print_finish (self, result, yc_document_service_print_again_async, record_id, error);
}

/* --- resuming after a start --- */

static void
list_unfinished_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  YcDocumentService *self = source_object;
  GError *error = NULL;
  GPtrArray *jobs = yc_store_list_print_jobs (self->store, NULL, TRUE, &error);

  if (jobs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, jobs, (GDestroyNotify) g_ptr_array_unref);
}

static void
unfinished_listed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  YcDocumentService *self = YC_DOCUMENT_SERVICE (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = g_task_propagate_pointer (G_TASK (result), &error);
  guint followed = 0;

  if (jobs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      YcPrintJobRecord *record = g_ptr_array_index (jobs, i);

      if (g_hash_table_contains (self->jobs, &record->id))
        continue;
      if (record->cups_job_id > 0)
        {
          g_autoptr(YcPrintJob) job = yc_print_job_new_for_cups_job (record->destination,
                                                                     record->cups_job_id);

          follow (self, record->id, job);
          followed++;
        }
      else
        /* It never reached CUPS: nothing will print unless the clerk prints again. */
        yc_store_update_print_job_async (self->store, record->id, 0,
                                         yc_print_job_state_to_string (YC_PRINT_JOB_FAILED),
                                         yc_print_error_to_string (YC_PRINT_ERROR_JOB_FAILED),
                                         _("The program stopped before the document reached "
                                           "the printer: print again"),
                                         NULL, update_done_cb, NULL);
    }
  g_task_return_int (task, followed);
}

void
yc_document_service_resume_async (YcDocumentService  *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) list = NULL;

  g_return_if_fail (YC_IS_DOCUMENT_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_service_resume_async);
  list = g_task_new (self, cancellable, unfinished_listed_cb, g_object_ref (task));
  g_task_set_source_tag (list, list_unfinished_thread);
  g_task_run_in_thread (list, list_unfinished_thread);
}

guint
yc_document_service_resume_finish (YcDocumentService *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_document_service_resume_async,
                        0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}
