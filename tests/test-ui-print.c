/* test-ui-print.c: printing from the real window through a private cupsd with file printers that
 * keep the PDF: a decision prints its receipt without a dialog; a stopped printer shows on the
 * result with "Print again"; the case detail lists the documents, previews them and runs "Print…";
 * guidance in Russian and English; the Preferences list the printers and warn about a stopped or
 * missing one. */
#define G_LOG_DOMAIN "yc-test-ui-print"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "yc-applicant-form.h"
#include "yc-application.h"
#include "yc-cases-page.h"
#include "yc-decision-pane.h"
#include "yc-document-list.h"
#include "yc-document-row.h"
#include "yc-field.h"
#include "yc-guidance-button.h"
#include "yc-intake-form.h"
#include "yc-intake-page.h"
#include "yc-item-detail.h"
#include "yc-material-row.h"
#include "yc-pdf-preview.h"
#include "yc-preferences-window.h"
#include "yc-print-operation.h"
#include "yc-printer-preferences.h"
#include "yc-printing.h"
#include "yc-store-documents.h"
#include "yc-test-cupsd.h"
#include "yc-test-documents.h"
#include "yc-test-ui.h"
#include "yc-window.h"

#define ITEM_BIRTH "11139900004512011WQR00101001"       /* 出生登记: accepted with a receipt */

static YcTestCupsd *cupsd;
static YcApplication *app;
static YcWindow *window;
static char *tmp_dir;

static void
start_app (void)
{
  GSettings *settings;

  app = yc_test_ui_app_new (&window);
  yc_test_ui_set_counter (app, window);
  /* The private scheduler's file printers. */
  settings = yc_application_get_settings (app);
  g_settings_set_string (settings, "receipt-printer", "receipt");
  g_settings_set_string (settings, "document-printer", "a4");
  yc_test_ui_wait_ready (app, window);
}

static void
ensure_app (void)
{
  if (app == NULL)
    start_app ();
}

static YcPrinting *
printing (void)
{
  return yc_application_get_printing (app);
}

static YcIntakePage *
page (void)
{
  return yc_window_get_intake_page (window);
}

static YcIntakeForm *
form (void)
{
  return yc_intake_page_get_form (page ());
}

static YcDecisionPane *
pane (void)
{
  return yc_intake_form_get_decision_pane (form ());
}

/* 出生登记 for @name, every required material in, accepted; returns the decided case. */
static YcCase *
accept_birth_registration (const char *name,
                           const char *id_number)
{
  YcCase *kase;

  YcIntakeForm *f = yc_test_ui_start_intake (window, "出生登记", ITEM_BIRTH);

  kase = yc_intake_form_get_case (f);
  yc_test_ui_type_into (f, "name_field", name);
  yc_test_ui_type_into (f, "id_field", id_number);
  yc_test_ui_type_into (f, "phone_field", "13812341234");
  yc_test_ui_type_into (f, "address_field", "北方市东城区和平里街道1号");
  yc_test_ui_press_state (f, 0, "material.original");
  yc_test_ui_press_state (f, 1, "material.copy");
  yc_test_ui_press_state (f, 2, "material.licence");
  g_assert_true (yc_decision_is_available (yc_decision_pane_get_decision (pane ()),
                                           YC_DECISION_ACCEPT));
  g_assert_true (yc_decision_pane_set_outcome (pane (), YC_DECISION_ACCEPT));

  yc_test_ui_decide (f);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_ACCEPTED);
  return g_object_ref (kase);
}

static YcDocumentRow *
document_row (YcDocumentList *list,
              guint           position)
{
  GtkListBoxRow *r = gtk_list_box_get_row_at_index (yc_document_list_get_list_box (list), position);

  g_assert_nonnull (r);
  return YC_DOCUMENT_ROW (r);
}

/* The row of @kind in @list, or NULL. */
static YcDocumentRow *
find_row (YcDocumentList *list,
          YcDocKind       kind)
{
  for (guint i = 0; gtk_list_box_get_row_at_index (yc_document_list_get_list_box (list), i) != NULL;
       i++)
    {
      YcDocumentRow *r = document_row (list, i);

      if (yc_print_item_get_kind (yc_document_row_get_item (r)) == kind)
        return r;
    }
  return NULL;
}

/* What pressing @accelerator does to @widget's window-wide shortcuts (the list's own controller):
 * TRUE if one of them took it. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 NULL);
        }
    }
  g_error ("No shortcut %s on %s", accelerator, G_OBJECT_TYPE_NAME (widget));
}

/* Waits until @list shows its document of @kind as @status; on a timeout, says what it shows. */
static void
wait_row_status (YcDocumentList *list,
                 YcDocKind       kind,
                 YcPrintStatus   status)
{
  YcTestUiWait wait;

  yc_test_ui_wait_begin (&wait);
  for (;;)
    {
      YcDocumentRow *r = yc_document_list_get_loading (list) ? NULL : find_row (list, kind);
      YcPrintItem *i = r != NULL ? yc_document_row_get_item (r) : NULL;

      if (i != NULL && yc_print_item_get_status (i) == status)
        break;
      if (!yc_test_ui_wait_step (&wait))
        g_error ("Timed out waiting for the %s to be %s: loading %d, row %p, status %s (%s)",
                 yc_doc_kind_to_string (kind), yc_print_status_to_string (status),
                 yc_document_list_get_loading (list), r,
                 i != NULL ? yc_print_status_to_string (yc_print_item_get_status (i)) : "-",
                 i != NULL ? yc_print_item_get_message (i) : "-");
    }
  yc_test_ui_wait_end (&wait);
}

static gboolean
output_contains (const char *printer,
                 const char *text)
{
  g_autofree char *path = yc_test_cupsd_output (cupsd, printer);
  g_autofree char *contents = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  contents = yc_test_pdf_file_text (path, 0, 0, TRUE);
  return contents != NULL && strstr (contents, text) != NULL;
}

static YcDocumentList *
result_list (void)
{
  return yc_decision_pane_get_document_list (pane ());
}

/* --- a decision prints its receipt --- */

static gboolean
job_recorded_completed (YcStore    *store,
                        const char *uuid)
{
  g_autoptr(GPtrArray) jobs = yc_store_list_print_jobs (store, uuid, FALSE, NULL);

  return jobs != NULL && jobs->len > 0 &&
         g_strcmp0 (((YcPrintJobRecord *) g_ptr_array_index (jobs, jobs->len - 1))->state,
                    "completed") == 0;
}

static char *first_case_no;

static void
test_decision_prints (void)
{
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *receipt = NULL;
  YcDocumentList *list;
  YcDocumentRow *row;
  g_autoptr(YcPrintItem) item = NULL;

  ensure_app ();
  kase = accept_birth_registration ("张三", "11010519491231002X");
  first_case_no = g_strdup (yc_case_get_case_no (kase));

  /* The result lists the receipt, printing without a dialog. */
  list = result_list ();
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (list)));
  row = find_row (list, YC_DOC_RECEIPT);
  g_assert_nonnull (row);
  item = g_object_ref (yc_document_row_get_item (row));
  g_assert_false (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                     "result_documents_label")));
  WAIT_FOR (yc_print_item_get_status (item) == YC_PRINT_STATUS_PRINTED ||
            yc_print_status_needs_attention (yc_print_item_get_status (item)));
  if (yc_print_item_get_status (item) != YC_PRINT_STATUS_PRINTED)
    g_error ("The receipt did not print: %s (%s)",
             yc_print_status_to_string (yc_print_item_get_status (item)),
             yc_print_item_get_message (item));
  g_assert_cmpstr (yc_document_row_get_status_text (row), ==,
                   yc_print_status_get_label (YC_PRINT_STATUS_PRINTED));
  g_assert_cmpstr (yc_print_item_get_destination (item), ==, "receipt");
  g_assert_cmpstr (yc_print_item_get_format (item), ==, "receipt");
  g_assert_cmpuint (yc_print_item_get_pages (item), >=, 1);
  g_assert_nonnull (yc_print_item_get_file_hash (item));

  /* What came out of the receipt printer (80 mm) carries the case number. */
  WAIT_FOR (output_contains ("receipt", first_case_no));
  receipt = yc_test_cupsd_output (cupsd, "receipt");
  g_assert_cmpuint (yc_test_pdf_file_n_pages (receipt), ==, yc_print_item_get_pages (item));

  /* Recorded on the case: a completed job on "receipt", the document printed. */
  store = yc_test_ui_open_store ();
  /* The record follows the job asynchronously: wait for it to catch up. */
  WAIT_FOR (job_recorded_completed (store, yc_case_get_uuid (kase)));
  jobs = yc_store_list_print_jobs (store, yc_case_get_uuid (kase), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpstr (((YcPrintJobRecord *) g_ptr_array_index (jobs, 0))->destination, ==, "receipt");
  g_assert_cmpstr (((YcPrintJobRecord *) g_ptr_array_index (jobs, 0))->media, ==, "X80mm");
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-decision-printed");
}

/* --- a stopped printer: shown, and "Print again" once it is back --- */

static void
test_stopped_print_again (void)
{
  g_autoptr(YcCase) kase = NULL;
  YcDocumentRow *row;
  g_autoptr(YcPrintItem) item = NULL;
  gint64 first_record;

  ensure_app ();
  yc_test_cupsd_run ("cupsdisable", "receipt", NULL);
  kase = accept_birth_registration ("李四", "110101199003074514");

  row = find_row (result_list (), YC_DOC_RECEIPT);
  g_assert_nonnull (row);
  item = g_object_ref (yc_document_row_get_item (row));
  WAIT_FOR (yc_print_item_get_status (item) == YC_PRINT_STATUS_STOPPED ||
            yc_print_item_get_status (item) == YC_PRINT_STATUS_PRINTED ||
            yc_print_item_get_status (item) == YC_PRINT_STATUS_FAILED);
  if (yc_print_item_get_status (item) != YC_PRINT_STATUS_STOPPED)
    g_error ("The receipt is %s (%s), not stopped",
             yc_print_status_to_string (yc_print_item_get_status (item)),
             yc_print_item_get_message (item));
  g_assert_cmpstr (yc_document_row_get_status_text (row), ==,
                   yc_print_status_get_label (YC_PRINT_STATUS_STOPPED));
  /* The core's message says why; Print again is offered and stands out. */
  g_assert_nonnull (yc_print_item_get_message (item));
  g_assert_true (yc_print_item_get_can_print_again (item));
  g_assert_true (gtk_widget_has_css_class (yc_test_ui_template_child (row, YC_TYPE_DOCUMENT_ROW,
                                                                      "print_again_button"),
                                           "suggested-action"));
  g_assert_true (gtk_widget_is_sensitive (yc_test_ui_template_child (row, YC_TYPE_DOCUMENT_ROW,
                                                                     "print_again_button")));
  first_record = yc_print_item_get_record_id (item);
  g_assert_cmpint (first_record, >, 0);
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-decision-stopped");

  /* The printer is back; the clerk presses Ctrl+P, Print again (the waiting job is cancelled
   * first, so the receipt comes out once). The Cases page's list, not on screen, leaves it. */
  yc_test_cupsd_run ("cupsenable", "receipt", NULL);
  g_assert_false (press_shortcut (GTK_WIDGET (yc_case_detail_get_document_list (
                                    yc_cases_page_get_detail (yc_window_get_cases_page (window)))),
                                  "<Control>p"));
  g_assert_true (yc_document_list_get_current (result_list ()) == item);
  /* Ctrl+P as the keyboard sends it, with the focus where the decision left it: the window routes it
   * through the global shortcuts of both lists. */
  g_assert_true (yc_test_ui_focus_is_in (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                    "new_intake_button")));
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>p");
  WAIT_FOR (yc_print_item_get_record_id (item) != first_record);
  WAIT_FOR (yc_print_item_get_status (item) == YC_PRINT_STATUS_PRINTED ||
            yc_print_item_get_status (item) == YC_PRINT_STATUS_FAILED);
  g_assert_cmpint (yc_print_item_get_status (item), ==, YC_PRINT_STATUS_PRINTED);
  g_assert_cmpstr (yc_document_row_get_status_text (row), ==,
                   yc_print_status_get_label (YC_PRINT_STATUS_PRINTED));
  WAIT_FOR (output_contains ("receipt", yc_case_get_case_no (kase)));
  /* Printed again once: the stopped job and this one. */
  {
    g_autoptr(YcStore) store = yc_test_ui_open_store ();
    g_autoptr(GPtrArray) jobs = yc_store_list_print_jobs (store, yc_case_get_uuid (kase), FALSE,
                                                          NULL);

    g_assert_nonnull (jobs);
    g_assert_cmpuint (jobs->len, ==, 2);
  }
}

/* --- the case detail: documents, Preview, Print… --- */

static void
export_done_cb (GtkPrintOperation       *operation,
                GtkPrintOperationResult  result,
                gpointer                 user_data)
{
  *(GtkPrintOperationResult *) user_data = result;
}

static void
operation_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static guint
poppler_pages (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  guint n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (document);
  g_object_unref (document);
  return n;
}

static void
test_case_detail (void)
{
  YcCasesPage *cases;
  YcCaseDetail *detail;
  YcDocumentList *list;
  YcDocumentRow *row;
  g_autoptr(YcPrintItem) item = NULL;
  YcPdfPreview *preview;
  YcPdfView *view;
  g_autofree char *stored_path = NULL;
  g_autoptr(GFile) stored_file = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *export_text = NULL;
  g_autoptr(GAsyncResult) ready = NULL;
  g_autoptr(YcPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult run, done = GTK_PRINT_OPERATION_RESULT_IN_PROGRESS;
  gint64 render_us;
  int width, height;
  guint n_pages;

  ensure_app ();
  yc_window_show_page (window, "cases");
  cases = yc_window_get_cases_page (window);
  detail = yc_cases_page_get_detail (cases);
  yc_cases_page_set_filter (cases, YC_CASE_FILTER_ALL);
  gtk_editable_set_text (yc_cases_page_get_search_entry (cases), first_case_no);
  yc_cases_page_refresh (cases);
  WAIT_FOR (!yc_cases_page_get_loading (cases) &&
            g_list_model_get_n_items (yc_cases_page_get_cases (cases)) == 1);
  yc_cases_page_select (cases, 0);
  WAIT_FOR (yc_case_detail_get_case (detail) != NULL && yc_case_detail_get_loaded (detail));
  g_assert_cmpstr (yc_case_get_case_no (yc_case_detail_get_case (detail)), ==, first_case_no);

  /* The documents, as stored: the receipt, printed, with its pages. */
  list = yc_case_detail_get_document_list (detail);
  WAIT_FOR (!yc_document_list_get_loading (list) && find_row (list, YC_DOC_RECEIPT) != NULL);
  row = find_row (list, YC_DOC_RECEIPT);
  item = g_object_ref (yc_document_row_get_item (row));
  g_assert_cmpint (yc_print_item_get_status (item), ==, YC_PRINT_STATUS_PRINTED);
  g_assert_cmpstr (yc_document_row_get_status_text (row), ==,
                   yc_print_status_get_label (YC_PRINT_STATUS_PRINTED));
  g_assert_cmpuint (yc_print_item_get_pages (item), >=, 1);
  g_assert_nonnull (yc_print_item_get_updated_at (item));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
  /* The focus on the row's Preview scrolls the detail down to the documents. */
  gtk_widget_grab_focus (yc_test_ui_template_child (row, YC_TYPE_DOCUMENT_ROW, "preview_button"));
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-case-detail");
  /* The Cases page may have read its list again meanwhile (and the documents with it). */
  WAIT_FOR (!yc_document_list_get_loading (list) && find_row (list, YC_DOC_RECEIPT) != NULL);
  row = find_row (list, YC_DOC_RECEIPT);

  /* Preview: poppler opens the stored file in a thread and shows page 1. */
  stored_path = yc_file_store_get_path (yc_application_get_file_store (app),
                                        yc_print_item_get_file_hash (item));
  n_pages = poppler_pages (stored_path);
  g_assert_cmpuint (n_pages, ==, yc_print_item_get_pages (item));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.preview", NULL));
  preview = yc_test_ui_find_toplevel (YC_TYPE_PDF_PREVIEW);
  g_assert_nonnull (preview);
  gtk_window_set_default_size (GTK_WINDOW (preview), 700, 900);
  view = yc_pdf_preview_get_view (preview);
  WAIT_FOR (yc_pdf_view_get_loaded (view) && yc_pdf_view_get_rendered (view));
  g_assert_null (yc_pdf_view_get_error (view));
  g_assert_cmpuint (yc_pdf_view_get_n_pages (view), ==, n_pages);
  g_assert_cmpuint (yc_pdf_view_get_page (view), ==, 0);
  g_assert_true (yc_pdf_view_get_fit (view));
  render_us = yc_pdf_view_get_last_render_us (view, &width, &height);
  g_test_message ("page 1 of the receipt rendered at %d×%d px in %.1f ms (worker thread)", width,
                  height, render_us / 1000.0);
  g_assert_cmpint (width, >, 0);
  yc_test_ui_screenshot (GTK_WIDGET (preview), "print-preview");
  /* Zoom in leaves "fit" and renders again, larger. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL));
  g_assert_false (yc_pdf_view_get_fit (view));
  WAIT_FOR (yc_pdf_view_get_rendered (view));
  {
    int zoomed_width;

    yc_pdf_view_get_last_render_us (view, &zoomed_width, NULL);
    g_assert_cmpint (zoomed_width, >, width);
  }
  gtk_window_destroy (GTK_WINDOW (preview));

  /* Print…: the same GtkPrintOperation the dialog runs, exported to a PDF here. */
  stored_file = g_file_new_for_path (stored_path);
  yc_print_operation_new_async (stored_file, yc_print_item_get_title (item), NULL,
                                operation_ready_cb, &ready);
  WAIT_FOR (ready != NULL);
  operation = yc_print_operation_new_finish (ready, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_print_operation_get_document_pages (operation), ==, n_pages);
  export_path = g_build_filename (tmp_dir, "print-dialog.pdf", NULL);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), export_path);
  g_signal_connect (operation, "done", G_CALLBACK (export_done_cb), &done);
  run = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                 GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  if (run == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    WAIT_FOR (done != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS);
  else
    g_assert_cmpint (run, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (export_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (poppler_pages (export_path), ==, n_pages);
  export_text = yc_test_pdf_file_text (export_path, 0, 0, TRUE);
  g_assert_nonnull (strstr (export_text, first_case_no));
  {
    g_autoptr(GArray) exported = yc_test_pdf_file_page_sizes (export_path);
    g_autoptr(GArray) stored = yc_test_pdf_file_page_sizes (stored_path);

    /* On paper of the receipt's own size (a roll page as long as the receipt): nothing scaled. */
    g_assert_cmpuint (exported->len, ==, stored->len);
    for (guint i = 0; i < exported->len; i++)
      {
        g_assert_cmpfloat_with_epsilon (g_array_index (exported, YcTestPageSize, i).width,
                                        g_array_index (stored, YcTestPageSize, i).width, 0.5);
        g_assert_cmpfloat_with_epsilon (g_array_index (exported, YcTestPageSize, i).height,
                                        g_array_index (stored, YcTestPageSize, i).height, 0.5);
      }
  }
}

static guint
count_print_jobs (const char *uuid)
{
  g_autoptr(YcStore) store = yc_test_ui_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = yc_store_list_print_jobs (store, uuid, FALSE, &error);

  g_assert_no_error (error);
  return jobs->len;
}

/* Ctrl+P on the Cases page, from the keyboard: the case detail's list, on screen, prints the focused
 * receipt again; the decision's list on the Intake page, hidden, leaves its own receipt alone. */
static void
test_case_detail_print_again (void)
{
  YcCaseDetail *detail = yc_cases_page_get_detail (yc_window_get_cases_page (window));
  YcDocumentList *list = yc_case_detail_get_document_list (detail);
  g_autoptr(YcDocumentRow) row = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *hidden_uuid = NULL;
  guint n_jobs, n_hidden_jobs;

  ensure_app ();
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "cases");
  WAIT_FOR (!yc_document_list_get_loading (list) && find_row (list, YC_DOC_RECEIPT) != NULL);
  row = g_object_ref (find_row (list, YC_DOC_RECEIPT));
  uuid = g_strdup (yc_print_item_get_case_uuid (yc_document_row_get_item (row)));
  g_assert_cmpstr (uuid, ==, yc_case_get_uuid (yc_case_detail_get_case (detail)));
  hidden_uuid = g_strdup (yc_print_item_get_case_uuid (yc_document_row_get_item (
                                                         find_row (result_list (), YC_DOC_RECEIPT))));
  g_assert_cmpstr (hidden_uuid, !=, uuid);
  n_jobs = count_print_jobs (uuid);
  n_hidden_jobs = count_print_jobs (hidden_uuid);

  gtk_widget_grab_focus (yc_test_ui_template_child (row, YC_TYPE_DOCUMENT_ROW, "preview_button"));
  g_assert_true (yc_document_list_get_current (list) == yc_document_row_get_item (row));
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>p");
  /* Printed again: one more job on the case, completed; the list reads it back. */
  WAIT_FOR (count_print_jobs (uuid) == n_jobs + 1);
  {
    g_autoptr(YcStore) store = yc_test_ui_open_store ();

    WAIT_FOR (job_recorded_completed (store, uuid));
  }
  wait_row_status (list, YC_DOC_RECEIPT, YC_PRINT_STATUS_PRINTED);
  WAIT_FOR (output_contains ("receipt", first_case_no));
  g_assert_cmpuint (count_print_jobs (hidden_uuid), ==, n_hidden_jobs);
}

/* --- guidance, in Russian, from the case detail: printed and recorded on the case --- */

static void
test_guidance (void)
{
  YcCaseDetail *detail;
  YcGuidanceButton *button;
  YcDocumentList *list;
  YcPrintItem *item;
  YcPdfPreview *preview;
  YcPdfView *view;

  ensure_app ();
  /* The case of the test before is on display. */
  detail = yc_cases_page_get_detail (yc_window_get_cases_page (window));
  g_assert_nonnull (yc_case_detail_get_case (detail));
  button = yc_test_ui_template_child (detail, YC_TYPE_CASE_DETAIL, "guidance_button");
  WAIT_FOR (gtk_widget_is_sensitive (GTK_WIDGET (button)) &&
            gtk_widget_activate_action (GTK_WIDGET (button), "guidance.print", "s", "ru"));
  item = yc_guidance_button_get_last (button);
  g_assert_nonnull (item);
  WAIT_FOR (yc_print_item_get_status (item) == YC_PRINT_STATUS_PRINTED ||
            yc_print_status_needs_attention (yc_print_item_get_status (item)));
  g_assert_cmpint (yc_print_item_get_status (item), ==, YC_PRINT_STATUS_PRINTED);
  g_assert_cmpstr (yc_print_item_get_destination (item), ==, "a4");
  g_assert_cmpstr (yc_print_item_get_language (item), ==, "ru");
  /* The A4 printer's output is the guidance, in Russian, about this case. */
  WAIT_FOR (output_contains ("a4", first_case_no));
  g_assert_true (output_contains ("a4", "Памятка"));

  /* The case's document list read it back: guidance, printed. */
  list = yc_case_detail_get_document_list (detail);
  wait_row_status (list, YC_DOC_GUIDANCE, YC_PRINT_STATUS_PRINTED);
  gtk_widget_grab_focus (yc_test_ui_template_child (find_row (list, YC_DOC_GUIDANCE), YC_TYPE_DOCUMENT_ROW,
                                                    "preview_button"));
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-case-detail-guidance");

  /* An A4 page in the preview: rendered at screen size in a worker thread; how long it takes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (list, YC_DOC_GUIDANCE)),
                                             "row.preview", NULL));
  preview = yc_test_ui_find_toplevel (YC_TYPE_PDF_PREVIEW);
  g_assert_nonnull (preview);
  gtk_window_set_default_size (GTK_WINDOW (preview), 820, 1000);
  view = yc_pdf_preview_get_view (preview);
  WAIT_FOR (yc_pdf_view_get_rendered (view));
  for (guint page = 0; page < yc_pdf_view_get_n_pages (view); page++)
    {
      gint64 render_us;
      int width, height;

      yc_pdf_view_set_page (view, page);
      WAIT_FOR (yc_pdf_view_get_rendered (view));
      render_us = yc_pdf_view_get_last_render_us (view, &width, &height);
      g_test_message ("A4 guidance page %u rendered at %d×%d px in %.1f ms (worker thread)",
                      page + 1, width, height, render_us / 1000.0);
    }
  /* Page Down and Page Up are the preview's actions. */
  yc_pdf_view_set_page (view, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL));
  g_assert_cmpuint (yc_pdf_view_get_page (view), ==, MIN (1, yc_pdf_view_get_n_pages (view) - 1));
  yc_test_ui_screenshot (GTK_WIDGET (preview), "print-preview-a4");
  gtk_window_destroy (GTK_WINDOW (preview));

  /* Guidance about an item alone, before any case, in English: printed, not recorded. */
  yc_window_show_page (window, "intake");
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  yc_test_ui_drain ();
  yc_test_ui_show_item (window, "出生登记", ITEM_BIRTH);
  button = yc_test_ui_template_child (yc_intake_page_get_detail (page ()), YC_TYPE_ITEM_DETAIL,
                                      "guidance_button");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "guidance.print", "s", "en"));
  item = yc_guidance_button_get_last (button);
  g_assert_null (yc_print_item_get_case_uuid (item));
  WAIT_FOR (yc_print_item_get_status (item) == YC_PRINT_STATUS_PRINTED ||
            yc_print_status_needs_attention (yc_print_item_get_status (item)));
  g_assert_cmpint (yc_print_item_get_status (item), ==, YC_PRINT_STATUS_PRINTED);
  g_assert_cmpint (yc_print_item_get_record_id (item), ==, 0);
  g_assert_cmpstr (yc_print_item_get_language (item), ==, "en");
  WAIT_FOR (output_contains ("a4", "出生登记") && !output_contains ("a4", first_case_no));
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-item-guidance");
}

/* --- Preferences: the printers CUPS has, their state, and the warnings --- */

static YcPrinterPreferences *
find_printer_page (GtkWidget *widget)
{
  if (YC_IS_PRINTER_PREFERENCES (widget))
    return YC_PRINTER_PREFERENCES (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      YcPrinterPreferences *found = find_printer_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
choices_have (YcPrinterPreferences *prefs,
              const char           *name)
{
  g_auto(GStrv) choices = yc_printer_preferences_dup_choices (prefs);

  return g_strv_contains ((const char * const *) choices, name);
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences (void)
{
  GSettings *settings;
  YcPreferencesWindow *window_prefs;
  YcPrinterPreferences *prefs;
  AdwComboRow *receipt_row;
  g_auto(GStrv) choices = NULL;
  g_autoptr(GVariant) copies = NULL;
  guint32 value;

  ensure_app ();
  settings = yc_application_get_settings (app);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window_prefs = yc_test_ui_find_toplevel (YC_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window_prefs);
  prefs = find_printer_page (GTK_WIDGET (window_prefs));
  g_assert_nonnull (prefs);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window_prefs),
                                           ADW_PREFERENCES_PAGE (prefs));

  /* The two test printers as CUPS lists them, after "Default printer"; the chosen ones selected. */
  WAIT_FOR (yc_printer_list_get_loaded (yc_printing_get_printers (printing ())));
  g_assert_true (yc_printer_list_get_available (yc_printing_get_printers (printing ())));
  g_assert_nonnull (yc_printer_list_lookup (yc_printing_get_printers (printing ()), "receipt"));
  g_assert_nonnull (yc_printer_list_lookup (yc_printing_get_printers (printing ()), "a4"));
  g_assert_true (choices_have (prefs, "receipt") && choices_have (prefs, "a4"));
  choices = yc_printer_preferences_dup_choices (prefs);
  g_assert_cmpstr (choices[0], ==, "");
  receipt_row = yc_printer_preferences_get_row (prefs, TRUE);
  g_assert_cmpstr (choices[adw_combo_row_get_selected (receipt_row)], ==, "receipt");
  g_assert_cmpstr (choices[adw_combo_row_get_selected (yc_printer_preferences_get_row (prefs,
                                                                                       FALSE))],
                   ==, "a4");
  g_assert_null (yc_printer_preferences_get_warning (prefs, TRUE));
  g_assert_null (yc_printer_preferences_get_warning (prefs, FALSE));
  yc_test_ui_screenshot (GTK_WIDGET (window_prefs), "print-preferences");

  /* A stopped printer is flagged (from the list's own polling). */
  yc_test_cupsd_run ("cupsdisable", "a4", NULL);
  WAIT_FOR (yc_printer_preferences_get_warning (prefs, FALSE) != NULL);
  g_assert_nonnull (strstr (yc_printer_preferences_get_warning (prefs, FALSE), "a4"));
  yc_test_ui_screenshot (GTK_WIDGET (window_prefs), "print-preferences-stopped");
  yc_test_cupsd_run ("cupsenable", "a4", NULL);
  WAIT_FOR (yc_printer_preferences_get_warning (prefs, FALSE) == NULL);

  /* Choosing in the combo row writes the setting; "Default printer" is the empty name. */
  adw_combo_row_set_selected (receipt_row, 0);
  assert_setting (settings, "receipt-printer", "");
  g_clear_pointer (&choices, g_strfreev);
  choices = yc_printer_preferences_dup_choices (prefs);
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], "receipt"))
      adw_combo_row_set_selected (receipt_row, i);
  assert_setting (settings, "receipt-printer", "receipt");

  /* A printer CUPS does not know is kept, shown as missing, and warned about. */
  g_settings_set_string (settings, "document-printer", "gone");
  g_assert_true (choices_have (prefs, "gone"));
  g_assert_nonnull (yc_printer_preferences_get_warning (prefs, FALSE));
  g_assert_nonnull (strstr (yc_printer_preferences_get_warning (prefs, FALSE), "gone"));
  g_settings_set_string (settings, "document-printer", "a4");
  g_assert_null (yc_printer_preferences_get_warning (prefs, FALSE));

  /* Copies: the tolerance notice's two by default; a change writes only that kind. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     yc_printer_preferences_get_copies_button (prefs, YC_DOC_TOLERANCE)), ==, 2);
  gtk_spin_button_set_value (yc_printer_preferences_get_copies_button (prefs, YC_DOC_RECEIPT), 3);
  copies = g_settings_get_value (settings, "document-copies");
  g_assert_true (g_variant_lookup (copies, "receipt", "u", &value));
  g_assert_cmpuint (value, ==, 3);
  g_assert_false (g_variant_lookup (copies, "tolerance", "u", &value));
  g_assert_cmpuint (yc_printing_get_copies (printing (), YC_DOC_RECEIPT, 1), ==, 3);
  g_settings_reset (settings, "document-copies");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     yc_printer_preferences_get_copies_button (prefs, YC_DOC_RECEIPT)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window_prefs));
}

/* --- a refusal decided with the keyboard prints its notice on A4 --- */

static void
test_refusal_prints (void)
{
  YcIntakeForm *f;
  YcCase *kase;
  YcField *explanation;
  YcDocumentList *list;
  YcPrintItem *item;
  GtkWidget *spinner;

  ensure_app ();
  f = yc_test_ui_start_intake (window, "出生登记", ITEM_BIRTH);
  kase = yc_intake_form_get_case (f);
  yc_test_ui_type_into (f, "name_field", "吴十二");
  yc_test_ui_type_into (f, "id_field", "360426199101010071");
  yc_test_ui_choose_outcome (f, YC_DECISION_REFUSE);
  explanation = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "explanation_field");
  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (explanation)));
  gtk_editable_set_text (GTK_EDITABLE (yc_field_get_entry (explanation)), "申请人已在户籍地办理");
  spinner = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "busy_spinner");
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>Return");
  g_assert_true (gtk_widget_get_visible (spinner) || yc_intake_form_get_decided (f));
  yc_test_ui_wait_decided (f);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_REFUSED);

  /* The refusal notice, on the A4 printer, without a dialog: the case and the clerk's explanation. */
  list = result_list ();
  wait_row_status (list, YC_DOC_REFUSAL, YC_PRINT_STATUS_PRINTED);
  g_assert_null (find_row (list, YC_DOC_RECEIPT));
  item = yc_document_row_get_item (find_row (list, YC_DOC_REFUSAL));
  g_assert_cmpstr (yc_print_item_get_destination (item), ==, "a4");
  g_assert_cmpstr (yc_print_item_get_format (item), ==, "a4");
  WAIT_FOR (output_contains ("a4", yc_case_get_case_no (kase)));
  g_assert_true (output_contains ("a4", "申请人已在户籍地办理"));
  yc_test_ui_screenshot (GTK_WIDGET (window), "print-refusal-printed");
}

/* One application through every step: the isolated data directory of a test case (with the file
 * store the documents are rendered into) is removed when the case ends, so the steps share one. */
static void
test_counter (void)
{
  g_test_message ("a decision prints its receipt");
  test_decision_prints ();
  g_test_message ("a stopped printer, then Print again");
  test_stopped_print_again ();
  g_test_message ("the case detail: documents, Preview, Print…");
  test_case_detail ();
  g_test_message ("Ctrl+P on the Cases page prints the case's receipt again");
  test_case_detail_print_again ();
  g_test_message ("guidance in Russian from the case detail");
  test_guidance ();
  g_test_message ("the Preferences' printers");
  test_preferences ();
  g_test_message ("a refusal decided with Ctrl+Return prints its notice");
  test_refusal_prints ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (!yc_test_ui_init (&argc, &argv, TRUE))
    return 77;
  yc_test_ui_set_timeout (90);

  /* Before any thread talks to CUPS: the scheduler the test prints to. */
  cupsd = yc_test_cupsd_start (&error);
  if (cupsd == NULL)
    {
      g_printerr ("No CUPS scheduler for the printing tests: %s\n", error->message);
      return 77;
    }
  tmp_dir = g_dir_make_tmp ("yc-test-ui-print-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    g_autofree char *db_path = g_build_filename (tmp_dir, "yichuang.db", NULL);

    g_setenv ("YC_DATABASE", db_path, TRUE);
  }

  g_test_add_func ("/yc/ui-print/counter", test_counter);

  ret = g_test_run ();

  yc_test_ui_app_close (&app);
  yc_test_cupsd_stop (cupsd);
  yc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (first_case_no);

  return ret;
}
