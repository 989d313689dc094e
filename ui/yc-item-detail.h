/* yc-item-detail.h: what a clerk needs to know about one service item, with its materials. */
#pragma once

#include <gtk/gtk.h>

#include "yc-store.h"

G_BEGIN_DECLS

#define YC_TYPE_ITEM_DETAIL (yc_item_detail_get_type ())
G_DECLARE_FINAL_TYPE (YcItemDetail, yc_item_detail, YC, ITEM_DETAIL, GtkWidget)

/* Fetches the item with its materials from @store (cancelling any earlier load) and shows it. */
void        yc_item_detail_load      (YcItemDetail *self,
                                      YcStore      *store,
                                      const char   *code);
void        yc_item_detail_clear     (YcItemDetail *self);
/* The item on display, with its materials; NULL while loading or after an error. */
YcItem     *yc_item_detail_get_item  (YcItemDetail *self);
/* The code last asked for (NULL after clear). */
const char *yc_item_detail_get_code  (YcItemDetail *self);
/* Moves the keyboard focus into the detail. */
void        yc_item_detail_focus     (YcItemDetail *self);

G_END_DECLS
