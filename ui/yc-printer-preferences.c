/* yc-printer-preferences.c: the Printing page: printers as CUPS lists them, with states; copies. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-decision.h"
#include "yc-printer-preferences.h"

#define MAX_COPIES 9

struct _YcPrinterPreferences
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  YcPrinterList      *printers;
  GPtrArray          *names;       /* the choices' printer names, "" first */
  gboolean            filling;     /* the combo rows are being refilled, not chosen by the clerk */
  GtkSpinButton      *copies[YC_DOC_N_KINDS];

  /* template children */
  AdwActionRow       *cups_row;
  AdwComboRow        *receipt_row;
  AdwActionRow       *receipt_warning_row;
  AdwComboRow        *document_row;
  AdwActionRow       *document_warning_row;
  AdwPreferencesGroup *copies_group;
};

G_DEFINE_FINAL_TYPE (YcPrinterPreferences, yc_printer_preferences, ADW_TYPE_PREFERENCES_PAGE)

static const char *
key_for (gboolean receipt)
{
  return receipt ? "receipt-printer" : "document-printer";
}

static char *
choice_label (YcPrinterInfo *info)
{
  const char *name = yc_printer_info_get_name (info);
  const char *description = yc_printer_info_get_description (info);
  g_autofree char *label = NULL;

  if (description != NULL && *description != '\0' && g_strcmp0 (description, name) != 0)
    /* Translators: a printer's description and its CUPS name */
    label = g_strdup_printf (_("%s (%s)"), description, name);
  else
    label = g_strdup (name);

  if (yc_printer_info_get_state (info) == YC_PRINTER_STATE_STOPPED)
    /* Translators: a printer in the list that is stopped */
    return g_strdup_printf (_("%s — stopped"), label);
  if (!yc_printer_info_get_accepting (info))
    /* Translators: a printer in the list that rejects jobs */
    return g_strdup_printf (_("%s — not accepting jobs"), label);
  return g_steal_pointer (&label);
}

/* What is wrong with the printer chosen for @receipt, translated, or NULL. */
static char *
warning_for (YcPrinterPreferences *self,
             gboolean              receipt)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, key_for (receipt));
  YcPrinterInfo *info;
  const char *message;

  if (self->printers == NULL || !yc_printer_list_get_loaded (self->printers) ||
      !yc_printer_list_get_available (self->printers))
    return NULL;

  if (*chosen == '\0')
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->printers));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(YcPrinterInfo) candidate = g_list_model_get_item (G_LIST_MODEL (self->printers),
                                                                      i);

          if (yc_printer_info_get_is_default (candidate))
            {
              g_free (chosen);
              chosen = g_strdup (yc_printer_info_get_name (candidate));
              break;
            }
        }
      if (*chosen == '\0')
        return g_strdup (_("There is no default printer: documents cannot be printed. Choose a "
                           "printer."));
    }

  info = yc_printer_list_lookup (self->printers, chosen);
  if (info == NULL)
    return g_strdup_printf (_("The printer “%s” is missing: documents sent to it fail and wait "
                              "on their cases to be printed again. Choose another printer."),
                            chosen);
  message = yc_printer_info_get_state_message (info);
  if (yc_printer_info_get_state (info) == YC_PRINTER_STATE_STOPPED)
    {
      if (message != NULL && *message != '\0')
        return g_strdup_printf (_("The printer “%s” is stopped (%s): documents wait until it is "
                                  "resumed."), chosen, message);
      return g_strdup_printf (_("The printer “%s” is stopped: documents wait until it is "
                                "resumed."), chosen);
    }
  if (!yc_printer_info_get_accepting (info))
    return g_strdup_printf (_("The printer “%s” does not accept jobs: documents sent to it fail."),
                            chosen);
  return NULL;
}

static void
update_warning (YcPrinterPreferences *self,
                gboolean              receipt)
{
  AdwActionRow *row = receipt ? self->receipt_warning_row : self->document_warning_row;
  g_autofree char *warning = warning_for (self, receipt);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (row), warning != NULL);
}

static void
update_warnings (YcPrinterPreferences *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cups_row),
                          self->printers != NULL && yc_printer_list_get_loaded (self->printers) &&
                          !yc_printer_list_get_available (self->printers));
  update_warning (self, TRUE);
  update_warning (self, FALSE);
}

static guint
find_name (YcPrinterPreferences *self,
           const char           *name)
{
  for (guint i = 0; i < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->names, i), name) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
select_chosen (YcPrinterPreferences *self,
               gboolean              receipt)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, key_for (receipt));
  AdwComboRow *row = receipt ? self->receipt_row : self->document_row;
  guint position = find_name (self, chosen);

  self->filling = TRUE;
  adw_combo_row_set_selected (row, position == GTK_INVALID_LIST_POSITION ? 0 : position);
  self->filling = FALSE;
}

/* The choices: "Default printer", every CUPS destination, and a chosen printer CUPS does not list
 * (so the setting is shown as it is, and flagged, rather than silently replaced). */
static void
fill_choices (YcPrinterPreferences *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *receipt = g_settings_get_string (self->settings, "receipt-printer");
  g_autofree char *document = g_settings_get_string (self->settings, "document-printer");
  const char *chosen[] = { receipt, document };
  guint n = self->printers != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->printers)) : 0;

  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_add (self->names, g_strdup (""));
  gtk_string_list_append (labels, _("Default printer"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcPrinterInfo) info = g_list_model_get_item (G_LIST_MODEL (self->printers), i);
      g_autofree char *label = choice_label (info);

      g_ptr_array_add (self->names, g_strdup (yc_printer_info_get_name (info)));
      gtk_string_list_append (labels, label);
    }
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    if (*chosen[i] != '\0' && find_name (self, chosen[i]) == GTK_INVALID_LIST_POSITION)
      {
        g_autofree char *label = NULL;

        if (self->printers != NULL && yc_printer_list_get_loaded (self->printers))
          /* Translators: a chosen printer CUPS does not know (any more) */
          label = g_strdup_printf (_("%s — missing"), chosen[i]);
        else
          label = g_strdup (chosen[i]);
        g_ptr_array_add (self->names, g_strdup (chosen[i]));
        gtk_string_list_append (labels, label);
      }

  self->filling = TRUE;
  adw_combo_row_set_model (self->receipt_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->document_row, G_LIST_MODEL (labels));
  self->filling = FALSE;
  select_chosen (self, TRUE);
  select_chosen (self, FALSE);
  update_warnings (self);
}

static void
printers_changed_cb (YcPrinterPreferences *self)
{
  fill_choices (self);
}

static void
chosen_cb (YcPrinterPreferences *self,
           GParamSpec           *pspec,
           AdwComboRow          *row)
{
  gboolean receipt = row == self->receipt_row;
  guint position = adw_combo_row_get_selected (row);
  g_autofree char *current = NULL;

  if (self->filling || position == GTK_INVALID_LIST_POSITION || position >= self->names->len)
    return;
  current = g_settings_get_string (self->settings, key_for (receipt));
  if (g_strcmp0 (current, g_ptr_array_index (self->names, position)) != 0)
    g_settings_set_string (self->settings, key_for (receipt),
                           g_ptr_array_index (self->names, position));
}

static void
printer_setting_changed_cb (GSettings            *settings,
                            const char           *key,
                            YcPrinterPreferences *self)
{
  g_autofree char *chosen = g_settings_get_string (settings, key);

  /* Chosen elsewhere (another window, a test): the choices may need the name. */
  if (find_name (self, chosen) == GTK_INVALID_LIST_POSITION)
    fill_choices (self);
  else
    {
      select_chosen (self, g_str_equal (key, "receipt-printer"));
      update_warnings (self);
    }
}

/* --- copies --- */

/* What a decision asks for when the Preferences say nothing: the most any outcome prints. */
static guint
asked_copies (YcDocKind kind)
{
  guint copies = 1;

  for (guint outcome = 0; outcome < YC_DECISION_N_OUTCOMES; outcome++)
    {
      guint n_docs = 0;
      const YcDocDue *docs = yc_decision_outcome_get_documents (outcome, &n_docs);

      for (guint i = 0; i < n_docs; i++)
        if (docs[i].kind == kind)
          copies = MAX (copies, docs[i].copies);
    }
  return copies;
}

static void
show_copies (YcPrinterPreferences *self)
{
  g_autoptr(GVariant) copies = g_settings_get_value (self->settings, "document-copies");

  for (guint kind = 0; kind < YC_DOC_N_KINDS; kind++)
    {
      guint32 value;

      if (!g_variant_lookup (copies, yc_doc_kind_to_string (kind), "u", &value) || value == 0)
        value = asked_copies (kind);
      if ((guint) gtk_spin_button_get_value_as_int (self->copies[kind]) != value)
        gtk_spin_button_set_value (self->copies[kind], value);
    }
}

static void
copies_changed_cb (GtkSpinButton        *button,
                   YcPrinterPreferences *self)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "document-copies");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{su}"));
  YcDocKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "yc-kind"));
  guint32 value = gtk_spin_button_get_value_as_int (button);
  guint32 current;
  GVariantIter iter;
  const char *code;
  guint32 copies;

  /* Unchanged (also when a refill sets the value shown): nothing to write. */
  if (g_variant_lookup (old, yc_doc_kind_to_string (kind), "u", &current))
    {
      if (current == value)
        return;
    }
  else if (value == asked_copies (kind))
    return;
  /* Only this kind changes; the others keep what they had, set or not. */
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&su}", &code, &copies))
    if (!g_str_equal (code, yc_doc_kind_to_string (kind)))
      g_variant_builder_add (&builder, "{su}", code, copies);
  g_variant_builder_add (&builder, "{su}", yc_doc_kind_to_string (kind), value);
  g_settings_set_value (self->settings, "document-copies", g_variant_builder_end (&builder));
}

static void
copies_setting_changed_cb (YcPrinterPreferences *self)
{
  show_copies (self);
}

static void
build_copies_rows (YcPrinterPreferences *self)
{
  for (guint kind = 0; kind < YC_DOC_N_KINDS; kind++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX_COPIES, 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), yc_doc_kind_get_label (kind));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      yc_doc_kind_get_label (kind), -1);
      g_object_set_data (G_OBJECT (spin), "yc-kind", GUINT_TO_POINTER (kind));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->copies_group, row);
      self->copies[kind] = GTK_SPIN_BUTTON (spin);
    }
  show_copies (self);
  for (guint kind = 0; kind < YC_DOC_N_KINDS; kind++)
    g_signal_connect (self->copies[kind], "value-changed", G_CALLBACK (copies_changed_cb), self);
}

/* --- GObject --- */

static void
yc_printer_preferences_dispose (GObject *object)
{
  YcPrinterPreferences *self = YC_PRINTER_PREFERENCES (object);

  if (self->printers != NULL)
    g_signal_handlers_disconnect_by_data (self->printers, self);
  g_clear_object (&self->printers);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_PRINTER_PREFERENCES);

  G_OBJECT_CLASS (yc_printer_preferences_parent_class)->dispose (object);
}

static void
yc_printer_preferences_finalize (GObject *object)
{
  YcPrinterPreferences *self = YC_PRINTER_PREFERENCES (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);

  G_OBJECT_CLASS (yc_printer_preferences_parent_class)->finalize (object);
}

static void
yc_printer_preferences_class_init (YcPrinterPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_printer_preferences_dispose;
  object_class->finalize = yc_printer_preferences_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/yichuang/Yichuang/ui/yc-printer-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, cups_row);
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, receipt_row);
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, receipt_warning_row);
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, document_row);
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, document_warning_row);
  gtk_widget_class_bind_template_child (widget_class, YcPrinterPreferences, copies_group);
}

static void
yc_printer_preferences_init (YcPrinterPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
yc_printer_preferences_new (GSettings     *settings,
                            YcPrinterList *printers)
{
  YcPrinterPreferences *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (printers == NULL || YC_IS_PRINTER_LIST (printers), NULL);

  self = g_object_new (YC_TYPE_PRINTER_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  if (printers != NULL)
    {
      self->printers = g_object_ref (printers);
      g_signal_connect_object (printers, "changed", G_CALLBACK (printers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (printers, "notify::available", G_CALLBACK (printers_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (printers, "notify::loaded", G_CALLBACK (printers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Fresh states now, rather than after the next poll. */
      yc_printer_list_refresh (printers);
    }
  fill_choices (self);
  g_signal_connect_object (self->receipt_row, "notify::selected", G_CALLBACK (chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_row, "notify::selected", G_CALLBACK (chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::receipt-printer",
                           G_CALLBACK (printer_setting_changed_cb), self, 0);
  g_signal_connect_object (settings, "changed::document-printer",
                           G_CALLBACK (printer_setting_changed_cb), self, 0);
  build_copies_rows (self);
  g_signal_connect_object (settings, "changed::document-copies",
                           G_CALLBACK (copies_setting_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

GStrv
yc_printer_preferences_dup_choices (YcPrinterPreferences *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (YC_IS_PRINTER_PREFERENCES (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->names, i));
  return g_strv_builder_end (builder);
}

AdwComboRow *
yc_printer_preferences_get_row (YcPrinterPreferences *self,
                                gboolean              receipt)
{
  g_return_val_if_fail (YC_IS_PRINTER_PREFERENCES (self), NULL);
  return receipt ? self->receipt_row : self->document_row;
}

const char *
yc_printer_preferences_get_warning (YcPrinterPreferences *self,
                                    gboolean              receipt)
{
  AdwActionRow *row;

  g_return_val_if_fail (YC_IS_PRINTER_PREFERENCES (self), NULL);

  row = receipt ? self->receipt_warning_row : self->document_warning_row;
  if (!gtk_widget_get_visible (GTK_WIDGET (row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

GtkSpinButton *
yc_printer_preferences_get_copies_button (YcPrinterPreferences *self,
                                          YcDocKind             kind)
{
  g_return_val_if_fail (YC_IS_PRINTER_PREFERENCES (self), NULL);
  g_return_val_if_fail ((guint) kind < YC_DOC_N_KINDS, NULL);
  return self->copies[kind];
}
