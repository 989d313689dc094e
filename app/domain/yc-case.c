/* yc-case.c: YcCase, a case (办件) with its parties, checklist, dates and state. */
#define G_LOG_DOMAIN "yc-domain"

#include "yc-case.h"
#include "yc-case-number.h"
#include "yc-case-state.h"
#include "yc-domain-private.h"

struct _YcCase
{
  GObject parent_instance;

  char        *uuid;
  char        *case_no;
  char        *query_password;
  char        *item_code;
  char        *item_name;
  char        *department;
  YcCaseState  state;
  YcParty     *applicant;
  YcParty     *agent;
  char        *window_code;
  char        *clerk;
  GDateTime   *created_at;
  GDateTime   *decided_at;
  char        *legal_deadline;
  char        *promised_deadline;
  char        *reason;
  YcApplicantFlags applicant_flags;
  char        *legal_basis;
  char        *refer_department;

  GListStore  *materials;
};

G_DEFINE_FINAL_TYPE (YcCase, yc_case, G_TYPE_OBJECT)

enum {
  CASE_PROP_0,
  CASE_PROP_UUID,
  CASE_PROP_CASE_NO,
  CASE_PROP_QUERY_PASSWORD,
  CASE_PROP_ITEM_CODE,
  CASE_PROP_ITEM_NAME,
  CASE_PROP_DEPARTMENT,
  CASE_PROP_STATE,
  CASE_PROP_APPLICANT,
  CASE_PROP_AGENT,
  CASE_PROP_WINDOW_CODE,
  CASE_PROP_CLERK,
  CASE_PROP_CREATED_AT,
  CASE_PROP_DECIDED_AT,
  CASE_PROP_LEGAL_DEADLINE,
  CASE_PROP_PROMISED_DEADLINE,
  CASE_PROP_REASON,
  CASE_PROP_APPLICANT_FLAGS,
  CASE_PROP_LEGAL_BASIS,
  CASE_PROP_REFER_DEPARTMENT,
  CASE_N_PROPS
};

static GParamSpec *case_properties[CASE_N_PROPS];

static void
yc_case_finalize (GObject *object)
{
  YcCase *self = YC_CASE (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->case_no, g_free);
  g_clear_pointer (&self->query_password, g_free);
  g_clear_pointer (&self->item_code, g_free);
  g_clear_pointer (&self->item_name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_object (&self->applicant);
  g_clear_object (&self->agent);
  g_clear_pointer (&self->window_code, g_free);
  g_clear_pointer (&self->clerk, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->decided_at, g_date_time_unref);
  g_clear_pointer (&self->legal_deadline, g_free);
  g_clear_pointer (&self->promised_deadline, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->legal_basis, g_free);
  g_clear_pointer (&self->refer_department, g_free);
  g_clear_object (&self->materials);

  G_OBJECT_CLASS (yc_case_parent_class)->finalize (object);
}

static void
yc_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  YcCase *self = YC_CASE (object);

  switch (prop_id)
    {
    case CASE_PROP_UUID: g_value_set_string (value, self->uuid); break;
    case CASE_PROP_CASE_NO: g_value_set_string (value, self->case_no); break;
    case CASE_PROP_QUERY_PASSWORD: g_value_set_string (value, self->query_password); break;
    case CASE_PROP_ITEM_CODE: g_value_set_string (value, self->item_code); break;
    case CASE_PROP_ITEM_NAME: g_value_set_string (value, self->item_name); break;
    case CASE_PROP_DEPARTMENT: g_value_set_string (value, self->department); break;
    case CASE_PROP_STATE: g_value_set_enum (value, self->state); break;
    case CASE_PROP_APPLICANT: g_value_set_object (value, self->applicant); break;
    case CASE_PROP_AGENT: g_value_set_object (value, self->agent); break;
    case CASE_PROP_WINDOW_CODE: g_value_set_string (value, self->window_code); break;
    case CASE_PROP_CLERK: g_value_set_string (value, self->clerk); break;
    case CASE_PROP_CREATED_AT: g_value_set_boxed (value, self->created_at); break;
    case CASE_PROP_DECIDED_AT: g_value_set_boxed (value, self->decided_at); break;
    case CASE_PROP_LEGAL_DEADLINE: g_value_set_string (value, self->legal_deadline); break;
    case CASE_PROP_PROMISED_DEADLINE: g_value_set_string (value, self->promised_deadline); break;
    case CASE_PROP_REASON: g_value_set_string (value, self->reason); break;
    case CASE_PROP_APPLICANT_FLAGS: g_value_set_flags (value, self->applicant_flags); break;
    case CASE_PROP_LEGAL_BASIS: g_value_set_string (value, self->legal_basis); break;
    case CASE_PROP_REFER_DEPARTMENT: g_value_set_string (value, self->refer_department); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  YcCase *self = YC_CASE (object);

  switch (prop_id)
    {
    case CASE_PROP_UUID: YC_SET_STRING (self->uuid); break;
    case CASE_PROP_CASE_NO: YC_SET_STRING (self->case_no); break;
    case CASE_PROP_QUERY_PASSWORD: YC_SET_STRING (self->query_password); break;
    case CASE_PROP_ITEM_CODE: YC_SET_STRING (self->item_code); break;
    case CASE_PROP_ITEM_NAME: YC_SET_STRING (self->item_name); break;
    case CASE_PROP_DEPARTMENT: YC_SET_STRING (self->department); break;
    /* Setting "state" directly is for loading a stored case; live changes go through yc_case_apply_event. */
    case CASE_PROP_STATE: YC_SET_SCALAR (self->state, (YcCaseState) g_value_get_enum (value)); break;
    case CASE_PROP_APPLICANT: YC_SET_OBJECT (self->applicant); break;
    case CASE_PROP_AGENT: YC_SET_OBJECT (self->agent); break;
    case CASE_PROP_WINDOW_CODE: YC_SET_STRING (self->window_code); break;
    case CASE_PROP_CLERK: YC_SET_STRING (self->clerk); break;
    case CASE_PROP_CREATED_AT: YC_SET_DATE_TIME (self->created_at); break;
    case CASE_PROP_DECIDED_AT: YC_SET_DATE_TIME (self->decided_at); break;
    case CASE_PROP_LEGAL_DEADLINE: YC_SET_STRING (self->legal_deadline); break;
    case CASE_PROP_PROMISED_DEADLINE: YC_SET_STRING (self->promised_deadline); break;
    case CASE_PROP_REASON: YC_SET_STRING (self->reason); break;
    case CASE_PROP_APPLICANT_FLAGS:
      YC_SET_SCALAR (self->applicant_flags, (YcApplicantFlags) g_value_get_flags (value));
      break;
    case CASE_PROP_LEGAL_BASIS: YC_SET_STRING (self->legal_basis); break;
    case CASE_PROP_REFER_DEPARTMENT: YC_SET_STRING (self->refer_department); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_class_init (YcCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_finalize;
  object_class->get_property = yc_case_get_property;
  object_class->set_property = yc_case_set_property;

  case_properties[CASE_PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_CASE_NO] =
    g_param_spec_string ("case-no", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_QUERY_PASSWORD] =
    g_param_spec_string ("query-password", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_ITEM_CODE] =
    g_param_spec_string ("item-code", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_ITEM_NAME] =
    g_param_spec_string ("item-name", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, YC_TYPE_CASE_STATE, YC_CASE_STATE_DRAFT, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_APPLICANT] =
    g_param_spec_object ("applicant", NULL, NULL, YC_TYPE_PARTY, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, YC_TYPE_PARTY, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_WINDOW_CODE] =
    g_param_spec_string ("window-code", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_CLERK] =
    g_param_spec_string ("clerk", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_DECIDED_AT] =
    g_param_spec_boxed ("decided-at", NULL, NULL, G_TYPE_DATE_TIME, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_LEGAL_DEADLINE] =
    g_param_spec_string ("legal-deadline", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_PROMISED_DEADLINE] =
    g_param_spec_string ("promised-deadline", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_APPLICANT_FLAGS] =
    g_param_spec_flags ("applicant-flags", NULL, NULL, YC_TYPE_APPLICANT_FLAGS,
                        YC_APPLICANT_FLAG_NONE, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_LEGAL_BASIS] =
    g_param_spec_string ("legal-basis", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);
  case_properties[CASE_PROP_REFER_DEPARTMENT] =
    g_param_spec_string ("refer-department", NULL, NULL, NULL, YC_DOMAIN_PARAM_RW);

  g_object_class_install_properties (object_class, CASE_N_PROPS, case_properties);
}

static void
yc_case_init (YcCase *self)
{
  self->state = YC_CASE_STATE_DRAFT;
  self->materials = g_list_store_new (YC_TYPE_CASE_MATERIAL);
}

/* g_object_new (YC_TYPE_CASE, …) gives an empty object, for loading a stored case; this is for a new
 * visit: it carries its idempotency key and query password from the first moment, so a receipt printed
 * offline is final. */
YcCase *
yc_case_new (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *password = yc_query_password_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_object_new (YC_TYPE_CASE,
                       "uuid", uuid,
                       "query-password", password,
                       "created-at", now,
                       NULL);
}

YcCase *
yc_case_new_for_item (YcItem *item)
{
  g_autoptr(YcCase) self = NULL;
  GListModel *specs;
  guint n;

  g_return_val_if_fail (YC_IS_ITEM (item), NULL);

  self = yc_case_new ();
  g_object_set (self,
                "item-code", yc_item_get_code (item),
                "item-name", yc_item_get_name (item),
                "department", yc_item_get_department (item),
                NULL);

  specs = yc_item_get_materials (item);
  n = g_list_model_get_n_items (specs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (specs, i);
      g_autoptr(YcCaseMaterial) material = yc_case_material_new_from_spec (spec);

      g_list_store_append (self->materials, material);
    }

  return g_steal_pointer (&self);
}

#define CASE_STRING_GETTER(field)                                              \
  const char *                                                                 \
  yc_case_get_##field (YcCase *self)                                           \
  {                                                                            \
    g_return_val_if_fail (YC_IS_CASE (self), NULL);                            \
    return self->field;                                                        \
  }

CASE_STRING_GETTER (uuid)
CASE_STRING_GETTER (case_no)
CASE_STRING_GETTER (query_password)
CASE_STRING_GETTER (item_code)
CASE_STRING_GETTER (item_name)
CASE_STRING_GETTER (department)
CASE_STRING_GETTER (window_code)
CASE_STRING_GETTER (clerk)
CASE_STRING_GETTER (legal_deadline)
CASE_STRING_GETTER (promised_deadline)
CASE_STRING_GETTER (reason)
CASE_STRING_GETTER (legal_basis)
CASE_STRING_GETTER (refer_department)

YcApplicantFlags
yc_case_get_applicant_flags (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), YC_APPLICANT_FLAG_NONE);
  return self->applicant_flags;
}

YcCaseState
yc_case_get_state (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), YC_CASE_STATE_DRAFT);
  return self->state;
}

YcParty *
yc_case_get_applicant (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->applicant;
}

YcParty *
yc_case_get_agent (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->agent;
}

GDateTime *
yc_case_get_created_at (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->created_at;
}

GDateTime *
yc_case_get_decided_at (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return self->decided_at;
}

GListModel *
yc_case_get_materials (YcCase *self)
{
  g_return_val_if_fail (YC_IS_CASE (self), NULL);
  return G_LIST_MODEL (self->materials);
}

void
yc_case_add_material (YcCase         *self,
                      YcCaseMaterial *material)
{
  g_return_if_fail (YC_IS_CASE (self));
  g_return_if_fail (YC_IS_CASE_MATERIAL (material));

  g_list_store_append (self->materials, material);
}

gboolean
yc_case_apply_event (YcCase       *self,
                     YcCaseEvent   event,
                     GError      **error)
{
  YcCaseState to;

  g_return_val_if_fail (YC_IS_CASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!yc_case_state_transition (self->state, event, &to, error))
    return FALSE;

  /* Every table entry changes the state; the guard only keeps notify::state meaning "it changed". */
  if (self->state != to)
    {
      self->state = to;
      g_object_notify_by_pspec (G_OBJECT (self), case_properties[CASE_PROP_STATE]);
    }

  return TRUE;
}
