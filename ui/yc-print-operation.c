/* yc-print-operation.c: GtkPrintOperation over a poppler document, for the system print dialog. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "yc-lazy-lib.h"

/* poppler-glib 22.12 has no autoptr declarations of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

#include "yc-print-operation.h"

/* The receipt roll (the receipt printer's "X80mm"): 80 mm paper, 226 pt wide. It has no fixed
 * length: each copy of a document is one page as long as its content (cut only past 3 m), so the
 * paper below takes the length of the document's first page. */
#define RECEIPT_WIDTH_PT 226.0

struct _YcPrintOperation
{
  GtkPrintOperation  parent_instance;

  PopplerDocument   *document;
};

G_DEFINE_FINAL_TYPE (YcPrintOperation, yc_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
yc_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  YcPrintOperation *self = YC_PRINT_OPERATION (operation);

  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->document));
}

static void
yc_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  YcPrintOperation *self = YC_PRINT_OPERATION (operation);
  g_autoptr(PopplerPage) page = poppler_document_get_page (self->document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_width = gtk_print_context_get_width (context);
  double paper_height = gtk_print_context_get_height (context);
  double width, height, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  /* Full size when the paper is big enough (the documents carry their own margins); scaled down,
   * centred across, when someone prints an A4 form on a receipt roll or the like. */
  scale = MIN (1.0, MIN (paper_width / width, paper_height / height));
  cairo_save (cr);
  cairo_translate (cr, MAX (0, (paper_width - width * scale) / 2), 0);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
}

static void
yc_print_operation_dispose (GObject *object)
{
  YcPrintOperation *self = YC_PRINT_OPERATION (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (yc_print_operation_parent_class)->dispose (object);
}

static void
yc_print_operation_class_init (YcPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = yc_print_operation_dispose;
  operation_class->begin_print = yc_print_operation_begin_print;
  operation_class->draw_page = yc_print_operation_draw_page;
}

static void
yc_print_operation_init (YcPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
}

/* Paper as the document's first page: A4, the receipt roll, or a custom size. */
static GtkPageSetup *
page_setup_for (PopplerDocument *document)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  double width = 595, height = 842;

  if (page != NULL)
    poppler_page_get_size (page, &width, &height);
  if (fabs (width - 595) < 2 && fabs (height - 842) < 2)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else if (fabs (width - RECEIPT_WIDTH_PT) < 2)
    /* Translators: the paper of the receipt printer, in the print dialog */
    paper = gtk_paper_size_new_custom ("X80mm", _("80 mm receipt"), width, height, GTK_UNIT_POINTS);
  else
    paper = gtk_paper_size_new_custom ("yc-custom", _("Document size"), width, height,
                                       GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *document;
  GError *error = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL || !yc_poppler_load (&error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Made here, handed to the main thread: only one thread uses it at a time. */
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The document cannot be printed: %s"), error->message);
      g_error_free (error);
      return;
    }
  g_task_return_pointer (task, document, g_object_unref);
}

void
yc_print_operation_new_async (GFile              *file,
                              const char         *title,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_print_operation_new_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "yc-title", g_strdup (title), g_free);
  g_task_run_in_thread (task, open_thread);
}

YcPrintOperation *
yc_print_operation_new_finish (GAsyncResult *result,
                               GError      **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  YcPrintOperation *self;
  const char *title;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_print_operation_new_async,
                        NULL);

  document = g_task_propagate_pointer (G_TASK (result), error);
  if (document == NULL)
    return NULL;

  self = g_object_new (YC_TYPE_PRINT_OPERATION, NULL);
  self->document = g_steal_pointer (&document);
  title = g_object_get_data (G_OBJECT (result), "yc-title");
  if (title != NULL)
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  setup = page_setup_for (self->document);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  return self;
}

guint
yc_print_operation_get_document_pages (YcPrintOperation *self)
{
  g_return_val_if_fail (YC_IS_PRINT_OPERATION (self), 0);
  return poppler_document_get_n_pages (self->document);
}

/* --- the whole "Print…" --- */

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Could Not Print"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The operation ends when both gtk_print_operation_run() has returned and, if it went on
 * asynchronously, "done" was emitted (which may also come from inside run). */
typedef struct {
  GtkWindow        *parent;   /* weak */
  YcPrintOperation *operation;
  gboolean          returned;
  gboolean          done;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  if (data->operation != NULL)
    g_signal_handlers_disconnect_by_data (data->operation, data);
  g_clear_object (&data->operation);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         DialogData              *data)
{
  g_autoptr(GError) error = NULL;

  data->done = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (data->parent, error);
    }
  if (data->returned)
    dialog_data_free (data);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DialogData *data = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult run;

  data->operation = yc_print_operation_new_finish (result, &error);
  if (data->operation == NULL)
    {
      show_error (data->parent, error);
      dialog_data_free (data);
      return;
    }
  g_signal_connect (data->operation, "done", G_CALLBACK (done_cb), data);
  run = gtk_print_operation_run (GTK_PRINT_OPERATION (data->operation),
                                 GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, data->parent, &error);
  data->returned = TRUE;
  if (run == GTK_PRINT_OPERATION_RESULT_ERROR && !data->done && error != NULL)
    show_error (data->parent, error);
  if (data->done || run != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    dialog_data_free (data);
}

void
yc_print_operation_show_dialog (GFile      *file,
                                const char *title,
                                GtkWindow  *parent)
{
  DialogData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  data = g_new0 (DialogData, 1);
  g_set_weak_pointer (&data->parent, parent);
  yc_print_operation_new_async (file, title, NULL, opened_cb, data);
}
