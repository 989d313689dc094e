/* yc-poppler-lazy.c: the poppler-glib functions Yichuang calls, forwarded to libpoppler-glib loaded
 * on first use (it pulls in poppler, NSS, ICU, OpenJPEG and LCMS). */
#define G_LOG_DOMAIN "yc-lazy-lib"

#include <poppler.h>

#include "yc-lazy-lib.h"

static YcLazyLib poppler_lib = YC_LAZY_LIB_INIT ("libpoppler-glib.so.8", "poppler");

gboolean
yc_poppler_load (GError **error)
{
  return yc_lazy_lib_load (&poppler_lib, error);
}

YC_LAZY_FUNCTION (poppler_lib, GQuark, poppler_error_quark, (void), ())
YC_LAZY_FUNCTION (poppler_lib, GType, poppler_document_get_type, (void), ())
YC_LAZY_FUNCTION (poppler_lib, GType, poppler_page_get_type, (void), ())
YC_LAZY_FUNCTION (poppler_lib, PopplerDocument *, poppler_document_new_from_file,
                  (const char *uri, const char *password, GError **error),
                  (uri, password, error))
YC_LAZY_FUNCTION (poppler_lib, PopplerDocument *, poppler_document_new_from_bytes,
                  (GBytes *bytes, const char *password, GError **error),
                  (bytes, password, error))
YC_LAZY_FUNCTION (poppler_lib, PopplerDocument *, poppler_document_new_from_gfile,
                  (GFile *file, const char *password, GCancellable *cancellable, GError **error),
                  (file, password, cancellable, error))
YC_LAZY_FUNCTION (poppler_lib, int, poppler_document_get_n_pages, (PopplerDocument *document),
                  (document))
YC_LAZY_FUNCTION (poppler_lib, PopplerPage *, poppler_document_get_page,
                  (PopplerDocument *document, int index), (document, index))
YC_LAZY_VOID_FUNCTION (poppler_lib, poppler_page_get_size,
                       (PopplerPage *page, double *width, double *height), (page, width, height))
YC_LAZY_VOID_FUNCTION (poppler_lib, poppler_page_render, (PopplerPage *page, cairo_t *cairo),
                       (page, cairo))
YC_LAZY_VOID_FUNCTION (poppler_lib, poppler_page_render_for_printing,
                       (PopplerPage *page, cairo_t *cairo), (page, cairo))
