/* yc-intake-page-drafts.c: the Intake page offers back an unfinished intake (a draft kept after a
 * crash or a New Intake) and resumes or discards it. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-case-json.h"
#include "yc-intake-page-private.h"

void
_yc_intake_page_clear_offer (YcIntakePage *self)
{
  g_clear_pointer (&self->offered_uuid, g_free);
  g_clear_pointer (&self->offered_payload, g_free);
}

typedef struct {
  YcIntakePage *self;
  guint         generation;
} DraftsData;

static void
list_drafts_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DraftsData *data = user_data;
  g_autoptr(YcIntakePage) self = data->self;
  guint generation = data->generation;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  YcCase *current = _yc_intake_page_form_case (self);

  g_free (data);
  drafts = yc_store_list_drafts_finish (YC_STORE (source), result, &error);
  if (drafts != NULL && generation != self->drafts_generation)
    return;
  if (drafts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the unfinished intakes: %s", error->message);
      return;
    }

  _yc_intake_page_clear_offer (self);
  for (guint i = 0; i < drafts->len; i++)
    {
      YcDraftInfo *info = g_ptr_array_index (drafts, i);
      g_autoptr(YcCase) kase = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *text = NULL;
      YcParty *applicant;
      const char *name;

      if (current != NULL && g_strcmp0 (info->uuid, yc_case_get_uuid (current)) == 0)
        continue;
      kase = yc_draft_new_from_json (info->payload, -1, NULL, NULL, &parse_error);
      if (kase == NULL)
        {
          g_warning ("Skipping an unreadable draft %s: %s", info->uuid, parse_error->message);
          continue;
        }

      applicant = yc_case_get_applicant (kase);
      name = applicant != NULL ? yc_party_get_name (applicant) : NULL;
      if (name != NULL && *name != '\0')
        /* Translators: offered on start: the unfinished intake for <applicant> — <item> */
        text = g_strdup_printf (_("Resume the unfinished intake for %s — %s?"), name,
                                yc_case_get_item_name (kase));
      else
        text = g_strdup_printf (_("Resume the unfinished intake for %s?"), yc_case_get_item_name (kase));
      if (drafts->len > 1)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s (%u unfinished intake in all)",
                                                                "%s (%u unfinished intakes in all)",
                                                                drafts->len),
                                                   text, drafts->len);
          g_free (text);
          text = g_steal_pointer (&more);
        }
      gtk_label_set_text (self->drafts_label, text);
      self->offered_uuid = g_strdup (info->uuid);
      self->offered_payload = g_strdup (info->payload);
      break;
    }
  _yc_intake_page_update_banners (self);
  _yc_intake_page_offered_draft_changed (self);
}

void
yc_intake_page_refresh_drafts (YcIntakePage *self)
{
  g_autofree char *clerk = NULL;
  DraftsData *data;

  g_return_if_fail (YC_IS_INTAKE_PAGE (self));

  if (self->store == NULL)
    return;
  clerk = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));
  g_cancellable_cancel (self->drafts_cancellable);
  g_clear_object (&self->drafts_cancellable);
  self->drafts_cancellable = g_cancellable_new ();
  /* One clerk's drafts; with no clerk set, the workstation's. */
  data = g_new0 (DraftsData, 1);
  data->self = g_object_ref (self);
  data->generation = ++self->drafts_generation;
  yc_store_list_drafts_async (self->store, *clerk != '\0' ? clerk : NULL, self->drafts_cancellable,
                              list_drafts_cb, data);
}

void
_yc_intake_page_resume_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(JsonNode) extra = NULL;
  g_autofree char *outcome = NULL;
  g_autoptr(GError) error = NULL;

  if (self->offered_payload == NULL || self->store == NULL)
    return;

  kase = yc_draft_new_from_json (self->offered_payload, -1, &outcome, &extra, &error);
  if (kase == NULL)
    {
      g_warning ("Could not read the draft: %s", error->message);
      return;
    }
  /* The visit under way (if any) stays a draft of its own. */
  yc_intake_page_save_draft_now (self);
  _yc_intake_page_clear_offer (self);
  _yc_intake_page_update_banners (self);
  _yc_intake_page_offered_draft_changed (self);
  _yc_intake_page_load_item (self, yc_case_get_item_code (kase), kase, outcome, extra);
}

static void
discard_draft_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(YcIntakePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!yc_store_discard_draft_finish (YC_STORE (source), result, &error))
    g_warning ("Could not discard the draft: %s", error->message);
  yc_intake_page_refresh_drafts (self);
}

void
_yc_intake_page_discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);
  g_autofree char *uuid = g_strdup (self->offered_uuid);

  if (uuid == NULL || self->store == NULL)
    return;
  _yc_intake_page_clear_offer (self);
  _yc_intake_page_update_banners (self);
  yc_store_discard_draft_async (self->store, uuid, NULL, discard_draft_cb, g_object_ref (self));
}
