/* yc-font-warmup.h: a window's fonts loaded on a second core while GTK sets up its renderer. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts laying out the text @window shows first (its visible labels and entries, in their fonts,
 * sizes and language) in a worker thread, on a font map of its own: it loads the fonts, their
 * metrics and glyphs (for Chinese, most of the cost of a first frame's text). Call it once the
 * window is built and before it is shown: realizing the window (which sets up GL and its shaders
 * on this thread) waits for the worker and hands its font map to the window and to the thread's
 * later windows. Until then the window's own widgets keep the default font map, so no font map
 * is ever used by two threads. Does nothing if the window is already realized or warming up. */
void yc_font_warmup_start (GtkWindow *window);

G_END_DECLS
