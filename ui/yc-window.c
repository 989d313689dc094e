/* yc-window.c: the main window: sidebar navigation, page actions, saved size, the store's state. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-window.h"

struct _YcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  gboolean              application_connected;
  /* Built when first shown (ensure_page): the first frame needs only the Intake page. */
  YcCasesPage          *cases_page;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwWindowTitle       *sidebar_title;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkListBox           *sidebar_list;
  GtkWidget            *content_box;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  YcIntakePage         *intake_page;
  AdwBin               *cases_bin;
  AdwBin               *approvals_bin;
  AdwBin               *sync_bin;
  AdwStatusPage        *store_error_page;
};

G_DEFINE_FINAL_TYPE (YcWindow, yc_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[] = { "intake", "cases", "approvals", "sync" };

static gboolean
is_page_name (const char *name)
{
  return name != NULL && g_strv_contains ((const char * const *) page_names, name);
}

static void
update_subtitle (YcWindow *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "window-code");
  g_autofree char *clerk = g_settings_get_string (self->settings, "clerk-name");
  g_autofree char *subtitle = NULL;

  g_strstrip (clerk);
  if (*clerk != '\0')
    /* Translators: subtitle of the main window: the window (counter) code and the clerk's name */
    subtitle = g_strdup_printf (_("Window %s · %s"), code, clerk);
  else
    /* Translators: subtitle of the main window: the window (counter) code */
    subtitle = g_strdup_printf (_("Window %s"), code);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
settings_changed_cb (YcWindow   *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_strcmp0 (key, "window-code") == 0 || g_strcmp0 (key, "clerk-name") == 0)
    update_subtitle (self);
}

static void
sync_sidebar_selection (YcWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          break;
        }
    }
}

static void cases_reopen_cb (YcWindow *self,
                             YcCase   *kase);

static YcCasesPage *
ensure_cases_page (YcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->cases_page != NULL)
    return self->cases_page;

  self->cases_page = g_object_new (YC_TYPE_CASES_PAGE, NULL);
  g_signal_connect_object (self->cases_page, "reopen", G_CALLBACK (cases_reopen_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->cases_bin, GTK_WIDGET (self->cases_page));
  if (YC_IS_APPLICATION (app) && yc_application_get_store (YC_APPLICATION (app)) != NULL)
    yc_cases_page_set_store (self->cases_page, yc_application_get_store (YC_APPLICATION (app)));
  return self->cases_page;
}

static GtkWidget *
new_status_page (const char *icon_name,
                 const char *title,
                 const char *description)
{
  return g_object_new (ADW_TYPE_STATUS_PAGE,
                       "icon-name", icon_name,
                       "title", title,
                       "description", description,
                       NULL);
}

/* Builds the page in @bin the first time it is shown. */
static void
ensure_page (YcWindow *self,
             AdwBin   *bin)
{
  if (adw_bin_get_child (bin) != NULL)
    return;

  if (bin == self->cases_bin)
    ensure_cases_page (self);
  else if (bin == self->approvals_bin)
    adw_bin_set_child (bin, new_status_page ("emblem-ok-symbolic",
                                             _("Nothing to Approve"),
                                             _("Immediate items routed to the chief representative "
                                               "for approval will wait here.")));
  else if (bin == self->sync_bin)
    adw_bin_set_child (bin, new_status_page ("computer-symbolic",
                                             _("Working on This Workstation"),
                                             _("Synchronisation with the integrated online platform "
                                               "is not set up yet; everything is kept safely on "
                                               "this workstation.")));
}

static void
stack_visible_child_cb (YcWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  GtkStackPage *page;

  if (child == NULL)
    return;

  if (ADW_IS_BIN (child))
    ensure_page (self, ADW_BIN (child));

  page = gtk_stack_get_page (self->stack, child);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  sync_sidebar_selection (self);
  /* Leaving the intake keeps it as it is, and writes its draft now rather than after a pause. */
  if (child != GTK_WIDGET (self->intake_page))
    yc_intake_page_save_draft_now (self->intake_page);
}

static void
leaflet_folded_cb (YcWindow *self)
{
  /* Folding shows one pane: keep the clerk on the page they were working in. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
back_to_sidebar_cb (YcWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
sidebar_row_activated_cb (YcWindow      *self,
                          GtkListBoxRow *row)
{
  yc_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  yc_window_show_page (YC_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
new_intake_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  YcWindow *self = user_data;

  yc_window_show_page (self, "intake");
  yc_intake_page_reset (self->intake_page);
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  YcWindow *self = user_data;

  yc_window_show_page (self, "intake");
  yc_intake_page_focus_search (self->intake_page);
}

static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  /* Built on first use rather than by GtkApplication for every new window (which costs each start
   * several milliseconds before the first frame): the resource is not at the gtk/help-overlay.ui
   * path GtkApplication looks for. This action, already in place, keeps the one
   * gtk_application_window_set_help_overlay() would add from being installed. */
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/org/yichuang/Yichuang/ui/yc-shortcuts-window.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "show-page", show_page_action, "s" },
  { "new-intake", new_intake_action },
  { "search", search_action },
  { "show-help-overlay", show_help_overlay_action },
};

static void
store_ready_cb (YcWindow      *self,
                YcApplication *app)
{
  const GError *catalogue_error = yc_application_get_catalogue_error (app);

  yc_intake_page_set_store (self->intake_page, yc_application_get_store (app));
  if (self->cases_page != NULL)
    yc_cases_page_set_store (self->cases_page, yc_application_get_store (app));

  if (catalogue_error != NULL)
    {
      /* Toast titles are markup. */
      g_autofree char *escaped = g_markup_escape_text (catalogue_error->message, -1);
      g_autofree char *title = NULL;

      title = g_strdup_printf (_("The service catalogue could not be loaded: %s"), escaped);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
case_decided_cb (YcWindow *self,
                 YcCase   *kase)
{
  /* A Cases page not built yet lists the cases when it is. */
  if (self->cases_page != NULL)
    yc_cases_page_refresh (self->cases_page);
}

static void
cases_reopen_cb (YcWindow *self,
                 YcCase   *kase)
{
  /* The applicant is back: the one-time-notice case continues in the intake, under its number. */
  yc_window_show_page (self, "intake");
  yc_intake_page_resume_case (self->intake_page, kase);
}

/* The page a window shows when the database cannot be opened: built only then, as nearly every
 * start never needs it. */
static AdwStatusPage *
ensure_store_error_page (YcWindow *self)
{
  GtkWidget *box, *header, *title, *page, *quit;

  if (self->store_error_page != NULL)
    return self->store_error_page;

  title = adw_window_title_new (_("Yichuang"), NULL);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);

  quit = gtk_button_new_with_mnemonic (_("_Quit"));
  gtk_widget_set_halign (quit, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (quit), "app.quit");
  gtk_widget_add_css_class (quit, "pill");

  page = adw_status_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("The Database Could Not Be Opened"));
  adw_status_page_set_child (ADW_STATUS_PAGE (page), quit);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  gtk_stack_add_named (self->main_stack, box, "error");

  self->store_error_page = ADW_STATUS_PAGE (page);
  return self->store_error_page;
}

static void
store_failed_cb (YcWindow      *self,
                 const GError  *error,
                 YcApplication *app)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n\n%s",
                                 escaped,
                                 _("Cases of this window are kept in this database, so Yichuang "
                                   "cannot work without it. Check that the disk is not full and "
                                   "that the file belongs to your user account, then start "
                                   "Yichuang again. If it still fails, call technical support; "
                                   "do not delete the file."));
  adw_status_page_set_description (ensure_store_error_page (self), description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
restore_size (YcWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
yc_window_close_request (GtkWindow *window)
{
  YcWindow *self = YC_WINDOW (window);
  int width, height;

  yc_intake_page_save_draft_now (self->intake_page);

  /* The default size is the unmaximized one, which is what the next start should restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (yc_window_parent_class)->close_request (window);
}

/* "application" is not a construct property: it is set after constructed(), so follow it. */
static void
application_changed_cb (YcWindow   *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!YC_IS_APPLICATION (app) || self->application_connected)
    return;
  self->application_connected = TRUE;

  if (yc_application_get_store (YC_APPLICATION (app)) != NULL)
    store_ready_cb (self, YC_APPLICATION (app));
  else if (yc_application_get_store_error (YC_APPLICATION (app)) != NULL)
    store_failed_cb (self, yc_application_get_store_error (YC_APPLICATION (app)),
                     YC_APPLICATION (app));

  g_signal_connect_object (app, "store-ready",
                           G_CALLBACK (store_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "store-failed",
                           G_CALLBACK (store_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
yc_window_dispose (GObject *object)
{
  YcWindow *self = YC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), YC_TYPE_WINDOW);
  /* Went with its bin. */
  self->cases_page = NULL;

  G_OBJECT_CLASS (yc_window_parent_class)->dispose (object);
}

static void
yc_window_finalize (GObject *object)
{
  YcWindow *self = YC_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_window_parent_class)->finalize (object);
}

static void
yc_window_class_init (YcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = yc_window_dispose;
  object_class->finalize = yc_window_finalize;
  window_class->close_request = yc_window_close_request;

  g_type_ensure (YC_TYPE_INTAKE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, intake_page);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, cases_bin);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, approvals_bin);
  gtk_widget_class_bind_template_child (widget_class, YcWindow, sync_bin);
  gtk_widget_class_bind_template_callback (widget_class, case_decided_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_to_sidebar_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);
}

/* The main menu's popover is built when it is first opened (by a click or F10), not for the first
 * frame: a menu model given up front is turned into its widgets at once. GTK calls this on every
 * opening, and setting the model again would build the popover again. */
static void
create_main_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  YcWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
yc_window_init (YcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_main_menu_cb, self, NULL);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  update_subtitle (self);
  restore_size (self);
  /* Large text is the help-and-agent mode: one column at a time on the Intake page. */
  g_settings_bind (self->settings, "large-text", self->intake_page, "one-column", G_SETTINGS_BIND_GET);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_actions, G_N_ELEMENTS (win_actions), self);

  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  stack_visible_child_cb (self);
}

YcWindow *
yc_window_new (YcApplication *application)
{
  return g_object_new (YC_TYPE_WINDOW, "application", application, NULL);
}

void
yc_window_show_page (YcWindow   *self,
                     const char *name)
{
  g_return_if_fail (YC_IS_WINDOW (self));

  if (!is_page_name (name))
    {
      g_warning ("No page named “%s”", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, name);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

const char *
yc_window_get_visible_page (YcWindow *self)
{
  g_return_val_if_fail (YC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

YcIntakePage *
yc_window_get_intake_page (YcWindow *self)
{
  g_return_val_if_fail (YC_IS_WINDOW (self), NULL);

  return self->intake_page;
}

YcCasesPage *
yc_window_get_cases_page (YcWindow *self)
{
  g_return_val_if_fail (YC_IS_WINDOW (self), NULL);

  return ensure_cases_page (self);
}
