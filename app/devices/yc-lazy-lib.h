/* yc-lazy-lib.h: libraries the first frame does not need (CUPS, SANE, poppler), loaded on first use.
 *
 * Linking them would make every start relocate them and the forty libraries they pull in (NSS, ICU,
 * GnuTLS, Kerberos, libusb, …): about 8% of the instructions before the first frame. Instead the
 * executable defines each function the project calls (yc-*-lazy.c) as a forwarder that loads the
 * library once, locally, and jumps to the real function. Callers include the library's own header
 * and call it as usual; a call to a function without a forwarder fails the link, so none is missed. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_LAZY_LIB_ERROR (yc_lazy_lib_error_quark ())

typedef enum {
  YC_LAZY_LIB_ERROR_MISSING,   /* the library or one of its functions is not installed */
} YcLazyLibError;

GQuark yc_lazy_lib_error_quark (void);

typedef struct
{
  const char *soname;        /* "libcups.so.2" */
  const char *description;   /* "CUPS", "SANE", "poppler" */
  gsize       once;
  GModule    *module;        /* NULL when loading failed */
  GError     *error;         /* why, when it failed */
} YcLazyLib;

#define YC_LAZY_LIB_INIT(soname, description) { (soname), (description), 0, NULL, NULL }

gboolean yc_lazy_lib_load   (YcLazyLib   *lib,
                             GError     **error);
gpointer yc_lazy_lib_symbol (YcLazyLib   *lib,
                             const char  *name);

/* Each library: loading (and failing) with a translated error, for the code paths that start using
 * it, and for warming it up in a worker before the clerk needs it. */
gboolean yc_cups_load       (GError     **error);
gboolean yc_sane_load       (GError     **error);
gboolean yc_poppler_load    (GError     **error);

void     yc_lazy_libs_preload_async (GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean yc_lazy_libs_preload_finish (GAsyncResult  *result,
                                      GError       **error);

/* Defines NAME with PARAMS as a forwarder to NAME in LIB, resolved once. */
#define YC_LAZY_FUNCTION(lib, ret, name, params, args)                                        \
  ret name params                                                                           \
  {                                                                                         \
    static gsize symbol_ = 0;                                                               \
    if (g_once_init_enter (&symbol_))                                                       \
      g_once_init_leave (&symbol_, (gsize) yc_lazy_lib_symbol (&(lib), #name));             \
    return ((ret (*) params) symbol_) args;                                                 \
  }

#define YC_LAZY_VOID_FUNCTION(lib, name, params, args)                                        \
  void name params                                                                          \
  {                                                                                         \
    static gsize symbol_ = 0;                                                               \
    if (g_once_init_enter (&symbol_))                                                       \
      g_once_init_leave (&symbol_, (gsize) yc_lazy_lib_symbol (&(lib), #name));             \
    ((void (*) params) symbol_) args;                                                       \
  }

G_END_DECLS
