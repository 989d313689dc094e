/* yc-scan-settings.c: Preferences › Scanner: the device list comes from the scanner's worker thread
 * and each choice goes back to it, so a slow network scanner never freezes the dialog. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-scan-settings.h"

struct _YcScanSettingsPage
{
  AdwPreferencesPage  parent_instance;

  YcScanner          *scanner;
  GSettings          *settings;
  GCancellable       *cancellable;        /* closes with the page */
  GCancellable       *device_cancellable; /* the chosen device's capabilities and options */
  guint               pending;
  gboolean            updating;           /* the rows are being filled, not chosen */

  GPtrArray          *devices;            /* (element-type utf8) SANE names, as listed */
  GArray             *sources;            /* (element-type guint) YcScanSource per row */
  GArray             *modes;              /* (element-type guint) YcScanMode per row */
  GArray             *resolutions;        /* (element-type guint) dpi per row */
  YcScanSettings     *current;

  AdwComboRow        *device_row;
  AdwComboRow        *source_row;
  AdwComboRow        *mode_row;
  AdwComboRow        *resolution_row;
  GtkWidget          *refresh_button;
  AdwPreferencesGroup *settings_group;
};

G_DEFINE_FINAL_TYPE (YcScanSettingsPage, yc_scan_settings_page, ADW_TYPE_PREFERENCES_PAGE)

/* Standard resolutions offered when a device allows a whole range. */
static const guint common_resolutions[] = { 75, 100, 150, 200, 240, 300, 400, 600, 1200 };

static const char *
source_label (YcScanSource source)
{
  switch (source)
    {
    case YC_SCAN_SOURCE_ADF:
      return _("Document feeder");
    case YC_SCAN_SOURCE_DUPLEX:
      return _("Document feeder, both sides");
    case YC_SCAN_SOURCE_FLATBED:
    default:
      return _("Flatbed");
    }
}

static const char *
mode_label (YcScanMode mode)
{
  switch (mode)
    {
    case YC_SCAN_MODE_GRAY:
      return _("Grey");
    case YC_SCAN_MODE_LINEART:
      return _("Black and white (line art)");
    case YC_SCAN_MODE_COLOR:
    default:
      return _("Colour");
    }
}

static void
set_busy (YcScanSettingsPage *self,
          int                 delta)
{
  self->pending += delta;
  gtk_widget_set_sensitive (self->refresh_button, self->pending == 0);
}

static const char *
chosen_device (YcScanSettingsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->device_row);

  return selected < self->devices->len ? g_ptr_array_index (self->devices, selected) : NULL;
}

/* Fills @row with @labels and selects the entry whose value in @values is @value. */
static void
fill_row (YcScanSettingsPage *self,
          AdwComboRow        *row,
          GPtrArray          *labels,
          GArray             *values,
          guint               value)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (labels, i));
      if (g_array_index (values, guint, i) == value)
        selected = i;
    }
  self->updating = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (row), labels->len > 0);
}

static void
show_settings (YcScanSettingsPage *self,
               const YcScanSettings *settings)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->sources->len; i++)
    if (g_array_index (self->sources, guint, i) == settings->source)
      adw_combo_row_set_selected (self->source_row, i);
  for (guint i = 0; i < self->modes->len; i++)
    if (g_array_index (self->modes, guint, i) == settings->mode)
      adw_combo_row_set_selected (self->mode_row, i);
  for (guint i = 0; i < self->resolutions->len; i++)
    if (g_array_index (self->resolutions, guint, i) == settings->resolution)
      adw_combo_row_set_selected (self->resolution_row, i);
  self->updating = FALSE;

  g_clear_pointer (&self->current, yc_scan_settings_free);
  self->current = yc_scan_settings_copy (settings);
}

static void
show_capabilities (YcScanSettingsPage       *self,
                   const YcScanCapabilities *caps)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const YcScanSettings *current = caps->current;

  g_array_set_size (self->sources, 0);
  for (YcScanSource s = YC_SCAN_SOURCE_FLATBED; s <= YC_SCAN_SOURCE_DUPLEX; s++)
    if (caps->sources & (1u << s))
      {
        guint value = s;

        g_array_append_val (self->sources, value);
        g_ptr_array_add (labels, g_strdup (source_label (s)));
      }
  fill_row (self, self->source_row, labels, self->sources, current->source);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (self->modes, 0);
  for (YcScanMode m = YC_SCAN_MODE_COLOR; m <= YC_SCAN_MODE_LINEART; m++)
    if (caps->modes & (1u << m))
      {
        guint value = m;

        g_array_append_val (self->modes, value);
        g_ptr_array_add (labels, g_strdup (mode_label (m)));
      }
  fill_row (self, self->mode_row, labels, self->modes, current->mode);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (self->resolutions, 0);
  if (caps->resolution_list != NULL)
    g_array_append_vals (self->resolutions, caps->resolution_list->data,
                         caps->resolution_list->len);
  else
    for (guint i = 0; i < G_N_ELEMENTS (common_resolutions); i++)
      if (common_resolutions[i] >= caps->resolution_min &&
          common_resolutions[i] <= caps->resolution_max)
        g_array_append_val (self->resolutions, common_resolutions[i]);
  {
    gboolean listed = FALSE;

    /* The remembered value is offered even if it is not a common one. */
    for (guint i = 0; i < self->resolutions->len; i++)
      listed = listed || g_array_index (self->resolutions, guint, i) == current->resolution;
    if (!listed)
      g_array_append_val (self->resolutions, current->resolution);
  }
  for (guint i = 0; i < self->resolutions->len; i++)
    /* Translators: a scanning resolution, dots per inch */
    g_ptr_array_add (labels, g_strdup_printf (_("%u dpi"),
                                              g_array_index (self->resolutions, guint, i)));
  fill_row (self, self->resolution_row, labels, self->resolutions, current->resolution);

  show_settings (self, current);
  adw_preferences_group_set_description (self->settings_group,
                                         _("Remembered for each scanner."));
}

static void
clear_capabilities (YcScanSettingsPage *self,
                    const char         *why)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_array_set_size (self->sources, 0);
  g_array_set_size (self->modes, 0);
  g_array_set_size (self->resolutions, 0);
  fill_row (self, self->source_row, none, self->sources, 0);
  fill_row (self, self->mode_row, none, self->modes, 0);
  fill_row (self, self->resolution_row, none, self->resolutions, 0);
  g_clear_pointer (&self->current, yc_scan_settings_free);
  adw_preferences_group_set_description (self->settings_group, why);
}

static void
capabilities_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YcScanSettingsPage) self = user_data;
  g_autoptr(YcScanCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;

  caps = yc_scanner_get_capabilities_finish (YC_SCANNER (source), result, &error);
  set_busy (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (caps == NULL)
    {
      clear_capabilities (self, error->message);
      return;
    }
  show_capabilities (self, caps);
}

static void
load_device (YcScanSettingsPage *self)
{
  const char *device = chosen_device (self);

  g_cancellable_cancel (self->device_cancellable);
  g_clear_object (&self->device_cancellable);
  if (device == NULL)
    {
      clear_capabilities (self, NULL);
      return;
    }
  self->device_cancellable = g_cancellable_new ();
  set_busy (self, 1);
  yc_scanner_get_capabilities_async (self->scanner, device, self->device_cancellable,
                                     capabilities_cb, g_object_ref (self));
}

static void
device_selected_cb (YcScanSettingsPage *self)
{
  const char *device;

  if (self->updating)
    return;
  device = chosen_device (self);
  if (device != NULL)
    g_settings_set_string (self->settings, "scanner-device", device);
  load_device (self);
}

static void
set_options_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(YcScanSettingsPage) self = user_data;
  g_autoptr(YcScanSettings) used = NULL;
  g_autoptr(GError) error = NULL;

  used = yc_scanner_set_options_finish (YC_SCANNER (source), result, &error);
  set_busy (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (used == NULL)
    {
      adw_preferences_group_set_description (self->settings_group, error->message);
      return;
    }
  /* What the device actually took (clamped to what it allows). */
  show_settings (self, used);
  adw_preferences_group_set_description (self->settings_group, _("Remembered for each scanner."));
}

static void
option_selected_cb (YcScanSettingsPage *self)
{
  const char *device = chosen_device (self);
  guint source = adw_combo_row_get_selected (self->source_row);
  guint mode = adw_combo_row_get_selected (self->mode_row);
  guint resolution = adw_combo_row_get_selected (self->resolution_row);
  g_autoptr(YcScanSettings) settings = NULL;

  if (self->updating || device == NULL || self->device_cancellable == NULL ||
      source >= self->sources->len || mode >= self->modes->len ||
      resolution >= self->resolutions->len)
    return;

  settings = yc_scan_settings_new (g_array_index (self->sources, guint, source),
                                   g_array_index (self->modes, guint, mode),
                                   g_array_index (self->resolutions, guint, resolution));
  set_busy (self, 1);
  yc_scanner_set_options_async (self->scanner, device, settings, self->device_cancellable,
                                set_options_cb, g_object_ref (self));
}

static void
list_devices_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YcScanSettingsPage) self = user_data;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *saved = NULL;
  guint selected = 0;
  gboolean found = FALSE;

  devices = yc_scanner_list_devices_finish (YC_SCANNER (source), result, &error);
  set_busy (self, -1);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  saved = g_settings_get_string (self->settings, "scanner-device");
  g_ptr_array_set_size (self->devices, 0);
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      YcScanDevice *device = g_ptr_array_index (devices, i);
      g_autofree char *label = yc_scan_device_dup_label (device);
      /* Translators: a scanner in the list: its make and model, and its SANE name */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), label, device->name);

      g_ptr_array_add (self->devices, g_strdup (device->name));
      gtk_string_list_append (model, text);
      if (g_strcmp0 (device->name, saved) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  if (!found && *saved != '\0')
    {
      /* Unplugged or switched off: kept, so plugging it back in is all it takes. */
      /* Translators: the chosen scanner, not found right now; %s is its SANE name */
      g_autofree char *text = g_strdup_printf (_("%s (not connected)"), saved);

      g_ptr_array_add (self->devices, g_strdup (saved));
      gtk_string_list_append (model, text);
      selected = self->devices->len - 1;
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->device_row, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->device_row), self->devices->len > 0);

  if (error != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), error->message);
  else if (self->devices->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row),
                                 _("No scanner was found. Check that it is connected and switched "
                                   "on, then press Refresh."));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), NULL);

  /* With nothing chosen yet, the first scanner is the one scans use: say so in the setting. */
  if (*saved == '\0' && self->devices->len > 0)
    g_settings_set_string (self->settings, "scanner-device", g_ptr_array_index (self->devices, 0));
  load_device (self);
}

void
yc_scan_settings_page_refresh (YcScanSettingsPage *self)
{
  g_return_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), _("Looking for scanners…"));
  set_busy (self, 1);
  yc_scanner_list_devices_async (self->scanner, self->cancellable, list_devices_cb,
                                 g_object_ref (self));
}

static void
refresh_clicked_cb (YcScanSettingsPage *self)
{
  yc_scan_settings_page_refresh (self);
}

static AdwComboRow *
combo_row_new (const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return row;
}

static void
build (YcScanSettingsPage *self)
{
  AdwPreferencesGroup *group;

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "scanner");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Scanner"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "scanner-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Scanner"));
  adw_preferences_group_set_description (group, _("Pages scanned at the counter come from this "
                                                  "scanner."));
  self->refresh_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (self->refresh_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->refresh_button, "flat");
  gtk_widget_set_tooltip_text (self->refresh_button, _("Look for scanners again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refresh"), -1);
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (refresh_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, self->refresh_button);
  self->device_row = combo_row_new (_("_Scanner"));
  g_signal_connect_swapped (self->device_row, "notify::selected", G_CALLBACK (device_selected_cb),
                            self);
  adw_preferences_group_add (group, GTK_WIDGET (self->device_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->settings_group = group;
  adw_preferences_group_set_title (group, _("Scanning"));
  self->source_row = combo_row_new (_("S_ource"));
  self->mode_row = combo_row_new (_("_Mode"));
  self->resolution_row = combo_row_new (_("_Resolution"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->resolution_row),
                               _("300 dpi keeps small print legible; higher makes larger files."));
  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (option_selected_cb),
                            self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (option_selected_cb),
                            self);
  g_signal_connect_swapped (self->resolution_row, "notify::selected",
                            G_CALLBACK (option_selected_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->source_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->mode_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->resolution_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
}

static void
yc_scan_settings_page_dispose (GObject *object)
{
  YcScanSettingsPage *self = YC_SCAN_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->device_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->device_cancellable);
  g_clear_object (&self->scanner);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_scan_settings_page_parent_class)->dispose (object);
}

static void
yc_scan_settings_page_finalize (GObject *object)
{
  YcScanSettingsPage *self = YC_SCAN_SETTINGS_PAGE (object);

  g_ptr_array_unref (self->devices);
  g_array_unref (self->sources);
  g_array_unref (self->modes);
  g_array_unref (self->resolutions);
  g_clear_pointer (&self->current, yc_scan_settings_free);

  G_OBJECT_CLASS (yc_scan_settings_page_parent_class)->finalize (object);
}

static void
yc_scan_settings_page_class_init (YcScanSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_scan_settings_page_dispose;
  object_class->finalize = yc_scan_settings_page_finalize;
}

static void
yc_scan_settings_page_init (YcScanSettingsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->devices = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_array_new (FALSE, TRUE, sizeof (guint));
  self->modes = g_array_new (FALSE, TRUE, sizeof (guint));
  self->resolutions = g_array_new (FALSE, TRUE, sizeof (guint));
  build (self);
}

GtkWidget *
yc_scan_settings_page_new (YcScanner *scanner,
                           GSettings *settings)
{
  YcScanSettingsPage *self;

  g_return_val_if_fail (YC_IS_SCANNER (scanner), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (YC_TYPE_SCAN_SETTINGS_PAGE, NULL);
  self->scanner = g_object_ref (scanner);
  self->settings = g_object_ref (settings);
  /* Off the main thread, when Preferences open: SANE may take seconds to probe the network. */
  yc_scan_settings_page_refresh (self);
  return GTK_WIDGET (self);
}

gboolean
yc_scan_settings_page_get_busy (YcScanSettingsPage *self)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), FALSE);

  return self->pending > 0;
}

GPtrArray *
yc_scan_settings_page_get_devices (YcScanSettingsPage *self)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), NULL);

  return self->devices;
}

const YcScanSettings *
yc_scan_settings_page_get_current (YcScanSettingsPage *self)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), NULL);

  return self->current;
}

static gboolean
choose (YcScanSettingsPage *self,
        AdwComboRow        *row,
        GArray             *values,
        guint               value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, guint, i) == value)
      {
        /* Chosen again, it is still written: the device remembers it. */
        if (adw_combo_row_get_selected (row) == i)
          option_selected_cb (self);
        else
          adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
yc_scan_settings_page_choose_device (YcScanSettingsPage *self,
                                     const char         *device)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), FALSE);

  for (guint i = 0; i < self->devices->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->devices, i), device) == 0)
      {
        if (adw_combo_row_get_selected (self->device_row) == i)
          device_selected_cb (self);
        else
          adw_combo_row_set_selected (self->device_row, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
yc_scan_settings_page_choose_source (YcScanSettingsPage *self,
                                     YcScanSource        source)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), FALSE);

  return choose (self, self->source_row, self->sources, source);
}

gboolean
yc_scan_settings_page_choose_mode (YcScanSettingsPage *self,
                                   YcScanMode          mode)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), FALSE);

  return choose (self, self->mode_row, self->modes, mode);
}

gboolean
yc_scan_settings_page_choose_resolution (YcScanSettingsPage *self,
                                         guint               dpi)
{
  g_return_val_if_fail (YC_IS_SCAN_SETTINGS_PAGE (self), FALSE);

  return choose (self, self->resolution_row, self->resolutions, dpi);
}
