/* yc-intake-scan.h: scanning in the intake: each checklist row's Scan and page count, the scan panel
 * for a material, and each material's pages assembled into one PDF for the archive. */
#pragma once

#include <gtk/gtk.h>

#include "yc-file-store.h"
#include "yc-intake-form.h"
#include "yc-scan-panel.h"
#include "yc-store.h"

G_BEGIN_DECLS

/* Called by the intake form each time it builds its checklist rows: connects each row's "scan" and
 * "show-pages", reads the case's pages (a resumed draft shows its pages again) and sets each row's
 * page count; a material with pages counts as scanned unless the clerk chose another state. Also
 * assembles the material PDFs once the case is decided. */
void         yc_intake_scan_rows_built (YcIntakeForm *form,
                                        YcStore      *store);
/* Opens the pages of material @position of the form's case, and scans into it if @scan (once the
 * case is decided: the page viewer). */
void         yc_intake_scan_open       (YcIntakeForm *form,
                                        guint         position,
                                        gboolean      scan);
/* The scan panel open for the form, or NULL. */
YcScanPanel *yc_intake_scan_get_panel  (YcIntakeForm *form);
/* TRUE while page counts are read or material PDFs assembled for the form. */
gboolean     yc_intake_scan_get_busy   (YcIntakeForm *form);

/* The same for a checklist shown elsewhere (the Cases page's case detail): @list holds the
 * YcMaterialRow lines of @kase, in checklist order. Each row shows its page count; "show-pages" on
 * a read-only row opens the page viewer, on an editable one (a supplement) the scan panel; "scan"
 * scans into the material. Call it again whenever the rows are rebuilt.
 *
 * The list also gets the "material-pages" actions the rows import through (one import path):
 * "material-pages.import" (u: position) opens the material's scan panel with its Import Files…
 * dialog; "material-pages.import-file" ((us): position, file URI) stores the file and adds it to
 * the material's pages without the panel, then the row emits "advance" (or "import-failed"). */
void         yc_material_pages_attach  (GtkListBox   *list,
                                        YcStore      *store,
                                        YcCase       *kase);
/* TRUE while @list's page counts are read, files imported into it, or its case's material PDFs
 * assembled. */
gboolean     yc_material_pages_get_busy (GtkListBox  *list);

/* Material PDFs (电子化归档). For each material of case @case_uuid with pages and no current PDF,
 * assembles its pages in order (yc_page_pdf_assemble): scanned and imported images, and the pages
 * of imported PDFs in their place; then records the PDF (yc_store_set_material_pdf). A material
 * whose only page is an imported PDF, not turned, has that file recorded as it is. Pages changed
 * while a PDF was assembled are assembled again. @titles
 * (optional, by checklist position) name each PDF. Runs in a worker thread; the result is the
 * number of PDFs recorded. */
void         yc_material_pdfs_ensure_async  (YcStore            *store,
                                             YcFileStore        *files,
                                             const char         *case_uuid,
                                             const char * const *titles,
                                             const char         *actor,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
guint        yc_material_pdfs_ensure_finish (GAsyncResult *result,
                                             GError      **error);

G_END_DECLS
