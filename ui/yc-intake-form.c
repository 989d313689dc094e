/* yc-intake-form.c: one visit, applicant | materials | decision; recomputes the lawful outcomes on every
 * change and decides through the store (its draft is kept by yc-intake-form-drafts.c). */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-number.h"
#include "yc-intake-form.h"
#include "yc-intake-form-private.h"
#include "yc-intake-scan.h"
#include "yc-material-row.h"
#include "yc-printing.h"

G_DEFINE_FINAL_TYPE (YcIntakeForm, yc_intake_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ONE_COLUMN,
  PROP_SAVING,
  N_PROPS
};

enum {
  DECIDED,
  CHANGE_ITEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void recompute (YcIntakeForm *self);

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static GtkWidget *
column_at (YcIntakeForm *self,
           guint         index)
{
  GtkWidget *columns[] = { self->applicant_column, self->materials_column, self->decision_column };

  return columns[MIN (index, G_N_ELEMENTS (columns) - 1)];
}

/* Folded (a narrow window, or help-and-agent mode), the column to work in must be the one on screen. */
static void
show_column (YcIntakeForm *self,
             GtkWidget    *column)
{
  if (adw_leaflet_get_folded (self->columns))
    adw_leaflet_set_visible_child (self->columns, column);
}

static YcMaterialRow *
row_at (YcIntakeForm *self,
        guint         position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->materials_list, position);

  return row != NULL ? YC_MATERIAL_ROW (row) : NULL;
}

void
_yc_intake_form_set_saving (YcIntakeForm *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* --- the decision --- */

static char *
window_problem (YcIntakeForm *self)
{
  g_autofree char *clerk = g_settings_get_string (self->settings, "clerk-name");
  g_autofree char *code = g_settings_get_string (self->settings, "window-code");

  if (is_blank (clerk))
    return g_strdup (_("Enter your name in Preferences (Ctrl+,) before deciding: it goes on the receipt "
                       "and into the audit log."));
  if (!yc_window_code_is_valid (code))
    return g_strdup (_("Set this window’s code in Preferences (Ctrl+,) before deciding."));
  return NULL;
}

static char *
get_problem (YcIntakeForm *self)
{
  char *problem;

  if (self->item == NULL)
    return g_strdup (_("Choose a service item first."));
  if ((problem = yc_applicant_form_get_problem (self->applicant_form)) != NULL)
    return problem;
  if ((problem = yc_decision_pane_get_blocker (self->decision_pane)) != NULL)
    return problem;
  return window_problem (self);
}

static void
update_problem (YcIntakeForm *self)
{
  g_autofree char *problem = NULL;

  if (self->decided)
    return;
  problem = get_problem (self);
  if (problem != NULL && !self->tried_to_decide)
    {
      /* Before the first attempt it is a hint of what is left, not an error. */
      g_autofree char *hint = g_strdup_printf (_("Before deciding: %s"), problem);

      yc_decision_pane_set_problem (self->decision_pane, hint, FALSE);
    }
  else
    yc_decision_pane_set_problem (self->decision_pane, problem, problem != NULL);
}

static void
update_count (YcIntakeForm *self)
{
  GListModel *materials = self->kase != NULL ? yc_case_get_materials (self->kase) : NULL;
  guint n = materials != NULL ? g_list_model_get_n_items (materials) : 0;
  guint done = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);

      if (yc_case_material_get_state (material) != YC_MATERIAL_STATE_PENDING)
        done++;
    }
  /* Translators: how many materials of the checklist have a state, e.g. "3 of 5 checked" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u checked", "%u of %u checked", n),
                          done, n);
  gtk_label_set_text (self->materials_count_label, n > 0 ? text : NULL);
}

static void
recompute (YcIntakeForm *self)
{
  g_autoptr(YcDecision) decision = NULL;
  GPtrArray *tolerated = NULL;
  YcApplicantFlags flags;

  update_count (self);
  if (self->item == NULL || self->kase == NULL || self->decided)
    {
      if (!self->decided)
        yc_decision_pane_set_decision (self->decision_pane, NULL);
      update_problem (self);
      return;
    }

  flags = yc_case_get_applicant_flags (self->kase);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                             g_date_time_get_month (now),
                                             g_date_time_get_year (now));

    decision = yc_decision_evaluate (self->item, yc_case_get_materials (self->kase), flags, today,
                                     self->calendar);
  }
  yc_decision_pane_set_decision (self->decision_pane, decision);

  /* Rows: what may be chosen follows the applicant's flags; tolerated lines show their date. */
  tolerated = yc_decision_get_tolerated (decision);
  for (guint i = 0; row_at (self, i) != NULL; i++)
    {
      YcMaterialRow *row = row_at (self, i);
      YcCaseMaterial *material = yc_material_row_get_material (row);
      const char *deadline = NULL;

      for (guint j = 0; tolerated != NULL && j < tolerated->len; j++)
        {
          YcDecisionMaterial *m = g_ptr_array_index (tolerated, j);

          if (g_strcmp0 (m->spec_code, yc_case_material_get_spec_code (material)) == 0)
            deadline = m->supplement_deadline;
        }
      yc_material_row_set_flags (row, flags);
      yc_material_row_set_deadline (row, deadline);
    }

  update_problem (self);
}

/* What the decision made due is printed at once, without a dialog; the result shows each document's
 * state, and "Print again" where a printer let it down. */
static void
print_documents (YcIntakeForm *self)
{
  YcPrinting *printing = yc_printing_get_default ();
  g_autoptr(GListModel) documents = NULL;

  if (printing == NULL)
    return;
  documents = yc_printing_print_decision (printing, self->kase, self->item,
                                          yc_decision_pane_get_outcome (self->decision_pane));
  if (g_list_model_get_n_items (documents) > 0)
    yc_decision_pane_show_documents (self->decision_pane, documents);
}

static void
decide_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(YcIntakeForm) self = user_data;
  g_autoptr(GError) error = NULL;

  self->deciding = FALSE;
  if (!yc_store_decide_case_finish (YC_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the decision: %s", error->message);
      yc_decision_pane_set_busy (self->decision_pane, FALSE);
      yc_decision_pane_set_problem (self->decision_pane, error->message, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.decide", TRUE);
      /* Not decided: the work is still a draft. */
      _yc_intake_form_schedule_draft (self);
      return;
    }

  self->decided = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_dirty = FALSE;
  gtk_label_set_text (self->saved_label, NULL);

  /* The visit is over: the result is what the clerk reads out and prints. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->applicant_form), FALSE);
  for (guint i = 0; row_at (self, i) != NULL; i++)
    yc_material_row_set_editable (row_at (self, i), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.change-item", FALSE);
  yc_decision_pane_show_result (self->decision_pane, self->kase);
  print_documents (self);
  show_column (self, self->decision_column);
  yc_decision_pane_focus (self->decision_pane);
  _yc_intake_form_set_saving (self);

  g_signal_emit (self, signals[DECIDED], 0, self->kase);
}

static void
decide (YcIntakeForm *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *code = NULL;
  YcDecisionOutcome outcome;

  if (self->kase == NULL || self->decided || self->deciding || self->store == NULL)
    return;

  self->tried_to_decide = TRUE;
  problem = get_problem (self);
  if (problem != NULL)
    {
      yc_applicant_form_validate_all (self->applicant_form);
      yc_decision_pane_set_problem (self->decision_pane, problem, TRUE);
      return;
    }

  clerk = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));
  code = g_settings_get_string (self->settings, "window-code");
  outcome = yc_decision_pane_get_outcome (self->decision_pane);
  g_object_set (self->kase, "clerk", clerk, "window-code", code, NULL);
  yc_decision_pane_apply_to_case (self->decision_pane, self->kase);

  self->deciding = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  yc_decision_pane_set_problem (self->decision_pane, NULL, FALSE);
  yc_decision_pane_set_busy (self->decision_pane, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.decide", FALSE);
  yc_store_decide_case_async (self->store, self->kase, self->item, outcome, self->calendar, clerk,
                              self->cancellable, decide_cb, g_object_ref (self));
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide (YC_INTAKE_FORM (widget));
}

static void
change_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHANGE_ITEM], 0);
}

static void
show_column_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YcIntakeForm *self = YC_INTAKE_FORM (widget);
  GtkWidget *column = column_at (self, g_variant_get_int32 (parameter));

  adw_leaflet_set_visible_child (self->columns, column);
  gtk_widget_child_focus (column, GTK_DIR_TAB_FORWARD);
}

/* --- materials --- */

static void
row_changed_cb (YcMaterialRow *row,
                YcIntakeForm  *self)
{
  recompute (self);
  _yc_intake_form_schedule_draft (self);
}

static void
row_advance_cb (YcMaterialRow *row,
                YcIntakeForm  *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  YcMaterialRow *next = row_at (self, index + 1);

  /* On to the next material, and after the last one, to the decision. */
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    yc_intake_form_focus_decision (self);
}

static void
row_import_failed_cb (YcMaterialRow *row,
                      const GError  *error,
                      YcIntakeForm  *self)
{
  yc_decision_pane_set_problem (self->decision_pane, error->message, TRUE);
}

void
yc_intake_form_import_file (YcIntakeForm *self,
                            guint         position,
                            GFile        *file)
{
  YcMaterialRow *row;

  g_return_if_fail (YC_IS_INTAKE_FORM (self));
  g_return_if_fail (G_IS_FILE (file));

  row = row_at (self, position);
  if (row != NULL && !self->decided)
    yc_material_row_import_file (row, file);
}

static void
build_rows (YcIntakeForm *self)
{
  GtkWidget *child;
  GListModel *materials;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->materials_list))) != NULL)
    gtk_list_box_remove (self->materials_list, child);
  if (self->kase == NULL)
    return;

  materials = yc_case_get_materials (self->kase);
  n = g_list_model_get_n_items (materials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      YcMaterialSpec *spec = NULL;
      GtkWidget *row;

      if (self->item != NULL && yc_case_material_get_spec_code (material) != NULL)
        spec = yc_item_find_material (self->item, yc_case_material_get_spec_code (material));
      row = yc_material_row_new (material, spec, self->item, i + 1);
      yc_material_row_set_flags (YC_MATERIAL_ROW (row), yc_case_get_applicant_flags (self->kase));
      g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
      g_signal_connect (row, "advance", G_CALLBACK (row_advance_cb), self);
      g_signal_connect (row, "import-failed", G_CALLBACK (row_import_failed_cb), self);
      gtk_list_box_append (self->materials_list, row);
    }
  /* Scan and the page count on each row; the pages of a resumed draft come back. */
  yc_intake_scan_rows_built (self, self->store);
}

/* --- applicant and decision columns --- */

static void
applicant_changed_cb (YcIntakeForm *self)
{
  recompute (self);
  _yc_intake_form_schedule_draft (self);
}

static void
applicant_done_cb (YcIntakeForm *self)
{
  yc_intake_form_focus_materials (self);
}

static void
decision_changed_cb (YcIntakeForm *self)
{
  update_problem (self);
  _yc_intake_form_schedule_draft (self);
}

static void
settings_changed_cb (YcIntakeForm *self)
{
  update_problem (self);
}

/* --- the visit --- */

static void
show_item (YcIntakeForm *self)
{
  g_autofree char *summary = NULL;
  const char *department;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->item_label, NULL);
      gtk_label_set_text (self->item_summary_label, NULL);
      return;
    }

  department = yc_item_get_department (self->item);
  /* Translators: under the item's name: department · case type (即办件/承诺件) */
  summary = g_strdup_printf (_("%s · %s"), department != NULL ? department : "",
                             yc_case_type_get_label (yc_item_get_case_type (self->item)));
  gtk_label_set_text (self->item_label, yc_item_get_name (self->item));
  gtk_label_set_text (self->item_summary_label, summary);
}

static void
load (YcIntakeForm *self,
      YcCase       *kase,
      YcItem       *item)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_dirty = FALSE;
  self->decided = FALSE;
  self->deciding = FALSE;
  self->tried_to_decide = FALSE;

  g_set_object (&self->kase, kase);
  g_set_object (&self->item, item);

  gtk_widget_set_sensitive (GTK_WIDGET (self->applicant_form), TRUE);
  yc_applicant_form_set_case (self->applicant_form, kase);
  yc_decision_pane_show_result (self->decision_pane, NULL);
  build_rows (self);
  show_item (self);
  gtk_label_set_text (self->saved_label, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.decide", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.change-item", kase != NULL);
  recompute (self);
  _yc_intake_form_set_saving (self);
}

static void
yc_intake_form_dispose (GObject *object)
{
  YcIntakeForm *self = YC_INTAKE_FORM (object);
  GtkWidget *child;

  /* Whatever was typed last is not lost with the window. */
  yc_intake_form_save_draft_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_INTAKE_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->kase);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_intake_form_parent_class)->dispose (object);
}

static void
yc_intake_form_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcIntakeForm *self = YC_INTAKE_FORM (object);

  switch (prop_id)
    {
    case PROP_ONE_COLUMN:
      g_value_set_boolean (value, !adw_leaflet_get_can_unfold (self->columns));
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, yc_intake_form_get_saving (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_intake_form_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YcIntakeForm *self = YC_INTAKE_FORM (object);

  switch (prop_id)
    {
    case PROP_ONE_COLUMN:
      adw_leaflet_set_can_unfold (self->columns, !g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_intake_form_class_init (YcIntakeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_intake_form_dispose;
  object_class->get_property = yc_intake_form_get_property;
  object_class->set_property = yc_intake_form_set_property;

  /* Help-and-agent mode: one column at a time, however wide the window. */
  properties[PROP_ONE_COLUMN] =
    g_param_spec_boolean ("one-column", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The case was decided and stored (YcCase with its number). */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, YC_TYPE_CASE);
  /* The clerk wants another service item for this applicant. */
  signals[CHANGE_ITEM] = g_signal_new ("change-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (YC_TYPE_APPLICANT_FORM);
  g_type_ensure (YC_TYPE_DECISION_PANE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-intake-form.ui");
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, item_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, item_summary_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, saved_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, columns);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, applicant_column);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, materials_column);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, decision_column);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, applicant_form);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, materials_count_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, materials_list);
  gtk_widget_class_bind_template_child (widget_class, YcIntakeForm, decision_pane);
  gtk_widget_class_bind_template_callback (widget_class, applicant_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, applicant_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_changed_cb);

  gtk_widget_class_install_action (widget_class, "intake.decide", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "intake.change-item", NULL, change_item_action);
  gtk_widget_class_install_action (widget_class, "intake.show-column", "i", show_column_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "intake.decide", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "intake.decide", NULL);
}

static void
yc_intake_form_init (YcIntakeForm *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The bundled calendar: parsed from the resources, no I/O. */
  self->calendar = yc_calendar_new_default (&error);
  if (self->calendar == NULL)
    g_critical ("The bundled working-day calendar is broken: %s", error->message);

  load (self, NULL, NULL);
}

void
yc_intake_form_set_store (YcIntakeForm *self,
                          YcStore      *store)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  g_set_object (&self->store, store);
}

void
yc_intake_form_start (YcIntakeForm *self,
                      YcItem       *item,
                      YcCase       *previous)
{
  g_autoptr(YcCase) kase = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (YC_IS_INTAKE_FORM (self));
  g_return_if_fail (YC_IS_ITEM (item));
  g_return_if_fail (previous == NULL || YC_IS_CASE (previous));

  kase = yc_case_new_for_item (item);
  clerk = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));
  code = g_settings_get_string (self->settings, "window-code");
  /* The draft is the clerk's: the list offered on start is per clerk. */
  g_object_set (kase, "clerk", clerk, "window-code", code, NULL);
  if (previous != NULL)
    g_object_set (kase,
                  "applicant", yc_case_get_applicant (previous),
                  "agent", yc_case_get_agent (previous),
                  "applicant-flags", yc_case_get_applicant_flags (previous),
                  NULL);

  load (self, kase, item);
  if (previous != NULL)
    {
      /* The other item's draft becomes this one. */
      if (self->store != NULL && yc_case_get_state (previous) == YC_CASE_STATE_DRAFT)
        yc_store_discard_draft_async (self->store, yc_case_get_uuid (previous), NULL, NULL, NULL);
      _yc_intake_form_schedule_draft (self);
    }
  yc_intake_form_focus_applicant (self);
}

void
yc_intake_form_resume (YcIntakeForm *self,
                       YcCase       *kase,
                       YcItem       *item,
                       const char   *outcome,
                       JsonNode     *extra)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (self));
  g_return_if_fail (YC_IS_CASE (kase));
  g_return_if_fail (YC_IS_ITEM (item));

  load (self, kase, item);
  yc_decision_pane_restore_state (self->decision_pane, outcome, extra);
  recompute (self);
  yc_intake_form_focus_applicant (self);
}

void
yc_intake_form_clear (YcIntakeForm *self)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  yc_intake_form_save_draft_now (self);
  load (self, NULL, NULL);
}

YcCase *
yc_intake_form_get_case (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), NULL);

  return self->kase;
}

YcItem *
yc_intake_form_get_item (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), NULL);

  return self->item;
}

gboolean
yc_intake_form_get_decided (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), FALSE);

  return self->decided;
}

gboolean
yc_intake_form_get_saving (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), FALSE);

  return self->draft_dirty || self->saves_running > 0;
}

void
yc_intake_form_focus_applicant (YcIntakeForm *self)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  show_column (self, self->applicant_column);
  yc_applicant_form_focus_first (self->applicant_form);
}

void
yc_intake_form_focus_materials (YcIntakeForm *self)
{
  YcMaterialRow *first;

  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  first = row_at (self, 0);
  if (first == NULL)
    {
      yc_intake_form_focus_decision (self);
      return;
    }
  show_column (self, self->materials_column);
  gtk_widget_grab_focus (GTK_WIDGET (first));
}

void
yc_intake_form_focus_decision (YcIntakeForm *self)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (self));

  show_column (self, self->decision_column);
  yc_decision_pane_focus (self->decision_pane);
}

YcApplicantForm *
yc_intake_form_get_applicant_form (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), NULL);

  return self->applicant_form;
}

YcDecisionPane *
yc_intake_form_get_decision_pane (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), NULL);

  return self->decision_pane;
}

GtkListBox *
yc_intake_form_get_materials_list (YcIntakeForm *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (self), NULL);

  return self->materials_list;
}
