/* yc-catalogue.c: parses and strictly validates the implementation list (实施清单) JSON into YcItem objects. */
#define G_LOG_DOMAIN "yc-catalogue"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yc-catalogue.h"

#define SAMPLE_RESOURCE "/org/yichuang/Yichuang/core/catalogue/sample-catalogue.json"

/* A year of working days is about 250: a time limit beyond that is a typing error, not a procedure. */
#define MAX_DAYS 250
/* Counts of originals or copies beyond this are typing errors too. */
#define MAX_COPIES 20
/* The catalogue nests six levels deep; json-glib recurses per level and overflows the stack on a few
 * thousand, so anything deeper than this is refused before it reaches the parser. */
#define MAX_NESTING 32

struct _YcCatalogue {
  char      *version;
  char      *region;
  GPtrArray *items;       /* of YcItem */
  GPtrArray *code_lists;  /* of YcCodeListEntry */
};

G_DEFINE_QUARK (yc-catalogue-error-quark, yc_catalogue_error)

void
yc_code_list_entry_free (YcCodeListEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->list);
  g_free (entry->code);
  g_free (entry->label);
  g_free (entry);
}

void
yc_catalogue_free (YcCatalogue *catalogue)
{
  if (catalogue == NULL)
    return;
  g_free (catalogue->version);
  g_free (catalogue->region);
  g_clear_pointer (&catalogue->items, g_ptr_array_unref);
  g_clear_pointer (&catalogue->code_lists, g_ptr_array_unref);
  g_free (catalogue);
}

const char *
yc_catalogue_get_region (YcCatalogue *catalogue)
{
  g_return_val_if_fail (catalogue != NULL, NULL);
  return catalogue->region;
}

const char *
yc_catalogue_get_version (YcCatalogue *catalogue)
{
  g_return_val_if_fail (catalogue != NULL, NULL);
  return catalogue->version;
}

GPtrArray *
yc_catalogue_get_items (YcCatalogue *catalogue)
{
  g_return_val_if_fail (catalogue != NULL, NULL);
  return catalogue->items;
}

GPtrArray *
yc_catalogue_get_code_lists (YcCatalogue *catalogue)
{
  g_return_val_if_fail (catalogue != NULL, NULL);
  return catalogue->code_lists;
}

GBytes *
yc_catalogue_load_sample (GError **error)
{
  return g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* --- typed field access; every message names where the problem is ("Item X", "Item X, material M") --- */

static JsonNode *
lookup_member (JsonObject *object,
               const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  /* An explicit null is the same as an absent field. */
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
holds_value_of_type (JsonNode *node,
                     GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
missing_field (const char  *where,
               const char  *field,
               GError     **error)
{
  /* TRANSLATORS: first %s is a place such as "Item 1101…", second is a JSON field name */
  g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MISSING_FIELD,
               _("%s: the field “%s” is missing or empty"), where, field);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *where,
            const char  *field,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = lookup_member (object, field);

  *out = NULL;
  if (node == NULL)
    return required ? missing_field (where, field, error) : TRUE;
  if (!holds_value_of_type (node, G_TYPE_STRING))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: the field “%s” must be a string"), where, field);
      return FALSE;
    }
  *out = json_node_get_string (node);
  if (required && is_blank (*out))
    {
      *out = NULL;
      return missing_field (where, field, error);
    }
  return TRUE;
}

static gboolean
get_uint (JsonObject  *object,
          const char  *where,
          const char  *field,
          gboolean     required,
          guint        fallback,
          guint        max,
          guint       *out,
          GError     **error)
{
  JsonNode *node = lookup_member (object, field);
  gint64 value;

  *out = fallback;
  if (node == NULL)
    return required ? missing_field (where, field, error) : TRUE;
  if (!holds_value_of_type (node, G_TYPE_INT64))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: the field “%s” must be a whole number"), where, field);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: the field “%s” is negative (%lld)"), where, field, (long long) value);
      return FALSE;
    }
  if (value > max)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: the field “%s” is %lld, more than the maximum of %u"),
                   where, field, (long long) value, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *where,
          const char  *field,
          gboolean     fallback,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = lookup_member (object, field);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of_type (node, G_TYPE_BOOLEAN))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: the field “%s” must be true or false"), where, field);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *where,
           const char  *field,
           gboolean     required,
           GError     **error)
{
  JsonNode *node = lookup_member (object, field);

  if (node == NULL)
    {
      if (required)
        missing_field (where, field, error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: the field “%s” must be a list"), where, field);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Element @index of @array as an object, or a MALFORMED error saying which element of what. */
static JsonObject *
get_element_object (JsonArray   *array,
                    guint        index,
                    const char  *where,
                    const char  *field,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: "Item 1101…: entry 3 of “materials” is not an object" */
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: entry %u of “%s” is not an object"), where, index + 1, field);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Codes are keys in the store and on the platform: printable ASCII letters, digits, '.', '_' and '-' only. */
static gboolean
check_code (const char  *code,
            const char  *where,
            const char  *field,
            GError     **error)
{
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                     _("%s: the code “%s” in “%s” may only contain letters, digits, “.”, “_” and “-”"),
                     where, code, field);
        return FALSE;
      }
  return TRUE;
}

/* Whether no array or object in @data opens more than @max_depth levels deep (brackets in strings do not count). */
static gboolean
nesting_within (const char *data,
                gsize       size,
                guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* --- code lists --- */

static gboolean
parse_code_lists (JsonObject  *root,
                  GPtrArray   *entries,
                  GHashTable  *item_types,
                  GError     **error)
{
  const char *where = _("Code lists");
  JsonNode *node = lookup_member (root, "code_lists");
  JsonObject *lists;
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return missing_field (_("Catalogue"), "code_lists", error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("%s: the field “%s” must be an object"), _("Catalogue"), "code_lists");
      return FALSE;
    }
  lists = json_node_get_object (node);
  names = json_object_get_members (lists);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *list = l->data;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *array = get_array (lists, where, list, TRUE, error);

      if (array == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = get_element_object (array, i, where, list, error);
          g_autofree char *entry_where = NULL;
          YcCodeListEntry *entry;
          const char *code, *label;

          if (object == NULL)
            return FALSE;
          /* TRANSLATORS: "Code list item_type, entry 3" */
          entry_where = g_strdup_printf (_("Code list %s, entry %u"), list, i + 1);
          if (!get_string (object, entry_where, "code", TRUE, &code, error) ||
              !check_code (code, entry_where, "code", error) ||
              !get_string (object, entry_where, "label", TRUE, &label, error))
            return FALSE;
          if (!g_hash_table_add (seen, (gpointer) code))
            {
              g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_DUPLICATE,
                           _("Code list %s: the code “%s” appears twice"), list, code);
              return FALSE;
            }
          entry = g_new0 (YcCodeListEntry, 1);
          entry->list = g_strdup (list);
          entry->code = g_strdup (code);
          entry->label = g_strdup (label);
          g_ptr_array_add (entries, entry);
          if (g_str_equal (list, "item_type"))
            g_hash_table_insert (item_types, entry->code, entry->label);
        }
    }
  /* Items are checked against this list, so without it nothing could be validated. */
  if (lookup_member (lists, "item_type") == NULL)
    return missing_field (where, "item_type", error);
  return TRUE;
}

/* --- materials --- */

static YcMaterialSpec *
parse_material (JsonObject  *object,
                const char  *item_code,
                guint        position,
                GError     **error)
{
  g_autofree char *where = NULL;
  const char *code, *name, *form_code, *licence_type, *notes;
  guint originals, copies, supplement_days;
  gboolean required, tolerable;
  YcMaterialForm form;

  /* TRANSLATORS: "Item 1101…, material 3" (before its code is known) */
  where = g_strdup_printf (_("Item %s, material %u"), item_code, position + 1);
  if (!get_string (object, where, "code", TRUE, &code, error) ||
      !check_code (code, where, "code", error))
    return NULL;
  g_free (where);
  /* TRANSLATORS: "Item 1101…, material M01" */
  where = g_strdup_printf (_("Item %s, material %s"), item_code, code);

  if (!get_string (object, where, "name", FALSE, &name, error))
    return NULL;
  if (name == NULL || is_blank (name))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MISSING_FIELD,
                   _("Item %s: material %s has no name"), item_code, code);
      return NULL;
    }

  if (!get_string (object, where, "form", TRUE, &form_code, error))
    return NULL;
  if (!yc_material_form_from_string (form_code, &form))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: unknown form “%s” (expected paper, electronic or either)"), where, form_code);
      return NULL;
    }

  if (!get_uint (object, where, "originals", FALSE, 0, MAX_COPIES, &originals, error) ||
      !get_uint (object, where, "copies", FALSE, 0, MAX_COPIES, &copies, error) ||
      !get_bool (object, where, "required", TRUE, &required, error) ||
      !get_bool (object, where, "tolerable", FALSE, &tolerable, error) ||
      !get_uint (object, where, "supplement_days", FALSE, 0, MAX_DAYS, &supplement_days, error) ||
      !get_string (object, where, "licence_type", FALSE, &licence_type, error) ||
      !get_string (object, where, "notes", FALSE, &notes, error))
    return NULL;

  /* Paper must be seen as an original or handed in as a copy, or the clerk has nothing to check. */
  if (form == YC_MATERIAL_FORM_PAPER && originals == 0 && copies == 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: a paper material needs at least one original or one copy"), where);
      return NULL;
    }
  /* 容缺 means "accepted now, supplied within N days": the deadline exists exactly when the tolerance does. */
  if (tolerable && supplement_days == 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: a tolerable material needs a supplement deadline (supplement_days)"), where);
      return NULL;
    }
  if (!tolerable && supplement_days > 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: supplement_days is set but the material is not tolerable"), where);
      return NULL;
    }

  if (licence_type != NULL && is_blank (licence_type))
    licence_type = NULL;

  return g_object_new (YC_TYPE_MATERIAL_SPEC,
                       "code", code,
                       "name", name,
                       "position", position,
                       "originals", originals,
                       "copies", copies,
                       "form", form,
                       "tolerable", tolerable,
                       "supplement-days", supplement_days,
                       "licence-type", licence_type,
                       "notes", notes != NULL ? notes : "",
                       "required", required,
                       NULL);
}

/* --- items --- */

/* Optional search synonyms (上户口 for 出生登记); absent means none, never NULL. */
static char **
parse_keywords (JsonObject  *object,
                const char  *where,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (lookup_member (object, "keywords") != NULL)
    {
      JsonArray *array = get_array (object, where, "keywords", FALSE, error);

      if (array == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!holds_value_of_type (element, G_TYPE_STRING) || is_blank (json_node_get_string (element)))
            {
              g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                           _("%s: keyword %u is not a non-empty string"), where, i + 1);
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

static YcItem *
parse_item (JsonObject  *object,
            guint        index,
            GHashTable  *item_types,
            GError     **error)
{
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) specs = NULL;
  g_autoptr(GHashTable) material_codes = NULL;
  g_auto(GStrv) keywords = NULL;
  const char *code, *name, *department, *item_type, *item_type_label, *case_type_code;
  const char *legal_basis, *conditions, *fees, *result;
  guint legal_days, promised_days;
  gboolean commitment_allowed;
  YcCaseType case_type;
  JsonArray *materials;
  YcItem *item;

  /* TRANSLATORS: "Item #12", an item whose code is not known yet */
  where = g_strdup_printf (_("Item #%u"), index + 1);
  if (!get_string (object, where, "code", TRUE, &code, error) ||
      !check_code (code, where, "code", error))
    return NULL;
  g_free (where);
  /* TRANSLATORS: "Item 11139900…QR00117001" */
  where = g_strdup_printf (_("Item %s"), code);

  if (!get_string (object, where, "name", TRUE, &name, error) ||
      !get_string (object, where, "department", TRUE, &department, error) ||
      !get_string (object, where, "item_type", TRUE, &item_type, error) ||
      !get_string (object, where, "case_type", TRUE, &case_type_code, error))
    return NULL;

  item_type_label = g_hash_table_lookup (item_types, item_type);
  if (item_type_label == NULL)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: unknown item type “%s” (not in the item_type code list)"), where, item_type);
      return NULL;
    }
  if (!yc_case_type_from_string (case_type_code, &case_type))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: unknown case type “%s” (expected immediate, promised, reported or joint)"),
                   where, case_type_code);
      return NULL;
    }

  if (!get_uint (object, where, "legal_days", TRUE, 0, MAX_DAYS, &legal_days, error) ||
      !get_uint (object, where, "promised_days", TRUE, 0, MAX_DAYS, &promised_days, error))
    return NULL;
  if (promised_days > legal_days)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: the promised time limit (%u working days) exceeds the legal one (%u)"),
                   where, promised_days, legal_days);
      return NULL;
    }
  /* 即办件 are decided while the applicant waits: a promised delay contradicts the case type. */
  if (case_type == YC_CASE_TYPE_IMMEDIATE && promised_days != 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_INVALID_VALUE,
                   _("%s: an immediate item cannot promise %u working days"), where, promised_days);
      return NULL;
    }

  if (!get_bool (object, where, "commitment_allowed", FALSE, &commitment_allowed, error) ||
      !get_string (object, where, "legal_basis", TRUE, &legal_basis, error) ||
      !get_string (object, where, "conditions", FALSE, &conditions, error) ||
      !get_string (object, where, "fees", FALSE, &fees, error) ||
      !get_string (object, where, "result", FALSE, &result, error))
    return NULL;

  keywords = parse_keywords (object, where, error);
  if (keywords == NULL)
    return NULL;

  materials = get_array (object, where, "materials", TRUE, error);
  if (materials == NULL)
    return NULL;
  if (json_array_get_length (materials) == 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MISSING_FIELD,
                   _("%s: the item lists no materials"), where);
      return NULL;
    }
  specs = g_ptr_array_new_with_free_func (g_object_unref);
  material_codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (materials); i++)
    {
      JsonObject *material = get_element_object (materials, i, where, "materials", error);
      YcMaterialSpec *spec;

      if (material == NULL)
        return NULL;
      spec = parse_material (material, code, i, error);
      if (spec == NULL)
        return NULL;
      g_ptr_array_add (specs, spec);
      if (!g_hash_table_add (material_codes, (gpointer) yc_material_spec_get_code (spec)))
        {
          g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_DUPLICATE,
                       _("Item %s: the material code %s appears twice"), code, yc_material_spec_get_code (spec));
          return NULL;
        }
    }

  item = g_object_new (YC_TYPE_ITEM,
                       "code", code,
                       "name", name,
                       "department", department,
                       "item-type", item_type,
                       "item-type-label", item_type_label,
                       "case-type", case_type,
                       "legal-days", legal_days,
                       "promised-days", promised_days,
                       "commitment-allowed", commitment_allowed,
                       "legal-basis", legal_basis,
                       "conditions", conditions != NULL ? conditions : "",
                       "fees", fees != NULL ? fees : "",
                       "result", result != NULL ? result : "",
                       "keywords", keywords,
                       NULL);
  yc_item_set_materials (item, specs);
  return item;
}

YcCatalogue *
yc_catalogue_parse (GBytes  *json,
                    GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  g_autoptr(GHashTable) item_types = NULL;
  g_autoptr(GHashTable) item_codes = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *where = _("Catalogue");
  const char *version, *region;
  const char *data;
  gsize size;
  JsonNode *root_node;
  JsonObject *root;
  JsonArray *items;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &size);
  if (size == 0)
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED, _("The catalogue is empty"));
      return NULL;
    }
  if (!g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("The catalogue is not valid UTF-8 text"));
      return NULL;
    }

  if (!nesting_within (data, size, MAX_NESTING))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("The catalogue nests lists or objects more than %u levels deep"), MAX_NESTING);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &json_error))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("The catalogue is not valid JSON: %s"), json_error->message);
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_MALFORMED,
                   _("The catalogue must be a JSON object with “version”, “region”, “code_lists” and “items”"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!get_string (root, where, "version", TRUE, &version, error) ||
      !get_string (root, where, "region", TRUE, &region, error))
    return NULL;

  catalogue = g_new0 (YcCatalogue, 1);
  catalogue->version = g_strdup (version);
  catalogue->region = g_strdup (region);
  catalogue->items = g_ptr_array_new_with_free_func (g_object_unref);
  catalogue->code_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_code_list_entry_free);

  /* Keys and values point into catalogue->code_lists, which outlives this table. */
  item_types = g_hash_table_new (g_str_hash, g_str_equal);
  if (!parse_code_lists (root, catalogue->code_lists, item_types, error))
    return NULL;

  items = get_array (root, where, "items", TRUE, error);
  if (items == NULL)
    return NULL;
  item_codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = get_element_object (items, i, where, "items", error);
      YcItem *item;

      if (object == NULL)
        return NULL;
      item = parse_item (object, i, item_types, error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (catalogue->items, item);
      if (!g_hash_table_add (item_codes, (gpointer) yc_item_get_code (item)))
        {
          g_set_error (error, YC_CATALOGUE_ERROR, YC_CATALOGUE_ERROR_DUPLICATE,
                       _("Item %s appears twice in the catalogue"), yc_item_get_code (item));
          return NULL;
        }
    }

  return g_steal_pointer (&catalogue);
}
