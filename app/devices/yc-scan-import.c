/* yc-scan-import.c: importing a PDF, JPEG or PNG file into the file store, copied as it is, with
 * its metadata; a PDF is checked and its pages counted with poppler. */
#define G_LOG_DOMAIN "yc-scanner"

#include <string.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "yc-lazy-lib.h"
#include "yc-scanner-private.h"

#define CHUNK_SIZE (64 * 1024)
/* Image headers are read from the start of the file: the size of JPEG's SOF marker and PNG's
 * IHDR/pHYs come before the image data, after at most an EXIF block with a thumbnail (< 64 KiB). */
#define HEAD_SIZE (256 * 1024)

typedef enum {
  KIND_UNKNOWN,
  KIND_JPEG,
  KIND_PNG,
  KIND_PDF,
} FileKind;

static FileKind
sniff (const guint8 *data,
       gsize         len)
{
  static const guint8 png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return KIND_JPEG;
  if (len >= 8 && memcmp (data, png_magic, 8) == 0)
    return KIND_PNG;
  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return KIND_PDF;
  return KIND_UNKNOWN;
}

static guint
be16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Walks the JPEG markers up to the frame header (SOFn): size, components, JFIF resolution. */
static gboolean
parse_jpeg_head (const guint8  *data,
                 gsize          len,
                 YcScannedPage *page)
{
  gsize pos = 2;

  while (pos + 4 <= len)
    {
      guint marker, seg;

      if (data[pos] != 0xff)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;   /* fill byte */
          continue;
        }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          pos += 2;
          continue;
        }
      seg = be16 (data + pos + 2);
      if (seg < 2 || pos + 2 + seg > len)
        return FALSE;

      /* APP0 "JFIF\0": units (1 = dpi, 2 = dots per cm), x density. */
      if (marker == 0xe0 && seg >= 14 && memcmp (data + pos + 4, "JFIF", 5) == 0)
        {
          guint units = data[pos + 11];
          guint x_density = be16 (data + pos + 12);

          if (units == 1)
            page->dpi = x_density;
          else if (units == 2)
            page->dpi = (guint) (x_density * 2.54 + 0.5);
        }
      /* SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc). */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          guint components;

          if (seg < 8)
            return FALSE;
          page->height = be16 (data + pos + 5);
          page->width = be16 (data + pos + 7);
          components = data[pos + 9];
          page->mode = components == 1 ? YC_SCAN_MODE_GRAY : YC_SCAN_MODE_COLOR;
          return page->width > 0 && page->height > 0;
        }
      if (marker == 0xda || marker == 0xd9)
        return FALSE;   /* image data or the end, and no frame header */
      pos += 2 + seg;
    }
  return FALSE;
}

/* IHDR for the size, bit depth and colour type; pHYs (pixels per metre) for the resolution. */
static gboolean
parse_png_head (const guint8  *data,
                gsize          len,
                YcScannedPage *page)
{
  gsize pos = 8;
  gboolean have_header = FALSE;

  while (pos + 12 <= len)
    {
      guint32 chunk_len = be32 (data + pos);
      const guint8 *type = data + pos + 4;
      const guint8 *body = data + pos + 8;

      if (chunk_len > len || pos + 12 + chunk_len > len)
        break;
      if (memcmp (type, "IHDR", 4) == 0 && chunk_len >= 13)
        {
          guint bit_depth = body[8], color_type = body[9];

          page->width = be32 (body);
          page->height = be32 (body + 4);
          if (color_type == 0 && bit_depth == 1)
            page->mode = YC_SCAN_MODE_LINEART;
          else if (color_type == 0 || color_type == 4)
            page->mode = YC_SCAN_MODE_GRAY;
          else
            page->mode = YC_SCAN_MODE_COLOR;
          have_header = TRUE;
        }
      else if (memcmp (type, "pHYs", 4) == 0 && chunk_len >= 9 && body[8] == 1)
        page->dpi = (guint) (be32 (body) * 0.0254 + 0.5);
      else if (memcmp (type, "IDAT", 4) == 0 || memcmp (type, "IEND", 4) == 0)
        break;
      pos += 12 + chunk_len;
    }
  return have_header && page->width > 0 && page->height > 0;
}

/* A PDF ends with "%%EOF" in its last kilobyte (ISO 32000-1, 7.5.5). poppler rebuilds a file cut
 * short from what is left and may open it with pages missing: such a file is refused here. */
static gboolean
has_eof_marker (const guint8 *data,
                gsize         len)
{
  gsize tail = MIN (len, (gsize) 1024);

  /* Searched as bytes: a compressed cross-reference stream may put NULs just before it. */
  for (gsize i = len - tail; i + 5 <= len; i++)
    if (memcmp (data + i, "%%EOF", 5) == 0)
      return TRUE;
  return FALSE;
}

/* Opens the PDF with poppler, as the assembler and the preview will: its pages, or why a clerk
 * cannot use it. Every page is looked up, so a file whose page tree points at missing objects is
 * refused now rather than when its material's PDF is made. */
static gboolean
check_pdf (GBytes     *bytes,
           const char *name,
           guint      *n_pages,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int n = 0;
  gboolean complete = TRUE;

  /* poppler is loaded on first use (yc-lazy-lib.h); without it no PDF can be checked. */
  if (!yc_poppler_load (&local_error))
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED, "%s", local_error->message);
      return FALSE;
    }
  if (!has_eof_marker (data, len))
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED,
                   _("The PDF “%s” is incomplete: the file was cut short, perhaps while it was "
                     "copied or downloaded. Copy it again, or scan the paper instead."), name);
      return FALSE;
    }
  doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_ENCRYPTED,
                     _("The PDF “%s” is protected by a password. Ask for a copy without the "
                       "password, or scan the paper instead."), name);
      else
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED,
                     _("The PDF “%s” is damaged and cannot be read (%s). Ask for the file again, "
                       "or scan the paper instead."), name, local_error->message);
      return FALSE;
    }

  n = poppler_document_get_n_pages (doc);
  for (int i = 0; i < n && complete; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);

      complete = page != NULL;
      g_clear_object (&page);
    }
  g_object_unref (doc);
  if (n <= 0 || !complete)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED,
                   n <= 0 ? _("The PDF “%s” has no pages. Ask for the file again, or scan the "
                              "paper instead.")
                          : _("The PDF “%s” is damaged: some of its pages cannot be read. Ask for "
                              "the file again, or scan the paper instead."), name);
      return FALSE;
    }
  *n_pages = (guint) n;
  return TRUE;
}

YcScannedPage *
yc_scan_import_file (YcFileStore  *files,
                     GFile        *file,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) head = NULL;
  g_autoptr(GByteArray) whole = NULL;
  g_autofree guint8 *chunk = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  YcFileStoreWriter *writer = NULL;
  FileKind kind = KIND_UNKNOWN;
  guint64 size = 0;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Messages name the file as the clerk chose it, without its folder. */
  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename);
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                     _("The file “%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  writer = yc_file_store_writer_new (files, &local_error);
  if (writer == NULL)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The file “%s” could not be saved: %s"), name, local_error->message);
      return NULL;
    }

  chunk = g_malloc (CHUNK_SIZE);
  head = g_byte_array_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, CHUNK_SIZE, cancellable,
                                      &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                         _("The file “%s” cannot be read: %s"), name, local_error->message);
          goto fail;
        }
      if (n == 0)
        break;

      if (size == 0)
        {
          kind = sniff (chunk, n);
          if (kind == KIND_UNKNOWN)
            {
              g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                           _("The file “%s” is not a PDF, JPEG or PNG file. Save it in one of "
                             "these formats and import it again."), name);
              goto fail;
            }
          /* poppler needs the whole document; it is checked on the very bytes that are stored. */
          if (kind == KIND_PDF)
            whole = g_byte_array_new ();
        }
      if (head->len < HEAD_SIZE)
        g_byte_array_append (head, chunk, MIN ((gsize) n, HEAD_SIZE - head->len));
      if (whole != NULL)
        g_byte_array_append (whole, chunk, n);

      if (!yc_file_store_writer_write (writer, chunk, n, &local_error))
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                       _("The file “%s” could not be saved: %s"), name, local_error->message);
          goto fail;
        }
      size += n;
    }

  if (size == 0)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID, _("The file “%s” is empty."), name);
      goto fail;
    }

  page = g_new0 (YcScannedPage, 1);
  page->size = size;
  page->page_count = 1;
  switch (kind)
    {
    case KIND_JPEG:
      page->content_type = g_strdup ("image/jpeg");
      if (!parse_jpeg_head (head->data, head->len, page))
        goto damaged;
      break;
    case KIND_PNG:
      page->content_type = g_strdup ("image/png");
      if (!parse_png_head (head->data, head->len, page))
        goto damaged;
      break;
    case KIND_PDF:
      {
        g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&whole));

        page->content_type = g_strdup ("application/pdf");
        if (!check_pdf (bytes, name, &page->page_count, error))
          goto fail;
      }
      break;
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  page->sha256 = yc_file_store_writer_commit (g_steal_pointer (&writer), &local_error);
  if (page->sha256 == NULL)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The file “%s” could not be saved: %s"), name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&page);

damaged:
  g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
               _("The image “%s” is damaged: its size cannot be read. Scan the paper instead."),
               name);
fail:
  yc_file_store_writer_abort (writer);
  return NULL;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  YcScannedPage *page = yc_scan_import_file (source_object, task_data, cancellable, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) yc_scanned_page_free);
}

void
yc_scan_import_file_async (YcFileStore        *files,
                           GFile              *file,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_FILE_STORE (files));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (files, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_scan_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

YcScannedPage *
yc_scan_import_file_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_scan_import_file_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
