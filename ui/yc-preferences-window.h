/* yc-preferences-window.h: this workstation's settings: window code, clerk, platform; the Printing page. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define YC_TYPE_PREFERENCES_WINDOW (yc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (YcPreferencesWindow, yc_preferences_window,
                      YC, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits @settings (org.yichuang.Yichuang); invalid values are shown as such and never saved. */
YcPreferencesWindow *yc_preferences_window_new (GSettings *settings);

G_END_DECLS
