/* yc-document-list.h: a case's documents with their live print state, and what can be done with
 * each: Preview, Print again (same printer, no dialog, Ctrl+P), Print… (the system dialog,
 * Ctrl+Shift+P). */
#pragma once

#include <gtk/gtk.h>

#include "yc-pdf-preview.h"
#include "yc-printing.h"

G_BEGIN_DECLS

#define YC_TYPE_DOCUMENT_LIST (yc_document_list_get_type ())
G_DECLARE_FINAL_TYPE (YcDocumentList, yc_document_list, YC, DOCUMENT_LIST, GtkWidget)

GtkWidget      *yc_document_list_new           (void);
/* Where documents are printed and read from; unset, the application's (yc_printing_get_default). */
void            yc_document_list_set_printing  (YcDocumentList *self,
                                                YcPrinting     *printing);
YcPrinting     *yc_document_list_get_printing  (YcDocumentList *self);
/* Shows @model (YcPrintItem), e.g. the documents a decision is printing; NULL: nothing. */
void            yc_document_list_set_model     (YcDocumentList *self,
                                                GListModel     *model);
GListModel     *yc_document_list_get_model     (YcDocumentList *self);
/* Shows the documents of @kase as stored (NULL: nothing), read again whenever one of them is
 * rendered or printed. "loading" is TRUE until they are read. */
void            yc_document_list_show_case     (YcDocumentList *self,
                                                YcCase         *kase);
gboolean        yc_document_list_get_loading   (YcDocumentList *self);
/* The document Ctrl+P and Ctrl+Shift+P act on: the focused row's, else the first one that needs
 * attention (stopped, failed), else the first one with a file. NULL if none. */
YcPrintItem    *yc_document_list_get_current   (YcDocumentList *self);
/* What the row buttons do. */
YcPdfPreview   *yc_document_list_preview       (YcDocumentList *self,
                                                YcPrintItem    *item);
void            yc_document_list_print_again   (YcDocumentList *self,
                                                YcPrintItem    *item);
void            yc_document_list_print_dialog  (YcDocumentList *self,
                                                YcPrintItem    *item);
/* The rows (YcDocumentRow), for tests. */
GtkListBox     *yc_document_list_get_list_box  (YcDocumentList *self);

G_END_DECLS
