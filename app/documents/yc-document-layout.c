/* yc-document-layout.c: a small page layout engine (paragraphs, bordered tables, signature lines,
 * seal area, QR code) that paginates cleanly and draws to PDF with cairo and pango. */
#define G_LOG_DOMAIN "yc-documents"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "yc-document-private.h"

#define BODY_FONT "Noto Serif CJK SC"
#define HEADING_FONT "Noto Sans CJK SC"

/* --- the content, as the kinds code adds it --- */

typedef enum {
  BLOCK_PARAGRAPH,
  BLOCK_HEADING,
  BLOCK_SPACE,
  BLOCK_TABLE,
  BLOCK_SIGNATURES,
  BLOCK_SEAL,
} BlockKind;

typedef struct {
  char     *text;
  guint     span;
  gboolean  label;
} Cell;

typedef struct {
  BlockKind       kind;
  char           *text;          /* paragraph, heading; seal caption */
  YcDocParaFlags  flags;
  double          space;         /* BLOCK_SPACE */
  /* BLOCK_TABLE */
  guint           n_columns;
  double         *widths;        /* relative */
  GStrv           headers;       /* or NULL */
  GPtrArray      *rows;          /* of GArray of Cell */
  /* BLOCK_SIGNATURES */
  GStrv           labels;
  char           *date_label;
  /* BLOCK_SEAL */
  char           *issuer;
  char           *date;
} Block;

typedef struct {
  char      *title;
  char      *copy_label;
  GPtrArray *blocks;
} Copy;

struct _YcDocBuilder {
  YcDocFormat          format;
  const YcDocLanguage *language;
  char                *number_line;
  char                *qr_payload;
  char                *qr_caption;
  GPtrArray           *copies;
  Block               *open_table;
};

static void
cells_free (GArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    g_free (g_array_index (cells, Cell, i).text);
  g_array_unref (cells);
}

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->widths);
  g_strfreev (block->headers);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_strfreev (block->labels);
  g_free (block->date_label);
  g_free (block->issuer);
  g_free (block->date);
  g_free (block);
}

static void
copy_free (Copy *copy)
{
  g_free (copy->title);
  g_free (copy->copy_label);
  g_ptr_array_unref (copy->blocks);
  g_free (copy);
}

YcDocBuilder *
_yc_doc_builder_new (YcDocFormat          format,
                     const YcDocLanguage *language)
{
  YcDocBuilder *builder = g_new0 (YcDocBuilder, 1);

  builder->format = format;
  builder->language = language;
  builder->copies = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_free);
  return builder;
}

void
_yc_doc_builder_free (YcDocBuilder *builder)
{
  if (builder == NULL)
    return;
  g_free (builder->number_line);
  g_free (builder->qr_payload);
  g_free (builder->qr_caption);
  g_ptr_array_unref (builder->copies);
  g_free (builder);
}

void
_yc_doc_builder_set_identity (YcDocBuilder *builder,
                              const char   *number_line,
                              const char   *qr_payload,
                              const char   *qr_caption)
{
  g_free (builder->number_line);
  g_free (builder->qr_payload);
  g_free (builder->qr_caption);
  builder->number_line = g_strdup (number_line);
  builder->qr_payload = g_strdup (qr_payload);
  builder->qr_caption = g_strdup (qr_caption);
}

static Copy *
current_copy (YcDocBuilder *builder)
{
  g_return_val_if_fail (builder->copies->len > 0, NULL);
  return g_ptr_array_index (builder->copies, builder->copies->len - 1);
}

static Block *
add_block (YcDocBuilder *builder,
           BlockKind     kind)
{
  Block *block = g_new0 (Block, 1);

  g_return_val_if_fail (builder->open_table == NULL, block);
  block->kind = kind;
  g_ptr_array_add (current_copy (builder)->blocks, block);
  return block;
}

void
_yc_doc_builder_begin_copy (YcDocBuilder *builder,
                            const char   *title,
                            const char   *copy_label)
{
  Copy *copy = g_new0 (Copy, 1);

  copy->title = g_strdup (title);
  copy->copy_label = g_strdup (copy_label);
  copy->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_ptr_array_add (builder->copies, copy);
  /* The number line ("编号：…") opens every copy, right-aligned under the title. */
  if (builder->number_line != NULL)
    _yc_doc_builder_add_paragraph (builder, builder->number_line,
                                   YC_DOC_PARA_RIGHT | YC_DOC_PARA_KEEP_NEXT);
}

void
_yc_doc_builder_add_heading (YcDocBuilder *builder,
                             const char   *text)
{
  Block *block = add_block (builder, BLOCK_HEADING);

  block->text = g_strdup (text);
  block->flags = YC_DOC_PARA_KEEP_NEXT;
}

void
_yc_doc_builder_add_paragraph (YcDocBuilder  *builder,
                               const char    *text,
                               YcDocParaFlags flags)
{
  Block *block = add_block (builder, BLOCK_PARAGRAPH);

  block->text = g_strdup (text);
  block->flags = flags;
}

void
_yc_doc_builder_add_space (YcDocBuilder *builder,
                           double        points)
{
  add_block (builder, BLOCK_SPACE)->space = points;
}

void
_yc_doc_builder_begin_table (YcDocBuilder       *builder,
                             guint               n_columns,
                             const double       *widths,
                             const char * const *headers)
{
  Block *block = add_block (builder, BLOCK_TABLE);

  g_return_if_fail (n_columns > 0);
  block->n_columns = n_columns;
  block->widths = g_memdup2 (widths, n_columns * sizeof (double));
  block->headers = headers != NULL ? g_strdupv ((GStrv) headers) : NULL;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cells_free);
  builder->open_table = block;
}

void
_yc_doc_builder_add_row (YcDocBuilder    *builder,
                         const YcDocCell *cells,
                         guint            n_cells)
{
  GArray *row;
  guint span = 0;

  g_return_if_fail (builder->open_table != NULL);

  row = g_array_sized_new (FALSE, TRUE, sizeof (Cell), n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      Cell cell = { g_strdup (cells[i].text != NULL ? cells[i].text : ""), MAX (cells[i].span, 1),
                    cells[i].label };

      /* A row never reaches past the last column: the last cell absorbs any shortfall. */
      cell.span = MIN (cell.span,
                       builder->open_table->n_columns - MIN (span, builder->open_table->n_columns));
      if (cell.span == 0)
        {
          g_free (cell.text);
          continue;
        }
      span += cell.span;
      if (i == n_cells - 1 && span < builder->open_table->n_columns)
        cell.span += builder->open_table->n_columns - span;
      g_array_append_val (row, cell);
    }
  g_ptr_array_add (builder->open_table->rows, row);
}

void
_yc_doc_builder_add_row_texts (YcDocBuilder *builder,
                               const char   *first,
                               ...)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (YcDocCell));
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      YcDocCell cell = { text, 1, FALSE };

      g_array_append_val (cells, cell);
    }
  va_end (args);
  _yc_doc_builder_add_row (builder, (YcDocCell *) cells->data, cells->len);
}

void
_yc_doc_builder_end_table (YcDocBuilder *builder)
{
  g_return_if_fail (builder->open_table != NULL);
  builder->open_table = NULL;
}

void
_yc_doc_builder_add_signatures (YcDocBuilder       *builder,
                                const char * const *labels,
                                const char         *date_label)
{
  Block *block = add_block (builder, BLOCK_SIGNATURES);

  block->labels = g_strdupv ((GStrv) labels);
  block->date_label = g_strdup (date_label);
}

void
_yc_doc_builder_add_seal (YcDocBuilder *builder,
                          const char   *caption,
                          const char   *issuer,
                          const char   *date)
{
  Block *block = add_block (builder, BLOCK_SEAL);

  block->text = g_strdup (caption);
  block->issuer = g_strdup (issuer);
  block->date = g_strdup (date);
}

/* --- page geometry and type sizes per format --- */

typedef struct {
  double width;
  double height;
  double margin_x;
  double margin_top;
  double margin_bottom;
  double body_size;
  double small_size;
  double table_size;
  double heading_size;
  double title_size;
  double line_factor;      /* extra line height for prose */
  double para_gap;
  double cell_pad;
  double qr_size;
  double seal_radius;
  double sign_height;
  double running_header;   /* height reserved on continuation pages */
  double footer;           /* height reserved for the page number */
} Geometry;

static const Geometry geometry_a4 = {
  .width = 595, .height = 842, .margin_x = 56.7, .margin_top = 42, .margin_bottom = 40,
  .body_size = 11, .small_size = 9, .table_size = 10, .heading_size = 12, .title_size = 20,
  .line_factor = 1.06, .para_gap = 5, .cell_pad = 4, .qr_size = 66, .seal_radius = 40,
  .sign_height = 30, .running_header = 26, .footer = 20,
};

static const Geometry geometry_receipt = {
  .width = 226, .height = 600, .margin_x = 10, .margin_top = 12, .margin_bottom = 10,
  .body_size = 8.5, .small_size = 7, .table_size = 7.5, .heading_size = 9, .title_size = 13,
  .line_factor = 1.05, .para_gap = 3, .cell_pad = 2.5, .qr_size = 84, .seal_radius = 30,
  .sign_height = 22, .running_header = 20, .footer = 16,
};

/* --- layout: blocks become units, the pieces pagination moves as a whole --- */

typedef struct _Render Render;
typedef struct _Unit Unit;
typedef void (*UnitDrawFunc) (Unit    *unit,
                              Render  *render,
                              cairo_t *cr,
                              double   y);

typedef struct {
  PangoLayout *layout;
  double       x;
  double       width;
  gboolean     shaded;
} CellLayout;

struct _Unit {
  double        height;
  double        gap_before;       /* dropped at the top of a page */
  gboolean      keep_with_next;
  Unit         *header;           /* table rows: the header row to repeat after a page break */
  UnitDrawFunc  draw;
  Block        *block;
  /* one line of a paragraph */
  PangoLayout  *layout;
  int           line_index;
  double        line_x;
  double        baseline;         /* from the unit's top */
  /* a table row */
  GPtrArray    *cells;            /* CellLayout */
  /* a copy's masthead */
  Copy         *copy;
  PangoLayout  *layout2;
};

struct _Render {
  const Geometry *g;
  YcDocBuilder   *builder;
  PangoContext   *context;
  double          content_width;
  QRcode         *qr;
  GPtrArray      *units;          /* all units (owned) */
};

static void
cell_layout_free (CellLayout *cell)
{
  g_clear_object (&cell->layout);
  g_free (cell);
}

static void
unit_free (Unit *unit)
{
  g_clear_object (&unit->layout);
  g_clear_object (&unit->layout2);
  g_clear_pointer (&unit->cells, g_ptr_array_unref);
  g_free (unit);
}

static Unit *
unit_new (Render      *render,
          UnitDrawFunc draw,
          double       height)
{
  Unit *unit = g_new0 (Unit, 1);

  unit->draw = draw;
  unit->height = height;
  g_ptr_array_add (render->units, unit);
  return unit;
}

static PangoLayout *
make_layout (Render        *render,
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
draw_line (Unit    *unit,
           Render  *render,
           cairo_t *cr,
           double   y)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (unit->layout, unit->line_index);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, render->g->margin_x + unit->line_x, y + unit->baseline);
  pango_cairo_show_layout_line (cr, line);
}

static void
layout_paragraph (Render *render,
                  Block  *block,
                  double  gap_before)
{
  const Geometry *g = render->g;
  gboolean heading = block->kind == BLOCK_HEADING;
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
      Unit *unit;
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
draw_row (Unit    *unit,
          Render  *render,
          cairo_t *cr,
          double   y)
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

static Unit *
layout_row (Render   *render,
            Block    *block,
            GArray   *cells,
            gboolean  header,
            double   *column_x)
{
  const Geometry *g = render->g;
  Unit *unit = unit_new (render, draw_row, 0);
  double height = g->table_size * 1.9;
  guint column = 0;

  unit->block = block;
  unit->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_layout_free);
  for (guint i = 0; i < cells->len && column < block->n_columns; i++)
    {
      const Cell *cell = &g_array_index (cells, Cell, i);
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

static void
layout_table (Render *render,
              Block  *block,
              double  gap_before)
{
  g_autofree double *column_x = g_new0 (double, block->n_columns + 1);
  Unit *header = NULL;
  double total = 0;

  for (guint i = 0; i < block->n_columns; i++)
    total += block->widths[i];
  for (guint i = 0; i < block->n_columns; i++)
    column_x[i + 1] = column_x[i] + render->content_width * block->widths[i] / total;

  if (block->headers != NULL)
    {
      g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));

      for (guint i = 0; i < block->n_columns && block->headers[i] != NULL; i++)
        {
          Cell cell = { block->headers[i], 1, TRUE };

          g_array_append_val (cells, cell);
        }
      header = layout_row (render, block, cells, TRUE, column_x);
      header->gap_before = gap_before;
      /* A header never ends a page: it goes with the first row below it. */
      header->keep_with_next = TRUE;
    }

  for (guint r = 0; r < block->rows->len; r++)
    {
      Unit *row = layout_row (render, block, g_ptr_array_index (block->rows, r), FALSE, column_x);

      row->header = header;
      if (r == 0 && header == NULL)
        row->gap_before = gap_before;
    }
}

/* Signature lines. */

static void
draw_signatures (Unit    *unit,
                 Render  *render,
                 cairo_t *cr,
                 double   y)
{
  const Geometry *g = render->g;
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

static void
layout_signatures (Render *render,
                   Block  *block,
                   double  gap_before)
{
  guint n = g_strv_length (block->labels);
  double per = render->g->sign_height * (render->builder->format == YC_DOC_FORMAT_RECEIPT ? 2 : 1);
  Unit *unit = unit_new (render, draw_signatures, n * per + 4);

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
draw_seal (Unit    *unit,
           Render  *render,
           cairo_t *cr,
           double   y)
{
  const Geometry *g = render->g;
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

static void
layout_seal (Render *render,
             Block  *block,
             double  gap_before)
{
  const Geometry *g = render->g;
  Unit *unit = unit_new (render, draw_seal, 2 * g->seal_radius + 4);
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
draw_qr_block (Unit    *unit,
               Render  *render,
               cairo_t *cr,
               double   y)
{
  const Geometry *g = render->g;
  double x = g->margin_x + (render->content_width - g->qr_size) / 2;

  draw_qr_code (cr, render->qr, x, y, g->qr_size);
  if (unit->layout != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_layout (cr, unit->layout, g->margin_x, y + g->qr_size);
    }
}

static void
layout_qr (Render *render,
           double  gap_before)
{
  const Geometry *g = render->g;
  Unit *unit = unit_new (render, draw_qr_block, g->qr_size);

  unit->gap_before = gap_before;
  if (render->builder->qr_caption != NULL)
    {
      unit->layout = make_layout (render, render->builder->qr_caption, FALSE, BODY_FONT,
                                  g->small_size, FALSE, render->content_width, PANGO_ALIGN_CENTER);
      unit->height += layout_height (unit->layout);
    }
}

/* The masthead of a copy's first page: the title centred; on A4 the QR code at the top right. */

static gboolean
masthead_has_qr (Render *render)
{
  return render->builder->format == YC_DOC_FORMAT_A4;
}

static void
draw_masthead (Unit    *unit,
               Render  *render,
               cairo_t *cr,
               double   y)
{
  const Geometry *g = render->g;
  double side = masthead_has_qr (render) ? g->qr_size + 8 : 0;
  double title_height = layout_height (unit->layout)
                        + (unit->layout2 != NULL ? layout_height (unit->layout2) : 0);
  double title_y = y + (unit->height - title_height) / 2;

  if (masthead_has_qr (render))
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

static void
layout_masthead (Render *render,
                 Copy   *copy)
{
  const Geometry *g = render->g;
  double side = masthead_has_qr (render) ? g->qr_size + 8 : 0;
  double width = render->content_width - 2 * side;
  Unit *unit = unit_new (render, draw_masthead, 0);
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
  if (masthead_has_qr (render))
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

/* --- pagination --- */

typedef struct {
  Unit   *unit;
  double  y;
} Placed;

typedef struct {
  Copy   *copy;
  guint   index;        /* within the copy */
  guint   n_in_copy;    /* filled in when the copy is done */
  GArray *placed;       /* Placed */
} Page;

static void
page_free (Page *page)
{
  g_array_unref (page->placed);
  g_free (page);
}

static double
content_top (Render *render,
             guint   page_index)
{
  return render->g->margin_top + (page_index > 0 ? render->g->running_header : 0);
}

static double
content_bottom (Render *render)
{
  return render->g->height - render->g->margin_bottom - render->g->footer;
}

static Page *
page_new (Copy  *copy,
          guint  index)
{
  Page *page = g_new0 (Page, 1);

  page->copy = copy;
  page->index = index;
  page->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  return page;
}

static void
place (Page   *page,
       Unit   *unit,
       double  y)
{
  Placed placed = { unit, y };

  g_array_append_val (page->placed, placed);
}

/* Lays the units of one copy out on pages, appending them to @pages. */
static void
paginate (Render    *render,
          Copy      *copy,
          guint      first_unit,
          GPtrArray *pages)
{
  double bottom = content_bottom (render);
  guint first_page = pages->len;
  Page *page = page_new (copy, 0);
  double y = content_top (render, 0);

  g_ptr_array_add (pages, page);
  for (guint i = first_unit; i < render->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (render->units, i);
      gboolean at_top = page->placed->len == 0
                        || (page->placed->len == 1
                            && g_array_index (page->placed, Placed, 0).unit == unit->header);
      double gap = at_top ? 0 : unit->gap_before;
      double chain = gap + unit->height;

      /* Whatever must stay with this unit moves with it, unless the chain is longer than a page. */
      for (guint j = i; j + 1 < render->units->len; j++)
        {
          Unit *u = g_ptr_array_index (render->units, j);
          Unit *next = g_ptr_array_index (render->units, j + 1);

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
    ((Page *) g_ptr_array_index (pages, p))->n_in_copy = pages->len - first_page;
}

/* --- drawing pages --- */

static void
draw_page_frame (Render     *render,
                 cairo_t    *cr,
                 Page       *page,
                 const char *page_format)
{
  const Geometry *g = render->g;
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

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* The format comes from a translation of "Page %u of %u", which keeps both conversions. */
  number = g_strdup_printf (page_format, page->index + 1, page->n_in_copy);
#pragma GCC diagnostic pop
  footer = make_layout (render, number, FALSE, BODY_FONT, g->small_size, FALSE,
                        render->content_width, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout (cr, footer, g->margin_x, g->height - g->margin_bottom - layout_height (footer));
}

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
  Render render = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  render.g = builder->format == YC_DOC_FORMAT_RECEIPT ? &geometry_receipt : &geometry_a4;
  render.builder = builder;
  render.context = create_context ();
  render.content_width = render.g->width - 2 * render.g->margin_x;
  render.units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
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
      Copy *copy = g_ptr_array_index (builder->copies, c);
      guint first_unit = render.units->len;
      double gap = 0;

      layout_masthead (&render, copy);
      for (guint b = 0; b < copy->blocks->len; b++)
        {
          Block *block = g_ptr_array_index (copy->blocks, b);

          switch (block->kind)
            {
            case BLOCK_PARAGRAPH:
              layout_paragraph (&render, block, gap + render.g->para_gap);
              break;
            case BLOCK_HEADING:
              layout_paragraph (&render, block, gap + render.g->para_gap * 2);
              break;
            case BLOCK_TABLE:
              layout_table (&render, block, gap + render.g->para_gap);
              break;
            case BLOCK_SIGNATURES:
              layout_signatures (&render, block, gap + render.g->para_gap);
              break;
            case BLOCK_SEAL:
              layout_seal (&render, block, gap + render.g->para_gap * 2);
              break;
            case BLOCK_SPACE:
              gap += block->space;
              continue;
            default:
              g_assert_not_reached ();
            }
          gap = 0;
        }
      /* On the receipt roll the QR code closes each copy. */
      if (!masthead_has_qr (&render))
        layout_qr (&render, gap + render.g->para_gap * 2);
      paginate (&render, copy, first_unit, pages);
    }

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
      Page *page = g_ptr_array_index (pages, p);

      draw_page_frame (&render, cr, page, page_format);
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
