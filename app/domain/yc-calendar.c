/* yc-calendar.c: working-day calendar loaded from a key file of State Council holiday notices. */
#define G_LOG_DOMAIN "yc-calendar"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "yc-calendar.h"

#define DEFAULT_CALENDAR_PATH "/org/yichuang/Yichuang/core/calendar/cn-holidays.ini"
#define MAX_RANGE_DAYS 31

G_DEFINE_QUARK (yc-calendar-error-quark, yc_calendar_error)

/* A day that differs from the plain weekday/weekend rule. */
typedef struct {
  guint32   julian;
  YcDayKind kind;   /* HOLIDAY or ADJUSTED_WORKING */
} SpecialDay;

struct _YcCalendar
{
  GObject     parent_instance;

  GArray     *special;   /* SpecialDay, sorted by julian day, no duplicates */
  GHashTable *notices;   /* year (GINT_TO_POINTER) → notice (char *, may be NULL) */
};

G_DEFINE_FINAL_TYPE (YcCalendar, yc_calendar, G_TYPE_OBJECT)

static void
yc_calendar_finalize (GObject *object)
{
  YcCalendar *self = YC_CALENDAR (object);

  g_clear_pointer (&self->special, g_array_unref);
  g_clear_pointer (&self->notices, g_hash_table_unref);

  G_OBJECT_CLASS (yc_calendar_parent_class)->finalize (object);
}

static void
yc_calendar_class_init (YcCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_calendar_finalize;
}

static void
yc_calendar_init (YcCalendar *self)
{
  self->special = g_array_new (FALSE, FALSE, sizeof (SpecialDay));
  self->notices = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/* GDate's day 1 is Monday 0001-01-01 (proleptic Gregorian), so the weekday is plain arithmetic. */
static gboolean
julian_is_weekend (guint32 julian)
{
  return (julian - 1) % 7 >= 5;
}

/* Monday to Friday in [1, @julian]. */
static gint64
weekdays_up_to (guint32 julian)
{
  return (gint64) (julian / 7) * 5 + MIN (julian % 7, 5);
}

static int
special_day_compare (gconstpointer a,
                     gconstpointer b)
{
  guint32 ja = ((const SpecialDay *) a)->julian;
  guint32 jb = ((const SpecialDay *) b)->julian;

  return ja < jb ? -1 : ja > jb;
}

static const SpecialDay *
find_special (YcCalendar *self,
              guint32     julian)
{
  SpecialDay key = { julian, 0 };

  if (self->special->len == 0)
    return NULL;
  return bsearch (&key, self->special->data, self->special->len, sizeof (SpecialDay), special_day_compare);
}

/* Index of the first special day on or after @julian. */
static guint
lower_bound (YcCalendar *self,
             guint32     julian)
{
  guint lo = 0, hi = self->special->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->special, SpecialDay, mid).julian < julian)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static YcDayKind
julian_day_kind (YcCalendar *self,
                 guint32     julian)
{
  const SpecialDay *day = find_special (self, julian);

  if (day != NULL)
    return day->kind;
  return julian_is_weekend (julian) ? YC_DAY_KIND_WEEKEND : YC_DAY_KIND_WORKING;
}

static gboolean
julian_is_working (YcCalendar *self,
                   guint32     julian)
{
  YcDayKind kind = julian_day_kind (self, julian);

  return kind == YC_DAY_KIND_WORKING || kind == YC_DAY_KIND_ADJUSTED_WORKING;
}

/* Working days in [@first, @last], @first <= @last: weekdays by arithmetic, then the listed exceptions. */
static gint64
count_working (YcCalendar *self,
               guint32     first,
               guint32     last)
{
  gint64 count = weekdays_up_to (last) - weekdays_up_to (first - 1);

  for (guint i = lower_bound (self, first); i < self->special->len; i++)
    {
      const SpecialDay *day = &g_array_index (self->special, SpecialDay, i);

      if (day->julian > last)
        break;
      if (day->kind == YC_DAY_KIND_HOLIDAY && !julian_is_weekend (day->julian))
        count--;
      else if (day->kind == YC_DAY_KIND_ADJUSTED_WORKING && julian_is_weekend (day->julian))
        count++;
    }
  return count;
}

/* ---- Loading ---- */

static gboolean
parse_iso_date (const char *s,
                GDate      *out)
{
  int year, month, day;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;

  year = atoi (s);
  month = atoi (s + 5);
  day = atoi (s + 8);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* A group's dates are in its year, or in the December before it (a New Year bridge such as 12-30…01-01). */
static gboolean
date_belongs_to_year (const GDate *date,
                      int          year)
{
  int y = g_date_get_year (date);

  return y == year || (y == year - 1 && g_date_get_month (date) == G_DATE_DECEMBER);
}

static gboolean
add_entries (GKeyFile    *key_file,
             const char  *group,
             int          year,
             const char  *key,
             YcDayKind    kind,
             GHashTable  *seen,
             GArray      *special,
             GError     **error)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_added = 0;

  items = g_key_file_get_string_list (key_file, group, key, NULL, &local_error);
  if (items == NULL)
    {
      if (kind == YC_DAY_KIND_ADJUSTED_WORKING &&
          g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
        return TRUE;
      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_KEY,
                   _("Calendar year %d has no “%s” list: %s"), year, key, local_error->message);
      return FALSE;
    }

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      const char *dots;
      GDate first, last;

      if (item[0] == '\0')
        continue;

      dots = strstr (item, "..");
      if (dots != NULL)
        {
          g_autofree char *from = g_strndup (item, dots - item);

          if (!parse_iso_date (g_strstrip (from), &first) || !parse_iso_date (g_strstrip ((char *) dots + 2), &last))
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_DATE,
                           _("Calendar year %d, “%s”: “%s” is not a range of two dates YYYY-MM-DD..YYYY-MM-DD"),
                           year, key, item);
              return FALSE;
            }
          if (g_date_compare (&first, &last) > 0 ||
              g_date_get_julian (&last) - g_date_get_julian (&first) >= MAX_RANGE_DAYS)
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_DATE,
                           _("Calendar year %d, “%s”: the range “%s” must run forwards and span at most %d days"),
                           year, key, item, MAX_RANGE_DAYS);
              return FALSE;
            }
        }
      else
        {
          if (!parse_iso_date (item, &first))
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_DATE,
                           _("Calendar year %d, “%s”: “%s” is not a date YYYY-MM-DD"), year, key, item);
              return FALSE;
            }
          last = first;
        }

      if (!date_belongs_to_year (&first, year) || !date_belongs_to_year (&last, year))
        {
          g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_DATE,
                       _("Calendar year %d, “%s”: “%s” is not in %d"), year, key, item, year);
          return FALSE;
        }

      for (guint32 j = g_date_get_julian (&first); j <= g_date_get_julian (&last); j++)
        {
          SpecialDay day = { j, kind };
          GDate date;
          char text[16];

          g_date_clear (&date, 1);
          g_date_set_julian (&date, j);
          g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);

          if (kind == YC_DAY_KIND_ADJUSTED_WORKING && !julian_is_weekend (j))
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_DATE,
                           _("Calendar year %d: %s is listed as a working weekend day but is not a Saturday or Sunday"),
                           year, text);
              return FALSE;
            }
          if (g_hash_table_contains (seen, GUINT_TO_POINTER (j)))
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_CONFLICT,
                           _("Calendar year %d: %s is listed more than once"), year, text);
              return FALSE;
            }
          g_hash_table_add (seen, GUINT_TO_POINTER (j));
          g_array_append_val (special, day);
          n_added++;
        }
    }

  if (kind == YC_DAY_KIND_HOLIDAY && n_added == 0)
    {
      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_KEY,
                   _("Calendar year %d lists no holidays"), year);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_year (const char *group,
            int        *year)
{
  if (strlen (group) != 4 || strspn (group, "0123456789") != 4 || group[0] == '0')
    return FALSE;
  *year = atoi (group);
  return TRUE;
}

YcCalendar *
yc_calendar_new_from_key_file (GKeyFile  *key_file,
                               GError   **error)
{
  g_autoptr(YcCalendar) self = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (YC_TYPE_CALENDAR, NULL);
  seen = g_hash_table_new (NULL, NULL);
  groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = NULL;
      int year;

      if (!parse_year (groups[i], &year))
        {
          g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_YEAR,
                       _("Calendar group “%s” is not a year such as [2026]"), groups[i]);
          return NULL;
        }
      if (g_hash_table_contains (self->notices, GINT_TO_POINTER (year)))
        {
          g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_YEAR,
                       _("Calendar year %d appears twice"), year);
          return NULL;
        }

      keys = g_key_file_get_keys (key_file, groups[i], NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          if (!g_str_equal (keys[k], "notice") && !g_str_equal (keys[k], "holidays") &&
              !g_str_equal (keys[k], "workdays"))
            {
              g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID_KEY,
                           _("Calendar year %d has an unknown key “%s” (expected notice, holidays, workdays)"),
                           year, keys[k]);
              return NULL;
            }
        }

      if (!add_entries (key_file, groups[i], year, "holidays", YC_DAY_KIND_HOLIDAY, seen, self->special, error) ||
          !add_entries (key_file, groups[i], year, "workdays", YC_DAY_KIND_ADJUSTED_WORKING, seen, self->special,
                        error))
        return NULL;

      g_hash_table_insert (self->notices, GINT_TO_POINTER (year),
                           g_key_file_get_string (key_file, groups[i], "notice", NULL));
    }

  g_array_sort (self->special, special_day_compare);
  return g_steal_pointer (&self);
}

YcCalendar *
yc_calendar_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_PARSE,
                   _("The holiday calendar cannot be read: %s"), local_error->message);
      return NULL;
    }
  return yc_calendar_new_from_key_file (key_file, error);
}

YcCalendar *
yc_calendar_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (DEFAULT_CALENDAR_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_PARSE,
                   _("The built-in holiday calendar is missing: %s"), local_error->message);
      return NULL;
    }
  return yc_calendar_new_from_bytes (bytes, error);
}

/* ---- Queries ---- */

gboolean
yc_calendar_covers (YcCalendar *self,
                    int         year)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), FALSE);

  return g_hash_table_contains (self->notices, GINT_TO_POINTER (year));
}

const char *
yc_calendar_get_notice (YcCalendar *self,
                        int         year)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), NULL);

  return g_hash_table_lookup (self->notices, GINT_TO_POINTER (year));
}

YcDayKind
yc_calendar_get_day_kind (YcCalendar  *self,
                          const GDate *date)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), YC_DAY_KIND_WORKING);
  g_return_val_if_fail (date != NULL && g_date_valid (date), YC_DAY_KIND_WORKING);

  return julian_day_kind (self, g_date_get_julian (date));
}

gboolean
yc_calendar_is_working_day (YcCalendar  *self,
                            const GDate *date)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return julian_is_working (self, g_date_get_julian (date));
}

GDate *
yc_calendar_add_working_days (YcCalendar  *self,
                              const GDate *start,
                              guint        n)
{
  guint32 julian;

  g_return_val_if_fail (YC_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);

  julian = g_date_get_julian (start);
  while (n > 0)
    {
      /* GDate ends in year 65535; a deadline beyond it is a caller's bug, not a date. */
      g_return_val_if_fail (g_date_valid_julian (julian + 1), NULL);
      julian++;
      if (julian_is_working (self, julian))
        n--;
    }

  {
    GDate *result = g_date_new ();

    g_date_set_julian (result, julian);
    return result;
  }
}

int
yc_calendar_working_days_between (YcCalendar  *self,
                                  const GDate *from,
                                  const GDate *to)
{
  guint32 a, b;

  g_return_val_if_fail (YC_IS_CALENDAR (self), 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  a = g_date_get_julian (from);
  b = g_date_get_julian (to);
  if (a == b)
    return 0;
  if (a < b)
    return (int) count_working (self, a + 1, b);
  return -(int) count_working (self, b + 1, a);
}

YcDeadlineStatus
yc_calendar_get_deadline_status (YcCalendar  *self,
                                 const GDate *deadline,
                                 const GDate *today,
                                 guint        yellow_days)
{
  GDate local_today;

  g_return_val_if_fail (YC_IS_CALENDAR (self), YC_DEADLINE_GREEN);
  g_return_val_if_fail (deadline != NULL && g_date_valid (deadline), YC_DEADLINE_GREEN);

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&local_today, 1);
      g_date_set_dmy (&local_today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
      today = &local_today;
    }

  if (g_date_compare (deadline, today) < 0)
    return YC_DEADLINE_RED;
  if (yc_calendar_working_days_between (self, today, deadline) <= (int) MIN (yellow_days, (guint) G_MAXINT))
    return YC_DEADLINE_YELLOW;
  return YC_DEADLINE_GREEN;
}
