/* yc-page-viewer.c: shows stored pages one at a time at full resolution, decoded (an imported PDF's
 * pages: drawn by poppler) in a worker thread, fitted to the window or at 100 %. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-page-thumbnail.h"
#include "yc-page-viewer.h"

struct _YcPageViewer
{
  AdwWindow          parent_instance;

  YcFileStore       *files;
  GPtrArray         *pages;        /* (element-type YcCasePage) */
  guint              index;
  guint              pdf_page;     /* within an imported PDF at @index; 0 for a picture */
  gboolean           fit;
  gboolean           loaded;
  GdkTexture        *texture;
  GCancellable      *cancellable;

  /* template children */
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled;
  GtkPicture        *picture;
  AdwStatusPage     *message_page;
  GtkToggleButton   *fit_button;
  GtkToggleButton   *actual_button;
};

G_DEFINE_FINAL_TYPE (YcPageViewer, yc_page_viewer, ADW_TYPE_WINDOW)

/* The sheets of paper a stored page stands for: an imported PDF brings all of its pages, which the
 * viewer shows one after another as it does scanned ones. */
static guint
n_sheets (const YcCasePage *page)
{
  if (g_strcmp0 (page->content_type, "application/pdf") == 0)
    return MAX (page->page_count, 1);
  return 1;
}

static guint
current_sheets (YcPageViewer *self)
{
  return n_sheets (g_ptr_array_index (self->pages, self->index));
}

static void
update_navigation (YcPageViewer *self)
{
  guint n = self->pages->len;
  gboolean at_start = n == 0 || (self->index == 0 && self->pdf_page == 0);
  gboolean at_end = n == 0 || (self->index + 1 == n && self->pdf_page + 1 >= current_sheets (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", !at_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", !at_end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.first", !at_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.last", !at_end);
}

static void
apply_zoom (YcPageViewer *self)
{
  /* Fit: the picture may shrink into the window and nothing scrolls. 100 %: its natural size, one
   * image pixel per pixel, scrolled. */
  gtk_picture_set_can_shrink (self->picture, self->fit);
  gtk_scrolled_window_set_policy (self->scrolled,
                                  self->fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  self->fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  gtk_toggle_button_set_active (self->fit_button, self->fit);
  gtk_toggle_button_set_active (self->actual_button, !self->fit);
}

static void
texture_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YcPageViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = yc_page_texture_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  self->loaded = TRUE;
  if (texture != NULL)
    {
      g_set_object (&self->texture, texture);
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->stack, "picture");
      return;
    }

  adw_status_page_set_icon_name (self->message_page, "image-missing-symbolic");
  adw_status_page_set_title (self->message_page, _("This page cannot be shown"));
  adw_status_page_set_description (self->message_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_page (YcPageViewer *self)
{
  const YcCasePage *page;
  g_autofree char *subtitle = NULL;
  guint sheet = 0, total = 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  gtk_picture_set_paintable (self->picture, NULL);
  update_navigation (self);

  if (self->pages->len == 0)
    {
      self->loaded = TRUE;
      adw_window_title_set_subtitle (self->window_title, NULL);
      adw_status_page_set_icon_name (self->message_page, "image-x-generic-symbolic");
      adw_status_page_set_title (self->message_page, _("No pages"));
      adw_status_page_set_description (self->message_page,
                                       _("Nothing was scanned or imported for this material."));
      gtk_stack_set_visible_child_name (self->stack, "message");
      return;
    }

  page = g_ptr_array_index (self->pages, self->index);
  /* Counted in sheets of paper, as the checklist counts the material's pages. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      if (i == self->index)
        sheet = total + self->pdf_page + 1;
      total += n_sheets (g_ptr_array_index (self->pages, i));
    }
  /* Translators: the page viewer's subtitle, e.g. "Page 2 of 10" */
  subtitle = g_strdup_printf (_("Page %u of %u"), sheet, total);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  self->loaded = FALSE;
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  yc_page_texture_load_pdf_page_async (self->files, page, self->pdf_page, 0, 0, self->cancellable,
                                       texture_cb, g_object_ref (self));
}

static void
go_to (YcPageViewer *self,
       guint         index,
       guint         pdf_page)
{
  if (index == self->index && pdf_page == self->pdf_page)
    return;
  self->index = index;
  self->pdf_page = pdf_page;
  show_page (self);
}

/* Sheet by sheet: through an imported PDF's pages, then on to the next stored page; back from a
 * page to the last sheet of a PDF before it. */
static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YcPageViewer *self = YC_PAGE_VIEWER (widget);
  guint n = self->pages->len;

  if (n == 0)
    return;
  if (g_str_equal (action_name, "viewer.previous"))
    {
      if (self->pdf_page > 0)
        go_to (self, self->index, self->pdf_page - 1);
      else if (self->index > 0)
        go_to (self, self->index - 1, n_sheets (g_ptr_array_index (self->pages, self->index - 1)) - 1);
    }
  else if (g_str_equal (action_name, "viewer.next"))
    {
      if (self->pdf_page + 1 < current_sheets (self))
        go_to (self, self->index, self->pdf_page + 1);
      else if (self->index + 1 < n)
        go_to (self, self->index + 1, 0);
    }
  else if (g_str_equal (action_name, "viewer.first"))
    go_to (self, 0, 0);
  else if (g_str_equal (action_name, "viewer.last"))
    go_to (self, n - 1, n_sheets (g_ptr_array_index (self->pages, n - 1)) - 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yc_page_viewer_set_fit (YC_PAGE_VIEWER (widget), g_str_equal (action_name, "viewer.zoom-fit"));
}

static void
fit_toggled_cb (YcPageViewer *self)
{
  if (gtk_toggle_button_get_active (self->fit_button) != self->fit)
    yc_page_viewer_set_fit (self, gtk_toggle_button_get_active (self->fit_button));
}

static void
yc_page_viewer_dispose (GObject *object)
{
  YcPageViewer *self = YC_PAGE_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_PAGE_VIEWER);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_clear_object (&self->files);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (yc_page_viewer_parent_class)->dispose (object);
}

static void
yc_page_viewer_class_init (YcPageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_page_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-page-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, scrolled);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, message_page);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, fit_button);
  gtk_widget_class_bind_template_child (widget_class, YcPageViewer, actual_button);
  gtk_widget_class_bind_template_callback (widget_class, fit_toggled_cb);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "viewer.first", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "viewer.last", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-actual", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "viewer.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "viewer.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "viewer.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "viewer.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yc_page_viewer_init (YcPageViewer *self)
{
  GtkEventController *arrows;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Left and Right turn the pages. As class bindings they came after GtkWindow's own arrow keys,
   * which moved the focus between the header's buttons instead: caught before them. */
  arrows = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (arrows, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (arrows),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                                                          gtk_named_action_new ("viewer.previous")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (arrows),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                          gtk_named_action_new ("viewer.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), arrows);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_page_free);
  self->fit = TRUE;
  apply_zoom (self);
}

YcPageViewer *
yc_page_viewer_new (YcFileStore *files,
                    GPtrArray   *pages,
                    guint        index,
                    const char  *title)
{
  YcPageViewer *self;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (pages != NULL, NULL);

  self = g_object_new (YC_TYPE_PAGE_VIEWER, NULL);
  self->files = g_object_ref (files);
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (self->pages, yc_case_page_copy (g_ptr_array_index (pages, i)));
  self->index = pages->len > 0 ? MIN (index, pages->len - 1) : 0;
  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Pages"));
  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (self), title);
  show_page (self);
  return self;
}

guint
yc_page_viewer_get_n_pages (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), 0);

  return self->pages->len;
}

guint
yc_page_viewer_get_index (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), 0);

  return self->index;
}

void
yc_page_viewer_set_index (YcPageViewer *self,
                          guint         index)
{
  g_return_if_fail (YC_IS_PAGE_VIEWER (self));

  if (self->pages->len == 0)
    return;
  index = MIN (index, self->pages->len - 1);
  if (index == self->index && self->pdf_page == 0 && (self->loaded || self->cancellable != NULL))
    return;
  self->index = index;
  self->pdf_page = 0;
  show_page (self);
}

guint
yc_page_viewer_get_pdf_page (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), 0);

  return self->pdf_page;
}

gboolean
yc_page_viewer_get_fit (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), TRUE);

  return self->fit;
}

void
yc_page_viewer_set_fit (YcPageViewer *self,
                        gboolean      fit)
{
  g_return_if_fail (YC_IS_PAGE_VIEWER (self));

  self->fit = !!fit;
  apply_zoom (self);
}

GdkTexture *
yc_page_viewer_get_texture (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), NULL);

  return self->texture;
}

gboolean
yc_page_viewer_get_loaded (YcPageViewer *self)
{
  g_return_val_if_fail (YC_IS_PAGE_VIEWER (self), FALSE);

  return self->loaded;
}

/* --- opening a material's pages --- */

typedef struct {
  GtkWidget   *parent;
  YcFileStore *files;
  guint        material;
  char        *title;
} PresentData;

static void
present_data_free (PresentData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->files);
  g_free (data->title);
  g_free (data);
}

static void
present_list_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PresentData *data = user_data;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  YcPageViewer *viewer;
  GtkRoot *root;

  pages = yc_store_list_pages_finish (YC_STORE (source), result, &error);
  if (pages == NULL)
    {
      g_warning ("Could not list the pages of material %u: %s", data->material, error->message);
      pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_page_free);
    }

  viewer = yc_page_viewer_new (data->files, pages, 0, data->title);
  root = gtk_widget_get_root (data->parent);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (viewer), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_set_modal (GTK_WINDOW (viewer), TRUE);
  gtk_window_present (GTK_WINDOW (viewer));
  present_data_free (data);
}

void
yc_page_viewer_present_material (GtkWidget   *parent,
                                 YcStore     *store,
                                 YcFileStore *files,
                                 const char  *case_uuid,
                                 guint        material,
                                 const char  *title)
{
  PresentData *data;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (YC_IS_STORE (store));
  g_return_if_fail (YC_IS_FILE_STORE (files));
  g_return_if_fail (case_uuid != NULL);

  data = g_new0 (PresentData, 1);
  data->parent = g_object_ref (parent);
  data->files = g_object_ref (files);
  data->material = material;
  data->title = g_strdup (title);
  yc_store_list_pages_async (store, case_uuid, (int) material, NULL, present_list_cb, data);
}
