/* test-catalogue.c: the sample implementation list parses and is sound; every malformed input is refused clearly. */
#include <string.h>
#include <json-glib/json-glib.h>

#include "yc-catalogue.h"

/* A small valid catalogue; each malformed case below is this one with a single change. */
static const char base_json[] =
  "{"
  "  \"version\": \"t1\", \"region\": \"测试市\","
  "  \"code_lists\": {"
  "    \"item_type\": [{\"code\": \"XK\", \"label\": \"行政许可\"}, {\"code\": \"QR\", \"label\": \"行政确认\"}],"
  "    \"channel\": [{\"code\": \"W\", \"label\": \"窗口\"}]"
  "  },"
  "  \"items\": ["
  "    {\"code\": \"ITEM-A\", \"name\": \"出生登记\", \"department\": \"测试市公安局\", \"item_type\": \"QR\","
  "     \"case_type\": \"immediate\", \"legal_days\": 20, \"promised_days\": 0, \"commitment_allowed\": false,"
  "     \"legal_basis\": \"《中华人民共和国户口登记条例》第七条\", \"conditions\": \"新生儿\", \"fees\": \"不收费\","
  "     \"result\": \"居民户口簿\", \"keywords\": [\"上户口\", \"新生儿落户\"],"
  "     \"materials\": ["
  "       {\"code\": \"M01\", \"name\": \"居民户口簿\", \"originals\": 1, \"copies\": 0, \"form\": \"paper\","
  "        \"required\": true, \"tolerable\": false, \"supplement_days\": 0, \"licence_type\": \"居民户口簿\","
  "        \"notes\": \"户主或本人\"},"
  "       {\"code\": \"M02\", \"name\": \"出生医学证明\", \"originals\": 1, \"copies\": 1, \"form\": \"either\","
  "        \"tolerable\": true, \"supplement_days\": 10, \"licence_type\": \"\"}"
  "     ]},"
  "    {\"code\": \"ITEM-B\", \"name\": \"食品经营许可\", \"department\": \"测试市市场监督管理局\", \"item_type\": \"XK\","
  "     \"case_type\": \"promised\", \"legal_days\": 20, \"promised_days\": 10, \"commitment_allowed\": true,"
  "     \"legal_basis\": \"《中华人民共和国食品安全法》第三十五条\","
  "     \"materials\": ["
  "       {\"code\": \"M01\", \"name\": \"食品经营许可申请书\", \"originals\": 1, \"form\": \"electronic\"}"
  "     ]}"
  "  ]"
  "}";

static YcCatalogue *
parse_string (const char *json,
              gssize      length,
              GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, length < 0 ? strlen (json) : (gsize) length);

  return yc_catalogue_parse (bytes, error);
}

/* --- the sample catalogue --- */

static YcCatalogue *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = yc_catalogue_load_sample (&error);
  YcCatalogue *catalogue;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  catalogue = yc_catalogue_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

static const char *
code_list_label (YcCatalogue *catalogue,
                 const char  *list,
                 const char  *code)
{
  GPtrArray *entries = yc_catalogue_get_code_lists (catalogue);

  for (guint i = 0; i < entries->len; i++)
    {
      YcCodeListEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->list, list) && g_str_equal (entry->code, code))
        return entry->label;
    }
  return NULL;
}

static void
test_sample_parses (void)
{
  g_autoptr(YcCatalogue) catalogue = load_sample ();
  GPtrArray *items = yc_catalogue_get_items (catalogue);
  g_autoptr(GHashTable) departments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) item_types = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_tolerable = 0, n_licence = 0, n_commitment = 0, n_immediate = 0, n_promised = 0;

  g_assert_cmpstr (yc_catalogue_get_region (catalogue), !=, "");
  g_assert_cmpstr (yc_catalogue_get_version (catalogue), !=, "0");
  g_assert_cmpuint (items->len, >=, 40);

  for (guint i = 0; i < items->len; i++)
    {
      YcItem *item = g_ptr_array_index (items, i);
      GListModel *materials = yc_item_get_materials (item);
      guint n_materials = g_list_model_get_n_items (materials);
      const char * const *keywords = yc_item_get_keywords (item);

      g_hash_table_add (departments, (gpointer) yc_item_get_department (item));
      g_hash_table_add (item_types, (gpointer) yc_item_get_item_type (item));

      g_assert_cmpuint (yc_item_get_promised_days (item), <=, yc_item_get_legal_days (item));
      g_assert_cmpstr (yc_item_get_item_type_label (item), ==,
                       code_list_label (catalogue, "item_type", yc_item_get_item_type (item)));
      g_assert_cmpstr (yc_item_get_legal_basis (item), !=, "");
      g_assert_cmpstr (yc_item_get_result (item), !=, "");
      g_assert_nonnull (keywords);
      g_assert_cmpuint (g_strv_length ((char **) keywords), >=, 1);
      g_assert_cmpuint (n_materials, >=, 1);

      if (yc_item_get_case_type (item) == YC_CASE_TYPE_IMMEDIATE)
        {
          g_assert_cmpuint (yc_item_get_promised_days (item), ==, 0);
          n_immediate++;
        }
      else
        {
          g_assert_cmpuint (yc_item_get_promised_days (item), >, 0);
          n_promised++;
        }
      if (yc_item_get_commitment_allowed (item))
        n_commitment++;

      for (guint m = 0; m < n_materials; m++)
        {
          g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (materials, m);

          g_assert_cmpuint (yc_material_spec_get_position (spec), ==, m);
          g_assert_cmpstr (yc_material_spec_get_name (spec), !=, "");
          g_assert_true (yc_item_find_material (item, yc_material_spec_get_code (spec)) == spec);
          if (yc_material_spec_get_tolerable (spec))
            {
              /* 容缺 deadlines in the sample are 5-20 working days. */
              g_assert_cmpuint (yc_material_spec_get_supplement_days (spec), >=, 5);
              g_assert_cmpuint (yc_material_spec_get_supplement_days (spec), <=, 20);
              n_tolerable++;
            }
          if (yc_material_spec_get_licence_type (spec) != NULL)
            n_licence++;
        }
    }

  g_assert_cmpuint (g_hash_table_size (departments), >=, 8);
  g_assert_cmpuint (g_hash_table_size (item_types), >=, 4);
  g_assert_cmpuint (n_tolerable, >, 0);
  g_assert_cmpuint (n_licence, >, 0);
  g_assert_cmpuint (n_commitment, >, 0);
  g_assert_cmpuint (n_commitment, <, items->len / 2);
  g_assert_cmpuint (n_immediate, >, 0);
  g_assert_cmpuint (n_promised, >, 0);
}

/* Every code-list entry has a label; the item_type list is there and resolves each item's type. */
static void
test_sample_code_lists (void)
{
  g_autoptr(YcCatalogue) catalogue = load_sample ();
  GPtrArray *entries = yc_catalogue_get_code_lists (catalogue);
  guint n_item_types = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      YcCodeListEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->label, !=, "");
      if (g_str_equal (entry->list, "item_type"))
        n_item_types++;
    }
  g_assert_cmpuint (n_item_types, >=, 5);
  g_assert_cmpstr (code_list_label (catalogue, "item_type", "XK"), ==, "行政许可");
  g_assert_cmpstr (code_list_label (catalogue, "item_type", "QR"), ==, "行政确认");
}

/* --- field mapping, on the small catalogue --- */

static void
test_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalogue) catalogue = parse_string (base_json, -1, &error);
  GPtrArray *items;
  YcItem *a, *b;
  YcMaterialSpec *m01, *m02;
  const char * const *keywords;

  g_assert_no_error (error);
  g_assert_cmpstr (yc_catalogue_get_version (catalogue), ==, "t1");
  g_assert_cmpstr (yc_catalogue_get_region (catalogue), ==, "测试市");
  g_assert_cmpuint (yc_catalogue_get_code_lists (catalogue)->len, ==, 3);
  g_assert_cmpstr (code_list_label (catalogue, "channel", "W"), ==, "窗口");

  items = yc_catalogue_get_items (catalogue);
  g_assert_cmpuint (items->len, ==, 2);
  a = g_ptr_array_index (items, 0);
  b = g_ptr_array_index (items, 1);

  g_assert_cmpstr (yc_item_get_code (a), ==, "ITEM-A");
  g_assert_cmpstr (yc_item_get_name (a), ==, "出生登记");
  g_assert_cmpstr (yc_item_get_department (a), ==, "测试市公安局");
  g_assert_cmpstr (yc_item_get_item_type (a), ==, "QR");
  g_assert_cmpstr (yc_item_get_item_type_label (a), ==, "行政确认");
  g_assert_cmpint (yc_item_get_case_type (a), ==, YC_CASE_TYPE_IMMEDIATE);
  g_assert_cmpuint (yc_item_get_legal_days (a), ==, 20);
  g_assert_cmpuint (yc_item_get_promised_days (a), ==, 0);
  g_assert_false (yc_item_get_commitment_allowed (a));
  g_assert_cmpstr (yc_item_get_legal_basis (a), ==, "《中华人民共和国户口登记条例》第七条");
  g_assert_cmpstr (yc_item_get_conditions (a), ==, "新生儿");
  g_assert_cmpstr (yc_item_get_fees (a), ==, "不收费");
  g_assert_cmpstr (yc_item_get_result (a), ==, "居民户口簿");
  keywords = yc_item_get_keywords (a);
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 2);
  g_assert_cmpstr (keywords[0], ==, "上户口");
  g_assert_cmpstr (keywords[1], ==, "新生儿落户");

  g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (a)), ==, 2);
  m01 = yc_item_find_material (a, "M01");
  m02 = yc_item_find_material (a, "M02");
  g_assert_nonnull (m01);
  g_assert_nonnull (m02);
  g_assert_cmpstr (yc_material_spec_get_name (m01), ==, "居民户口簿");
  g_assert_cmpuint (yc_material_spec_get_position (m01), ==, 0);
  g_assert_cmpuint (yc_material_spec_get_originals (m01), ==, 1);
  g_assert_cmpuint (yc_material_spec_get_copies (m01), ==, 0);
  g_assert_cmpint (yc_material_spec_get_form (m01), ==, YC_MATERIAL_FORM_PAPER);
  g_assert_true (yc_material_spec_get_required (m01));
  g_assert_false (yc_material_spec_get_tolerable (m01));
  g_assert_cmpuint (yc_material_spec_get_supplement_days (m01), ==, 0);
  g_assert_cmpstr (yc_material_spec_get_licence_type (m01), ==, "居民户口簿");
  g_assert_cmpstr (yc_material_spec_get_notes (m01), ==, "户主或本人");

  g_assert_cmpuint (yc_material_spec_get_position (m02), ==, 1);
  g_assert_cmpuint (yc_material_spec_get_copies (m02), ==, 1);
  g_assert_cmpint (yc_material_spec_get_form (m02), ==, YC_MATERIAL_FORM_EITHER);
  /* "required" defaults to TRUE, an empty licence type means none. */
  g_assert_true (yc_material_spec_get_required (m02));
  g_assert_true (yc_material_spec_get_tolerable (m02));
  g_assert_cmpuint (yc_material_spec_get_supplement_days (m02), ==, 10);
  g_assert_null (yc_material_spec_get_licence_type (m02));

  g_assert_cmpint (yc_item_get_case_type (b), ==, YC_CASE_TYPE_PROMISED);
  g_assert_cmpuint (yc_item_get_promised_days (b), ==, 10);
  g_assert_true (yc_item_get_commitment_allowed (b));
  g_assert_cmpstr (yc_item_get_item_type_label (b), ==, "行政许可");
  /* Optional text fields absent: empty, not NULL; no keywords: an empty list. */
  g_assert_cmpstr (yc_item_get_fees (b), ==, "");
  g_assert_nonnull (yc_item_get_keywords (b));
  g_assert_cmpuint (g_strv_length ((char **) yc_item_get_keywords (b)), ==, 0);
  g_assert_cmpint (yc_material_spec_get_form (yc_item_find_material (b, "M01")), ==, YC_MATERIAL_FORM_ELECTRONIC);
}

/* --- malformed input: the whole text is wrong --- */

static void
assert_refused (const char *json,
                gssize      length,
                int         code,
                const char *must_mention)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalogue) catalogue = parse_string (json, length, &error);

  g_assert_null (catalogue);
  g_assert_error (error, YC_CATALOGUE_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  if (must_mention != NULL && strstr (error->message, must_mention) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, must_mention);
}

static void
test_invalid_json (void)
{
  assert_refused ("{\"version\": \"1\", \"items\": [}", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("not json at all", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("", 0, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("   \n", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("{\"version\": \"\xff\xfe\"}", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
}

static void
test_wrong_root (void)
{
  assert_refused ("[1, 2, 3]", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("\"a catalogue\"", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("42", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  assert_refused ("null", -1, YC_CATALOGUE_ERROR_MALFORMED, NULL);
  /* Right root type, wrong inner shapes. */
  assert_refused ("{\"version\": \"1\", \"region\": \"r\", \"code_lists\": {\"item_type\": []}, \"items\": {}}",
                  -1, YC_CATALOGUE_ERROR_MALFORMED, "items");
  assert_refused ("{\"version\": \"1\", \"region\": \"r\", \"code_lists\": [], \"items\": []}",
                  -1, YC_CATALOGUE_ERROR_MALFORMED, "code_lists");
  assert_refused ("{\"version\": \"1\", \"region\": \"r\", \"code_lists\": {\"item_type\": []}, \"items\": [7]}",
                  -1, YC_CATALOGUE_ERROR_MALFORMED, "items");
  assert_refused ("{\"version\": 1, \"region\": \"r\", \"code_lists\": {\"item_type\": []}, \"items\": []}",
                  -1, YC_CATALOGUE_ERROR_MALFORMED, "version");
}

/* Every prefix of a real catalogue is refused as malformed, never accepted and never a crash. */
static void
test_truncated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sample = yc_catalogue_load_sample (&error);
  gsize size;
  const char *data;
  guint n_checked = 0;

  g_assert_no_error (error);
  data = g_bytes_get_data (sample, &size);
  g_assert_cmpuint (size, >, 1000);

  /* About 400 cut points spread over the file, plus the ones next to the end. */
  for (gsize cut = 0; cut < size; cut += MAX (1, size / 400))
    {
      assert_refused (data, cut, YC_CATALOGUE_ERROR_MALFORMED, NULL);
      n_checked++;
    }
  for (gsize cut = size - MIN (size, 8); cut < size; cut++)
    {
      /* Dropping only trailing whitespace still leaves a whole document. */
      if (strspn (data + cut, " \t\r\n") == size - cut)
        continue;
      assert_refused (data, cut, YC_CATALOGUE_ERROR_MALFORMED, NULL);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 400);

  assert_refused (base_json, sizeof base_json / 2, YC_CATALOGUE_ERROR_MALFORMED, NULL);
}

/* Deep nesting would overflow json-glib's recursive parser: refused up front. Brackets inside strings are text. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"version\": \"1\", \"items\": ");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  g_autofree char *brackets = g_strnfill (500, '[');
  g_autofree char *json = NULL;
  JsonObject *m01;
  YcItem *item;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, deep->len, YC_CATALOGUE_ERROR_MALFORMED, NULL);

  json_parser_load_from_data (parser, base_json, -1, &error);
  g_assert_no_error (error);
  m01 = json_array_get_object_element (
    json_object_get_array_member (
      json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items"), 0),
      "materials"), 0);
  json_object_set_string_member (m01, "notes", brackets);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json = json_generator_to_data (generator, NULL);
  catalogue = parse_string (json, -1, &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (yc_catalogue_get_items (catalogue), 0);
  g_assert_cmpstr (yc_material_spec_get_notes (yc_item_find_material (item, "M01")), ==, brackets);
}

/* --- malformed content: the base catalogue with one change --- */

typedef void (*Mutation) (JsonObject *root);

typedef struct {
  const char *path;
  Mutation    mutate;
  int         code;
  const char *mention1;   /* the message must name these: item code, material code, field */
  const char *mention2;
} Case;

static JsonObject *
item_at (JsonObject *root,
         guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, "items"), index);
}

static JsonObject *
material_at (JsonObject *root,
             guint       item,
             guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (item_at (root, item), "materials"), index);
}

static void
mutate_missing_name (JsonObject *root)
{
  json_object_remove_member (item_at (root, 1), "name");
}

static void
mutate_blank_name (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 0), "name", "  ");
}

static void
mutate_missing_code (JsonObject *root)
{
  json_object_remove_member (item_at (root, 1), "code");
}

static void
mutate_material_no_name (JsonObject *root)
{
  json_object_remove_member (material_at (root, 0, 1), "name");
}

static void
mutate_duplicate_code (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 1), "code", "ITEM-A");
}

static void
mutate_duplicate_material (JsonObject *root)
{
  json_object_set_string_member (material_at (root, 0, 1), "code", "M01");
}

static void
mutate_unknown_case_type (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 1), "case_type", "urgent");
}

static void
mutate_unknown_item_type (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 1), "item_type", "ZZ");
}

static void
mutate_negative_days (JsonObject *root)
{
  json_object_set_int_member (item_at (root, 1), "legal_days", -5);
}

static void
mutate_absurd_days (JsonObject *root)
{
  json_object_set_int_member (item_at (root, 1), "legal_days", 100000);
  json_object_set_int_member (item_at (root, 1), "promised_days", 10);
}

static void
mutate_promised_over_legal (JsonObject *root)
{
  json_object_set_int_member (item_at (root, 1), "promised_days", 21);
}

static void
mutate_immediate_with_delay (JsonObject *root)
{
  json_object_set_int_member (item_at (root, 0), "promised_days", 3);
}

static void
mutate_days_as_string (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 1), "legal_days", "20");
}

static void
mutate_days_fractional (JsonObject *root)
{
  json_object_set_double_member (item_at (root, 1), "promised_days", 2.5);
}

static void
mutate_no_materials (JsonObject *root)
{
  json_object_set_array_member (item_at (root, 1), "materials", json_array_new ());
}

static void
mutate_unknown_form (JsonObject *root)
{
  json_object_set_string_member (material_at (root, 1, 0), "form", "fax");
}

static void
mutate_tolerable_without_deadline (JsonObject *root)
{
  json_object_set_int_member (material_at (root, 0, 1), "supplement_days", 0);
}

static void
mutate_deadline_without_tolerance (JsonObject *root)
{
  json_object_set_int_member (material_at (root, 0, 0), "supplement_days", 5);
}

static void
mutate_paper_without_copies (JsonObject *root)
{
  json_object_set_int_member (material_at (root, 0, 0), "originals", 0);
}

static void
mutate_keyword_not_string (JsonObject *root)
{
  json_array_add_int_element (json_object_get_array_member (item_at (root, 0), "keywords"), 3);
}

static void
mutate_code_with_space (JsonObject *root)
{
  json_object_set_string_member (item_at (root, 1), "code", "ITEM B");
}

static void
mutate_no_item_type_list (JsonObject *root)
{
  json_object_remove_member (json_object_get_object_member (root, "code_lists"), "item_type");
}

static void
mutate_duplicate_code_list_entry (JsonObject *root)
{
  JsonArray *list = json_object_get_array_member (json_object_get_object_member (root, "code_lists"), "item_type");
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "code", "XK");
  json_object_set_string_member (entry, "label", "又一个行政许可");
  json_array_add_object_element (list, entry);
}

static void
mutate_missing_legal_basis (JsonObject *root)
{
  json_object_remove_member (item_at (root, 1), "legal_basis");
}

static void
mutate_missing_region (JsonObject *root)
{
  json_object_remove_member (root, "region");
}

static const Case cases[] = {
  { "/yc/catalogue/refuse/missing-name", mutate_missing_name, YC_CATALOGUE_ERROR_MISSING_FIELD, "ITEM-B", "name" },
  { "/yc/catalogue/refuse/blank-name", mutate_blank_name, YC_CATALOGUE_ERROR_MISSING_FIELD, "ITEM-A", "name" },
  { "/yc/catalogue/refuse/missing-code", mutate_missing_code, YC_CATALOGUE_ERROR_MISSING_FIELD, "#2", "code" },
  { "/yc/catalogue/refuse/material-no-name", mutate_material_no_name, YC_CATALOGUE_ERROR_MISSING_FIELD, "ITEM-A", "M02" },
  { "/yc/catalogue/refuse/duplicate-code", mutate_duplicate_code, YC_CATALOGUE_ERROR_DUPLICATE, "ITEM-A", NULL },
  { "/yc/catalogue/refuse/duplicate-material", mutate_duplicate_material, YC_CATALOGUE_ERROR_DUPLICATE, "ITEM-A", "M01" },
  { "/yc/catalogue/refuse/unknown-case-type", mutate_unknown_case_type, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "urgent" },
  { "/yc/catalogue/refuse/unknown-item-type", mutate_unknown_item_type, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "ZZ" },
  { "/yc/catalogue/refuse/negative-days", mutate_negative_days, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "legal_days" },
  { "/yc/catalogue/refuse/absurd-days", mutate_absurd_days, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "legal_days" },
  { "/yc/catalogue/refuse/promised-over-legal", mutate_promised_over_legal, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "21" },
  { "/yc/catalogue/refuse/immediate-with-delay", mutate_immediate_with_delay, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-A", NULL },
  { "/yc/catalogue/refuse/days-as-string", mutate_days_as_string, YC_CATALOGUE_ERROR_MALFORMED, "ITEM-B", "legal_days" },
  { "/yc/catalogue/refuse/days-fractional", mutate_days_fractional, YC_CATALOGUE_ERROR_MALFORMED, "ITEM-B", "promised_days" },
  { "/yc/catalogue/refuse/no-materials", mutate_no_materials, YC_CATALOGUE_ERROR_MISSING_FIELD, "ITEM-B", NULL },
  { "/yc/catalogue/refuse/unknown-form", mutate_unknown_form, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-B", "fax" },
  { "/yc/catalogue/refuse/tolerable-without-deadline", mutate_tolerable_without_deadline, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-A", "M02" },
  { "/yc/catalogue/refuse/deadline-without-tolerance", mutate_deadline_without_tolerance, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-A", "M01" },
  { "/yc/catalogue/refuse/paper-without-copies", mutate_paper_without_copies, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM-A", "M01" },
  { "/yc/catalogue/refuse/keyword-not-string", mutate_keyword_not_string, YC_CATALOGUE_ERROR_MALFORMED, "ITEM-A", "3" },
  { "/yc/catalogue/refuse/code-with-space", mutate_code_with_space, YC_CATALOGUE_ERROR_INVALID_VALUE, "ITEM B", NULL },
  { "/yc/catalogue/refuse/no-item-type-list", mutate_no_item_type_list, YC_CATALOGUE_ERROR_MISSING_FIELD, "item_type", NULL },
  { "/yc/catalogue/refuse/duplicate-code-list-entry", mutate_duplicate_code_list_entry, YC_CATALOGUE_ERROR_DUPLICATE, "item_type", "XK" },
  { "/yc/catalogue/refuse/missing-legal-basis", mutate_missing_legal_basis, YC_CATALOGUE_ERROR_MISSING_FIELD, "ITEM-B", "legal_basis" },
  { "/yc/catalogue/refuse/missing-region", mutate_missing_region, YC_CATALOGUE_ERROR_MISSING_FIELD, "region", NULL },
};

static void
test_refused_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;

  json_parser_load_from_data (parser, base_json, -1, &error);
  g_assert_no_error (error);
  c->mutate (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json = json_generator_to_data (generator, NULL);

  catalogue = parse_string (json, -1, &error);
  g_assert_null (catalogue);
  g_assert_error (error, YC_CATALOGUE_ERROR, c->code);
  if (c->mention1 != NULL && strstr (error->message, c->mention1) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, c->mention1);
  if (c->mention2 != NULL && strstr (error->message, c->mention2) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, c->mention2);
}

/* The unmutated base parses: otherwise the refusals above would prove nothing. */
static void
test_base_is_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalogue) catalogue = parse_string (base_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/catalogue/sample-parses", test_sample_parses);
  g_test_add_func ("/yc/catalogue/sample-code-lists", test_sample_code_lists);
  g_test_add_func ("/yc/catalogue/fields", test_fields);
  g_test_add_func ("/yc/catalogue/base-is-valid", test_base_is_valid);
  g_test_add_func ("/yc/catalogue/invalid-json", test_invalid_json);
  g_test_add_func ("/yc/catalogue/wrong-root", test_wrong_root);
  g_test_add_func ("/yc/catalogue/truncated", test_truncated);
  g_test_add_func ("/yc/catalogue/deep-nesting", test_deep_nesting);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_refused_case);

  return g_test_run ();
}
