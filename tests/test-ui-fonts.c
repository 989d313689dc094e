/* test-ui-fonts.c: a window's fonts loaded in a worker before its first frame (yc-font-warmup.c). */
#include <pango/pangocairo.h>

#include "yc-font-warmup.h"
#include "yc-test-ui.h"

/* What the window shows first, and what it does not: Chinese text in three sizes and weights, markup,
 * an entry, a hidden stack page and a hidden revealer. */
typedef struct
{
  GtkWidget *window;
  GtkWidget *title;
  GtkWidget *body;
  GtkWidget *markup;
  GtkWidget *entry;
  GtkWidget *hidden_page;
} Sample;

static void
sample_build (Sample *sample)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *revealer = gtk_revealer_new ();

  sample->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (sample->window), 480, 320);
  sample->title = gtk_label_new ("未选择事项");
  gtk_widget_add_css_class (sample->title, "title-1");
  sample->body = gtk_label_new ("所选事项的申请材料、办理时限和受理条件将显示在这里。");
  gtk_label_set_wrap (GTK_LABEL (sample->body), TRUE);
  sample->markup = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (sample->markup), "<b>一窗</b> 受理 <small>ZH01</small>");
  sample->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (sample->entry), "搜索服务事项");
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("办件"), "shown");
  sample->hidden_page = gtk_label_new ("审批");
  gtk_stack_add_named (GTK_STACK (stack), sample->hidden_page, "hidden");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "shown");
  gtk_revealer_set_child (GTK_REVEALER (revealer), gtk_label_new ("放弃"));

  gtk_box_append (GTK_BOX (box), sample->title);
  gtk_box_append (GTK_BOX (box), sample->body);
  gtk_box_append (GTK_BOX (box), sample->markup);
  gtk_box_append (GTK_BOX (box), sample->entry);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (box), revealer);
  gtk_window_set_child (GTK_WINDOW (sample->window), box);
}

static PangoFontMap *
font_map_of (GtkWidget *widget)
{
  return pango_context_get_font_map (gtk_widget_get_pango_context (widget));
}

static void
measure (GtkWidget *widget,
         int        sizes[4])
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &sizes[0], &sizes[1], NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 300, &sizes[2], &sizes[3], NULL, NULL);
}

static void
assert_same_size (GtkWidget *a,
                  GtkWidget *b)
{
  int sa[4], sb[4];

  measure (a, sa);
  measure (b, sb);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (sa[i], ==, sb[i]);
}

/* Every widget of @widget's tree lays out text on @font_map. */
static void
assert_tree_on_font_map (GtkWidget    *widget,
                         PangoFontMap *font_map)
{
  g_assert_true (font_map_of (widget) == font_map);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_tree_on_font_map (child, font_map);
}

/* The warmed window measures exactly as one built without the warm-up; once it is realized it and
 * its thread's later windows use the worker's font map, and no widget is left on the old one. */
static void
test_warmup_window (void)
{
  Sample plain, warm;
  PangoFontMap *old_map, *warm_map;
  GtkWidget *later;

  /* The reference, measured on the thread's default font map before any warm-up. */
  sample_build (&plain);
  old_map = pango_cairo_font_map_get_default ();
  gtk_window_present (GTK_WINDOW (plain.window));
  WAIT_FOR (gtk_widget_get_mapped (plain.window));
  g_assert_true (font_map_of (plain.body) == old_map);

  sample_build (&warm);
  yc_font_warmup_start (GTK_WINDOW (warm.window));
  /* Not realized yet: the window's widgets stay on the default map while the worker uses its own. */
  g_assert_true (font_map_of (warm.title) == old_map);
  gtk_window_present (GTK_WINDOW (warm.window));
  WAIT_FOR (gtk_widget_get_mapped (warm.window));

  warm_map = font_map_of (warm.window);
  g_assert_true (warm_map != old_map);
  g_assert_true (PANGO_IS_CAIRO_FONT_MAP (warm_map));
  g_assert_true (pango_cairo_font_map_get_default () == warm_map);
  assert_tree_on_font_map (warm.window, warm_map);
  g_assert_true (font_map_of (warm.hidden_page) == warm_map);

  assert_same_size (plain.title, warm.title);
  assert_same_size (plain.body, warm.body);
  assert_same_size (plain.markup, warm.markup);
  assert_same_size (plain.entry, warm.entry);

  /* Started once only: a second call neither starts another worker nor moves the window. */
  yc_font_warmup_start (GTK_WINDOW (warm.window));
  g_assert_true (font_map_of (warm.window) == warm_map);

  later = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (later), gtk_label_new ("同步"));
  g_assert_true (font_map_of (gtk_window_get_child (GTK_WINDOW (later))) == warm_map);

  gtk_window_destroy (GTK_WINDOW (later));
  gtk_window_destroy (GTK_WINDOW (warm.window));
  gtk_window_destroy (GTK_WINDOW (plain.window));
}

/* A window closed before it was ever shown waits for its worker and frees it; a window without text
 * and a window already shown need no worker. */
static void
test_warmup_never_shown (void)
{
  Sample sample;
  GtkWidget *empty = gtk_window_new ();
  GtkWidget *shown = gtk_window_new ();
  PangoFontMap *shown_map;

  sample_build (&sample);
  g_object_ref (sample.window);
  yc_font_warmup_start (GTK_WINDOW (sample.window));
  g_assert_nonnull (g_object_get_data (G_OBJECT (sample.window), "yc-font-warmup"));
  gtk_window_destroy (GTK_WINDOW (sample.window));
  g_object_unref (sample.window);

  yc_font_warmup_start (GTK_WINDOW (empty));
  gtk_window_present (GTK_WINDOW (empty));
  WAIT_FOR (gtk_widget_get_mapped (empty));
  gtk_window_destroy (GTK_WINDOW (empty));

  gtk_window_set_child (GTK_WINDOW (shown), gtk_label_new ("受理"));
  gtk_window_present (GTK_WINDOW (shown));
  WAIT_FOR (gtk_widget_get_mapped (shown));
  shown_map = font_map_of (shown);
  yc_font_warmup_start (GTK_WINDOW (shown));
  g_assert_null (g_object_get_data (G_OBJECT (shown), "yc-font-warmup"));
  g_assert_true (font_map_of (shown) == shown_map);
  gtk_window_destroy (GTK_WINDOW (shown));
}

int
main (int   argc,
      char *argv[])
{
  if (!yc_test_ui_init (&argc, &argv, FALSE))
    return 77;

  g_test_add_func ("/yc/ui/font-warmup/window", test_warmup_window);
  g_test_add_func ("/yc/ui/font-warmup/never-shown", test_warmup_never_shown);
  return g_test_run ();
}
