/* yc-page-pdf.c: assembles a material's scanned and imported pages into one PDF with cairo, JPEG
 * data passed through, imported PDFs drawn by poppler as vectors, into the file store. */
#define G_LOG_DOMAIN "yc-documents"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <jpeglib.h>
#include <poppler.h>
#include <glib/gi18n.h>

#include "yc-lazy-lib.h"
#include "yc-page-pdf.h"

/* A page whose resolution nobody recorded is taken to be a 300 dpi scan. */
#define FALLBACK_DPI 300

G_DEFINE_QUARK (yc-page-pdf-error-quark, yc_page_pdf_error)

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
} JpegErrorMgr;

typedef struct {
  YcFileStoreWriter *writer;
  GError            *error;
} PdfOutput;

static void
jpeg_error_exit_cb (j_common_ptr cinfo)
{
  longjmp (((JpegErrorMgr *) cinfo->err)->jump, 1);
}

static void
jpeg_silent_cb (j_common_ptr cinfo)
{
}

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfOutput *out = closure;

  if (out->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!yc_file_store_writer_write (out->writer, data, length, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* The JPEG's size and resolution from its header; the rest is never decoded. */
static gboolean
read_jpeg_info (GBytes *bytes,
                guint  *width,
                guint  *height,
                guint  *dpi)
{
  struct jpeg_decompress_struct cinfo;
  JpegErrorMgr jerr;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = jpeg_error_exit_cb;
  jerr.pub.output_message = jpeg_silent_cb;
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, len);
  jpeg_read_header (&cinfo, TRUE);
  *width = cinfo.image_width;
  *height = cinfo.image_height;
  *dpi = 0;
  if (cinfo.saw_JFIF_marker && cinfo.density_unit == 1)
    *dpi = cinfo.X_density;
  else if (cinfo.saw_JFIF_marker && cinfo.density_unit == 2)
    *dpi = (guint) (cinfo.X_density * 2.54 + 0.5);
  jpeg_destroy_decompress (&cinfo);
  return *width > 0 && *height > 0;
}

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         pos;
} ReadCursor;

static cairo_status_t
png_read_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  ReadCursor *cursor = closure;

  if (cursor->len - cursor->pos < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, cursor->data + cursor->pos, length);
  cursor->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The resolution from pHYs (pixels per metre). */
static void
read_png_info (const guint8 *data,
               gsize         len,
               guint        *dpi)
{
  gsize pos = 8;

  *dpi = 0;
  while (pos + 12 <= len)
    {
      guint32 chunk_len = read_be32 (data + pos);
      const guint8 *type = data + pos + 4;
      const guint8 *body = data + pos + 8;

      if (chunk_len > len - pos - 12)
        break;
      if (memcmp (type, "pHYs", 4) == 0 && chunk_len >= 9 && body[8] == 1)
        *dpi = (guint) (read_be32 (body) * 0.0254 + 0.5);
      else if (memcmp (type, "IDAT", 4) == 0)
        break;
      pos += 12 + chunk_len;
    }
}

/* A JPEG page for cairo: a 1 × 1 image surface carrying the whole JPEG (CAIRO_MIME_TYPE_JPEG),
 * drawn scaled to the page. The PDF backend embeds the JPEG as it is, with its own size, into the
 * area the surface covers; the surface's pixel would only be used if cairo had to fall back to
 * pixels, which painting an opaque image into a PDF never does. A full-size surface would cost a
 * page of pixels (22 MB for A4 at 300 dpi) for nothing: cairo's recording keeps a copy-on-write
 * snapshot of it, copied when the surface goes away (measured: 47 MB added peak for a 10-page
 * batch, against 1 MB now). */
static cairo_surface_t *
jpeg_surface_new (GBytes     *jpeg,
                  const char *unique_id)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);

  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, data, len,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  /* The same file twice (a page scanned again, identical sheets) is embedded once. */
  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_UNIQUE_ID, (const guint8 *) unique_id,
                               strlen (unique_id), g_free, g_strdup (unique_id));
  return image;
}

void
yc_page_pdf_turn (cairo_t *cr,
                  double   w_pt,
                  double   h_pt,
                  guint    rotation)
{
  switch (rotation)
    {
    case 90:
      cairo_translate (cr, h_pt, 0);
      cairo_rotate (cr, G_PI / 2);
      break;
    case 180:
      cairo_translate (cr, w_pt, h_pt);
      cairo_rotate (cr, G_PI);
      break;
    case 270:
      cairo_translate (cr, 0, w_pt);
      cairo_rotate (cr, -G_PI / 2);
      break;
    default:
      break;
    }
}

/* Starts a page of @w_pt × @h_pt points as it lies before @rotation (clockwise), and returns a
 * context in which the unrotated content is drawn from (0, 0). */
static cairo_t *
begin_page (cairo_surface_t *pdf,
            double           w_pt,
            double           h_pt,
            guint            rotation)
{
  cairo_t *cr;

  if (rotation == 90 || rotation == 270)
    cairo_pdf_surface_set_size (pdf, h_pt, w_pt);
  else
    cairo_pdf_surface_set_size (pdf, w_pt, h_pt);

  cr = cairo_create (pdf);
  yc_page_pdf_turn (cr, w_pt, h_pt, rotation);
  return cr;
}

/* A scanned or imported image: one page the size of the paper (pixels / dpi). */
static gboolean
draw_image (cairo_surface_t *pdf,
            GBytes          *bytes,
            const YcPdfPage *page)
{
  cairo_surface_t *image = NULL;
  gboolean is_jpeg = FALSE;
  cairo_t *cr;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint width = 0, height = 0, file_dpi = 0;
  double dpi, w_pt, h_pt;

  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    {
      if (!read_jpeg_info (bytes, &width, &height, &file_dpi))
        return FALSE;
      image = jpeg_surface_new (bytes, page->sha256);
      is_jpeg = TRUE;
    }
  else if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      ReadCursor cursor = { data, len, 0 };

      read_png_info (data, len, &file_dpi);
      image = cairo_image_surface_create_from_png_stream (png_read_cb, &cursor);
      if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (image);
          return FALSE;
        }
      width = cairo_image_surface_get_width (image);
      height = cairo_image_surface_get_height (image);
    }
  else
    return FALSE;

  dpi = page->dpi > 0 ? page->dpi : file_dpi > 0 ? file_dpi : FALLBACK_DPI;
  w_pt = width * 72.0 / dpi;
  h_pt = height * 72.0 / dpi;
  cr = begin_page (pdf, w_pt, h_pt, page->rotation);
  cairo_scale (cr, 72.0 / dpi, 72.0 / dpi);
  /* The 1 × 1 JPEG surface stands for the whole image. */
  if (is_jpeg)
    cairo_scale (cr, width, height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  return TRUE;
}

/* An imported PDF: each of its pages at its own size, drawn by poppler as it would print it, so
 * text and drawings stay vectors (and text stays searchable). */
static gboolean
draw_pdf (cairo_surface_t *pdf,
          GBytes          *bytes,
          const YcPdfPage *page,
          guint            number,
          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc = NULL;
  int n;

  /* poppler is loaded on first use (yc-lazy-lib.h). */
  if (!yc_poppler_load (&local_error))
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }
  doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID,
                   _("Page %u is an imported PDF that cannot be read (%s). Delete it and import "
                     "the file again."), number, local_error->message);
      return FALSE;
    }

  n = poppler_document_get_n_pages (doc);
  for (int i = 0; i < n; i++)
    {
      PopplerPage *pdf_page = poppler_document_get_page (doc, i);
      double w_pt = 0, h_pt = 0;
      cairo_t *cr;

      if (pdf_page != NULL)
        poppler_page_get_size (pdf_page, &w_pt, &h_pt);
      if (pdf_page == NULL || w_pt < 1 || h_pt < 1)
        {
          g_clear_object (&pdf_page);
          g_object_unref (doc);
          g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID,
                       _("Page %u of the PDF imported as page %u cannot be read. Delete it and "
                         "import the file again."), (guint) i + 1, number);
          return FALSE;
        }
      cr = begin_page (pdf, w_pt, h_pt, page->rotation);
      poppler_page_render_for_printing (pdf_page, cr);
      cairo_show_page (cr);
      cairo_destroy (cr);
      g_object_unref (pdf_page);
    }
  g_object_unref (doc);
  if (n <= 0)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID,
                   _("Page %u is an imported PDF without pages. Delete it and import the file "
                     "again."), number);
      return FALSE;
    }
  return TRUE;
}

static gboolean
draw_page (cairo_surface_t *pdf,
           YcFileStore     *files,
           const YcPdfPage *page,
           guint            number,
           GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *data;
  gsize len;

  if (page->rotation % 90 != 0 || page->rotation >= 360)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID,
                   _("Page %u has the rotation %u°; only 0°, 90°, 180° and 270° are possible."),
                   number, page->rotation);
      return FALSE;
    }

  /* Verified: an archive copy must be made of the bytes that were scanned. */
  bytes = yc_file_store_load_bytes (files, page->sha256, TRUE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_MISSING,
                   _("Page %u cannot be read from the scanned files (%s). Scan it again."),
                   number, local_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);

  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return draw_pdf (pdf, bytes, page, number, error);
  if (draw_image (pdf, bytes, page))
    return TRUE;
  g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID,
               _("Page %u is not a JPEG or PNG image, or it is damaged. Scan it again."), number);
  return FALSE;
}

char *
yc_page_pdf_assemble (YcFileStore     *files,
                      const YcPdfPage *pages,
                      guint            n_pages,
                      const char      *title,
                      GCancellable    *cancellable,
                      GError         **error)
{
  PdfOutput out = { 0 };
  cairo_surface_t *pdf;
  cairo_status_t status;
  char *sha256;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (pages != NULL || n_pages == 0, NULL);

  if (n_pages == 0)
    {
      g_set_error_literal (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_NO_PAGES,
                           _("There are no pages to put into the PDF. Scan or import the material "
                             "first."));
      return NULL;
    }
  for (guint i = 0; i < n_pages; i++)
    if (!yc_sha256_is_valid (pages[i].sha256))
      {
        g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_MISSING,
                     _("Page %u has no valid file reference."), i + 1);
        return NULL;
      }

  out.writer = yc_file_store_writer_new (files, error);
  if (out.writer == NULL)
    return NULL;

  /* The size is set again for each page before it is drawn. */
  pdf = cairo_pdf_surface_create_for_stream (pdf_write_cb, &out, 595, 842);
  cairo_pdf_surface_restrict_to_version (pdf, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Yichuang " PACKAGE_VERSION);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);

  for (guint i = 0; i < n_pages; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !draw_page (pdf, files, &pages[i], i + 1, error))
        {
          cairo_surface_destroy (pdf);
          g_clear_error (&out.error);
          yc_file_store_writer_abort (out.writer);
          return NULL;
        }
    }

  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS || out.error != NULL)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_FAILED,
                   _("The PDF could not be written: %s"),
                   out.error ? out.error->message : cairo_status_to_string (status));
      g_clear_error (&out.error);
      yc_file_store_writer_abort (out.writer);
      return NULL;
    }

  sha256 = yc_file_store_writer_commit (out.writer, &out.error);
  if (sha256 == NULL)
    {
      g_set_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_FAILED,
                   _("The PDF could not be written: %s"), out.error->message);
      g_clear_error (&out.error);
    }
  return sha256;
}

typedef struct {
  YcPdfPage *pages;
  guint      n_pages;
  char      *title;
} AssembleData;

static void
assemble_data_free (AssembleData *data)
{
  for (guint i = 0; i < data->n_pages; i++)
    g_free ((char *) data->pages[i].sha256);
  g_free (data->pages);
  g_free (data->title);
  g_free (data);
}

static void
assemble_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AssembleData *data = task_data;
  GError *error = NULL;
  char *sha256 = yc_page_pdf_assemble (source_object, data->pages, data->n_pages, data->title,
                                       cancellable, &error);

  if (sha256 == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sha256, g_free);
}

void
yc_page_pdf_assemble_async (YcFileStore        *files,
                            const YcPdfPage    *pages,
                            guint               n_pages,
                            const char         *title,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  AssembleData *data;

  g_return_if_fail (YC_IS_FILE_STORE (files));
  g_return_if_fail (pages != NULL || n_pages == 0);

  data = g_new0 (AssembleData, 1);
  data->pages = g_new0 (YcPdfPage, MAX (n_pages, 1));
  data->n_pages = n_pages;
  data->title = g_strdup (title);
  for (guint i = 0; i < n_pages; i++)
    {
      data->pages[i] = pages[i];
      data->pages[i].sha256 = g_strdup (pages[i].sha256);
    }

  task = g_task_new (files, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_page_pdf_assemble_async);
  g_task_set_task_data (task, data, (GDestroyNotify) assemble_data_free);
  g_task_run_in_thread (task, assemble_thread);
}

char *
yc_page_pdf_assemble_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_page_pdf_assemble_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
