/* yc-test-documents.h: sample cases for document tests; PDFs read back (pdftotext, zbarimg). */
#pragma once

#include "yc-document.h"

G_BEGIN_DECLS

#define YC_TEST_CASE_NO "BF01-20260304-0007"
#define YC_TEST_PASSWORD "482913"
#define YC_TEST_APPLICANT "张三丰"
#define YC_TEST_APPLICANT_ID "11010519491231002X"
#define YC_TEST_APPLICANT_ID_MASKED "110105********002X"
#define YC_TEST_AGENT "王五"
#define YC_TEST_AGENT_ID "110101199003074514"
#define YC_TEST_ITEM_NAME "不动产转移登记（二手房买卖）"

/* An item with @n_materials materials (the first six have real names, the rest "补充材料NN"). */
YcItem     *yc_test_make_item          (guint n_materials);
/* A decided case of @item: number, password, applicant (and an agent if @with_agent), window,
 * clerk, dates. Material states cycle: original checked, scanned, pending, tolerated (due
 * 2026-03-11), commitment; with @all_pending every material is pending. */
YcCase     *yc_test_make_case          (YcItem  *item,
                                        gboolean with_agent,
                                        gboolean all_pending);
/* A document of @kind for a sample case, with what the forms need besides (issued 2026-03-04). */
YcDocument *yc_test_make_document      (YcDocKind kind,
                                        YcCase   *kase,
                                        YcItem   *item);
const char *yc_test_material_name      (guint index);

/* Writes a PDF of @n_pages A5 pages with cairo, each saying "Page N", to @path. */
void        yc_test_write_pdf          (const char *path,
                                        guint       n_pages);

/* pdftotext of @pdf (pages @first..@last, 0 for all); with @squeeze, all white space removed, so
 * text that wrapped in a table cell still matches. */
char       *yc_test_pdf_text           (GBytes     *pdf,
                                        guint       first,
                                        guint       last,
                                        gboolean    squeeze);
char       *yc_test_pdf_file_text      (const char *path,
                                        guint       first,
                                        guint       last,
                                        gboolean    squeeze);
/* The page count of a PDF file (pdfinfo). */
guint       yc_test_pdf_file_n_pages   (const char *path);
/* "595 x 842" etc. from pdfinfo. */
char       *yc_test_pdf_page_size      (GBytes     *pdf);
/* The size of every page (pdfinfo), in points. */
typedef struct {
  double width;
  double height;
} YcTestPageSize;
GArray     *yc_test_pdf_page_sizes      (GBytes     *pdf);
GArray     *yc_test_pdf_file_page_sizes (const char *path);
/* The blank space around the ink (anything darker than white, grey shading included) on page
 * @page, rendered at 144 dpi, in points from each edge of the page. */
typedef struct {
  double left;
  double top;
  double right;
  double bottom;
} YcTestInkMargins;
void        yc_test_pdf_ink_margins     (GBytes           *pdf,
                                         guint             page,
                                         YcTestInkMargins *margins);
/* The QR code on page @page, decoded by zbarimg from a 200 dpi rendering; NULL if none found. */
char       *yc_test_pdf_qr             (GBytes     *pdf,
                                        guint       page);
char       *yc_test_pdf_file_qr        (const char *path,
                                        guint       page);
/* Words (pdftotext -bbox) that reach outside the page's margins: @margin_x on the left and right,
 * @margin_y at the top and bottom, less a point of tolerance. Returns a description of each, empty
 * when nothing is clipped or squeezed into the margins. */
GPtrArray  *yc_test_pdf_words_outside  (GBytes     *pdf,
                                        double      margin_x,
                                        double      margin_y);
guint       yc_test_count              (const char *haystack,
                                        const char *needle);
/* Writes @pdf to $YC_TEST_DUMP_DIR/@name.pdf when that is set, to look at the documents. */
void        yc_test_dump               (GBytes     *pdf,
                                        const char *name);

G_END_DECLS
