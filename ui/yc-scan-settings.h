/* yc-scan-settings.h: the Scanner page of Preferences: which scanner (SANE devices, listed off the
 * main thread, Refresh), and its source, mode and resolution, remembered per scanner by the core. */
#pragma once

#include <adwaita.h>

#include "yc-scanner.h"

G_BEGIN_DECLS

#define YC_TYPE_SCAN_SETTINGS_PAGE (yc_scan_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (YcScanSettingsPage, yc_scan_settings_page, YC, SCAN_SETTINGS_PAGE,
                      AdwPreferencesPage)

/* The chosen device is written to @settings' "scanner-device"; its source, mode and resolution go
 * to the device through yc_scanner_set_options_async, which clamps and remembers them. The page is
 * named "scanner" (adw_preferences_window_set_visible_page_name). */
GtkWidget *yc_scan_settings_page_new           (YcScanner  *scanner,
                                                GSettings  *settings);
/* Lists the devices again (the Refresh button). */
void       yc_scan_settings_page_refresh       (YcScanSettingsPage *self);
/* TRUE while devices are listed, a device's capabilities read or settings written. */
gboolean   yc_scan_settings_page_get_busy      (YcScanSettingsPage *self);
/* The SANE names listed (element-type utf8), in the order shown. */
GPtrArray *yc_scan_settings_page_get_devices   (YcScanSettingsPage *self);
/* What the rows show (the capabilities of the chosen device, once read). */
const YcScanSettings *yc_scan_settings_page_get_current (YcScanSettingsPage *self);

/* Choose as the clerk does in the rows; FALSE if the device or value is not offered. */
gboolean   yc_scan_settings_page_choose_device (YcScanSettingsPage *self,
                                                const char         *device);
gboolean   yc_scan_settings_page_choose_source (YcScanSettingsPage *self,
                                                YcScanSource        source);
gboolean   yc_scan_settings_page_choose_mode   (YcScanSettingsPage *self,
                                                YcScanMode          mode);
gboolean   yc_scan_settings_page_choose_resolution (YcScanSettingsPage *self,
                                                    guint               dpi);

G_END_DECLS
