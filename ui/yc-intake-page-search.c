/* yc-intake-page-search.c: the Intake page searches the catalogue as the clerk types: the results,
 * their rows, the pane's states (empty, loading, no results, failed) and the keys that open one. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-intake-page-private.h"

/* Enough for a clerk to pick from; more means the query should be refined. */
#define RESULTS_LIMIT 50
/* The catalogue usually opens in a tenth of a second: a spinner shown at once would only flash.
 * It appears when the wait is long enough to be noticed (GNOME's HIG: no progress indicator for
 * waits under a second; half of one keeps a slow first start from looking stuck). */
#define LOADING_INDICATOR_DELAY_MS 500

typedef struct {
  YcIntakePage *self;
  GCancellable *cancellable;
  char         *query;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data->query);
  g_free (data);
}

/* Closures of the row template (yc-item-row.ui). */
char *
_yc_intake_page_item_row_format_subtitle (GtkListItem *list_item,
                                          YcItem      *item)
{
  const char *department, *type_label;

  if (item == NULL)
    return NULL;

  department = yc_item_get_department (item);
  type_label = yc_item_get_item_type_label (item);
  if (type_label == NULL || *type_label == '\0')
    return g_strdup (department);
  if (department == NULL || *department == '\0')
    return g_strdup (type_label);
  /* Translators: a search result's second line: department · item type */
  return g_strdup_printf (_("%s · %s"), department, type_label);
}

char *
_yc_intake_page_item_row_format_days (GtkListItem *list_item,
                                      YcItem      *item)
{
  guint days;

  if (item == NULL)
    return NULL;

  days = yc_item_get_promised_days (item);
  if (yc_item_get_case_type (item) == YC_CASE_TYPE_IMMEDIATE || days == 0)
    /* Translators: an item handled on the spot (即办件) */
    return g_strdup (C_("time limit", "Immediate"));
  /* Translators: the promised time limit of an item, in working days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u working day", "%u working days", days),
                          days);
}

static AdwStatusPage *
add_state_page (YcIntakePage *self,
                const char   *name,
                const char   *icon_name,
                const char   *title,
                const char   *description)
{
  GtkWidget *page = g_object_new (ADW_TYPE_STATUS_PAGE,
                                  "icon-name", icon_name,
                                  "title", title,
                                  "description", description,
                                  NULL);

  gtk_widget_add_css_class (page, "compact");
  gtk_stack_add_named (self->results_stack, page, name);
  return ADW_STATUS_PAGE (page);
}

/* The "results" page: the list of matching items, in rows built from yc-item-row.ui. */
void
_yc_intake_page_ensure_results_page (YcIntakePage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;
  GtkShortcut *shortcut;

  if (self->list_view != NULL)
    return;
  g_clear_handle_id (&self->results_page_id, g_source_remove);

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "yc_item_row_format_subtitle",
                                           G_CALLBACK (_yc_intake_page_item_row_format_subtitle),
                                           "yc_item_row_format_days",
                                           G_CALLBACK (_yc_intake_page_item_row_format_days),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (
    scope, "/org/yichuang/Yichuang/ui/yc-item-row.ui");
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_steal_pointer (&factory)));
  gtk_list_view_set_single_click_activate (self->list_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matching service items"), -1);
  g_signal_connect_swapped (self->list_view, "activate",
                            G_CALLBACK (_yc_intake_page_list_activate_cb), self);

  self->results_scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->results_scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->results_scroller, GTK_WIDGET (self->list_view));

  /* From the results, Escape goes back up to the search. */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("intake.back"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->results_scroller), controller);

  gtk_stack_add_named (self->results_stack, GTK_WIDGET (self->results_scroller), "results");
}

/* The results pane's pages other than "loading", added when first shown. */
static void
ensure_state_page (YcIntakePage *self,
                   const char   *state)
{
  if (g_str_equal (state, "results"))
    {
      _yc_intake_page_ensure_results_page (self);
      return;
    }
  if (gtk_stack_get_child_by_name (self->results_stack, state) != NULL)
    return;

  if (g_str_equal (state, "empty"))
    add_state_page (self, state, "system-search-symbolic", _("Find a Service Item"),
                    _("Type part of the item’s name, its department or its code, for example 户口, "
                      "不动产 or 公安. Press ↓ to go through the results and Enter to open one."));
  else if (g_str_equal (state, "no-results"))
    self->no_results_page = add_state_page (self, state, "edit-find-symbolic",
                                            _("No Matching Items"), NULL);
  else if (g_str_equal (state, "error"))
    self->search_error_page = add_state_page (self, state, "dialog-error-symbolic",
                                              _("Search Failed"), NULL);
}

static gboolean
show_loading_indicator_cb (gpointer user_data)
{
  YcIntakePage *self = user_data;

  self->loading_indicator_id = 0;
  gtk_widget_set_visible (self->loading_box, TRUE);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

void
_yc_intake_page_set_results_state (YcIntakePage *self,
                                   const char   *state)
{
  gboolean loading = g_strcmp0 (state, "loading") == 0;

  ensure_state_page (self, state);
  gtk_stack_set_visible_child_name (self->results_stack, state);
  if (loading && self->loading_indicator_id == 0 && !gtk_widget_get_visible (self->loading_box))
    self->loading_indicator_id = g_timeout_add (LOADING_INDICATOR_DELAY_MS,
                                                show_loading_indicator_cb, self);
  else if (!loading)
    {
      g_clear_handle_id (&self->loading_indicator_id, g_source_remove);
      gtk_widget_set_visible (self->loading_box, FALSE);
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
    }
}

static void
set_results (YcIntakePage *self,
             GListModel   *model,
             const char   *query)
{
  gtk_single_selection_set_model (self->selection, model);

  if (g_strcmp0 (self->results_query, query) != 0)
    {
      g_free (self->results_query);
      self->results_query = g_strdup (query);
      _yc_intake_page_results_query_changed (self);
    }
}

static char *
current_query (YcIntakePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static void
open_selected (YcIntakePage *self)
{
  g_autoptr(YcItem) item = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item != NULL)
    yc_intake_page_open_item (self, item);
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SearchData *data = user_data;
  YcIntakePage *self = data->self;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = yc_store_search_items_finish (YC_STORE (source), result, &error);

  /* A newer keystroke superseded this search, even if it finished before it could be cancelled. */
  if (data->cancellable != self->search_cancellable ||
      g_cancellable_is_cancelled (data->cancellable))
    goto out;

  g_clear_object (&self->search_cancellable);

  if (model == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_warning ("Catalogue search failed: %s", error->message);
      set_results (self, NULL, data->query);
      _yc_intake_page_set_results_state (self, "error");
      adw_status_page_set_description (self->search_error_page, escaped);
      self->activate_pending = FALSE;
      goto out;
    }

  set_results (self, model, data->query);

  if (g_list_model_get_n_items (model) == 0)
    {
      g_autofree char *escaped = g_markup_escape_text (data->query, -1);
      /* Translators: %s is what the clerk typed */
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("Nothing in the catalogue matches “%s”. Try fewer "
                                       "characters, the department’s name or the item’s code."),
                                     escaped);

      _yc_intake_page_set_results_state (self, "no-results");
      adw_status_page_set_description (self->no_results_page, description);
      self->activate_pending = FALSE;
      goto out;
    }

  _yc_intake_page_set_results_state (self, "results");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);

  if (self->activate_pending)
    {
      self->activate_pending = FALSE;
      open_selected (self);
    }

out:
  search_data_free (data);
}

void
_yc_intake_page_start_search (YcIntakePage *self)
{
  g_autofree char *query = current_query (self);
  SearchData *data;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->store == NULL)
    {
      _yc_intake_page_set_results_state (self, "loading");
      return;
    }

  if (*query == '\0')
    {
      set_results (self, NULL, "");
      _yc_intake_page_set_results_state (self, "empty");
      self->activate_pending = FALSE;
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->search_cancellable);
  data->query = g_steal_pointer (&query);
  yc_store_search_items_async (self->store, data->query, RESULTS_LIMIT, self->search_cancellable,
                               search_cb, data);
}

void
_yc_intake_page_search_text_changed_cb (YcIntakePage *self)
{
  /* Every keystroke makes the running search useless: stop it now rather than when the debounced
   * search-changed arrives. */
  g_cancellable_cancel (self->search_cancellable);
  self->activate_pending = FALSE;
}

void
_yc_intake_page_search_changed_cb (YcIntakePage *self)
{
  _yc_intake_page_start_search (self);
}

void
_yc_intake_page_search_activate_cb (YcIntakePage *self)
{
  g_autofree char *query = current_query (self);

  if (*query == '\0' || self->store == NULL)
    return;

  /* The results on display may be for an older text (debounce, or a search still running). */
  if (g_strcmp0 (query, self->results_query) != 0)
    {
      if (self->search_cancellable == NULL)
        _yc_intake_page_start_search (self);
      self->activate_pending = TRUE;
      return;
    }

  open_selected (self);
}

void
_yc_intake_page_search_stop_cb (YcIntakePage *self)
{
  /* Escape in the entry: first leave the detail, then clear the search. */
  if (yc_intake_page_get_detail_open (self) && adw_leaflet_get_folded (self->leaflet))
    yc_intake_page_close_detail (self);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
_yc_intake_page_list_activate_cb (YcIntakePage *self,
                                  guint         position)
{
  g_autoptr(YcItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    yc_intake_page_open_item (self, item);
}

gboolean
_yc_intake_page_search_key_pressed_cb (GtkEventControllerKey *controller,
                                       guint                  keyval,
                                       guint                  keycode,
                                       GdkModifierType        state,
                                       YcIntakePage          *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "results") == 0)
    {
      /* Into the list, on the selected row (the first one after a search). */
      return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
    }

  return GDK_EVENT_PROPAGATE;
}
