/* yc-field.h: one form field: a title, an entry, and a message under it (error, warning) with an optional
 * action; an ID field can be shown masked. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  YC_FIELD_STATE_NONE,
  YC_FIELD_STATE_ERROR,
  YC_FIELD_STATE_WARNING,
} YcFieldState;

GType yc_field_state_get_type (void) G_GNUC_CONST;
#define YC_TYPE_FIELD_STATE (yc_field_state_get_type ())

/* Returns the masked form of @value (newly allocated). */
typedef char *(*YcFieldMaskFunc) (const char *value);

#define YC_TYPE_FIELD (yc_field_get_type ())
G_DECLARE_FINAL_TYPE (YcField, yc_field, YC, FIELD, GtkWidget)

/* Properties: "title" (mnemonic, also the entry's accessible label), "text" (the real value, whatever is
 * displayed), "message" and "state" (shown under the entry), "action-label" (a button beside the
 * message, e.g. "_Override"; hidden when NULL), "masked" (read-only: the display shows the mask).
 * Signals: "changed" (the clerk edited the text), "activate" (Enter), "leave" (the focus left the entry),
 * "action" (the action button was clicked). */
GtkWidget    *yc_field_new              (const char *title);
const char   *yc_field_get_title        (YcField    *self);
void          yc_field_set_title        (YcField    *self,
                                         const char *title);
const char   *yc_field_get_text         (YcField    *self);
/* Sets the value without emitting "changed"; shows it unmasked. */
void          yc_field_set_text         (YcField    *self,
                                         const char *text);
void          yc_field_set_message      (YcField     *self,
                                         YcFieldState state,
                                         const char  *message);
YcFieldState  yc_field_get_state        (YcField    *self);
const char   *yc_field_get_message      (YcField    *self);
void          yc_field_set_action_label (YcField    *self,
                                         const char *label);
/* Masking: with a mask function set, yc_field_set_masked (TRUE) shows the mask instead of the value and
 * makes the entry read-only until the clerk reveals it (the entry's icon) or clears it (Backspace). */
void          yc_field_set_mask_func    (YcField         *self,
                                         YcFieldMaskFunc  func);
void          yc_field_set_masked       (YcField    *self,
                                         gboolean    masked);
gboolean      yc_field_get_masked       (YcField    *self);
/* Placeholder, input purpose and the like live on the entry. */
GtkEntry     *yc_field_get_entry        (YcField    *self);
gboolean      yc_field_has_focus_within (YcField    *self);

G_END_DECLS
