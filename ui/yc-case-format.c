/* yc-case-format.c: masked applicants and running deadlines of stored cases, for lists and details. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>
#include <string.h>

#include "yc-case-format.h"
#include "yc-decision.h"
#include "yc-validators.h"

char *
yc_case_format_applicant (YcCase *kase)
{
  YcParty *applicant = yc_case_get_applicant (kase);
  const char *name, *id;
  g_autofree char *masked = NULL;

  if (applicant == NULL)
    return g_strdup (_("No applicant"));
  name = yc_party_get_name (applicant);
  id = yc_party_get_id_number (applicant);
  if (id != NULL && *id != '\0')
    masked = yc_party_get_kind (applicant) == YC_PARTY_ORGANISATION ? g_strdup (id) : yc_mask_id_number (id);
  if (masked == NULL)
    return g_strdup (name != NULL ? name : "");
  /* Translators: a case's applicant in the list: name · masked ID number */
  return g_strdup_printf (_("%s · %s"), name != NULL ? name : "", masked);
}

static gboolean
is_running (YcCaseState state)
{
  switch (state)
    {
    case YC_CASE_STATE_ACCEPTED:
    case YC_CASE_STATE_TOLERANCE_ACCEPTED:
    case YC_CASE_STATE_COMMITMENT_ACCEPTED:
    case YC_CASE_STATE_SUPPLEMENTED:
    case YC_CASE_STATE_IN_REVIEW:
    case YC_CASE_STATE_OVERDUE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The earliest supplement date of the materials still tolerated, or NULL. */
static const char *
earliest_supplement (YcCase *kase)
{
  GListModel *materials = yc_case_get_materials (kase);
  const char *earliest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);
      const char *date = yc_case_material_get_supplement_deadline (m);

      if (yc_case_material_get_state (m) == YC_MATERIAL_STATE_TOLERATED && date != NULL &&
          (earliest == NULL || strcmp (date, earliest) < 0))
        earliest = date;
    }
  return earliest;
}

static GDate *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

gboolean
yc_case_supplement_overdue (YcCase *kase)
{
  const char *date;
  g_autoptr(GDate) deadline = NULL;
  g_autoptr(GDate) today = NULL;

  if (yc_case_get_state (kase) == YC_CASE_STATE_OVERDUE)
    return TRUE;
  if (yc_case_get_state (kase) != YC_CASE_STATE_TOLERANCE_ACCEPTED)
    return FALSE;
  date = earliest_supplement (kase);
  deadline = yc_date_from_iso (date);
  if (deadline == NULL)
    return FALSE;
  today = today_local ();
  return g_date_compare (deadline, today) < 0;
}

char *
yc_case_format_deadline (YcCase           *kase,
                         YcCalendar       *calendar,
                         YcDeadlineStatus *status)
{
  YcCaseState state = yc_case_get_state (kase);
  const char *supplement = NULL;
  const char *date;
  g_autoptr(GDate) deadline = NULL;

  if (status != NULL)
    *status = YC_DEADLINE_GREEN;
  if (!is_running (state))
    return NULL;

  if (state == YC_CASE_STATE_TOLERANCE_ACCEPTED || state == YC_CASE_STATE_OVERDUE)
    supplement = earliest_supplement (kase);
  date = supplement != NULL ? supplement : yc_case_get_promised_deadline (kase);
  deadline = yc_date_from_iso (date);
  if (deadline == NULL)
    return NULL;

  if (status != NULL && calendar != NULL)
    *status = yc_calendar_get_deadline_status (calendar, deadline, NULL, YC_CALENDAR_DEFAULT_YELLOW_DAYS);
  if (supplement != NULL)
    /* Translators: a tolerance case: the date the missing materials must arrive by */
    return g_strdup_printf (_("Supplement by %s"), supplement);
  /* Translators: the promised deadline of a running case */
  return g_strdup_printf (_("Due %s"), date);
}
