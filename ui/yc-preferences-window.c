/* yc-preferences-window.c: edits the workstation's settings, checking what must be valid. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-case-number.h"
#include "yc-preferences-window.h"
#include "yc-printer-preferences.h"
#include "yc-printing.h"

struct _YcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template children */
  AdwEntryRow          *window_code_row;
  GtkWidget            *window_code_hint;
  AdwEntryRow          *clerk_row;
  AdwEntryRow          *platform_row;
  GtkWidget            *platform_hint;
  GtkSwitch            *large_text_switch;
};

G_DEFINE_FINAL_TYPE (YcPreferencesWindow, yc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
platform_url_is_valid (const char *text)
{
  g_autofree char *scheme = NULL;

  if (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (text);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

/* Shows @row as invalid (and its @hint) or valid; returns @valid. */
static gboolean
show_validity (GtkWidget *row,
               GtkWidget *hint,
               gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (row, "error");
  else
    gtk_widget_add_css_class (row, "error");
  gtk_widget_set_visible (hint, !valid);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  return valid;
}

static void
window_code_changed_cb (YcPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->window_code_row));

  if (self->settings == NULL)
    return;
  if (show_validity (GTK_WIDGET (self->window_code_row), self->window_code_hint,
                     yc_window_code_is_valid (text)))
    g_settings_set_string (self->settings, "window-code", text);
}

static void
platform_changed_cb (YcPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->platform_row));

  if (self->settings == NULL)
    return;
  if (show_validity (GTK_WIDGET (self->platform_row), self->platform_hint,
                     platform_url_is_valid (text)))
    g_settings_set_string (self->settings, "platform-url", text);
}

static void
yc_preferences_window_constructed (GObject *object)
{
  YcPreferencesWindow *self = YC_PREFERENCES_WINDOW (object);
  g_autofree char *window_code = NULL;
  g_autofree char *platform_url = NULL;
  GSettings *settings;
  YcPrinting *printing = yc_printing_get_default ();
  GtkWidget *printing_page;

  G_OBJECT_CLASS (yc_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  /* Validated keys are written by hand when valid; the others follow the entries directly. The
   * validated ones are filled in before the handlers can see them (settings is NULL meanwhile). */
  settings = g_steal_pointer (&self->settings);
  window_code = g_settings_get_string (settings, "window-code");
  gtk_editable_set_text (GTK_EDITABLE (self->window_code_row), window_code);
  platform_url = g_settings_get_string (settings, "platform-url");
  gtk_editable_set_text (GTK_EDITABLE (self->platform_row), platform_url);
  self->settings = settings;

  g_settings_bind (self->settings, "clerk-name", self->clerk_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "large-text", self->large_text_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* Printers as CUPS lists them, kept current while the page is open. */
  printing_page = yc_printer_preferences_new (self->settings,
                                              printing != NULL ? yc_printing_get_printers (printing)
                                                               : NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (printing_page));
}

static void
yc_preferences_window_dispose (GObject *object)
{
  YcPreferencesWindow *self = YC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_preferences_window_parent_class)->dispose (object);
}

static void
yc_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YcPreferencesWindow *self = YC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  YcPreferencesWindow *self = YC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_preferences_window_class_init (YcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yc_preferences_window_constructed;
  object_class->dispose = yc_preferences_window_dispose;
  object_class->get_property = yc_preferences_window_get_property;
  object_class->set_property = yc_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/yichuang/Yichuang/ui/yc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, window_code_row);
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, window_code_hint);
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, clerk_row);
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, platform_hint);
  gtk_widget_class_bind_template_child (widget_class, YcPreferencesWindow, large_text_switch);
  gtk_widget_class_bind_template_callback (widget_class, window_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, platform_changed_cb);

  /* Escape closes, as in any dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yc_preferences_window_init (YcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YcPreferencesWindow *
yc_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (YC_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
