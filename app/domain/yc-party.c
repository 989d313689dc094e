/* yc-party.c: YcParty, the applicant or agent of a case (yc-case.h). */
#define G_LOG_DOMAIN "yc-domain"

#include "yc-case.h"
#include "yc-domain-private.h"

struct _YcParty
{
  GObject parent_instance;

  YcPartyKind  kind;
  char        *name;
  char        *id_number;
  char        *phone;
  char        *address;
  char        *legal_representative;
  char        *contact;
  char        *relation;
  char        *authorisation;
};

G_DEFINE_FINAL_TYPE (YcParty, yc_party, G_TYPE_OBJECT)

enum {
  PARTY_PROP_0,
  PARTY_PROP_KIND,
  PARTY_PROP_NAME,
  PARTY_PROP_ID_NUMBER,
  PARTY_PROP_PHONE,
  PARTY_PROP_ADDRESS,
  PARTY_PROP_LEGAL_REPRESENTATIVE,
  PARTY_PROP_CONTACT,
  PARTY_PROP_RELATION,
  PARTY_PROP_AUTHORISATION,
  PARTY_N_PROPS
};

static GParamSpec *party_properties[PARTY_N_PROPS];

static void
yc_party_finalize (GObject *object)
{
  YcParty *self = YC_PARTY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->id_number, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->legal_representative, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->relation, g_free);
  g_clear_pointer (&self->authorisation, g_free);

  G_OBJECT_CLASS (yc_party_parent_class)->finalize (object);
}

static void
yc_party_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  YcParty *self = YC_PARTY (object);

  switch (prop_id)
    {
    case PARTY_PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PARTY_PROP_NAME: g_value_set_string (value, self->name); break;
    case PARTY_PROP_ID_NUMBER: g_value_set_string (value, self->id_number); break;
    case PARTY_PROP_PHONE: g_value_set_string (value, self->phone); break;
    case PARTY_PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PARTY_PROP_LEGAL_REPRESENTATIVE: g_value_set_string (value, self->legal_representative); break;
    case PARTY_PROP_CONTACT: g_value_set_string (value, self->contact); break;
    case PARTY_PROP_RELATION: g_value_set_string (value, self->relation); break;
    case PARTY_PROP_AUTHORISATION: g_value_set_string (value, self->authorisation); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_party_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  YcParty *self = YC_PARTY (object);

  switch (prop_id)
    {
    case PARTY_PROP_KIND: YC_SET_SCALAR (self->kind, (YcPartyKind) g_value_get_enum (value)); break;
    case PARTY_PROP_NAME: YC_SET_STRING (self->name); break;
    case PARTY_PROP_ID_NUMBER: YC_SET_STRING (self->id_number); break;
    case PARTY_PROP_PHONE: YC_SET_STRING (self->phone); break;
    case PARTY_PROP_ADDRESS: YC_SET_STRING (self->address); break;
    case PARTY_PROP_LEGAL_REPRESENTATIVE: YC_SET_STRING (self->legal_representative); break;
    case PARTY_PROP_CONTACT: YC_SET_STRING (self->contact); break;
    case PARTY_PROP_RELATION: YC_SET_STRING (self->relation); break;
    case PARTY_PROP_AUTHORISATION: YC_SET_STRING (self->authorisation); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_party_class_init (YcPartyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_party_finalize;
  object_class->get_property = yc_party_get_property;
  object_class->set_property = yc_party_set_property;

  party_properties[PARTY_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, YC_TYPE_PARTY_KIND, YC_PARTY_PERSON, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_ID_NUMBER] =
    g_param_spec_string ("id-number", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_LEGAL_REPRESENTATIVE] =
    g_param_spec_string ("legal-representative", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_RELATION] =
    g_param_spec_string ("relation", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  party_properties[PARTY_PROP_AUTHORISATION] =
    g_param_spec_string ("authorisation", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);

  g_object_class_install_properties (object_class, PARTY_N_PROPS, party_properties);
}

static void
yc_party_init (YcParty *self)
{
}

YcParty *
yc_party_new (YcPartyKind kind)
{
  return g_object_new (YC_TYPE_PARTY, "kind", kind, NULL);
}

YcPartyKind
yc_party_get_kind (YcParty *self)
{
  g_return_val_if_fail (YC_IS_PARTY (self), YC_PARTY_PERSON);
  return self->kind;
}

#define PARTY_STRING_GETTER(field)                                             \
  const char *                                                                 \
  yc_party_get_##field (YcParty *self)                                         \
  {                                                                            \
    g_return_val_if_fail (YC_IS_PARTY (self), NULL);                           \
    return self->field;                                                        \
  }

PARTY_STRING_GETTER (name)
PARTY_STRING_GETTER (id_number)
PARTY_STRING_GETTER (phone)
PARTY_STRING_GETTER (address)
PARTY_STRING_GETTER (legal_representative)
PARTY_STRING_GETTER (contact)
PARTY_STRING_GETTER (relation)
PARTY_STRING_GETTER (authorisation)
