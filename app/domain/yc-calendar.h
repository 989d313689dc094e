/* yc-calendar.h: working-day calendar (public holidays, adjusted working days) and deadline arithmetic. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_CALENDAR_ERROR (yc_calendar_error_quark ())
typedef enum {
  YC_CALENDAR_ERROR_PARSE,         /* not a key file, or the default calendar could not be read */
  YC_CALENDAR_ERROR_INVALID_YEAR,  /* a group name that is not a year */
  YC_CALENDAR_ERROR_INVALID_KEY,   /* a key other than notice, holidays, workdays; or holidays missing */
  YC_CALENDAR_ERROR_INVALID_DATE,  /* a date or range that does not parse, lies outside its year, or a
                                    * "working weekend day" that is not a Saturday or Sunday */
  YC_CALENDAR_ERROR_CONFLICT,      /* a day listed twice, or as both holiday and working day */
} YcCalendarError;
GQuark yc_calendar_error_quark (void);

typedef enum {
  YC_DAY_KIND_WORKING,            /* an ordinary weekday */
  YC_DAY_KIND_WEEKEND,            /* an ordinary Saturday or Sunday */
  YC_DAY_KIND_HOLIDAY,            /* 放假: a public holiday or a day off in its bridge */
  YC_DAY_KIND_ADJUSTED_WORKING,   /* 调休上班: a Saturday or Sunday that is a working day */
} YcDayKind;

typedef enum {
  YC_DEADLINE_GREEN,    /* more than the threshold of working days left */
  YC_DEADLINE_YELLOW,   /* due today or within the threshold */
  YC_DEADLINE_RED,      /* past */
} YcDeadlineStatus;

/* Working days left at which a deadline turns yellow, unless the caller chooses otherwise. */
#define YC_CALENDAR_DEFAULT_YELLOW_DAYS 2

#define YC_TYPE_CALENDAR (yc_calendar_get_type ())
G_DECLARE_FINAL_TYPE (YcCalendar, yc_calendar, YC, CALENDAR, GObject)

/* A calendar is immutable once loaded, so one instance may be shared between threads.
 *
 * Key file format (data/calendar/cn-holidays.ini): one group per year, named by the year ("[2026]"), with
 *   notice=   the State Council notice the data comes from (optional)
 *   holidays= days off, a ';'-separated list of dates YYYY-MM-DD or ranges YYYY-MM-DD..YYYY-MM-DD (at most 31
 *             days each)
 *   workdays= Saturdays and Sundays that are working days, same syntax (optional)
 * Dates lie in the group's year or, for a New Year bridge, in the December before. No other keys are allowed,
 * so a misspelt key cannot silently drop data.
 *
 * Outside the years a calendar covers, Saturdays and Sundays are off and other days are working days:
 * check yc_calendar_covers() and warn when a deadline falls in such a year. */

/* The calendar bundled in the core's resources (the latest State Council notices known at release). */
YcCalendar       *yc_calendar_new_default          (GError       **error);
/* From key file data, e.g. the platform's calendar (GET /api/v1/calendar), so it can replace the default. */
YcCalendar       *yc_calendar_new_from_bytes       (GBytes        *bytes,
                                                    GError       **error);
YcCalendar       *yc_calendar_new_from_key_file    (GKeyFile      *key_file,
                                                    GError       **error);

gboolean          yc_calendar_covers               (YcCalendar    *self,
                                                    int            year);
/* The notice reference of a covered year, or NULL. */
const char       *yc_calendar_get_notice           (YcCalendar    *self,
                                                    int            year);

YcDayKind         yc_calendar_get_day_kind         (YcCalendar    *self,
                                                    const GDate   *date);
gboolean          yc_calendar_is_working_day       (YcCalendar    *self,
                                                    const GDate   *date);

/* The @n-th working day after @start; @start itself never counts, and @n = 0 gives @start.
 * "10 working days after 2026-02-12 is 2026-03-04". Free with g_date_free(). */
GDate            *yc_calendar_add_working_days     (YcCalendar    *self,
                                                    const GDate   *start,
                                                    guint          n);
/* Working days after @from up to and including @to: the working days left until a deadline @to, seen on day
 * @from. 0 if @to is @from; negative (the working days overdue) if @to is before @from. Inverse of
 * yc_calendar_add_working_days(): between (a, add (a, n)) == n. */
int               yc_calendar_working_days_between (YcCalendar    *self,
                                                    const GDate   *from,
                                                    const GDate   *to);
/* RED if @deadline is before @today; YELLOW if at most @yellow_days working days are left (so always on the
 * deadline day itself); GREEN otherwise. @today NULL means today's local date. */
YcDeadlineStatus  yc_calendar_get_deadline_status  (YcCalendar    *self,
                                                    const GDate   *deadline,
                                                    const GDate   *today,
                                                    guint          yellow_days);

G_END_DECLS
