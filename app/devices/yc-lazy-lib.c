/* yc-lazy-lib.c: loading a library on first use, once, with a translated error when it is missing. */
#define G_LOG_DOMAIN "yc-lazy-lib"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "yc-lazy-lib.h"

G_DEFINE_QUARK (yc-lazy-lib-error-quark, yc_lazy_lib_error)

gboolean
yc_lazy_lib_load (YcLazyLib  *lib,
                  GError    **error)
{
  if (g_once_init_enter (&lib->once))
    {
      /* Local: the executable's forwarders stay the only global definitions of these names. */
      lib->module = g_module_open (lib->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      if (lib->module == NULL)
        lib->error = g_error_new (YC_LAZY_LIB_ERROR, YC_LAZY_LIB_ERROR_MISSING,
                                  /* Translators: the first %s names a library (CUPS, SANE,
                                   * poppler), the second is the system's reason. */
                                  _("The %s library could not be loaded (%s). Ask the "
                                    "administrator to reinstall Yichuang and its dependencies."),
                                  lib->description, g_module_error ());
      g_once_init_leave (&lib->once, 1);
    }

  if (lib->module == NULL)
    {
      g_propagate_error (error, g_error_copy (lib->error));
      return FALSE;
    }
  return TRUE;
}

/* For the forwarders: the code that reaches them has loaded the library already (or its users
 * check yc_*_load() first), so a missing library or function here is a broken installation. */
gpointer
yc_lazy_lib_symbol (YcLazyLib  *lib,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  gpointer symbol = NULL;

  if (!yc_lazy_lib_load (lib, &error))
    g_error ("%s", error->message);
  if (!g_module_symbol (lib->module, name, &symbol) || symbol == NULL)
    g_error ("%s has no function %s: %s", lib->soname, name, g_module_error ());
  return symbol;
}

static void
preload_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean cups_loaded, poppler_loaded;

  /* Both are tried; each one that fails says so again when it is used, the first one here. */
  cups_loaded = yc_cups_load (&error);
  poppler_loaded = yc_poppler_load (cups_loaded ? &error : NULL);
  if (!cups_loaded || !poppler_loaded)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Loads CUPS and poppler in a worker, so the first receipt and the first preview do not pay for it
 * on the clerk's time. SANE is loaded by the scanner's own worker. */
void
yc_lazy_libs_preload_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, yc_lazy_libs_preload_async);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, preload_thread);
}

gboolean
yc_lazy_libs_preload_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
