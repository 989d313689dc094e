/* yc-case-json.c: a case as JSON and back, for drafts of unfinished intakes and platform
 * payloads. */
#define G_LOG_DOMAIN "yc-domain"

#include <glib/gi18n.h>

#include "yc-case-json.h"

G_DEFINE_QUARK (yc-case-json-error-quark, yc_case_json_error)

/* Drafts carry a format version: a program refuses drafts of a newer format rather than losing
 * fields. */
#define DRAFT_FORMAT 1

/* String properties, by property name; the JSON member is the name with '-' as '_'. Tables rather
 * than hand-written members keep writer and reader in step. */
static const char *const case_strings[] = {
  "uuid",
  "case-no",
  "query-password",
  "item-code",
  "item-name",
  "department",
  "window-code",
  "clerk",
  "legal-deadline",
  "promised-deadline",
  "reason",
  "legal-basis",
  "refer-department",
};
static const char * const party_strings[] = {
  "name", "id-number", "phone", "address", "legal-representative", "contact", "relation",
  "authorisation",
};
static const char * const material_strings[] = {
  "spec-code", "name", "note", "supplement-deadline", "attachment",
};
static const char * const material_uints[] = { "position", "originals", "copies" };

static char *
member_of (const char *property)
{
  return g_strdelimit (g_strdup (property), "-", '_');
}

/* --- writing --- */

static void
add_strings (JsonBuilder        *builder,
             GObject            *object,
             const char * const *properties,
             gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *member = member_of (properties[i]);

      g_object_get (object, properties[i], &value, NULL);
      json_builder_set_member_name (builder, member);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, member);
  if (time == NULL)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *text = g_date_time_format_iso8601 (time);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_party (JsonBuilder *builder,
           const char  *member,
           YcParty     *party)
{
  json_builder_set_member_name (builder, member);
  if (party == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, yc_party_kind_to_string (yc_party_get_kind (party)));
  add_strings (builder, G_OBJECT (party), party_strings, G_N_ELEMENTS (party_strings));
  json_builder_end_object (builder);
}

JsonNode *
yc_case_to_json_node (YcCase *kase)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *materials;
  YcApplicantFlags flags;

  g_return_val_if_fail (YC_IS_CASE (kase), NULL);

  json_builder_begin_object (builder);
  add_strings (builder, G_OBJECT (kase), case_strings, G_N_ELEMENTS (case_strings));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, yc_case_state_to_string (yc_case_get_state (kase)));
  add_time (builder, "created_at", yc_case_get_created_at (kase));
  add_time (builder, "decided_at", yc_case_get_decided_at (kase));

  flags = yc_case_get_applicant_flags (kase);
  json_builder_set_member_name (builder, "applicant_flags");
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < YC_APPLICANT_N_FLAGS; bit++)
    if (flags & (1u << bit))
      json_builder_add_string_value (builder, yc_applicant_flag_to_string (1u << bit));
  json_builder_end_array (builder);

  add_party (builder, "applicant", yc_case_get_applicant (kase));
  add_party (builder, "agent", yc_case_get_agent (kase));

  materials = yc_case_get_materials (kase);
  json_builder_set_member_name (builder, "materials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);

      json_builder_begin_object (builder);
      add_strings (builder, G_OBJECT (m), material_strings, G_N_ELEMENTS (material_strings));
      for (gsize j = 0; j < G_N_ELEMENTS (material_uints); j++)
        {
          guint value = 0;

          g_object_get (m, material_uints[j], &value, NULL);
          json_builder_set_member_name (builder, material_uints[j]);
          json_builder_add_int_value (builder, value);
        }
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder,
                                     yc_material_state_to_string (yc_case_material_get_state (m)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
yc_case_to_json (YcCase *kase)
{
  g_autoptr(JsonNode) node = yc_case_to_json_node (kase);

  return node ? node_to_string (node) : NULL;
}

/* --- reading --- */

static gboolean
invalid (GError    **error,
         const char *member)
{
  g_set_error (error, YC_CASE_JSON_ERROR, YC_CASE_JSON_ERROR_INVALID,
               _("The saved case is damaged: “%s” is not valid."), member);
  return FALSE;
}

/* A string member, or NULL when absent or null; FALSE when present with another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, member);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
set_strings (GObject            *object,
             JsonObject         *json,
             const char * const *properties,
             gsize               n,
             GError            **error)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *member = member_of (properties[i]);
      const char *value;

      if (!get_string (json, member, &value, error))
        return FALSE;
      g_object_set (object, properties[i], value, NULL);
    }
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *member,
          GDateTime  **time,
          GError     **error)
{
  const char *text;

  *time = NULL;
  if (!get_string (object, member, &text, error))
    return FALSE;
  if (text != NULL && (*time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return invalid (error, member);
  return TRUE;
}

static gboolean
get_object (JsonObject  *object,
            const char  *member,
            JsonObject **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, member);
  *value = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_party (JsonObject  *object,
            const char  *member,
            YcParty    **party,
            GError     **error)
{
  JsonObject *json;
  const char *kind_code;
  YcPartyKind kind;

  *party = NULL;
  if (!get_object (object, member, &json, error))
    return FALSE;
  if (json == NULL)
    return TRUE;
  if (!get_string (json, "kind", &kind_code, error))
    return FALSE;
  if (!yc_party_kind_from_string (kind_code, &kind))
    return invalid (error, "kind");

  *party = yc_party_new (kind);
  if (!set_strings (G_OBJECT (*party), json, party_strings, G_N_ELEMENTS (party_strings), error))
    {
      g_clear_object (party);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_material (YcCase     *kase,
               JsonNode   *node,
               GError    **error)
{
  g_autoptr(YcCaseMaterial) material = NULL;
  JsonObject *json;
  const char *state_code;
  YcMaterialState state;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "materials");
  json = json_node_get_object (node);

  material = g_object_new (YC_TYPE_CASE_MATERIAL, NULL);
  if (!set_strings (G_OBJECT (material), json, material_strings, G_N_ELEMENTS (material_strings),
                    error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (material_uints); i++)
    {
      JsonNode *value = json_object_get_member (json, material_uints[i]);
      gint64 number;

      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        return invalid (error, material_uints[i]);
      number = json_node_get_int (value);
      if (number < 0 || number > G_MAXUINT)
        return invalid (error, material_uints[i]);
      g_object_set (material, material_uints[i], (guint) number, NULL);
    }
  if (!get_string (json, "state", &state_code, error))
    return FALSE;
  if (!yc_material_state_from_string (state_code, &state))
    return invalid (error, "state");
  yc_case_material_set_state (material, state);

  yc_case_add_material (kase, material);
  return TRUE;
}

YcCase *
yc_case_new_from_json_node (JsonNode *node,
                            GError  **error)
{
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) decided_at = NULL;
  g_autoptr(YcParty) applicant = NULL;
  g_autoptr(YcParty) agent = NULL;
  YcApplicantFlags flags = YC_APPLICANT_FLAG_NONE;
  JsonObject *json;
  JsonNode *member;
  const char *state_code;
  YcCaseState state;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "case");
      return NULL;
    }
  json = json_node_get_object (node);

  kase = g_object_new (YC_TYPE_CASE, NULL);
  if (!set_strings (G_OBJECT (kase), json, case_strings, G_N_ELEMENTS (case_strings), error) ||
      !get_string (json, "state", &state_code, error) ||
      !get_time (json, "created_at", &created_at, error) ||
      !get_time (json, "decided_at", &decided_at, error) ||
      !read_party (json, "applicant", &applicant, error) ||
      !read_party (json, "agent", &agent, error))
    return NULL;
  if (yc_case_get_uuid (kase) == NULL)
    {
      invalid (error, "uuid");
      return NULL;
    }
  if (!yc_case_state_from_string (state_code, &state))
    {
      invalid (error, "state");
      return NULL;
    }

  member = json_object_get_member (json, "applicant_flags");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *codes;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          invalid (error, "applicant_flags");
          return NULL;
        }
      codes = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (codes); i++)
        {
          JsonNode *code = json_array_get_element (codes, i);
          YcApplicantFlags flag;

          /* An unknown flag could be one that blocks an outcome: refuse rather than drop it. */
          if (!JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_STRING ||
              !yc_applicant_flag_from_string (json_node_get_string (code), &flag))
            {
              invalid (error, "applicant_flags");
              return NULL;
            }
          flags |= flag;
        }
    }

  g_object_set (kase,
                "state", state,
                "created-at", created_at,
                "decided-at", decided_at,
                "applicant", applicant,
                "agent", agent,
                "applicant-flags", flags,
                NULL);

  member = json_object_get_member (json, "materials");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *materials;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          invalid (error, "materials");
          return NULL;
        }
      materials = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (materials); i++)
        if (!read_material (kase, json_array_get_element (materials, i), error))
          return NULL;
    }

  return g_steal_pointer (&kase);
}

static JsonNode *
parse (const char *json,
       gssize      length,
       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, YC_CASE_JSON_ERROR, YC_CASE_JSON_ERROR_PARSE,
                   _("The saved case is damaged and cannot be read (%s)."),
                   local_error ? local_error->message : "NULL");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

YcCase *
yc_case_new_from_json (const char *json,
                       gssize      length,
                       GError    **error)
{
  g_autoptr(JsonNode) root = parse (json, length, error);

  return root ? yc_case_new_from_json_node (root, error) : NULL;
}

/* --- drafts --- */

char *
yc_draft_to_json (YcCase     *kase,
                  const char *outcome,
                  JsonNode   *extra)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (YC_IS_CASE (kase), NULL);
  g_return_val_if_fail (extra == NULL || JSON_NODE_HOLDS_OBJECT (extra), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, DRAFT_FORMAT);
  json_builder_set_member_name (builder, "case");
  json_builder_add_value (builder, yc_case_to_json_node (kase));
  json_builder_set_member_name (builder, "outcome");
  if (outcome != NULL)
    json_builder_add_string_value (builder, outcome);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "extra");
  if (extra != NULL)
    json_builder_add_value (builder, json_node_copy (extra));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_string (root);
}

YcCase *
yc_draft_new_from_json (const char *json,
                        gssize      length,
                        char      **outcome,
                        JsonNode  **extra,
                        GError    **error)
{
  g_autoptr(JsonNode) root = parse (json, length, error);
  g_autoptr(YcCase) kase = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *outcome_code;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "draft");
      return NULL;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      invalid (error, "format");
      return NULL;
    }
  if (json_node_get_int (node) > DRAFT_FORMAT)
    {
      g_set_error_literal (error, YC_CASE_JSON_ERROR, YC_CASE_JSON_ERROR_VERSION,
                           _("This draft was saved by a newer version of Yichuang. Update Yichuang "
                             "on this workstation to resume it."));
      return NULL;
    }

  node = json_object_get_member (object, "case");
  if (node == NULL)
    {
      invalid (error, "case");
      return NULL;
    }
  kase = yc_case_new_from_json_node (node, error);
  if (kase == NULL || !get_string (object, "outcome", &outcome_code, error))
    return NULL;

  node = json_object_get_member (object, "extra");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "extra");
      return NULL;
    }

  if (outcome != NULL)
    *outcome = g_strdup (outcome_code);
  if (extra != NULL)
    *extra = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_copy (node) : NULL;
  return g_steal_pointer (&kase);
}
