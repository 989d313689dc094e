/* yc-case-detail-timeline.c: a case's history in the detail, read from the audit log off the main
 * thread. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-detail-private.h"

typedef struct {
  char      *uuid;
  GPtrArray *audit;
} HistoryData;

static void
history_data_free (HistoryData *data)
{
  g_free (data->uuid);
  g_clear_pointer (&data->audit, g_ptr_array_unref);
  g_free (data);
}

static void
history_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  YcStore *store = source_object;
  HistoryData *data = task_data;
  GError *error = NULL;

  data->audit = yc_store_list_audit (store, data->uuid, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static char *
action_label (const char *action)
{
  YcCaseEvent event;
  YcApplicantFlags flag;

  if (g_str_equal (action, "case.create"))
    return g_strdup (_("Decided at the counter"));
  if (g_str_equal (action, "case.decide"))
    return g_strdup (_("Decided again after reopening"));
  if (g_str_equal (action, "case.view"))
    return g_strdup (_("Viewed"));
  if (g_str_equal (action, "id.revealed"))
    return g_strdup (_("ID number revealed"));
  if (g_str_equal (action, "case.warning"))
    return g_strdup (_("Warning"));
  if (g_str_equal (action, "case.supplement.partial"))
    return g_strdup (_("Some materials supplemented"));
  if (g_str_has_prefix (action, "case.") && yc_case_event_from_string (action + 5, &event))
    return g_strdup (yc_case_event_get_label (event));
  if (g_str_has_prefix (action, "applicant.") && yc_applicant_flag_from_string (action + 10, &flag))
    return g_strdup (yc_applicant_flag_get_label (flag));
  return g_strdup (action);
}

static GtkWidget *
timeline_row (YcAuditEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->at);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *what = action_label (entry->action);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  /* Translators: a history line: when · who, and what was recorded */
  subtitle = g_strdup_printf (_("%s · %s"), when, entry->actor);
  if (_yc_has_text (entry->detail))
    {
      g_autofree char *with_detail = g_strdup_printf ("%s\n%s", subtitle, entry->detail);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_detail);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
history_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YcCaseDetail) self = user_data;
  HistoryData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _yc_case_detail_set_message (self, error->message, TRUE);
      return;
    }
  if (self->kase == NULL || g_strcmp0 (data->uuid, yc_case_get_uuid (self->kase)) != 0)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);
  for (guint i = 0; i < data->audit->len; i++)
    gtk_list_box_append (self->timeline_list, timeline_row (g_ptr_array_index (data->audit, i)));

  self->loaded = TRUE;
  g_object_notify (G_OBJECT (self), "loaded");
}

void
_yc_case_detail_load_history (YcCaseDetail *self)
{
  g_autoptr(GTask) task = NULL;
  HistoryData *data;

  if (self->store == NULL || self->kase == NULL)
    return;
  data = g_new0 (HistoryData, 1);
  data->uuid = g_strdup (yc_case_get_uuid (self->kase));
  task = g_task_new (self->store, self->cancellable, history_cb, g_object_ref (self));
  g_task_set_source_tag (task, _yc_case_detail_load_history);
  g_task_set_task_data (task, data, (GDestroyNotify) history_data_free);
  g_task_run_in_thread (task, history_thread);
}
