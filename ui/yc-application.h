/* yc-application.h: the application object: actions, accelerators, the store, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define YC_TYPE_APPLICATION (yc_application_get_type ())
G_DECLARE_FINAL_TYPE (YcApplication, yc_application, YC, APPLICATION, AdwApplication)

YcApplication *yc_application_new (void);

G_END_DECLS
