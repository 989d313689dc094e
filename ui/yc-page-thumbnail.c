/* yc-page-thumbnail.c: a stored page as a thumbnail, decoded (or, for an imported PDF, drawn by
 * poppler) at its shown size in a worker thread so a batch of pages arriving never stalls the window. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>
#include <poppler.h>

#include "yc-lazy-lib.h"
#include "yc-page-pdf.h"
#include "yc-page-thumbnail.h"

/* poppler-glib 22.12 has no autoptr declarations of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

/* An imported PDF's page asked for without a box is drawn at this resolution: 100 % in the viewer
 * shows it as a page scanned at the usual 150 dpi would be, pixel for pixel. */
#define PDF_FULL_DPI 150.0
/* Nor is a page of a poster-sized PDF drawn larger than this, in either direction. */
#define PDF_MAX_PIXELS 4096

/* --- decoding --- */

typedef struct {
  YcFileStore *files;
  char        *sha256;
  char        *content_type;
  guint        rotation;
  guint        pdf_page;
  int          max_width;
  int          max_height;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->files);
  g_free (data->sha256);
  g_free (data->content_type);
  g_free (data);
}

static gboolean
is_pdf (const char *content_type)
{
  return g_strcmp0 (content_type, "application/pdf") == 0;
}

/* Draws page @data->pdf_page of the PDF at @path as it lies turned by its rotation, on white paper,
 * fitted to the box (or at PDF_FULL_DPI without one). Runs in the worker: poppler never draws on
 * the GTK thread. */
static GdkTexture *
render_pdf_page (LoadData    *data,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autofree char *uri = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean sideways = data->rotation == 90 || data->rotation == 270;
  double w_pt = 0, h_pt = 0, shown_w, shown_h, scale;
  int width, height, stride;

  /* poppler is loaded on first use (yc-lazy-lib.h): without it the error says what is missing. */
  if (!yc_poppler_load (error))
    return NULL;
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return NULL;
  document = poppler_document_new_from_file (uri, NULL, &local_error);
  if (document != NULL && (int) data->pdf_page < poppler_document_get_n_pages (document))
    page = poppler_document_get_page (document, (int) data->pdf_page);
  if (page != NULL)
    poppler_page_get_size (page, &w_pt, &h_pt);
  if (page == NULL || w_pt <= 0 || h_pt <= 0)
    {
      /* poppler's own message is English and technical: the log keeps it, the clerk reads ours. */
      g_message ("PDF %s, page %u cannot be drawn: %s", data->sha256, data->pdf_page + 1,
                 local_error != NULL ? local_error->message : "no such page, or an empty one");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This PDF is damaged: its page %u cannot be drawn. Import the file again."),
                   data->pdf_page + 1);
      return NULL;
    }

  shown_w = sideways ? h_pt : w_pt;
  shown_h = sideways ? w_pt : h_pt;
  if (data->max_width > 0 && data->max_height > 0)
    scale = MIN (data->max_width / shown_w, data->max_height / shown_h);
  else
    scale = MIN (PDF_FULL_DPI / 72.0, PDF_MAX_PIXELS / MAX (shown_w, shown_h));
  width = CLAMP ((int) round (shown_w * scale), 1, PDF_MAX_PIXELS);
  height = CLAMP ((int) round (shown_h * scale), 1, PDF_MAX_PIXELS);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Paper is white; the PDF paints only what is printed. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / shown_w, height / shown_h);
  /* Rotations are clockwise, as the material's PDF turns the page. */
  yc_page_pdf_turn (cr, w_pt, h_pt, data->rotation);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to show the page."));
      return NULL;
    }
  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, stride);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  GError *error = NULL;
  gboolean sideways = data->rotation == 90 || data->rotation == 270;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!yc_file_store_contains (data->files, data->sha256))
    {
      g_task_return_new_error (task, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_NOT_FOUND,
                               _("The page’s file is missing from this workstation’s file store."));
      return;
    }

  path = yc_file_store_get_path (data->files, data->sha256);
  if (is_pdf (data->content_type))
    {
      GdkTexture *texture = render_pdf_page (data, path, &error);

      if (texture != NULL)
        g_task_return_pointer (task, texture, g_object_unref);
      else
        g_task_return_error (task, error);
      return;
    }
  if (data->max_width > 0 && data->max_height > 0)
    /* A page turned sideways fits the box the other way round before it is turned. JPEG decoding
     * scales down as it reads, so a thumbnail never holds the full page. */
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path,
                                                sideways ? data->max_height : data->max_width,
                                                sideways ? data->max_width : data->max_height,
                                                TRUE, &error);
  else
    pixbuf = gdk_pixbuf_new_from_file (path, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Rotations are stored clockwise; GdkPixbuf counts counter-clockwise. */
  if (data->rotation != 0)
    turned = gdk_pixbuf_rotate_simple (pixbuf, (GdkPixbufRotation) ((360 - data->rotation) % 360));
  else
    turned = g_object_ref (pixbuf);
  if (turned == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _("Not enough memory to show the page."));
      return;
    }
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (turned), g_object_unref);
}

void
yc_page_texture_load_async (YcFileStore        *files,
                            const YcCasePage   *page,
                            int                 max_width,
                            int                 max_height,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  yc_page_texture_load_pdf_page_async (files, page, 0, max_width, max_height, cancellable, callback,
                                       user_data);
}

void
yc_page_texture_load_pdf_page_async (YcFileStore        *files,
                                     const YcCasePage   *page,
                                     guint               pdf_page,
                                     int                 max_width,
                                     int                 max_height,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (YC_IS_FILE_STORE (files));
  g_return_if_fail (page != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  /* One tag: both are finished by yc_page_texture_load_finish(). */
  g_task_set_source_tag (task, yc_page_texture_load_async);
  data = g_new0 (LoadData, 1);
  data->files = g_object_ref (files);
  data->sha256 = g_strdup (page->sha256);
  data->content_type = g_strdup (page->content_type);
  data->rotation = page->rotation % 360;
  data->pdf_page = is_pdf (page->content_type) ? pdf_page : 0;
  data->max_width = max_width;
  data->max_height = max_height;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GdkTexture *
yc_page_texture_load_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_page_texture_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the widget --- */

struct _YcPageThumbnail
{
  GtkFlowBoxChild  parent_instance;

  YcFileStore     *files;
  YcCasePage      *page;
  GdkTexture      *texture;
  GCancellable    *cancellable;
  gboolean         loaded;

  /* template children */
  GtkStack        *stack;
  GtkPicture      *picture;
  GtkLabel        *document_label;
  GtkLabel        *error_label;
  GtkLabel        *number_label;
  GtkWidget       *count_badge;
  GtkLabel        *count_label;
};

G_DEFINE_FINAL_TYPE (YcPageThumbnail, yc_page_thumbnail, GTK_TYPE_FLOW_BOX_CHILD)

static void
update_labels (YcPageThumbnail *self)
{
  g_autofree char *number = NULL;
  g_autofree char *accessible = NULL;
  guint shown = self->page->page_order + 1;

  /* Translators: under a page's thumbnail: its number within the material */
  number = g_strdup_printf (_("Page %u"), shown);
  gtk_label_set_text (self->number_label, number);

  if (self->page->rotation != 0)
    /* Translators: a page's accessible name: its number and how far it was turned clockwise */
    accessible = g_strdup_printf (_("Page %u, turned %u°"), shown, self->page->rotation);
  else
    accessible = g_strdup (number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* An imported PDF of more than one page says how many on its picture: the thumbnail shows only
 * the first. */
static void
update_badge (YcPageThumbnail *self)
{
  gboolean shown = is_pdf (self->page->content_type) && self->page->page_count > 1 &&
                   self->texture != NULL;

  if (shown)
    {
      g_autofree char *text = NULL;

      /* The same words as the checklist line's page count. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages",
                                           self->page->page_count), self->page->page_count);
      gtk_label_set_text (self->count_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (self->count_badge, shown);
}

static void
show_document_placeholder (YcPageThumbnail *self,
                           const char      *why)
{
  g_autofree char *text = NULL;

  if (self->page->page_count > 0)
    /* Translators: an imported PDF's thumbnail: how many pages it has */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "PDF, %u page", "PDF, %u pages",
                                         self->page->page_count), self->page->page_count);
  else
    text = g_strdup (_("PDF"));
  gtk_label_set_text (self->document_label, text);
  /* The pages are still in the file store and the material's PDF; the tooltip says why none is
   * drawn here. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), why);
  gtk_stack_set_visible_child_name (self->stack, "document");
}

static void
texture_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YcPageThumbnail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = yc_page_texture_load_finish (result, &error);
  /* Cancelled: a newer load replaced it, or the thumbnail went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  g_clear_object (&self->texture);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  if (texture != NULL)
    {
      self->texture = g_steal_pointer (&texture);
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
      gtk_stack_set_visible_child_name (self->stack, "picture");
    }
  else if (is_pdf (self->page->content_type) &&
           !g_error_matches (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_NOT_FOUND))
    /* Why poppler could not is in the log already (render_pdf_page). */
    show_document_placeholder (self, error->message);
  else
    {
      g_warning ("Could not show page %" G_GINT64_FORMAT ": %s", self->page->id, error->message);
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  update_badge (self);
  self->loaded = TRUE;
}

static void
load (YcPageThumbnail *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;
  /* A page turned keeps its old picture on screen until the new one is ready (no flicker); the
   * texture it reports is the current one only. */
  g_clear_object (&self->texture);
  if (gtk_picture_get_paintable (self->picture) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  yc_page_texture_load_async (self->files, self->page,
                              YC_PAGE_THUMBNAIL_WIDTH, YC_PAGE_THUMBNAIL_HEIGHT,
                              self->cancellable, texture_cb, g_object_ref (self));
}

static void
yc_page_thumbnail_dispose (GObject *object)
{
  YcPageThumbnail *self = YC_PAGE_THUMBNAIL (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_PAGE_THUMBNAIL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_clear_object (&self->files);

  G_OBJECT_CLASS (yc_page_thumbnail_parent_class)->dispose (object);
}

static void
yc_page_thumbnail_finalize (GObject *object)
{
  YcPageThumbnail *self = YC_PAGE_THUMBNAIL (object);

  g_clear_pointer (&self->page, yc_case_page_free);

  G_OBJECT_CLASS (yc_page_thumbnail_parent_class)->finalize (object);
}

static void
yc_page_thumbnail_class_init (YcPageThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_page_thumbnail_dispose;
  object_class->finalize = yc_page_thumbnail_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-page-thumbnail.ui");
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, stack);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, picture);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, document_label);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, error_label);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, number_label);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, count_badge);
  gtk_widget_class_bind_template_child (widget_class, YcPageThumbnail, count_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
yc_page_thumbnail_init (YcPageThumbnail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yc_page_thumbnail_new (YcFileStore      *files,
                       const YcCasePage *page)
{
  YcPageThumbnail *self;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (page != NULL, NULL);

  self = g_object_new (YC_TYPE_PAGE_THUMBNAIL, NULL);
  self->files = g_object_ref (files);
  self->page = yc_case_page_copy (page);
  update_labels (self);
  load (self);
  return GTK_WIDGET (self);
}

const YcCasePage *
yc_page_thumbnail_get_page (YcPageThumbnail *self)
{
  g_return_val_if_fail (YC_IS_PAGE_THUMBNAIL (self), NULL);

  return self->page;
}

void
yc_page_thumbnail_set_page (YcPageThumbnail  *self,
                            const YcCasePage *page)
{
  gboolean reload;

  g_return_if_fail (YC_IS_PAGE_THUMBNAIL (self));
  g_return_if_fail (page != NULL);

  reload = g_strcmp0 (self->page->sha256, page->sha256) != 0 || self->page->rotation != page->rotation;
  g_clear_pointer (&self->page, yc_case_page_free);
  self->page = yc_case_page_copy (page);
  update_labels (self);
  if (reload)
    load (self);
}

gboolean
yc_page_thumbnail_get_loaded (YcPageThumbnail *self)
{
  g_return_val_if_fail (YC_IS_PAGE_THUMBNAIL (self), FALSE);

  return self->loaded;
}

GdkTexture *
yc_page_thumbnail_get_texture (YcPageThumbnail *self)
{
  g_return_val_if_fail (YC_IS_PAGE_THUMBNAIL (self), NULL);

  return self->texture;
}

GdkTexture *
yc_page_thumbnail_get_preview (YcPageThumbnail *self)
{
  return yc_page_thumbnail_get_texture (self);
}

const char *
yc_page_thumbnail_get_badge (YcPageThumbnail *self)
{
  g_return_val_if_fail (YC_IS_PAGE_THUMBNAIL (self), NULL);

  return gtk_widget_get_visible (self->count_badge) ? gtk_label_get_text (self->count_label) : NULL;
}
