/* main.c: starts Yichuang (一窗). */
#include <glib/gi18n.h>
#include <locale.h>

#include "yc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YcApplication) app = NULL;
  const char *localedir = g_getenv ("YC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = yc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
