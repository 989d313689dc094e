/* test-calendar.c: working days, State Council holidays 2025-2026, deadlines and malformed calendar files. */
#include <string.h>
#include <glib.h>

#include "yc-calendar.h"

static GDate *
ymd (int year,
     int month,
     int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static YcCalendar *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  YcCalendar *calendar = yc_calendar_new_default (&error);

  g_assert_no_error (error);
  g_assert_true (YC_IS_CALENDAR (calendar));
  return calendar;
}

static YcCalendar *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return yc_calendar_new_from_bytes (bytes, error);
}

static void
assert_add (YcCalendar *calendar,
            int y, int m, int d,
            guint n,
            int ey, int em, int ed)
{
  g_autoptr(GDate) start = ymd (y, m, d);
  g_autoptr(GDate) expected = ymd (ey, em, ed);
  g_autoptr(GDate) result = yc_calendar_add_working_days (calendar, start, n);

  g_assert_nonnull (result);
  if (g_date_compare (result, expected) != 0)
    g_error ("%04d-%02d-%02d + %u working days: got %04d-%02d-%02d, expected %04d-%02d-%02d", y, m, d, n,
             g_date_get_year (result), g_date_get_month (result), g_date_get_day (result), ey, em, ed);
  g_assert_cmpint (yc_calendar_working_days_between (calendar, start, result), ==, (int) n);
}

static YcDayKind
kind_of (YcCalendar *calendar,
         int y, int m, int d)
{
  g_autoptr(GDate) date = ymd (y, m, d);

  return yc_calendar_get_day_kind (calendar, date);
}

static void
test_default (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();

  g_assert_true (yc_calendar_covers (calendar, 2025));
  g_assert_true (yc_calendar_covers (calendar, 2026));
  g_assert_false (yc_calendar_covers (calendar, 2024));
  g_assert_false (yc_calendar_covers (calendar, 2027));
  g_assert_nonnull (strstr (yc_calendar_get_notice (calendar, 2025), "国办发明电〔2024〕12号"));
  g_assert_nonnull (yc_calendar_get_notice (calendar, 2026));
  g_assert_null (yc_calendar_get_notice (calendar, 2027));
}

static void
test_spring_festival_2026 (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();

  /* TEST-VECTORS.md: 10 working days after Thursday 2026-02-12 is 2026-03-04. */
  assert_add (calendar, 2026, 2, 12, 10, 2026, 3, 4);
  /* Step by step: Friday 02-13, Saturday 02-14 (调休上班), the holiday 02-15…02-23, then 02-24. */
  assert_add (calendar, 2026, 2, 12, 0, 2026, 2, 12);
  assert_add (calendar, 2026, 2, 12, 1, 2026, 2, 13);
  assert_add (calendar, 2026, 2, 12, 2, 2026, 2, 14);
  assert_add (calendar, 2026, 2, 12, 3, 2026, 2, 24);
  assert_add (calendar, 2026, 2, 12, 7, 2026, 2, 28);
  assert_add (calendar, 2026, 2, 12, 8, 2026, 3, 2);
  /* Starting inside the holiday. */
  assert_add (calendar, 2026, 2, 18, 1, 2026, 2, 24);

  for (int d = 15; d <= 23; d++)
    g_assert_cmpint (kind_of (calendar, 2026, 2, d), ==, YC_DAY_KIND_HOLIDAY);
  g_assert_cmpint (kind_of (calendar, 2026, 2, 14), ==, YC_DAY_KIND_ADJUSTED_WORKING);
  g_assert_cmpint (kind_of (calendar, 2026, 2, 28), ==, YC_DAY_KIND_ADJUSTED_WORKING);
  g_assert_cmpint (kind_of (calendar, 2026, 3, 1), ==, YC_DAY_KIND_WEEKEND);
  g_assert_cmpint (kind_of (calendar, 2026, 2, 24), ==, YC_DAY_KIND_WORKING);
}

static void
test_national_day_2025 (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();

  /* Golden week 10-01…10-08, weekend days 09-28 (Sunday) and 10-11 (Saturday) worked. */
  for (int d = 1; d <= 8; d++)
    {
      g_autoptr(GDate) date = ymd (2025, 10, d);

      g_assert_cmpint (yc_calendar_get_day_kind (calendar, date), ==, YC_DAY_KIND_HOLIDAY);
      g_assert_false (yc_calendar_is_working_day (calendar, date));
    }
  g_assert_cmpint (kind_of (calendar, 2025, 9, 28), ==, YC_DAY_KIND_ADJUSTED_WORKING);
  g_assert_cmpint (kind_of (calendar, 2025, 10, 11), ==, YC_DAY_KIND_ADJUSTED_WORKING);
  g_assert_cmpint (kind_of (calendar, 2025, 9, 27), ==, YC_DAY_KIND_WEEKEND);
  g_assert_cmpint (kind_of (calendar, 2025, 10, 9), ==, YC_DAY_KIND_WORKING);

  assert_add (calendar, 2025, 9, 26, 1, 2025, 9, 28);
  assert_add (calendar, 2025, 9, 28, 1, 2025, 9, 29);
  assert_add (calendar, 2025, 9, 30, 1, 2025, 10, 9);
  assert_add (calendar, 2025, 9, 30, 3, 2025, 10, 11);
  assert_add (calendar, 2025, 9, 30, 4, 2025, 10, 13);
}

static void
test_working_weekend_days (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();
  const int days[][3] = {
    { 2025, 1, 26 }, { 2025, 2, 8 }, { 2025, 4, 27 }, { 2025, 9, 28 }, { 2025, 10, 11 },
    { 2026, 1, 4 }, { 2026, 2, 14 }, { 2026, 2, 28 }, { 2026, 5, 9 }, { 2026, 9, 20 }, { 2026, 10, 10 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDate) date = ymd (days[i][0], days[i][1], days[i][2]);
      GDateWeekday weekday = g_date_get_weekday (date);

      g_assert_true (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY);
      g_assert_cmpint (yc_calendar_get_day_kind (calendar, date), ==, YC_DAY_KIND_ADJUSTED_WORKING);
      g_assert_true (yc_calendar_is_working_day (calendar, date));
    }
}

static void
test_year_totals (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();
  g_autoptr(GDate) end_2024 = ymd (2024, 12, 31);
  g_autoptr(GDate) end_2025 = ymd (2025, 12, 31);
  g_autoptr(GDate) end_2026 = ymd (2026, 12, 31);

  /* Counted by hand from the notices: 261 weekdays, minus holidays on weekdays (2025: 18, 2026: 19), plus
   * worked weekend days (2025: 5, 2026: 6). */
  g_assert_cmpint (yc_calendar_working_days_between (calendar, end_2024, end_2025), ==, 248);
  g_assert_cmpint (yc_calendar_working_days_between (calendar, end_2025, end_2026), ==, 248);

  /* The fast count agrees with walking day by day. */
  {
    GDate day = *end_2024;
    int walked = 0;

    while (g_date_compare (&day, end_2026) < 0)
      {
        g_date_add_days (&day, 1);
        if (yc_calendar_is_working_day (calendar, &day))
          walked++;
      }
    g_assert_cmpint (walked, ==, 496);
  }
}

static void
test_days_between (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();
  g_autoptr(GDate) a = ymd (2026, 2, 12);
  g_autoptr(GDate) b = ymd (2026, 3, 4);
  g_autoptr(GDate) sat = ymd (2026, 3, 7);
  g_autoptr(GDate) sun = ymd (2026, 3, 8);

  g_assert_cmpint (yc_calendar_working_days_between (calendar, a, a), ==, 0);
  g_assert_cmpint (yc_calendar_working_days_between (calendar, a, b), ==, 10);
  g_assert_cmpint (yc_calendar_working_days_between (calendar, b, a), ==, -10);
  g_assert_cmpint (yc_calendar_working_days_between (calendar, sat, sun), ==, 0);

  /* Between and add agree for every start and count over the turn of the years and the spring festival. */
  for (int offset = 0; offset < 120; offset += 3)
    {
      g_autoptr(GDate) start = ymd (2025, 12, 20);

      g_date_add_days (start, offset);
      for (guint n = 0; n <= 25; n++)
        {
          g_autoptr(GDate) end = yc_calendar_add_working_days (calendar, start, n);
          g_autoptr(GDate) before = g_date_copy (end);

          g_assert_cmpint (yc_calendar_working_days_between (calendar, start, end), ==, (int) n);
          /* The result is itself a working day (or the start for n = 0), and the day before it is one short. */
          if (n > 0)
            {
              g_assert_true (yc_calendar_is_working_day (calendar, end));
              g_date_subtract_days (before, 1);
              g_assert_cmpint (yc_calendar_working_days_between (calendar, start, before), ==, (int) n - 1);
            }
        }
    }
}

static void
test_deadline_status (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();
  g_autoptr(GDate) deadline = ymd (2026, 3, 4);
  const struct { int m, d; guint threshold; YcDeadlineStatus status; } cases[] = {
    { 3, 5, 2, YC_DEADLINE_RED },
    { 3, 20, 2, YC_DEADLINE_RED },
    { 3, 4, 2, YC_DEADLINE_YELLOW },   /* due today */
    { 3, 3, 2, YC_DEADLINE_YELLOW },
    { 3, 2, 2, YC_DEADLINE_YELLOW },   /* 03-03 and 03-04 left */
    { 3, 1, 2, YC_DEADLINE_GREEN },    /* Sunday: 03-02, 03-03, 03-04 left */
    { 2, 28, 2, YC_DEADLINE_GREEN },   /* Saturday worked: 03-02, 03-03, 03-04 left */
    { 2, 28, 3, YC_DEADLINE_YELLOW },
    { 3, 4, 0, YC_DEADLINE_YELLOW },
    { 3, 3, 0, YC_DEADLINE_GREEN },
    { 2, 12, 2, YC_DEADLINE_GREEN },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) today = ymd (2026, cases[i].m, cases[i].d);

      g_assert_cmpint (yc_calendar_get_deadline_status (calendar, deadline, today, cases[i].threshold), ==,
                       cases[i].status);
    }

  /* Eleven calendar days but two working days: the holiday makes it urgent. */
  {
    g_autoptr(GDate) today = ymd (2026, 2, 13);
    g_autoptr(GDate) after_holiday = ymd (2026, 2, 24);

    g_assert_cmpint (yc_calendar_get_deadline_status (calendar, after_holiday, today,
                                                      YC_CALENDAR_DEFAULT_YELLOW_DAYS), ==, YC_DEADLINE_YELLOW);
  }

  /* Against the real clock. */
  {
    g_autoptr(GDate) long_ago = ymd (2000, 1, 3);
    g_autoptr(GDate) far_away = ymd (2200, 1, 3);

    g_assert_cmpint (yc_calendar_get_deadline_status (calendar, long_ago, NULL, 2), ==, YC_DEADLINE_RED);
    g_assert_cmpint (yc_calendar_get_deadline_status (calendar, far_away, NULL, 2), ==, YC_DEADLINE_GREEN);
  }
}

static void
test_uncovered_year (void)
{
  g_autoptr(YcCalendar) calendar = load_default ();

  g_assert_false (yc_calendar_covers (calendar, 2030));
  /* 2030-01-01 is a Tuesday: without data it is a working day; weekends are off. */
  g_assert_cmpint (kind_of (calendar, 2030, 1, 1), ==, YC_DAY_KIND_WORKING);
  g_assert_cmpint (kind_of (calendar, 2030, 1, 5), ==, YC_DAY_KIND_WEEKEND);
  g_assert_cmpint (kind_of (calendar, 2030, 1, 6), ==, YC_DAY_KIND_WEEKEND);
  assert_add (calendar, 2030, 1, 4, 1, 2030, 1, 7);
  assert_add (calendar, 2030, 1, 4, 10, 2030, 1, 18);
  /* Out of the covered range on both sides of it. */
  assert_add (calendar, 2024, 12, 27, 3, 2025, 1, 2);
  assert_add (calendar, 2026, 12, 30, 3, 2027, 1, 4);

  /* The weekday rule holds for every day of two centuries (GDate is the reference). */
  {
    g_autoptr(GDate) day = ymd (1950, 1, 1);

    for (int i = 0; i < 200 * 366; i++, g_date_add_days (day, 1))
      {
        GDateWeekday weekday;
        YcDayKind kind;

        if (yc_calendar_covers (calendar, g_date_get_year (day)))
          continue;
        weekday = g_date_get_weekday (day);
        kind = yc_calendar_get_day_kind (calendar, day);
        g_assert_cmpint (kind, ==, weekday >= G_DATE_SATURDAY ? YC_DAY_KIND_WEEKEND : YC_DAY_KIND_WORKING);
      }
  }
}

static void
test_from_bytes_replaces_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCalendar) calendar = NULL;
  g_autoptr(GDate) bridge = ymd (2026, 12, 31);
  g_autoptr(GDate) new_year = ymd (2027, 1, 1);

  /* A platform calendar for 2027 with a New Year bridge starting in December 2026. */
  calendar = load_text ("[2027]\n"
                        "notice=test notice\n"
                        "holidays = 2026-12-31 .. 2027-01-02 ; 2027-02-05;\n"
                        "workdays=2027-01-09\n", &error);
  g_assert_no_error (error);
  g_assert_true (yc_calendar_covers (calendar, 2027));
  g_assert_false (yc_calendar_covers (calendar, 2026));
  g_assert_cmpstr (yc_calendar_get_notice (calendar, 2027), ==, "test notice");
  g_assert_cmpint (yc_calendar_get_day_kind (calendar, bridge), ==, YC_DAY_KIND_HOLIDAY);
  g_assert_cmpint (yc_calendar_get_day_kind (calendar, new_year), ==, YC_DAY_KIND_HOLIDAY);
  g_assert_cmpint (kind_of (calendar, 2027, 1, 9), ==, YC_DAY_KIND_ADJUSTED_WORKING);
  /* The default's 2026 holidays are not in this calendar. */
  g_assert_cmpint (kind_of (calendar, 2026, 2, 16), ==, YC_DAY_KIND_WORKING);
  assert_add (calendar, 2026, 12, 30, 1, 2027, 1, 4);

  /* An empty file is a valid calendar of weekends only. */
  g_clear_object (&calendar);
  calendar = load_text ("# nothing yet\n", &error);
  g_assert_no_error (error);
  g_assert_false (yc_calendar_covers (calendar, 2026));
  g_assert_cmpint (kind_of (calendar, 2026, 2, 16), ==, YC_DAY_KIND_WORKING);

  /* The same from a GKeyFile. */
  {
    g_autoptr(GKeyFile) key_file = g_key_file_new ();
    g_autoptr(YcCalendar) from_key_file = NULL;

    g_assert_true (g_key_file_load_from_data (key_file, "[2028]\nholidays=2028-01-03\n", -1, 0, &error));
    from_key_file = yc_calendar_new_from_key_file (key_file, &error);
    g_assert_no_error (error);
    g_assert_true (yc_calendar_covers (from_key_file, 2028));
    g_assert_cmpint (kind_of (from_key_file, 2028, 1, 3), ==, YC_DAY_KIND_HOLIDAY);
  }
}

static void
test_malformed (void)
{
  const struct { const char *text; int code; } cases[] = {
    { "[2025\nholidays=2025-01-01\n", YC_CALENDAR_ERROR_PARSE },
    { "holidays=2025-01-01\n", YC_CALENDAR_ERROR_PARSE },
    { "[calendar]\nholidays=2025-01-01\n", YC_CALENDAR_ERROR_INVALID_YEAR },
    { "[02025]\nholidays=2025-01-01\n", YC_CALENDAR_ERROR_INVALID_YEAR },
    { "[25]\nholidays=2025-01-01\n", YC_CALENDAR_ERROR_INVALID_YEAR },
    { "[2025]\nnotice=x\n", YC_CALENDAR_ERROR_INVALID_KEY },
    { "[2025]\nholidays=\n", YC_CALENDAR_ERROR_INVALID_KEY },
    { "[2025]\nholidays=2025-01-01\nworkday=2025-01-26\n", YC_CALENDAR_ERROR_INVALID_KEY },
    { "[2025]\nholidays=2025-02-30\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-1-1\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=20250101\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-01-01..\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-02-04..2025-01-28\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-01-28..2025-12-04\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2026-01-01\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2024-11-30\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-01-01\nworkdays=2025-01-27\n", YC_CALENDAR_ERROR_INVALID_DATE },
    { "[2025]\nholidays=2025-01-01;2025-01-01\n", YC_CALENDAR_ERROR_CONFLICT },
    { "[2025]\nholidays=2025-01-28..2025-02-04;2025-02-01\n", YC_CALENDAR_ERROR_CONFLICT },
    { "[2025]\nholidays=2025-02-01\nworkdays=2025-02-01\n", YC_CALENDAR_ERROR_CONFLICT },
    { "[2024]\nholidays=2024-12-31\n[2025]\nholidays=2024-12-31\n", YC_CALENDAR_ERROR_CONFLICT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YcCalendar) calendar = load_text (cases[i].text, &error);

      if (!g_error_matches (error, YC_CALENDAR_ERROR, cases[i].code))
        g_error ("case %" G_GSIZE_FORMAT " (%s): expected code %d, got %s", i, cases[i].text, cases[i].code,
                 error != NULL ? error->message : "no error");
      g_assert_null (calendar);
      g_assert_cmpstr (error->message, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/calendar/default", test_default);
  g_test_add_func ("/yc/calendar/spring-festival-2026", test_spring_festival_2026);
  g_test_add_func ("/yc/calendar/national-day-2025", test_national_day_2025);
  g_test_add_func ("/yc/calendar/working-weekend-days", test_working_weekend_days);
  g_test_add_func ("/yc/calendar/year-totals", test_year_totals);
  g_test_add_func ("/yc/calendar/days-between", test_days_between);
  g_test_add_func ("/yc/calendar/deadline-status", test_deadline_status);
  g_test_add_func ("/yc/calendar/uncovered-year", test_uncovered_year);
  g_test_add_func ("/yc/calendar/from-bytes", test_from_bytes_replaces_default);
  g_test_add_func ("/yc/calendar/malformed", test_malformed);

  return g_test_run ();
}
