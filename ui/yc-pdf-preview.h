/* yc-pdf-preview.h: a window previewing a case's stored document, with page navigation, zoom to
 * fit, "Print again" and "Print…". */
#pragma once

#include <adwaita.h>

#include "yc-pdf-view.h"
#include "yc-printing.h"

G_BEGIN_DECLS

#define YC_TYPE_PDF_PREVIEW (yc_pdf_preview_get_type ())
G_DECLARE_FINAL_TYPE (YcPdfPreview, yc_pdf_preview, YC, PDF_PREVIEW, AdwWindow)

/* Shows the stored file of @item (which must have one) from @printing's file store. Actions:
 * "preview.previous"/"preview.next" (Page Up/Down, Left/Right), "preview.zoom-in"/"-out"
 * (Ctrl+plus/minus), "preview.zoom-fit" (Ctrl+0), "preview.print-again" (Ctrl+P),
 * "preview.print-dialog" (Ctrl+Shift+P); Escape closes. */
YcPdfPreview *yc_pdf_preview_new      (YcPrinting   *printing,
                                       YcPrintItem  *item);
YcPdfView    *yc_pdf_preview_get_view (YcPdfPreview *self);
YcPrintItem  *yc_pdf_preview_get_item (YcPdfPreview *self);

G_END_DECLS
