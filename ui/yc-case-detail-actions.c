/* yc-case-detail-actions.c: what a clerk can still do with a stored case: withdraw, void or reopen
 * it, reveal the applicant's ID, receive the tolerated materials (supplement). */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-detail-private.h"
#include "yc-material-row.h"

/* Who acts: the clerk of this window, or nothing (then the follow-ups say why they cannot be done). */
static char *
get_actor (YcCaseDetail *self)
{
  g_autofree char *clerk = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));

  if (*clerk == '\0')
    {
      _yc_case_detail_set_message (self,
                                   _("Enter your name in Preferences (Ctrl+,) first: every change to a "
                                     "case is recorded with the clerk who made it."), TRUE);
      return NULL;
    }
  return g_steal_pointer (&clerk);
}

/* --- follow-ups --- */

typedef struct {
  YcCaseDetail *self;
  YcCaseEvent   event;
} EventData;

static void
apply_event_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EventData *data = user_data;
  g_autoptr(YcCaseDetail) self = data->self;
  YcCaseEvent event = data->event;
  g_autoptr(GError) error = NULL;
  YcCaseState state;

  g_free (data);
  if (!yc_store_apply_case_event_finish (YC_STORE (source), result, &state, &error))
    {
      _yc_case_detail_set_message (self, error->message, TRUE);
      _yc_case_detail_update_actions (self);
      return;
    }
  if (self->kase == NULL)
    return;
  _yc_case_detail_reload (self, event == YC_CASE_EVENT_REOPEN,
                          /* Translators: after a follow-up: the case's new state */
                          event == YC_CASE_EVENT_REOPEN ? NULL : yc_case_state_get_label (state));
}

static void
apply_event (YcCaseDetail *self,
             YcCaseEvent   event,
             const char   *reason)
{
  g_autofree char *actor = get_actor (self);
  EventData *data;

  if (actor == NULL || self->kase == NULL)
    return;
  data = g_new0 (EventData, 1);
  data->self = g_object_ref (self);
  data->event = event;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.withdraw", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.void", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reopen", FALSE);
  yc_store_apply_case_event_async (self->store, yc_case_get_uuid (self->kase), event, reason, actor,
                                   NULL, apply_event_cb, data);
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    YcCaseDetail     *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  YcCaseEvent event = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "yc-event"));

  if (g_strcmp0 (response, "apply") == 0 && *reason != '\0')
    apply_event (self, event, reason);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *reason != '\0');
}

/* Withdrawing and voiding say why: the reason is on the record and goes to the platform. */
static void
ask_reason (YcCaseDetail *self,
            YcCaseEvent   event)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;
  gboolean voiding = event == YC_CASE_EVENT_VOID;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   voiding ? _("Void This Case?") : _("Withdraw This Case?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  voiding
                                  ? _("Case %s is voided for good; its number is not given again. Enter the "
                                      "reason.")
                                  : _("The applicant withdraws case %s. Enter the reason."),
                                  yc_case_get_case_no (self->kase));
  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", voiding ? _("_Void") : _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              voiding ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  g_object_set_data (G_OBJECT (dialog), "yc-event", GINT_TO_POINTER (event));
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_reason (YC_CASE_DETAIL (widget), YC_CASE_EVENT_WITHDRAW);
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ask_reason (YC_CASE_DETAIL (widget), YC_CASE_EVENT_VOID);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  apply_event (YC_CASE_DETAIL (widget), YC_CASE_EVENT_REOPEN, NULL);
}

static void
reveal_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(YcCaseDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = yc_store_reveal_id_finish (YC_STORE (source), result, &error);

  if (id == NULL)
    {
      _yc_case_detail_set_message (self, error->message, TRUE);
      return;
    }
  if (self->kase != NULL)
    {
      _yc_case_detail_show_id (self, id);
      /* The reveal is in the history now. */
      _yc_case_detail_load_history (self);
    }
}

static void
reveal_id_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcCaseDetail *self = YC_CASE_DETAIL (widget);
  g_autofree char *actor = NULL;

  if (self->revealed)
    {
      _yc_case_detail_show_id (self, NULL);
      return;
    }
  actor = get_actor (self);
  if (actor == NULL)
    return;
  yc_store_reveal_id_async (self->store, yc_case_get_uuid (self->kase), "applicant", actor, NULL,
                            reveal_cb, g_object_ref (self));
}

/* --- supplement --- */

static YcMaterialRow *
material_row_at (YcCaseDetail *self,
                 guint         position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->materials_list, position);

  return row != NULL ? YC_MATERIAL_ROW (row) : NULL;
}

static void
supplement_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YcCaseDetail *self = YC_CASE_DETAIL (widget);

  self->supplementing = TRUE;
  _yc_case_detail_set_message (self, NULL, FALSE);
  _yc_case_detail_build_rows (self);
  _yc_case_detail_update_actions (self);
  for (guint i = 0; material_row_at (self, i) != NULL; i++)
    if (g_object_get_data (G_OBJECT (material_row_at (self, i)), "yc-was-tolerated"))
      {
        gtk_widget_grab_focus (GTK_WIDGET (material_row_at (self, i)));
        break;
      }
}

static void
cancel_supplement_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  YcCaseDetail *self = YC_CASE_DETAIL (widget);

  /* The rows changed the case object on display: read it again as stored. */
  self->supplementing = FALSE;
  _yc_case_detail_reload (self, FALSE, NULL);
}

typedef struct {
  YcCaseDetail *self;
  YcCase       *kase;     /* keeps the lines' strings alive */
  GArray       *lines;    /* YcSupplement */
} SupplementData;

static void
supplement_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SupplementData *data = user_data;
  YcCaseDetail *self = data->self;
  g_autoptr(GError) error = NULL;
  YcCaseState state;

  if (!yc_store_supplement_case_finish (YC_STORE (source), result, &state, &error))
    _yc_case_detail_set_message (self, error->message, TRUE);
  else if (self->kase == data->kase)
    {
      g_autofree char *message = g_strdup_printf (_("Supplement recorded. The case is now: %s."),
                                                  yc_case_state_get_label (state));

      self->supplementing = FALSE;
      _yc_case_detail_reload (self, FALSE, message);
    }
  g_object_unref (data->self);
  g_object_unref (data->kase);
  g_array_unref (data->lines);
  g_free (data);
}

static void
confirm_supplement_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  YcCaseDetail *self = YC_CASE_DETAIL (widget);
  g_autofree char *actor = get_actor (self);
  SupplementData *data;
  GArray *lines;

  if (actor == NULL)
    return;

  lines = g_array_new (FALSE, TRUE, sizeof (YcSupplement));
  for (guint i = 0; material_row_at (self, i) != NULL; i++)
    {
      YcMaterialRow *row = material_row_at (self, i);
      YcCaseMaterial *material = yc_material_row_get_material (row);
      YcMaterialState state = yc_case_material_get_state (material);
      YcSupplement line = { 0 };

      if (!g_object_get_data (G_OBJECT (row), "yc-was-tolerated") ||
          state == YC_MATERIAL_STATE_TOLERATED || state == YC_MATERIAL_STATE_PENDING)
        continue;
      line.spec_code = yc_case_material_get_spec_code (material);
      line.state = state;
      line.note = yc_case_material_get_note (material);
      line.attachment = yc_case_material_get_attachment (material);
      g_array_append_val (lines, line);
    }
  if (lines->len == 0)
    {
      g_array_unref (lines);
      _yc_case_detail_set_message (self,
                                   _("Mark at least one material as received (O, C, S, L or N on "
                                     "it) before confirming."), TRUE);
      return;
    }

  data = g_new0 (SupplementData, 1);
  data->self = g_object_ref (self);
  data->kase = g_object_ref (self->kase);
  data->lines = lines;
  yc_store_supplement_case_async (self->store, yc_case_get_uuid (self->kase),
                                  (const YcSupplement *) lines->data, lines->len, actor, NULL,
                                  supplement_cb, data);
}

void
_yc_case_detail_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.supplement", NULL, supplement_action);
  gtk_widget_class_install_action (widget_class, "case.cancel-supplement", NULL, cancel_supplement_action);
  gtk_widget_class_install_action (widget_class, "case.confirm-supplement", NULL, confirm_supplement_action);
  gtk_widget_class_install_action (widget_class, "case.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "case.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "case.void", NULL, void_action);
  gtk_widget_class_install_action (widget_class, "case.reveal-id", NULL, reveal_id_action);
}
