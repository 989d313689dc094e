/* yc-document-layout.c: a small page layout engine (paragraphs, bordered tables, signature lines,
 * seal area, QR code) that paginates cleanly and draws to PDF with cairo and pango: the page
 * geometry of each format, pagination, and the PDF output. */
#define G_LOG_DOMAIN "yc-documents"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "yc-document-private.h"

/* --- page geometry and type sizes per format --- */

static const YcDocGeometry geometry_a4 = {
  .width = 595, .height = 842, .margin_x = 56.7, .margin_top = 42, .margin_bottom = 40,
  .body_size = 11, .small_size = 9, .table_size = 10, .heading_size = 12, .title_size = 20,
  .line_factor = 1.06, .para_gap = 5, .cell_pad = 4, .qr_size = 66, .seal_radius = 40,
  .sign_height = 30, .running_header = 26, .footer = 20,
};

/* A roll has no pages: each copy is laid out once and printed on one page as long as its content
 * and margins, so a short receipt wastes no paper and a long one has no page breaks. It keeps an
 * upper bound all the same: printer drivers cap the length of one page (a PPD's MaxMediaHeight;
 * 3 m is within what 80 mm receipt printers take), and a runaway list should not empty a roll in
 * one piece nobody can handle at the counter. A copy longer than that is cut into 3 m pages like
 * A4 ones, each with its running header and number. */
#define ROLL_MAX_LENGTH (3000 / 25.4 * 72)

static const YcDocGeometry geometry_receipt = {
  .width = 226, .height = ROLL_MAX_LENGTH, .fits_content = TRUE,
  .margin_x = 10, .margin_top = 12, .margin_bottom = 10,
  .body_size = 8.5, .small_size = 7, .table_size = 7.5, .heading_size = 9, .title_size = 13,
  .line_factor = 1.05, .para_gap = 3, .cell_pad = 2.5, .qr_size = 84, .seal_radius = 30,
  .sign_height = 22, .running_header = 20, .footer = 16,
};

/* --- pagination --- */

typedef struct {
  YcDocUnit *unit;
  double     y;
} Placed;

static void
page_free (YcDocPage *page)
{
  g_array_unref (page->placed);
  g_free (page);
}

static double
content_top (YcDocRender *render,
             guint        page_index)
{
  return render->g->margin_top + (page_index > 0 ? render->g->running_header : 0);
}

static double
content_bottom (YcDocRender *render)
{
  return render->g->height - render->g->margin_bottom - render->g->footer;
}

static YcDocPage *
page_new (YcDocCopy *copy,
          guint      index)
{
  YcDocPage *page = g_new0 (YcDocPage, 1);

  page->copy = copy;
  page->index = index;
  page->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  return page;
}

static void
place (YcDocPage *page,
       YcDocUnit *unit,
       double     y)
{
  Placed placed = { unit, y };

  g_array_append_val (page->placed, placed);
  page->content_end = MAX (page->content_end, y + unit->height);
}

/* Lays the units of one copy out on pages, appending them to @pages. */
static void
paginate (YcDocRender *render,
          YcDocCopy   *copy,
          guint        first_unit,
          GPtrArray   *pages)
{
  double bottom = content_bottom (render);
  guint first_page = pages->len;
  YcDocPage *page = page_new (copy, 0);
  double y = content_top (render, 0);

  g_ptr_array_add (pages, page);
  for (guint i = first_unit; i < render->units->len; i++)
    {
      YcDocUnit *unit = g_ptr_array_index (render->units, i);
      gboolean at_top = page->placed->len == 0
                        || (page->placed->len == 1
                            && g_array_index (page->placed, Placed, 0).unit == unit->header);
      double gap = at_top ? 0 : unit->gap_before;
      double chain = gap + unit->height;

      /* Whatever must stay with this unit moves with it, unless the chain is longer than a page. */
      for (guint j = i; j + 1 < render->units->len; j++)
        {
          YcDocUnit *u = g_ptr_array_index (render->units, j);
          YcDocUnit *next = g_ptr_array_index (render->units, j + 1);

          if (!u->keep_with_next)
            break;
          chain += next->gap_before + next->height;
        }
      if (chain > bottom - content_top (render, 1) - (unit->header ? unit->header->height : 0))
        chain = gap + unit->height;

      if (y + chain > bottom && !at_top)
        {
          page = page_new (copy, page->index + 1);
          g_ptr_array_add (pages, page);
          y = content_top (render, page->index);
          gap = 0;
          /* A table continued on a new page repeats its header row. */
          if (unit->header != NULL && unit != unit->header)
            {
              place (page, unit->header, y);
              y += unit->header->height;
            }
        }
      place (page, unit, y + gap);
      y += gap + unit->height;
    }

  for (guint p = first_page; p < pages->len; p++)
    {
      YcDocPage *done = g_ptr_array_index (pages, p);
      const YcDocGeometry *g = render->g;

      done->n_in_copy = pages->len - first_page;
      /* A roll page that holds its whole copy needs no number: it is the copy. */
      done->numbered = !g->fits_content || done->n_in_copy > 1;
      /* A whole number of points: CUPS truncates a custom page size to one, which would cut a
       * fraction of the bottom margin off. */
      if (g->fits_content)
        done->height = ceil (done->content_end + (done->numbered ? g->footer : 0)
                             + g->margin_bottom);
      else
        done->height = g->height;
    }
}

/* --- drawing pages --- */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One font map for every rendering, created once and used under the lock: pango font maps are not
 * thread-safe, and a warm one saves the font lookups (~100 ms with the CJK collections) on every
 * document. */
static GMutex render_lock;
static PangoFontMap *render_font_map;

static PangoContext *
create_context (void)
{
  PangoContext *context;
  cairo_font_options_t *options;

  if (render_font_map == NULL)
    render_font_map = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (render_font_map);
  /* 72 dpi: one pango point is one PDF point. Unhinted metrics, so the layout does not depend on a
   * screen's grid. */
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static GBytes *
render_locked (YcDocBuilder *builder,
               const char   *page_format,
               const char   *pdf_title,
               GDateTime    *created,
               guint        *n_pages,
               GError      **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  YcDocRender render = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  render.g = builder->format == YC_DOC_FORMAT_RECEIPT ? &geometry_receipt : &geometry_a4;
  render.builder = builder;
  render.context = create_context ();
  render.content_width = render.g->width - 2 * render.g->margin_x;
  render.units = g_ptr_array_new_with_free_func ((GDestroyNotify) _yc_doc_unit_free);
  render.qr = QRcode_encodeString (builder->qr_payload != NULL ? builder->qr_payload : "",
                                   0, QR_ECLEVEL_M, QR_MODE_8, TRUE);
  if (render.qr == NULL)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_RENDER,
                   _("Could not make the QR code of the document: %s"), g_strerror (errno));
      g_object_unref (render.context);
      g_ptr_array_unref (render.units);
      return NULL;
    }

  for (guint c = 0; c < builder->copies->len; c++)
    {
      YcDocCopy *copy = g_ptr_array_index (builder->copies, c);
      guint first_unit = render.units->len;
      double gap = 0;

      _yc_doc_layout_masthead (&render, copy);
      for (guint b = 0; b < copy->blocks->len; b++)
        {
          YcDocBlock *block = g_ptr_array_index (copy->blocks, b);

          switch (block->kind)
            {
            case YC_DOC_BLOCK_PARAGRAPH:
              _yc_doc_layout_paragraph (&render, block, gap + render.g->para_gap);
              break;
            case YC_DOC_BLOCK_HEADING:
              _yc_doc_layout_paragraph (&render, block, gap + render.g->para_gap * 2);
              break;
            case YC_DOC_BLOCK_TABLE:
              _yc_doc_layout_table (&render, block, gap + render.g->para_gap);
              break;
            case YC_DOC_BLOCK_SIGNATURES:
              _yc_doc_layout_signatures (&render, block, gap + render.g->para_gap);
              break;
            case YC_DOC_BLOCK_SEAL:
              _yc_doc_layout_seal (&render, block, gap + render.g->para_gap * 2);
              break;
            case YC_DOC_BLOCK_SPACE:
              gap += block->space;
              continue;
            default:
              g_assert_not_reached ();
            }
          gap = 0;
        }
      /* On the receipt roll the QR code closes each copy. */
      if (!_yc_doc_masthead_has_qr (&render))
        _yc_doc_layout_qr (&render, gap + render.g->para_gap * 2);
      paginate (&render, copy, first_unit, pages);
    }

  /* Each page gets its own size before anything is drawn on it (the roll's follow their content). */
  surface = cairo_pdf_surface_create_for_stream (write_to_array, pdf, render.g->width,
                                                 render.g->height);
  if (pdf_title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Yichuang " PACKAGE_VERSION);
  if (created != NULL)
    {
      g_autofree char *date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }
  cr = cairo_create (surface);
  for (guint p = 0; p < pages->len; p++)
    {
      YcDocPage *page = g_ptr_array_index (pages, p);

      cairo_pdf_surface_set_size (surface, render.g->width, page->height);
      _yc_doc_draw_page_frame (&render, cr, page, page_format);
      for (guint u = 0; u < page->placed->len; u++)
        {
          Placed *placed = &g_array_index (page->placed, Placed, u);

          cairo_save (cr);
          placed->unit->draw (placed->unit, &render, cr, placed->y);
          cairo_restore (cr);
        }
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  QRcode_free (render.qr);
  g_ptr_array_unref (render.units);
  g_object_unref (render.context);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_RENDER,
                   _("Could not draw the document: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (n_pages != NULL)
    *n_pages = pages->len;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

GBytes *
_yc_doc_builder_render_pdf (YcDocBuilder *builder,
                            const char   *page_format,
                            const char   *pdf_title,
                            GDateTime    *created,
                            guint        *n_pages,
                            GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (builder->copies->len > 0, NULL);
  g_return_val_if_fail (builder->open_table == NULL, NULL);

  locker = g_mutex_locker_new (&render_lock);
  return render_locked (builder, page_format, pdf_title, created, n_pages, error);
}
