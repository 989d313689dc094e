/* yc-material-spec.c: YcMaterialSpec, one required material of a catalogue item (yc-item.h). */
#define G_LOG_DOMAIN "yc-domain"

#include "yc-item.h"
#include "yc-domain-private.h"

struct _YcMaterialSpec
{
  GObject parent_instance;

  char           *code;
  char           *name;
  guint           position;
  guint           originals;
  guint           copies;
  YcMaterialForm  form;
  gboolean        tolerable;
  guint           supplement_days;
  char           *licence_type;
  char           *notes;
  gboolean        required;
};

G_DEFINE_FINAL_TYPE (YcMaterialSpec, yc_material_spec, G_TYPE_OBJECT)

enum {
  SPEC_PROP_0,
  SPEC_PROP_CODE,
  SPEC_PROP_NAME,
  SPEC_PROP_POSITION,
  SPEC_PROP_ORIGINALS,
  SPEC_PROP_COPIES,
  SPEC_PROP_FORM,
  SPEC_PROP_TOLERABLE,
  SPEC_PROP_SUPPLEMENT_DAYS,
  SPEC_PROP_LICENCE_TYPE,
  SPEC_PROP_NOTES,
  SPEC_PROP_REQUIRED,
  SPEC_N_PROPS
};

static GParamSpec *spec_properties[SPEC_N_PROPS];

static void
yc_material_spec_finalize (GObject *object)
{
  YcMaterialSpec *self = YC_MATERIAL_SPEC (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->licence_type, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (yc_material_spec_parent_class)->finalize (object);
}

static void
yc_material_spec_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YcMaterialSpec *self = YC_MATERIAL_SPEC (object);

  switch (prop_id)
    {
    case SPEC_PROP_CODE: g_value_set_string (value, self->code); break;
    case SPEC_PROP_NAME: g_value_set_string (value, self->name); break;
    case SPEC_PROP_POSITION: g_value_set_uint (value, self->position); break;
    case SPEC_PROP_ORIGINALS: g_value_set_uint (value, self->originals); break;
    case SPEC_PROP_COPIES: g_value_set_uint (value, self->copies); break;
    case SPEC_PROP_FORM: g_value_set_enum (value, self->form); break;
    case SPEC_PROP_TOLERABLE: g_value_set_boolean (value, self->tolerable); break;
    case SPEC_PROP_SUPPLEMENT_DAYS: g_value_set_uint (value, self->supplement_days); break;
    case SPEC_PROP_LICENCE_TYPE: g_value_set_string (value, self->licence_type); break;
    case SPEC_PROP_NOTES: g_value_set_string (value, self->notes); break;
    case SPEC_PROP_REQUIRED: g_value_set_boolean (value, self->required); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_material_spec_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YcMaterialSpec *self = YC_MATERIAL_SPEC (object);

  switch (prop_id)
    {
    case SPEC_PROP_CODE: YC_SET_STRING (self->code); break;
    case SPEC_PROP_NAME: YC_SET_STRING (self->name); break;
    case SPEC_PROP_POSITION: YC_SET_SCALAR (self->position, g_value_get_uint (value)); break;
    case SPEC_PROP_ORIGINALS: YC_SET_SCALAR (self->originals, g_value_get_uint (value)); break;
    case SPEC_PROP_COPIES: YC_SET_SCALAR (self->copies, g_value_get_uint (value)); break;
    case SPEC_PROP_FORM: YC_SET_SCALAR (self->form, (YcMaterialForm) g_value_get_enum (value)); break;
    case SPEC_PROP_TOLERABLE: YC_SET_SCALAR (self->tolerable, !!g_value_get_boolean (value)); break;
    case SPEC_PROP_SUPPLEMENT_DAYS: YC_SET_SCALAR (self->supplement_days, g_value_get_uint (value)); break;
    case SPEC_PROP_LICENCE_TYPE: YC_SET_STRING (self->licence_type); break;
    case SPEC_PROP_NOTES: YC_SET_STRING (self->notes); break;
    case SPEC_PROP_REQUIRED: YC_SET_SCALAR (self->required, !!g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_material_spec_class_init (YcMaterialSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_material_spec_finalize;
  object_class->get_property = yc_material_spec_get_property;
  object_class->set_property = yc_material_spec_set_property;

  spec_properties[SPEC_PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_ORIGINALS] =
    g_param_spec_uint ("originals", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_COPIES] =
    g_param_spec_uint ("copies", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_FORM] =
    g_param_spec_enum ("form", NULL, NULL, YC_TYPE_MATERIAL_FORM, YC_MATERIAL_FORM_PAPER, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_TOLERABLE] =
    g_param_spec_boolean ("tolerable", NULL, NULL, FALSE, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_SUPPLEMENT_DAYS] =
    g_param_spec_uint ("supplement-days", NULL, NULL, 0, G_MAXUINT, 0, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_LICENCE_TYPE] =
    g_param_spec_string ("licence-type", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  spec_properties[SPEC_PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  /* A material is required unless the catalogue says it applies only in some circumstances. */
  spec_properties[SPEC_PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, TRUE, YC_DOMAIN_PARAM_RW);

  g_object_class_install_properties (object_class, SPEC_N_PROPS, spec_properties);
}

static void
yc_material_spec_init (YcMaterialSpec *self)
{
  self->required = TRUE;
}

const char *
yc_material_spec_get_code (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), NULL);
  return self->code;
}

const char *
yc_material_spec_get_name (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), NULL);
  return self->name;
}

guint
yc_material_spec_get_position (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), 0);
  return self->position;
}

guint
yc_material_spec_get_originals (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), 0);
  return self->originals;
}

guint
yc_material_spec_get_copies (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), 0);
  return self->copies;
}

YcMaterialForm
yc_material_spec_get_form (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), YC_MATERIAL_FORM_PAPER);
  return self->form;
}

gboolean
yc_material_spec_get_tolerable (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), FALSE);
  return self->tolerable;
}

guint
yc_material_spec_get_supplement_days (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), 0);
  return self->supplement_days;
}

const char *
yc_material_spec_get_licence_type (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), NULL);
  return self->licence_type;
}

const char *
yc_material_spec_get_notes (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), NULL);
  return self->notes;
}

gboolean
yc_material_spec_get_required (YcMaterialSpec *self)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (self), FALSE);
  return self->required;
}
