/* yc-item-detail.c: shows one service item fetched from the store, with its required materials. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-guidance-button.h"
#include "yc-item-detail.h"

struct _YcItemDetail
{
  GtkWidget       parent_instance;

  YcItem         *item;
  char           *code;
  GCancellable   *cancellable;
  gboolean        show_back_button;

  /* template children */
  GtkWidget      *back_bar;
  GtkWidget      *back_button;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkScrolledWindow *scroller;
  GtkLabel       *name_label;
  GtkLabel       *department_label;
  GtkLabel       *code_label;
  AdwActionRow   *type_row;
  AdwActionRow   *time_limits_row;
  AdwActionRow   *commitment_row;
  AdwActionRow   *fees_row;
  AdwActionRow   *result_row;
  AdwPreferencesGroup *materials_group;
  GtkListBox     *materials_list;
  GtkLabel       *conditions_label;
  GtkLabel       *legal_basis_label;
  YcGuidanceButton *guidance_button;
};

G_DEFINE_FINAL_TYPE (YcItemDetail, yc_item_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
or_not_stated (const char *text)
{
  /* Translators: shown for a catalogue field that is empty */
  return (text != NULL && *text != '\0') ? text : _("Not stated");
}

static char *
format_working_days (guint days)
{
  if (days == 0)
    /* Translators: a time limit of zero days: handled on the spot */
    return g_strdup (_("On the spot"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u working day", "%u working days", days),
                          days);
}

static GtkWidget *
make_tag (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "yc-tag");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static guint
index_of (GListModel *model,
          gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }
  return 0;
}

static GtkWidget *
create_material_row (gpointer item,
                     gpointer user_data)
{
  YcMaterialSpec *spec = item;
  GListModel *materials = user_data;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *position = NULL;
  const char *licence = yc_material_spec_get_licence_type (spec);
  const char *notes = yc_material_spec_get_notes (spec);
  GtkWidget *row, *number, *tags;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), yc_material_spec_get_name (spec));

  g_ptr_array_add (lines,
                   /* Translators: required numbers of originals and copies, and the accepted form,
                    * e.g. "Originals: 1 · Copies: 1 · Paper" */
                   g_strdup_printf (_("Originals: %u · Copies: %u · %s"),
                                    yc_material_spec_get_originals (spec),
                                    yc_material_spec_get_copies (spec),
                                    yc_material_form_get_label (yc_material_spec_get_form (spec))));
  if (yc_material_spec_get_tolerable (spec))
    {
      guint days = yc_material_spec_get_supplement_days (spec);

      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Tolerable: may be supplied within %u working "
                                                     "day",
                                                     "Tolerable: may be supplied within %u working "
                                                     "days",
                                                     days),
                                        days));
    }
  if (licence != NULL && *licence != '\0')
    /* Translators: %s is the type of e-licence (电子证照) that can replace the material */
    g_ptr_array_add (lines, g_strdup_printf (_("E-licence: %s"), licence));
  if (notes != NULL && *notes != '\0')
    g_ptr_array_add (lines, g_strdup (notes));
  g_ptr_array_add (lines, NULL);
  subtitle = g_strjoinv ("\n", (char **) lines->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Numbered as the clerk counts them, whatever the catalogue's positions are. */
  position = g_strdup_printf ("%u", index_of (materials, spec) + 1);
  number = gtk_label_new (position);
  gtk_widget_add_css_class (number, "yc-material-number");
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);

  /* Badges stacked, not side by side: the material's name needs the width more. */
  tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  if (!yc_material_spec_get_required (spec))
    /* Translators: a material needed only in some circumstances */
    gtk_box_append (GTK_BOX (tags), make_tag (_("If applicable"), "optional"));
  if (yc_material_spec_get_tolerable (spec))
    /* Translators: a material that may be supplied later (容缺) */
    gtk_box_append (GTK_BOX (tags), make_tag (_("Tolerable"), "tolerable"));
  if (licence != NULL && *licence != '\0')
    /* Translators: a material that can be fetched as an electronic licence (电子证照) */
    gtk_box_append (GTK_BOX (tags), make_tag (_("E-licence"), "licence"));
  if (gtk_widget_get_first_child (tags) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);
  else
    g_object_unref (g_object_ref_sink (tags));

  return row;
}

static void
show_item (YcItemDetail *self)
{
  YcItem *item = self->item;
  GListModel *materials = yc_item_get_materials (item);
  guint n_materials = g_list_model_get_n_items (materials);
  g_autofree char *code = NULL;
  g_autofree char *legal = NULL;
  g_autofree char *promised = NULL;
  g_autofree char *limits = NULL;
  g_autofree char *type = NULL;
  g_autofree char *count = NULL;
  const char *type_label = yc_item_get_item_type_label (item);

  gtk_label_set_text (self->name_label, yc_item_get_name (item));
  gtk_label_set_text (self->department_label, or_not_stated (yc_item_get_department (item)));
  /* Translators: the item's implementation code (实施编码) */
  code = g_strdup_printf (_("Code %s"), yc_item_get_code (item));
  gtk_label_set_text (self->code_label, code);

  type = g_strdup_printf ("%s · %s",
                          or_not_stated (type_label != NULL && *type_label != '\0'
                                         ? type_label : yc_item_get_item_type (item)),
                          yc_case_type_get_label (yc_item_get_case_type (item)));
  adw_action_row_set_subtitle (self->type_row, type);
  legal = format_working_days (yc_item_get_legal_days (item));
  promised = format_working_days (yc_item_get_promised_days (item));
  /* Translators: the legal (法定) and promised (承诺) time limits of an item */
  limits = g_strdup_printf (_("Legal: %s · Promised: %s"), legal, promised);
  adw_action_row_set_subtitle (self->time_limits_row, limits);
  adw_action_row_set_subtitle (self->commitment_row,
                               yc_item_get_commitment_allowed (item)
                               /* Translators: notification-commitment (告知承诺) may replace proofs */
                               ? _("Allowed: the applicant may sign a commitment instead of some "
                                   "proofs")
                               : _("Not allowed"));
  adw_action_row_set_subtitle (self->fees_row, or_not_stated (yc_item_get_fees (item)));
  adw_action_row_set_subtitle (self->result_row, or_not_stated (yc_item_get_result (item)));

  gtk_label_set_text (self->conditions_label, or_not_stated (yc_item_get_conditions (item)));
  gtk_label_set_text (self->legal_basis_label, or_not_stated (yc_item_get_legal_basis (item)));

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u material", "%u materials", n_materials),
                           n_materials);
  adw_preferences_group_set_description (self->materials_group, count);
  gtk_list_box_bind_model (self->materials_list, materials, create_material_row, materials, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->materials_list), n_materials > 0);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static void
set_item (YcItemDetail *self,
          YcItem       *item)
{
  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  /* Guidance for the applicant to take home, before any case exists. */
  yc_guidance_button_set_item (self->guidance_button, item);
}

typedef struct {
  YcItemDetail *self;
  GCancellable *cancellable;
} LoadData;

static void
get_item_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(YcItemDetail) self = data->self;
  g_autoptr(GCancellable) cancellable = data->cancellable;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  item = yc_store_get_item_finish (YC_STORE (source), result, &error);

  /* Superseded by a later load or a clear, even if it finished before being cancelled. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (item == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_warning ("Could not load item %s: %s", self->code, error->message);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  set_item (self, item);
  show_item (self);
}

static void
yc_item_detail_dispose (GObject *object)
{
  YcItemDetail *self = YC_ITEM_DETAIL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_ITEM_DETAIL);
  /* dispose_template only unparents children that have an id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (yc_item_detail_parent_class)->dispose (object);
}

static void
yc_item_detail_finalize (GObject *object)
{
  YcItemDetail *self = YC_ITEM_DETAIL (object);

  g_free (self->code);

  G_OBJECT_CLASS (yc_item_detail_parent_class)->finalize (object);
}

static void
yc_item_detail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcItemDetail *self = YC_ITEM_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_item_detail_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YcItemDetail *self = YC_ITEM_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      self->show_back_button = g_value_get_boolean (value);
      gtk_widget_set_visible (self->back_bar, self->show_back_button);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_item_detail_class_init (YcItemDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_item_detail_dispose;
  object_class->finalize = yc_item_detail_finalize;
  object_class->get_property = yc_item_detail_get_property;
  object_class->set_property = yc_item_detail_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         YC_TYPE_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Set by the page when the detail is shown alone (folded) and needs its own way back. */
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (YC_TYPE_GUIDANCE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-item-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, back_bar);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, spinner);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, error_page);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, department_label);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, code_label);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, type_row);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, time_limits_row);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, commitment_row);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, fees_row);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, result_row);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, materials_list);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, conditions_label);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, legal_basis_label);
  gtk_widget_class_bind_template_child (widget_class, YcItemDetail, guidance_button);
}

static void
yc_item_detail_init (YcItemDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
yc_item_detail_load (YcItemDetail *self,
                     YcStore      *store,
                     const char   *code)
{
  LoadData *data;

  g_return_if_fail (YC_IS_ITEM_DETAIL (self));
  g_return_if_fail (YC_IS_STORE (store));
  g_return_if_fail (code != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->code);
  self->code = g_strdup (code);
  set_item (self, NULL);

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);
  yc_store_get_item_async (store, code, self->cancellable, get_item_cb, data);
}

void
yc_item_detail_clear (YcItemDetail *self)
{
  g_return_if_fail (YC_IS_ITEM_DETAIL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->code, g_free);
  set_item (self, NULL);
  gtk_list_box_bind_model (self->materials_list, NULL, NULL, NULL, NULL);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

YcItem *
yc_item_detail_get_item (YcItemDetail *self)
{
  g_return_val_if_fail (YC_IS_ITEM_DETAIL (self), NULL);

  return self->item;
}

const char *
yc_item_detail_get_code (YcItemDetail *self)
{
  g_return_val_if_fail (YC_IS_ITEM_DETAIL (self), NULL);

  return self->code;
}

void
yc_item_detail_focus (YcItemDetail *self)
{
  g_return_if_fail (YC_IS_ITEM_DETAIL (self));

  /* The way back first: from there Tab reaches the materials. */
  if (self->show_back_button)
    gtk_widget_grab_focus (self->back_button);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->stack), GTK_DIR_TAB_FORWARD);
}
