/* yc-case-material.c: YcCaseMaterial, one line of a case's materials checklist (yc-case.h). */
#define G_LOG_DOMAIN "yc-domain"

#include "yc-case.h"
#include "yc-domain-private.h"

struct _YcCaseMaterial
{
  GObject parent_instance;

  char            *spec_code;
  char            *name;
  guint            position;
  YcMaterialState  state;
  guint            originals;
  guint            copies;
  char            *note;
  char            *supplement_deadline;
  char            *attachment;
};

G_DEFINE_FINAL_TYPE (YcCaseMaterial, yc_case_material, G_TYPE_OBJECT)

enum {
  MAT_PROP_0,
  MAT_PROP_SPEC_CODE,
  MAT_PROP_NAME,
  MAT_PROP_POSITION,
  MAT_PROP_STATE,
  MAT_PROP_ORIGINALS,
  MAT_PROP_COPIES,
  MAT_PROP_NOTE,
  MAT_PROP_SUPPLEMENT_DEADLINE,
  MAT_PROP_ATTACHMENT,
  MAT_N_PROPS
};

static GParamSpec *material_properties[MAT_N_PROPS];

static void
yc_case_material_finalize (GObject *object)
{
  YcCaseMaterial *self = YC_CASE_MATERIAL (object);

  g_clear_pointer (&self->spec_code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->supplement_deadline, g_free);
  g_clear_pointer (&self->attachment, g_free);

  G_OBJECT_CLASS (yc_case_material_parent_class)->finalize (object);
}

static void
yc_case_material_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YcCaseMaterial *self = YC_CASE_MATERIAL (object);

  switch (prop_id)
    {
    case MAT_PROP_SPEC_CODE: g_value_set_string (value, self->spec_code); break;
    case MAT_PROP_NAME: g_value_set_string (value, self->name); break;
    case MAT_PROP_POSITION: g_value_set_uint (value, self->position); break;
    case MAT_PROP_STATE: g_value_set_enum (value, self->state); break;
    case MAT_PROP_ORIGINALS: g_value_set_uint (value, self->originals); break;
    case MAT_PROP_COPIES: g_value_set_uint (value, self->copies); break;
    case MAT_PROP_NOTE: g_value_set_string (value, self->note); break;
    case MAT_PROP_SUPPLEMENT_DEADLINE: g_value_set_string (value, self->supplement_deadline); break;
    case MAT_PROP_ATTACHMENT: g_value_set_string (value, self->attachment); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_material_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YcCaseMaterial *self = YC_CASE_MATERIAL (object);

  switch (prop_id)
    {
    case MAT_PROP_SPEC_CODE: YC_SET_STRING (self->spec_code); break;
    case MAT_PROP_NAME: YC_SET_STRING (self->name); break;
    case MAT_PROP_POSITION: YC_SET_SCALAR (self->position, g_value_get_uint (value)); break;
    case MAT_PROP_STATE: yc_case_material_set_state (self, g_value_get_enum (value)); break;
    case MAT_PROP_ORIGINALS: YC_SET_SCALAR (self->originals, g_value_get_uint (value)); break;
    case MAT_PROP_COPIES: YC_SET_SCALAR (self->copies, g_value_get_uint (value)); break;
    case MAT_PROP_NOTE: YC_SET_STRING (self->note); break;
    case MAT_PROP_SUPPLEMENT_DEADLINE: YC_SET_STRING (self->supplement_deadline); break;
    case MAT_PROP_ATTACHMENT: YC_SET_STRING (self->attachment); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_material_class_init (YcCaseMaterialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_material_finalize;
  object_class->get_property = yc_case_material_get_property;
  object_class->set_property = yc_case_material_set_property;

  material_properties[MAT_PROP_SPEC_CODE] =
    g_param_spec_string ("spec-code", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, YC_TYPE_MATERIAL_STATE, YC_MATERIAL_STATE_PENDING, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_ORIGINALS] =
    g_param_spec_uint ("originals", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_COPIES] =
    g_param_spec_uint ("copies", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_SUPPLEMENT_DEADLINE] =
    g_param_spec_string ("supplement-deadline", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  material_properties[MAT_PROP_ATTACHMENT] =
    g_param_spec_string ("attachment", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);

  g_object_class_install_properties (object_class, MAT_N_PROPS, material_properties);
}

static void
yc_case_material_init (YcCaseMaterial *self)
{
  self->state = YC_MATERIAL_STATE_PENDING;
}

/* A fresh, unchecked line for @spec: nothing received yet. */
YcCaseMaterial *
yc_case_material_new_from_spec (YcMaterialSpec *spec)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (spec), NULL);

  return g_object_new (YC_TYPE_CASE_MATERIAL,
                       "spec-code", yc_material_spec_get_code (spec),
                       "name", yc_material_spec_get_name (spec),
                       "position", yc_material_spec_get_position (spec),
                       "state", YC_MATERIAL_STATE_PENDING,
                       NULL);
}

const char *
yc_case_material_get_spec_code (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), NULL);
  return self->spec_code;
}

const char *
yc_case_material_get_name (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), NULL);
  return self->name;
}

guint
yc_case_material_get_position (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), 0);
  return self->position;
}

YcMaterialState
yc_case_material_get_state (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), YC_MATERIAL_STATE_PENDING);
  return self->state;
}

void
yc_case_material_set_state (YcCaseMaterial  *self,
                            YcMaterialState  state)
{
  g_return_if_fail (YC_IS_CASE_MATERIAL (self));
  g_return_if_fail (state <= YC_MATERIAL_STATE_NOT_APPLICABLE);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), material_properties[MAT_PROP_STATE]);
}

guint
yc_case_material_get_originals (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), 0);
  return self->originals;
}

guint
yc_case_material_get_copies (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), 0);
  return self->copies;
}

const char *
yc_case_material_get_note (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), NULL);
  return self->note;
}

const char *
yc_case_material_get_supplement_deadline (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), NULL);
  return self->supplement_deadline;
}

const char *
yc_case_material_get_attachment (YcCaseMaterial *self)
{
  g_return_val_if_fail (YC_IS_CASE_MATERIAL (self), NULL);
  return self->attachment;
}
