/* yc-print-operation.h: "Print…": a stored PDF printed through GtkPrintOperation (the system
 * dialog, its preview and any printer), its pages drawn by poppler. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YC_TYPE_PRINT_OPERATION (yc_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (YcPrintOperation, yc_print_operation, YC, PRINT_OPERATION, GtkPrintOperation)

/* Opens the PDF @file in a worker thread and makes an operation printing it, named @title (the job
 * name), on paper of the document's first page (A4 or the 80 mm roll), pages scaled down only if
 * the paper is smaller. Run it with gtk_print_operation_run() (it is set to allow an asynchronous
 * dialog), or set an export file and run GTK_PRINT_OPERATION_ACTION_EXPORT. */
void              yc_print_operation_new_async  (GFile              *file,
                                                 const char         *title,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
YcPrintOperation *yc_print_operation_new_finish (GAsyncResult *result,
                                                 GError      **error);
guint             yc_print_operation_get_document_pages (YcPrintOperation *self);

/* The whole "Print…": opens @file, runs the print dialog over @parent, and tells the clerk in a
 * message dialog if the file cannot be opened or printing fails. */
void              yc_print_operation_show_dialog (GFile      *file,
                                                  const char *title,
                                                  GtkWindow  *parent);

G_END_DECLS
