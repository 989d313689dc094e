/* yc-material-row.c: a checklist line; its state is set with one key (O C S L T P N, Backspace) or its menu. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-decision.h"
#include "yc-material-row.h"

struct _YcMaterialRow
{
  GtkListBoxRow     parent_instance;

  YcCaseMaterial   *material;
  YcMaterialSpec   *spec;
  YcItem           *item;
  YcApplicantFlags  flags;
  gboolean          editable;
  gboolean          updating;
  char             *deadline;
  char             *state_text;
  guint             n_pages;
  char             *reasons[YC_MATERIAL_STATE_NOT_APPLICABLE + 1];
  GtkWidget        *state_buttons[YC_MATERIAL_STATE_NOT_APPLICABLE + 1];
  GtkWidget        *reason_labels[YC_MATERIAL_STATE_NOT_APPLICABLE + 1];

  /* template children */
  GtkLabel         *number_label;
  GtkLabel         *name_label;
  GtkLabel         *details_label;
  GtkBox           *badges_box;
  GtkLabel         *state_label;
  GtkLabel         *note_label;
  GtkMenuButton    *menu_button;
  GtkPopover       *popover;
  GtkBox           *states_box;
  GtkSpinButton    *originals_spin;
  GtkSpinButton    *copies_spin;
  GtkEntry         *note_entry;
  GtkWidget        *import_button;
  GtkWidget        *scan_button;
  GtkButton        *pages_button;
  AdwButtonContent *pages_content;
};

G_DEFINE_FINAL_TYPE (YcMaterialRow, yc_material_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  ADVANCE,
  IMPORT_FAILED,
  SCAN,
  SHOW_PAGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The menu's order; each state has its action and its key on the focused row. */
static const struct {
  YcMaterialState  state;
  const char      *action;
  guint            keyval;
  const char      *key_label;
  const char      *label;
} state_rows[] = {
  { YC_MATERIAL_STATE_ORIGINAL_CHECKED, "material.original", GDK_KEY_o, "O",
    /* Translators: a material state in the checklist menu; the key is shown beside it */
    N_("_Original checked") },
  { YC_MATERIAL_STATE_COPY_RECEIVED, "material.copy", GDK_KEY_c, "C", N_("_Copy received") },
  { YC_MATERIAL_STATE_SCANNED, "material.scanned", GDK_KEY_s, "S", N_("_Scanned or imported…") },
  { YC_MATERIAL_STATE_LICENCE, "material.licence", GDK_KEY_l, "L", N_("E-_licence") },
  { YC_MATERIAL_STATE_TOLERATED, "material.tolerated", GDK_KEY_t, "T",
    /* Translators: 容缺: the material may be supplied later */
    N_("_Tolerated, supplied later") },
  { YC_MATERIAL_STATE_COMMITMENT, "material.commitment", GDK_KEY_p, "P",
    /* Translators: 告知承诺: a signed commitment replaces the proof */
    N_("Re_placed by commitment") },
  { YC_MATERIAL_STATE_NOT_APPLICABLE, "material.not-applicable", GDK_KEY_n, "N", N_("_Not applicable…") },
  { YC_MATERIAL_STATE_PENDING, "material.pending", GDK_KEY_BackSpace, "⌫", N_("Back to p_ending") },
};

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
update_state_display (YcMaterialRow *self)
{
  YcMaterialState state = yc_case_material_get_state (self->material);
  guint originals = yc_case_material_get_originals (self->material);
  guint copies = yc_case_material_get_copies (self->material);
  const char *note = yc_case_material_get_note (self->material);
  const char *attachment = yc_case_material_get_attachment (self->material);
  const char *mark = "○";
  const char *css = "pending";
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  switch (state)
    {
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
    case YC_MATERIAL_STATE_COPY_RECEIVED:
      {
        g_autofree char *counts = NULL;
        g_autofree char *originals_text = NULL;
        g_autofree char *copies_text = NULL;

        if (originals > 0)
          originals_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u original", "%u originals",
                                                         originals), originals);
        if (copies > 0)
          copies_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u copy", "%u copies", copies),
                                         copies);
        if (originals_text != NULL && copies_text != NULL)
          /* Translators: counts received of a material, e.g. "1 original, 2 copies" */
          counts = g_strdup_printf (_("%s, %s"), originals_text, copies_text);
        else
          counts = g_strdup (originals_text != NULL ? originals_text : copies_text);
        text = counts != NULL
               ? g_strdup_printf ("%s · %s", yc_material_state_get_label (state), counts)
               : g_strdup (yc_material_state_get_label (state));
        mark = "✓";
        css = "provided";
      }
      break;
    case YC_MATERIAL_STATE_SCANNED:
      if (has_text (attachment))
        /* Translators: a scanned material and the start of its file's SHA-256 name */
        text = g_strdup_printf (_("%s · file %.8s"), yc_material_state_get_label (state), attachment);
      else
        text = g_strdup (yc_material_state_get_label (state));
      mark = "✓";
      css = "provided";
      break;
    case YC_MATERIAL_STATE_LICENCE:
      if (self->spec != NULL && has_text (yc_material_spec_get_licence_type (self->spec)))
        text = g_strdup_printf ("%s · %s", yc_material_state_get_label (state),
                                yc_material_spec_get_licence_type (self->spec));
      else
        text = g_strdup (yc_material_state_get_label (state));
      mark = "✓";
      css = "provided";
      break;
    case YC_MATERIAL_STATE_TOLERATED:
      {
        const char *deadline = has_text (yc_case_material_get_supplement_deadline (self->material))
                               ? yc_case_material_get_supplement_deadline (self->material)
                               : self->deadline;

        if (has_text (deadline))
          /* Translators: a tolerated (容缺) material and the date it must be supplied by */
          text = g_strdup_printf (_("%s · by %s"), yc_material_state_get_label (state), deadline);
        else
          text = g_strdup (yc_material_state_get_label (state));
        mark = "◐";
        css = "tolerated";
      }
      break;
    case YC_MATERIAL_STATE_COMMITMENT:
      text = g_strdup (yc_material_state_get_label (state));
      mark = "✎";
      css = "commitment";
      break;
    case YC_MATERIAL_STATE_NOT_APPLICABLE:
      text = g_strdup (yc_material_state_get_label (state));
      mark = "⊘";
      css = "not-applicable";
      break;
    case YC_MATERIAL_STATE_PENDING:
    default:
      text = g_strdup (yc_material_state_get_label (state));
      break;
    }

  {
    /* A mark before the state, as on a paper checklist: ✓ provided, ◐ tolerated, ✎ commitment. */
    g_autofree char *shown = g_strdup_printf ("%s %s", mark, text);

    gtk_label_set_text (self->state_label, shown);
  }
  for (const char * const *c = (const char * const[]) { "pending", "provided", "tolerated", "commitment",
                                                       "not-applicable", NULL }; *c != NULL; c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), *c);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), css);

  gtk_label_set_text (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), has_text (note));

  g_free (self->state_text);
  self->state_text = g_steal_pointer (&text);

  /* Read out as "3. 户口簿: Original checked · 1 original". */
  accessible = g_strdup_printf ("%s. %s: %s%s%s", gtk_label_get_text (self->number_label),
                                yc_case_material_get_name (self->material), self->state_text,
                                has_text (note) ? " · " : "", has_text (note) ? note : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  /* The menu shows the current counts and note. */
  self->updating = TRUE;
  gtk_spin_button_set_value (self->originals_spin, originals);
  gtk_spin_button_set_value (self->copies_spin, copies);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), note != NULL ? note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  self->updating = FALSE;
}

static void
update_allowed (YcMaterialRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_rows); i++)
    {
      YcMaterialState state = state_rows[i].state;
      g_autoptr(GError) error = NULL;
      gboolean allowed;

      if (self->spec != NULL && self->item != NULL)
        allowed = yc_material_state_allowed (self->spec, self->item, self->flags, state, &error);
      else if (state == YC_MATERIAL_STATE_TOLERATED || state == YC_MATERIAL_STATE_COMMITMENT ||
               state == YC_MATERIAL_STATE_LICENCE)
        {
          /* The rules need the item's catalogue entry. */
          allowed = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This material is not in the item’s current catalogue entry."));
        }
      else
        allowed = TRUE;

      g_clear_pointer (&self->reasons[state], g_free);
      if (!allowed)
        self->reasons[state] = g_strdup (error->message);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), state_rows[i].action, self->editable && allowed);
      if (self->state_buttons[state] != NULL)
        {
          gtk_widget_set_tooltip_text (self->state_buttons[state], self->reasons[state]);
          gtk_label_set_text (GTK_LABEL (self->reason_labels[state]), self->reasons[state]);
          gtk_widget_set_visible (self->reason_labels[state], self->reasons[state] != NULL);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.import", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "material.scan", self->editable);
}

static void
material_notify_cb (YcMaterialRow *self)
{
  update_state_display (self);
}

/* Sets the state with the counts that go with it. */
static void
apply_state (YcMaterialRow   *self,
             YcMaterialState  state,
             const char      *note)
{
  guint need_originals = self->spec != NULL ? yc_material_spec_get_originals (self->spec) : 0;
  guint need_copies = self->spec != NULL ? yc_material_spec_get_copies (self->spec) : 0;
  guint originals = 0, copies = 0;

  switch (state)
    {
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
      /* The original is checked and the copies the item asks for are taken with it. */
      originals = MAX (need_originals, 1);
      copies = need_copies;
      break;
    case YC_MATERIAL_STATE_COPY_RECEIVED:
      copies = MAX (need_copies, 1);
      break;
    default:
      break;
    }

  g_object_freeze_notify (G_OBJECT (self->material));
  g_object_set (self->material,
                "state", state,
                "originals", originals,
                "copies", copies,
                NULL);
  if (note != NULL)
    g_object_set (self->material, "note", note, NULL);
  /* A tolerated line's date is settled by the decision; any other state has none. */
  if (state != YC_MATERIAL_STATE_TOLERATED)
    g_object_set (self->material, "supplement-deadline", NULL, NULL);
  g_object_thaw_notify (G_OBJECT (self->material));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
not_applicable_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            YcMaterialRow    *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (response, "apply") == 0 && *reason != '\0')
    {
      apply_state (self, YC_MATERIAL_STATE_NOT_APPLICABLE, reason);
      g_signal_emit (self, signals[ADVANCE], 0);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
reason_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *reason != '\0');
}

static void
reason_entry_activate_cb (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  /* Enter answers as the suggested button would, which also closes the dialog. */
  if (adw_message_dialog_get_response_enabled (dialog, "apply"))
    {
      adw_message_dialog_response (dialog, "apply");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* Not applicable must say why: otherwise the decision counts the material as missing. */
static void
ask_not_applicable_reason (YcMaterialRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Why Is It Not Applicable?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” is marked not applicable only with a reason, which is kept "
                                    "with the case."),
                                  yc_case_material_get_name (self->material));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: the parents are not married"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  if (has_text (yc_case_material_get_note (self->material)))
    gtk_editable_set_text (GTK_EDITABLE (entry), yc_case_material_get_note (self->material));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Not Applicable"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  reason_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (entry, "changed", G_CALLBACK (reason_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (reason_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (not_applicable_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static YcMaterialState
state_for_action (const char *action_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_rows); i++)
    if (g_str_equal (state_rows[i].action, action_name))
      return state_rows[i].state;
  g_return_val_if_reached (YC_MATERIAL_STATE_PENDING);
}

static void
state_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YcMaterialRow *self = YC_MATERIAL_ROW (widget);
  YcMaterialState state = state_for_action (action_name);

  gtk_popover_popdown (self->popover);

  if (state == YC_MATERIAL_STATE_SCANNED && self->n_pages == 0 &&
      !has_text (yc_case_material_get_attachment (self->material)))
    {
      /* Nothing scanned yet: the file comes first; its pages set the state once stored. */
      yc_material_row_choose_file (self);
      return;
    }

  if (!yc_material_row_choose_state (self, state, NULL))
    return;
  /* From one material to the next, as the clerk goes through the pile; but not after undoing. */
  if (state != YC_MATERIAL_STATE_PENDING && state != YC_MATERIAL_STATE_NOT_APPLICABLE)
    g_signal_emit (self, signals[ADVANCE], 0);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcMaterialRow *self = YC_MATERIAL_ROW (widget);

  gtk_popover_popdown (self->popover);
  yc_material_row_choose_file (self);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcMaterialRow *self = YC_MATERIAL_ROW (widget);

  gtk_popover_popdown (self->popover);
  if (g_str_equal (action_name, "material.scan"))
    g_signal_emit (self, signals[SCAN], 0);
  else
    g_signal_emit (self, signals[SHOW_PAGES], 0);
}

static void
counts_changed_cb (YcMaterialRow *self)
{
  if (self->updating || !self->editable)
    return;

  g_object_set (self->material,
                "originals", (guint) gtk_spin_button_get_value_as_int (self->originals_spin),
                "copies", (guint) gtk_spin_button_get_value_as_int (self->copies_spin),
                NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
note_changed_cb (YcMaterialRow *self)
{
  g_autofree char *note = NULL;

  if (self->updating || !self->editable)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_object_set (self->material, "note", *note != '\0' ? note : NULL, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
note_activate_cb (YcMaterialRow *self)
{
  gtk_popover_popdown (self->popover);
}

static void
popover_closed_cb (YcMaterialRow *self)
{
  /* Back on the row, where the keys work, unless a state change moved the focus on already. */
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == GTK_WIDGET (self->menu_button) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
row_activate_cb (YcMaterialRow *self)
{
  /* Enter on the row opens its menu. */
  if (self->editable)
    gtk_popover_popup (self->popover);
}

static GtkWidget *
make_tag (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "yc-tag");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build_static_parts (YcMaterialRow *self,
                    guint          number)
{
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  g_autofree char *menu_label = NULL;
  const char *licence = self->spec != NULL ? yc_material_spec_get_licence_type (self->spec) : NULL;

  gtk_label_set_text (self->number_label, number_text);
  gtk_label_set_text (self->name_label, yc_case_material_get_name (self->material));

  if (self->spec != NULL)
    {
      g_autofree char *details = NULL;

      details = g_strdup_printf (_("Originals: %u · Copies: %u · %s"),
                                 yc_material_spec_get_originals (self->spec),
                                 yc_material_spec_get_copies (self->spec),
                                 yc_material_form_get_label (yc_material_spec_get_form (self->spec)));
      gtk_label_set_text (self->details_label, details);
      if (has_text (yc_material_spec_get_notes (self->spec)))
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label),
                                     yc_material_spec_get_notes (self->spec));

      if (!yc_material_spec_get_required (self->spec))
        gtk_box_append (self->badges_box, make_tag (_("If applicable"), "optional"));
      if (yc_material_spec_get_tolerable (self->spec))
        gtk_box_append (self->badges_box, make_tag (_("Tolerable"), "tolerable"));
      if (has_text (licence))
        gtk_box_append (self->badges_box, make_tag (_("E-licence"), "licence"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), self->spec != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->badges_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->badges_box)) != NULL);

  /* Translators: accessible name of a material's menu button; %s is the material */
  menu_label = g_strdup_printf (_("Change the state of “%s”"), yc_case_material_get_name (self->material));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

  {
    /* Translators: tooltip and accessible name of a material's Scan button; %s is the material */
    g_autofree char *scan_label = g_strdup_printf (_("Scan “%s” (Shift+S)"),
                                                   yc_case_material_get_name (self->material));

    gtk_widget_set_tooltip_text (self->scan_button, scan_label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->scan_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, scan_label, -1);
  }
}

static void
build_state_buttons (YcMaterialRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_rows); i++)
    {
      GtkWidget *button, *box, *line, *label, *key, *reason;

      button = gtk_button_new ();
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), state_rows[i].action);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      label = gtk_label_new_with_mnemonic (_(state_rows[i].label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
      key = gtk_label_new (state_rows[i].key_label);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_add_css_class (key, "yc-key");
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), key);
      reason = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (reason), 36);
      gtk_widget_add_css_class (reason, "caption");
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_widget_set_visible (reason, FALSE);
      gtk_box_append (GTK_BOX (box), line);
      gtk_box_append (GTK_BOX (box), reason);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_box_append (self->states_box, button);

      self->state_buttons[state_rows[i].state] = button;
      self->reason_labels[state_rows[i].state] = reason;
    }
}

static void
yc_material_row_dispose (GObject *object)
{
  YcMaterialRow *self = YC_MATERIAL_ROW (object);

  if (self->material != NULL)
    g_signal_handlers_disconnect_by_data (self->material, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_MATERIAL_ROW);
  g_clear_object (&self->material);
  g_clear_object (&self->spec);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (yc_material_row_parent_class)->dispose (object);
}

static void
yc_material_row_finalize (GObject *object)
{
  YcMaterialRow *self = YC_MATERIAL_ROW (object);

  g_free (self->deadline);
  g_free (self->state_text);
  for (guint i = 0; i < G_N_ELEMENTS (self->reasons); i++)
    g_free (self->reasons[i]);

  G_OBJECT_CLASS (yc_material_row_parent_class)->finalize (object);
}

static void
yc_material_row_class_init (YcMaterialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_material_row_dispose;
  object_class->finalize = yc_material_row_finalize;

  /* The clerk changed the state, a count or the note. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A state was chosen: the focus should move to the next material. */
  signals[ADVANCE] = g_signal_new ("advance", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Importing a file could not start, or (yc_material_row_import_file) failed (GError): the
   * checklist's owner shows why. */
  signals[IMPORT_FAILED] = g_signal_new ("import-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The clerk wants to scan this material (yc-intake-scan.c opens its pages and scans). */
  signals[SCAN] = g_signal_new ("scan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The clerk wants to see (and work on) this material's pages. */
  signals[SHOW_PAGES] = g_signal_new ("show-pages", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-material-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, badges_box);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, popover);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, states_box);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, originals_spin);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, import_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, scan_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, pages_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, pages_content);
  gtk_widget_class_bind_template_callback (widget_class, counts_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_closed_cb);

  for (guint i = 0; i < G_N_ELEMENTS (state_rows); i++)
    {
      gtk_widget_class_install_action (widget_class, state_rows[i].action, NULL, state_action);
      gtk_widget_class_add_binding_action (widget_class, state_rows[i].keyval, 0,
                                           state_rows[i].action, NULL);
    }
  gtk_widget_class_install_action (widget_class, "material.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "material.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "material.show-pages", NULL, scan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_SHIFT_MASK,
                                       "material.scan", NULL);
  /* As in the material's pages (the scan panel). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "material.import", NULL);
}

static void
yc_material_row_init (YcMaterialRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  build_state_buttons (self);
  g_signal_connect (self, "activate", G_CALLBACK (row_activate_cb), NULL);
}

GtkWidget *
yc_material_row_new (YcCaseMaterial *material,
                     YcMaterialSpec *spec,
                     YcItem         *item,
                     guint           number)
{
  YcMaterialRow *self;

  g_return_val_if_fail (YC_IS_CASE_MATERIAL (material), NULL);
  g_return_val_if_fail (spec == NULL || YC_IS_MATERIAL_SPEC (spec), NULL);
  g_return_val_if_fail (item == NULL || YC_IS_ITEM (item), NULL);

  self = g_object_new (YC_TYPE_MATERIAL_ROW, NULL);
  self->material = g_object_ref (material);
  self->spec = spec != NULL ? g_object_ref (spec) : NULL;
  self->item = item != NULL ? g_object_ref (item) : NULL;

  build_static_parts (self, number);
  update_state_display (self);
  update_allowed (self);
  g_signal_connect_swapped (material, "notify", G_CALLBACK (material_notify_cb), self);

  return GTK_WIDGET (self);
}

YcCaseMaterial *
yc_material_row_get_material (YcMaterialRow *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), NULL);

  return self->material;
}

YcMaterialSpec *
yc_material_row_get_spec (YcMaterialRow *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), NULL);

  return self->spec;
}

void
yc_material_row_set_flags (YcMaterialRow    *self,
                           YcApplicantFlags  flags)
{
  g_return_if_fail (YC_IS_MATERIAL_ROW (self));

  self->flags = flags;
  update_allowed (self);
}

void
yc_material_row_set_editable (YcMaterialRow *self,
                              gboolean       editable)
{
  g_return_if_fail (YC_IS_MATERIAL_ROW (self));

  self->editable = editable;
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), editable);
  gtk_widget_set_visible (self->scan_button, editable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), editable);
  update_allowed (self);
}

gboolean
yc_material_row_get_editable (YcMaterialRow *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), FALSE);

  return self->editable;
}

gboolean
yc_material_row_choose_state (YcMaterialRow   *self,
                              YcMaterialState  state,
                              const char      *note)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), FALSE);

  if (!self->editable || self->reasons[state] != NULL)
    return FALSE;

  if (state == YC_MATERIAL_STATE_NOT_APPLICABLE && !has_text (note))
    {
      ask_not_applicable_reason (self);
      return FALSE;
    }

  apply_state (self, state, note);
  return TRUE;
}

const char *
yc_material_row_get_disabled_reason (YcMaterialRow   *self,
                                     YcMaterialState  state)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), NULL);
  g_return_val_if_fail (state <= YC_MATERIAL_STATE_NOT_APPLICABLE, NULL);

  return self->reasons[state];
}

void
yc_material_row_set_deadline (YcMaterialRow *self,
                              const char    *deadline)
{
  g_return_if_fail (YC_IS_MATERIAL_ROW (self));

  if (g_strcmp0 (self->deadline, deadline) == 0)
    return;
  g_free (self->deadline);
  self->deadline = g_strdup (deadline);
  update_state_display (self);
}

const char *
yc_material_row_get_state_text (YcMaterialRow *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), NULL);

  return self->state_text;
}

void
yc_material_row_set_page_count (YcMaterialRow *self,
                                guint          n_pages)
{
  g_autofree char *label = NULL;

  g_return_if_fail (YC_IS_MATERIAL_ROW (self));

  self->n_pages = n_pages;
  /* Translators: on a checklist line: how many pages were scanned or imported; opens them */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages), n_pages);
  adw_button_content_set_label (self->pages_content, label);
  gtk_widget_set_visible (GTK_WIDGET (self->pages_button), n_pages > 0);
}

guint
yc_material_row_get_page_count (YcMaterialRow *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_ROW (self), 0);

  return self->n_pages;
}

/* --- importing a file scanned elsewhere --- */

/* Both go to the material's pages (yc-intake-scan.c puts the "material-pages" actions on the
 * checklist): one import path, whichever way the clerk starts it. The actions find the file store
 * and report "import-failed" when there is none; here, only a checklist without them is. */
static void
activate_or_fail (YcMaterialRow *self,
                  const char    *action,
                  GVariant      *parameter)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (parameter);

  if (!gtk_widget_activate_action_variant (GTK_WIDGET (self), action, owned))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Files cannot be imported into this "
                                                       "material here."));

      g_signal_emit (self, signals[IMPORT_FAILED], 0, error);
    }
}

void
yc_material_row_import_file (YcMaterialRow *self,
                             GFile         *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (YC_IS_MATERIAL_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  activate_or_fail (self, "material-pages.import-file",
                    g_variant_new ("(us)", (guint32) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self)),
                                   uri));
}

void
yc_material_row_choose_file (YcMaterialRow *self)
{
  g_return_if_fail (YC_IS_MATERIAL_ROW (self));

  activate_or_fail (self, "material-pages.import",
                    g_variant_new_uint32 (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self))));
}
