/* yc-intake-form-drafts.c: the intake form keeps the visit as a draft: written after a pause in
 * typing and as the form goes away, with "Draft saved" or why not beside the item. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-intake-form-private.h"

/* A pause in typing this long writes the draft (coalesced: one write per burst of keys). */
#define DRAFT_DELAY_MS 500

/* Draft writes not finished yet, in every form (a closed window's form lives until its write is done). */
static guint pending_draft_writes;

static void
save_draft_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YcIntakeForm) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saves_running--;
  pending_draft_writes--;
  if (!yc_store_save_draft_finish (YC_STORE (source), result, &error))
    g_warning ("Could not save the draft: %s", error->message);
  /* The last draft is written as the form goes away (dispose): its labels are gone by then. */
  if (self->saved_label == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: shown beside the item while the intake could not be saved */
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      gtk_label_set_text (self->saved_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  else if (self->saves_running == 0 && !self->draft_dirty && !self->decided)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
      /* Translators: the unfinished intake was saved as a draft at %s (a time) */
      g_autofree char *text = g_strdup_printf (_("Draft saved %s"), time);

      gtk_label_set_text (self->saved_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  _yc_intake_form_set_saving (self);
}

void
yc_intake_form_save_draft_now (YcIntakeForm *self)
{
  g_autoptr(JsonNode) extra = NULL;
  YcDecisionOutcome outcome;

  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (!self->draft_dirty || self->kase == NULL || self->store == NULL || self->decided || self->deciding)
    return;
  self->draft_dirty = FALSE;

  outcome = yc_decision_pane_get_outcome (self->decision_pane);
  extra = yc_decision_pane_save_state (self->decision_pane);
  self->saves_running++;
  pending_draft_writes++;
  /* Not cancellable: a draft being written is the clerk's work, and the writer finishes it quickly. */
  yc_store_save_draft_async (self->store, self->kase, yc_decision_outcome_to_string (outcome), extra,
                             NULL, save_draft_cb, g_object_ref (self));
  _yc_intake_form_set_saving (self);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  YcIntakeForm *self = user_data;

  self->draft_timeout_id = 0;
  yc_intake_form_save_draft_now (self);
  return G_SOURCE_REMOVE;
}

void
_yc_intake_form_schedule_draft (YcIntakeForm *self)
{
  if (self->kase == NULL || self->decided || self->deciding)
    return;
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
  _yc_intake_form_set_saving (self);
}

guint
yc_intake_form_get_pending_draft_writes (void)
{
  return pending_draft_writes;
}
