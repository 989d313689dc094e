/* yc-document-row.h: a row for one YcPrintItem: kind, date, pages, live print state, and the
 * buttons Preview, Print again and Print…. */
#pragma once

#include <gtk/gtk.h>

#include "yc-print-item.h"

G_BEGIN_DECLS

#define YC_TYPE_DOCUMENT_ROW (yc_document_row_get_type ())
G_DECLARE_FINAL_TYPE (YcDocumentRow, yc_document_row, YC, DOCUMENT_ROW, GtkListBoxRow)

/* Signals "preview", "print-again", "print-dialog": the clerk asked for it (buttons, or the actions
 * "row.preview", "row.print-again", "row.print-dialog"); the list showing the row does it. */
GtkWidget   *yc_document_row_new         (YcPrintItem   *item);
YcPrintItem *yc_document_row_get_item    (YcDocumentRow *self);
/* The state as shown, e.g. "Printed", and the message under it (or NULL). */
const char  *yc_document_row_get_status_text (YcDocumentRow *self);

G_END_DECLS
