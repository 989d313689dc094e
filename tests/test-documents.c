/* test-documents.c: every document kind renders to PDF with its data, QR code, page numbers and
 * clean page breaks; guidance in three languages, also from several threads at once. */
#include <string.h>
#include <glib.h>

#include "yc-document.h"
#include "yc-test-documents.h"

static const YcDocKind all_kinds[] = {
  YC_DOC_RECEIPT, YC_DOC_NOTICE_ONCE, YC_DOC_REFUSAL, YC_DOC_TOLERANCE, YC_DOC_COMMITMENT,
  YC_DOC_HANDOVER, YC_DOC_GUIDANCE,
};

/* The 80 mm roll: 226 pt wide, 12 pt above the content and 10 pt below it, 10 pt at the sides; a
 * page as long as its content, up to 3 m. */
#define ROLL_WIDTH 226.0
#define ROLL_MARGIN_TOP 12.0
#define ROLL_MARGIN_BOTTOM 10.0
#define ROLL_MARGIN_X 10.0
#define ROLL_MAX_LENGTH (3000 / 25.4 * 72)

static GBytes *
render_ok (YcDocument *document,
           guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = yc_document_render (document, n_pages, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_true (g_bytes_get_size (pdf) > 1000);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  return pdf;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the document's text:\n%s", needle, text);
}

static void
assert_qr (GBytes     *pdf,
           guint       page,
           const char *expected)
{
  g_autofree char *payload = yc_test_pdf_qr (pdf, page);

  g_assert_nonnull (payload);
  g_assert_cmpstr (payload, ==, expected);
}

/* --- the acceptance receipt --- */

static void
check_receipt (YcDocFormat format,
               const char *page_size)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  guint n_pages = 0;

  yc_document_set_format (document, format);
  pdf = render_ok (document, &n_pages);
  yc_test_dump (pdf, format == YC_DOC_FORMAT_A4 ? "receipt-a4" : "receipt-roll");
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);

  assert_contains (text, YC_TEST_CASE_NO);
  assert_contains (text, YC_TEST_APPLICANT);
  assert_contains (text, YC_TEST_AGENT);
  assert_contains (text, YC_TEST_ITEM_NAME);
  assert_contains (text, YC_TEST_APPLICANT_ID_MASKED);
  /* Only the masked ID is printed. */
  g_assert_null (strstr (text, YC_TEST_APPLICANT_ID));
  g_assert_null (strstr (text, YC_TEST_AGENT_ID));
  /* Received materials (original checked: 0, scanned: 1); the pending one (2) is not "received". */
  assert_contains (text, yc_test_material_name (0));
  assert_contains (text, yc_test_material_name (1));
  g_assert_null (strstr (text, yc_test_material_name (2)));
  /* Tolerated (3) and commitment (4) materials are listed with what was promised. */
  assert_contains (text, yc_test_material_name (3));
  assert_contains (text, "2026年3月11日前补齐");
  assert_contains (text, yc_test_material_name (4));
  /* Legal and promised completion dates, the date, window, clerk, password. */
  assert_contains (text, "2026年4月1日");
  assert_contains (text, "2026年3月18日");
  assert_contains (text, "2026年3月4日");
  assert_contains (text, "BF01");
  assert_contains (text, "李晓梅");
  assert_contains (text, YC_TEST_PASSWORD);
  assert_contains (text, "盖章处");
  /* One page either way: A4 numbers it, the roll's page is the whole receipt and is not numbered. */
  g_assert_cmpuint (n_pages, ==, 1);
  if (format == YC_DOC_FORMAT_A4)
    assert_contains (text, "第1页/共1页");
  else
    g_assert_null (strstr (text, "第1页"));

  size = yc_test_pdf_page_size (pdf);
  if (page_size != NULL)
    g_assert_cmpstr (size, ==, page_size);
  else
    g_assert_true (g_str_has_prefix (size, "226 x "));
  assert_qr (pdf, n_pages, "YC1:" YC_TEST_CASE_NO ":" YC_TEST_PASSWORD);
}

static void
test_receipt_a4 (void)
{
  check_receipt (YC_DOC_FORMAT_A4, "595 x 842");
}

static void
test_receipt_roll (void)
{
  check_receipt (YC_DOC_FORMAT_RECEIPT, NULL);
}

/* Checks a roll page: 226 pt wide, at most 3 m long, with the ink inside the margins and, below the
 * last line, the bottom margin and no more (the page ends where the content does). Returns its
 * length. */
static double
check_roll_page (GBytes     *pdf,
                 guint       page,
                 const char *name)
{
  g_autoptr(GArray) sizes = yc_test_pdf_page_sizes (pdf);
  const YcTestPageSize *size = &g_array_index (sizes, YcTestPageSize, page - 1);
  YcTestInkMargins ink;

  yc_test_pdf_ink_margins (pdf, page, &ink);
  g_test_message ("%s, page %u: %g x %g pt; blank around the ink: top %.1f, bottom %.1f, "
                  "left %.1f, right %.1f", name, page, size->width, size->height, ink.top,
                  ink.bottom, ink.left, ink.right);
  g_assert_cmpfloat_with_epsilon (size->width, ROLL_WIDTH, 0.01);
  g_assert_cmpfloat (size->height, <=, ROLL_MAX_LENGTH + 0.01);
  /* Half a point of slack for anti-aliasing at 144 dpi. Above the first line there is its own
   * leading; below the last one (the QR caption) its descent, a few points. */
  g_assert_cmpfloat (ink.left, >=, ROLL_MARGIN_X - 0.5);
  g_assert_cmpfloat (ink.right, >=, ROLL_MARGIN_X - 0.5);
  g_assert_cmpfloat (ink.top, >=, ROLL_MARGIN_TOP - 0.5);
  g_assert_cmpfloat (ink.top, <=, ROLL_MARGIN_TOP + 8);
  g_assert_cmpfloat (ink.bottom, >=, ROLL_MARGIN_BOTTOM - 0.5);
  g_assert_cmpfloat (ink.bottom, <=, ROLL_MARGIN_BOTTOM + 5);
  return size->height;
}

/* A short receipt and a long one: each one page, as long as its content. */
static void
test_receipt_roll_length (void)
{
  static const guint n_materials[] = { 3, 25 };
  double heights[G_N_ELEMENTS (n_materials)];

  for (guint i = 0; i < G_N_ELEMENTS (n_materials); i++)
    {
      g_autoptr(YcItem) item = yc_test_make_item (n_materials[i]);
      g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
      g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GPtrArray) outside = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("receipt-roll-%u", n_materials[i]);
      guint n_pages = 0;

      yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);
      pdf = render_ok (document, &n_pages);
      yc_test_dump (pdf, name);
      g_assert_cmpuint (n_pages, ==, 1);
      heights[i] = check_roll_page (pdf, 1, name);
      outside = yc_test_pdf_words_outside (pdf, ROLL_MARGIN_X, ROLL_MARGIN_BOTTOM);
      for (guint w = 0; w < outside->len; w++)
        g_test_message ("%s: outside the margins: %s", name,
                        (char *) g_ptr_array_index (outside, w));
      g_assert_cmpuint (outside->len, ==, 0);

      /* Everything on it, once: received materials in the table, tolerated and promised ones
       * listed below it; no page number on a page that is the whole receipt. */
      text = yc_test_pdf_text (pdf, 0, 0, TRUE);
      for (guint m = 0; m < n_materials[i]; m++)
        if (m % 5 != 2)
          g_assert_cmpuint (yc_test_count (text, yc_test_material_name (m)), ==, 1);
        else
          g_assert_null (strstr (text, yc_test_material_name (m)));
      assert_contains (text, "盖章处");
      g_assert_null (strstr (text, "第1页"));
      assert_qr (pdf, 1, "YC1:" YC_TEST_CASE_NO ":" YC_TEST_PASSWORD);
    }
  /* The long one is longer by at least its 8 more table rows (7.5 pt type: 14 pt a row at least)
   * and its 9 more listed lines. */
  g_assert_cmpfloat (heights[1], >, heights[0] + 8 * 14 + 9 * 8);
}

/* --- every kind, both formats --- */

static void
test_every_kind (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (10);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);

  for (guint f = 0; f < 2; f++)
    for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
      {
        g_autoptr(YcDocument) document = yc_test_make_document (all_kinds[k], kase, item);
        g_autoptr(GBytes) pdf = NULL;
        g_autofree char *text = NULL;
        g_autofree char *title = yc_document_get_title (document);
        g_autofree char *name = NULL;
        guint n_pages = 0;

        yc_document_set_format (document, f == 0 ? YC_DOC_FORMAT_A4 : YC_DOC_FORMAT_RECEIPT);
        pdf = render_ok (document, &n_pages);
        name = g_strdup_printf ("%s-%s", yc_doc_kind_to_string (all_kinds[k]),
                                f == 0 ? "a4" : "roll");
        yc_test_dump (pdf, name);
        text = yc_test_pdf_text (pdf, 0, 0, TRUE);
        g_test_message ("%s: %u pages", name, n_pages);

        assert_contains (text, YC_TEST_CASE_NO);
        assert_contains (text, YC_TEST_ITEM_NAME);
        if (all_kinds[k] != YC_DOC_GUIDANCE)
          {
            assert_contains (text, YC_TEST_APPLICANT);
            assert_contains (text, title);
            assert_contains (text, "盖章处");
          }
        /* The QR code is on the first page on A4 and closes the document on the roll. */
        assert_qr (pdf, f == 0 ? 1 : n_pages, "YC1:" YC_TEST_CASE_NO ":" YC_TEST_PASSWORD);
      }
}

/* --- the content particular to each kind --- */

static char *
render_text (YcDocKind   kind,
             YcCase     *kase,
             YcItem     *item,
             YcDocFormat format,
             guint      *n_pages)
{
  g_autoptr(YcDocument) document = yc_test_make_document (kind, kase, item);
  g_autoptr(GBytes) pdf = NULL;

  yc_document_set_format (document, format);
  pdf = render_ok (document, n_pages);
  return yc_test_pdf_text (pdf, 0, 0, TRUE);
}

static void
test_notice_once (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autofree char *text = render_text (YC_DOC_NOTICE_ONCE, kase, item, YC_DOC_FORMAT_A4, NULL);

  /* Exactly the pending material, with its requirement. */
  assert_contains (text, yc_test_material_name (2));
  assert_contains (text, "原件1份、复印件2份");
  assert_contains (text, "第三十二条第一款第（四）项");
  g_assert_null (strstr (text, yc_test_material_name (0)));
  g_assert_null (strstr (text, yc_test_material_name (3)));
}

/* A long list breaks between rows, repeats the table header on every page and numbers the pages. */
static void
test_notice_once_long (void)
{
  const guint n = 90;
  g_autoptr(YcItem) item = yc_test_make_item (n);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, TRUE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_NOTICE_ONCE, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *all = NULL;
  guint n_pages = 0;

  pdf = render_ok (document, &n_pages);
  yc_test_dump (pdf, "notice-once-long");
  g_assert_cmpuint (n_pages, >=, 3);
  all = yc_test_pdf_text (pdf, 0, 0, TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *row = g_strdup_printf ("%u%s", i + 1, yc_test_material_name (i));

      /* Each row once, whole (its number and name together): never split across a page break. */
      g_assert_cmpuint (yc_test_count (all, yc_test_material_name (i)), ==, 1);
      assert_contains (all, row);
    }
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *page = yc_test_pdf_text (pdf, p, p, TRUE);
      g_autofree char *number = g_strdup_printf ("第%u页/共%u页", p, n_pages);

      if (strstr (page, "补充材料") != NULL)
        {
          assert_contains (page, "需补正的材料");
          assert_contains (page, "份数要求");
        }
      assert_contains (page, YC_TEST_CASE_NO);
      assert_contains (page, number);
    }

  /* On the receipt roll the same list is one page, metres long but with no break in it. */
  yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);
  g_clear_pointer (&pdf, g_bytes_unref);
  pdf = render_ok (document, &n_pages);
  yc_test_dump (pdf, "notice-once-long-roll");
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpfloat (check_roll_page (pdf, 1, "notice-once-long-roll"), >, 3 * 600);
  g_clear_pointer (&all, g_free);
  all = yc_test_pdf_text (pdf, 0, 0, TRUE);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (yc_test_count (all, yc_test_material_name (i)), ==, 1);
  g_assert_cmpuint (yc_test_count (all, "需补正的材料"), ==, 1);
  g_assert_null (strstr (all, "第1页"));
  assert_qr (pdf, 1, "YC1:" YC_TEST_CASE_NO ":" YC_TEST_PASSWORD);
}

/* A list longer than the roll's 3 m bound is cut into pages after all, each at most 3 m, with the
 * running header, the table header and its number; the last one as long as what is left. */
static void
test_roll_bound (void)
{
  const guint n = 400;
  g_autoptr(YcItem) item = yc_test_make_item (n);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, TRUE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_NOTICE_ONCE, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *all = NULL;
  guint n_pages = 0;

  yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);
  pdf = render_ok (document, &n_pages);
  yc_test_dump (pdf, "roll-bound");
  g_assert_cmpuint (n_pages, >=, 2);
  sizes = yc_test_pdf_page_sizes (pdf);
  for (guint p = 1; p <= n_pages; p++)
    {
      const YcTestPageSize *size = &g_array_index (sizes, YcTestPageSize, p - 1);
      g_autofree char *page = yc_test_pdf_text (pdf, p, p, TRUE);
      g_autofree char *number = g_strdup_printf ("第%u页/共%u页", p, n_pages);

      g_test_message ("roll-bound, page %u: %g x %g pt", p, size->width, size->height);
      g_assert_cmpfloat_with_epsilon (size->width, ROLL_WIDTH, 0.01);
      g_assert_cmpfloat (size->height, <=, ROLL_MAX_LENGTH + 0.01);
      /* Full pages run to the bound, less at most a row and the kept-together lines. */
      if (p < n_pages)
        g_assert_cmpfloat (size->height, >, ROLL_MAX_LENGTH - 100);
      assert_contains (page, number);
      assert_contains (page, YC_TEST_CASE_NO);
      if (strstr (page, "补充材料") != NULL)
        assert_contains (page, "需补正的材料");
    }
  all = yc_test_pdf_text (pdf, 0, 0, TRUE);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (yc_test_count (all, yc_test_material_name (i)), ==, 1);
  assert_qr (pdf, n_pages, "YC1:" YC_TEST_CASE_NO ":" YC_TEST_PASSWORD);
}

static void
test_refusal (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autofree char *text = render_text (YC_DOC_REFUSAL, kase, item, YC_DOC_FORMAT_A4, NULL);
  g_autoptr(YcDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  assert_contains (text, "决定不予受理");
  assert_contains (text, "不属于本机关职权范围");
  assert_contains (text, "《中华人民共和国行政许可法》第三十二条");
  assert_contains (text, "《不动产登记暂行条例》第十四条");
  /* Remedies: 行政复议 within sixty days, 行政诉讼 within six months, with the bodies named. */
  assert_contains (text, "六十日内");
  assert_contains (text, "《中华人民共和国行政复议法》向北方市人民政府申请行政复议");
  assert_contains (text, "六个月内");
  assert_contains (text, "《中华人民共和国行政诉讼法》向北方市东城区人民法院提起行政诉讼");

  /* No reason, no refusal notice. */
  g_object_set (kase, "reason", NULL, NULL);
  document = yc_test_make_document (YC_DOC_REFUSAL, kase, item);
  pdf = yc_document_render (document, NULL, &error);
  g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE);
  g_assert_null (pdf);
}

static void
test_tolerance_two_copies (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_TOLERANCE, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  pdf = render_ok (document, &n_pages);
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);
  g_assert_cmpuint (n_pages, ==, 2);
  g_assert_cmpuint (yc_test_count (text, "申请人留存联"), ==, 1);
  g_assert_cmpuint (yc_test_count (text, "窗口存档联"), ==, 1);
  /* Each copy has the tolerated material, its form and deadline, the consequence, the promise and
   * the signature lines, and is numbered on its own. */
  g_assert_cmpuint (yc_test_count (text, yc_test_material_name (3)), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "2026年3月11日"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "纸质或电子，原件1份"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "逾期未补齐的，本机关将终止办理"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "承诺在期限内补齐所缺材料"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "申请人（签字）"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "代理人（签字）"), ==, 2);
  g_assert_cmpuint (yc_test_count (text, "第1页/共1页"), ==, 2);
  /* Nothing tolerated: no tolerance notice. */
  {
    g_autoptr(YcCase) plain = yc_test_make_case (item, FALSE, TRUE);
    g_autoptr(YcDocument) none = yc_test_make_document (YC_DOC_TOLERANCE, plain, item);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) nothing = yc_document_render (none, NULL, &error);

    g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE);
    g_assert_null (nothing);
  }
}

static void
test_commitment (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autofree char *text = render_text (YC_DOC_COMMITMENT, kase, item, YC_DOC_FORMAT_A4, NULL);

  assert_contains (text, "一、行政机关告知");
  assert_contains (text, "二、申请人承诺");
  assert_contains (text, "三、不实承诺的后果");
  assert_contains (text, yc_test_material_name (4));
  assert_contains (text, "买卖双方已签订不动产买卖合同");
  assert_contains (text, "依法撤销已作出的行政决定");
  assert_contains (text, "申请人（签字）");
  assert_contains (text, "行政机关经办人（签字）");
}

static void
test_handover (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_HANDOVER, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;

  g_object_set (document, "collected-by-agent", TRUE, "handover-method", "窗口领取", NULL);
  pdf = render_ok (document, NULL);
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);
  masked = g_strdup ("110101********4514");
  assert_contains (text, "不动产权证书");
  assert_contains (text, YC_TEST_AGENT "（代理人）");
  assert_contains (text, masked);
  g_assert_null (strstr (text, YC_TEST_AGENT_ID));
  assert_contains (text, "经公证的授权委托书");
  assert_contains (text, "领取人（签字）");
  assert_contains (text, "2026年3月4日");
}

/* --- guidance in the applicant's language --- */

typedef struct {
  const char *language;
  const char *title;
  const char *materials;
  const char *page;
} GuidanceCheck;

static const GuidanceCheck guidance_checks[] = {
  { "zh_CN", "办事指南", "申请材料", "第1页/共" },
  { "en", "Applicantguidance", "Materialstobring", "Page1of" },
  { "ru", "Памятказаявителю", "Необходимыедокументы", "Страница1из" },
};

static void
check_guidance_text (const GuidanceCheck *check,
                     const char          *text)
{
  assert_contains (text, check->title);
  assert_contains (text, check->materials);
  assert_contains (text, check->page);
  /* The item's own data stays as the catalogue has it. */
  assert_contains (text, YC_TEST_ITEM_NAME);
  assert_contains (text, yc_test_material_name (0));
  assert_contains (text, yc_test_material_name (5));
}

static void
test_guidance_languages (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (guidance_checks); i++)
    {
      g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_GUIDANCE, kase, item);
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("guidance-%s", guidance_checks[i].language);

      yc_document_set_language (document, guidance_checks[i].language);
      pdf = render_ok (document, NULL);
      yc_test_dump (pdf, name);
      text = yc_test_pdf_text (pdf, 0, 0, TRUE);
      check_guidance_text (&guidance_checks[i], text);
      /* Only the chosen language's fixed wording. */
      for (guint j = 0; j < G_N_ELEMENTS (guidance_checks); j++)
        if (j != i)
          g_assert_null (strstr (text, guidance_checks[j].title));
    }

  {
    g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_GUIDANCE, kase, item);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) pdf = NULL;

    yc_document_set_language (document, "fr");
    pdf = yc_document_render (document, NULL, &error);
    g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_LANGUAGE);
    g_assert_null (pdf);
  }
}

typedef struct {
  YcDocument          *document;
  const GuidanceCheck *check;
} GuidanceJob;

static gpointer
render_guidance_thread (gpointer user_data)
{
  GuidanceJob *job = user_data;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) pdf = render_ok (job->document, NULL);
      g_autofree char *text = yc_test_pdf_text (pdf, 0, 0, TRUE);

      check_guidance_text (job->check, text);
    }
  return NULL;
}

/* Renderings in different languages at the same time never mix their languages: the language
 * belongs to the rendering, not to the process. */
static void
test_guidance_threads (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  GuidanceJob jobs[6];
  GThread *threads[6];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].check = &guidance_checks[i % G_N_ELEMENTS (guidance_checks)];
      jobs[i].document = yc_test_make_document (YC_DOC_GUIDANCE, kase, item);
      yc_document_set_language (jobs[i].document, jobs[i].check->language);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    threads[i] = g_thread_new ("guidance", render_guidance_thread, &jobs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_object_unref (jobs[i].document);
    }
}

static void
test_guidance_without_case (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (4);
  g_autoptr(YcDocument) document = yc_document_new (YC_DOC_GUIDANCE, NULL, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  yc_document_set_language (document, "en");
  pdf = render_ok (document, NULL);
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);
  assert_contains (text, "Itemcode:11370100MB0001XK00101");
  assert_contains (text, yc_test_material_name (3));
  assert_qr (pdf, 1, "YC1:ITEM:11370100MB0001XK00101");
}

/* --- long data: everything wraps inside the margins, nothing is clipped --- */

/* Long texts as real catalogues have them, including addresses that have no break opportunity. */
#define LONG_MATERIAL_NOTES \
  "须由具有相应资质的设计单位出具，加盖出图专用章和注册建筑师执业印章；" \
  "电子材料须为PDF格式并经CA数字签名，单个文件不超过20MB。" \
  "https://zwfw.beifang.gov.cn/guide/materials/template-download-0001"
#define LONG_ITEM_NAME \
  "建设工程规划许可证核发（建筑类，含既有建筑改造、加装电梯及城市更新项目中涉及规划调整的情形）"
#define LONG_DEPARTMENT "北方市自然资源和规划局（北方市林业局）北方市东城区分局行政审批科"
#define LONG_LEGAL_BASIS \
  "《中华人民共和国城乡规划法》第四十条；《北方市城乡规划条例》第三十二条、第三十三条、第三十四条"
#define LONG_CONDITIONS \
  "建设单位已取得建设用地规划许可证和国有土地使用权证明；设计方案已经审定；" \
  "涉及文物保护、消防、人防等事项的，已取得相关部门意见。https://zwfw.beifang.gov.cn/" \
  "conditions/XK00101/very-long-path-without-any-break-opportunity-0123456789"
#define LONG_ORGANISATION \
  "北方市城市更新建设发展集团有限公司第二分公司（北方市东城区老旧小区改造项目部）"
#define LONG_REASON \
  "经审查，申请人提交的建设工程设计方案未经规划主管部门审定，且项目用地范围内存在尚未完成的" \
  "征收补偿事项，依据《中华人民共和国城乡规划法》第四十条及《北方市城乡规划条例》第三十三条的" \
  "规定，申请事项不符合受理条件。"

static YcItem *
make_long_item (void)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_object_unref);
  YcItem *item;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("L%02u", i + 1);
      g_autofree char *name = g_strdup_printf ("第%u项：建设工程规划许可证及附图、附件（含总平面图、"
                                               "各层平面图、立面图、剖面图、管线综合图）复印件并加盖"
                                               "建设单位公章", i + 1);

      g_ptr_array_add (specs, g_object_new (YC_TYPE_MATERIAL_SPEC,
                                            "code", code, "name", name, "position", i,
                                            "originals", 12, "copies", 24,
                                            "form", YC_MATERIAL_FORM_EITHER,
                                            "tolerable", TRUE, "supplement-days", 10,
                                            "required", TRUE,
                                            "notes", LONG_MATERIAL_NOTES,
                                            NULL));
    }
  item = g_object_new (YC_TYPE_ITEM,
                       "code", "11370100MB0001XK00101000000000000000001",
                       "name", LONG_ITEM_NAME,
                       "department", LONG_DEPARTMENT,
                       "item-type-label", "行政许可",
                       "case-type", YC_CASE_TYPE_JOINT, "legal-days", 20, "promised-days", 15,
                       "legal-basis", LONG_LEGAL_BASIS,
                       "conditions", LONG_CONDITIONS,
                       "fees", "不收费", "result", "建设工程规划许可证（正本一份、副本一份）及附图",
                       NULL);
  yc_item_set_materials (item, specs);
  return item;
}

static void
test_nothing_clipped (void)
{
  g_autoptr(YcItem) item = make_long_item ();
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
  g_autoptr(YcParty) organisation = yc_party_new (YC_PARTY_ORGANISATION);

  g_object_set (organisation, "name", LONG_ORGANISATION, "id-number", "91110000600037341L",
                "legal-representative", "欧阳建国", "phone", "010-87654321", NULL);
  g_object_set (kase, "applicant", organisation, "reason", LONG_REASON, NULL);
  for (guint f = 0; f < 2; f++)
    for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
      {
        g_autoptr(YcDocument) document = yc_test_make_document (all_kinds[k], kase, item);
        g_autoptr(GBytes) pdf = NULL;
        g_autoptr(GPtrArray) outside = NULL;
        g_autofree char *text = NULL;
        g_autofree char *name = NULL;
        YcDocFormat format = f == 0 ? YC_DOC_FORMAT_A4 : YC_DOC_FORMAT_RECEIPT;

        yc_document_set_format (document, format);
        g_object_set (document,
                      "issuer", "北方市东城区人民政府政务服务中心（北方市东城区行政审批局）",
                      "query-url",
                      "https://zwfw.beifang.gov.cn/progress/query-by-case-number-and-password",
                      NULL);
        pdf = render_ok (document, NULL);
        name = g_strdup_printf ("long-%s-%s", yc_doc_kind_to_string (all_kinds[k]),
                                f == 0 ? "a4" : "roll");
        yc_test_dump (pdf, name);
        /* Margins: 20 mm on A4 (56.7 pt at the sides, 40 pt top and bottom), 10 pt on the roll. */
        outside = yc_test_pdf_words_outside (pdf, f == 0 ? 56.7 : 10, f == 0 ? 40 : 10);
        for (guint i = 0; i < outside->len; i++)
          g_test_message ("%s: outside the margins: %s", name,
                          (char *) g_ptr_array_index (outside, i));
        g_assert_cmpuint (outside->len, ==, 0);
        /* Wrapped, not cut: the long texts are there whole. */
        text = yc_test_pdf_text (pdf, 0, 0, TRUE);
        assert_contains (text, LONG_ITEM_NAME);
        if (all_kinds[k] != YC_DOC_GUIDANCE)
          assert_contains (text, LONG_ORGANISATION);
      }
}

/* --- QR payload, case number, snapshots, async --- */

static void
test_qr_url (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (3);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;
  const char *expected =
    "https://zwfw.beifang.gov.cn/q?case=" YC_TEST_CASE_NO "&pw=" YC_TEST_PASSWORD;

  g_object_set (document, "query-url", "https://zwfw.beifang.gov.cn/q", NULL);
  payload = yc_document_get_qr_payload (document);
  g_assert_cmpstr (payload, ==, expected);
  pdf = render_ok (document, NULL);
  assert_qr (pdf, 1, expected);
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);
  assert_contains (text, "https://zwfw.beifang.gov.cn/q");
}

static void
test_needs_case_number (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (3);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);

  g_object_set (kase, "case-no", NULL, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      g_autoptr(YcDocument) document = yc_test_make_document (all_kinds[k], kase, item);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = NULL;

      if (all_kinds[k] == YC_DOC_GUIDANCE)
        continue;
      pdf = yc_document_render (document, NULL, &error);
      g_assert_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE);
      g_assert_null (pdf);
    }
}

/* The document copies the case when it is made: later edits (the UI keeps editing its object) do
 * not leak into a rendering running in a worker. */
static void
test_snapshot (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (3);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  g_object_set (yc_case_get_applicant (kase), "name", "赵六", NULL);
  g_object_set (kase, "case-no", "XX99-20260101-0001", NULL);
  pdf = render_ok (document, NULL);
  text = yc_test_pdf_text (pdf, 0, 0, TRUE);
  assert_contains (text, YC_TEST_APPLICANT);
  assert_contains (text, YC_TEST_CASE_NO);
  g_assert_null (strstr (text, "赵六"));
}

/* The same document renders to the same bytes: a reprint or a re-render lands on the same stored
 * file. */
static void
test_deterministic (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, TRUE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
  g_autoptr(GBytes) first = render_ok (document, NULL);
  g_autoptr(GBytes) second = render_ok (document, NULL);

  g_assert_true (g_bytes_equal (first, second));
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  *out = yc_document_render_finish (YC_DOCUMENT (source), result, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
}

static void
test_async (void)
{
  g_autoptr(YcItem) item = yc_test_make_item (6);
  g_autoptr(YcCase) kase = yc_test_make_case (item, FALSE, FALSE);
  g_autoptr(YcDocument) document = yc_test_make_document (YC_DOC_RECEIPT, kase, item);
  g_autoptr(GBytes) sync_pdf = render_ok (document, NULL);
  GBytes *async_pdf = NULL;

  yc_document_render_async (document, NULL, render_done_cb, &async_pdf);
  /* A change after the call does not reach the rendering already under way. */
  yc_document_set_format (document, YC_DOC_FORMAT_RECEIPT);
  while (async_pdf == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_bytes_equal (async_pdf, sync_pdf));
  g_bytes_unref (async_pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/documents/receipt/a4", test_receipt_a4);
  g_test_add_func ("/yc/documents/receipt/roll", test_receipt_roll);
  g_test_add_func ("/yc/documents/receipt/roll-length", test_receipt_roll_length);
  g_test_add_func ("/yc/documents/roll-bound", test_roll_bound);
  g_test_add_func ("/yc/documents/every-kind", test_every_kind);
  g_test_add_func ("/yc/documents/notice-once", test_notice_once);
  g_test_add_func ("/yc/documents/notice-once/long-list", test_notice_once_long);
  g_test_add_func ("/yc/documents/refusal", test_refusal);
  g_test_add_func ("/yc/documents/tolerance/two-copies", test_tolerance_two_copies);
  g_test_add_func ("/yc/documents/commitment", test_commitment);
  g_test_add_func ("/yc/documents/handover", test_handover);
  g_test_add_func ("/yc/documents/guidance/languages", test_guidance_languages);
  g_test_add_func ("/yc/documents/guidance/threads", test_guidance_threads);
  g_test_add_func ("/yc/documents/guidance/without-case", test_guidance_without_case);
  g_test_add_func ("/yc/documents/nothing-clipped", test_nothing_clipped);
  g_test_add_func ("/yc/documents/qr-url", test_qr_url);
  g_test_add_func ("/yc/documents/needs-case-number", test_needs_case_number);
  g_test_add_func ("/yc/documents/snapshot", test_snapshot);
  g_test_add_func ("/yc/documents/deterministic", test_deterministic);
  g_test_add_func ("/yc/documents/async", test_async);

  return g_test_run ();
}
