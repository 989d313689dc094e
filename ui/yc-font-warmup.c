/* yc-font-warmup.c: a window's fonts loaded on a second core while GTK sets up its renderer.
 *
 * A first frame in Chinese spends much of its time in fonts: fontconfig's substitutions for each
 * size and weight, FreeType opening the CJK face, Pango's metrics (shaped from a sample sentence
 * per font), each glyph's extents and its rasterisation. All of it is cached in the font map (and
 * cairo's scaled fonts), so a worker that lays out the window's text on a font map of its own, while
 * the GTK thread realizes the window (GL set-up and shader compilation), leaves the GTK thread only
 * the shaping and drawing. Pango font maps are not thread-safe: the worker owns its map until it is
 * joined, and only then is the map given to the window (gtk_widget_set_font_map() moves the widgets'
 * existing Pango contexts to it). */
#define G_LOG_DOMAIN "yc-ui"

#include <pango/pangocairo.h>

#include "yc-font-warmup.h"

/* Rasterising glyphs off-screen needs a surface that holds them: longer text is cut here. */
#define MAX_SURFACE_WIDTH  2048
#define MAX_SURFACE_HEIGHT 256

typedef struct
{
  PangoFontDescription *font;
  PangoAttrList *attributes;   /* nullable: a label's markup */
  char *text;
} WarmupText;

typedef struct
{
  PangoFontMap *font_map;
  PangoContext *context;       /* on font_map, the window's settings: the worker's until joined */
  GPtrArray *texts;            /* WarmupText */
  GThread *thread;             /* NULL once joined */
  gint64 started_us;
} Warmup;

static void
warmup_text_free (gpointer data)
{
  WarmupText *text = data;

  pango_font_description_free (text->font);
  g_clear_pointer (&text->attributes, pango_attr_list_unref);
  g_free (text->text);
  g_free (text);
}

static gpointer
warmup_thread (gpointer data)
{
  Warmup *self = data;
  g_autoptr(GPtrArray) fonts = g_ptr_array_new ();
  PangoLanguage *language = pango_context_get_language (self->context);

  for (guint i = 0; i < self->texts->len; i++)
    {
      WarmupText *text = g_ptr_array_index (self->texts, i);
      g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
      cairo_surface_t *surface;
      cairo_t *cr;
      PangoRectangle ink, logical;
      gboolean seen = FALSE;

      pango_layout_set_font_description (layout, text->font);
      pango_layout_set_attributes (layout, text->attributes);
      pango_layout_set_text (layout, text->text, -1);
      /* Loads the fonts and each glyph's extents, as measuring a label does. */
      pango_layout_get_pixel_extents (layout, &ink, &logical);

      /* Labels and entries ask for their font's metrics (average character width, height). */
      for (guint j = 0; j < fonts->len && !seen; j++)
        seen = pango_font_description_equal (g_ptr_array_index (fonts, j), text->font);
      if (!seen)
        {
          pango_font_metrics_unref (pango_context_get_metrics (self->context, text->font, language));
          g_ptr_array_add (fonts, text->font);
        }

      /* Cairo keeps each glyph's image in the scaled font, where GTK's renderer looks first. */
      if (ink.width <= 0 || ink.height <= 0)
        continue;
      surface = cairo_image_surface_create (CAIRO_FORMAT_A8,
                                            MIN (ink.x + ink.width, MAX_SURFACE_WIDTH),
                                            MIN (ink.y + ink.height, MAX_SURFACE_HEIGHT));
      cr = cairo_create (surface);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  return NULL;
}

static void
warmup_join (Warmup *self)
{
  gint64 waited_us = g_get_monotonic_time ();

  if (self->thread == NULL)
    return;
  g_thread_join (g_steal_pointer (&self->thread));
  waited_us = g_get_monotonic_time () - waited_us;
  g_debug ("font warm-up: %u texts, joined %.1f ms after its start, after waiting %.1f ms",
           self->texts->len, (g_get_monotonic_time () - self->started_us) / 1000.0,
           waited_us / 1000.0);
}

static void
warmup_free (gpointer data)
{
  Warmup *self = data;

  warmup_join (self);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_free (self);
}

/* Whether @widget is drawn in the window's first frame, as far as its parent decides. */
static gboolean
is_shown (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_STACK (parent))
    return gtk_stack_get_visible_child (GTK_STACK (parent)) == widget;
  if (GTK_IS_REVEALER (parent))
    return gtk_revealer_get_reveal_child (GTK_REVEALER (parent));
  return TRUE;
}

static void
add_text (Warmup     *self,
          GtkWidget  *widget,
          const char *text)
{
  WarmupText *entry = g_new0 (WarmupText, 1);
  /* Computes the widget's style, which the first measure would do. */
  PangoContext *context = gtk_widget_get_pango_context (widget);

  entry->font = pango_font_description_copy (pango_context_get_font_description (context));
  entry->text = g_strdup (text);
  g_ptr_array_add (self->texts, entry);

  if (self->context == NULL)
    {
      /* The window's widgets share these (GTK sets them from the display's settings). */
      self->context = pango_font_map_create_context (self->font_map);
      pango_context_set_language (self->context, pango_context_get_language (context));
      pango_context_set_base_dir (self->context, pango_context_get_base_dir (context));
      pango_context_set_round_glyph_positions (self->context,
                                               pango_context_get_round_glyph_positions (context));
      pango_cairo_context_set_font_options (self->context,
                                            pango_cairo_context_get_font_options (context));
      pango_cairo_context_set_resolution (self->context,
                                          pango_cairo_context_get_resolution (context));
    }
}

static void
collect (Warmup    *self,
         GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);
      const char *text = gtk_label_get_text (label);

      if (text != NULL && *text != '\0')
        {
          add_text (self, widget, text);
          if (gtk_label_get_use_markup (label))
            {
              WarmupText *entry = g_ptr_array_index (self->texts, self->texts->len - 1);

              pango_parse_markup (gtk_label_get_label (label), -1, 0, &entry->attributes,
                                  NULL, NULL, NULL);
            }
        }
    }
  else if (GTK_IS_TEXT (widget))
    {
      /* An empty entry still measures its font's height and character width. */
      add_text (self, widget, gtk_editable_get_text (GTK_EDITABLE (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_shown (child))
      collect (self, child);
}

static void
window_realize_cb (GtkWidget *window,
                   gpointer   user_data)
{
  Warmup *self = user_data;

  g_signal_handlers_disconnect_by_func (window, window_realize_cb, user_data);
  warmup_join (self);
  /* Later windows and popovers of this thread find the fonts loaded too. */
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (self->font_map));
  gtk_widget_set_font_map (window, self->font_map);
  /* The window and the thread's default hold the map now; the texts are done with. */
  g_ptr_array_set_size (self->texts, 0);
  g_clear_object (&self->context);
}

void
yc_font_warmup_start (GtkWindow *window)
{
  Warmup *self;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window))
      || g_object_get_data (G_OBJECT (window), "yc-font-warmup") != NULL)
    return;

  self = g_new0 (Warmup, 1);
  self->font_map = pango_cairo_font_map_new ();
  self->texts = g_ptr_array_new_with_free_func (warmup_text_free);
  collect (self, GTK_WIDGET (window));
  /* Freed (the worker joined first) with the window, should it never be shown. */
  g_object_set_data_full (G_OBJECT (window), "yc-font-warmup", self, warmup_free);
  if (self->context == NULL)
    return;

  self->started_us = g_get_monotonic_time ();
  self->thread = g_thread_new ("yc-font-warmup", warmup_thread, self);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), self);
}
