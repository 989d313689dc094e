/* yc-application.h: the application object: actions, accelerators, the store, windows. */
#pragma once

#include <adwaita.h>

#include "yc-file-store.h"
#include "yc-printing.h"
#include "yc-scanner.h"
#include "yc-store.h"

G_BEGIN_DECLS

#define YC_TYPE_APPLICATION (yc_application_get_type ())
G_DECLARE_FINAL_TYPE (YcApplication, yc_application, YC, APPLICATION, AdwApplication)

YcApplication *yc_application_new             (void);

/* The workstation's store: NULL until it is open and the catalogue is in place ("store-ready" is
 * emitted then, and "store" notified). */
YcStore       *yc_application_get_store       (YcApplication *self);
/* Why the store could not be opened (NULL while opening or once open). */
const GError  *yc_application_get_store_error (YcApplication *self);
/* Why the sample catalogue could not be imported on first start (NULL otherwise); the store is
 * still usable. */
const GError  *yc_application_get_catalogue_error (YcApplication *self);
/* Scanned and imported files (content-addressed); set before "store-ready", NULL if it could not be
 * opened. */
YcFileStore   *yc_application_get_file_store  (YcApplication *self);
/* The workstation's one scanner object (SANE is process-wide), created on first use with the file
 * store at yc_file_store_default_root(); NULL if that store cannot be opened. Released when the
 * last window closes and at shutdown. */
YcScanner     *yc_application_get_scanner     (YcApplication *self);
/* The workstation's printing (document service, printers, the Preferences' choices), created on
 * first use once the store and file store are open; NULL before. Released at shutdown. */
YcPrinting    *yc_application_get_printing    (YcApplication *self);
/* The application's settings (org.yichuang.Yichuang). */
GSettings     *yc_application_get_settings    (YcApplication *self);

G_END_DECLS
