/* yc-intake-page-private.h: what the Intake page's files share: its instance and its helpers. */
#pragma once

#include <adwaita.h>

#include "yc-intake-page.h"

G_BEGIN_DECLS

struct _YcIntakePage
{
  GtkWidget           parent_instance;

  YcStore            *store;
  GCancellable       *search_cancellable;
  GtkSingleSelection *selection;
  char               *results_query;
  /* Enter was pressed before the results for the current text arrived: open the first one then. */
  gboolean            activate_pending;
  GSettings          *settings;
  GCancellable       *cancellable;
  /* The latest reading of the drafts; an older one still running is cancelled, and its answer, if it
   * comes anyway, ignored. */
  GCancellable       *drafts_cancellable;
  guint               drafts_generation;
  /* The unfinished intake offered back (uuid and payload), or NULL. */
  char               *offered_uuid;
  char               *offered_payload;
  gboolean            one_column;

  /* Built on first use (ensure_detail, ensure_form, ensure_state_page): a window that shows only
   * the search at start neither builds nor styles them before its first frame. */
  YcItemDetail       *detail;
  YcIntakeForm       *form;
  /* The "results" page, built when first shown or in an idle once the store is there. */
  GtkScrolledWindow  *results_scroller;
  GtkListView        *list_view;
  guint               results_page_id;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *search_error_page;
  guint               loading_indicator_id;

  /* template children */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *search_entry;
  GtkStack           *results_stack;
  GtkWidget          *loading_box;
  GtkSpinner         *loading_spinner;
  GtkStack           *detail_stack;
  GtkRevealer        *drafts_revealer;
  GtkLabel           *drafts_label;
  GtkStack           *mode_stack;
  GtkRevealer        *return_revealer;
  GtkLabel           *return_label;
  AdwBin             *form_bin;
};

/* yc-intake-page.c */
YcCase *_yc_intake_page_form_case             (YcIntakePage *self);
void    _yc_intake_page_update_banners        (YcIntakePage *self);
void    _yc_intake_page_load_item             (YcIntakePage *self,
                                               const char   *item_code,
                                               YcCase       *draft,
                                               const char   *outcome,
                                               JsonNode     *extra);
void    _yc_intake_page_results_query_changed (YcIntakePage *self);
void    _yc_intake_page_offered_draft_changed (YcIntakePage *self);

/* yc-intake-page-search.c */
void     _yc_intake_page_ensure_results_page           (YcIntakePage *self);
void     _yc_intake_page_set_results_state        (YcIntakePage          *self,
                                                   const char            *state);
void     _yc_intake_page_start_search             (YcIntakePage          *self);
char    *_yc_intake_page_item_row_format_subtitle (GtkListItem           *list_item,
                                                   YcItem                *item);
char    *_yc_intake_page_item_row_format_days     (GtkListItem           *list_item,
                                                   YcItem                *item);
/* Template callbacks, bound in class_init under their names in yc-intake-page.ui (no prefix). */
void     _yc_intake_page_search_text_changed_cb   (YcIntakePage          *self);
void     _yc_intake_page_search_changed_cb        (YcIntakePage          *self);
void     _yc_intake_page_search_activate_cb       (YcIntakePage          *self);
void     _yc_intake_page_search_stop_cb           (YcIntakePage          *self);
void     _yc_intake_page_list_activate_cb         (YcIntakePage          *self,
                                                   guint                  position);
gboolean _yc_intake_page_search_key_pressed_cb    (GtkEventControllerKey *controller,
                                                   guint                  keyval,
                                                   guint                  keycode,
                                                   GdkModifierType        state,
                                                   YcIntakePage          *self);

/* yc-intake-page-drafts.c */
void    _yc_intake_page_clear_offer           (YcIntakePage *self);
void    _yc_intake_page_resume_draft_action   (GtkWidget    *widget,
                                               const char   *action_name,
                                               GVariant     *parameter);
void    _yc_intake_page_discard_draft_action  (GtkWidget    *widget,
                                               const char   *action_name,
                                               GVariant     *parameter);

G_END_DECLS
