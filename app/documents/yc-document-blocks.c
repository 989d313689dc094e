/* yc-document-blocks.c: each block measured into units (the pieces pagination moves whole) and
 * drawn: paragraph lines, table rows, signature lines, the seal area, the QR code, the masthead,
 * and the frame of each page. */
#define G_LOG_DOMAIN "yc-documents"

#include <string.h>
#include <pango/pangocairo.h>

#include "yc-document-private.h"

#define BODY_FONT "Noto Serif CJK SC"
#define HEADING_FONT "Noto Sans CJK SC"

/* A table cell (or the QR caption of a masthead), laid out. */
typedef struct {
  PangoLayout *layout;
  double       x;
  double       width;
  gboolean     shaded;
} CellLayout;

static void
cell_layout_free (CellLayout *cell)
{
  g_clear_object (&cell->layout);
  g_free (cell);
}

void
_yc_doc_unit_free (YcDocUnit *unit)
{
  g_clear_object (&unit->layout);
  g_clear_object (&unit->layout2);
  g_clear_pointer (&unit->cells, g_ptr_array_unref);
  g_free (unit);
}

static YcDocUnit *
unit_new (YcDocRender      *render,
          YcDocUnitDrawFunc draw,
          double            height)
{
  YcDocUnit *unit = g_new0 (YcDocUnit, 1);

  unit->draw = draw;
  unit->height = height;
  g_ptr_array_add (render->units, unit);
  return unit;
}

static PangoLayout *
make_layout (YcDocRender   *render,
             const char    *text,
             gboolean       markup,
             const char    *family,
             double         size,
             gboolean       bold,
             double         width,
             PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (render->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Paragraph lines: each line is a unit, so long prose breaks between lines, never through one. */

static void
draw_line (YcDocUnit   *unit,
           YcDocRender *render,
           cairo_t     *cr,
           double       y)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (unit->layout, unit->line_index);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, render->g->margin_x + unit->line_x, y + unit->baseline);
  pango_cairo_show_layout_line (cr, line);
}

void
_yc_doc_layout_paragraph (YcDocRender *render,
                          YcDocBlock  *block,
                          double       gap_before)
{
  const YcDocGeometry *g = render->g;
  gboolean heading = block->kind == YC_DOC_BLOCK_HEADING;
  gboolean small = (block->flags & YC_DOC_PARA_SMALL) != 0;
  double size = heading ? g->heading_size : small ? g->small_size : g->body_size;
  PangoAlignment alignment = (block->flags & YC_DOC_PARA_RIGHT) ? PANGO_ALIGN_RIGHT
                             : (block->flags & YC_DOC_PARA_CENTER) ? PANGO_ALIGN_CENTER
                             : PANGO_ALIGN_LEFT;
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  double factor = heading ? 1.0 : g->line_factor;
  int index = 0;

  layout = make_layout (render, block->text, (block->flags & YC_DOC_PARA_MARKUP) != 0,
                        heading ? HEADING_FONT : BODY_FONT, size,
                        heading || (block->flags & YC_DOC_PARA_BOLD) != 0,
                        render->content_width, alignment);
  if (block->flags & YC_DOC_PARA_INDENT)
    pango_layout_set_indent (layout, (int) (2 * size * PANGO_SCALE));

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      YcDocUnit *unit;
      double line_height, extra;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_height = (double) logical.height / PANGO_SCALE;
      extra = line_height * (factor - 1.0);
      unit = unit_new (render, draw_line, line_height + extra);
      unit->block = block;
      unit->layout = g_object_ref (layout);
      unit->line_index = index++;
      unit->line_x = (double) logical.x / PANGO_SCALE;
      unit->baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE
                       + extra / 2;
      unit->gap_before = unit->line_index == 0 ? gap_before : 0;
      /* Keep the first two and last two lines of a paragraph together (no widows or orphans), and a
       * heading or a KEEP_NEXT paragraph with what follows. */
      unit->keep_with_next = (block->flags & YC_DOC_PARA_KEEP_NEXT) != 0
                             || unit->line_index == 0
                             || pango_layout_get_line_count (layout) - unit->line_index == 2;
      if (pango_layout_get_line_count (layout) == unit->line_index + 1)
        unit->keep_with_next = (block->flags & YC_DOC_PARA_KEEP_NEXT) != 0;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Table rows. */

static void
draw_row (YcDocUnit   *unit,
          YcDocRender *render,
          cairo_t     *cr,
          double       y)
{
  double x0 = render->g->margin_x;

  for (guint i = 0; i < unit->cells->len; i++)
    {
      CellLayout *cell = g_ptr_array_index (unit->cells, i);
      double text_height = layout_height (cell->layout);

      if (cell->shaded)
        {
          cairo_rectangle (cr, x0 + cell->x, y, cell->width, unit->height);
          cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      /* Text vertically centred in the row. */
      show_layout (cr, cell->layout, x0 + cell->x + render->g->cell_pad,
                   y + (unit->height - text_height) / 2);
      cairo_rectangle (cr, x0 + cell->x, y, cell->width, unit->height);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
    }
}

/* Sequence numbers and counts (short runs of digits), not passwords or codes. */
static gboolean
is_number (const char *text)
{
  if (*text == '\0' || strlen (text) > 4)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static YcDocUnit *
layout_row (YcDocRender *render,
            YcDocBlock  *block,
            GArray      *cells,
            gboolean     header,
            double      *column_x)
{
  const YcDocGeometry *g = render->g;
  YcDocUnit *unit = unit_new (render, draw_row, 0);
  double height = g->table_size * 1.9;
  guint column = 0;

  unit->block = block;
  unit->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_layout_free);
  for (guint i = 0; i < cells->len && column < block->n_columns; i++)
    {
      const YcDocTableCell *cell = &g_array_index (cells, YcDocTableCell, i);
      CellLayout *layout = g_new0 (CellLayout, 1);
      guint end = MIN (column + cell->span, block->n_columns);
      gboolean centred;

      layout->x = column_x[column];
      layout->width = column_x[end] - column_x[column];
      layout->shaded = header || cell->label;
      /* Labels, headers and plain numbers (sequence numbers, counts) are centred; text reads from
       * the left. */
      centred = header || cell->label || (cell->span == 1 && is_number (cell->text));
      layout->layout = make_layout (render, cell->text, FALSE, header ? HEADING_FONT : BODY_FONT,
                                    g->table_size, header, layout->width - 2 * g->cell_pad,
                                    centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layout->layout) + 2 * g->cell_pad);
      g_ptr_array_add (unit->cells, layout);
      column = end;
    }
  unit->height = height;
  return unit;
}

void
_yc_doc_layout_table (YcDocRender *render,
                      YcDocBlock  *block,
                      double       gap_before)
{
  g_autofree double *column_x = g_new0 (double, block->n_columns + 1);
  YcDocUnit *header = NULL;
  double total = 0;

  for (guint i = 0; i < block->n_columns; i++)
    total += block->widths[i];
  for (guint i = 0; i < block->n_columns; i++)
    column_x[i + 1] = column_x[i] + render->content_width * block->widths[i] / total;

  if (block->headers != NULL)
    {
      g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (YcDocTableCell));

      for (guint i = 0; i < block->n_columns && block->headers[i] != NULL; i++)
        {
          YcDocTableCell cell = { block->headers[i], 1, TRUE };

          g_array_append_val (cells, cell);
        }
      header = layout_row (render, block, cells, TRUE, column_x);
      header->gap_before = gap_before;
      /* A header never ends a page: it goes with the first row below it. */
      header->keep_with_next = TRUE;
    }

  for (guint r = 0; r < block->rows->len; r++)
    {
      YcDocUnit *row = layout_row (render, block, g_ptr_array_index (block->rows, r), FALSE,
                                   column_x);

      row->header = header;
      if (r == 0 && header == NULL)
        row->gap_before = gap_before;
    }
}

/* Signature lines. */

static void
draw_signatures (YcDocUnit   *unit,
                 YcDocRender *render,
                 cairo_t     *cr,
                 double       y)
{
  const YcDocGeometry *g = render->g;
  double x0 = g->margin_x;
  gboolean narrow = render->builder->format == YC_DOC_FORMAT_RECEIPT;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; unit->block->labels[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) label = make_layout (render, unit->block->labels[i], FALSE, BODY_FONT,
                                                  g->body_size, FALSE, -1, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) date = make_layout (render, unit->block->date_label, FALSE, BODY_FONT,
                                                 g->body_size, FALSE, -1, PANGO_ALIGN_LEFT);
      double row_y = y + i * g->sign_height * (narrow ? 2 : 1);
      double text_y = row_y + g->sign_height - layout_height (label) - 2;
      int label_width, date_width;
      double line_end;

      pango_layout_get_size (label, &label_width, NULL);
      pango_layout_get_size (date, &date_width, NULL);
      show_layout (cr, label, x0, text_y);
      line_end = narrow ? x0 + render->content_width
                        : x0 + render->content_width - (double) date_width / PANGO_SCALE - 24;
      cairo_move_to (cr, x0 + (double) label_width / PANGO_SCALE + 2, row_y + g->sign_height - 2);
      cairo_line_to (cr, line_end, row_y + g->sign_height - 2);
      cairo_stroke (cr);
      if (narrow)
        show_layout (cr, date, x0 + render->content_width - (double) date_width / PANGO_SCALE,
                     text_y + g->sign_height);
      else
        show_layout (cr, date, x0 + render->content_width - (double) date_width / PANGO_SCALE,
                     text_y);
    }
}

void
_yc_doc_layout_signatures (YcDocRender *render,
                           YcDocBlock  *block,
                           double       gap_before)
{
  guint n = g_strv_length (block->labels);
  double per = render->g->sign_height * (render->builder->format == YC_DOC_FORMAT_RECEIPT ? 2 : 1);
  YcDocUnit *unit = unit_new (render, draw_signatures, n * per + 4);

  unit->block = block;
  unit->gap_before = gap_before;
  /* The seal area that follows belongs with the signatures. */
  unit->keep_with_next = TRUE;
}

/* The seal area: issuer and date right-aligned, a dashed circle where the seal goes over them. */

static double
logical_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Where the text of a layout starts: a wrapped, centred layout has its lines inset in its width. */
static double
logical_x (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.x / PANGO_SCALE;
}

static void
draw_seal (YcDocUnit   *unit,
           YcDocRender *render,
           cairo_t     *cr,
           double       y)
{
  const YcDocGeometry *g = render->g;
  double right = g->margin_x + render->content_width;
  double radius = g->seal_radius;
  double issuer_width = logical_width (unit->layout);
  double issuer_height = layout_height (unit->layout);
  double text_height = issuer_height + layout_height (unit->layout2);
  double cx, cy, top;
  static const double dash[] = { 3, 2.5 };
  g_autoptr(PangoLayout) caption = make_layout (render, unit->block->text, FALSE, HEADING_FONT,
                                                g->small_size, FALSE, -1, PANGO_ALIGN_CENTER);

  /* The circle sits over the middle of the issuer line, as a stamped seal does. */
  cx = right - MAX (issuer_width / 2, radius) - 2;
  cy = y + radius + 2;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.8);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_stroke (cr);
  show_layout (cr, caption, cx - logical_width (caption) / 2, cy - radius * 0.78);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  top = cy - text_height / 2 + radius * 0.12;
  show_layout (cr, unit->layout, cx - issuer_width / 2 - logical_x (unit->layout), top);
  show_layout (cr, unit->layout2, cx - logical_width (unit->layout2) / 2, top + issuer_height);
}

void
_yc_doc_layout_seal (YcDocRender *render,
                     YcDocBlock  *block,
                     double       gap_before)
{
  const YcDocGeometry *g = render->g;
  YcDocUnit *unit = unit_new (render, draw_seal, 2 * g->seal_radius + 4);
  double max_width = render->content_width * 0.7;

  unit->block = block;
  unit->gap_before = gap_before;
  unit->layout = make_layout (render, block->issuer, FALSE, BODY_FONT, g->body_size, FALSE, -1,
                              PANGO_ALIGN_CENTER);
  /* A long issuer name wraps rather than running off the page. */
  if (logical_width (unit->layout) > max_width)
    pango_layout_set_width (unit->layout, (int) (max_width * PANGO_SCALE));
  unit->layout2 = make_layout (render, block->date, FALSE, BODY_FONT, g->body_size, FALSE, -1,
                               PANGO_ALIGN_CENTER);
}

/* The QR code: modules as filled rectangles (horizontal runs merged), a four-module quiet zone. */

static void
draw_qr_code (cairo_t *cr,
              QRcode  *qr,
              double   x,
              double   y,
              double   size)
{
  const int quiet = 4;
  double m = size / (qr->width + 2 * quiet);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int r = 0; r < qr->width; r++)
    {
      int c = 0;

      while (c < qr->width)
        {
          int start;

          if (!(qr->data[r * qr->width + c] & 1))
            {
              c++;
              continue;
            }
          start = c;
          while (c < qr->width && (qr->data[r * qr->width + c] & 1))
            c++;
          cairo_rectangle (cr, x + (quiet + start) * m, y + (quiet + r) * m, (c - start) * m, m);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_qr_block (YcDocUnit   *unit,
               YcDocRender *render,
               cairo_t     *cr,
               double       y)
{
  const YcDocGeometry *g = render->g;
  double x = g->margin_x + (render->content_width - g->qr_size) / 2;

  draw_qr_code (cr, render->qr, x, y, g->qr_size);
  if (unit->layout != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_layout (cr, unit->layout, g->margin_x, y + g->qr_size);
    }
}

void
_yc_doc_layout_qr (YcDocRender *render,
                   double       gap_before)
{
  const YcDocGeometry *g = render->g;
  YcDocUnit *unit = unit_new (render, draw_qr_block, g->qr_size);

  unit->gap_before = gap_before;
  if (render->builder->qr_caption != NULL)
    {
      unit->layout = make_layout (render, render->builder->qr_caption, FALSE, BODY_FONT,
                                  g->small_size, FALSE, render->content_width, PANGO_ALIGN_CENTER);
      unit->height += layout_height (unit->layout);
    }
}

/* The masthead of a copy's first page: the title centred; on A4 the QR code at the top right. */

gboolean
_yc_doc_masthead_has_qr (YcDocRender *render)
{
  return render->builder->format == YC_DOC_FORMAT_A4;
}

static void
draw_masthead (YcDocUnit   *unit,
               YcDocRender *render,
               cairo_t     *cr,
               double       y)
{
  const YcDocGeometry *g = render->g;
  double side = _yc_doc_masthead_has_qr (render) ? g->qr_size + 8 : 0;
  double title_height = layout_height (unit->layout)
                        + (unit->layout2 != NULL ? layout_height (unit->layout2) : 0);
  double title_y = y + (unit->height - title_height) / 2;

  if (_yc_doc_masthead_has_qr (render))
    {
      double caption_height = 0;

      draw_qr_code (cr, render->qr, g->margin_x + render->content_width - g->qr_size, y,
                    g->qr_size);
      if (unit->cells != NULL)
        {
          CellLayout *caption = g_ptr_array_index (unit->cells, 0);

          caption_height = layout_height (caption->layout);
          cairo_set_source_rgb (cr, 0, 0, 0);
          show_layout (cr, caption->layout, g->margin_x + render->content_width - g->qr_size - 8,
                       y + g->qr_size);
        }
      /* Centre the title on the QR code itself, not on the code plus its caption. */
      title_y = y + (g->qr_size + caption_height / 2 - title_height) / 2;
      title_y = MAX (title_y, y);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout (cr, unit->layout, g->margin_x + side, title_y);
  if (unit->layout2 != NULL)
    show_layout (cr, unit->layout2, g->margin_x + side, title_y + layout_height (unit->layout));
}

void
_yc_doc_layout_masthead (YcDocRender *render,
                         YcDocCopy   *copy)
{
  const YcDocGeometry *g = render->g;
  double side = _yc_doc_masthead_has_qr (render) ? g->qr_size + 8 : 0;
  double width = render->content_width - 2 * side;
  YcDocUnit *unit = unit_new (render, draw_masthead, 0);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  double height;

  unit->copy = copy;
  unit->layout = make_layout (render, copy->title, FALSE, HEADING_FONT, g->title_size, TRUE, width,
                              PANGO_ALIGN_CENTER);
  /* Short Chinese titles are letter-spaced, as printed forms are. */
  if (g_utf8_strlen (copy->title, -1) <= 8 && !g_str_is_ascii (copy->title))
    {
      int spacing = (int) (g->title_size * 0.3 * PANGO_SCALE);

      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (spacing));
      pango_layout_set_attributes (unit->layout, attrs);
    }
  height = layout_height (unit->layout);
  if (copy->copy_label != NULL)
    {
      unit->layout2 = make_layout (render, copy->copy_label, FALSE, HEADING_FONT, g->body_size,
                                   FALSE, width, PANGO_ALIGN_CENTER);
      height += layout_height (unit->layout2);
    }
  if (_yc_doc_masthead_has_qr (render))
    {
      CellLayout *caption = g_new0 (CellLayout, 1);

      unit->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_layout_free);
      const char *text = render->builder->qr_caption ? render->builder->qr_caption : "";

      caption->layout = make_layout (render, text, FALSE, BODY_FONT, g->small_size * 0.9, FALSE,
                                     g->qr_size + 8, PANGO_ALIGN_CENTER);
      g_ptr_array_add (unit->cells, caption);
      height = MAX (height, g->qr_size + layout_height (caption->layout));
    }
  unit->height = height;
  unit->keep_with_next = TRUE;
}

/* The frame of every page: on continuation pages a running header, on each numbered page its
 * number. */

void
_yc_doc_draw_page_frame (YcDocRender *render,
                         cairo_t     *cr,
                         YcDocPage   *page,
                         const char  *page_format)
{
  const YcDocGeometry *g = render->g;
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) footer = NULL;

  if (page->index > 0)
    {
      /* Continuation pages: the title and the case number on a ruled running header. */
      /* The copy's label only where there is room for it: the roll has 206 pt for both sides. */
      gboolean labelled = page->copy->copy_label != NULL
                          && render->builder->format == YC_DOC_FORMAT_A4;
      g_autofree char *title = labelled ? g_strdup_printf ("%s（%s）", page->copy->title,
                                                           page->copy->copy_label)
                                        : g_strdup (page->copy->title);
      double half = render->content_width * 0.5;
      g_autoptr(PangoLayout) left = make_layout (render, title, FALSE, HEADING_FONT, g->small_size,
                                                 FALSE, half, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) right = make_layout (render, render->builder->number_line, FALSE,
                                                  BODY_FONT, g->small_size, FALSE, half,
                                                  PANGO_ALIGN_RIGHT);
      double rule = g->margin_top + g->running_header - 8;

      cairo_set_source_rgb (cr, 0, 0, 0);
      show_layout (cr, left, g->margin_x, rule - 2 - layout_height (left));
      show_layout (cr, right, g->margin_x + render->content_width * 0.5,
                   rule - 2 - layout_height (right));
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, g->margin_x, rule);
      cairo_line_to (cr, g->margin_x + render->content_width, rule);
      cairo_stroke (cr);
    }

  if (!page->numbered)
    return;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* The format comes from a translation of "Page %u of %u", which keeps both conversions. */
  number = g_strdup_printf (page_format, page->index + 1, page->n_in_copy);
#pragma GCC diagnostic pop
  footer = make_layout (render, number, FALSE, BODY_FONT, g->small_size, FALSE,
                        render->content_width, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout (cr, footer, g->margin_x, page->height - g->margin_bottom - layout_height (footer));
}
