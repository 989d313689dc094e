/* yc-test-documents.c: sample cases for document tests; PDFs read back with poppler-utils, zbar. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "yc-test-documents.h"

static const char * const material_names[] = {
  "申请人身份证明", "不动产权属证书", "不动产买卖合同", "契税完税凭证", "婚姻状况证明", "居民户口簿",
};

const char *
yc_test_material_name (guint index)
{
  static char *generated[400];

  if (index < G_N_ELEMENTS (material_names))
    return material_names[index];
  g_assert_cmpuint (index, <, G_N_ELEMENTS (generated));
  if (g_atomic_pointer_get (&generated[index]) == NULL)
    {
      char *name = g_strdup_printf ("补充材料%02u号", index + 1);

      if (!g_atomic_pointer_compare_and_exchange (&generated[index], NULL, name))
        g_free (name);
    }
  return generated[index];
}

YcItem *
yc_test_make_item (guint n_materials)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_object_unref);
  YcItem *item;

  for (guint i = 0; i < n_materials; i++)
    {
      g_autofree char *code = g_strdup_printf ("M%02u", i + 1);

      g_ptr_array_add (specs, g_object_new (YC_TYPE_MATERIAL_SPEC,
                                            "code", code,
                                            "name", yc_test_material_name (i),
                                            "position", i,
                                            "originals", 1,
                                            "copies", i % 3,
                                            "form", i % 2 ? YC_MATERIAL_FORM_EITHER
                                                          : YC_MATERIAL_FORM_PAPER,
                                            "tolerable", i % 5 == 3,
                                            "supplement-days", i % 5 == 3 ? 5 : 0,
                                            "required", i != 5,
                                            "notes", i % 2 ? "核验原件，收取复印件" : "须加盖单位公章",
                                            NULL));
    }
  item = g_object_new (YC_TYPE_ITEM,
                       "code", "11370100MB0001XK00101",
                       "name", YC_TEST_ITEM_NAME,
                       "department", "北方市不动产登记中心",
                       "item-type", "XK",
                       "item-type-label", "行政确认",
                       "case-type", YC_CASE_TYPE_PROMISED,
                       "legal-days", 20,
                       "promised-days", 10,
                       "commitment-allowed", TRUE,
                       "legal-basis", "《不动产登记暂行条例》第十四条",
                       "conditions", "买卖双方已签订不动产买卖合同，已缴纳相关税费，不动产未被查封。",
                       "fees", "住宅每件80元",
                       "result", "不动产权证书",
                       NULL);
  yc_item_set_materials (item, specs);
  return item;
}

YcCase *
yc_test_make_case (YcItem  *item,
                   gboolean with_agent,
                   gboolean all_pending)
{
  static const YcMaterialState cycle[] = {
    YC_MATERIAL_STATE_ORIGINAL_CHECKED, YC_MATERIAL_STATE_SCANNED, YC_MATERIAL_STATE_PENDING,
    YC_MATERIAL_STATE_TOLERATED, YC_MATERIAL_STATE_COMMITMENT,
  };
  YcCase *kase = yc_case_new_for_item (item);
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(GDateTime) decided = g_date_time_new_local (2026, 3, 4, 10, 30, 0);
  GListModel *materials = yc_case_get_materials (kase);

  g_object_set (applicant, "name", YC_TEST_APPLICANT, "id-number", YC_TEST_APPLICANT_ID,
                "phone", "13812341234", "address", "北方市东城区和平路1号", NULL);
  g_object_set (kase,
                "case-no", YC_TEST_CASE_NO,
                "query-password", YC_TEST_PASSWORD,
                "state", YC_CASE_STATE_ACCEPTED,
                "applicant", applicant,
                "window-code", "BF01",
                "clerk", "李晓梅",
                "decided-at", decided,
                "legal-deadline", "2026-04-01",
                "promised-deadline", "2026-03-18",
                "reason", "申请事项依法不属于本机关职权范围，请向北方市住房和城乡建设局申请。",
                NULL);
  if (with_agent)
    {
      g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);

      g_object_set (agent, "name", YC_TEST_AGENT, "id-number", YC_TEST_AGENT_ID,
                    "phone", "13900001111",
                    "relation", "子女", "authorisation", "经公证的授权委托书", NULL);
      g_object_set (kase, "agent", agent, NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      YcMaterialState state = all_pending ? YC_MATERIAL_STATE_PENDING
                                          : cycle[i % G_N_ELEMENTS (cycle)];

      g_object_set (material, "state", state, NULL);
      if (state == YC_MATERIAL_STATE_ORIGINAL_CHECKED)
        g_object_set (material, "originals", 1, "copies", 1, NULL);
      else if (state == YC_MATERIAL_STATE_SCANNED)
        g_object_set (material, "originals", 0, "copies", 2, NULL);
      else if (state == YC_MATERIAL_STATE_TOLERATED)
        g_object_set (material, "supplement-deadline", "2026-03-11", NULL);
    }
  return kase;
}

YcDocument *
yc_test_make_document (YcDocKind kind,
                       YcCase   *kase,
                       YcItem   *item)
{
  YcDocument *document = yc_document_new (kind, kase, item);
  g_autoptr(GDateTime) issued = g_date_time_new_local (2026, 3, 4, 10, 35, 0);

  g_object_set (document,
                "issued-at", issued,
                "issuer", "北方市政务服务中心",
                "query-instructions", "查询电话：12345政务服务便民热线。",
                "review-body", "北方市人民政府",
                "court", "北方市东城区人民法院",
                NULL);
  return document;
}

/* --- reading PDFs back --- */

static char *
run (const char * const *argv,
     gboolean            allow_failure)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!allow_failure && !g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static char *
write_temp (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("yc-doc-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return path;
}

static char *
squeeze_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
yc_test_pdf_file_text (const char *path,
                       guint       first,
                       guint       last,
                       gboolean    squeeze)
{
  g_autofree char *f = g_strdup_printf ("%u", first ? first : 1);
  g_autofree char *l = g_strdup_printf ("%u", last);
  const char *argv_range[] = { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };
  const char *argv_all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run (last ? argv_range : argv_all, FALSE);

  return squeeze ? squeeze_spaces (text) : g_steal_pointer (&text);
}

char *
yc_test_pdf_text (GBytes  *pdf,
                  guint    first,
                  guint    last,
                  gboolean squeeze)
{
  g_autofree char *path = write_temp (pdf);
  char *text = yc_test_pdf_file_text (path, first, last, squeeze);

  g_unlink (path);
  return text;
}

char *
yc_test_pdf_page_size (GBytes *pdf)
{
  g_autofree char *path = write_temp (pdf);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv, FALSE);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  char *size = NULL;

  g_unlink (path);
  for (guint i = 0; lines[i] != NULL && size == NULL; i++)
    if (g_str_has_prefix (lines[i], "Page size:"))
      {
        g_autofree char *rest = g_strstrip (g_strdup (lines[i] + strlen ("Page size:")));
        char *pts = strstr (rest, " pts");

        if (pts != NULL)
          *pts = '\0';
        size = g_strdup (rest);
      }
  return size;
}

GArray *
yc_test_pdf_file_page_sizes (const char *path)
{
  guint n_pages = yc_test_pdf_file_n_pages (path);
  g_autofree char *last = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
  g_autofree char *info = run (argv, FALSE);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  GArray *sizes = g_array_new (FALSE, TRUE, sizeof (YcTestPageSize));

  /* "Page    1 size: 226 x 873.5 pts" */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *size = strstr (lines[i], " size:");
      YcTestPageSize page;
      char *end;

      if (!g_str_has_prefix (lines[i], "Page ") || size == NULL)
        continue;
      page.width = g_ascii_strtod (size + strlen (" size:"), &end);
      g_assert_true (g_str_has_prefix (end, " x "));
      page.height = g_ascii_strtod (end + strlen (" x "), NULL);
      g_array_append_val (sizes, page);
    }
  g_assert_cmpuint (sizes->len, ==, n_pages);
  return sizes;
}

GArray *
yc_test_pdf_page_sizes (GBytes *pdf)
{
  g_autofree char *path = write_temp (pdf);
  GArray *sizes = yc_test_pdf_file_page_sizes (path);

  g_unlink (path);
  return sizes;
}

void
yc_test_pdf_ink_margins (GBytes           *pdf,
                         guint             page,
                         YcTestInkMargins *margins)
{
  const guint dpi = 144;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp (pdf);
  g_autofree char *dir = g_dir_make_tmp ("yc-ink-XXXXXX", &error);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *pgm = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *p = g_strdup_printf ("%u", page);
  g_autofree char *r = g_strdup_printf ("%u", dpi);
  const char *render[] = {
    "pdftoppm", "-gray", "-r", r, "-f", p, "-l", p, "-singlefile", path, prefix, NULL
  };
  g_autofree char *ignored = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint width, height, max_value, left, top, right, bottom;
  const guchar *pixels;
  int header = 0;

  g_assert_no_error (error);
  ignored = run (render, FALSE);
  g_file_get_contents (pgm, &data, &length, &error);
  g_assert_no_error (error);
  g_unlink (pgm);
  g_rmdir (dir);
  g_unlink (path);

  /* Binary PGM: "P5\n<width> <height>\n<max>\n", then one byte a pixel. */
  g_assert_cmpint (sscanf (data, "P5 %u %u %u%n", &width, &height, &max_value, &header), ==, 3);
  g_assert_cmpuint (max_value, ==, 255);
  g_assert_cmpuint (length, ==, (gsize) header + 1 + (gsize) width * height);
  pixels = (const guchar *) data + header + 1;

  left = width;
  top = height;
  right = bottom = 0;
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      if (pixels[(gsize) y * width + x] < 250)
        {
          left = MIN (left, x);
          right = MAX (right, x + 1);
          top = MIN (top, y);
          bottom = MAX (bottom, y + 1);
        }
  g_assert_cmpuint (right, >, 0);   /* not a blank page */
  margins->left = left * 72.0 / dpi;
  margins->top = top * 72.0 / dpi;
  margins->right = (width - right) * 72.0 / dpi;
  margins->bottom = (height - bottom) * 72.0 / dpi;
}

guint
yc_test_pdf_file_n_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv, FALSE);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

char *
yc_test_pdf_file_qr (const char *path,
                     guint       page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yc-qr-XXXXXX", &error);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *p = g_strdup_printf ("%u", page);
  const char *render[] = {
    "pdftoppm", "-png", "-r", "200", "-f", p, "-l", p, "-singlefile", path, prefix, NULL
  };
  const char *decode[] = { "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", png, NULL };
  g_autofree char *ignored = NULL;
  char *payload;

  g_assert_no_error (error);
  ignored = run (render, FALSE);
  payload = run (decode, TRUE);
  g_unlink (png);
  g_rmdir (dir);
  if (payload != NULL)
    g_strchomp (payload);
  return payload;
}

char *
yc_test_pdf_qr (GBytes *pdf,
                guint   page)
{
  g_autofree char *path = write_temp (pdf);
  char *payload = yc_test_pdf_file_qr (path, page);

  g_unlink (path);
  return payload;
}

static double
attribute_value (const char *line,
                 const char *name)
{
  g_autofree char *key = g_strconcat (name, "=\"", NULL);
  const char *at = strstr (line, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

GPtrArray *
yc_test_pdf_words_outside (GBytes *pdf,
                           double  margin_x,
                           double  margin_y)
{
  g_autofree char *path = write_temp (pdf);
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *html = run (argv, FALSE);
  g_auto(GStrv) lines = g_strsplit (html, "\n", -1);
  GPtrArray *outside = g_ptr_array_new_with_free_func (g_free);
  double width = 0, height = 0;
  guint page = 0;

  g_unlink (path);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "<page "))
        {
          page++;
          width = attribute_value (line, "width");
          height = attribute_value (line, "height");
        }
      else if (g_str_has_prefix (line, "<word "))
        {
          double x0 = attribute_value (line, "xMin"), x1 = attribute_value (line, "xMax");
          double y0 = attribute_value (line, "yMin"), y1 = attribute_value (line, "yMax");

          if (x0 < margin_x - 1 || x1 > width - margin_x + 1 || y0 < margin_y - 1
              || y1 > height - margin_y + 1)
            g_ptr_array_add (outside, g_strdup_printf ("page %u: %s", page, line));
        }
    }
  return outside;
}

guint
yc_test_count (const char *haystack,
               const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL;
       p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

void
yc_test_dump (GBytes     *pdf,
              const char *name)
{
  const char *dir = g_getenv ("YC_TEST_DUMP_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0700);
  path = g_strconcat (dir, "/", name, ".pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
}

void
yc_test_write_pdf (const char *path,
                   guint       n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i + 1);

      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 24);
      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}
