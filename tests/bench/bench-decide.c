/* bench-decide.c: "decide and save" latency (rules, number, case, checklist, documents due, audit
 * and outbox in one durable transaction) on a real file, with this disk's fsync cost and draft
 * saves beside. */
#define G_LOG_DOMAIN "yc-bench"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "yc-store.h"

#define N_DECISIONS 1000     /* the target asks for at least 500 */
#define N_WARM_UP 30
#define N_FSYNCS 500
#define N_DRAFTS 500
#define TARGET_P99_MS 5.0

static const char *catalogue_json =
  "{\"version\": \"bench\", \"region\": \"北方市\","
  " \"code_lists\": {\"item_type\": [{\"code\": \"XK\", \"label\": \"行政许可\"}]},"
  " \"items\": ["
  "  {\"code\": \"HOUSE\", \"name\": \"不动产转移登记\","
  "   \"department\": \"北方市不动产登记中心\", \"item_type\": \"XK\","
  "   \"case_type\": \"promised\", \"legal_days\": 20, \"promised_days\": 10,"
  "   \"commitment_allowed\": true, \"legal_basis\": \"《不动产登记暂行条例》\","
  "   \"materials\": ["
  "     {\"code\": \"M1\", \"name\": \"身份证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true, \"licence_type\": \"居民身份证\"},"
  "     {\"code\": \"M2\", \"name\": \"购房合同\", \"originals\": 1, \"copies\": 1,"
  "      \"form\": \"paper\", \"required\": true},"
  "     {\"code\": \"M3\", \"name\": \"完税证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true, \"tolerable\": true, \"supplement_days\": 5},"
  "     {\"code\": \"M4\", \"name\": \"婚姻证明\", \"copies\": 1, \"form\": \"paper\","
  "      \"required\": true, \"tolerable\": true, \"supplement_days\": 15},"
  "     {\"code\": \"M5\", \"name\": \"户口簿\", \"copies\": 1, \"form\": \"paper\","
  "      \"required\": false},"
  "     {\"code\": \"M6\", \"name\": \"不动产权证书\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true}]}"
  " ]}";

/* The outcomes cycled through, with the checklist each needs (one letter per material). */
static const struct {
  YcDecisionOutcome outcome;
  const char       *states;
} mix[] = {
  { YC_DECISION_ACCEPT, "LOOOSO" },
  { YC_DECISION_TOLERANCE_ACCEPT, "OOTTPO" },
  { YC_DECISION_ACCEPT, "OCOOOO" },
  { YC_DECISION_COMMITMENT_ACCEPT, "OOKOPO" },
  { YC_DECISION_ISSUE_NOTICE, "OPPOPO" },
};

static YcMaterialState
state_of (char c)
{
  switch (c)
    {
    case 'O': return YC_MATERIAL_STATE_ORIGINAL_CHECKED;
    case 'C': return YC_MATERIAL_STATE_COPY_RECEIVED;
    case 'S': return YC_MATERIAL_STATE_SCANNED;
    case 'L': return YC_MATERIAL_STATE_LICENCE;
    case 'T': return YC_MATERIAL_STATE_TOLERATED;
    case 'K': return YC_MATERIAL_STATE_COMMITMENT;
    default: return YC_MATERIAL_STATE_PENDING;
    }
}

static YcCase *
new_draft (YcItem     *item,
           guint       i,
           const char *states)
{
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);
  g_autofree char *name = g_strdup_printf ("申请人%04u", i);
  YcCase *kase = yc_case_new_for_item (item);
  GListModel *materials = yc_case_get_materials (kase);

  g_object_set (applicant, "name", name, "id-number", "11010519491231002X", "phone", "13800138000",
                "address", "北方市北城区幸福路一号院三号楼二单元五零二室", NULL);
  g_object_set (agent, "name", "李四", "id-number", "360426199101010071", "relation", "子女",
                "authorisation", "书面委托书", NULL);
  g_object_set (kase, "applicant", applicant, "agent", agent, "window-code", "W01", "clerk",
                "clerk-wang", NULL);
  for (guint j = 0; j < g_list_model_get_n_items (materials); j++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, j);

      yc_case_material_set_state (m, state_of (states[j]));
    }
  return kase;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted samples. */
static double
percentile (GArray *sorted,
            double  p)
{
  guint rank = (guint) (p / 100.0 * sorted->len + 0.999999);

  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, double, rank - 1);
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-34s n=%-5u p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", what, samples->len,
           percentile (samples, 50), percentile (samples, 99),
           g_array_index (samples, double, samples->len - 1));
}

/* What one durable commit costs at least on this disk: a small write and fdatasync, as SQLite's WAL
 * commit does (it syncs the WAL once per transaction with synchronous=FULL). */
static gboolean
measure_fsync (const char *dir,
               GArray     *samples,
               GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "fsync-probe", NULL);
  char block[4096];
  int fd;

  memset (block, 'y', sizeof block);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "open %s: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < N_FSYNCS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (pwrite (fd, block, sizeof block, (off_t) (i % 64) * sizeof block) != sizeof block ||
          fdatasync (fd) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "write: %s",
                       g_strerror (errno));
          close (fd);
          return FALSE;
        }
      g_array_append_val (samples, (double) { (g_get_monotonic_time () - start) / 1000.0 });
    }
  close (fd);
  g_unlink (path);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(YcCalendar) calendar = NULL;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(GArray) decide = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fsyncs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drafts = g_array_new (FALSE, FALSE, sizeof (double));
  double p99, fsync_p99;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("yc-bench-decide-XXXXXX", &error);
  if (dir == NULL)
    goto fail;
  path = g_build_filename (dir, "yichuang.db", NULL);
  store = yc_store_open (path, &error);
  if (store == NULL)
    goto fail;
  bytes = g_bytes_new_static (catalogue_json, strlen (catalogue_json));
  catalogue = yc_catalogue_parse (bytes, &error);
  if (catalogue == NULL || !yc_store_import_catalogue (store, catalogue, &error))
    goto fail;
  calendar = yc_calendar_new_default (&error);
  if (calendar == NULL)
    goto fail;
  item = yc_store_get_item (store, "HOUSE", &error);
  if (item == NULL)
    goto fail;

  g_print ("Database: %s (WAL, synchronous=FULL)\n", path);

  for (guint i = 0; i < N_WARM_UP + N_DECISIONS; i++)
    {
      guint k = i % G_N_ELEMENTS (mix);
      g_autoptr(YcCase) kase = new_draft (item, i, mix[k].states);
      gint64 start = g_get_monotonic_time ();

      /* Timed: the rules, the checks, and the whole transaction up to its durable COMMIT. */
      if (!yc_store_decide_case (store, kase, item, mix[k].outcome, calendar, "clerk-wang", &error))
        goto fail;
      if (i >= N_WARM_UP)
        g_array_append_val (decide, (double) { (g_get_monotonic_time () - start) / 1000.0 });
    }

  for (guint i = 0; i < N_DRAFTS; i++)
    {
      g_autoptr(YcCase) kase = new_draft (item, i, "OOTPPO");
      gint64 start = g_get_monotonic_time ();

      if (!yc_store_save_draft (store, kase, "tolerance_accept", NULL, &error))
        goto fail;
      g_array_append_val (drafts, (double) { (g_get_monotonic_time () - start) / 1000.0 });
    }

  if (!measure_fsync (dir, fsyncs, &error))
    goto fail;

  report ("decide and save (mixed outcomes)", decide);
  report ("save draft (upsert)", drafts);
  report ("fsync floor (4 KiB + fdatasync)", fsyncs);
  p99 = percentile (decide, 99);
  fsync_p99 = percentile (fsyncs, 99);

  if (p99 <= TARGET_P99_MS)
    g_print ("PASS: decide and save p99 %.3f ms <= %.1f ms\n", p99, TARGET_P99_MS);
  else if (fsync_p99 > TARGET_P99_MS)
    g_print (
      "FAIL: decide and save p99 %.3f ms > %.1f ms; this disk's fsync alone has p99 %.3f ms\n", p99,
      TARGET_P99_MS, fsync_p99);
  else
    g_print ("FAIL: decide and save p99 %.3f ms > %.1f ms (fsync p99 %.3f ms)\n", p99,
             TARGET_P99_MS, fsync_p99);

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;

fail:
  g_printerr ("bench-decide: %s\n", error ? error->message : "failed");
  return EXIT_FAILURE;
}
