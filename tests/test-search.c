/* test-search.c: catalogue search: tiers and their order, 1-, 2- and 3+-character queries,
 * departments, codes (whole, parts of 3+ characters, starts of 1-2), ASCII case, FTS syntax
 * characters, limits, cancellation and concurrent readers. */
#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "yc-store.h"

typedef struct {
  const char *code;
  const char *name;
  const char *department;
  const char *keywords[3];
} TestItem;

/* Catalogue order matters: within a tier, shorter names come first, then catalogue order. */
static const TestItem test_items[] = {
  { "11370100MB0001", "户口登记", "北方市公安局", { "出生登记补录", "上户口" } },                   /* A */
  { "11370100MB0002", "新生儿出生登记一件事", "北方市卫生健康委员会", { NULL } },                  /* B */
  { "11370100MB0003", "出生登记信息变更", "北方市公安局", { NULL } },                              /* C */
  { "11370100MB0004", "出生登记", "北方市公安局", { "报户口" } },                                  /* D */
  { "11370100MB0005", "居民身份证换领", "北方市公安局", { "换身份证" } },                          /* E */
  { "11370100MB0006", "证明事项告知承诺", "北方市司法局", { NULL } },                              /* F */
  { "11370100MB0007", "ICP经营许可证核发", "北方市通信管理局", { "网站备案" } },                   /* G */
  { "11370100MB0008", "代开发票(个人)", "国家税务总局北方市税务局", { "开票" } },                  /* H */
  { "11370100XK0009", "食品经营许可证核发", "北方市市场监督管理局", { "开饭店" } },                /* I */
  { "11370100MB0010", "户口迁移", "北方市公安局", { "迁户口" } },                                  /* J */
};

typedef struct {
  YcStore *store;
} Fixture;

static GBytes *
catalogue_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "search-test");
  json_builder_set_member_name (builder, "region");
  json_builder_add_string_value (builder, "北方市");
  json_builder_set_member_name (builder, "code_lists");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "item_type");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "QR");
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, "行政确认");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (test_items); i++)
    {
      const TestItem *item = &test_items[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, item->code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, item->name);
      json_builder_set_member_name (builder, "department");
      json_builder_add_string_value (builder, item->department);
      json_builder_set_member_name (builder, "item_type");
      json_builder_add_string_value (builder, "QR");
      json_builder_set_member_name (builder, "case_type");
      json_builder_add_string_value (builder, "promised");
      json_builder_set_member_name (builder, "legal_days");
      json_builder_add_int_value (builder, 20);
      json_builder_set_member_name (builder, "promised_days");
      json_builder_add_int_value (builder, 5);
      json_builder_set_member_name (builder, "legal_basis");
      json_builder_add_string_value (builder, "《中华人民共和国行政许可法》第二十九条");
      json_builder_set_member_name (builder, "keywords");
      json_builder_begin_array (builder);
      for (guint k = 0; k < G_N_ELEMENTS (item->keywords) && item->keywords[k] != NULL; k++)
        json_builder_add_string_value (builder, item->keywords[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "materials");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, "M01");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "申请表");
      json_builder_set_member_name (builder, "originals");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "form");
      json_builder_add_string_value (builder, "paper");
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = catalogue_json ();
  g_autoptr(YcCatalogue) catalogue = yc_catalogue_parse (json, &error);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "search", "search.db", NULL);

  g_assert_no_error (error);
  fixture->store = yc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (yc_store_import_catalogue (fixture->store, catalogue, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
}

/* The result as item letters (A = the first test item), e.g. "DCAB". */
static char *
search_letters (YcStore    *store,
                const char *query,
                guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = yc_store_search_items (store, query, limit, NULL, &error);
  GString *letters = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const char *code = yc_item_get_code (g_ptr_array_index (hits, i));
      guint found = G_N_ELEMENTS (test_items);

      for (guint j = 0; j < G_N_ELEMENTS (test_items); j++)
        if (g_strcmp0 (code, test_items[j].code) == 0)
          found = j;
      g_assert_cmpuint (found, <, G_N_ELEMENTS (test_items));
      /* No item twice. */
      g_assert_null (strchr (letters->str, 'A' + found));
      g_string_append_c (letters, 'A' + found);
    }

  return g_string_free (letters, FALSE);
}

#define assert_search(store, query, expected) \
  G_STMT_START { \
    g_autofree char *_letters = search_letters ((store), (query), 50); \
    g_assert_cmpstr (_letters, ==, (expected)); \
  } G_STMT_END

static void
test_ranking (Fixture       *fixture,
              gconstpointer  user_data)
{
  /* Exact D, prefix C, then substrings by name length: A (keyword) before B (longer name). */
  assert_search (fixture->store, "出生登记", "DCAB");
  /* Surrounding spaces are not part of the query. */
  assert_search (fixture->store, "  出生登记\t", "DCAB");
  /* Prefix A and J, then D through its keyword 报户口. */
  assert_search (fixture->store, "户口", "AJD");
}

static void
test_short_queries (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* One character: the name starting with it, then every item containing it, shortest names first.
   */
  assert_search (fixture->store, "证", "FEIG");
  assert_search (fixture->store, "领", "E");
  assert_search (fixture->store, "饭", "I");
  assert_search (fixture->store, "出", "DCAB");
  /* Two characters. */
  assert_search (fixture->store, "出生", "DCAB");
  assert_search (fixture->store, "许可", "IG");
  assert_search (fixture->store, "开票", "H");
  /* Characters from two fields or two keywords never join into a match. */
  assert_search (fixture->store, "录上", "");
  assert_search (fixture->store, "鲸", "");
}

static void
test_long_queries (Fixture       *fixture,
                   gconstpointer  user_data)
{
  assert_search (fixture->store, "身份证", "E");
  assert_search (fixture->store, "换身份证", "E");
  assert_search (fixture->store, "经营许可证", "IG");
  assert_search (fixture->store, "食品经营许可证核发", "I");
  assert_search (fixture->store, "出生登记一件事", "B");
  assert_search (fixture->store, "不存在的事项", "");
}

static void
test_departments_codes_keywords (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  /* Department, 3+ and 2 characters: every item of it, shortest names first, then catalogue order.
   */
  assert_search (fixture->store, "公安局", "ADJEC");
  assert_search (fixture->store, "公安", "ADJEC");
  assert_search (fixture->store, "税务", "H");
  assert_search (fixture->store, "北方市司法局", "F");
  /* Keywords. */
  assert_search (fixture->store, "开饭店", "I");
  assert_search (fixture->store, "迁户口", "J");
  /* Codes: whole (exact first) and parts of 3+ characters, any ASCII case. */
  assert_search (fixture->store, "11370100MB0005", "E");
  assert_search (fixture->store, "11370100mb0005", "E");
  assert_search (fixture->store, "mb0005", "E");
  assert_search (fixture->store, "XK0009", "I");
  assert_search (fixture->store, "xk0", "I");
  assert_search (fixture->store, "Xk0009", "I");
  /* One or two characters match the start of a code (a clerk types the region "11"), not its
   * middle. */
  assert_search (fixture->store, "11", "ADJECFHIBG");
  assert_search (fixture->store, "1", "ADJECFHIBG");
  assert_search (fixture->store, "xk", "");
  assert_search (fixture->store, "01", "");
  assert_search (fixture->store, "37", "");
  assert_search (fixture->store, "11370100", "ADJECFHIBG");
  assert_search (fixture->store, "MB001", "J");
}

static void
test_ascii_case (Fixture       *fixture,
                 gconstpointer  user_data)
{
  assert_search (fixture->store, "ICP经营许可证核发", "G");
  assert_search (fixture->store, "icp经营许可证核发", "G");
  assert_search (fixture->store, "icp", "G");
  assert_search (fixture->store, "Icp", "G");
  assert_search (fixture->store, "ic", "G");
  assert_search (fixture->store, "i", "G");
}

static void
test_fts_syntax (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *hostile[] = {
    "\"", "\"\"", "\"出生", "出生\"", "*", "出生*", "-", "-出生", ":", "name:出生", "name : 出生", "(",
    ")", "(出生)", "出生 OR 户口", "NOT 出生", "出生 AND", "^", "^出生", "'", "%", "_", "%出生%", "\\", "{name}",
    "NEAR(出生 登记)", "出生 + 登记", "\"\"\"\"\"\"", "a\"b", "ｘ", "\x01\x02", "\xff\xfe出生",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = yc_store_search_items (fixture->store, hostile[i], 50, NULL,
                                                         &error);

      g_test_message ("query %s", hostile[i]);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }

  /* Syntax characters are plain text, found where the catalogue has them. */
  assert_search (fixture->store, "(个人)", "H");
  assert_search (fixture->store, "发票(个", "H");
  assert_search (fixture->store, "票(", "H");
  assert_search (fixture->store, "(", "H");
  assert_search (fixture->store, "name:出生", "");
  assert_search (fixture->store, "出生*", "");
}

static void
test_empty_and_limit (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *one = search_letters (fixture->store, "出生登记", 1);
  g_autofree char *two = search_letters (fixture->store, "户口", 2);
  g_autofree char *three = search_letters (fixture->store, "11370100", 3);
  g_autofree char *none = search_letters (fixture->store, "出生登记", 0);

  assert_search (fixture->store, "", "");
  assert_search (fixture->store, "   ", "");
  assert_search (fixture->store, "\t\n", "");

  g_assert_cmpstr (one, ==, "D");
  g_assert_cmpstr (two, ==, "AJ");
  g_assert_cmpstr (three, ==, "ADJ");
  g_assert_cmpstr (none, ==, "");
}

static void
test_items_complete (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = yc_store_search_items (fixture->store, "身份证", 50, NULL, &error);
  YcItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  item = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (yc_item_get_name (item), ==, "居民身份证换领");
  g_assert_cmpstr (yc_item_get_department (item), ==, "北方市公安局");
  g_assert_cmpstr (yc_item_get_item_type_label (item), ==, "行政确认");
  g_assert_cmpuint (yc_item_get_legal_days (item), ==, 20);
  g_assert_cmpstr (yc_item_get_keywords (item)[0], ==, "换身份证");
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_cancellation (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GListModel) model = NULL;
  GAsyncResult *result = NULL;

  /* Async, as the search entry does: one search in flight, then the next keystroke cancels it. */
  yc_store_search_items_async (fixture->store, "出生", 50, cancellable, search_done_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  model = yc_store_search_items_finish (fixture->store, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (model);
  g_clear_error (&error);
  g_clear_object (&result);

  hits = yc_store_search_items (fixture->store, "出生登记", 50, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hits);
  g_clear_error (&error);

  /* A fresh search is unaffected. */
  yc_store_search_items_async (fixture->store, "出生", 50, NULL, search_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  model = yc_store_search_items_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_clear_object (&result);
}

/* An item of a catalogue written out for one test: code, name and keywords (NULL: none). */
static void
append_item (GString    *json,
             const char *code,
             const char *name,
             const char *keyword)
{
  g_string_append_printf (json,
                          "%s{\"code\": \"%s\", \"name\": \"%s\", \"department\": \"北方市\", "
                          "\"item_type\": \"QR\", \"case_type\": \"promised\", "
                          "\"legal_days\": 5, \"promised_days\": 5, \"legal_basis\": \"条例\", "
                          "\"keywords\": [%s%s%s], "
                          "\"materials\": [{\"code\": \"M01\", \"name\": \"申请表\", "
                          "\"originals\": 1, \"form\": \"paper\", \"required\": true}]}",
                          json->len > 0 && json->str[json->len - 1] == '}' ? "," : "", code, name,
                          keyword != NULL ? "\"" : "", keyword != NULL ? keyword : "",
                          keyword != NULL ? "\"" : "");
}

static YcStore *
store_with_items (const char *name,
                  GString    *items)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "search", name, NULL);
  YcStore *store;

  g_string_append_printf (json, "{\"version\": \"c\", \"region\": \"北方市\", \"code_lists\": "
                                "{\"item_type\": [{\"code\": \"QR\", \"label\": \"行政确认\"}]}, "
                                "\"items\": [%s]}", items->str);
  bytes = g_bytes_new (json->str, json->len);
  catalogue = yc_catalogue_parse (bytes, &error);
  g_assert_no_error (error);
  store = yc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (yc_store_import_catalogue (store, catalogue, &error));
  g_assert_no_error (error);
  return store;
}

static char *
search_codes (YcStore    *store,
              const char *query,
              guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = yc_store_search_items (store, query, limit, NULL, &error);
  GString *codes = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? " " : "",
                            yc_item_get_code (g_ptr_array_index (hits, i)));
  return g_string_free (codes, FALSE);
}

/* A name whose length cycles with @i, so catalogue order and name length disagree. */
static char *
cycling_name (guint i)
{
  return g_strdup_printf ("社保卡申领%.*s%u", (int) (i % 4) * 3, "补办补办补办", i);
}

/* The page for @query is the first @limit codes of @expected, in that order. */
static void
assert_page (YcStore    *store,
             const char *query,
             guint       limit,
             GPtrArray  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = yc_store_search_items (store, query, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, MIN (limit, expected->len));
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpstr (yc_item_get_code (g_ptr_array_index (hits, i)), ==,
                     g_ptr_array_index (expected, i));
}

/* Many names sharing a prefix: tier 2 goes through FTS5 above NAME_RANGE_MAX (200) of them and
 * through the name index below; either way the page is the shortest names, then catalogue order. */
static void
check_prefix_order (guint n_items)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(YcStore) store = NULL;
  g_autofree char *db = g_strdup_printf ("prefix-%u.db", n_items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%04u", i);
      g_autofree char *name = cycling_name (i);

      append_item (items, code, name, NULL);
    }
  /* Shorter names holding the query further in: they belong after every name starting with it. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("S%04u", i);
      g_autofree char *name = g_strdup_printf ("新社保卡%u", i);

      append_item (items, code, name, NULL);
    }
  store = store_with_items (db, items);

  /* The expectation: stable sort by name length, catalogue order within a length. */
  for (guint len = 1; len < 64; len++)
    for (guint i = 0; i < n_items; i++)
      {
        g_autofree char *name = cycling_name (i);

        if ((guint) g_utf8_strlen (name, -1) == len)
          g_ptr_array_add (expected, g_strdup_printf ("P%04u", i));
      }

  assert_page (store, "社保卡", 50, expected);
}

static void
test_prefix_order_few (void)
{
  check_prefix_order (150);
}

static void
test_prefix_order_many (void)
{
  check_prefix_order (260);
}

/* 1-2 characters find codes by their start, after the exact and the name-prefix matches and
 * before the names, departments and keywords holding the query further in; ASCII case ignored. */
static void
test_short_code_prefix (void)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(YcStore) store = NULL;
  g_autofree char *ga = NULL, *ga_upper = NULL, *g = NULL, *qt = NULL, *digit = NULL;

  append_item (items, "GA", "国家安全事项", NULL);             /* the code itself */
  append_item (items, "QT0001", "GA类设备备案", NULL);         /* name starts so */
  append_item (items, "GA0003", "户口登记", NULL);             /* code starts so, short name */
  append_item (items, "GA0004", "出生医学证明补发", NULL);     /* code starts so, long name */
  append_item (items, "QT0005", "燃气表检定", "gas");          /* keyword holds it */
  append_item (items, "QT0006", "自来水表检定", NULL);         /* nothing */
  append_item (items, "XGA007", "居住证签注", NULL);           /* inside a code only */
  store = store_with_items ("short-codes.db", items);

  ga = search_codes (store, "ga", 50);
  g_assert_cmpstr (ga, ==, "GA QT0001 GA0003 GA0004 QT0005");
  ga_upper = search_codes (store, "GA", 50);
  g_assert_cmpstr (ga_upper, ==, ga);
  /* One character: the name "GA类…" starts with it, then codes by name length, then "gas". */
  g = search_codes (store, "g", 50);
  g_assert_cmpstr (g, ==, "QT0001 GA0003 GA GA0004 QT0005");
  qt = search_codes (store, " qt", 2);
  /* Shortest names first, the page cut at the limit. */
  g_assert_cmpstr (qt, ==, "QT0005 QT0006");
  digit = search_codes (store, "0", 50);
  g_assert_cmpstr (digit, ==, "");
}

/* Many codes sharing their first characters: up to CODE_RANGE_MAX (2,000) of them through the code
 * index, above that through items in search order; either way the page is codes by name length,
 * then catalogue order, after a name starting with the query, and a name holding it comes last. */
static void
check_code_prefix_order (guint n_items)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(YcStore) store = NULL;
  g_autofree char *db = g_strdup_printf ("codes-%u.db", n_items);

  append_item (items, "990001", "11号楼不动产登记", NULL);
  for (guint i = 0; i < n_items; i++)
    {
      /* One in five starts otherwise. */
      g_autofree char *code = g_strdup_printf ("%s%05u", i % 5 == 4 ? "21" : "11", i);
      g_autofree char *name = cycling_name (i);

      append_item (items, code, name, NULL);
    }
  append_item (items, "990002", "第11届运动会志愿者登记", NULL);
  store = store_with_items (db, items);

  g_ptr_array_add (expected, g_strdup ("990001"));
  for (guint len = 1; len < 64; len++)
    for (guint i = 0; i < n_items; i++)
      {
        g_autofree char *name = cycling_name (i);

        if (i % 5 != 4 && (guint) g_utf8_strlen (name, -1) == len)
          g_ptr_array_add (expected, g_strdup_printf ("11%05u", i));
      }
  g_ptr_array_add (expected, g_strdup ("990002"));

  assert_page (store, "11", 50, expected);
}

static void
test_code_prefix_order_few (void)
{
  /* 24 codes start with "11": the page ends with the name holding "11". */
  check_code_prefix_order (30);
}

static void
test_code_prefix_order_many (void)
{
  check_code_prefix_order (2600);
}

typedef struct {
  YcStore    *store;
  const char *query;
  const char *expected;
} ThreadJob;

static gpointer
search_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *letters = search_letters (job->store, job->query, 50);

      g_assert_cmpstr (letters, ==, job->expected);
    }
  return NULL;
}

static void
test_concurrent_readers (Fixture       *fixture,
                         gconstpointer  user_data)
{
  /* More threads than pooled read connections: they share and wait, and every answer stays right.
   */
  ThreadJob jobs[] = {
    { fixture->store, "出生登记", "DCAB" }, { fixture->store, "户口", "AJD" },
    { fixture->store, "证", "FEIG" }, { fixture->store, "公安局", "ADJEC" },
    { fixture->store, "xk0", "I" }, { fixture->store, "icp", "G" },
    { fixture->store, "(个人)", "H" }, { fixture->store, "鲸", "" },
  };
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    threads[i] = g_thread_new ("searcher", search_thread, &jobs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/yc/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ranking", test_ranking);
  ADD ("short-queries", test_short_queries);
  ADD ("long-queries", test_long_queries);
  ADD ("departments-codes-keywords", test_departments_codes_keywords);
  ADD ("ascii-case", test_ascii_case);
  ADD ("fts-syntax", test_fts_syntax);
  ADD ("empty-and-limit", test_empty_and_limit);
  ADD ("items-complete", test_items_complete);
  ADD ("cancellation", test_cancellation);
  ADD ("concurrent-readers", test_concurrent_readers);
#undef ADD
  g_test_add_func ("/yc/search/prefix-order/few", test_prefix_order_few);
  g_test_add_func ("/yc/search/prefix-order/many", test_prefix_order_many);
  g_test_add_func ("/yc/search/short-code-prefix", test_short_code_prefix);
  g_test_add_func ("/yc/search/code-prefix-order/few", test_code_prefix_order_few);
  g_test_add_func ("/yc/search/code-prefix-order/many", test_code_prefix_order_many);

  return g_test_run ();
}
