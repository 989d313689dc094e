/* yc-document-private.h: the page layout engine and the document snapshot behind yc-document.h. */
#pragma once

#include <pango/pango.h>
#include "yc-document.h"

G_BEGIN_DECLS

/* --- the language of one rendering (yc-document-i18n.c) --- */

/* A message catalogue for one language, read from the project's compiled .mo file. Lookups never
 * touch the process locale, so documents in several languages can render at the same time on
 * different threads. */
typedef struct _YcDocLanguage YcDocLanguage;

/* "zh_CN", "en" or "ru" (aliases such as "zh", "ru_RU.UTF-8" are accepted); NULL with an error if
 * the language is not supported or its catalogue is missing. The result is shared and lives as long
 * as the process. */
const YcDocLanguage *_yc_doc_language_get     (const char          *code,
                                               GError             **error);
const char          *_yc_doc_language_code    (const YcDocLanguage *language);
/* The translation of @msgid in @context (NULL: none), or @msgid itself if there is none. */
const char          *_yc_doc_translate        (const YcDocLanguage *language,
                                               const char          *context,
                                               const char          *msgid);

/* --- the layout engine (yc-document-layout.c) --- */

typedef struct _YcDocBuilder YcDocBuilder;

typedef enum {
  YC_DOC_PARA_NONE       = 0,
  YC_DOC_PARA_INDENT     = 1 << 0,  /* first line indented by two characters, as Chinese prose is */
  YC_DOC_PARA_RIGHT      = 1 << 1,
  YC_DOC_PARA_CENTER     = 1 << 2,
  YC_DOC_PARA_SMALL      = 1 << 3,
  YC_DOC_PARA_MARKUP     = 1 << 4,  /* Pango markup: escape data with g_markup_printf_escaped() */
  YC_DOC_PARA_KEEP_NEXT  = 1 << 5,  /* never the last thing on a page */
  YC_DOC_PARA_BOLD       = 1 << 6,
} YcDocParaFlags;

/* One table cell: a label cell is shaded and centred; @span columns wide. */
typedef struct {
  const char *text;
  guint       span;
  gboolean    label;
} YcDocCell;

YcDocBuilder *_yc_doc_builder_new            (YcDocFormat          format,
                                              const YcDocLanguage *language);
void          _yc_doc_builder_free           (YcDocBuilder *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDocBuilder, _yc_doc_builder_free)

/* What every copy shows: the number line ("编号：…"), the QR code's payload and its caption; call it
 * before the first copy. The QR code sits at the top right of A4 pages and closes each copy on the
 * receipt roll. */
void          _yc_doc_builder_set_identity   (YcDocBuilder *builder,
                                              const char   *number_line,
                                              const char   *qr_payload,
                                              const char   *qr_caption);
/* Each copy starts on a new page, with its own title and its own page numbers (第 1 页 / 共 2 页). */
void          _yc_doc_builder_begin_copy     (YcDocBuilder *builder,
                                              const char   *title,
                                              const char   *copy_label);
void          _yc_doc_builder_add_heading    (YcDocBuilder *builder,
                                              const char   *text);
void          _yc_doc_builder_add_paragraph  (YcDocBuilder  *builder,
                                              const char    *text,
                                              YcDocParaFlags flags);
void          _yc_doc_builder_add_space      (YcDocBuilder *builder,
                                              double        points);
/* A bordered table. @widths are relative column widths; @headers (NULL for a grid of fields) is
 * repeated at the top of every page the table continues on. Rows are never split across pages. */
void          _yc_doc_builder_begin_table    (YcDocBuilder       *builder,
                                              guint               n_columns,
                                              const double       *widths,
                                              const char * const *headers);
void          _yc_doc_builder_add_row        (YcDocBuilder    *builder,
                                              const YcDocCell *cells,
                                              guint            n_cells);
/* Shorthand for a row of plain cells, one per column (NULL-terminated). */
void          _yc_doc_builder_add_row_texts  (YcDocBuilder *builder,
                                              const char   *first,
                                              ...) G_GNUC_NULL_TERMINATED;
void          _yc_doc_builder_end_table      (YcDocBuilder *builder);
/* Signature lines, kept together: "label ________   date_label". */
void          _yc_doc_builder_add_signatures (YcDocBuilder       *builder,
                                              const char * const *labels,
                                              const char         *date_label);
/* The seal area (盖章处): a dashed circle with a caption, the issuer and the date, right-aligned. */
void          _yc_doc_builder_add_seal       (YcDocBuilder *builder,
                                              const char   *caption,
                                              const char   *issuer,
                                              const char   *date);

/* Lays out, paginates and draws the whole document into a PDF. @page_format is the translated
 * "Page %u of %u". @created goes into the PDF instead of the current time, so the same document
 * always gives the same bytes (and the same hash in the file store). */
GBytes       *_yc_doc_builder_render_pdf     (YcDocBuilder *builder,
                                              const char   *page_format,
                                              const char   *pdf_title,
                                              GDateTime    *created,
                                              guint        *n_pages,
                                              GError      **error);

/* --- the content of each kind (yc-document-kinds.c) --- */

/* Everything a rendering needs, copied from the case and item on the caller's thread, so a worker
 * thread can render without touching those objects. */
typedef struct {
  char          *name;
  YcMaterialState state;
  guint          originals;         /* received */
  guint          copies;
  char          *note;
  char          *supplement_deadline;
  gboolean       has_spec;
  guint          req_originals;     /* required by the item */
  guint          req_copies;
  YcMaterialForm form;
  gboolean       required;
  gboolean       tolerable;
  guint          supplement_days;
  char          *licence_type;
  char          *spec_notes;
} YcDocMaterial;

typedef struct {
  gboolean     present;
  YcPartyKind  kind;
  char        *name;
  char        *id_number;
  char        *phone;
  char        *address;
  char        *legal_representative;
  char        *contact;
  char        *relation;
  char        *authorisation;
} YcDocParty;

typedef struct {
  YcDocKind    kind;
  YcDocFormat  format;
  char        *language;

  gboolean     has_case;
  char        *uuid;
  char        *case_no;
  char        *query_password;
  YcCaseState  state;
  char        *legal_deadline;
  char        *promised_deadline;
  char        *reason;
  GDateTime   *decided_at;
  YcDocParty   applicant;
  YcDocParty   agent;

  gboolean     has_item;
  char        *item_code;
  char        *item_name;
  char        *department;
  char        *item_type_label;
  YcCaseType   case_type;
  guint        legal_days;
  guint        promised_days;
  char        *item_legal_basis;
  char        *conditions;
  char        *fees;
  char        *result;

  GPtrArray   *materials;           /* YcDocMaterial: the case's checklist, or the item's list */

  char        *window_code;
  char        *clerk;
  GDateTime   *issued_at;
  char        *issuer;
  char        *query_url;
  char        *query_instructions;
  char        *legal_basis;         /* refusal: overrides the item's */
  char        *review_body;
  char        *court;
  char        *handover_result;
  gboolean     collected_by_agent;
  char        *handover_method;
} YcDocData;

YcDocData    *_yc_doc_data_copy              (const YcDocData *data);
void          _yc_doc_data_free              (YcDocData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDocData, _yc_doc_data_free)

/* The QR code's text (yc-document.h) and the document's title in @language. */
char         *_yc_doc_data_qr_payload        (const YcDocData *data);
const char   *_yc_doc_data_title             (const YcDocData     *data,
                                              const YcDocLanguage *language);

/* Fills @builder with the content of @data's kind in @language. */
gboolean      _yc_doc_build_content          (const YcDocData     *data,
                                              const YcDocLanguage *language,
                                              YcDocBuilder        *builder,
                                              GError             **error);

G_END_DECLS
