/* test-case-number.c: case number format/parse round trips, window codes, and query password shape and spread. */
#include <string.h>
#include <glib.h>

#include "yc-case-number.h"

static GDateTime *
local_time (int year,
            int month,
            int day,
            int hour)
{
  return g_date_time_new_local (year, month, day, hour, 0, 0);
}

static void
test_window_code (void)
{
  const char *valid[] = { "A", "ZH01", "0", "ABCDEFGHIJ123456" };
  const char *invalid[] = { NULL, "", "zh01", "ZH-01", "ZH 01", "ABCDEFGHIJ1234567", "窗口1", "ZH_01", "ZH01\n" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (yc_window_code_is_valid (valid[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GDateTime) now = local_time (2026, 2, 12, 10);
      g_autoptr(GError) error = NULL;
      g_autofree char *case_no = NULL;

      g_assert_false (yc_window_code_is_valid (invalid[i]));
      case_no = yc_case_number_format (invalid[i], now, 1, &error);
      g_assert_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_INVALID_WINDOW_CODE);
      g_assert_null (case_no);
    }
}

static void
test_format (void)
{
  g_autoptr(GDateTime) now = local_time (2026, 2, 12, 10);
  const struct { guint seq; const char *expected; } cases[] = {
    { 1, "ZH01-20260212-0001" },
    { 42, "ZH01-20260212-0042" },
    { 9999, "ZH01-20260212-9999" },
    { 10000, "ZH01-20260212-10000" },
    { 99999, "ZH01-20260212-99999" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *case_no = yc_case_number_format ("ZH01", now, cases[i].seq, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (case_no, ==, cases[i].expected);
    }

  /* Beyond the sequence space, and zero. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *case_no = yc_case_number_format ("ZH01", now, 100000, &error);

    g_assert_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_SEQUENCE_EXHAUSTED);
    g_assert_null (case_no);
    g_clear_error (&error);
    case_no = yc_case_number_format ("ZH01", now, 0, &error);
    g_assert_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED);
    g_assert_null (case_no);
  }
}

static void
test_format_local_date (void)
{
  /* main() sets TZ to UTC+8 (China Standard Time): 20:00 UTC on the 12th is the 13th at the counter. */
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 2, 12, 20, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 2, 12, 15, 59, 59);
  g_autoptr(GError) error = NULL;
  g_autofree char *late_no = yc_case_number_format ("ZH01", utc, 7, &error);
  g_autofree char *early_no = yc_case_number_format ("ZH01", early, 7, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (late_no, ==, "ZH01-20260213-0007");
  g_assert_cmpstr (early_no, ==, "ZH01-20260212-0007");
}

static void
test_round_trip (void)
{
  const char *windows[] = { "ZH01", "A", "ABCDEFGHIJ123456" };
  const guint seqs[] = { 1, 2, 999, 1000, 9999, 10000, 12345, 99999 };
  const int dates[][3] = { { 2026, 2, 12 }, { 2025, 12, 31 }, { 2028, 2, 29 }, { 1999, 1, 1 } };

  for (gsize w = 0; w < G_N_ELEMENTS (windows); w++)
    for (gsize s = 0; s < G_N_ELEMENTS (seqs); s++)
      for (gsize d = 0; d < G_N_ELEMENTS (dates); d++)
        {
          g_autoptr(GDateTime) when = local_time (dates[d][0], dates[d][1], dates[d][2], 12);
          g_autoptr(GError) error = NULL;
          g_autofree char *case_no = yc_case_number_format (windows[w], when, seqs[s], &error);
          g_autofree char *window = NULL;
          g_autoptr(GDate) date = NULL;
          guint seq = 0;

          g_assert_no_error (error);
          g_assert_true (yc_case_number_parse (case_no, &window, &date, &seq, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (window, ==, windows[w]);
          g_assert_cmpint (g_date_get_year (date), ==, dates[d][0]);
          g_assert_cmpint (g_date_get_month (date), ==, dates[d][1]);
          g_assert_cmpint (g_date_get_day (date), ==, dates[d][2]);
          g_assert_cmpuint (seq, ==, seqs[s]);
        }

  /* Outputs are optional. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (yc_case_number_parse ("ZH01-20260212-0001", NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_parse_invalid (void)
{
  const struct { const char *case_no; int code; } cases[] = {
    { NULL, YC_CASE_NUMBER_ERROR_MALFORMED },
    { "", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01_20260212_0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-0001-2", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH-01-20260212-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "zh01-20260212-0001", YC_CASE_NUMBER_ERROR_INVALID_WINDOW_CODE },
    { "-20260212-0001", YC_CASE_NUMBER_ERROR_INVALID_WINDOW_CODE },
    { "ZH01-2026021-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-2026-02-12-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260230-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20261301-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-00000101-0001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-001", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-00001", YC_CASE_NUMBER_ERROR_MALFORMED },   /* not the canonical spelling of 1 */
    { "ZH01-20260212-0000", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-100000", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-12a4", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-+123", YC_CASE_NUMBER_ERROR_MALFORMED },
    { "ZH01-20260212-", YC_CASE_NUMBER_ERROR_MALFORMED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *window = NULL;
      GDate *date = NULL;
      guint seq = 12345;

      if (yc_case_number_parse (cases[i].case_no, &window, &date, &seq, &error))
        g_error ("“%s” parsed", cases[i].case_no);
      g_assert_error (error, YC_CASE_NUMBER_ERROR, cases[i].code);
      /* Nothing is handed out on failure. */
      g_assert_null (window);
      g_assert_null (date);
      g_assert_cmpuint (seq, ==, 12345);
    }
}

static void
test_query_password (void)
{
  enum { DRAWS = 10000 };
  guint counts[6][10] = { { 0, } };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < DRAWS; i++)
    {
      char *password = yc_query_password_new ();

      g_assert_cmpuint (strlen (password), ==, 6);
      for (int p = 0; p < 6; p++)
        {
          g_assert_true (g_ascii_isdigit (password[p]));
          counts[p][password[p] - '0']++;
        }
      g_hash_table_add (seen, password);
    }

  /* Each digit at each position is expected 1000 times (standard deviation 30): 800-1200 is a 6.6-sigma band,
   * so a uniform source fails it with probability below 1e-9, and a biased one (say, digits from
   * g_random_int() % 10 on a few bits, or a stuck position) fails it at once. */
  for (int p = 0; p < 6; p++)
    for (int d = 0; d < 10; d++)
      {
        if (counts[p][d] < 800 || counts[p][d] > 1200)
          g_error ("digit %d at position %d drawn %u times in %d draws", d, p, counts[p][d], DRAWS);
      }

  /* 10,000 draws from a million values: about 50 repeats expected (sd about 7). */
  g_assert_cmpuint (g_hash_table_size (seen), >=, DRAWS - 150);
}

int
main (int   argc,
      char *argv[])
{
  /* Pin the counter's time zone (China Standard Time, no DST) so local dates do not depend on the machine. */
  g_setenv ("TZ", "CST-8", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/case-number/window-code", test_window_code);
  g_test_add_func ("/yc/case-number/format", test_format);
  g_test_add_func ("/yc/case-number/format-local-date", test_format_local_date);
  g_test_add_func ("/yc/case-number/round-trip", test_round_trip);
  g_test_add_func ("/yc/case-number/parse-invalid", test_parse_invalid);
  g_test_add_func ("/yc/case-number/query-password", test_query_password);

  return g_test_run ();
}
