/* yc-document.h: receipts, notices and guidance (受理凭证, 告知书, 办事指南) filled from a case and rendered
 * to PDF. */
#pragma once

#include <gio/gio.h>
#include "yc-types.h"
#include "yc-case.h"
#include "yc-item.h"

G_BEGIN_DECLS

#define YC_DOCUMENT_ERROR (yc_document_error_quark ())
typedef enum {
  /* the document needs data the case lacks (no case number, no reason, …) */
  YC_DOCUMENT_ERROR_INCOMPLETE,
  YC_DOCUMENT_ERROR_LANGUAGE,     /* guidance asked in a language without a translation catalogue */
  YC_DOCUMENT_ERROR_RENDER,       /* cairo, pango or the QR encoder failed */
} YcDocumentError;
GQuark yc_document_error_quark (void);

/* Paper: A4 (595×842 pt, 20 mm margins) or the 80 mm receipt roll: 226 pt wide, each copy one page
 * as long as its content and margins, cut into pages only beyond 3 m. Codes "a4", "receipt". */
typedef enum {
  YC_DOC_FORMAT_A4,
  YC_DOC_FORMAT_RECEIPT,
} YcDocFormat;

const char *yc_doc_format_to_string   (YcDocFormat format);
gboolean    yc_doc_format_from_string (const char *code, YcDocFormat *out);
/* The CUPS "media" value of the format's paper: "A4" or "X80mm" (the receipt printer's roll; a print
 * job asks for the document's own length on it, see yc-print-job.c). */
const char *yc_doc_format_get_media   (YcDocFormat format);
/* Where a kind goes by default: the acceptance receipt on the 80 mm receipt printer, every form
 * with signature lines or two copies on A4 (the receipt printer and document printer settings
 * follow from it). */
YcDocFormat yc_doc_kind_get_default_format (YcDocKind kind);

#define YC_TYPE_DOCUMENT (yc_document_get_type ())
G_DECLARE_FINAL_TYPE (YcDocument, yc_document, YC, DOCUMENT, GObject)

/* A document of @kind for @kase (NULL only for guidance about an item) and its @item (NULL allowed
 * except for guidance; it gives the requirements of missing materials and the item's data). The
 * case, its parties and its checklist are COPIED now, on the caller's thread: later changes to
 * @kase do not show, and the document can be rendered on any thread.
 *
 * Properties, read-write, for the data a case does not hold:
 *   "format" YcDocFormat (default A4);
 *   "language" ("zh_CN" default, "en", "ru": guidance only; the official forms are always Chinese);
 *   "window-code" and "clerk" (default: the case's); "issued-at" GDateTime (default: now);
 *   "issuer" (the issuing organisation on the seal line; default: the department);
 *   "query-url" (where to check progress; also changes the QR payload, see below);
 *   "query-instructions" (e.g. a telephone line);
 *   "legal-basis" (refusal: the legal basis; default: the item's);
 *   "review-body" (行政复议机关) and "court" (人民法院) named in a refusal's remedies;
 *   "handover-result" (default: the item's result), "collected-by-agent" boolean,
 *   "handover-method" (e.g. 窗口领取, 邮寄).
 *
 * QR payload: "YC1:<case number>:<query password>", or with "query-url" set
 * "<query-url>?case=<case number>&pw=<query password>" (URI-escaped), so a phone camera opens the
 * query page. Guidance without a case carries "YC1:ITEM:<item code>" or
 * "<query-url>?item=<item code>". */
YcDocument  *yc_document_new            (YcDocKind    kind,
                                         YcCase      *kase,
                                         YcItem      *item);
YcDocKind    yc_document_get_kind       (YcDocument  *self);
YcDocFormat  yc_document_get_format     (YcDocument  *self);
void         yc_document_set_format     (YcDocument  *self,
                                         YcDocFormat  format);
const char  *yc_document_get_language   (YcDocument  *self);
void         yc_document_set_language   (YcDocument  *self,
                                         const char  *language);
const char  *yc_document_get_case_no    (YcDocument  *self);
/* NULL for guidance without a case */
const char  *yc_document_get_case_uuid  (YcDocument  *self);
/* The text the QR code holds (see above). */
char        *yc_document_get_qr_payload (YcDocument  *self);
/* The title, e.g. "受理凭证", or the translated "Applicant guidance". */
char        *yc_document_get_title      (YcDocument  *self);

/* Renders to PDF. Blocks for tens of milliseconds: use the async form on the main thread. Safe from
 * any thread; renderings are serialised inside (one font map kept warm). @n_pages (optional) gets
 * the page count. */
GBytes      *yc_document_render         (YcDocument  *self,
                                         guint       *n_pages,
                                         GError     **error);
/* The async form renders a snapshot taken when it is called, in a worker thread. */
void         yc_document_render_async   (YcDocument         *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GBytes      *yc_document_render_finish  (YcDocument   *self,
                                         GAsyncResult *result,
                                         guint        *n_pages,
                                         GError      **error);

G_END_DECLS
