/* yc-printer-preferences.h: the Preferences' Printing page: the receipt and document printers
 * chosen among the CUPS destinations (kept current, with their state), copies per document kind. */
#pragma once

#include <adwaita.h>

#include "yc-printer.h"
#include "yc-types.h"

G_BEGIN_DECLS

#define YC_TYPE_PRINTER_PREFERENCES (yc_printer_preferences_get_type ())
G_DECLARE_FINAL_TYPE (YcPrinterPreferences, yc_printer_preferences,
                      YC, PRINTER_PREFERENCES, AdwPreferencesPage)

/* Edits "receipt-printer", "document-printer" and "document-copies" of @settings. @printers (may be
 * NULL: only "Default printer" and the printers already chosen are offered) fills the choices and
 * warnings, updated on its "changed". */
GtkWidget   *yc_printer_preferences_new          (GSettings            *settings,
                                                  YcPrinterList        *printers);
/* The printer names offered, "" first for "Default printer" (for tests). */
GStrv        yc_printer_preferences_dup_choices  (YcPrinterPreferences *self);
AdwComboRow *yc_printer_preferences_get_row      (YcPrinterPreferences *self,
                                                  gboolean              receipt);
/* The warning shown under the receipt (or document) printer, or NULL when there is none. */
const char  *yc_printer_preferences_get_warning  (YcPrinterPreferences *self,
                                                  gboolean              receipt);
/* The spin button of @kind's copies. */
GtkSpinButton *yc_printer_preferences_get_copies_button (YcPrinterPreferences *self,
                                                         YcDocKind             kind);

G_END_DECLS
