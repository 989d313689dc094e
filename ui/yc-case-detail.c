/* yc-case-detail.c: a stored case: its facts, checklist and documents, shown and read again after a
 * change (the timeline and the follow-ups are in yc-case-detail-timeline.c and -actions.c). */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-detail-private.h"
#include "yc-case-format.h"
#include "yc-case-state.h"
#include "yc-document-list.h"
#include "yc-guidance-button.h"
#include "yc-intake-scan.h"
#include "yc-material-row.h"
#include "yc-validators.h"

G_DEFINE_FINAL_TYPE (YcCaseDetail, yc_case_detail, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  REOPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_current (YcCaseDetail *self);

void
_yc_case_detail_set_message (YcCaseDetail *self,
                             const char   *message,
                             gboolean      error)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), _yc_has_text (message));
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static gboolean
event_allowed (YcCaseDetail *self,
               YcCaseEvent   event)
{
  return self->kase != NULL && yc_case_state_transition (yc_case_get_state (self->kase), event, NULL, NULL);
}

void
_yc_case_detail_update_actions (YcCaseDetail *self)
{
  gboolean have = self->kase != NULL && self->store != NULL;
  gboolean idle = have && !self->supplementing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.supplement",
                                 idle && event_allowed (self, YC_CASE_EVENT_SUPPLEMENT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reopen",
                                 idle && event_allowed (self, YC_CASE_EVENT_REOPEN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.withdraw",
                                 idle && event_allowed (self, YC_CASE_EVENT_WITHDRAW));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.void",
                                 idle && event_allowed (self, YC_CASE_EVENT_VOID));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.confirm-supplement", have && self->supplementing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.cancel-supplement", have && self->supplementing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reveal-id",
                                 have && yc_case_get_applicant (self->kase) != NULL &&
                                 _yc_has_text (yc_party_get_id_number (yc_case_get_applicant (self->kase))));
  gtk_widget_set_visible (self->supplement_bar, self->supplementing);
}

/* --- display --- */

static void
row_import_failed_cb (YcMaterialRow *row,
                      const GError  *error,
                      YcCaseDetail  *self)
{
  _yc_case_detail_set_message (self, error->message, TRUE);
}

void
_yc_case_detail_build_rows (YcCaseDetail *self)
{
  GListModel *materials = yc_case_get_materials (self->kase);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->materials_list))) != NULL)
    gtk_list_box_remove (self->materials_list, child);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      YcMaterialSpec *spec = NULL;
      GtkWidget *row;
      gboolean editable;

      if (self->item != NULL && yc_case_material_get_spec_code (material) != NULL)
        spec = yc_item_find_material (self->item, yc_case_material_get_spec_code (material));
      row = yc_material_row_new (material, spec, self->item, i + 1);
      /* Only the materials still missing can be received. */
      editable = self->supplementing && yc_case_material_get_state (material) == YC_MATERIAL_STATE_TOLERATED;
      yc_material_row_set_flags (YC_MATERIAL_ROW (row), yc_case_get_applicant_flags (self->kase));
      yc_material_row_set_editable (YC_MATERIAL_ROW (row), editable);
      g_signal_connect (row, "import-failed", G_CALLBACK (row_import_failed_cb), self);
      g_object_set_data (G_OBJECT (row), "yc-was-tolerated",
                         GINT_TO_POINTER (yc_case_material_get_state (material) == YC_MATERIAL_STATE_TOLERATED));
      gtk_list_box_append (self->materials_list, row);
    }
  /* Each material's page count, its pages in the viewer; a supplement may scan. */
  yc_material_pages_attach (self->materials_list, self->store, self->kase);
}

void
_yc_case_detail_show_id (YcCaseDetail *self,
                         const char   *full)
{
  YcParty *applicant = yc_case_get_applicant (self->kase);
  const char *id = applicant != NULL ? yc_party_get_id_number (applicant) : NULL;

  g_free (self->shown_id);
  if (full != NULL)
    self->shown_id = g_strdup (full);
  else if (!_yc_has_text (id))
    self->shown_id = g_strdup (_("Not recorded"));
  else
    self->shown_id = yc_mask_id_number (id);
  adw_action_row_set_subtitle (self->id_row, self->shown_id);
  gtk_button_set_label (GTK_BUTTON (self->reveal_button), full != NULL ? _("_Hide") : _("Re_veal"));
  self->revealed = full != NULL;
}

static void
show_current (YcCaseDetail *self)
{
  YcCase *kase = self->kase;
  YcParty *applicant, *agent;
  YcDeadlineStatus status;
  g_autofree char *deadline = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *item = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);

  if (kase == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _yc_case_detail_update_actions (self);
      return;
    }

  gtk_label_set_text (self->case_no_label,
                      yc_case_get_case_no (kase) != NULL ? yc_case_get_case_no (kase) : _("(no number yet)"));
  gtk_label_set_text (self->state_label, yc_case_state_get_label (yc_case_get_state (kase)));
  item = g_strdup_printf (_("%s · %s"), yc_case_get_item_name (kase),
                          yc_case_get_department (kase) != NULL ? yc_case_get_department (kase) : "");
  gtk_label_set_text (self->item_label, item);

  deadline = yc_case_format_deadline (kase, self->calendar, &status);
  if (yc_case_supplement_overdue (kase))
    {
      g_autofree char *flagged = g_strdup_printf (_("%s — the supplement is overdue"), deadline);

      g_free (deadline);
      deadline = g_steal_pointer (&flagged);
      status = YC_DEADLINE_RED;
    }
  gtk_label_set_text (self->deadline_label, deadline);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "yc-deadline-yellow");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "yc-deadline-red");
  if (status == YC_DEADLINE_YELLOW)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "yc-deadline-yellow");
  else if (status == YC_DEADLINE_RED)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "yc-deadline-red");

  applicant = yc_case_get_applicant (kase);
  adw_action_row_set_subtitle (self->applicant_row,
                               applicant != NULL && _yc_has_text (yc_party_get_name (applicant))
                               ? yc_party_get_name (applicant) : _("Not recorded"));
  _yc_case_detail_show_id (self, NULL);
  phone = applicant != NULL && _yc_has_text (yc_party_get_phone (applicant))
          ? yc_mask_phone (yc_party_get_phone (applicant)) : g_strdup (_("Not recorded"));
  adw_action_row_set_subtitle (self->phone_row, phone);

  agent = yc_case_get_agent (kase);
  gtk_widget_set_visible (GTK_WIDGET (self->agent_row), agent != NULL);
  if (agent != NULL)
    {
      g_autofree char *agent_text = NULL;
      g_autofree char *agent_id = _yc_has_text (yc_party_get_id_number (agent))
                                  ? yc_mask_id_number (yc_party_get_id_number (agent)) : g_strdup ("");

      /* Translators: the agent (帮办代办): name · masked ID · relation */
      agent_text = g_strdup_printf (_("%s · %s · %s"),
                                    _yc_has_text (yc_party_get_name (agent)) ? yc_party_get_name (agent) : "",
                                    agent_id,
                                    _yc_has_text (yc_party_get_relation (agent)) ? yc_party_get_relation (agent) : "");
      adw_action_row_set_subtitle (self->agent_row, agent_text);
    }

  if (yc_case_get_decided_at (kase) != NULL)
    {
      g_autofree char *decided = g_date_time_format (yc_case_get_decided_at (kase), "%Y-%m-%d %H:%M");

      g_string_append_printf (facts, _("Decided %s by %s"), decided,
                              yc_case_get_clerk (kase) != NULL ? yc_case_get_clerk (kase) : "");
    }
  if (yc_case_get_promised_deadline (kase) != NULL)
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Promised deadline: %s"), yc_case_get_promised_deadline (kase));
    }
  if (yc_case_get_legal_deadline (kase) != NULL)
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Legal deadline: %s"), yc_case_get_legal_deadline (kase));
    }
  if (_yc_has_text (yc_case_get_reason (kase)))
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Reason: %s"), yc_case_get_reason (kase));
    }
  if (_yc_has_text (yc_case_get_legal_basis (kase)))
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Legal basis: %s"), yc_case_get_legal_basis (kase));
    }
  if (_yc_has_text (yc_case_get_refer_department (kase)))
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Apply to: %s"), yc_case_get_refer_department (kase));
    }
  g_string_append_c (facts, '\n');
  g_string_append_printf (facts, _("Query password: %s"), yc_case_get_query_password (kase));
  adw_action_row_set_subtitle (self->facts_row, facts->str);

  _yc_case_detail_build_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "case");
  _yc_case_detail_update_actions (self);
}

/* --- loading --- */

static void
get_item_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(YcCaseDetail) self = user_data;
  g_autoptr(YcItem) item = yc_store_get_item_finish (YC_STORE (source), result, NULL);

  /* Without its catalogue entry the checklist still shows; only badges and rules are missing. */
  if (item == NULL || self->kase == NULL ||
      g_strcmp0 (yc_item_get_code (item), yc_case_get_item_code (self->kase)) != 0)
    return;
  g_set_object (&self->item, item);
  _yc_case_detail_build_rows (self);
  yc_guidance_button_set_item (self->guidance_button, item);
}

static void
view_logged_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(YcCaseDetail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!yc_store_append_audit_finish (YC_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not record the view of the case: %s", error->message);
    }
  _yc_case_detail_load_history (self);
}

void
yc_case_detail_show_case (YcCaseDetail *self,
                          YcCase       *kase)
{
  g_autofree char *actor = NULL;

  g_return_if_fail (YC_IS_CASE_DETAIL (self));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->kase, kase);
  g_clear_object (&self->item);
  /* Its documents with their print jobs (the document list reads them itself, and again on every
   * print); guidance printed from here is recorded on the case. */
  yc_document_list_show_case (self->document_list, kase);
  yc_guidance_button_set_item (self->guidance_button, NULL);
  yc_guidance_button_set_case (self->guidance_button, kase);
  self->supplementing = FALSE;
  self->loaded = FALSE;
  _yc_case_detail_set_message (self, NULL, FALSE);
  show_current (self);
  if (kase == NULL || self->store == NULL)
    return;

  yc_store_get_item_async (self->store, yc_case_get_item_code (kase), self->cancellable, get_item_cb,
                           g_object_ref (self));
  /* Every view of a case is in the audit log (DESIGN.md §9); the history shown includes this one. */
  actor = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));
  yc_store_append_audit_async (self->store, *actor != '\0' ? actor : g_get_user_name (), "case.view",
                               yc_case_get_uuid (kase), NULL, self->cancellable, view_logged_cb,
                               g_object_ref (self));
}

typedef struct {
  YcCaseDetail *self;
  gboolean      reopen;
  char         *done_message;
} ReloadData;

static void
reload_data_free (ReloadData *data)
{
  g_object_unref (data->self);
  g_free (data->done_message);
  g_free (data);
}

static void
reload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ReloadData *data = user_data;
  YcCaseDetail *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = yc_store_get_case_finish (YC_STORE (source), result, &error);

  if (kase == NULL)
    _yc_case_detail_set_message (self, error->message, TRUE);
  else if (data->reopen)
    {
      g_signal_emit (self, signals[REOPEN], 0, kase);
      yc_case_detail_show_case (self, kase);
    }
  else
    {
      yc_case_detail_show_case (self, kase);
      _yc_case_detail_set_message (self, data->done_message, FALSE);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  reload_data_free (data);
}

void
_yc_case_detail_reload (YcCaseDetail *self,
                        gboolean      reopen,
                        const char   *done_message)
{
  ReloadData *data = g_new0 (ReloadData, 1);

  data->self = g_object_ref (self);
  data->reopen = reopen;
  data->done_message = g_strdup (done_message);
  yc_store_get_case_async (self->store, yc_case_get_uuid (self->kase), NULL, reload_cb, data);
}

static void
yc_case_detail_dispose (GObject *object)
{
  YcCaseDetail *self = YC_CASE_DETAIL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_CASE_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_case_detail_parent_class)->dispose (object);
}

static void
yc_case_detail_finalize (GObject *object)
{
  YcCaseDetail *self = YC_CASE_DETAIL (object);

  g_free (self->shown_id);

  G_OBJECT_CLASS (yc_case_detail_parent_class)->finalize (object);
}

static void
yc_case_detail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcCaseDetail *self = YC_CASE_DETAIL (object);

  switch (prop_id)
    {
    case 1:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_detail_class_init (YcCaseDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_case_detail_dispose;
  object_class->finalize = yc_case_detail_finalize;
  object_class->get_property = yc_case_detail_get_property;

  /* The history of the case on display has been read. */
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REOPEN] = g_signal_new ("reopen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, YC_TYPE_CASE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (YC_TYPE_DOCUMENT_LIST);
  g_type_ensure (YC_TYPE_GUIDANCE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-case-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, case_no_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, state_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, item_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, message_label);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, applicant_row);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, id_row);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, agent_row);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, facts_row);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, materials_list);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, supplement_bar);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, document_list);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, guidance_button);
  gtk_widget_class_bind_template_child (widget_class, YcCaseDetail, timeline_list);

  _yc_case_detail_class_install_actions (widget_class);
}

static void
yc_case_detail_init (YcCaseDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->calendar = yc_calendar_new_default (NULL);
  self->cancellable = g_cancellable_new ();
  show_current (self);
}

void
yc_case_detail_set_store (YcCaseDetail *self,
                          YcStore      *store)
{
  g_return_if_fail (YC_IS_CASE_DETAIL (self));

  g_set_object (&self->store, store);
  _yc_case_detail_update_actions (self);
}

YcCase *
yc_case_detail_get_case (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), NULL);

  return self->kase;
}

gboolean
yc_case_detail_get_loaded (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), FALSE);

  return self->loaded;
}

GtkListBox *
yc_case_detail_get_materials_list (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), NULL);

  return self->materials_list;
}

YcDocumentList *
yc_case_detail_get_document_list (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), NULL);

  return self->document_list;
}

GtkListBox *
yc_case_detail_get_timeline_list (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), NULL);

  return self->timeline_list;
}

const char *
yc_case_detail_get_shown_id (YcCaseDetail *self)
{
  g_return_val_if_fail (YC_IS_CASE_DETAIL (self), NULL);

  return self->shown_id;
}
