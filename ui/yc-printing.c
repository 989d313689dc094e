/* yc-printing.c: the workstation's printing: documents due on a decision printed without a dialog,
 * print again, guidance, and a case's documents read back with their print jobs. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-printing.h"
#include "yc-store-counter.h"
#include "yc-store-documents.h"

struct _YcPrinting
{
  GObject            parent_instance;

  YcStore           *store;
  YcFileStore       *files;
  GSettings         *settings;
  YcDocumentService *service;
  YcPrinterList     *printers;
  GCancellable      *cancellable;
  gboolean           resumed;
};

G_DEFINE_FINAL_TYPE (YcPrinting, yc_printing, G_TYPE_OBJECT)

enum {
  DOCUMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clerk_changed_cb (GSettings  *settings,
                  const char *key,
                  YcPrinting *self)
{
  g_autofree char *clerk = g_settings_get_string (settings, "clerk-name");

  yc_document_service_set_actor (self->service, g_strstrip (clerk));
}

static void
yc_printing_dispose (GObject *object)
{
  YcPrinting *self = YC_PRINTING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->printers);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (yc_printing_parent_class)->dispose (object);
}

static void
yc_printing_finalize (GObject *object)
{
  YcPrinting *self = YC_PRINTING (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->files);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (yc_printing_parent_class)->finalize (object);
}

static void
yc_printing_class_init (YcPrintingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_printing_dispose;
  object_class->finalize = yc_printing_finalize;

  signals[DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yc_printing_init (YcPrinting *self)
{
  self->cancellable = g_cancellable_new ();
}

YcPrinting *
yc_printing_new (YcStore     *store,
                 YcFileStore *files,
                 GSettings   *settings)
{
  YcPrinting *self;
  g_autofree char *clerk = NULL;

  g_return_val_if_fail (YC_IS_STORE (store), NULL);
  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (YC_TYPE_PRINTING, NULL);
  self->store = g_object_ref (store);
  self->files = g_object_ref (files);
  self->settings = g_object_ref (settings);
  clerk = g_settings_get_string (settings, "clerk-name");
  self->service = yc_document_service_new (store, files, g_strstrip (clerk));
  g_signal_connect_object (settings, "changed::clerk-name", G_CALLBACK (clerk_changed_cb), self,
                           0);
  return self;
}

YcPrinting *
yc_printing_get_default (void)
{
  GApplication *app = g_application_get_default ();

  if (!YC_IS_APPLICATION (app))
    return NULL;
  return yc_application_get_printing (YC_APPLICATION (app));
}

YcDocumentService *
yc_printing_get_service (YcPrinting *self)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  return self->service;
}

YcStore *
yc_printing_get_store (YcPrinting *self)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  return self->store;
}

YcFileStore *
yc_printing_get_file_store (YcPrinting *self)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  return self->files;
}

GSettings *
yc_printing_get_settings (YcPrinting *self)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  return self->settings;
}

YcPrinterList *
yc_printing_get_printers (YcPrinting *self)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);

  /* Lazily: a counter that never opens the Preferences need not poll CUPS every few seconds. */
  if (self->printers == NULL)
    self->printers = yc_printer_list_new (0);
  return self->printers;
}

char *
yc_printing_dup_destination (YcPrinting  *self,
                             YcDocFormat  format)
{
  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);

  return g_settings_get_string (self->settings, format == YC_DOC_FORMAT_RECEIPT
                                                ? "receipt-printer" : "document-printer");
}

guint
yc_printing_get_copies (YcPrinting *self,
                        YcDocKind   kind,
                        guint       asked)
{
  g_autoptr(GVariant) copies = NULL;
  guint32 value;

  g_return_val_if_fail (YC_IS_PRINTING (self), MAX (asked, 1));

  copies = g_settings_get_value (self->settings, "document-copies");
  if (g_variant_lookup (copies, yc_doc_kind_to_string (kind), "u", &value) && value > 0)
    return value;
  return MAX (asked, 1);
}

static void
resumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  n = yc_document_service_resume_finish (YC_DOCUMENT_SERVICE (source), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not follow the unfinished print jobs again: %s", error->message);
      return;
    }
  g_debug ("Following %u unfinished print jobs again", n);
}

void
yc_printing_resume (YcPrinting *self)
{
  g_return_if_fail (YC_IS_PRINTING (self));

  if (self->resumed)
    return;
  self->resumed = TRUE;
  yc_document_service_resume_async (self->service, self->cancellable, resumed_cb, NULL);
}

/* --- printing one document --- */

typedef struct {
  YcPrinting  *self;
  YcPrintItem *item;
  char        *destination;
  YcDocFormat  format;
  guint        copies;
} PrintOp;

static void
print_op_free (PrintOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->item);
  g_free (op->destination);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintOp, print_op_free)

static PrintOp *
print_op_new (YcPrinting  *self,
              YcPrintItem *item,
              YcDocFormat  format)
{
  PrintOp *op = g_new0 (PrintOp, 1);

  op->self = g_object_ref (self);
  op->item = g_object_ref (item);
  op->format = format;
  op->destination = yc_printing_dup_destination (self, format);
  op->copies = yc_print_item_get_copies (item);
  return op;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
emit_changed (YcPrinting  *self,
              YcPrintItem *item)
{
  if (yc_print_item_get_case_uuid (item) != NULL)
    g_signal_emit (self, signals[DOCUMENTS_CHANGED], 0, yc_print_item_get_case_uuid (item));
}

/* A job printing a case's document ended: lists of the case's documents read them again (the
 * service records the end; a reading that comes too early asks CUPS, see load_case_finish). */
static void
job_state_cb (YcPrintJob *job,
              GParamSpec *pspec,
              YcPrinting *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (job), "yc-case-uuid");

  if (!yc_print_job_state_is_final (yc_print_job_get_state (job)))
    return;
  g_signal_handlers_disconnect_by_func (job, job_state_cb, self);
  if (uuid != NULL)
    g_signal_emit (self, signals[DOCUMENTS_CHANGED], 0, uuid);
}

static void
watch_job (YcPrinting  *self,
           YcPrintJob  *job,
           YcPrintItem *item)
{
  if (yc_print_item_get_case_uuid (item) == NULL ||
      yc_print_job_state_is_final (yc_print_job_get_state (job)))
    return;
  g_object_set_data_full (G_OBJECT (job), "yc-case-uuid",
                          g_strdup (yc_print_item_get_case_uuid (item)), g_free);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self, 0);
}

/* Any of the service's print calls ended: the item follows the job, or shows why there is none. */
static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PrintOp) op = user_data;
  YcDocumentService *service = YC_DOCUMENT_SERVICE (source);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 record_id = 0;
  gpointer tag = g_task_get_source_tag (G_TASK (result));

  if (tag == yc_document_service_print_again_async)
    job = yc_document_service_print_again_finish (service, result, &record_id, &error);
  else
    job = yc_document_service_print_finish (service, result, &record_id, &error);

  if (job != NULL)
    {
      yc_print_item_follow_job (op->item, job, record_id);
      watch_job (op->self, job, op->item);
    }
  else if (record_id != 0)
    yc_print_item_set_record (op->item, record_id, op->destination,
                              yc_print_job_state_to_string (YC_PRINT_JOB_FAILED),
                              error->message);
  else if (!is_cancelled (error))
    yc_print_item_set_status (op->item, YC_PRINT_STATUS_FAILED, error->message);
  if (record_id != 0)
    emit_changed (op->self, op->item);
}

static void
send_stored_file (PrintOp *op)
{
  YcPrinting *self = op->self;
  YcPrintItem *item = op->item;

  yc_print_item_set_status (item, YC_PRINT_STATUS_SENDING, NULL);
  yc_document_service_print_async (self->service, yc_print_item_get_case_uuid (item),
                                   yc_print_item_get_kind (item),
                                   yc_print_item_get_file_hash (item), op->destination,
                                   yc_doc_format_get_media (op->format), op->copies, self->cancellable, printed_cb, op);
}

/* Guidance about an item alone belongs to no case: printed by a job of its own, not recorded. */
static void
loose_job_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!yc_print_job_wait_finish (YC_PRINT_JOB (source), result, &error))
    g_debug ("A print job followed from here ended: %s", error->message);
}

static void
loose_submitted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PrintOp) op = user_data;
  YcPrintJob *job = YC_PRINT_JOB (source);
  g_autoptr(GError) error = NULL;

  yc_print_item_follow_job (op->item, job, 0);
  if (!yc_print_job_submit_finish (job, result, &error))
    return;
  yc_print_job_wait_async (job, op->self->cancellable, loose_job_done_cb, NULL);
}

static void
default_printer_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  char *name = yc_printer_dup_default_name (&error);

  if (name == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, name, g_free);
}

static void
loose_destination_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PrintOp *op = user_data;
  YcPrinting *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *path = NULL;
  g_autoptr(YcPrintJob) job = NULL;

  if (name == NULL)
    {
      if (!is_cancelled (error))
        yc_print_item_set_status (op->item, YC_PRINT_STATUS_FAILED, error->message);
      print_op_free (op);
      return;
    }
  g_free (op->destination);
  op->destination = g_steal_pointer (&name);
  path = yc_file_store_get_path (self->files, yc_print_item_get_file_hash (op->item));
  job = yc_print_job_new (op->destination, path, yc_print_item_get_title (op->item),
                          yc_doc_format_get_media (op->format), op->copies);
  yc_print_job_submit_async (job, self->cancellable, loose_submitted_cb, op);
}

static void
send_loose_file (PrintOp *op)
{
  g_autoptr(GTask) task = NULL;

  yc_print_item_set_status (op->item, YC_PRINT_STATUS_SENDING, NULL);
  /* No printer chosen: CUPS's default one, asked in a thread (it may block on the scheduler). */
  task = g_task_new (op->self, op->self->cancellable, loose_destination_cb, op);
  g_task_set_source_tag (task, send_loose_file);
  if (op->destination != NULL && *op->destination != '\0')
    g_task_return_pointer (task, g_strdup (op->destination), g_free);
  else
    g_task_run_in_thread (task, default_printer_thread);
}

static void
issued_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrintOp *op = user_data;
  YcPrintItem *item = op->item;
  YcDocument *document = yc_print_item_get_document (item);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  guint n_pages = 0;

  hash = yc_document_service_issue_finish (YC_DOCUMENT_SERVICE (source), result, &n_pages, NULL,
                                           &error);
  if (hash == NULL)
    {
      if (!is_cancelled (error))
        yc_print_item_set_status (item, YC_PRINT_STATUS_FAILED, error->message);
      print_op_free (op);
      return;
    }
  yc_print_item_set_file (item, hash, yc_doc_format_to_string (op->format),
                          yc_document_get_language (document), n_pages);
  emit_changed (op->self, item);
  if (yc_print_item_get_case_uuid (item) != NULL)
    send_stored_file (op);
  else
    send_loose_file (op);
}

/* Renders the item's document into the file store (and onto its case), then prints it. */
static void
issue_and_print (YcPrinting  *self,
                 YcPrintItem *item)
{
  YcDocument *document = yc_print_item_get_document (item);
  PrintOp *op = print_op_new (self, item, yc_document_get_format (document));

  yc_print_item_set_status (item, YC_PRINT_STATUS_RENDERING, NULL);
  yc_document_service_issue_async (self->service, document, self->cancellable, issued_cb, op);
}

static void
item_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PrintOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) service_item = NULL;
  g_autoptr(YcDocument) document = NULL;
  YcDocKind kind = yc_print_item_get_kind (op->item);

  service_item = yc_store_get_item_finish (YC_STORE (source), result, &error);
  if (service_item == NULL)
    {
      if (!is_cancelled (error))
        yc_print_item_set_status (op->item, YC_PRINT_STATUS_FAILED, error->message);
      return;
    }
  document = yc_document_new (kind, yc_print_item_get_case (op->item), service_item);
  yc_document_set_format (document, yc_doc_kind_get_default_format (kind));
  yc_print_item_set_document (op->item, document);
  issue_and_print (op->self, op->item);
}

void
yc_printing_print_item (YcPrinting  *self,
                        YcPrintItem *item)
{
  YcDocFormat format;
  YcCase *kase;

  g_return_if_fail (YC_IS_PRINTING (self));
  g_return_if_fail (YC_IS_PRINT_ITEM (item));

  if (yc_print_item_get_busy (item))
    return;

  if (yc_print_item_get_format (item) == NULL ||
      !yc_doc_format_from_string (yc_print_item_get_format (item), &format))
    format = yc_doc_kind_get_default_format (yc_print_item_get_kind (item));

  if (yc_print_item_get_record_id (item) != 0)
    {
      PrintOp *op = print_op_new (self, item, format);

      /* The printer the Preferences name now: the same one, unless the clerk just chose another
       * because this one was missing or broken. */
      yc_print_item_set_status (item, YC_PRINT_STATUS_SENDING, NULL);
      yc_document_service_print_again_async (self->service, yc_print_item_get_record_id (item),
                                             op->destination, self->cancellable, printed_cb, op);
    }
  else if (yc_print_item_get_file_hash (item) != NULL)
    {
      PrintOp *op = print_op_new (self, item, format);

      if (yc_print_item_get_case_uuid (item) != NULL)
        send_stored_file (op);
      else
        send_loose_file (op);
    }
  else if (yc_print_item_get_document (item) != NULL)
    issue_and_print (self, item);
  else if ((kase = yc_print_item_get_case (item)) != NULL)
    {
      /* Due but never rendered: the document needs the case's item from the catalogue. */
      yc_print_item_set_status (item, YC_PRINT_STATUS_RENDERING, NULL);
      yc_store_get_item_async (self->store, yc_case_get_item_code (kase), self->cancellable,
                               item_read_cb, print_op_new (self, item, format));
    }
  else
    yc_print_item_set_status (item, YC_PRINT_STATUS_FAILED,
                              _("This document cannot be printed again: it was never rendered"));
}

GListModel *
yc_printing_print_decision (YcPrinting        *self,
                            YcCase            *kase,
                            YcItem            *item,
                            YcDecisionOutcome  outcome)
{
  g_autoptr(GListStore) items = NULL;
  const YcDocDue *due;
  guint n_due = 0;

  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  g_return_val_if_fail (YC_IS_CASE (kase), NULL);
  g_return_val_if_fail (YC_IS_ITEM (item), NULL);

  items = g_list_store_new (YC_TYPE_PRINT_ITEM);
  due = yc_decision_outcome_get_documents (outcome, &n_due);
  for (guint i = 0; i < n_due; i++)
    {
      g_autoptr(YcPrintItem) print_item = yc_print_item_new (yc_case_get_uuid (kase), due[i].kind);
      g_autoptr(YcDocument) document = yc_document_new (due[i].kind, kase, item);

      /* The receipt on the 80 mm roll, forms with signature lines on A4 (the core's defaults). */
      yc_document_set_format (document, yc_doc_kind_get_default_format (due[i].kind));
      yc_print_item_set_case (print_item, kase);
      yc_print_item_set_document (print_item, document);
      yc_print_item_set_copies (print_item, yc_printing_get_copies (self, due[i].kind,
                                                                    due[i].copies));
      g_list_store_append (items, print_item);
      issue_and_print (self, print_item);
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}

YcPrintItem *
yc_printing_print_guidance (YcPrinting *self,
                            YcCase     *kase,
                            YcItem     *item,
                            const char *language)
{
  g_autoptr(YcPrintItem) print_item = NULL;
  g_autoptr(YcDocument) document = NULL;

  g_return_val_if_fail (YC_IS_PRINTING (self), NULL);
  g_return_val_if_fail (kase == NULL || YC_IS_CASE (kase), NULL);
  g_return_val_if_fail (YC_IS_ITEM (item), NULL);

  print_item = yc_print_item_new (kase != NULL ? yc_case_get_uuid (kase) : NULL, YC_DOC_GUIDANCE);
  document = yc_document_new (YC_DOC_GUIDANCE, kase, item);
  yc_document_set_format (document, YC_DOC_FORMAT_A4);
  if (language != NULL)
    yc_document_set_language (document, language);
  yc_print_item_set_case (print_item, kase);
  yc_print_item_set_document (print_item, document);
  yc_print_item_set_copies (print_item, yc_printing_get_copies (self, YC_DOC_GUIDANCE, 1));
  issue_and_print (self, print_item);
  return g_steal_pointer (&print_item);
}

/* --- a case's documents, read back --- */

typedef struct {
  YcDocKind         kind;
  guint             copies;
  char             *state;
  char             *file_hash;
  char             *format;
  char             *language;
  guint             pages;
  GDateTime        *updated_at;
  YcPrintJobRecord *job;        /* the latest, or NULL */
} LoadedDocument;

static void
loaded_document_free (LoadedDocument *doc)
{
  g_free (doc->state);
  g_free (doc->file_hash);
  g_free (doc->format);
  g_free (doc->language);
  g_clear_pointer (&doc->updated_at, g_date_time_unref);
  g_clear_pointer (&doc->job, yc_print_job_record_free);
  g_free (doc);
}

static void
load_case_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  YcPrinting *self = source_object;
  const char *uuid = task_data;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                loaded_document_free);
  GError *error = NULL;

  documents = yc_store_list_case_documents (self->store, uuid, &error);
  if (documents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jobs = yc_store_list_print_jobs (self->store, uuid, FALSE, &error);
  if (jobs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      YcCaseDocument *due = g_ptr_array_index (documents, i);
      LoadedDocument *doc = g_new0 (LoadedDocument, 1);

      doc->kind = due->kind;
      doc->copies = due->copies;
      doc->state = g_strdup (due->state);
      doc->file_hash = g_strdup (due->file_hash);
      doc->updated_at = due->updated_at != NULL ? g_date_time_ref (due->updated_at) : NULL;
      if (due->file_hash != NULL)
        {
          g_autoptr(GError) record_error = NULL;
          g_autoptr(YcDocumentRecord) record = yc_store_get_document (self->store, uuid, due->kind,
                                                                      &record_error);

          if (record != NULL)
            {
              doc->format = g_strdup (record->format);
              doc->language = g_strdup (record->language);
              doc->pages = record->pages;
              if (record->rendered_at != NULL)
                {
                  g_clear_pointer (&doc->updated_at, g_date_time_unref);
                  doc->updated_at = g_date_time_ref (record->rendered_at);
                }
            }
          else
            g_debug ("No document record for %s: %s", yc_doc_kind_to_string (due->kind),
                     record_error->message);
        }
      /* Oldest first: the last one of the kind is the one that counts. */
      for (guint j = 0; j < jobs->len; j++)
        {
          YcPrintJobRecord *job = g_ptr_array_index (jobs, j);

          if (job->kind == doc->kind)
            {
              g_clear_pointer (&doc->job, yc_print_job_record_free);
              doc->job = yc_print_job_record_copy (job);
            }
        }
      g_ptr_array_add (loaded, doc);
    }
  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) g_ptr_array_unref);
}

void
yc_printing_load_case_async (YcPrinting         *self,
                             YcCase             *kase,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_PRINTING (self));
  g_return_if_fail (YC_IS_CASE (kase));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_printing_load_case_async);
  g_task_set_task_data (task, g_strdup (yc_case_get_uuid (kase)), g_free);
  g_object_set_data_full (G_OBJECT (task), "yc-case", g_object_ref (kase), g_object_unref);
  g_task_run_in_thread (task, load_case_thread);
}

GListModel *
yc_printing_load_case_finish (YcPrinting   *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GListStore) items = NULL;
  YcCase *kase;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_printing_load_case_async,
                        NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;
  kase = g_object_get_data (G_OBJECT (result), "yc-case");

  items = g_list_store_new (YC_TYPE_PRINT_ITEM);
  for (guint i = 0; i < loaded->len; i++)
    {
      LoadedDocument *doc = g_ptr_array_index (loaded, i);
      g_autoptr(YcPrintItem) item = yc_print_item_new (yc_case_get_uuid (kase), doc->kind);
      YcPrintJobState state;
      YcPrintJob *job;

      yc_print_item_set_case (item, kase);
      yc_print_item_set_copies (item, doc->copies);
      yc_print_item_set_file (item, doc->file_hash, doc->format, doc->language, doc->pages);
      yc_print_item_set_updated_at (item, doc->updated_at);
      if (doc->job != NULL)
        {
          /* Still followed in this run: live; otherwise as last recorded. */
          job = yc_document_service_lookup_job (self->service, doc->job->id);
          if (job != NULL)
            yc_print_item_follow_job (item, job, doc->job->id);
          else if (doc->job->cups_job_id > 0 &&
                   yc_print_job_state_from_string (doc->job->state, &state) &&
                   !yc_print_job_state_is_final (state))
            {
              /* The job ended just before the record caught up with it: CUPS knows the end. */
              g_autoptr(YcPrintJob) cups_job = NULL;

              cups_job = yc_print_job_new_for_cups_job (doc->job->destination,
                                                        doc->job->cups_job_id);
              yc_print_item_set_record (item, doc->job->id, doc->job->destination,
                                        doc->job->state, doc->job->error_message);
              yc_print_item_follow_job (item, cups_job, doc->job->id);
              yc_print_job_wait_async (cups_job, self->cancellable, loose_job_done_cb, NULL);
            }
          else
            yc_print_item_set_record (item, doc->job->id, doc->job->destination, doc->job->state,
                                      doc->job->error_message);
          if (doc->job->updated_at != NULL)
            yc_print_item_set_updated_at (item, doc->job->updated_at);
        }
      else
        yc_print_item_set_status (item, doc->file_hash != NULL ? YC_PRINT_STATUS_RENDERED
                                                               : YC_PRINT_STATUS_DUE, NULL);
      g_list_store_append (items, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}
