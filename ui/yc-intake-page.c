/* yc-intake-page.c: the Intake page: opens an item in its detail and runs the intake form (its
 * search is in yc-intake-page-search.c, its offer of unfinished intakes in
 * yc-intake-page-drafts.c). */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-json.h"
#include "yc-intake-page.h"
#include "yc-intake-page-private.h"

G_DEFINE_FINAL_TYPE (YcIntakePage, yc_intake_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RESULTS_QUERY,
  PROP_ONE_COLUMN,
  PROP_OFFERED_DRAFT,
  N_PROPS
};

enum {
  CASE_DECIDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- the item detail and the intake form, built on first use --- */

static YcItemDetail *
ensure_detail (YcIntakePage *self)
{
  if (self->detail != NULL)
    return self->detail;

  self->detail = g_object_new (YC_TYPE_ITEM_DETAIL, NULL);
  g_object_bind_property (self->leaflet, "folded", self->detail, "show-back-button",
                          G_BINDING_SYNC_CREATE);
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->detail), "detail");
  return self->detail;
}

/* The item in the detail, or NULL (also before the detail exists). */
static YcItem *
detail_item (YcIntakePage *self)
{
  return self->detail != NULL ? yc_item_detail_get_item (self->detail) : NULL;
}

static void form_saving_cb      (YcIntakePage *self);
static void form_change_item_cb (YcIntakePage *self);
static void form_decided_cb     (YcIntakePage *self,
                                 YcCase       *kase);

static YcIntakeForm *
ensure_form (YcIntakePage *self)
{
  if (self->form != NULL)
    return self->form;

  self->form = g_object_new (YC_TYPE_INTAKE_FORM, "one-column", self->one_column, NULL);
  g_signal_connect_object (self->form, "change-item", G_CALLBACK (form_change_item_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "decided", G_CALLBACK (form_decided_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "notify::saving", G_CALLBACK (form_saving_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
  yc_intake_form_set_store (self->form, self->store);
  return self->form;
}

/* The visit under way, or NULL (also before the form exists). */
YcCase *
_yc_intake_page_form_case (YcIntakePage *self)
{
  return self->form != NULL ? yc_intake_form_get_case (self->form) : NULL;
}

/* --- the intake itself --- */

static gboolean
form_in_progress (YcIntakePage *self)
{
  return _yc_intake_page_form_case (self) != NULL && !yc_intake_form_get_decided (self->form);
}

void
_yc_intake_page_update_banners (YcIntakePage *self)
{
  gboolean choosing = g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "choose") == 0;

  /* Drafts are offered when no visit is under way, so they never interrupt one. */
  gtk_revealer_set_reveal_child (self->drafts_revealer,
                                 self->offered_uuid != NULL && !form_in_progress (self));

  if (choosing && form_in_progress (self))
    {
      YcCase *kase = _yc_intake_page_form_case (self);
      YcParty *applicant = yc_case_get_applicant (kase);
      const char *name = applicant != NULL ? yc_party_get_name (applicant) : NULL;
      g_autofree char *text = NULL;

      if (name != NULL && *name != '\0')
        /* Translators: while searching for another item: the intake under way, for <applicant> — <item> */
        text = g_strdup_printf (_("Intake under way for %s — %s. Starting another item keeps the "
                                  "applicant."), name, yc_case_get_item_name (kase));
      else
        text = g_strdup_printf (_("Intake under way — %s. Starting another item keeps what was "
                                  "entered."), yc_case_get_item_name (kase));
      gtk_label_set_text (self->return_label, text);
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->return_revealer, FALSE);
}

static void
set_mode (YcIntakePage *self,
          const char   *mode)
{
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
  _yc_intake_page_update_banners (self);
}

static void
start_with_item (YcIntakePage *self,
                 YcItem       *item)
{
  YcCase *current = _yc_intake_page_form_case (self);
  g_autoptr(YcCase) previous = NULL;

  /* The same applicant, another item: what was entered about them is carried over. */
  if (current != NULL && !yc_intake_form_get_decided (self->form))
    previous = g_object_ref (current);
  ensure_form (self);
  set_mode (self, "form");
  yc_intake_form_start (self->form, item, previous);
  _yc_intake_page_update_banners (self);
}

typedef struct {
  YcIntakePage *self;
  GCancellable *cancellable;
  YcCase       *draft;      /* resuming a draft: the case, its outcome and extra */
  char         *outcome;
  JsonNode     *extra;
} ItemData;

static void
item_data_free (ItemData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_clear_object (&data->draft);
  g_free (data->outcome);
  g_clear_pointer (&data->extra, json_node_unref);
  g_free (data);
}

static void
get_item_for_intake_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ItemData *data = user_data;
  YcIntakePage *self = data->self;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = yc_store_get_item_finish (YC_STORE (source), result, &error);
  if (g_cancellable_is_cancelled (data->cancellable))
    goto out;
  if (item == NULL)
    {
      g_warning ("Could not load the item for the intake: %s", error->message);
      _yc_intake_page_set_results_state (self, "error");
      adw_status_page_set_description (self->search_error_page, error->message);
      goto out;
    }

  if (data->draft != NULL)
    {
      ensure_form (self);
      set_mode (self, "form");
      yc_intake_form_resume (self->form, data->draft, item, data->outcome, data->extra);
      _yc_intake_page_update_banners (self);
    }
  else
    start_with_item (self, item);

out:
  item_data_free (data);
}

void
_yc_intake_page_load_item (YcIntakePage *self,
                           const char   *code,
                           YcCase       *draft,
                           const char   *outcome,
                           JsonNode     *extra)
{
  ItemData *data = g_new0 (ItemData, 1);

  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);
  data->draft = draft != NULL ? g_object_ref (draft) : NULL;
  data->outcome = g_strdup (outcome);
  data->extra = extra != NULL ? json_node_ref (extra) : NULL;
  yc_store_get_item_async (self->store, code, self->cancellable, get_item_for_intake_cb, data);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);
  YcItem *item = detail_item (self);

  if (item != NULL)
    start_with_item (self, item);
}

static void
start_selected_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);
  g_autoptr(YcItem) item = NULL;
  guint position;

  /* Ctrl+Enter while choosing; within the intake the same keys decide. */
  if (self->store == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "choose") != 0)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL && detail_item (self) != NULL)
    {
      start_with_item (self, detail_item (self));
      return;
    }
  if (item == NULL)
    return;
  /* The detail may already hold it with its materials. */
  if (detail_item (self) != NULL &&
      g_strcmp0 (yc_item_get_code (detail_item (self)), yc_item_get_code (item)) == 0)
    start_with_item (self, detail_item (self));
  else
    _yc_intake_page_load_item (self, yc_item_get_code (item), NULL, NULL, NULL);
}

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);

  if (_yc_intake_page_form_case (self) == NULL)
    return;
  set_mode (self, "form");
  yc_intake_form_focus_applicant (self->form);
}

static void
form_saving_cb (YcIntakePage *self)
{
  /* A draft just reached the disk: what is offered back reflects it (and any discard before it). */
  if (!yc_intake_form_get_saving (self->form))
    yc_intake_page_refresh_drafts (self);
}

static void
form_change_item_cb (YcIntakePage *self)
{
  yc_intake_page_focus_search (self);
}

static void
form_decided_cb (YcIntakePage *self,
                 YcCase       *kase)
{
  g_signal_emit (self, signals[CASE_DECIDED], 0, kase);
  yc_intake_page_refresh_drafts (self);
}

void
_yc_intake_page_results_query_changed (YcIntakePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS_QUERY]);
}

void
_yc_intake_page_offered_draft_changed (YcIntakePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFERED_DRAFT]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yc_intake_page_close_detail (YC_INTAKE_PAGE (widget));
}

static void
yc_intake_page_dispose (GObject *object)
{
  YcIntakePage *self = YC_INTAKE_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->loading_indicator_id, g_source_remove);
  g_clear_handle_id (&self->results_page_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->drafts_cancellable);
  g_clear_object (&self->drafts_cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_INTAKE_PAGE);
  /* dispose_template only unparents children that have an id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  /* Unparented with the template's children above. */
  self->form = NULL;
  self->detail = NULL;
  self->no_results_page = NULL;
  self->search_error_page = NULL;

  G_OBJECT_CLASS (yc_intake_page_parent_class)->dispose (object);
}

static void
yc_intake_page_finalize (GObject *object)
{
  YcIntakePage *self = YC_INTAKE_PAGE (object);

  g_free (self->results_query);
  _yc_intake_page_clear_offer (self);

  G_OBJECT_CLASS (yc_intake_page_parent_class)->finalize (object);
}

static void
yc_intake_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcIntakePage *self = YC_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RESULTS_QUERY:
      g_value_set_string (value, self->results_query);
      break;
    case PROP_ONE_COLUMN:
      g_value_set_boolean (value, !adw_leaflet_get_can_unfold (self->leaflet));
      break;
    case PROP_OFFERED_DRAFT:
      g_value_set_string (value, self->offered_uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_intake_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YcIntakePage *self = YC_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      yc_intake_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_ONE_COLUMN:
      /* Help-and-agent mode: results, then the item, one at a time, however wide the window. */
      self->one_column = g_value_get_boolean (value);
      adw_leaflet_set_can_unfold (self->leaflet, !self->one_column);
      if (self->form != NULL)
        g_object_set (self->form, "one-column", self->one_column, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
yc_intake_page_grab_focus (GtkWidget *widget)
{
  YcIntakePage *self = YC_INTAKE_PAGE (widget);

  if (self->form != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "form") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
yc_intake_page_class_init (YcIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_intake_page_dispose;
  object_class->finalize = yc_intake_page_finalize;
  object_class->get_property = yc_intake_page_get_property;
  object_class->set_property = yc_intake_page_set_property;
  widget_class->grab_focus = yc_intake_page_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         YC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESULTS_QUERY] =
    g_param_spec_string ("results-query", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ONE_COLUMN] =
    g_param_spec_boolean ("one-column", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The uuid of the unfinished intake offered back, or NULL. */
  properties[PROP_OFFERED_DRAFT] =
    g_param_spec_string ("offered-draft", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A visit was decided and its case stored (the Cases page refreshes). */
  signals[CASE_DECIDED] = g_signal_new ("case-decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, YC_TYPE_CASE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-intake-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, loading_box);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, drafts_revealer);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, drafts_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, return_revealer);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, return_label);
  gtk_widget_class_bind_template_child (widget_class, YcIntakePage, form_bin);
  gtk_widget_class_bind_template_callback_full (
    widget_class, "search_text_changed_cb", G_CALLBACK (_yc_intake_page_search_text_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb",
                                                G_CALLBACK (_yc_intake_page_search_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_activate_cb",
                                                G_CALLBACK (_yc_intake_page_search_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_stop_cb",
                                                G_CALLBACK (_yc_intake_page_search_stop_cb));

  /* Escape anywhere in the detail or the results (or the back button) returns to the search. */
  gtk_widget_class_install_action (widget_class, "intake.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "intake.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "intake.start-selected", NULL, start_selected_action);
  gtk_widget_class_install_action (widget_class, "intake.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "intake.resume-draft", NULL, _yc_intake_page_resume_draft_action);
  gtk_widget_class_install_action (widget_class, "intake.discard-draft", NULL, _yc_intake_page_discard_draft_action);
  /* Ctrl+Enter on a search result or the item: start the intake straight away. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "intake.start-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "intake.start-selected", NULL);
}

static void
yc_intake_page_init (YcIntakePage *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results_query = g_strdup ("");
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  /* The results' model; the list that shows it is built later (_yc_intake_page_ensure_results_page). */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  /* GtkText would swallow Down; catch it first to move into the results. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (_yc_intake_page_search_key_pressed_cb),
                    self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("intake.back"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->detail_stack), controller);

  /* The search is where a visit starts. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_pane));

  _yc_intake_page_set_results_state (self, "loading");
}

static gboolean
build_results_page_cb (gpointer user_data)
{
  YcIntakePage *self = user_data;

  self->results_page_id = 0;
  _yc_intake_page_ensure_results_page (self);
  return G_SOURCE_REMOVE;
}

YcStore *
yc_intake_page_get_store (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return self->store;
}

void
yc_intake_page_set_store (YcIntakePage *self,
                          YcStore      *store)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));
  g_return_if_fail (store == NULL || YC_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (self->form != NULL)
    yc_intake_form_set_store (self->form, store);
  /* The list is built now, while the clerk looks at the window, rather than at the first search. */
  if (store != NULL && self->list_view == NULL && self->results_page_id == 0)
    self->results_page_id = g_idle_add (build_results_page_cb, self);
  /* The clerk may have typed while the store was opening. */
  _yc_intake_page_start_search (self);
  /* Work left unfinished last time (a crash, a power cut) is offered back. */
  yc_intake_page_refresh_drafts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
yc_intake_page_reset (YcIntakePage *self)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));

  /* An undecided visit stays a draft, offered back with the others. */
  if (self->form != NULL)
    yc_intake_form_clear (self->form);
  set_mode (self, "choose");
  yc_intake_page_refresh_drafts (self);
  if (self->detail != NULL)
    yc_item_detail_clear (self->detail);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Clearing emits search-changed right away, but not when the text was already empty. */
  _yc_intake_page_start_search (self);
  yc_intake_page_focus_search (self);
}

void
yc_intake_page_focus_search (YcIntakePage *self)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));

  set_mode (self, "choose");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* Ready to overwrite the previous query. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
yc_intake_page_close_detail (YcIntakePage *self)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));

  /* Unfolded, the detail stays visible beside the results; folded, the results come back. */
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
yc_intake_page_open_item (YcIntakePage *self,
                          YcItem       *item)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));
  g_return_if_fail (YC_IS_ITEM (item));

  if (self->store == NULL)
    return;

  yc_item_detail_load (ensure_detail (self), self->store, yc_item_get_code (item));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));

  /* Folded, the results are gone from view: the focus must follow into the detail. */
  if (adw_leaflet_get_folded (self->leaflet))
    yc_item_detail_focus (self->detail);
}

GtkEditable *
yc_intake_page_get_search_entry (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
yc_intake_page_get_list_view (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  _yc_intake_page_ensure_results_page (self);
  return self->list_view;
}

GListModel *
yc_intake_page_get_results (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

const char *
yc_intake_page_get_results_query (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return self->results_query;
}

const char *
yc_intake_page_get_state (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->results_stack);
}

YcItemDetail *
yc_intake_page_get_detail (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return ensure_detail (self);
}

gboolean
yc_intake_page_get_detail_open (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "detail") == 0;
}

YcIntakeForm *
yc_intake_page_get_form (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return ensure_form (self);
}

void
yc_intake_page_save_draft_now (YcIntakePage *self)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));

  /* No form yet, no visit to save. */
  if (self->form != NULL)
    yc_intake_form_save_draft_now (self->form);
}

const char *
yc_intake_page_get_mode (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->mode_stack);
}

void
yc_intake_page_start_intake (YcIntakePage *self,
                             const char   *item_code)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));
  g_return_if_fail (item_code != NULL);

  if (self->store != NULL)
    _yc_intake_page_load_item (self, item_code, NULL, NULL, NULL);
}

void
yc_intake_page_resume_case (YcIntakePage *self,
                            YcCase       *kase)
{
  g_return_if_fail (YC_IS_INTAKE_PAGE (self));
  g_return_if_fail (YC_IS_CASE (kase));

  if (self->store == NULL)
    return;
  yc_intake_page_save_draft_now (self);
  _yc_intake_page_load_item (self, yc_case_get_item_code (kase), kase, NULL, NULL);
}

const char *
yc_intake_page_get_offered_draft (YcIntakePage *self)
{
  g_return_val_if_fail (YC_IS_INTAKE_PAGE (self), NULL);

  return self->offered_uuid;
}
