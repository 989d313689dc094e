/* yc-window.h: the main window: a sidebar of pages (Intake, Cases, Approvals, Sync). */
#pragma once

#include <adwaita.h>

#include "yc-application.h"
#include "yc-cases-page.h"
#include "yc-intake-page.h"

G_BEGIN_DECLS

#define YC_TYPE_WINDOW (yc_window_get_type ())
G_DECLARE_FINAL_TYPE (YcWindow, yc_window, YC, WINDOW, AdwApplicationWindow)

YcWindow     *yc_window_new              (YcApplication *application);
/* Pages: "intake", "cases", "approvals", "sync". */
void          yc_window_show_page        (YcWindow   *self,
                                          const char *name);
const char   *yc_window_get_visible_page (YcWindow *self);
YcIntakePage *yc_window_get_intake_page  (YcWindow *self);
/* The Cases page is built when first shown: getting it builds it. */
YcCasesPage  *yc_window_get_cases_page   (YcWindow *self);

G_END_DECLS
