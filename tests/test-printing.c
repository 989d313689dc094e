/* test-printing.c: documents printed through a real CUPS scheduler with file: printers that keep
 * the PDF: every kind comes out with its data and QR code; a stopped printer, a missing one, a
 * rejecting one and a cancelled job are reported and recorded, and "print again" works, also after
 * a restart. */
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "yc-document-service.h"
#include "yc-printer.h"
#include "yc-store-documents.h"
#include "yc-test-cupsd.h"
#include "yc-test-documents.h"

static YcTestCupsd *cupsd;

typedef struct {
  YcStore           *store;
  YcFileStore       *files;
  YcDocumentService *service;
  YcItem            *item;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "printing.db", NULL);
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "files", NULL);

  fixture->store = yc_store_open (db, &error);
  g_assert_no_error (error);
  fixture->files = yc_file_store_new (root, &error);
  g_assert_no_error (error);
  fixture->service = yc_document_service_new (fixture->store, fixture->files, "clerk-test");
  fixture->item = yc_test_make_item (6);
  yc_test_cupsd_reset_printers (cupsd);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->item);
  g_clear_object (&fixture->files);
  g_clear_object (&fixture->store);
}

/* A decided case in the store: the sample case, accepted, with the number the store gives it. */
static YcCase *
make_stored_case (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  YcCase *kase = yc_test_make_case (fixture->item, TRUE, FALSE);

  g_object_set (kase, "state", YC_CASE_STATE_DRAFT, "case-no", NULL, NULL);
  g_assert_true (yc_store_create_case (fixture->store, kase, YC_CASE_EVENT_ACCEPT, "clerk-test",
                                       &error));
  g_assert_no_error (error);
  g_assert_nonnull (yc_case_get_case_no (kase));
  return kase;
}

/* --- waiting on the main loop, for conditions, never for a fixed time --- */

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  wait_until (result_arrived, slot, "an async result");
  return *slot;
}

typedef struct {
  YcPrintJob      *job;
  YcPrintJobState  state;
} JobWait;

static gboolean
job_in_state (gpointer data)
{
  JobWait *wait = data;

  return yc_print_job_get_state (wait->job) == wait->state;
}

static void
wait_job_state (YcPrintJob     *job,
                YcPrintJobState state)
{
  JobWait wait = { job, state };
  g_autofree char *what = g_strdup_printf ("print job state %s",
                                           yc_print_job_state_to_string (state));

  wait_until (job_in_state, &wait, what);
}

typedef struct {
  YcStore    *store;
  gint64      id;
  const char *state;
} RecordWait;

static gboolean
record_in_state (gpointer data)
{
  RecordWait *wait = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcPrintJobRecord) record = yc_store_get_print_job (wait->store, wait->id, &error);

  g_assert_no_error (error);
  return g_strcmp0 (record->state, wait->state) == 0;
}

/* The store is written asynchronously after each state change: wait for the record to catch up. */
static YcPrintJobRecord *
wait_record_state (YcStore    *store,
                   gint64      id,
                   const char *state)
{
  RecordWait wait = { store, id, state };
  g_autofree char *what = g_strdup_printf ("print record %" G_GINT64_FORMAT " to be %s", id, state);

  wait_until (record_in_state, &wait, what);
  return yc_store_get_print_job (store, id, NULL);
}

static YcPrintJob *
print_document (Fixture    *fixture,
                YcDocument *document,
                const char *destination,
                gint64     *record_id,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  yc_document_service_print_document_async (fixture->service, document, destination, 1, NULL,
                                            store_result_cb, &result);
  return yc_document_service_print_document_finish (fixture->service, wait_result (&result),
                                                    record_id, error);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the printed text:\n%s", needle, text);
}

/* What came out of the printer: the case number, applicant, item, materials, dates; the QR code. */
static void
check_output (const char *printer,
              YcCase     *kase,
              YcDocKind   kind)
{
  g_autofree char *path = yc_test_cupsd_output (cupsd, printer);
  g_autofree char *text = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *expected = g_strdup_printf ("YC1:%s:%s", yc_case_get_case_no (kase),
                                               yc_case_get_query_password (kase));
  guint n_pages;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  n_pages = yc_test_pdf_file_n_pages (path);
  text = yc_test_pdf_file_text (path, 0, 0, TRUE);
  assert_contains (text, yc_case_get_case_no (kase));
  assert_contains (text, YC_TEST_ITEM_NAME);
  if (kind != YC_DOC_GUIDANCE)
    assert_contains (text, YC_TEST_APPLICANT);
  switch (kind)
    {
    case YC_DOC_RECEIPT:
      assert_contains (text, yc_test_material_name (0));
      assert_contains (text, yc_test_material_name (1));
      assert_contains (text, "2026年4月1日");
      assert_contains (text, "2026年3月18日");
      break;
    case YC_DOC_NOTICE_ONCE:
      assert_contains (text, yc_test_material_name (2));
      break;
    case YC_DOC_TOLERANCE:
      assert_contains (text, yc_test_material_name (3));
      assert_contains (text, "2026年3月11日");
      break;
    case YC_DOC_COMMITMENT:
      assert_contains (text, yc_test_material_name (4));
      break;
    case YC_DOC_GUIDANCE:
      assert_contains (text, yc_test_material_name (5));
      break;
    case YC_DOC_REFUSAL:
    case YC_DOC_HANDOVER:
    default:
      break;
    }
  /* The issue date; the guidance writes it the same way in every language. */
  assert_contains (text, kind == YC_DOC_GUIDANCE ? "2026-03-04" : "2026年3月4日");
  /* On A4 the QR code heads the first page; on the roll it closes the last. */
  payload = yc_test_pdf_file_qr (path, g_str_equal (printer, "a4") ? 1 : n_pages);
  g_assert_cmpstr (payload, ==, expected);
}

/* The printer got the document's own page sizes, nothing shrunk or cut: on the roll a page as long
 * as the receipt (rounded up to CUPS's hundredths of a millimetre), not the 600 pt page of the
 * PPD's "X80mm". */
static void
check_output_size (Fixture    *fixture,
                   const char *printer,
                   const char *file_hash)
{
  g_autofree char *output = yc_test_cupsd_output (cupsd, printer);
  g_autofree char *stored = yc_file_store_get_path (fixture->files, file_hash);
  g_autoptr(GArray) printed = yc_test_pdf_file_page_sizes (output);
  g_autoptr(GArray) rendered = yc_test_pdf_file_page_sizes (stored);

  g_assert_cmpuint (printed->len, ==, rendered->len);
  for (guint i = 0; i < printed->len; i++)
    {
      const YcTestPageSize *out = &g_array_index (printed, YcTestPageSize, i);
      const YcTestPageSize *in = &g_array_index (rendered, YcTestPageSize, i);

      g_test_message ("%s, page %u: rendered %g x %g pt, printed %g x %g pt", printer, i + 1,
                      in->width, in->height, out->width, out->height);
      g_assert_cmpfloat_with_epsilon (out->width, in->width, 0.05);
      g_assert_cmpfloat_with_epsilon (out->height, in->height, 0.05);
    }
}

/* --- the printer list --- */

static gboolean
list_loaded (gpointer data)
{
  return yc_printer_list_get_loaded (data);
}

typedef struct {
  YcPrinterList  *list;
  const char     *name;
  YcPrinterState  state;
  gboolean        accepting;
} PrinterWait;

static gboolean
printer_in_state (gpointer data)
{
  PrinterWait *wait = data;
  YcPrinterInfo *info = yc_printer_list_lookup (wait->list, wait->name);

  return info != NULL && yc_printer_info_get_state (info) == wait->state
         && yc_printer_info_get_accepting (info) == wait->accepting;
}

static void
count_changes_cb (YcPrinterList *list,
                  guint         *changes)
{
  (*changes)++;
}

static void
test_printer_list (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(YcPrinterList) list = yc_printer_list_new (200);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) printers = NULL;
  g_autoptr(GError) error = NULL;
  PrinterWait wait = { list, "receipt", YC_PRINTER_STATE_STOPPED, TRUE };
  YcPrinterInfo *info;
  guint changes = 0;

  g_signal_connect (list, "changed", G_CALLBACK (count_changes_cb), &changes);
  wait_until (list_loaded, list, "the printer list");
  g_assert_true (yc_printer_list_get_available (list));
  g_assert_nonnull (yc_printer_list_lookup (list, "receipt"));
  g_assert_nonnull (yc_printer_list_lookup (list, "a4"));
  g_assert_cmpint (yc_printer_info_get_state (yc_printer_list_lookup (list, "a4")), ==,
                   YC_PRINTER_STATE_IDLE);
  g_assert_true (yc_printer_info_get_accepting (yc_printer_list_lookup (list, "a4")));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == YC_TYPE_PRINTER_INFO);
  g_assert_cmpuint (changes, >=, 1);

  /* A stopped printer shows on the next poll; so does one that rejects jobs. */
  changes = 0;
  yc_test_cupsd_run ("cupsdisable", "-r", "paper jam", "receipt", NULL);
  wait_until (printer_in_state, &wait, "receipt to be stopped");
  g_assert_cmpuint (changes, >=, 1);
  info = yc_printer_list_lookup (list, "receipt");
  g_assert_true (g_strv_contains (yc_printer_info_get_state_reasons (info), "paused"));
  yc_test_cupsd_run ("cupsenable", "receipt", NULL);
  yc_test_cupsd_run ("cupsreject", "a4", NULL);
  wait.name = "a4";
  wait.state = YC_PRINTER_STATE_IDLE;
  wait.accepting = FALSE;
  wait_until (printer_in_state, &wait, "a4 to reject jobs");
  yc_test_cupsd_run ("cupsaccept", "a4", NULL);

  /* The one-shot listing. */
  yc_printer_list_destinations_async (NULL, store_result_cb, &result);
  printers = yc_printer_list_destinations_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (printers->len, >=, 2);
}

/* --- every kind, through CUPS --- */

static void
test_print_every_kind (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const YcDocKind kinds[] = {
    YC_DOC_RECEIPT, YC_DOC_NOTICE_ONCE, YC_DOC_REFUSAL, YC_DOC_TOLERANCE, YC_DOC_COMMITMENT,
    YC_DOC_HANDOVER, YC_DOC_GUIDANCE,
  };
  g_autoptr(YcCase) kase = make_stored_case (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(YcDocument) document = yc_test_make_document (kinds[i], kase, fixture->item);
      g_autoptr(YcPrintJob) job = NULL;
      g_autoptr(YcPrintJobRecord) record = NULL;
      g_autoptr(YcDocumentRecord) rendered = NULL;
      g_autoptr(GError) error = NULL;
      const char *printer = kinds[i] == YC_DOC_RECEIPT ? "receipt" : "a4";
      gint64 id = 0;

      yc_document_set_format (document, yc_doc_kind_get_default_format (kinds[i]));
      job = print_document (fixture, document, printer, &id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (yc_print_job_get_cups_job_id (job), >, 0);
      g_assert_cmpint (id, >, 0);
      wait_job_state (job, YC_PRINT_JOB_COMPLETED);
      record = wait_record_state (fixture->store, id, "completed");
      g_assert_cmpint (record->cups_job_id, ==, yc_print_job_get_cups_job_id (job));
      g_assert_cmpstr (record->destination, ==, printer);
      g_assert_cmpstr (record->media, ==, kinds[i] == YC_DOC_RECEIPT ? "X80mm" : "A4");
      g_assert_null (record->error_code);

      /* Rendered once into the file store, recorded on the case, printed. */
      rendered = yc_store_get_document (fixture->store, yc_case_get_uuid (kase), kinds[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rendered->file_hash, ==, record->file_hash);
      g_assert_true (yc_file_store_contains (fixture->files, rendered->file_hash));
      g_assert_cmpuint (rendered->pages, >=, 1);
      g_assert_cmpint (rendered->render_us, >, 0);
      g_assert_cmpstr (rendered->state, ==, "printed");

      check_output (printer, kase, kinds[i]);
      check_output_size (fixture, printer, rendered->file_hash);
    }
}

/* --- a stopped printer, print again --- */

static gboolean
job_stopped_with_error (gpointer data)
{
  YcPrintJob *job = data;

  return yc_print_job_get_state (job) == YC_PRINT_JOB_STOPPED
         && g_error_matches (yc_print_job_get_error (job), YC_PRINT_ERROR,
                             YC_PRINT_ERROR_PRINTER_STOPPED);
}

static void
test_stopped_print_again (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJob) again = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(YcPrintJobRecord) old = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = yc_test_cupsd_output (cupsd, "receipt");
  gint64 id = 0, again_id = 0;

  g_unlink (output);
  yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);
  yc_test_cupsd_run ("cupsdisable", "-r", "out of paper", "receipt", NULL);
  job = print_document (fixture, document, "receipt", &id, &error);
  g_assert_no_error (error);

  /* Reported as stopped, with a reason the clerk can act on, and recorded so. */
  wait_until (job_stopped_with_error, job, "the job to report the stopped printer");
  g_assert_nonnull (strstr (yc_print_job_get_error (job)->message, "out of paper"));
  record = wait_record_state (fixture->store, id, "stopped");
  g_assert_cmpstr (record->error_code, ==, "printer_stopped");
  g_assert_nonnull (record->error_message);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  /* Print again while it is still stopped: the waiting job is cancelled, so one copy comes out. */
  yc_document_service_print_again_async (fixture->service, id, NULL, NULL, store_result_cb,
                                         &result);
  again = yc_document_service_print_again_finish (fixture->service, wait_result (&result),
                                                  &again_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again_id, >, id);
  old = wait_record_state (fixture->store, id, "cancelled");
  g_assert_cmpstr (old->error_code, ==, "job_cancelled");
  wait_until (job_stopped_with_error, again, "the new job to wait on the stopped printer");

  /* The printer is fixed: the new job completes, with the same stored file. */
  yc_test_cupsd_run ("cupsenable", "receipt", NULL);
  wait_job_state (again, YC_PRINT_JOB_COMPLETED);
  g_clear_pointer (&record, yc_print_job_record_free);
  record = wait_record_state (fixture->store, again_id, "completed");
  g_assert_cmpint (record->replaces, ==, id);
  g_assert_cmpstr (record->file_hash, ==, old->file_hash);
  g_assert_null (record->error_code);
  check_output ("receipt", kase, YC_DOC_RECEIPT);
  check_output_size (fixture, "receipt", record->file_hash);
}

/* A job waiting on a stopped printer is not lost: it prints when the printer is resumed. */
static void
test_stopped_then_resumed (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_NOTICE_ONCE, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  yc_test_cupsd_run ("cupsdisable", "a4", NULL);
  job = print_document (fixture, document, "a4", &id, &error);
  g_assert_no_error (error);
  wait_until (job_stopped_with_error, job, "the job to report the stopped printer");
  yc_test_cupsd_run ("cupsenable", "a4", NULL);
  wait_job_state (job, YC_PRINT_JOB_COMPLETED);
  g_assert_null (yc_print_job_get_error (job));
  record = wait_record_state (fixture->store, id, "completed");
  g_assert_null (record->error_code);
  check_output ("a4", kase, YC_DOC_NOTICE_ONCE);
}

/* No printer chosen in Preferences: CUPS's default printer. */
static void
test_default_printer (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_REFUSAL, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  yc_test_cupsd_run ("lpadmin", "-d", "a4", NULL);
  job = print_document (fixture, document, NULL, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_print_job_get_destination (job), ==, "a4");
  wait_job_state (job, YC_PRINT_JOB_COMPLETED);
  record = wait_record_state (fixture->store, id, "completed");
  g_assert_cmpstr (record->destination, ==, "a4");
  check_output ("a4", kase, YC_DOC_REFUSAL);
}

/* --- missing, rejecting, cancelled --- */

static void
test_missing_printer (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  job = print_document (fixture, document, "no-such-printer", &id, &error);
  g_assert_error (error, YC_PRINT_ERROR, YC_PRINT_ERROR_NO_PRINTER);
  g_assert_null (job);
  g_assert_nonnull (strstr (error->message, "no-such-printer"));
  /* The attempt is on the case, failed, ready for "print again" on another printer. */
  g_assert_cmpint (id, >, 0);
  record = wait_record_state (fixture->store, id, "failed");
  g_assert_cmpstr (record->error_code, ==, "no_printer");
  g_assert_cmpint (record->cups_job_id, ==, 0);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(YcPrintJob) again = NULL;
    g_autoptr(YcPrintJobRecord) done = NULL;
    gint64 again_id = 0;

    g_clear_error (&error);
    yc_document_service_print_again_async (fixture->service, id, "a4", NULL, store_result_cb,
                                           &result);
    again = yc_document_service_print_again_finish (fixture->service, wait_result (&result),
                                                    &again_id, &error);
    g_assert_no_error (error);
    wait_job_state (again, YC_PRINT_JOB_COMPLETED);
    done = wait_record_state (fixture->store, again_id, "completed");
    g_assert_cmpstr (done->destination, ==, "a4");
  }
}

static void
test_not_accepting (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_REFUSAL, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  yc_test_cupsd_run ("cupsreject", "a4", NULL);
  job = print_document (fixture, document, "a4", &id, &error);
  g_assert_error (error, YC_PRINT_ERROR, YC_PRINT_ERROR_NOT_ACCEPTING);
  g_assert_null (job);
  record = wait_record_state (fixture->store, id, "failed");
  g_assert_cmpstr (record->error_code, ==, "not_accepting");
  yc_test_cupsd_run ("cupsaccept", "a4", NULL);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (yc_print_job_wait_finish (YC_PRINT_JOB (source), result, error));
}

static gboolean
error_arrived (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_COMMITMENT, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) wait_error = NULL;
  g_autofree char *job_id = NULL;
  gint64 id = 0;

  /* Held on a stopped queue so that someone can cancel it with CUPS's own tool. */
  yc_test_cupsd_run ("cupsdisable", "a4", NULL);
  job = print_document (fixture, document, "a4", &id, &error);
  g_assert_no_error (error);
  yc_print_job_wait_async (job, NULL, wait_done_cb, &wait_error);
  job_id = g_strdup_printf ("%d", yc_print_job_get_cups_job_id (job));
  yc_test_cupsd_run ("cancel", job_id, NULL);
  wait_until (error_arrived, &wait_error, "the cancelled job");
  g_assert_error (wait_error, YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_CANCELLED);
  g_assert_cmpint (yc_print_job_get_state (job), ==, YC_PRINT_JOB_CANCELLED);
  record = wait_record_state (fixture->store, id, "cancelled");
  g_assert_cmpstr (record->error_code, ==, "job_cancelled");
  yc_test_cupsd_run ("cupsenable", "a4", NULL);
}

/* --- after a restart --- */

static void
resume_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *followed = user_data;

  *followed = yc_document_service_resume_finish (YC_DOCUMENT_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
resumed (gpointer data)
{
  return *(guint *) data != G_MAXUINT;
}

static void
test_resume_after_restart (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(YcCase) kase = make_stored_case (fixture);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_HANDOVER, kase, fixture->item);
  g_autoptr(YcPrintJob) job = NULL;
  g_autoptr(YcPrintJobRecord) record = NULL;
  g_autoptr(YcDocumentService) restarted = NULL;
  g_autoptr(GError) error = NULL;
  guint followed = G_MAXUINT;
  gint64 id = 0;

  yc_test_cupsd_run ("cupsdisable", "a4", NULL);
  job = print_document (fixture, document, "a4", &id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, yc_print_job_record_free);
  record = wait_record_state (fixture->store, id, "stopped");

  /* The program goes away with the job unfinished; a new one picks it up from the store. */
  g_clear_object (&fixture->service);
  g_clear_object (&job);
  restarted = yc_document_service_new (fixture->store, fixture->files, "clerk-test");
  yc_document_service_resume_async (restarted, NULL, resume_done_cb, &followed);
  wait_until (resumed, &followed, "the resume");
  g_assert_cmpuint (followed, ==, 1);
  g_assert_nonnull (yc_document_service_lookup_job (restarted, id));

  yc_test_cupsd_run ("cupsenable", "a4", NULL);
  g_clear_pointer (&record, yc_print_job_record_free);
  record = wait_record_state (fixture->store, id, "completed");
  g_assert_null (record->error_code);
  check_output ("a4", kase, YC_DOC_HANDOVER);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cupsd = yc_test_cupsd_start (&error);
  if (cupsd == NULL)
    {
      /* 77: meson reports the whole program as skipped. */
      g_printerr ("Skipping: no CUPS scheduler: %s\n", error->message);
      return 77;
    }

#define ADD(path, func) \
  g_test_add ("/yc/printing/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("printer-list", test_printer_list);
  ADD ("every-kind", test_print_every_kind);
  ADD ("stopped/print-again", test_stopped_print_again);
  ADD ("stopped/resumed", test_stopped_then_resumed);
  ADD ("default-printer", test_default_printer);
  ADD ("missing-printer", test_missing_printer);
  ADD ("not-accepting", test_not_accepting);
  ADD ("cancelled", test_cancelled);
  ADD ("resume-after-restart", test_resume_after_restart);
#undef ADD

  status = g_test_run ();
  yc_test_cupsd_stop (cupsd);
  return status;
}
