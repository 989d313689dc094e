/* yc-test-ui.c: what the ui tests share: waiting on the main context, the application over a temporary
 * store, an intake driven through the real widgets, and keys pressed through GTK's own event routing. */
#define G_LOG_DOMAIN "yc-test-ui"

#include <glib/gi18n.h>
#include <locale.h>

#include "yc-applicant-form.h"
#include "yc-decision-pane.h"
#include "yc-test-ui.h"

static guint timeout_s = 60;

/* --- start-up and waiting --- */

gboolean
yc_test_ui_init (int       *argc,
                 char    ***argv,
                 gboolean   translate)
{
  g_auto(GStrv) system_data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  GtkIconTheme *icon_theme;

  setlocale (LC_ALL, "");
  if (translate)
    {
      /* As main.c does: with LANGUAGE=zh_CN the screenshots show the clerks' language. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YC_LOCALEDIR") != NULL ? g_getenv ("YC_LOCALEDIR")
                                                                           : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  /* ISOLATE_DIRS hides XDG_DATA_DIRS, and with it the MIME database (to recognise SVG icons) and the
   * icon theme: keep pointing at the system's copies, which the tests only read. A test subprocess
   * inherits the isolated directories, hence the variable. */
  if (g_getenv ("YC_TEST_SYSTEM_DATA_DIRS") != NULL)
    system_data_dirs = g_strsplit (g_getenv ("YC_TEST_SYSTEM_DATA_DIRS"), G_SEARCHPATH_SEPARATOR_S, -1);
  else
    {
      g_autofree char *joined = NULL;

      system_data_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
      joined = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, system_data_dirs);
      g_setenv ("YC_TEST_SYSTEM_DATA_DIRS", joined, TRUE);
    }
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: the ui tests need one (run them under Xvfb).\n");
      return FALSE;
    }
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
    }
  /* GTK's recent files live in the isolated data directory of the test that first used them (a
   * file dialog), which is gone when a later test in the same program makes GTK save them. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  return TRUE;
}

void
yc_test_ui_set_timeout (guint seconds)
{
  timeout_s = seconds;
}

guint
yc_test_ui_get_timeout (void)
{
  return timeout_s;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
yc_test_ui_wait_begin (YcTestUiWait *wait)
{
  wait->end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  wait->wake_id = g_timeout_add (20, wake_up_cb, NULL);
}

gboolean
yc_test_ui_wait_step (YcTestUiWait *wait)
{
  if (g_get_monotonic_time () > wait->end)
    return FALSE;
  g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

void
yc_test_ui_wait_end (YcTestUiWait *wait)
{
  g_clear_handle_id (&wait->wake_id, g_source_remove);
}

void
yc_test_ui_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- widgets --- */

gpointer
yc_test_ui_template_child (gpointer    widget,
                           GType       type,
                           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

gboolean
yc_test_ui_focus_is_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

gpointer
yc_test_ui_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
mark_painted (gboolean *painted)
{
  *painted = TRUE;
}

void
yc_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("YC_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  if (dir == NULL)
    return;
  /* What is on screen is what was painted: wait for a paint after everything pending. */
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (mark_painted), &painted);
  yc_test_ui_drain ();
  gtk_widget_queue_draw (widget);
  WAIT_FOR (painted);
  g_signal_handler_disconnect (clock, id);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* --- keys --- */

/* GTK 4 has no public constructor for key events (gtk_test_widget_send_key went with GTK 3). GTK's
 * own testsuite (testsuite/gtk/shortcuts.c) builds them by mirroring GDK's private structures; so
 * does this, after gdk/gdkeventsprivate.h of GTK 4.8. yc_test_ui_press_keys() checks every field it
 * writes through GDK's public getters, so a GTK whose layout differs fails loudly instead of routing
 * garbage. */
typedef struct {
  GTypeInstance  parent_instance;
  grefcount      ref_count;
  GdkEventType   event_type;
  GdkSurface    *surface;
  GdkDevice     *device;
  guint32        time;
  guint16        flags;
} MirroredEvent;

typedef struct {
  guint           keyval;
  GdkModifierType consumed;
  guint           layout;
  guint           level;
} MirroredTranslatedKey;

typedef struct {
  MirroredEvent          parent_instance;
  GdkModifierType        state;
  guint32                keycode;
  gboolean               key_is_modifier;
  MirroredTranslatedKey  translated[2];
  char                  *compose_sequence;
} MirroredKeyEvent;

static GdkEvent *
key_event_new (GdkEventType     type,
               GdkSurface      *surface,
               guint            keyval,
               GdkModifierType  state)
{
  GdkDisplay *display = gdk_surface_get_display (surface);
  GdkDevice *keyboard = gdk_seat_get_keyboard (gdk_display_get_default_seat (display));
  g_autofree GdkKeymapKey *keys = NULL;
  GTypeQuery query;
  MirroredKeyEvent *mirror;
  GdkEvent *event;
  guint32 time = (guint32) (g_get_monotonic_time () / 1000);
  grefcount initial_ref;
  int n_keys = 0;

  g_type_query (GDK_TYPE_KEY_EVENT, &query);
  g_assert_cmpuint (query.instance_size, >=, sizeof (MirroredKeyEvent));
  g_assert_nonnull (keyboard);
  /* The key that gives @keyval, as the keyboard would send it. */
  g_assert_true (gdk_display_map_keyval (display, keyval, &keys, &n_keys));
  g_assert_cmpint (n_keys, >, 0);

  event = (GdkEvent *) g_type_create_instance (GDK_TYPE_KEY_EVENT);
  mirror = (MirroredKeyEvent *) event;
  /* GdkEvent's instance init holds the first reference, where this layout says. */
  g_ref_count_init (&initial_ref);
  g_assert_cmpint (mirror->parent_instance.ref_count, ==, initial_ref);
  mirror->parent_instance.event_type = type;
  mirror->parent_instance.surface = g_object_ref (surface);
  mirror->parent_instance.device = g_object_ref (keyboard);
  mirror->parent_instance.time = time;
  mirror->state = state;
  mirror->keycode = keys[0].keycode;
  mirror->key_is_modifier = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (mirror->translated); i++)
    {
      mirror->translated[i].keyval = keyval;
      mirror->translated[i].consumed = 0;
      mirror->translated[i].layout = keys[0].group;
      mirror->translated[i].level = keys[0].level;
    }

  /* What GDK reads back is what was meant. */
  g_assert_cmpint (gdk_event_get_event_type (event), ==, type);
  g_assert_true (gdk_event_get_surface (event) == surface);
  g_assert_true (gdk_event_get_device (event) == keyboard);
  g_assert_cmpuint (gdk_event_get_time (event), ==, time);
  g_assert_cmpuint (gdk_event_get_modifier_state (event), ==, state);
  g_assert_cmpuint (gdk_key_event_get_keycode (event), ==, keys[0].keycode);
  g_assert_cmpuint (gdk_key_event_get_keyval (event), ==, keyval);
  g_assert_cmpuint (gdk_key_event_get_layout (event), ==, keys[0].group);
  g_assert_cmpuint (gdk_key_event_get_level (event), ==, keys[0].level);
  g_assert_cmpuint (gdk_key_event_get_consumed_modifiers (event), ==, 0);
  g_assert_false (gdk_key_event_is_modifier (event));
  return event;
}

void
yc_test_ui_press_keys (GtkWidget  *widget,
                       const char *accelerator)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface;
  guint keyval = 0;
  GdkModifierType state = 0;

  g_assert_nonnull (native);
  surface = gtk_native_get_surface (native);
  g_assert_nonnull (surface);
  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &state));

  /* GDK hands every event it reads from the display to the surface's "event" signal; the window
   * answers with gtk_main_do_event(), which sends key events to the focus widget, through the
   * capture and bubble phases of every controller from the window down and back. */
  for (guint i = 0; i < 2; i++)
    {
      GdkEvent *event = key_event_new (i == 0 ? GDK_KEY_PRESS : GDK_KEY_RELEASE, surface, keyval, state);
      gboolean handled = FALSE;

      g_signal_emit_by_name (surface, "event", event, &handled);
      gdk_event_unref (event);
    }
}

/* --- the application --- */

YcApplication *
yc_test_ui_app_new (YcWindow **window)
{
  g_autoptr(GError) error = NULL;
  YcApplication *app = yc_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  *window = YC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (YC_IS_WINDOW (*window));
  return app;
}

void
yc_test_ui_set_counter (YcApplication *app,
                        YcWindow      *window)
{
  GSettings *settings = yc_application_get_settings (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 960);
  g_settings_set_string (settings, "window-code", "ZH01");
  g_settings_set_string (settings, "clerk-name", "王芳");
}

void
yc_test_ui_wait_ready (YcApplication *app,
                       YcWindow      *window)
{
  WAIT_FOR (yc_application_get_store (app) != NULL || yc_application_get_store_error (app) != NULL);
  g_assert_null (yc_application_get_store_error (app));
  g_assert_null (yc_application_get_catalogue_error (app));
  g_assert_cmpuint (yc_store_count_items (yc_application_get_store (app), NULL), >, 0);
  g_assert_nonnull (yc_application_get_file_store (app));
  g_assert_nonnull (yc_application_get_printing (app));
  WAIT_FOR (yc_intake_page_get_store (yc_window_get_intake_page (window)) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
}

YcApplication *
yc_test_ui_start_app (gboolean   counter,
                      YcWindow **window)
{
  YcApplication *app = yc_test_ui_app_new (window);

  if (counter)
    yc_test_ui_set_counter (app, *window);
  yc_test_ui_wait_ready (app, *window);
  return app;
}

void
yc_test_ui_app_close (YcApplication **app)
{
  if (*app == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (*app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (*app)))
    gtk_window_destroy (GTK_WINDOW (l->data));
  yc_test_ui_drain ();
  g_clear_object (app);
}

static gboolean
weak_ref_cleared (GWeakRef *weak)
{
  g_autoptr(GObject) alive = g_weak_ref_get (weak);

  return alive == NULL;
}

void
yc_test_ui_app_stop (YcApplication **app)
{
  GLogLevelFlags fatal;
  GWeakRef weak;

  if (*app == NULL)
    return;
  g_weak_ref_init (&weak, *app);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (*app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (*app)))
    gtk_window_destroy (GTK_WINDOW (l->data));
  yc_test_ui_drain ();
  g_signal_emit_by_name (*app, "shutdown");
  yc_test_ui_drain ();
  /* Without g_application_run(), GIO says critically that the application did not leave the bus
   * first; that one message is expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_clear_object (app);
  g_log_set_always_fatal (fatal);
  /* Workers still holding it (a store write, a page count) finish on the main context. */
  WAIT_FOR (weak_ref_cleared (&weak));
  g_weak_ref_clear (&weak);
}

YcStore *
yc_test_ui_open_store (void)
{
  g_autoptr(GError) error = NULL;
  YcStore *store;

  g_assert_nonnull (g_getenv ("YC_DATABASE"));
  store = yc_store_open (g_getenv ("YC_DATABASE"), &error);
  g_assert_no_error (error);
  return store;
}

/* --- an intake, as at the counter --- */

YcItemDetail *
yc_test_ui_show_item (YcWindow   *window,
                      const char *query,
                      const char *code)
{
  YcIntakePage *page = yc_window_get_intake_page (window);
  YcItemDetail *detail = yc_intake_page_get_detail (page);
  GListModel *results;
  guint n, found = G_MAXUINT;

  gtk_editable_set_text (yc_intake_page_get_search_entry (page), query);
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_results_query (page), query) == 0 &&
            g_strcmp0 (yc_intake_page_get_state (page), "results") == 0);
  results = yc_intake_page_get_results (page);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcItem) item = g_list_model_get_item (results, i);

      if (g_strcmp0 (yc_item_get_code (item), code) == 0)
        found = i;
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (results), found);
  g_signal_emit_by_name (yc_intake_page_get_list_view (YC_INTAKE_PAGE (page)), "activate",
                         found);
  WAIT_FOR (yc_item_detail_get_item (detail) != NULL &&
            g_strcmp0 (yc_item_get_code (yc_item_detail_get_item (detail)), code) == 0);
  return detail;
}

YcIntakeForm *
yc_test_ui_start_intake (YcWindow   *window,
                         const char *query,
                         const char *code)
{
  YcIntakePage *page = yc_window_get_intake_page (window);
  YcItemDetail *detail;
  YcIntakeForm *form;

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  yc_test_ui_drain ();
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "intake");
  g_assert_cmpstr (yc_intake_page_get_mode (page), ==, "choose");
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (yc_intake_page_get_search_entry (page))));

  detail = yc_test_ui_show_item (window, query, code);
  /* The item's Start Intake button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "intake.start", NULL));
  g_assert_cmpstr (yc_intake_page_get_mode (page), ==, "form");
  form = yc_intake_page_get_form (page);
  g_assert_nonnull (yc_intake_form_get_case (form));
  g_assert_cmpstr (yc_case_get_item_code (yc_intake_form_get_case (form)), ==, code);
  yc_test_ui_drain ();
  /* After choosing the item the next keystroke is the applicant's name. */
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (yc_test_ui_field (form, "name_field"))));
  return form;
}

YcField *
yc_test_ui_field (YcIntakeForm *form,
                  const char   *name)
{
  return yc_test_ui_template_child (yc_intake_form_get_applicant_form (form), YC_TYPE_APPLICANT_FORM,
                                    name);
}

void
yc_test_ui_type_into (YcIntakeForm *form,
                      const char   *name,
                      const char   *text)
{
  GtkEntry *entry = yc_field_get_entry (yc_test_ui_field (form, name));

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

YcMaterialRow *
yc_test_ui_material_row (YcIntakeForm *form,
                         guint         position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (yc_intake_form_get_materials_list (form),
                                                      (int) position);

  g_assert_nonnull (row);
  return YC_MATERIAL_ROW (row);
}

YcMaterialState
yc_test_ui_row_state (YcIntakeForm *form,
                      guint         position)
{
  return yc_case_material_get_state (yc_material_row_get_material (yc_test_ui_material_row (form,
                                                                                          position)));
}

void
yc_test_ui_press_state (YcIntakeForm *form,
                        guint         position,
                        const char   *action)
{
  GtkWidget *row = GTK_WIDGET (yc_test_ui_material_row (form, position));

  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_activate_action (row, action, NULL));
}

GtkWidget *
yc_test_ui_outcome_button (YcIntakeForm      *form,
                           YcDecisionOutcome  outcome)
{
  GtkWidget *box = yc_test_ui_template_child (yc_intake_form_get_decision_pane (form),
                                              YC_TYPE_DECISION_PANE, "outcomes_box");

  /* Each outcome is a box of its radio button and the reason it is not available. */
  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = gtk_widget_get_first_child (row);

      if (GTK_IS_CHECK_BUTTON (button) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (button)),
                     yc_decision_outcome_get_label (outcome)) == 0)
        return button;
    }
  g_error ("No button for the outcome %s", yc_decision_outcome_get_label (outcome));
}

void
yc_test_ui_choose_outcome (YcIntakeForm      *form,
                           YcDecisionOutcome  outcome)
{
  GtkWidget *button = yc_test_ui_outcome_button (form, outcome);

  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_grab_focus (button));
  yc_test_ui_press_keys (button, "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (button)));
  g_assert_cmpint (yc_decision_pane_get_outcome (yc_intake_form_get_decision_pane (form)), ==, outcome);
}

void
yc_test_ui_wait_decided (YcIntakeForm *form)
{
  YcDecisionPane *pane = yc_intake_form_get_decision_pane (form);
  GtkWidget *spinner = yc_test_ui_template_child (pane, YC_TYPE_DECISION_PANE, "busy_spinner");

  WAIT_FOR (yc_intake_form_get_decided (form) ||
            (yc_decision_pane_get_problem (pane) != NULL && !gtk_widget_get_visible (spinner)));
  if (!yc_intake_form_get_decided (form))
    g_error ("The decision failed: %s", yc_decision_pane_get_problem (pane));
  g_assert_true (yc_decision_pane_get_showing_result (pane));
}

void
yc_test_ui_decide (YcIntakeForm *form)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "intake.decide", NULL));
  yc_test_ui_wait_decided (form);
}
