/* bench-print.c: "print the receipt" (render, store, record, submit) until cupsd has accepted the
 * job, p95 over many receipts, and the rendering time of every document kind on A4 and on the 80 mm
 * roll. Uses dev.sh's cupsd ($CUPS_SERVER) or starts its own. Prints PASS/FAIL lines; exits
 * non-zero only when something does not work. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "yc-document-service.h"
#include "yc-test-cupsd.h"
#include "yc-test-documents.h"

#define N_JOBS 40
#define N_RENDERS 12
#define TARGET_P95_MS 500.0

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (double *values,
            guint   n,
            guint   p)
{
  guint index;

  qsort (values, n, sizeof (double), compare_doubles);
  /* Nearest rank: the smallest value with at least p % of the values at or below it. */
  index = (n * p + 99) / 100;
  return values[MAX (index, 1) - 1];
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
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
wait_job_final (YcPrintJob *job,
                gint64      timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (!yc_print_job_state_is_final (yc_print_job_get_state (job)))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

/* A new decided case, as a counter makes one per applicant. */
static YcCase *
new_case (YcStore *store,
          YcItem  *item,
          GError **error)
{
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);

  g_object_set (kase, "state", YC_CASE_STATE_DRAFT, "case-no", NULL, NULL);
  if (!yc_store_create_case (store, kase, YC_CASE_EVENT_ACCEPT, "bench", error))
    return NULL;
  return g_steal_pointer (&kase);
}

static gboolean
bench_print (YcStore     *store,
             YcFileStore *files,
             YcItem      *item,
             gboolean    *pass)
{
  g_autoptr(YcDocumentService) service = yc_document_service_new (store, files, "bench");
  double accepted_ms[N_JOBS];
  double p50, p95, max;

  for (guint i = 0; i < N_JOBS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YcCase) kase = new_case (store, item, &error);
      g_autoptr(YcDocument) document = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(YcPrintJob) job = NULL;
      gint64 start;

      if (kase == NULL)
        {
          g_printerr ("bench-print: could not create a case: %s\n", error->message);
          return FALSE;
        }
      document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
      yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);

      /* From the clerk's "print the receipt" to CUPS holding the whole job. */
      start = g_get_monotonic_time ();
      yc_document_service_print_document_async (service, document, "receipt", 1, NULL,
                                                store_result_cb, &result);
      job = yc_document_service_print_document_finish (service, wait_result (&result), NULL,
                                                       &error);
      accepted_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (job == NULL)
        {
          g_printerr ("bench-print: printing failed: %s\n", error->message);
          return FALSE;
        }
      /* One receipt at a time, as at a counter: the next starts on an idle printer (not timed). */
      if (!wait_job_final (job, 60 * G_USEC_PER_SEC)
          || yc_print_job_get_state (job) != YC_PRINT_JOB_COMPLETED)
        {
          g_printerr ("bench-print: job %d did not complete (%s)\n",
                      yc_print_job_get_cups_job_id (job),
                      yc_print_job_state_to_string (yc_print_job_get_state (job)));
          return FALSE;
        }
    }

  max = 0;
  for (guint i = 0; i < N_JOBS; i++)
    max = MAX (max, accepted_ms[i]);
  p50 = percentile (accepted_ms, N_JOBS, 50);
  p95 = percentile (accepted_ms, N_JOBS, 95);
  *pass = p95 <= TARGET_P95_MS;
  g_print ("print the receipt → accepted by cupsd: n=%u p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
           N_JOBS, p50, p95, max);
  g_print ("%s print-receipt p95 %.1f ms <= %.0f ms\n", *pass ? "PASS" : "FAIL", p95,
           TARGET_P95_MS);
  return TRUE;
}

static gboolean
bench_render (YcItem *item)
{
  static const YcDocKind kinds[] = {
    YC_DOC_RECEIPT, YC_DOC_NOTICE_ONCE, YC_DOC_REFUSAL, YC_DOC_TOLERANCE, YC_DOC_COMMITMENT,
    YC_DOC_HANDOVER, YC_DOC_GUIDANCE,
  };
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);

  g_print ("\nrender time per kind (ms, n=%u each)   %-22s %-22s\n", N_RENDERS,
           "A4 p50 / p95 / pages", "80 mm p50 / p95 / pages");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-36s", yc_doc_kind_to_string (kinds[k]));
      for (guint f = 0; f < 2; f++)
        {
          g_autoptr(YcDocument) document = yc_test_make_document (kinds[k], kase, item);
          double ms[N_RENDERS];
          guint n_pages = 0;

          yc_document_set_format (document, f == 0 ? YC_DOC_FORMAT_A4 : YC_DOC_FORMAT_RECEIPT);
          for (guint i = 0; i < N_RENDERS; i++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(GBytes) pdf = NULL;
              gint64 start = g_get_monotonic_time ();

              pdf = yc_document_render (document, &n_pages, &error);
              ms[i] = (g_get_monotonic_time () - start) / 1000.0;
              if (pdf == NULL)
                {
                  g_printerr ("bench-print: rendering %s failed: %s\n",
                              yc_doc_kind_to_string (kinds[k]), error->message);
                  return FALSE;
                }
            }
          {
            double p50 = percentile (ms, N_RENDERS, 50);
            double p95 = percentile (ms, N_RENDERS, 95);

            g_string_append_printf (line, " %6.1f / %6.1f / %-4u  ", p50, p95, n_pages);
          }
        }
      g_print ("%s\n", line->str);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *root = NULL;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcFileStore) files = NULL;
  g_autoptr(YcItem) item = yc_test_make_item (6);
  YcTestCupsd *cupsd;
  gboolean pass = FALSE;
  gboolean ok;

  cupsd = yc_test_cupsd_start (&error);
  if (cupsd == NULL)
    {
      g_printerr ("bench-print: no CUPS scheduler: %s\n", error->message);
      return 1;
    }
  dir = g_dir_make_tmp ("yc-bench-print-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-print: %s\n", error->message);
      yc_test_cupsd_stop (cupsd);
      return 1;
    }
  db = g_build_filename (dir, "bench.db", NULL);
  root = g_build_filename (dir, "files", NULL);
  store = yc_store_open (db, &error);
  if (store != NULL)
    files = yc_file_store_new (root, &error);
  if (store == NULL || files == NULL)
    {
      g_printerr ("bench-print: %s\n", error->message);
      yc_test_cupsd_stop (cupsd);
      return 1;
    }

  /* The first rendering loads the CJK fonts (a one-off at start-up): not part of printing a
   * receipt. */
  {
    g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
    g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
    g_autoptr(GBytes) warm = yc_document_render (document, NULL, NULL);
    gint64 start = g_get_monotonic_time ();

    g_clear_pointer (&warm, g_bytes_unref);
    warm = yc_document_render (document, NULL, NULL);
    g_print ("warm-up rendering done (a warm receipt renders in %.1f ms)\n",
             (g_get_monotonic_time () - start) / 1000.0);
  }

  ok = bench_print (store, files, item, &pass) && bench_render (item);

  g_clear_object (&files);
  g_clear_object (&store);
  yc_test_cupsd_stop (cupsd);
  /* YC_BENCH_KEEP_DB=1 keeps the database and the rendered files for a look. */
  if (g_getenv ("YC_BENCH_KEEP_DB") == NULL)
    yc_test_remove_tree (dir);
  else
    g_print ("Kept %s\n", dir);
  g_print ("\nOverall: %s\n", ok ? (pass ? "PASS" : "FAIL") : "ERROR");
  return ok ? 0 : 1;
}
