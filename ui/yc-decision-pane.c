/* yc-decision-pane.c: the Decision column: lawful outcomes only, reasons for the others, and the result. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-decision-pane.h"
#include "yc-document-list.h"
#include "yc-field.h"

struct _YcDecisionPane
{
  GtkWidget          parent_instance;

  YcDecision        *decision;
  YcDecisionOutcome  outcome;
  /* The clerk picked the outcome (rather than the pane proposing the first lawful one). */
  gboolean           chosen;
  gboolean           updating;
  GtkWidget         *outcome_buttons[YC_DECISION_N_OUTCOMES];
  GtkWidget         *outcome_reasons[YC_DECISION_N_OUTCOMES];

  /* template children */
  GtkWidget         *choose_box;
  GtkWidget         *result_box;
  GtkBox            *outcomes_box;
  GtkWidget         *refuse_box;
  GtkDropDown       *ground_dropdown;
  YcField           *basis_field;
  YcField           *department_field;
  YcField           *explanation_field;
  GtkLabel          *details_label;
  GtkLabel          *documents_label;
  GtkLabel          *warnings_label;
  GtkLabel          *problem_label;
  GtkWidget         *decide_button;
  GtkSpinner        *busy_spinner;
  GtkImage          *result_icon;
  GtkLabel          *result_title;
  GtkLabel          *case_no_label;
  GtkLabel          *result_details_label;
  GtkLabel          *result_documents_label;
  YcDocumentList    *result_documents_list;
  GtkWidget         *new_intake_button;
};

G_DEFINE_FINAL_TYPE (YcDecisionPane, yc_decision_pane, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
emit_changed (YcDecisionPane *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* "Acceptance receipt; Tolerance notice (2 copies)", or NULL when nothing is printed. */
static char *
format_documents (YcDecisionOutcome outcome)
{
  guint n_docs;
  const YcDocDue *docs = yc_decision_outcome_get_documents (outcome, &n_docs);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_docs; i++)
    {
      if (i > 0)
        /* Translators: separates the documents of a list */
        g_string_append (text, _("; "));
      if (docs[i].copies > 1)
        /* Translators: a document and how many copies are printed, e.g. "Tolerance notice (2 copies)" */
        g_string_append_printf (text, _("%s (%u copies)"), yc_doc_kind_get_label (docs[i].kind),
                                docs[i].copies);
      else
        g_string_append (text, yc_doc_kind_get_label (docs[i].kind));
    }
  return n_docs > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
format_deadlines (const GDate *legal,
                  const GDate *promised)
{
  g_autofree char *legal_iso = yc_date_to_iso (legal);
  g_autofree char *promised_iso = yc_date_to_iso (promised);

  if (legal_iso != NULL && promised_iso != NULL)
    /* Translators: the legal (法定) and promised (承诺) deadlines of a case */
    return g_strdup_printf (_("Deadlines: promised %s, legal %s."), promised_iso, legal_iso);
  if (promised_iso != NULL)
    return g_strdup_printf (_("Deadline: promised %s."), promised_iso);
  if (legal_iso != NULL)
    return g_strdup_printf (_("Deadline: legal %s."), legal_iso);
  return NULL;
}

static char *
format_materials (GPtrArray *materials,
                  gboolean   with_deadlines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; materials != NULL && i < materials->len; i++)
    {
      YcDecisionMaterial *m = g_ptr_array_index (materials, i);

      if (with_deadlines && m->supplement_deadline != NULL)
        /* Translators: a tolerated material and the date it must be supplied by */
        g_string_append_printf (text, _("\n• %s, by %s"), m->name, m->supplement_deadline);
      else
        g_string_append_printf (text, "\n• %s", m->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_details (YcDecisionPane *self)
{
  YcDecisionOutcome outcome = self->outcome;
  g_autofree char *documents = NULL;
  g_autofree char *details = NULL;
  const char * const *warnings;

  gtk_widget_set_visible (self->refuse_box, outcome == YC_DECISION_REFUSE);
  gtk_widget_set_visible (GTK_WIDGET (self->department_field), outcome == YC_DECISION_REFER);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_field),
                          outcome == YC_DECISION_REFUSE || outcome == YC_DECISION_REFER);

  if (self->decision != NULL)
    {
      g_autofree char *deadlines = format_deadlines (yc_decision_get_legal_deadline (self->decision),
                                                     yc_decision_get_promised_deadline (self->decision));

      switch (outcome)
        {
        case YC_DECISION_ACCEPT:
        case YC_DECISION_COMMITMENT_ACCEPT:
          details = g_steal_pointer (&deadlines);
          break;
        case YC_DECISION_TOLERANCE_ACCEPT:
          {
            g_autofree char *list = format_materials (yc_decision_get_tolerated (self->decision), TRUE);

            details = g_strdup_printf ("%s%s%s%s", _("To be supplied later:"), list,
                                       deadlines != NULL ? "\n" : "", deadlines != NULL ? deadlines : "");
          }
          break;
        case YC_DECISION_ISSUE_NOTICE:
          {
            GPtrArray *missing = yc_decision_get_missing (self->decision);
            g_autofree char *list = format_materials (missing, FALSE);

            if (missing != NULL && missing->len > 0)
              details = g_strdup_printf ("%s%s", _("The one-time notice lists everything missing:"), list);
          }
          break;
        case YC_DECISION_REFUSE:
        case YC_DECISION_REFER:
        case YC_DECISION_N_OUTCOMES:
        default:
          break;
        }
    }
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL);

  documents = format_documents (outcome);
  if (documents != NULL)
    {
      /* Translators: %s lists the documents the decision makes due; printing comes later */
      g_autofree char *text = g_strdup_printf (_("Will be printed: %s."), documents);

      gtk_label_set_text (self->documents_label, text);
    }
  else
    gtk_label_set_text (self->documents_label, _("Nothing is printed: tell the applicant where to apply."));

  warnings = self->decision != NULL ? yc_decision_get_warnings (self->decision) : NULL;
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) warnings);

      gtk_label_set_text (self->warnings_label, joined);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);
}

static void
select_outcome (YcDecisionPane    *self,
                YcDecisionOutcome  outcome)
{
  self->outcome = outcome;
  self->updating = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->outcome_buttons[outcome]), TRUE);
  self->updating = FALSE;
  update_details (self);
}

static gboolean
available (YcDecisionPane    *self,
           YcDecisionOutcome  outcome)
{
  return self->decision != NULL && yc_decision_is_available (self->decision, outcome);
}

/* Proposes what the checklist supports best: accept, then the reform modes, then the notice. */
static YcDecisionOutcome
first_available (YcDecisionPane *self)
{
  static const YcDecisionOutcome preferred[] = {
    YC_DECISION_ACCEPT, YC_DECISION_TOLERANCE_ACCEPT, YC_DECISION_COMMITMENT_ACCEPT,
    YC_DECISION_ISSUE_NOTICE, YC_DECISION_REFUSE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    if (available (self, preferred[i]))
      return preferred[i];
  return YC_DECISION_REFUSE;
}

static void
outcome_toggled_cb (GtkCheckButton *button,
                    YcDecisionPane *self)
{
  if (self->updating || !gtk_check_button_get_active (button))
    return;

  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    if (self->outcome_buttons[i] == GTK_WIDGET (button))
      {
        self->outcome = i;
        self->chosen = TRUE;
      }
  update_details (self);
  emit_changed (self);
}

static void
fill_basis_from_ground (YcDecisionPane *self)
{
  guint n;
  const YcRefusalReason *reasons = yc_refusal_reasons (&n);
  guint selected = gtk_drop_down_get_selected (self->ground_dropdown);

  if (selected >= n)
    return;
  yc_field_set_text (self->basis_field, reasons[selected].legal_basis);
}

static void
ground_selected_cb (YcDecisionPane *self)
{
  if (self->updating)
    return;
  /* Each ground comes with its legal basis; the clerk may adjust it ("other" has none). */
  fill_basis_from_ground (self);
  emit_changed (self);
}

static void
field_changed_cb (YcDecisionPane *self)
{
  emit_changed (self);
}

/* The grounds are long sentences: wrapped, so the column keeps its width. */
static void
ground_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_list_item_set_child (list_item, label);
}

static void
ground_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (item));
}

static void
yc_decision_pane_dispose (GObject *object)
{
  YcDecisionPane *self = YC_DECISION_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_DECISION_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->decision);

  G_OBJECT_CLASS (yc_decision_pane_parent_class)->dispose (object);
}

static void
yc_decision_pane_class_init (YcDecisionPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_decision_pane_dispose;

  /* The clerk changed the outcome or its details. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (YC_TYPE_FIELD);
  g_type_ensure (YC_TYPE_DOCUMENT_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-decision-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, choose_box);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_box);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, refuse_box);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, ground_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, basis_field);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, department_field);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, explanation_field);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, details_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, documents_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, problem_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, decide_button);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_icon);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_title);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, case_no_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_details_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_documents_label);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, result_documents_list);
  gtk_widget_class_bind_template_child (widget_class, YcDecisionPane, new_intake_button);
  gtk_widget_class_bind_template_callback (widget_class, ground_selected_cb);
}

static void
yc_decision_pane_init (YcDecisionPane *self)
{
  g_autoptr(GtkStringList) grounds = gtk_string_list_new (NULL);
  GtkCheckButton *group = NULL;
  const YcRefusalReason *reasons;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *button = gtk_check_button_new_with_label (yc_decision_outcome_get_label (i));
      GtkWidget *reason = gtk_label_new (NULL);

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
      else
        group = GTK_CHECK_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (outcome_toggled_cb), self);

      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (reason, 28);
      gtk_widget_add_css_class (reason, "caption");
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_widget_set_visible (reason, FALSE);

      gtk_box_append (GTK_BOX (box), button);
      gtk_box_append (GTK_BOX (box), reason);
      gtk_box_append (self->outcomes_box, box);
      self->outcome_buttons[i] = button;
      self->outcome_reasons[i] = reason;
    }

  reasons = yc_refusal_reasons (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (grounds, reasons[i].reason);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (ground_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (ground_bind_cb), NULL);
    gtk_drop_down_set_factory (self->ground_dropdown, factory);
  }
  gtk_drop_down_set_model (self->ground_dropdown, G_LIST_MODEL (grounds));
  fill_basis_from_ground (self);

  g_signal_connect_swapped (self->basis_field, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->department_field, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->explanation_field, "changed", G_CALLBACK (field_changed_cb), self);

  self->outcome = YC_DECISION_ISSUE_NOTICE;
  yc_decision_pane_set_decision (self, NULL);
}

void
yc_decision_pane_set_decision (YcDecisionPane *self,
                               YcDecision     *decision)
{
  g_return_if_fail (YC_IS_DECISION_PANE (self));
  g_return_if_fail (decision == NULL || YC_IS_DECISION (decision));

  g_set_object (&self->decision, decision);

  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    {
      gboolean ok = available (self, i);
      const char *reason = decision != NULL ? yc_decision_get_reason (decision, i) : NULL;

      if (decision == NULL)
        reason = _("Choose a service item first.");
      gtk_widget_set_sensitive (self->outcome_buttons[i], ok);
      gtk_label_set_text (GTK_LABEL (self->outcome_reasons[i]), ok ? NULL : reason);
      gtk_widget_set_visible (self->outcome_reasons[i], !ok && reason != NULL);
      gtk_widget_set_tooltip_text (self->outcome_buttons[i], ok ? NULL : reason);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      ok || reason == NULL ? "" : reason,
                                      -1);
    }

  /* The clerk's choice stands while it is lawful; a proposal follows the checklist. */
  if (!self->chosen || !available (self, self->outcome))
    {
      self->chosen = FALSE;
      select_outcome (self, first_available (self));
    }
  else
    update_details (self);
}

YcDecision *
yc_decision_pane_get_decision (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), NULL);

  return self->decision;
}

YcDecisionOutcome
yc_decision_pane_get_outcome (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), YC_DECISION_ISSUE_NOTICE);

  return self->outcome;
}

gboolean
yc_decision_pane_set_outcome (YcDecisionPane    *self,
                              YcDecisionOutcome  outcome)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), FALSE);
  g_return_val_if_fail (outcome < YC_DECISION_N_OUTCOMES, FALSE);

  if (!available (self, outcome))
    return FALSE;
  /* As a click would: through the button's "toggled". */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->outcome_buttons[outcome]), TRUE);
  self->outcome = outcome;
  self->chosen = TRUE;
  update_details (self);
  return TRUE;
}

char *
yc_decision_pane_get_blocker (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), NULL);

  if (self->decision == NULL)
    return g_strdup (_("Choose a service item first."));
  if (!available (self, self->outcome))
    return g_strdup (yc_decision_get_reason (self->decision, self->outcome));
  if (self->outcome == YC_DECISION_REFUSE && is_blank (yc_field_get_text (self->basis_field)))
    return g_strdup (_("Enter the legal basis of the refusal: it is printed on the notice."));
  if (self->outcome == YC_DECISION_REFER && is_blank (yc_field_get_text (self->department_field)))
    return g_strdup (_("Enter the department the applicant should apply to."));
  return NULL;
}

void
yc_decision_pane_set_problem (YcDecisionPane *self,
                              const char     *problem,
                              gboolean        urgent)
{
  g_return_if_fail (YC_IS_DECISION_PANE (self));

  gtk_label_set_text (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL && *problem != '\0');
  if (urgent)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
}

const char *
yc_decision_pane_get_problem (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    return NULL;
  return gtk_label_get_text (self->problem_label);
}

void
yc_decision_pane_apply_to_case (YcDecisionPane *self,
                                YcCase         *kase)
{
  g_autofree char *explanation = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *department = NULL;

  g_return_if_fail (YC_IS_DECISION_PANE (self));
  g_return_if_fail (YC_IS_CASE (kase));

  explanation = stripped (yc_field_get_text (self->explanation_field));

  switch (self->outcome)
    {
    case YC_DECISION_REFUSE:
      {
        guint n;
        const YcRefusalReason *reasons = yc_refusal_reasons (&n);
        guint selected = gtk_drop_down_get_selected (self->ground_dropdown);
        const char *ground = selected < n ? reasons[selected].reason : NULL;

        if (ground != NULL && *explanation != '\0')
          /* Translators: a refusal ground and the clerk's explanation */
          reason = g_strdup_printf (_("%s: %s"), ground, explanation);
        else
          reason = g_strdup (ground != NULL ? ground : explanation);
        basis = stripped (yc_field_get_text (self->basis_field));
      }
      break;
    case YC_DECISION_REFER:
      department = stripped (yc_field_get_text (self->department_field));
      if (*explanation != '\0')
        reason = g_strdup (explanation);
      else
        /* Translators: the reason of a referral; %s is the competent department */
        reason = g_strdup_printf (_("Not handled at this window: apply to %s."), department);
      break;
    case YC_DECISION_ACCEPT:
    case YC_DECISION_TOLERANCE_ACCEPT:
    case YC_DECISION_COMMITMENT_ACCEPT:
    case YC_DECISION_ISSUE_NOTICE:
    case YC_DECISION_N_OUTCOMES:
    default:
      break;
    }

  g_object_set (kase,
                "reason", reason,
                "legal-basis", basis,
                "refer-department", department,
                NULL);
}

JsonNode *
yc_decision_pane_save_state (YcDecisionPane *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;
  const YcRefusalReason *reasons = yc_refusal_reasons (&n);
  guint selected = gtk_drop_down_get_selected (self->ground_dropdown);

  g_return_val_if_fail (YC_IS_DECISION_PANE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outcome_chosen");
  json_builder_add_boolean_value (builder, self->chosen);
  if (selected < n)
    {
      json_builder_set_member_name (builder, "refusal_ground");
      json_builder_add_string_value (builder, reasons[selected].code);
    }
  json_builder_set_member_name (builder, "legal_basis");
  json_builder_add_string_value (builder, yc_field_get_text (self->basis_field));
  json_builder_set_member_name (builder, "refer_department");
  json_builder_add_string_value (builder, yc_field_get_text (self->department_field));
  json_builder_set_member_name (builder, "explanation");
  json_builder_add_string_value (builder, yc_field_get_text (self->explanation_field));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
yc_decision_pane_restore_state (YcDecisionPane *self,
                                const char     *outcome,
                                JsonNode       *state)
{
  JsonObject *object = NULL;
  YcDecisionOutcome chosen;

  g_return_if_fail (YC_IS_DECISION_PANE (self));

  if (state != NULL && JSON_NODE_HOLDS_OBJECT (state))
    object = json_node_get_object (state);

  self->updating = TRUE;
  if (object != NULL)
    {
      const char *ground = json_object_get_string_member_with_default (object, "refusal_ground", NULL);
      guint n;
      const YcRefusalReason *reasons = yc_refusal_reasons (&n);

      for (guint i = 0; ground != NULL && i < n; i++)
        if (g_str_equal (reasons[i].code, ground))
          gtk_drop_down_set_selected (self->ground_dropdown, i);
      yc_field_set_text (self->basis_field,
                         json_object_get_string_member_with_default (object, "legal_basis", ""));
      yc_field_set_text (self->department_field,
                         json_object_get_string_member_with_default (object, "refer_department", ""));
      yc_field_set_text (self->explanation_field,
                         json_object_get_string_member_with_default (object, "explanation", ""));
    }
  self->updating = FALSE;

  if (outcome != NULL && yc_decision_outcome_from_string (outcome, &chosen) &&
      (object == NULL || json_object_get_boolean_member_with_default (object, "outcome_chosen", TRUE)))
    {
      self->updating = TRUE;
      if (!yc_decision_pane_set_outcome (self, chosen))
        {
          /* Not lawful with the restored checklist (yet): remember it for when it is. */
          self->outcome = chosen;
          self->chosen = TRUE;
        }
      self->updating = FALSE;
    }
  update_details (self);
}

void
yc_decision_pane_set_busy (YcDecisionPane *self,
                           gboolean        busy)
{
  g_return_if_fail (YC_IS_DECISION_PANE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->outcomes_box), !busy);
}

static const char *
result_icon_name (YcCaseState state)
{
  switch (state)
    {
    case YC_CASE_STATE_ACCEPTED:
    case YC_CASE_STATE_TOLERANCE_ACCEPTED:
    case YC_CASE_STATE_COMMITMENT_ACCEPTED:
      return "emblem-ok-symbolic";
    case YC_CASE_STATE_NOTICE_ISSUED:
      return "x-office-document-symbolic";
    default:
      return "dialog-information-symbolic";
    }
}

/* The outcome a freshly decided case's state came from. */
static gboolean
outcome_for_state (YcCaseState        state,
                   YcDecisionOutcome *outcome)
{
  switch (state)
    {
    case YC_CASE_STATE_ACCEPTED: *outcome = YC_DECISION_ACCEPT; return TRUE;
    case YC_CASE_STATE_TOLERANCE_ACCEPTED: *outcome = YC_DECISION_TOLERANCE_ACCEPT; return TRUE;
    case YC_CASE_STATE_COMMITMENT_ACCEPTED: *outcome = YC_DECISION_COMMITMENT_ACCEPT; return TRUE;
    case YC_CASE_STATE_NOTICE_ISSUED: *outcome = YC_DECISION_ISSUE_NOTICE; return TRUE;
    case YC_CASE_STATE_REFUSED: *outcome = YC_DECISION_REFUSE; return TRUE;
    case YC_CASE_STATE_REFERRED: *outcome = YC_DECISION_REFER; return TRUE;
    default: return FALSE;
    }
}

void
yc_decision_pane_show_result (YcDecisionPane *self,
                              YcCase         *kase)
{
  g_autoptr(GString) details = NULL;
  g_autofree char *documents = NULL;
  YcDecisionOutcome outcome;

  g_return_if_fail (YC_IS_DECISION_PANE (self));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  if (kase == NULL)
    {
      self->chosen = FALSE;
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->ground_dropdown, 0);
      self->updating = FALSE;
      fill_basis_from_ground (self);
      yc_field_set_text (self->department_field, NULL);
      yc_field_set_text (self->explanation_field, NULL);
      yc_decision_pane_set_problem (self, NULL, FALSE);
      yc_decision_pane_set_busy (self, FALSE);
      yc_decision_pane_show_documents (self, NULL);
      gtk_widget_set_visible (self->result_box, FALSE);
      gtk_widget_set_visible (self->choose_box, TRUE);
      return;
    }

  gtk_image_set_from_icon_name (self->result_icon, result_icon_name (yc_case_get_state (kase)));
  gtk_label_set_text (self->result_title, yc_case_state_get_label (yc_case_get_state (kase)));
  gtk_label_set_text (self->case_no_label, yc_case_get_case_no (kase));

  details = g_string_new (NULL);
  g_string_append_printf (details, _("Query password: %s"), yc_case_get_query_password (kase));
  if (yc_case_get_promised_deadline (kase) != NULL)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Promised deadline: %s"), yc_case_get_promised_deadline (kase));
    }
  if (yc_case_get_legal_deadline (kase) != NULL)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Legal deadline: %s"), yc_case_get_legal_deadline (kase));
    }
  if (yc_case_get_refer_department (kase) != NULL)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Apply to: %s"), yc_case_get_refer_department (kase));
    }
  gtk_label_set_text (self->result_details_label, details->str);

  if (outcome_for_state (yc_case_get_state (kase), &outcome))
    documents = format_documents (outcome);
  if (documents != NULL)
    {
      /* Translators: after deciding: the documents due; printing itself comes with the printer setup */
      g_autofree char *text = g_strdup_printf (_("Will be printed: %s."), documents);

      gtk_label_set_text (self->result_documents_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_documents_label), documents != NULL);

  yc_decision_pane_set_busy (self, FALSE);
  gtk_widget_set_visible (self->choose_box, FALSE);
  gtk_widget_set_visible (self->result_box, TRUE);
}

gboolean
yc_decision_pane_get_showing_result (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), FALSE);

  return gtk_widget_get_visible (self->result_box);
}

void
yc_decision_pane_focus (YcDecisionPane *self)
{
  g_return_if_fail (YC_IS_DECISION_PANE (self));

  if (yc_decision_pane_get_showing_result (self))
    gtk_widget_grab_focus (self->new_intake_button);
  else
    gtk_widget_grab_focus (self->outcome_buttons[self->outcome]);
}

void
yc_decision_pane_show_documents (YcDecisionPane *self,
                                 GListModel     *documents)
{
  g_return_if_fail (YC_IS_DECISION_PANE (self));
  g_return_if_fail (documents == NULL || G_IS_LIST_MODEL (documents));

  yc_document_list_set_model (self->result_documents_list, documents);
  gtk_widget_set_visible (GTK_WIDGET (self->result_documents_list), documents != NULL);
  /* The list says what is printed, and how far it got. */
  if (documents != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->result_documents_label), FALSE);
}

YcDocumentList *
yc_decision_pane_get_document_list (YcDecisionPane *self)
{
  g_return_val_if_fail (YC_IS_DECISION_PANE (self), NULL);

  return self->result_documents_list;
}
