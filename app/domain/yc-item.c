/* yc-item.c: YcItem, a catalogue service item with its materials checklist and list-row summary. */
#define G_LOG_DOMAIN "yc-domain"

#include <glib/gi18n.h>

#include "yc-item.h"
#include "yc-domain-private.h"

struct _YcItem
{
  GObject parent_instance;

  char        *code;
  char        *name;
  char        *department;
  char        *item_type;
  char        *item_type_label;
  YcCaseType   case_type;
  guint        legal_days;
  guint        promised_days;
  gboolean     commitment_allowed;
  char        *legal_basis;
  char        *conditions;
  char        *fees;
  char        *result;
  GStrv        keywords;

  GListStore  *materials;
};

G_DEFINE_FINAL_TYPE (YcItem, yc_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_CODE,
  ITEM_PROP_NAME,
  ITEM_PROP_DEPARTMENT,
  ITEM_PROP_ITEM_TYPE,
  ITEM_PROP_ITEM_TYPE_LABEL,
  ITEM_PROP_CASE_TYPE,
  ITEM_PROP_LEGAL_DAYS,
  ITEM_PROP_PROMISED_DAYS,
  ITEM_PROP_COMMITMENT_ALLOWED,
  ITEM_PROP_LEGAL_BASIS,
  ITEM_PROP_CONDITIONS,
  ITEM_PROP_FEES,
  ITEM_PROP_RESULT,
  ITEM_PROP_KEYWORDS,
  ITEM_PROP_SUMMARY,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

/* The time-limit part of the summary: the promised limit is what the window commits to, so it is shown;
 * the legal limit stands in when no promise is configured. */
static char *
yc_item_dup_summary (YcItem *self)
{
  g_autofree char *limit = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  guint days;

  days = self->promised_days != 0 ? self->promised_days : self->legal_days;

  if (self->department != NULL && *self->department != '\0' &&
      self->item_type_label != NULL && *self->item_type_label != '\0')
    {
      /* The whole line is one msgid so translators can reorder it. */
      if (self->case_type == YC_CASE_TYPE_IMMEDIATE)
        /* Translators: item summary: department · item type · "Immediate" */
        return g_strdup_printf (_("%s · %s · %s"), self->department, self->item_type_label, _("Immediate"));
      /* Translators: item summary: department · item type · time limit in working days */
      return g_strdup_printf (_("%s · %s · %u working days"), self->department, self->item_type_label, days);
    }

  /* Incomplete catalogue rows: show what is known, without empty separators. */
  if (self->case_type == YC_CASE_TYPE_IMMEDIATE)
    limit = g_strdup (_("Immediate"));
  else
    limit = g_strdup_printf (_("%u working days"), days);

  parts = g_ptr_array_new ();
  if (self->department != NULL && *self->department != '\0')
    g_ptr_array_add (parts, self->department);
  if (self->item_type_label != NULL && *self->item_type_label != '\0')
    g_ptr_array_add (parts, self->item_type_label);
  g_ptr_array_add (parts, limit);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
yc_item_finalize (GObject *object)
{
  YcItem *self = YC_ITEM (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->item_type, g_free);
  g_clear_pointer (&self->item_type_label, g_free);
  g_clear_pointer (&self->legal_basis, g_free);
  g_clear_pointer (&self->conditions, g_free);
  g_clear_pointer (&self->fees, g_free);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->keywords, g_strfreev);
  g_clear_object (&self->materials);

  G_OBJECT_CLASS (yc_item_parent_class)->finalize (object);
}

static void
yc_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  YcItem *self = YC_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_CODE: g_value_set_string (value, self->code); break;
    case ITEM_PROP_NAME: g_value_set_string (value, self->name); break;
    case ITEM_PROP_DEPARTMENT: g_value_set_string (value, self->department); break;
    case ITEM_PROP_ITEM_TYPE: g_value_set_string (value, self->item_type); break;
    case ITEM_PROP_ITEM_TYPE_LABEL: g_value_set_string (value, self->item_type_label); break;
    case ITEM_PROP_CASE_TYPE: g_value_set_enum (value, self->case_type); break;
    case ITEM_PROP_LEGAL_DAYS: g_value_set_uint (value, self->legal_days); break;
    case ITEM_PROP_PROMISED_DAYS: g_value_set_uint (value, self->promised_days); break;
    case ITEM_PROP_COMMITMENT_ALLOWED: g_value_set_boolean (value, self->commitment_allowed); break;
    case ITEM_PROP_LEGAL_BASIS: g_value_set_string (value, self->legal_basis); break;
    case ITEM_PROP_CONDITIONS: g_value_set_string (value, self->conditions); break;
    case ITEM_PROP_FEES: g_value_set_string (value, self->fees); break;
    case ITEM_PROP_RESULT: g_value_set_string (value, self->result); break;
    case ITEM_PROP_KEYWORDS: g_value_set_boxed (value, self->keywords); break;
    case ITEM_PROP_SUMMARY: g_value_take_string (value, yc_item_dup_summary (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

static void
yc_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  YcItem *self = YC_ITEM (object);
  gboolean summary_changed = FALSE;

  /* Freeze so that a change and the summary it implies are emitted together. */
  g_object_freeze_notify (object);

  switch (prop_id)
    {
    case ITEM_PROP_CODE: YC_SET_STRING (self->code); break;
    case ITEM_PROP_NAME: YC_SET_STRING (self->name); break;
    case ITEM_PROP_DEPARTMENT:
      if (_yc_replace_string (&self->department, g_value_get_string (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          summary_changed = TRUE;
        }
      break;
    case ITEM_PROP_ITEM_TYPE: YC_SET_STRING (self->item_type); break;
    case ITEM_PROP_ITEM_TYPE_LABEL:
      if (_yc_replace_string (&self->item_type_label, g_value_get_string (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          summary_changed = TRUE;
        }
      break;
    case ITEM_PROP_CASE_TYPE:
      if (self->case_type != (YcCaseType) g_value_get_enum (value))
        {
          self->case_type = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
          summary_changed = TRUE;
        }
      break;
    case ITEM_PROP_LEGAL_DAYS:
      if (self->legal_days != g_value_get_uint (value))
        {
          self->legal_days = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          summary_changed = TRUE;
        }
      break;
    case ITEM_PROP_PROMISED_DAYS:
      if (self->promised_days != g_value_get_uint (value))
        {
          self->promised_days = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          summary_changed = TRUE;
        }
      break;
    case ITEM_PROP_COMMITMENT_ALLOWED:
      YC_SET_SCALAR (self->commitment_allowed, !!g_value_get_boolean (value));
      break;
    case ITEM_PROP_LEGAL_BASIS: YC_SET_STRING (self->legal_basis); break;
    case ITEM_PROP_CONDITIONS: YC_SET_STRING (self->conditions); break;
    case ITEM_PROP_FEES: YC_SET_STRING (self->fees); break;
    case ITEM_PROP_RESULT: YC_SET_STRING (self->result); break;
    case ITEM_PROP_KEYWORDS:
      {
        const char * const *keywords = g_value_get_boxed (value);

        if (!strv_equal0 ((const char * const *) self->keywords, keywords))
          {
            g_strfreev (self->keywords);
            self->keywords = g_strdupv ((char **) keywords);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (summary_changed)
    g_object_notify_by_pspec (object, item_properties[ITEM_PROP_SUMMARY]);

  g_object_thaw_notify (object);
}

static void
yc_item_class_init (YcItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_item_finalize;
  object_class->get_property = yc_item_get_property;
  object_class->set_property = yc_item_set_property;

  item_properties[ITEM_PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_ITEM_TYPE] =
    g_param_spec_string ("item-type", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_ITEM_TYPE_LABEL] =
    g_param_spec_string ("item-type-label", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_CASE_TYPE] =
    g_param_spec_enum ("case-type", NULL, NULL, YC_TYPE_CASE_TYPE, YC_CASE_TYPE_PROMISED, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_LEGAL_DAYS] =
    g_param_spec_uint ("legal-days", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_PROMISED_DAYS] =
    g_param_spec_uint ("promised-days", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_COMMITMENT_ALLOWED] =
    g_param_spec_boolean ("commitment-allowed", NULL, NULL, FALSE, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_LEGAL_BASIS] =
    g_param_spec_string ("legal-basis", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_CONDITIONS] =
    g_param_spec_string ("conditions", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_FEES] =
    g_param_spec_string ("fees", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_KEYWORDS] =
    g_param_spec_boxed ("keywords", NULL, NULL, G_TYPE_STRV, YC_DOMAIN_PARAM_RW);
  item_properties[ITEM_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
yc_item_init (YcItem *self)
{
  /* Matches the "case-type" default: most items of a comprehensive window are promised items. */
  self->case_type = YC_CASE_TYPE_PROMISED;
  self->materials = g_list_store_new (YC_TYPE_MATERIAL_SPEC);
}

const char *
yc_item_get_code (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->code;
}

const char *
yc_item_get_name (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->name;
}

const char *
yc_item_get_department (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->department;
}

const char *
yc_item_get_item_type (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->item_type;
}

const char *
yc_item_get_item_type_label (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->item_type_label;
}

YcCaseType
yc_item_get_case_type (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), YC_CASE_TYPE_PROMISED);
  return self->case_type;
}

guint
yc_item_get_legal_days (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), 0);
  return self->legal_days;
}

guint
yc_item_get_promised_days (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), 0);
  return self->promised_days;
}

gboolean
yc_item_get_commitment_allowed (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), FALSE);
  return self->commitment_allowed;
}

const char *
yc_item_get_legal_basis (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->legal_basis;
}

const char *
yc_item_get_conditions (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->conditions;
}

const char *
yc_item_get_fees (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->fees;
}

const char *
yc_item_get_result (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return self->result;
}

const char * const *
yc_item_get_keywords (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return (const char * const *) self->keywords;
}

GListModel *
yc_item_get_materials (YcItem *self)
{
  g_return_val_if_fail (YC_IS_ITEM (self), NULL);
  return G_LIST_MODEL (self->materials);
}

/* Replaces the whole checklist in one splice, so views see a single items-changed. */
void
yc_item_set_materials (YcItem    *self,
                       GPtrArray *specs)
{
  guint n_old;

  g_return_if_fail (YC_IS_ITEM (self));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->materials));

  if (specs == NULL || specs->len == 0)
    {
      g_list_store_remove_all (self->materials);
      return;
    }

  for (guint i = 0; i < specs->len; i++)
    g_return_if_fail (YC_IS_MATERIAL_SPEC (g_ptr_array_index (specs, i)));

  g_list_store_splice (self->materials, 0, n_old, specs->pdata, specs->len);
}

YcMaterialSpec *
yc_item_find_material (YcItem     *self,
                       const char *code)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (YC_IS_ITEM (self), NULL);

  if (code == NULL)
    return NULL;

  model = G_LIST_MODEL (self->materials);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (model, i);

      /* The store keeps its own reference, so the pointer outlives the autoptr. */
      if (g_strcmp0 (yc_material_spec_get_code (spec), code) == 0)
        return spec;
    }

  return NULL;
}
