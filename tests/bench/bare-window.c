/* bare-window.c: start-up baseline: an empty AdwApplicationWindow shows one frame and quits. */
#define G_LOG_DOMAIN "yc-bench"

#include <adwaita.h>
#include <stdio.h>

/* The same default size as Yichuang's main window (the window-width/height GSettings defaults), so
 * both programs paint the same number of pixels in their first frame. */
#define BARE_WINDOW_WIDTH  1200
#define BARE_WINDOW_HEIGHT 800

/* The same protocol as yichuang's YC_BENCH_FIRST_FRAME hook: once the window is mapped, the first
 * "after-paint" of its frame clock means a frame reached the screen. */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  GApplication *app = user_data;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  fputs ("first-frame\n", stdout);
  fflush (stdout);
  g_application_quit (app);
}

static void
window_map_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_handlers_disconnect_by_func (window, window_map_cb, user_data);
  g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                           G_CALLBACK (after_paint_cb), user_data, 0);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), BARE_WINDOW_WIDTH, BARE_WINDOW_HEIGHT);
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Registered on the session bus like yichuang, so both pay for the same start-up steps. */
  g_autoptr(AdwApplication) app = adw_application_new ("org.yichuang.Yichuang.BenchBareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
