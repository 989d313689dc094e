/* yc-guidance-button.h: "Print guidance" (办事指南) in the language the applicant chooses: Chinese,
 * English or Russian, on the document printer, with the state of the print beside it. */
#pragma once

#include <gtk/gtk.h>

#include "yc-printing.h"

G_BEGIN_DECLS

#define YC_TYPE_GUIDANCE_BUTTON (yc_guidance_button_get_type ())
G_DECLARE_FINAL_TYPE (YcGuidanceButton, yc_guidance_button, YC, GUIDANCE_BUTTON, GtkWidget)

/* Action "guidance.print" (string: "zh_CN", "en" or "ru") prints the guidance of the item (and
 * records it on the case, if one is set). Insensitive without an item. */
GtkWidget   *yc_guidance_button_new        (void);
void         yc_guidance_button_set_item   (YcGuidanceButton *self,
                                            YcItem           *item);
/* The case the guidance is printed for (NULL: about the item alone). */
void         yc_guidance_button_set_case   (YcGuidanceButton *self,
                                            YcCase           *kase);
/* Unset: the application's. */
void         yc_guidance_button_set_printing (YcGuidanceButton *self,
                                              YcPrinting       *printing);
/* The last guidance printed from here, or NULL. (transfer none) */
YcPrintItem *yc_guidance_button_get_last   (YcGuidanceButton *self);

G_END_DECLS
