/* yc-test-ui.h: what the ui tests share: waiting on the main context, the application over a temporary
 * store, an intake driven through the real widgets, and keys pressed through GTK's own event routing. */
#pragma once

#include <adwaita.h>

#include "yc-application.h"
#include "yc-decision.h"
#include "yc-field.h"
#include "yc-intake-form.h"
#include "yc-intake-page.h"
#include "yc-item-detail.h"
#include "yc-material-row.h"
#include "yc-window.h"

G_BEGIN_DECLS

/* --- start-up and waiting --- */

/* What a ui test's main() does first: the locale (with @translate also the catalogue, as main.c does),
 * g_test_init() with isolated directories that still read the system's MIME database and icon theme,
 * then GTK. FALSE without a display: the test should then exit with 77 (skipped). */
gboolean       yc_test_ui_init              (int         *argc,
                                             char      ***argv,
                                             gboolean     translate);

/* How long yc_test_ui_wait_for() waits before it fails the test (60 s unless set). */
void           yc_test_ui_set_timeout       (guint        seconds);
guint          yc_test_ui_get_timeout       (void);

/* One wait on the main context, for waits that say more than yc_test_ui_wait_for() on a timeout. */
typedef struct {
  gint64 end;
  guint  wake_id;
} YcTestUiWait;

void           yc_test_ui_wait_begin        (YcTestUiWait *wait);
/* One blocking iteration of the main context; FALSE (without iterating) once the time is up. */
gboolean       yc_test_ui_wait_step         (YcTestUiWait *wait);
void           yc_test_ui_wait_end          (YcTestUiWait *wait);

/* Spins the main context until @cond holds (evaluated again after every iteration); fails the test
 * after yc_test_ui_get_timeout() seconds. A wake-up source makes a blocked iteration return to check. */
#define yc_test_ui_wait_for(cond)                                                            \
  G_STMT_START {                                                                             \
    YcTestUiWait yc_wait_;                                                                   \
    yc_test_ui_wait_begin (&yc_wait_);                                                       \
    while (!(cond))                                                                          \
      if (!yc_test_ui_wait_step (&yc_wait_))                                                 \
        g_error ("Timed out after %u s waiting for: %s", yc_test_ui_get_timeout (), #cond);  \
    yc_test_ui_wait_end (&yc_wait_);                                                         \
  } G_STMT_END

/* The short name the test bodies use. */
#define WAIT_FOR(cond) yc_test_ui_wait_for (cond)

/* Lets pending layout, focus and idle work run, without blocking. */
void           yc_test_ui_drain             (void);

/* --- widgets --- */

/* The template child @name of @widget's class @type; asserts it exists. */
gpointer       yc_test_ui_template_child    (gpointer     widget,
                                             GType        type,
                                             const char  *name);
/* Whether the keyboard focus of @widget's window is @widget or inside it. */
gboolean       yc_test_ui_focus_is_in       (GtkWidget   *widget);
/* The first visible toplevel window of @type, or NULL. */
gpointer       yc_test_ui_find_toplevel     (GType        type);
/* With YC_TEST_SCREENSHOTS=<dir>, the screen as <dir>/@name.png once @widget's window painted
 * everything pending (to look at the layout); nothing otherwise. */
void           yc_test_ui_screenshot        (GtkWidget   *widget,
                                             const char  *name);

/* Presses @accelerator (e.g. "<Control>Return") as a keyboard does: a key press and its release on
 * @widget's window, which GTK delivers to the window's focus widget and routes through every
 * controller on the way (the widgets' key bindings, global shortcuts, application accelerators). */
void           yc_test_ui_press_keys        (GtkWidget   *widget,
                                             const char  *accelerator);

/* --- the application --- */

/* A new application (non-unique, as several test programs share a session bus), registered and
 * activated; sets *@window to its window. The store may still be opening. */
YcApplication *yc_test_ui_app_new           (YcWindow   **window);
/* A counter ready for intakes: a 1280×960 window, window code ZH01, clerk 王芳. */
void           yc_test_ui_set_counter       (YcApplication *app,
                                             YcWindow      *window);
/* Waits until the store opened (asserting it did without an error), the Intake page has it and the
 * window is mapped. */
void           yc_test_ui_wait_ready        (YcApplication *app,
                                             YcWindow      *window);
/* yc_test_ui_app_new(), with @counter yc_test_ui_set_counter(), then yc_test_ui_wait_ready(). */
YcApplication *yc_test_ui_start_app         (gboolean       counter,
                                             YcWindow     **window);
/* Destroys every window of *@app and drops it. */
void           yc_test_ui_app_close         (YcApplication **app);
/* Ends *@app as the end of g_application_run() does (windows closed, "shutdown": drafts written,
 * devices let go) and waits until it is finalized, which takes it off the session bus: another
 * application can then start in this process (a test of its own, with its own isolated
 * directories and file store). */
void           yc_test_ui_app_stop          (YcApplication **app);
/* Another connection to the database the application uses ($YC_DATABASE), to check what it stored. */
YcStore       *yc_test_ui_open_store        (void);

/* --- an intake, as at the counter --- */

/* Types @query into the Intake page's search, waits for its results, selects the item @code and
 * opens it (Enter on the result); returns the item detail once it shows @code. */
YcItemDetail  *yc_test_ui_show_item         (YcWindow    *window,
                                             const char  *query,
                                             const char  *code);
/* New Intake (Ctrl+N), the search, then Start Intake on the item @code; returns the intake form, its
 * case of @code under way and the focus in the applicant's name. */
YcIntakeForm  *yc_test_ui_start_intake      (YcWindow    *window,
                                             const char  *query,
                                             const char  *code);
/* The applicant form's field @name ("name_field", "id_field", …). */
YcField       *yc_test_ui_field             (YcIntakeForm *form,
                                             const char   *name);
/* Types into a field as the clerk does: the focus in its entry, the entry's text changes. */
void           yc_test_ui_type_into         (YcIntakeForm *form,
                                             const char   *name,
                                             const char   *text);
YcMaterialRow *yc_test_ui_material_row      (YcIntakeForm *form,
                                             guint         position);
YcMaterialState yc_test_ui_row_state        (YcIntakeForm *form,
                                             guint         position);
/* What the keys O, C, … do on the focused material row: the row's @action ("material.original"). */
void           yc_test_ui_press_state       (YcIntakeForm *form,
                                             guint         position,
                                             const char   *action);
/* The decision pane's radio button of @outcome (found by its label). */
GtkWidget     *yc_test_ui_outcome_button    (YcIntakeForm      *form,
                                             YcDecisionOutcome  outcome);
/* Chooses @outcome as a clerk at the keyboard does: the focus on its radio button, Space. */
void           yc_test_ui_choose_outcome    (YcIntakeForm      *form,
                                             YcDecisionOutcome  outcome);
/* Waits for the decision started (Decide, Ctrl+Return) on @form to be stored, and the result shown;
 * fails the test with the pane's problem if it was not. */
void           yc_test_ui_wait_decided      (YcIntakeForm *form);
/* The Decide button's action (intake.decide), then yc_test_ui_wait_decided(). */
void           yc_test_ui_decide            (YcIntakeForm *form);

G_END_DECLS
