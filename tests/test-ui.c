/* test-ui.c: the real application and window, over a real store in a temporary file. */
#define G_LOG_DOMAIN "yc-test-ui"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "yc-application.h"
#include "yc-intake-page.h"
#include "yc-item-detail.h"
#include "yc-preferences-window.h"
#include "yc-test-cupsd.h"
#include "yc-test-ui.h"
#include "yc-window.h"

static YcApplication *app;
static YcWindow *window;
static char *tmp_dir;

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
strv_contains_substring (const char * const *strv,
                         const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* One application and window for all cases, as in a clerk's day: the catalogue is imported once. */
static void
ensure_app (void)
{
  if (app == NULL)
    app = yc_test_ui_start_app (FALSE, &window);
}

static gboolean
detail_shows (YcItemDetail *detail,
              YcItem       *item)
{
  YcItem *shown = yc_item_detail_get_item (detail);

  return shown != NULL && g_strcmp0 (yc_item_get_code (shown), yc_item_get_code (item)) == 0;
}

static const char *
detail_label (YcItemDetail *detail,
              const char   *name)
{
  return gtk_label_get_text (GTK_LABEL (yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL, name)));
}

static YcIntakePage *
intake_page (void)
{
  return yc_window_get_intake_page (window);
}

static gboolean
search_answered (YcIntakePage *page,
                 const char   *query)
{
  const char *state = yc_intake_page_get_state (page);

  return g_strcmp0 (yc_intake_page_get_results_query (page), query) == 0 &&
         (g_strcmp0 (state, "results") == 0 || g_strcmp0 (state, "no-results") == 0);
}

/* Types @query as the clerk does and waits until the results answer it. */
static void
search (const char *query)
{
  YcIntakePage *page = intake_page ();

  gtk_editable_set_text (yc_intake_page_get_search_entry (page), query);
  WAIT_FOR (search_answered (page, query));
}

static YcItem *
result_at (guint position)
{
  return g_list_model_get_item (yc_intake_page_get_results (intake_page ()), position);
}

static void
test_pages (void)
{
  static const struct {
    const char *name;
    const char *accel;
  } pages[] = {
    { "cases", "<Alt>2" },
    { "approvals", "<Alt>3" },
    { "sync", "<Alt>4" },
    { "intake", "<Alt>1" },
  };
  GtkWidget *sidebar_list;
  GtkStack *stack;
  AdwWindowTitle *content_title;

  ensure_app ();
  sidebar_list = yc_test_ui_template_child (window, YC_TYPE_WINDOW, "sidebar_list");
  stack = GTK_STACK (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "stack"));
  content_title = ADW_WINDOW_TITLE (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "content_title"));

  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "intake");
  g_assert_cmpuint (count_children (sidebar_list), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_stack_get_pages (stack))), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i].name);
      g_auto(GStrv) accels = NULL;
      GtkWidget *child;
      GtkListBoxRow *selected;

      accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed);
      g_assert_true (g_strv_contains ((const char * const *) accels, pages[i].accel));

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                      g_variant_new_string (pages[i].name));
      g_assert_cmpstr (yc_window_get_visible_page (window), ==, pages[i].name);

      child = gtk_stack_get_visible_child (stack);
      g_assert_true (gtk_widget_get_visible (child));
      g_assert_cmpstr (adw_window_title_get_title (content_title), ==,
                       gtk_stack_page_get_title (gtk_stack_get_page (stack, child)));
      /* Pages other than the Intake are built into their place when first shown. */
      if (ADW_IS_BIN (child))
        {
          child = adw_bin_get_child (ADW_BIN (child));
          g_assert_nonnull (child);
        }
      selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar_list));
      g_assert_nonnull (selected);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (selected)), ==, pages[i].name);

      /* The pages not built yet say so honestly, with a title and a sentence. */
      if (ADW_IS_STATUS_PAGE (child))
        {
          g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child)), !=, "");
          g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (child)), !=, "");
          g_assert_nonnull (adw_status_page_get_icon_name (ADW_STATUS_PAGE (child)));
        }
      else
        g_assert_true (YC_IS_INTAKE_PAGE (child) || YC_IS_CASES_PAGE (child));
    }

  /* The sidebar switches pages too. */
  for (GtkWidget *row = gtk_widget_get_first_child (sidebar_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), "sync") == 0)
      g_signal_emit_by_name (sidebar_list, "row-activated", row);
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "sync");
  yc_window_show_page (window, "intake");
}

static void
test_search_household (void)
{
  GListModel *results;
  g_autoptr(YcItem) first = NULL;

  ensure_app ();

  search ("户口");
  g_assert_cmpstr (yc_intake_page_get_state (intake_page ()), ==, "results");
  results = yc_intake_page_get_results (intake_page ());
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (results), <=, 50);

  /* A household-registration (户口) item, of the public security bureau, comes first. */
  first = result_at (0);
  g_assert_true (strstr (yc_item_get_name (first), "户口") != NULL ||
                 strv_contains_substring (yc_item_get_keywords (first), "户口"));
  g_assert_nonnull (strstr (yc_item_get_department (first), "公安"));
  /* Autoselect: Enter opens the first result. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (results)), ==, 0);
}

static void
test_search_three_characters (void)
{
  GListModel *results;
  g_autoptr(YcItem) first = NULL;

  ensure_app ();

  search ("公积金");
  g_assert_cmpstr (yc_intake_page_get_state (intake_page ()), ==, "results");
  results = yc_intake_page_get_results (intake_page ());
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);
  first = result_at (0);
  g_assert_nonnull (strstr (yc_item_get_name (first), "公积金"));
}

static void
test_search_department (void)
{
  GListModel *results;
  guint n;

  ensure_app ();

  search ("不动产登记中心");
  g_assert_cmpstr (yc_intake_page_get_state (intake_page ()), ==, "results");
  results = yc_intake_page_get_results (intake_page ());
  n = g_list_model_get_n_items (results);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcItem) item = result_at (i);

      g_assert_cmpstr (yc_item_get_department (item), ==, "北方市不动产登记中心");
    }
}

static void
test_search_nonsense (void)
{
  AdwStatusPage *no_results;

  ensure_app ();

  search ("qzxqzx无此事项");
  g_assert_cmpstr (yc_intake_page_get_state (intake_page ()), ==, "no-results");
  g_assert_cmpuint (g_list_model_get_n_items (yc_intake_page_get_results (intake_page ())), ==, 0);
  /* The page was added to the results pane when first needed; it is the one on display. */
  no_results = ADW_STATUS_PAGE (gtk_stack_get_visible_child (
    GTK_STACK (yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "results_stack"))));
  g_assert_true (ADW_IS_STATUS_PAGE (no_results));
  g_assert_nonnull (strstr (adw_status_page_get_description (no_results), "qzxqzx无此事项"));

  /* Clearing the search brings back the hints. */
  gtk_editable_set_text (yc_intake_page_get_search_entry (intake_page ()), "");
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_state (intake_page ()), "empty") == 0);
}

static void
test_detail_open (void)
{
  YcIntakePage *page;
  YcItemDetail *detail;
  g_autoptr(YcItem) first = NULL;
  g_autoptr(YcItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *materials_list, *materials_group;
  YcItem *shown;
  guint n_materials;

  ensure_app ();
  page = intake_page ();
  detail = yc_intake_page_get_detail (page);

  search ("户口");
  first = result_at (0);
  g_signal_emit_by_name (yc_intake_page_get_search_entry (page), "activate");

  WAIT_FOR (detail_shows (detail, first));
  g_assert_true (yc_intake_page_get_detail_open (page));
  shown = yc_item_detail_get_item (detail);

  stored = yc_store_get_item (yc_application_get_store (app), yc_item_get_code (first), &error);
  g_assert_no_error (error);
  n_materials = g_list_model_get_n_items (yc_item_get_materials (stored));
  g_assert_cmpuint (n_materials, >, 0);

  g_assert_cmpstr (detail_label (detail, "name_label"), ==, yc_item_get_name (first));
  g_assert_cmpstr (detail_label (detail, "department_label"), ==, yc_item_get_department (stored));
  g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (shown)), ==, n_materials);
  materials_list = yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL, "materials_list");
  g_assert_cmpuint (count_children (materials_list), ==, n_materials);
  count = g_strdup_printf ("%u materials", n_materials);
  materials_group = yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL, "materials_group");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (materials_group)),
                   ==, count);

  /* The first material row names the first material of the checklist. */
  {
    g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (yc_item_get_materials (stored), 0);
    GtkWidget *row = gtk_widget_get_first_child (materials_list);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     ==, yc_material_spec_get_name (spec));
  }

  /* A row activated in the list opens that item instead. */
  {
    g_autoptr(YcItem) second = result_at (1);
    GtkWidget *list_view = GTK_WIDGET (yc_intake_page_get_list_view (page));

    g_signal_emit_by_name (list_view, "activate", 1);
    WAIT_FOR (detail_shows (detail, second));
    g_assert_cmpstr (detail_label (detail, "name_label"), ==, yc_item_get_name (second));
  }
}

static void
test_detail_back (void)
{
  YcIntakePage *page;
  YcItemDetail *detail;
  GtkWidget *entry;
  AdwLeaflet *leaflet;

  ensure_app ();
  page = intake_page ();
  detail = yc_intake_page_get_detail (page);
  entry = GTK_WIDGET (yc_intake_page_get_search_entry (page));
  leaflet = ADW_LEAFLET (yc_test_ui_template_child (page, YC_TYPE_INTAKE_PAGE, "leaflet"));

  search ("户口");
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (yc_item_detail_get_item (detail) != NULL);

  /* Focus in the detail, then its way back (Escape, or the back button) to the search. */
  g_assert_true (gtk_widget_grab_focus (
    gtk_widget_get_first_child (yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL, "materials_list"))));
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (detail)));
  g_assert_false (yc_test_ui_focus_is_in (entry));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "intake.back", NULL));
  g_assert_true (yc_test_ui_focus_is_in (entry));

  /* Narrow window: the page folds, the detail is shown alone with its own back button. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (adw_leaflet_get_visible_child (leaflet) ==
            yc_test_ui_template_child (page, YC_TYPE_INTAKE_PAGE, "detail_stack"));
  WAIT_FOR (yc_item_detail_get_item (detail) != NULL);
  g_assert_true (gtk_widget_get_visible (yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL,
                                                                    "back_bar")));
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (detail)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "intake.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 yc_test_ui_template_child (page, YC_TYPE_INTAKE_PAGE, "list_pane"));
  g_assert_true (yc_test_ui_focus_is_in (entry));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  WAIT_FOR (!adw_leaflet_get_folded (leaflet));
}

/* The search at the keyboard alone, through GTK's real key routing: Ctrl+F from another page, Down
 * into the results, Enter opens the item, Escape goes back up to the search; Alt+2 shows Cases. */
static void
test_keys_search (void)
{
  YcIntakePage *page;
  YcItemDetail *detail;
  GtkWidget *entry, *list_view;
  g_autoptr(YcItem) second = NULL;

  ensure_app ();
  page = intake_page ();
  detail = yc_intake_page_get_detail (page);
  entry = GTK_WIDGET (yc_intake_page_get_search_entry (page));
  list_view = GTK_WIDGET (yc_intake_page_get_list_view (page));

  yc_test_ui_press_keys (GTK_WIDGET (window), "<Alt>2");
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "cases");
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>f");
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "intake");
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (entry));

  search ("户口");
  g_assert_cmpuint (g_list_model_get_n_items (yc_intake_page_get_results (page)), >=, 2);
  /* Down: into the list, on the selected (first) result; Down again: the second. */
  yc_test_ui_press_keys (entry, "Down");
  g_assert_true (yc_test_ui_focus_is_in (list_view));
  yc_test_ui_press_keys (list_view, "Down");
  yc_test_ui_drain ();
  second = result_at (1);
  /* Enter opens the focused result. */
  yc_test_ui_press_keys (list_view, "Return");
  WAIT_FOR (detail_shows (detail, second));
  g_assert_true (yc_intake_page_get_detail_open (page));

  /* Escape from the detail: back to the search, its text kept. */
  g_assert_true (gtk_widget_grab_focus (
    gtk_widget_get_first_child (yc_test_ui_template_child (detail, YC_TYPE_ITEM_DETAIL,
                                                           "materials_list"))));
  yc_test_ui_press_keys (GTK_WIDGET (window), "Escape");
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "户口");
}

static void
test_actions_focus_search (void)
{
  YcIntakePage *page;
  GtkWidget *entry;
  g_auto(GStrv) new_accels = NULL;
  g_auto(GStrv) search_accels = NULL;

  ensure_app ();
  page = intake_page ();
  entry = GTK_WIDGET (yc_intake_page_get_search_entry (page));

  new_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.new-intake");
  g_assert_true (g_strv_contains ((const char * const *) new_accels, "<Control>n"));
  search_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  g_assert_true (g_strv_contains ((const char * const *) search_accels, "<Control>f"));

  /* Ctrl+F from another page: back on Intake, in the search. */
  search ("户口");
  yc_window_show_page (window, "cases");
  gtk_widget_grab_focus (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "sidebar_list"));
  g_assert_false (yc_test_ui_focus_is_in (entry));
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "intake");
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "户口");

  /* Ctrl+N: a new visit, with an empty search and no item open. */
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (yc_item_detail_get_item (yc_intake_page_get_detail (page)) != NULL);
  yc_window_show_page (window, "approvals");
  gtk_widget_grab_focus (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "sidebar_list"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  g_assert_cmpstr (yc_window_get_visible_page (window), ==, "intake");
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (yc_intake_page_get_detail_open (page));
  g_assert_null (yc_item_detail_get_item (yc_intake_page_get_detail (page)));
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_state (page), "empty") == 0);
}

/* The size of @widget's font, in Pango units (of pixels or points, as its style gives it). */
static int
font_size_of (GtkWidget *widget)
{
  return pango_font_description_get_size (
    pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
}

static void
test_preferences (void)
{
  GSettings *settings;
  YcPreferencesWindow *prefs;
  GtkWidget *code_row, *code_hint, *platform_row, *clerk_row, *large_switch, *search_text;
  AdwWindowTitle *sidebar_title;
  int normal_size;
  AdwLeaflet *leaflet;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *clerk = NULL;

  ensure_app ();
  settings = yc_application_get_settings (app);
  g_settings_set_string (settings, "window-code", "ZH01");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = YC_PREFERENCES_WINDOW (yc_test_ui_find_toplevel (YC_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (prefs)));

  code_row = yc_test_ui_template_child (prefs, YC_TYPE_PREFERENCES_WINDOW, "window_code_row");
  code_hint = yc_test_ui_template_child (prefs, YC_TYPE_PREFERENCES_WINDOW, "window_code_hint");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code_row)), ==, "ZH01");

  /* Lower case and a space: refused, shown as an error, not saved. */
  gtk_editable_set_text (GTK_EDITABLE (code_row), "zh 02");
  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  g_assert_true (gtk_widget_get_visible (code_hint));
  code = g_settings_get_string (settings, "window-code");
  g_assert_cmpstr (code, ==, "ZH01");
  g_clear_pointer (&code, g_free);

  gtk_editable_set_text (GTK_EDITABLE (code_row), "ABCDEFGHIJKLMNOPQ");   /* 17 characters */
  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  code = g_settings_get_string (settings, "window-code");
  g_assert_cmpstr (code, ==, "ZH01");
  g_clear_pointer (&code, g_free);

  gtk_editable_set_text (GTK_EDITABLE (code_row), "CK09");
  g_assert_false (gtk_widget_has_css_class (code_row, "error"));
  g_assert_false (gtk_widget_get_visible (code_hint));
  code = g_settings_get_string (settings, "window-code");
  g_assert_cmpstr (code, ==, "CK09");

  /* The platform address must be an http(s) URI. */
  platform_row = yc_test_ui_template_child (prefs, YC_TYPE_PREFERENCES_WINDOW, "platform_row");
  gtk_editable_set_text (GTK_EDITABLE (platform_row), "ftp://zwfw.example.cn");
  g_assert_true (gtk_widget_has_css_class (platform_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (platform_row), "not a uri");
  g_assert_true (gtk_widget_has_css_class (platform_row, "error"));
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8642");
  g_clear_pointer (&url, g_free);
  gtk_editable_set_text (GTK_EDITABLE (platform_row), "https://zwfw.example.cn/api");
  g_assert_false (gtk_widget_has_css_class (platform_row, "error"));
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "https://zwfw.example.cn/api");

  /* The clerk's name is saved and shown in the main window's header. */
  clerk_row = yc_test_ui_template_child (prefs, YC_TYPE_PREFERENCES_WINDOW, "clerk_row");
  gtk_editable_set_text (GTK_EDITABLE (clerk_row), "王芳");
  clerk = g_settings_get_string (settings, "clerk-name");
  g_assert_cmpstr (clerk, ==, "王芳");
  sidebar_title = ADW_WINDOW_TITLE (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "sidebar_title"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (sidebar_title), "CK09"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (sidebar_title), "王芳"));

  /* Large text enlarges every window of the application. */
  search_text = gtk_widget_get_first_child (GTK_WIDGET (yc_intake_page_get_search_entry (intake_page ())));
  while (search_text != NULL && !GTK_IS_TEXT (search_text))
    search_text = gtk_widget_get_next_sibling (search_text);
  g_assert_nonnull (search_text);
  normal_size = font_size_of (search_text);
  large_switch = yc_test_ui_template_child (prefs, YC_TYPE_PREFERENCES_WINDOW, "large_text_switch");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "large-text"));
  gtk_switch_set_active (GTK_SWITCH (large_switch), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "large-text"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "large-text"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (prefs), "large-text"));
  /* The style sheet (resources/style.css, loaded by the application) makes its text a third larger. */
  WAIT_FOR (font_size_of (search_text) * 3 >= normal_size * 4 - 3 * PANGO_SCALE);
  /* ... and shows the Intake page one column at a time (help-and-agent mode). */
  leaflet = ADW_LEAFLET (yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "leaflet"));
  g_assert_false (adw_leaflet_get_can_unfold (leaflet));
  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  gtk_switch_set_active (GTK_SWITCH (large_switch), FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "large-text"));
  WAIT_FOR (font_size_of (search_text) == normal_size);
  g_assert_true (adw_leaflet_get_can_unfold (leaflet));
  WAIT_FOR (!adw_leaflet_get_folded (leaflet));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "window-code");
  g_settings_reset (settings, "clerk-name");
  g_settings_reset (settings, "platform-url");
}

static void
test_shortcuts_window (void)
{
  GtkShortcutsWindow *overlay;
  g_auto(GStrv) accels = NULL;

  ensure_app ();

  /* Built when first asked for, not with the window: start-up does not pay for it. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Asked for again: the same window, shown again. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                 == overlay);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (overlay)));
}

/* The main menu is built when first opened: F10 opens it from the keyboard, with its three items. */
static void
test_main_menu (void)
{
  GtkMenuButton *button;
  GtkPopover *popover;
  GMenuModel *model;

  ensure_app ();
  button = GTK_MENU_BUTTON (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "menu_button"));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_null (gtk_menu_button_get_menu_model (button));

  yc_test_ui_press_keys (GTK_WIDGET (window), "F10");
  WAIT_FOR ((popover = gtk_menu_button_get_popover (button)) != NULL
            && gtk_widget_get_mapped (GTK_WIDGET (popover)));
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);   /* one section */
  g_assert_cmpint (g_menu_model_get_n_items (
    g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION)), ==, 3);

  gtk_popover_popdown (popover);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
  /* Opened again, it shows the same popover, not one built anew. */
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_true (gtk_menu_button_get_menu_model (button) == model);
  gtk_popover_popdown (popover);
}

static void
test_about_window (void)
{
  AdwAboutWindow *about;

  ensure_app ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (yc_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (about)));
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Yichuang");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
}

static gboolean
allow_store_warning (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  /* The application warns in its log that the store cannot be opened: the case under test. */
  return !(g_strcmp0 (log_domain, "yc-ui") == 0 &&
           strstr (message, "Could not open the store") != NULL);
}

/* Run in a subprocess: a store that cannot be opened gives an explanation, not a crash. */
static void
test_store_error (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *blocker = g_build_filename (tmp_dir, "not-a-directory", NULL);
      g_autofree char *db = g_build_filename (blocker, "yichuang.db", NULL);
      AdwStatusPage *error_page;
      GtkStack *main_stack;

      g_test_log_set_fatal_handler (allow_store_warning, NULL);
      g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
      g_setenv ("YC_DATABASE", db, TRUE);

      app = yc_test_ui_app_new (&window);

      WAIT_FOR (yc_application_get_store_error (app) != NULL);
      g_assert_null (yc_application_get_store (app));
      main_stack = GTK_STACK (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "main_stack"));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "error");
      /* Built only now: the header bar, then the status page. */
      error_page = ADW_STATUS_PAGE (gtk_widget_get_last_child (
        gtk_stack_get_child_by_name (main_stack, "error")));
      g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "technical support"));
      g_unlink (blocker);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Run in a subprocess: closing the window saves its size for the next start. */
static void
test_window_size_saved (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = g_settings_new ("org.yichuang.Yichuang");
      YcWindow *second;
      int width, height;

      g_settings_set_int (settings, "window-width", 900);
      g_settings_set_int (settings, "window-height", 640);

      app = yc_test_ui_app_new (&window);

      /* Restored from the settings... */
      gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
      g_assert_cmpint (width, ==, 900);
      g_assert_cmpint (height, ==, 640);
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

      /* ... and saved when closed. */
      gtk_window_set_default_size (GTK_WINDOW (window), 1010, 700);
      gtk_window_close (GTK_WINDOW (window));
      g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
      g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
      g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

      /* A window opened later starts at that size. */
      second = yc_window_new (app);
      gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
      g_assert_cmpint (width, ==, 1010);
      g_assert_cmpint (height, ==, 700);
      gtk_window_destroy (GTK_WINDOW (second));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* What the window's page @name holds in its place (NULL until it is built). */
static GtkWidget *
page_child (GtkStack   *stack,
            const char *name)
{
  return adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (stack, name)));
}

/* Makes every frame slower than the frame interval, so a next frame is always due. */
static gboolean
slow_frame_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  g_usleep (25 * 1000);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Run in a subprocess: a new window builds only what its first frame shows, and the store opens
 * after that frame; the rest is built when first asked for. */
static void
test_startup_builds_little (void)
{
  if (g_test_subprocess ())
    {
      GtkStack *stack, *results, *details;
      GtkWidget *form_bin;
      guint slow_tick_id;
      GtkWidget *loading_box;

      app = yc_test_ui_app_new (&window);
      stack = GTK_STACK (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "stack"));
      results = GTK_STACK (yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "results_stack"));
      details = GTK_STACK (yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "detail_stack"));
      form_bin = yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "form_bin");

      g_assert_null (page_child (stack, "cases"));
      g_assert_null (page_child (stack, "approvals"));
      g_assert_null (page_child (stack, "sync"));
      g_assert_null (adw_bin_get_child (ADW_BIN (form_bin)));
      g_assert_null (gtk_stack_get_child_by_name (details, "detail"));
      g_assert_null (gtk_stack_get_child_by_name (results, "results"));
      g_assert_null (gtk_stack_get_child_by_name (results, "empty"));
      g_assert_null (gtk_stack_get_child_by_name (results, "no-results"));
      g_assert_null (gtk_stack_get_child_by_name (results, "error"));
      g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
      g_assert_null (gtk_stack_get_child_by_name (
        GTK_STACK (yc_test_ui_template_child (window, YC_TYPE_WINDOW, "main_stack")), "error"));

      /* The first frame shows the search, with the catalogue still opening. Each frame then
       * takes longer than the frame interval, as with a software renderer on a counter PC: the
       * store must open all the same, though the main loop never runs out of frames to draw. */
      g_assert_cmpstr (yc_intake_page_get_state (intake_page ()), ==, "loading");
      loading_box = yc_test_ui_template_child (intake_page (), YC_TYPE_INTAKE_PAGE, "loading_box");
      g_assert_false (gtk_widget_get_visible (loading_box));
      slow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), slow_frame_cb, NULL, NULL);
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
      WAIT_FOR (yc_application_get_store (app) != NULL);
      gtk_widget_remove_tick_callback (GTK_WIDGET (window), slow_tick_id);
      WAIT_FOR (g_strcmp0 (yc_intake_page_get_state (intake_page ()), "empty") == 0);
      g_assert_false (gtk_widget_get_visible (loading_box));
      /* The list is built once the window is up, before the first search needs it. */
      WAIT_FOR (gtk_stack_get_child_by_name (results, "results") != NULL);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (yc_intake_page_get_search_entry (
        intake_page ()))));

      /* Built when first shown. */
      g_assert_null (page_child (stack, "cases"));
      yc_window_show_page (window, "cases");
      g_assert_true (YC_IS_CASES_PAGE (page_child (stack, "cases")));
      g_assert_true (GTK_WIDGET (yc_window_get_cases_page (window)) == page_child (stack, "cases"));
      yc_window_show_page (window, "approvals");
      g_assert_true (ADW_IS_STATUS_PAGE (page_child (stack, "approvals")));
      g_assert_null (page_child (stack, "sync"));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A catalogue that takes long to open shows its spinner, but only after a moment: a short wait
 * (the usual one) would only make it flash. */
static void
test_loading_indicator_delayed (void)
{
  g_autoptr(GtkWidget) page = g_object_ref_sink (g_object_new (YC_TYPE_INTAKE_PAGE, NULL));
  GtkWidget *loading_box = yc_test_ui_template_child (page, YC_TYPE_INTAKE_PAGE, "loading_box");
  GtkWidget *spinner = yc_test_ui_template_child (page, YC_TYPE_INTAKE_PAGE, "loading_spinner");
  gint64 start = g_get_monotonic_time ();

  /* No store yet. */
  g_assert_cmpstr (yc_intake_page_get_state (YC_INTAKE_PAGE (page)), ==, "loading");
  g_assert_false (gtk_widget_get_visible (loading_box));
  WAIT_FOR (gtk_widget_get_visible (loading_box));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
}

/* The startup benchmark's protocol: the binary prints "first-frame" once painted, and quits. */
static void
test_bench_first_frame (void)
{
  const char *binary = g_getenv ("YC_TEST_YICHUANG");
  g_autofree char *db = g_build_filename (tmp_dir, "bench.db", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("YC_TEST_YICHUANG does not name the built yichuang binary");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "YC_BENCH_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "YC_DATABASE", db, TRUE);
  /* The isolated data dirs of this test would hide the icon theme and MIME database from it. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS",
                                g_getenv ("YC_TEST_SYSTEM_DATA_DIRS"), TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpstr (out, ==, "first-frame\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  if (!yc_test_ui_init (&argc, &argv, FALSE))
    return 77;

  /* A subprocess (test_store_error) makes its own directory: the parent's cleanup can't race it. */
  tmp_dir = g_dir_make_tmp ("yc-test-ui-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  db = g_build_filename (tmp_dir, "yichuang.db", NULL);
  g_setenv ("YC_DATABASE", db, TRUE);

  g_test_add_func ("/yc/ui/pages", test_pages);
  g_test_add_func ("/yc/ui/search/household", test_search_household);
  g_test_add_func ("/yc/ui/search/three-characters", test_search_three_characters);
  g_test_add_func ("/yc/ui/search/department", test_search_department);
  g_test_add_func ("/yc/ui/search/nonsense", test_search_nonsense);
  g_test_add_func ("/yc/ui/detail/open", test_detail_open);
  g_test_add_func ("/yc/ui/detail/back", test_detail_back);
  g_test_add_func ("/yc/ui/actions/focus-search", test_actions_focus_search);
  g_test_add_func ("/yc/ui/keys/search", test_keys_search);
  g_test_add_func ("/yc/ui/preferences", test_preferences);
  g_test_add_func ("/yc/ui/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/yc/ui/about-window", test_about_window);
  g_test_add_func ("/yc/ui/main-menu", test_main_menu);
  g_test_add_func ("/yc/ui/store-error", test_store_error);
  g_test_add_func ("/yc/ui/window-size-saved", test_window_size_saved);
  g_test_add_func ("/yc/ui/startup-builds-little", test_startup_builds_little);
  g_test_add_func ("/yc/ui/loading-indicator-delayed", test_loading_indicator_delayed);
  g_test_add_func ("/yc/ui/bench-first-frame", test_bench_first_frame);

  ret = g_test_run ();

  yc_test_ui_app_close (&app);
  yc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
