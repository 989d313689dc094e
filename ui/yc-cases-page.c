/* yc-cases-page.c: the Cases page: a filtered, searchable list of cases read from the store, and a detail. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-case-format.h"
#include "yc-cases-page-private.h"

/* A page of cases; the search narrows it down to the one the applicant asks about. */
#define CASES_LIMIT 200
/* How often a shown page looks whether the local date changed since it last marked overdue cases:
 * a comparison of dates, no I/O. A timer to midnight alone would be late after a suspend, as
 * GLib's timers follow the monotonic clock. */
#define DATE_CHECK_SECONDS 60

struct _YcCasesPage
{
  GtkWidget           parent_instance;

  YcStore            *store;
  YcCalendar         *calendar;
  GSettings          *settings;
  GCancellable       *cancellable;        /* the query on its way; the next one cancels it */
  GCancellable       *mark_cancellable;   /* overdue markings, cancelled only when the page goes */
  GtkSingleSelection *selection;
  YcCaseFilter        filter;
  gboolean            loading;
  guint               marks_pending;
  GDate              *marked_for;         /* the date overdue cases were last marked for */
  GDate              *today_override;     /* tests: the date taken for today */
  guint               date_check_id;
  char               *selected_uuid;
  GtkWidget          *filter_buttons[YC_CASE_FILTER_NOTICE_ISSUED + 1];

  /* template children */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *search_entry;
  GtkFlowBox         *filters_box;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  YcCaseDetail       *detail;
};

G_DEFINE_FINAL_TYPE (YcCasesPage, yc_cases_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  REOPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The row template's closures have only the item: one calendar for them all (immutable, shared). */
static YcCalendar *row_calendar;

static const struct {
  YcCaseFilter  filter;
  const char   *label;
} filters[] = {
  /* Translators: case filters on the Cases page */
  { YC_CASE_FILTER_ALL, N_("All") },
  { YC_CASE_FILTER_TODAY, N_("Today") },
  { YC_CASE_FILTER_MINE, N_("Mine") },
  { YC_CASE_FILTER_TOLERANCE_PENDING, N_("Awaiting supplement") },
  { YC_CASE_FILTER_NEAR_DEADLINE, N_("Near deadline") },
  { YC_CASE_FILTER_OVERDUE, N_("Overdue") },
  { YC_CASE_FILTER_AWAITING_APPROVAL, N_("Awaiting approval") },
  { YC_CASE_FILTER_NOTICE_ISSUED, N_("Notice issued") },
};

/* --- row closures (yc-case-row.ui) --- */

static char *
yc_case_row_number (GtkListItem *list_item,
                    YcCase      *kase)
{
  if (kase == NULL)
    return NULL;
  return g_strdup (yc_case_get_case_no (kase) != NULL ? yc_case_get_case_no (kase) : _("(no number yet)"));
}

static char *
yc_case_row_state (GtkListItem *list_item,
                   YcCase      *kase)
{
  return kase != NULL ? g_strdup (yc_case_state_get_label (yc_case_get_state (kase))) : NULL;
}

static char *
yc_case_row_applicant (GtkListItem *list_item,
                       YcCase      *kase)
{
  return kase != NULL ? yc_case_format_applicant (kase) : NULL;
}

static char *
yc_case_row_deadline (GtkListItem *list_item,
                      YcCase      *kase)
{
  g_autofree char *text = NULL;

  if (kase == NULL)
    return NULL;
  text = yc_case_format_deadline (kase, row_calendar, NULL);
  if (text != NULL && yc_case_supplement_overdue (kase))
    /* Translators: a tolerance case whose supplement date has passed */
    return g_strdup_printf (_("%s · overdue"), text);
  return g_steal_pointer (&text);
}

static GStrv
yc_case_row_deadline_classes (GtkListItem *list_item,
                              YcCase      *kase)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  YcDeadlineStatus status = YC_DEADLINE_GREEN;
  g_autofree char *text = NULL;

  g_strv_builder_add (builder, "caption");
  if (kase != NULL)
    text = yc_case_format_deadline (kase, row_calendar, &status);
  if (kase != NULL && yc_case_supplement_overdue (kase))
    status = YC_DEADLINE_RED;
  if (text != NULL && status == YC_DEADLINE_YELLOW)
    g_strv_builder_add (builder, "yc-deadline-yellow");
  else if (text != NULL && status == YC_DEADLINE_RED)
    g_strv_builder_add (builder, "yc-deadline-red");
  else
    g_strv_builder_add (builder, "dim-label");
  return g_strv_builder_end (builder);
}

/* --- the list --- */

static void
set_loading (YcCasesPage *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_selected (YcCasesPage *self)
{
  YcCase *kase = gtk_single_selection_get_selected_item (self->selection);

  g_free (self->selected_uuid);
  self->selected_uuid = kase != NULL ? g_strdup (yc_case_get_uuid (kase)) : NULL;
  if (kase != yc_case_detail_get_case (self->detail))
    yc_case_detail_show_case (self->detail, kase);
}

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(YcCasesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = yc_store_query_cases_finish (YC_STORE (source), result, &error);
  guint n, keep = GTK_INVALID_LIST_POSITION;

  if (cases == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list the cases: %s", error->message);
      adw_status_page_set_title (self->empty_page, _("The Cases Could Not Be Listed"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      set_loading (self, self->marks_pending > 0);
      return;
    }

  n = g_list_model_get_n_items (cases);
  /* The case on display stays chosen if it is still in the list. */
  for (guint i = 0; self->selected_uuid != NULL && i < n; i++)
    {
      g_autoptr(YcCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (yc_case_get_uuid (kase), self->selected_uuid) == 0)
        keep = i;
    }
  gtk_single_selection_set_model (self->selection, cases);
  gtk_single_selection_set_selected (self->selection, keep);
  if (keep == GTK_INVALID_LIST_POSITION && yc_case_detail_get_case (self->detail) != NULL &&
      g_strcmp0 (yc_case_get_uuid (yc_case_detail_get_case (self->detail)), self->selected_uuid) != 0)
    yc_case_detail_show_case (self->detail, NULL);
  else if (keep != GTK_INVALID_LIST_POSITION)
    {
      /* The stored case may have changed (a follow-up): show the fresh copy. */
      g_autoptr(YcCase) kase = g_list_model_get_item (cases, keep);

      if (yc_case_detail_get_case (self->detail) == NULL ||
          yc_case_get_state (yc_case_detail_get_case (self->detail)) != yc_case_get_state (kase))
        yc_case_detail_show_case (self->detail, kase);
    }

  if (n == 0)
    {
      const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       *search != '\0'
                                       ? _("No case matches. Search by the whole case number or part of it, "
                                           "the applicant’s name, a phone number or the whole ID number.")
                                       : _("No case is in this list. Cases decided at this window appear "
                                           "here."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  set_loading (self, self->marks_pending > 0);
}

static void
query_cases (YcCasesPage *self)
{
  g_autofree char *clerk = NULL;
  g_autofree char *search = NULL;

  if (self->store == NULL || self->calendar == NULL)
    return;

  /* The newest query wins: one a keystroke made stale is not waited for. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  clerk = g_strstrip (g_settings_get_string (self->settings, "clerk-name"));
  search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  yc_store_query_cases_async (self->store, self->filter, clerk, *search != '\0' ? search : NULL, NULL,
                              self->calendar, YC_CALENDAR_DEFAULT_YELLOW_DAYS, CASES_LIMIT,
                              self->cancellable, query_cb, g_object_ref (self));
}

static GDate *
get_today (YcCasesPage *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->today_override != NULL)
    return g_date_copy (self->today_override);
  now = g_date_time_new_now_local ();
  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

typedef struct {
  YcCasesPage *self;
  GDate       *today;
} MarkData;

static void
mark_overdue_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MarkData *data = user_data;
  g_autoptr(YcCasesPage) self = data->self;
  g_autoptr(GDate) today = data->today;
  g_autoptr(GError) error = NULL;

  g_free (data);
  self->marks_pending--;
  if (yc_store_mark_overdue_cases_finish (YC_STORE (source), result, &error) < 0)
    {
      /* The page is going away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The list is still worth showing, with the states as they are; the next check tries again. */
      g_warning ("Could not mark overdue cases: %s", error->message);
    }
  else
    {
      g_clear_pointer (&self->marked_for, g_date_free);
      self->marked_for = g_steal_pointer (&today);
    }
  query_cases (self);
}

/* Marks overdue the cases whose supplement date passed before today (a write: an audited
 * transition by the workstation), then lists the cases again. */
static void
mark_overdue_and_query (YcCasesPage *self)
{
  MarkData *data;

  if (self->store == NULL || self->calendar == NULL)
    return;

  /* A query on its way would show the states from before the marking. */
  g_cancellable_cancel (self->cancellable);
  set_loading (self, TRUE);

  data = g_new0 (MarkData, 1);
  data->self = g_object_ref (self);
  data->today = get_today (self);
  self->marks_pending++;
  yc_store_mark_overdue_cases_async (self->store, data->today, YC_STORE_SYSTEM_ACTOR,
                                     self->mark_cancellable, mark_overdue_cb, data);
}

void
yc_cases_page_refresh (YcCasesPage *self)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));

  mark_overdue_and_query (self);
}

/* Whether the date changed since the last marking: then cases may have become overdue. */
static gboolean
date_changed (YcCasesPage *self)
{
  g_autoptr(GDate) today = get_today (self);

  return self->marked_for == NULL || g_date_compare (today, self->marked_for) != 0;
}

static gboolean
date_check_cb (gpointer user_data)
{
  YcCasesPage *self = user_data;

  if (self->marks_pending == 0 && date_changed (self))
    mark_overdue_and_query (self);
  return G_SOURCE_CONTINUE;
}

void
_yc_cases_page_set_today (YcCasesPage *self,
                          const GDate *today)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));

  g_clear_pointer (&self->today_override, g_date_free);
  if (today != NULL)
    self->today_override = g_date_copy (today);
  /* As the periodic check would, without waiting for it. */
  date_check_cb (self);
}

/* Typing a search only reads: marking overdue cases waits for a refresh, the page being shown or
 * the next day. */
static void
search_changed_cb (YcCasesPage *self)
{
  query_cases (self);
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   YcCasesPage     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (self->filter_buttons[filters[i].filter] == GTK_WIDGET (button))
      self->filter = filters[i].filter;
  query_cases (self);
}

static void
selection_changed_cb (YcCasesPage *self)
{
  show_selected (self);
}

static void
list_activate_cb (YcCasesPage *self,
                  guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

/* A follow-up changed a case (and wrote what it did): the list reads it again. */
static void
detail_changed_cb (YcCasesPage *self)
{
  query_cases (self);
}

static void
detail_reopen_cb (YcCasesPage *self,
                  YcCase      *kase)
{
  g_signal_emit (self, signals[REOPEN], 0, kase);
}

static void
yc_cases_page_dispose (GObject *object)
{
  YcCasesPage *self = YC_CASES_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->mark_cancellable);
  g_clear_object (&self->mark_cancellable);
  g_clear_handle_id (&self->date_check_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_CASES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yc_cases_page_parent_class)->dispose (object);
}

static void
yc_cases_page_finalize (GObject *object)
{
  YcCasesPage *self = YC_CASES_PAGE (object);

  g_free (self->selected_uuid);
  g_clear_pointer (&self->marked_for, g_date_free);
  g_clear_pointer (&self->today_override, g_date_free);

  G_OBJECT_CLASS (yc_cases_page_parent_class)->finalize (object);
}

static void
yc_cases_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YcCasesPage *self = YC_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shown: the cases are marked for today and listed; while shown, a new day marks them again. */
static void
yc_cases_page_map (GtkWidget *widget)
{
  YcCasesPage *self = YC_CASES_PAGE (widget);

  GTK_WIDGET_CLASS (yc_cases_page_parent_class)->map (widget);

  /* set_store() may have just started the same. */
  if (self->marks_pending == 0)
    mark_overdue_and_query (self);
  if (self->date_check_id == 0)
    self->date_check_id = g_timeout_add_seconds (DATE_CHECK_SECONDS, date_check_cb, self);
}

static void
yc_cases_page_unmap (GtkWidget *widget)
{
  YcCasesPage *self = YC_CASES_PAGE (widget);

  g_clear_handle_id (&self->date_check_id, g_source_remove);

  GTK_WIDGET_CLASS (yc_cases_page_parent_class)->unmap (widget);
}

static gboolean
yc_cases_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (YC_CASES_PAGE (widget)->search_entry));
}

static void
yc_cases_page_class_init (YcCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_cases_page_dispose;
  object_class->finalize = yc_cases_page_finalize;
  object_class->get_property = yc_cases_page_get_property;
  widget_class->grab_focus = yc_cases_page_grab_focus;
  widget_class->map = yc_cases_page_map;
  widget_class->unmap = yc_cases_page_unmap;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A one-time-notice case was reopened: continue it in the intake. */
  signals[REOPEN] = g_signal_new ("reopen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, YC_TYPE_CASE);

  g_type_ensure (YC_TYPE_CASE_DETAIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YcCasesPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_reopen_cb);

  row_calendar = yc_calendar_new_default (NULL);
}

static void
yc_cases_page_init (YcCasesPage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkToggleButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->calendar = row_calendar != NULL ? g_object_ref (row_calendar) : NULL;
  self->cancellable = g_cancellable_new ();
  self->mark_cancellable = g_cancellable_new ();

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "yc_case_row_number", G_CALLBACK (yc_case_row_number),
                                           "yc_case_row_state", G_CALLBACK (yc_case_row_state),
                                           "yc_case_row_applicant", G_CALLBACK (yc_case_row_applicant),
                                           "yc_case_row_deadline", G_CALLBACK (yc_case_row_deadline),
                                           "yc_case_row_deadline_classes",
                                           G_CALLBACK (yc_case_row_deadline_classes),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/org/yichuang/Yichuang/ui/yc-case-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(filters[i].label));

      gtk_widget_add_css_class (button, "yc-chip");
      gtk_widget_add_css_class (button, "flat");
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (filter_toggled_cb), self);
      gtk_flow_box_append (self->filters_box, button);
      self->filter_buttons[filters[i].filter] = button;
    }
  self->filter = YC_CASE_FILTER_ALL;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->filter_buttons[YC_CASE_FILTER_ALL]), TRUE);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

void
yc_cases_page_set_store (YcCasesPage *self,
                         YcStore     *store)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  yc_case_detail_set_store (self->detail, store);
  yc_cases_page_refresh (self);
}

void
yc_cases_page_set_filter (YcCasesPage  *self,
                          YcCaseFilter  filter)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));
  g_return_if_fail (filter <= YC_CASE_FILTER_NOTICE_ISSUED);

  if (self->filter == filter)
    {
      query_cases (self);
      return;
    }
  /* As a click on the chip: "toggled" lists the cases again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->filter_buttons[filter]), TRUE);
}

YcCaseFilter
yc_cases_page_get_filter (YcCasesPage *self)
{
  g_return_val_if_fail (YC_IS_CASES_PAGE (self), YC_CASE_FILTER_ALL);

  return self->filter;
}

GtkEditable *
yc_cases_page_get_search_entry (YcCasesPage *self)
{
  g_return_val_if_fail (YC_IS_CASES_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GListModel *
yc_cases_page_get_cases (YcCasesPage *self)
{
  g_return_val_if_fail (YC_IS_CASES_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
yc_cases_page_get_loading (YcCasesPage *self)
{
  g_return_val_if_fail (YC_IS_CASES_PAGE (self), FALSE);

  return self->loading;
}

void
yc_cases_page_select (YcCasesPage *self,
                      guint        position)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));

  list_activate_cb (self, position);
}

YcCaseDetail *
yc_cases_page_get_detail (YcCasesPage *self)
{
  g_return_val_if_fail (YC_IS_CASES_PAGE (self), NULL);

  return self->detail;
}

void
yc_cases_page_focus_search (YcCasesPage *self)
{
  g_return_if_fail (YC_IS_CASES_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
