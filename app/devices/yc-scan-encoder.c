/* yc-scan-encoder.c: compresses one scanned page line by line (JPEG, or PNG for line-art) into the
 * file store. */
#define G_LOG_DOMAIN "yc-scanner"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cairo.h>
#include <jpeglib.h>
#include <jerror.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yc-scanner-private.h"

/* libjpeg hands us compressed data in blocks of this size: large enough that the file store's
 * unbuffered write(2) is not called per scanline. */
#define OUTPUT_BUFFER_SIZE (64 * 1024)
/* JPEG's limit on each side. */
#define JPEG_MAX_SIDE 65500
/* Cairo's limit on each side of an image surface. */
#define CAIRO_MAX_SIDE 32767

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} JpegErrorMgr;

typedef enum {
  KIND_JPEG,
  KIND_PNG,
} EncoderKind;

struct _YcPageEncoder {
  YcFileStore                *files;
  YcFileStoreWriter          *writer;
  YcRawPageFormat             format;
  EncoderKind                 kind;
  GError                     *write_error;   /* from the writer, inside a libjpeg callback */
  guint64                     size;

  /* The line being assembled from sane_read's chunks. */
  guint8                     *line;
  gsize                       line_fill;
  int                         lines_done;

  /* Pages of unknown length: raw lines spooled to a temporary file, encoded at the end. */
  int                         spool_fd;
  char                       *spool_path;

  /* JPEG */
  struct jpeg_compress_struct cinfo;
  JpegErrorMgr                jerr;
  struct jpeg_destination_mgr dest;
  gboolean                    jpeg_created;
  gboolean                    jpeg_started;
  guint8                     *outbuf;
  guint8                     *scanline;      /* the line as 8-bit samples */

  /* PNG: the page as a 1-bit bitmap, written out at the end. */
  cairo_surface_t            *bitmap;
};

/* --- JPEG plumbing --- */

static void
jpeg_error_exit_cb (j_common_ptr cinfo)
{
  JpegErrorMgr *err = (JpegErrorMgr *) cinfo->err;

  (*cinfo->err->format_message) (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
jpeg_output_message_cb (j_common_ptr cinfo)
{
  char message[JMSG_LENGTH_MAX];

  (*cinfo->err->format_message) (cinfo, message);
  g_debug ("libjpeg: %s", message);
}

static gboolean
encoder_output (YcPageEncoder *self,
                const guint8  *data,
                gsize          len)
{
  if (self->write_error != NULL)
    return FALSE;
  if (!yc_file_store_writer_write (self->writer, data, len, &self->write_error))
    return FALSE;
  self->size += len;
  return TRUE;
}

static void
dest_init_cb (j_compress_ptr cinfo)
{
  YcPageEncoder *self = cinfo->client_data;

  self->dest.next_output_byte = self->outbuf;
  self->dest.free_in_buffer = OUTPUT_BUFFER_SIZE;
}

static boolean
dest_empty_cb (j_compress_ptr cinfo)
{
  YcPageEncoder *self = cinfo->client_data;

  /* libjpeg ignores free_in_buffer here: the whole buffer is due. */
  if (!encoder_output (self, self->outbuf, OUTPUT_BUFFER_SIZE))
    {
      /* Unwind through error_exit; the writer's error is reported instead of libjpeg's. */
      cinfo->err->msg_code = JERR_FILE_WRITE;
      (*cinfo->err->error_exit) ((j_common_ptr) cinfo);
    }
  self->dest.next_output_byte = self->outbuf;
  self->dest.free_in_buffer = OUTPUT_BUFFER_SIZE;
  return TRUE;
}

static void
dest_term_cb (j_compress_ptr cinfo)
{
  YcPageEncoder *self = cinfo->client_data;
  gsize len = OUTPUT_BUFFER_SIZE - self->dest.free_in_buffer;

  if (len > 0 && !encoder_output (self, self->outbuf, len))
    {
      cinfo->err->msg_code = JERR_FILE_WRITE;
      (*cinfo->err->error_exit) ((j_common_ptr) cinfo);
    }
}

/* After a longjmp: the writer's error if there was one, else libjpeg's message. */
static gboolean
set_encode_error (YcPageEncoder *self,
                GError       **error)
{
  if (self->write_error != NULL)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The scanned page could not be saved: %s"), self->write_error->message);
      g_clear_error (&self->write_error);
    }
  else
    g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                 _("The scanned page could not be compressed (%s)."), self->jerr.message);
  return FALSE;
}

static gboolean
jpeg_begin (YcPageEncoder *self,
            GError       **error)
{
  struct jpeg_compress_struct *cinfo = &self->cinfo;

  cinfo->err = jpeg_std_error (&self->jerr.pub);
  self->jerr.pub.error_exit = jpeg_error_exit_cb;
  self->jerr.pub.output_message = jpeg_output_message_cb;
  if (setjmp (self->jerr.jump))
    return set_encode_error (self, error);

  jpeg_create_compress (cinfo);
  self->jpeg_created = TRUE;
  cinfo->client_data = self;

  self->outbuf = g_malloc (OUTPUT_BUFFER_SIZE);
  self->dest.init_destination = dest_init_cb;
  self->dest.empty_output_buffer = dest_empty_cb;
  self->dest.term_destination = dest_term_cb;
  cinfo->dest = &self->dest;

  cinfo->image_width = self->format.pixels_per_line;
  cinfo->image_height = self->format.lines;
  if (self->format.format == YC_RAW_RGB)
    {
      cinfo->input_components = 3;
      cinfo->in_color_space = JCS_RGB;
    }
  else
    {
      cinfo->input_components = 1;
      cinfo->in_color_space = JCS_GRAYSCALE;
    }
  jpeg_set_defaults (cinfo);
  jpeg_set_quality (cinfo, YC_SCAN_JPEG_QUALITY, TRUE);
  /* Baseline, not optimized or progressive: both would make libjpeg buffer the whole page. */
  cinfo->optimize_coding = FALSE;
  cinfo->write_JFIF_header = TRUE;
  cinfo->density_unit = 1;   /* dots per inch */
  cinfo->X_density = MIN (self->format.dpi, G_MAXUINT16);
  cinfo->Y_density = MIN (self->format.dpi, G_MAXUINT16);
  jpeg_start_compress (cinfo, TRUE);
  self->jpeg_started = TRUE;

  self->scanline = g_malloc ((gsize) self->format.pixels_per_line * cinfo->input_components);
  return TRUE;
}

/* Raw SANE samples to 8 bits. */
static void
convert_line (YcPageEncoder *self,
              const guint8  *raw,
              guint8        *out)
{
  gsize n = (gsize) self->format.pixels_per_line * (self->format.format == YC_RAW_RGB ? 3 : 1);

  if (self->format.depth == 8)
    memcpy (out, raw, n);
  else if (self->format.depth == 16)
    {
      for (gsize i = 0; i < n; i++)
        {
          guint16 sample;

          memcpy (&sample, raw + 2 * i, 2);   /* host byte order; raw may be unaligned */
          out[i] = sample >> 8;
        }
    }
  else
    g_assert_not_reached ();
}

static gboolean
jpeg_line (YcPageEncoder *self,
           const guint8  *raw,
           GError       **error)
{
  JSAMPROW row = self->scanline;

  convert_line (self, raw, self->scanline);
  if (setjmp (self->jerr.jump))
    return set_encode_error (self, error);
  jpeg_write_scanlines (&self->cinfo, &row, 1);
  return TRUE;
}

static gboolean
jpeg_end (YcPageEncoder *self,
          GError       **error)
{
  if (setjmp (self->jerr.jump))
    return set_encode_error (self, error);
  jpeg_finish_compress (&self->cinfo);
  self->jpeg_started = FALSE;
  return TRUE;
}

/* --- PNG (line-art) --- */

static gboolean
png_begin (YcPageEncoder *self,
           GError       **error)
{
  self->bitmap = cairo_image_surface_create (CAIRO_FORMAT_A1, self->format.pixels_per_line,
                                             self->format.lines);
  if (cairo_surface_status (self->bitmap) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The scanned page could not be compressed (%s)."),
                   cairo_status_to_string (cairo_surface_status (self->bitmap)));
      return FALSE;
    }
  cairo_surface_flush (self->bitmap);
  return TRUE;
}

/* SANE line-art: 1 = black, most significant bit first. Cairo's A1 as PNG: 1 = white; within each
 * 32-bit word, bit (x % 32) counted from the least significant end on little-endian hosts, from the
 * most significant end on big-endian ones. */
static void
png_line (YcPageEncoder *self,
          const guint8  *raw)
{
  int stride = cairo_image_surface_get_stride (self->bitmap);
  guint8 *data = cairo_image_surface_get_data (self->bitmap);
  guint32 *row = (guint32 *) (data + (gsize) stride * self->lines_done);

  memset (row, 0, stride);
  for (int x = 0; x < self->format.pixels_per_line; x++)
    {
      gboolean black = (raw[x >> 3] >> (7 - (x & 7))) & 1;

      if (!black)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          row[x >> 5] |= (guint32) 1 << (x & 31);
#else
          row[x >> 5] |= (guint32) 1 << (31 - (x & 31));
#endif
        }
    }
}

static cairo_status_t
png_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  YcPageEncoder *self = closure;

  return encoder_output (self, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
png_end (YcPageEncoder *self,
         GError       **error)
{
  cairo_status_t status;

  cairo_surface_mark_dirty (self->bitmap);
  status = cairo_surface_write_to_png_stream (self->bitmap, png_write_cb, self);
  g_clear_pointer (&self->bitmap, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (self->write_error != NULL)
        return set_encode_error (self, error);
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The scanned page could not be compressed (%s)."),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* --- lines --- */

static gboolean
begin_output (YcPageEncoder *self,
              GError       **error)
{
  self->writer = yc_file_store_writer_new (self->files, error);
  if (self->writer == NULL)
    return FALSE;
  return self->kind == KIND_PNG ? png_begin (self, error) : jpeg_begin (self, error);
}

static gboolean
encode_line (YcPageEncoder *self,
             const guint8  *raw,
             GError       **error)
{
  if (self->kind == KIND_PNG)
    png_line (self, raw);
  else if (!jpeg_line (self, raw, error))
    return FALSE;
  self->lines_done++;
  return TRUE;
}

static gboolean
spool_line (YcPageEncoder *self,
            const guint8  *raw,
            GError       **error)
{
  gsize left = self->format.bytes_per_line;
  const guint8 *p = raw;

  while (left > 0)
    {
      gssize n = write (self->spool_fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                       _("The scanned page could not be saved: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      p += n;
      left -= n;
    }
  self->lines_done++;
  return TRUE;
}

static gboolean
complete_line (YcPageEncoder *self,
               const guint8  *raw,
               GError       **error)
{
  if (self->spool_fd >= 0)
    {
      if (self->lines_done >= (self->kind == KIND_PNG ? CAIRO_MAX_SIDE : JPEG_MAX_SIDE))
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                       _("The scanned page is too long to be stored. Scan a shorter page."));
          return FALSE;
        }
      return spool_line (self, raw, error);
    }
  /* Extra lines past the announced length are dropped: the file's header already says how many
   * there are. */
  if (self->lines_done >= self->format.lines)
    return TRUE;
  return encode_line (self, raw, error);
}

YcPageEncoder *
_yc_page_encoder_new (YcFileStore           *files,
                      const YcRawPageFormat *format,
                      GError               **error)
{
  YcPageEncoder *self;
  int channels = format->format == YC_RAW_RGB ? 3 : 1;
  int max_side;
  gsize min_bytes;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);

  if (format->depth != 1 && format->depth != 8 && format->depth != 16)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner sends %d bits per sample, which cannot be stored. Choose another "
                     "mode."),
                   format->depth);
      return NULL;
    }
  if (format->depth == 1 && format->format == YC_RAW_RGB)
    {
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                           _("The scanner sends 1-bit colour, which cannot be stored. Choose "
                             "Color, Gray or Line-art mode."));
      return NULL;
    }
  min_bytes = format->depth == 1 ? ((gsize) format->pixels_per_line + 7) / 8
                                 : (gsize) format->pixels_per_line * channels * (format->depth / 8);
  if (format->pixels_per_line < 1 || format->lines == 0 || format->lines < -1 ||
      format->bytes_per_line < 1 || (gsize) format->bytes_per_line < min_bytes)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner reported an impossible page size (%d × %d pixels, %d bytes per "
                     "line)."),
                   format->pixels_per_line, format->lines, format->bytes_per_line);
      return NULL;
    }

  self = g_new0 (YcPageEncoder, 1);
  self->files = g_object_ref (files);
  self->format = *format;
  self->kind = format->depth == 1 ? KIND_PNG : KIND_JPEG;
  self->spool_fd = -1;
  self->line = g_malloc (format->bytes_per_line);

  max_side = self->kind == KIND_PNG ? CAIRO_MAX_SIDE : JPEG_MAX_SIDE;
  if (format->pixels_per_line > max_side || format->lines > max_side)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanned page is too large to be stored (%d × %d pixels). Choose a lower "
                     "resolution."),
                   format->pixels_per_line, format->lines);
      _yc_page_encoder_abort (self);
      return NULL;
    }

  if (format->lines < 0)
    {
      /* The file header needs the height: keep the raw lines on disk, never in memory, until the
       * end. */
      g_autoptr(GError) local_error = NULL;

      self->spool_fd = g_file_open_tmp ("yc-scan-XXXXXX.raw", &self->spool_path, &local_error);
      if (self->spool_fd < 0)
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                       _("The scanned page could not be saved: %s"), local_error->message);
          _yc_page_encoder_abort (self);
          return NULL;
        }
      return self;
    }

  if (!begin_output (self, error))
    {
      _yc_page_encoder_abort (self);
      return NULL;
    }
  return self;
}

gboolean
_yc_page_encoder_write (YcPageEncoder *self,
                        const guint8  *data,
                        gsize          len,
                        GError       **error)
{
  gsize bpl = self->format.bytes_per_line;

  while (len > 0)
    {
      gsize n;

      /* Whole lines straight from the caller's buffer, without a copy. */
      if (self->line_fill == 0 && len >= bpl)
        {
          if (!complete_line (self, data, error))
            return FALSE;
          data += bpl;
          len -= bpl;
          continue;
        }
      n = MIN (len, bpl - self->line_fill);
      memcpy (self->line + self->line_fill, data, n);
      self->line_fill += n;
      data += n;
      len -= n;
      if (self->line_fill == bpl)
        {
          self->line_fill = 0;
          if (!complete_line (self, self->line, error))
            return FALSE;
        }
    }
  return TRUE;
}

double
_yc_page_encoder_get_fraction (YcPageEncoder *self)
{
  if (self->format.lines < 0)
    return -1.0;
  return MIN (1.0, (double) self->lines_done / self->format.lines);
}

static gboolean
encode_spooled (YcPageEncoder *self,
                GError       **error)
{
  int lines = self->lines_done;
  FILE *spool;
  gboolean ok = TRUE;

  if (lseek (self->spool_fd, 0, SEEK_SET) < 0 || (spool = fdopen (self->spool_fd, "rb")) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                   _("The scanned page could not be saved: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  self->spool_fd = -1;   /* owned by the FILE now */

  self->format.lines = lines;
  self->lines_done = 0;
  ok = begin_output (self, error);
  for (int i = 0; ok && i < lines; i++)
    {
      gsize bpl = self->format.bytes_per_line;

      if (fread (self->line, 1, bpl, spool) != bpl)
        {
          g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_STORAGE,
                               _("The scanned page could not be read back from the temporary "
                                 "file."));
          ok = FALSE;
        }
      else
        ok = encode_line (self, self->line, error);
    }
  fclose (spool);
  return ok;
}

YcScannedPage *
_yc_page_encoder_finish (YcPageEncoder *self,
                         GError       **error)
{
  g_autoptr(YcScannedPage) page = NULL;
  YcFileStoreWriter *writer;

  if (self->lines_done == 0)
    {
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                           _("The scanner ended the page before sending any of it. Scan the page "
                             "again."));
      _yc_page_encoder_abort (self);
      return NULL;
    }

  if (self->spool_fd >= 0)
    {
      if (!encode_spooled (self, error))
        {
          _yc_page_encoder_abort (self);
          return NULL;
        }
    }
  else if (self->lines_done < self->format.lines)
    {
      /* Some drivers announce more lines than the sheet had: the rest of the page is white. */
      memset (self->line, self->kind == KIND_PNG ? 0x00 : 0xff, self->format.bytes_per_line);
      g_debug ("Page ended after %d of %d lines; the rest is left white", self->lines_done,
               self->format.lines);
      while (self->lines_done < self->format.lines)
        if (!encode_line (self, self->line, error))
          {
            _yc_page_encoder_abort (self);
            return NULL;
          }
    }

  if (!(self->kind == KIND_PNG ? png_end (self, error) : jpeg_end (self, error)))
    {
      _yc_page_encoder_abort (self);
      return NULL;
    }

  page = g_new0 (YcScannedPage, 1);
  page->content_type = g_strdup (self->kind == KIND_PNG ? "image/png" : "image/jpeg");
  page->width = self->format.pixels_per_line;
  page->height = self->format.lines;
  page->dpi = self->format.dpi;
  page->mode = self->kind == KIND_PNG ? YC_SCAN_MODE_LINEART
               : self->format.format == YC_RAW_RGB ? YC_SCAN_MODE_COLOR : YC_SCAN_MODE_GRAY;
  page->size = self->size;
  page->page_count = 1;

  writer = g_steal_pointer (&self->writer);
  page->sha256 = yc_file_store_writer_commit (writer, error);
  _yc_page_encoder_abort (self);
  if (page->sha256 == NULL)
    return NULL;
  return g_steal_pointer (&page);
}

void
_yc_page_encoder_abort (YcPageEncoder *self)
{
  if (self == NULL)
    return;

  if (self->jpeg_created)
    jpeg_destroy_compress (&self->cinfo);
  g_clear_pointer (&self->bitmap, cairo_surface_destroy);
  g_clear_pointer (&self->writer, yc_file_store_writer_abort);
  if (self->spool_fd >= 0)
    close (self->spool_fd);
  if (self->spool_path != NULL)
    g_unlink (self->spool_path);
  g_clear_error (&self->write_error);
  g_free (self->spool_path);
  g_free (self->outbuf);
  g_free (self->scanline);
  g_free (self->line);
  g_object_unref (self->files);
  g_free (self);
}
