/* yc-pdf-view.c: a PDF page from a poppler rendering made in a worker thread at screen size. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>
#include <poppler.h>

#include "yc-lazy-lib.h"

/* poppler-glib 22.12 has no autoptr declarations of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

#include "yc-pdf-view.h"

#define PAGE_MARGIN 12
#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
/* 1.0 means 1 pt = 96/72 px, what a ruler on a usual screen would show. */
#define PX_PER_PT (96.0 / 72.0)

/* The poppler document and a lock: poppler may not render the same document in two threads at once,
 * and a new rendering may start while an old one still runs. */
typedef struct {
  gatomicrefcount  ref_count;
  GMutex           lock;
  PopplerDocument *document;
  guint            n_pages;
  double          *sizes;        /* width, height of each page, in points */
} PdfDocument;

struct _YcPdfView
{
  GtkWidget     parent_instance;

  GFile        *file;
  GCancellable *cancellable;     /* the loading and renderings of this file */
  PdfDocument  *doc;
  GError       *error;
  guint         page;
  gboolean      fit;
  double        zoom;

  GdkTexture   *texture;         /* what is on screen, perhaps of an earlier size */
  guint         texture_page;
  int           wanted_width;    /* the pixel size the current allocation asks for */
  int           wanted_height;
  guint         generation;      /* renderings of an older request are dropped */
  gboolean      rendering;
  gboolean      layout_pending;  /* zoom, page or document changed: the wanted size is not known */
  gint64        last_render_us;
  int           last_width;
  int           last_height;
};

G_DEFINE_FINAL_TYPE (YcPdfView, yc_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_LOADED,
  PROP_ERROR,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_FIT,
  PROP_ZOOM,
  PROP_RENDERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_layout (YcPdfView *self);

static PdfDocument *
pdf_document_ref (PdfDocument *doc)
{
  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

static void
pdf_document_unref (PdfDocument *doc)
{
  if (!g_atomic_ref_count_dec (&doc->ref_count))
    return;
  g_clear_object (&doc->document);
  g_mutex_clear (&doc->lock);
  g_free (doc->sizes);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfDocument, pdf_document_unref)

/* --- loading --- */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PdfDocument) doc = NULL;
  GError *error = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL || !yc_poppler_load (&error))
    {
      g_task_return_error (task, error);
      return;
    }
  doc = g_new0 (PdfDocument, 1);
  g_atomic_ref_count_init (&doc->ref_count);
  g_mutex_init (&doc->lock);
  doc->document = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (doc->document == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The document cannot be shown: %s"), error->message);
      g_error_free (error);
      return;
    }
  doc->n_pages = poppler_document_get_n_pages (doc->document);
  doc->sizes = g_new0 (double, 2 * MAX (doc->n_pages, 1));
  for (guint i = 0; i < doc->n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc->document, i);

      poppler_page_get_size (page, &doc->sizes[2 * i], &doc->sizes[2 * i + 1]);
    }
  g_task_return_pointer (task, g_steal_pointer (&doc), (GDestroyNotify) pdf_document_unref);
}

static void
set_error (YcPdfView *self,
           GError    *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  YcPdfView *self = YC_PDF_VIEW (source);
  GError *error = NULL;
  PdfDocument *doc = g_task_propagate_pointer (G_TASK (result), &error);

  if (doc == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error_free (error);
      else
        set_error (self, error);
      return;
    }
  g_clear_pointer (&self->doc, pdf_document_unref);
  self->doc = doc;
  self->page = 0;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_thaw_notify (G_OBJECT (self));
  queue_layout (self);
}

/* --- rendering --- */

typedef struct {
  PdfDocument *doc;
  guint        page;
  int          width;
  int          height;
  guint        generation;
  /* results */
  GBytes      *pixels;
  gsize        stride;
  gint64       render_us;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->doc, pdf_document_unref);
  g_clear_pointer (&job->pixels, g_bytes_unref);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(PopplerPage) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width_pt = job->doc->sizes[2 * job->page];
  double height_pt = job->doc->sizes[2 * job->page + 1];
  gint64 start = g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  cr = cairo_create (surface);
  /* Paper is white; the PDF paints only what is printed. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, job->width / width_pt, job->height / height_pt);

  g_mutex_lock (&job->doc->lock);
  page = poppler_document_get_page (job->doc->document, job->page);
  if (page != NULL)
    poppler_page_render (page, cr);
  g_mutex_unlock (&job->doc->lock);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (page == NULL || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Page %u of the document cannot be shown"), job->page + 1);
      return;
    }
  job->stride = cairo_image_surface_get_stride (surface);
  job->pixels = g_bytes_new (cairo_image_surface_get_data (surface), job->stride * job->height);
  cairo_surface_destroy (surface);
  job->render_us = g_get_monotonic_time () - start;
  g_task_return_boolean (task, TRUE);
}

static void start_render (YcPdfView *self);

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  YcPdfView *self = YC_PDF_VIEW (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_error_free (error);
          return;
        }
      self->rendering = FALSE;
      set_error (self, error);
      return;
    }
  self->rendering = FALSE;
  if (job->generation != self->generation)
    {
      /* The clerk turned the page or the window changed size meanwhile. */
      start_render (self);
      return;
    }

  g_clear_object (&self->texture);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout. */
  self->texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT,
                                          job->pixels, job->stride);
  self->texture_page = job->page;
  self->last_render_us = job->render_us;
  self->last_width = job->width;
  self->last_height = job->height;
  g_debug ("Page %u rendered at %d×%d px in %.1f ms", job->page + 1, job->width, job->height,
           job->render_us / 1000.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
}

static gboolean
texture_is_current (YcPdfView *self)
{
  return !self->layout_pending && self->texture != NULL && self->texture_page == self->page &&
         gdk_texture_get_width (self->texture) == self->wanted_width &&
         gdk_texture_get_height (self->texture) == self->wanted_height;
}

/* One rendering at a time: when it ends, the newest request (if any changed) starts. */
static void
start_render (YcPdfView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (self->doc == NULL || self->doc->n_pages == 0 || self->rendering ||
      self->wanted_width <= 0 || self->wanted_height <= 0 || texture_is_current (self))
    return;

  job = g_new0 (RenderJob, 1);
  job->doc = pdf_document_ref (self->doc);
  job->page = self->page;
  job->width = self->wanted_width;
  job->height = self->wanted_height;
  job->generation = self->generation;
  self->rendering = TRUE;

  task = g_task_new (self, self->cancellable, rendered_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/* --- layout --- */

/* The size to render at changes with the allocation that follows. */
static void
queue_layout (YcPdfView *self)
{
  gboolean was_rendered = yc_pdf_view_get_rendered (self);

  self->layout_pending = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (was_rendered)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
}

static void
page_size_pt (YcPdfView *self,
              double    *width,
              double    *height)
{
  if (self->doc == NULL || self->doc->n_pages == 0)
    {
      /* Nothing yet: an A4 page's proportions keep the layout still when it arrives. */
      *width = 595;
      *height = 842;
      return;
    }
  *width = self->doc->sizes[2 * self->page];
  *height = self->doc->sizes[2 * self->page + 1];
}

/* The zoom fitting the page into @width × @height logical pixels. */
static double
fit_zoom (YcPdfView *self,
          int        width,
          int        height)
{
  double w_pt, h_pt;
  double zoom;

  page_size_pt (self, &w_pt, &h_pt);
  zoom = MIN ((width - 2 * PAGE_MARGIN) / (w_pt * PX_PER_PT),
              (height - 2 * PAGE_MARGIN) / (h_pt * PX_PER_PT));
  return MAX (zoom, 0.01);
}

static double
effective_zoom (YcPdfView *self)
{
  if (self->fit)
    return fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)));
  return self->zoom;
}

static void
yc_pdf_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  YcPdfView *self = YC_PDF_VIEW (widget);
  double w_pt, h_pt;
  double length;

  page_size_pt (self, &w_pt, &h_pt);
  length = (orientation == GTK_ORIENTATION_HORIZONTAL ? w_pt : h_pt) * PX_PER_PT;
  if (self->fit)
    {
      /* Whatever room there is: the page is drawn to fit it. */
      *minimum = 2 * PAGE_MARGIN + 16;
      *natural = (int) (length * 0.75) + 2 * PAGE_MARGIN;
    }
  else
    *minimum = *natural = (int) ceil (length * self->zoom) + 2 * PAGE_MARGIN;
}

static void
yc_pdf_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  YcPdfView *self = YC_PDF_VIEW (widget);
  double w_pt, h_pt;
  double zoom;
  int scale = gtk_widget_get_scale_factor (widget);
  int wanted_width, wanted_height;

  self->layout_pending = FALSE;
  page_size_pt (self, &w_pt, &h_pt);
  zoom = self->fit ? fit_zoom (self, width, height) : self->zoom;
  /* Rendered at the screen's pixels, so text stays sharp and a big page costs no more than it
   * shows. */
  wanted_width = MAX (1, (int) round (w_pt * PX_PER_PT * zoom * scale));
  wanted_height = MAX (1, (int) round (h_pt * PX_PER_PT * zoom * scale));
  if (wanted_width != self->wanted_width || wanted_height != self->wanted_height)
    {
      self->wanted_width = wanted_width;
      self->wanted_height = wanted_height;
      self->generation++;
    }
  start_render (self);
}

static void
yc_pdf_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  YcPdfView *self = YC_PDF_VIEW (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  float width = (float) self->wanted_width / scale;
  float height = (float) self->wanted_height / scale;
  float x = MAX ((gtk_widget_get_width (widget) - width) / 2, PAGE_MARGIN);
  float y = MAX ((gtk_widget_get_height (widget) - height) / 2, PAGE_MARGIN);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, width, height);
  GskRoundedRect outline;
  GdkRGBA shadow = { 0, 0, 0, 0.3 };
  GdkRGBA paper = { 1, 1, 1, 1 };

  if (self->doc == NULL || self->wanted_width <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 4);
  /* A texture of the previous size or page is stretched meanwhile: better than a blank sheet. */
  if (self->texture != NULL && self->texture_page == self->page)
    gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  else
    gtk_snapshot_append_color (snapshot, &paper, &bounds);
}

/* --- GObject --- */

static void
yc_pdf_view_dispose (GObject *object)
{
  YcPdfView *self = YC_PDF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->doc, pdf_document_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (yc_pdf_view_parent_class)->dispose (object);
}

static void
yc_pdf_view_finalize (GObject *object)
{
  YcPdfView *self = YC_PDF_VIEW (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (yc_pdf_view_parent_class)->finalize (object);
}

static void
yc_pdf_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YcPdfView *self = YC_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, yc_pdf_view_get_loaded (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, yc_pdf_view_get_n_pages (self));
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, yc_pdf_view_get_zoom (self));
      break;
    case PROP_RENDERED:
      g_value_set_boolean (value, yc_pdf_view_get_rendered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_pdf_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  YcPdfView *self = YC_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      yc_pdf_view_set_file (self, g_value_get_object (value));
      break;
    case PROP_PAGE:
      yc_pdf_view_set_page (self, g_value_get_uint (value));
      break;
    case PROP_FIT:
      yc_pdf_view_set_fit (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      yc_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_pdf_view_class_init (YcPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = yc_pdf_view_dispose;
  object_class->finalize = yc_pdf_view_finalize;
  object_class->get_property = yc_pdf_view_get_property;
  object_class->set_property = yc_pdf_view_set_property;

  widget_class->measure = yc_pdf_view_measure;
  widget_class->size_allocate = yc_pdf_view_size_allocate;
  widget_class->snapshot = yc_pdf_view_snapshot;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_FIT] = g_param_spec_boolean ("fit", NULL, NULL, TRUE, rw);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0.01, ZOOM_MAX, 1.0, rw);
  properties[PROP_RENDERED] = g_param_spec_boolean ("rendered", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "yc-pdf-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
yc_pdf_view_init (YcPdfView *self)
{
  self->fit = TRUE;
  self->zoom = 1.0;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
yc_pdf_view_new (void)
{
  return g_object_new (YC_TYPE_PDF_VIEW, NULL);
}

void
yc_pdf_view_set_file (YcPdfView *self,
                      GFile     *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_PDF_VIEW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->file, file);
  g_clear_pointer (&self->doc, pdf_document_unref);
  g_clear_object (&self->texture);
  self->rendering = FALSE;
  self->generation++;
  self->page = 0;
  if (self->error != NULL)
    set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
  g_object_thaw_notify (G_OBJECT (self));
  queue_layout (self);

  if (file == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, yc_pdf_view_set_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GFile *
yc_pdf_view_get_file (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), NULL);
  return self->file;
}

gboolean
yc_pdf_view_get_loaded (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), FALSE);
  return self->doc != NULL;
}

const GError *
yc_pdf_view_get_error (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), NULL);
  return self->error;
}

guint
yc_pdf_view_get_n_pages (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), 0);
  return self->doc != NULL ? self->doc->n_pages : 0;
}

guint
yc_pdf_view_get_page (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), 0);
  return self->page;
}

void
yc_pdf_view_set_page (YcPdfView *self,
                      guint      page)
{
  g_return_if_fail (YC_IS_PDF_VIEW (self));

  if (self->doc == NULL || self->doc->n_pages == 0)
    return;
  page = MIN (page, self->doc->n_pages - 1);
  if (page == self->page)
    return;
  self->page = page;
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED]);
  /* Pages may differ in size: measure again, which renders the new page. */
  queue_layout (self);
}

gboolean
yc_pdf_view_get_fit (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), TRUE);
  return self->fit;
}

void
yc_pdf_view_set_fit (YcPdfView *self,
                     gboolean   fit)
{
  g_return_if_fail (YC_IS_PDF_VIEW (self));

  fit = !!fit;
  if (self->fit == fit)
    return;
  /* Leaving fit keeps the size on screen, so zooming in goes on from there. */
  if (!fit)
    self->zoom = CLAMP (effective_zoom (self), ZOOM_MIN, ZOOM_MAX);
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  queue_layout (self);
}

double
yc_pdf_view_get_zoom (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), 1.0);
  return effective_zoom (self);
}

void
yc_pdf_view_set_zoom (YcPdfView *self,
                      double     zoom)
{
  g_return_if_fail (YC_IS_PDF_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (!self->fit && zoom == self->zoom)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->fit)
    {
      self->fit = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_thaw_notify (G_OBJECT (self));
  queue_layout (self);
}

gboolean
yc_pdf_view_get_rendered (YcPdfView *self)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), FALSE);
  return self->doc != NULL && texture_is_current (self);
}

gboolean
yc_pdf_view_get_page_size (YcPdfView *self,
                           guint      page,
                           double    *width,
                           double    *height)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), FALSE);

  if (self->doc == NULL || page >= self->doc->n_pages)
    return FALSE;
  if (width != NULL)
    *width = self->doc->sizes[2 * page];
  if (height != NULL)
    *height = self->doc->sizes[2 * page + 1];
  return TRUE;
}

gint64
yc_pdf_view_get_last_render_us (YcPdfView *self,
                                int       *width,
                                int       *height)
{
  g_return_val_if_fail (YC_IS_PDF_VIEW (self), 0);

  if (width != NULL)
    *width = self->last_width;
  if (height != NULL)
    *height = self->last_height;
  return self->last_render_us;
}
