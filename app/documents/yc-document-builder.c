/* yc-document-builder.c: the content of a document as the kinds code adds it: copies made of
 * blocks (paragraphs, headings, tables, signature lines, seal areas). */
#define G_LOG_DOMAIN "yc-documents"

#include "yc-document-private.h"

static void
cells_free (GArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    g_free (g_array_index (cells, YcDocTableCell, i).text);
  g_array_unref (cells);
}

static void
block_free (YcDocBlock *block)
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
copy_free (YcDocCopy *copy)
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

static YcDocCopy *
current_copy (YcDocBuilder *builder)
{
  g_return_val_if_fail (builder->copies->len > 0, NULL);
  return g_ptr_array_index (builder->copies, builder->copies->len - 1);
}

static YcDocBlock *
add_block (YcDocBuilder  *builder,
           YcDocBlockKind kind)
{
  YcDocBlock *block = g_new0 (YcDocBlock, 1);

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
  YcDocCopy *copy = g_new0 (YcDocCopy, 1);

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
  YcDocBlock *block = add_block (builder, YC_DOC_BLOCK_HEADING);

  block->text = g_strdup (text);
  block->flags = YC_DOC_PARA_KEEP_NEXT;
}

void
_yc_doc_builder_add_paragraph (YcDocBuilder  *builder,
                               const char    *text,
                               YcDocParaFlags flags)
{
  YcDocBlock *block = add_block (builder, YC_DOC_BLOCK_PARAGRAPH);

  block->text = g_strdup (text);
  block->flags = flags;
}

void
_yc_doc_builder_add_space (YcDocBuilder *builder,
                           double        points)
{
  add_block (builder, YC_DOC_BLOCK_SPACE)->space = points;
}

void
_yc_doc_builder_begin_table (YcDocBuilder       *builder,
                             guint               n_columns,
                             const double       *widths,
                             const char * const *headers)
{
  YcDocBlock *block = add_block (builder, YC_DOC_BLOCK_TABLE);

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

  row = g_array_sized_new (FALSE, TRUE, sizeof (YcDocTableCell), n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      YcDocTableCell cell = { g_strdup (cells[i].text != NULL ? cells[i].text : ""),
                              MAX (cells[i].span, 1), cells[i].label };

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
  YcDocBlock *block = add_block (builder, YC_DOC_BLOCK_SIGNATURES);

  block->labels = g_strdupv ((GStrv) labels);
  block->date_label = g_strdup (date_label);
}

void
_yc_doc_builder_add_seal (YcDocBuilder *builder,
                          const char   *caption,
                          const char   *issuer,
                          const char   *date)
{
  YcDocBlock *block = add_block (builder, YC_DOC_BLOCK_SEAL);

  block->text = g_strdup (caption);
  block->issuer = g_strdup (issuer);
  block->date = g_strdup (date);
}
