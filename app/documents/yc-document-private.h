/* yc-document-private.h: the page layout engine and the document snapshot behind yc-document.h. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include <qrencode.h>
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

/* --- the layout engine (yc-document-builder.c, -blocks.c, -layout.c) --- */

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
/* Each copy starts on a new page, with its own title and its own page numbers (第 1 页 / 共 2 页);
 * on the receipt roll a copy is one page as long as its content, unnumbered, unless it runs past
 * 3 m. */
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

/* --- inside the layout engine: what the builder, the blocks and the pagination share --- */

/* The content, as the kinds code adds it (yc-document-builder.c). */
typedef enum {
  YC_DOC_BLOCK_PARAGRAPH,
  YC_DOC_BLOCK_HEADING,
  YC_DOC_BLOCK_SPACE,
  YC_DOC_BLOCK_TABLE,
  YC_DOC_BLOCK_SIGNATURES,
  YC_DOC_BLOCK_SEAL,
} YcDocBlockKind;

typedef struct {
  char     *text;
  guint     span;
  gboolean  label;
} YcDocTableCell;

typedef struct {
  YcDocBlockKind  kind;
  char           *text;          /* paragraph, heading; seal caption */
  YcDocParaFlags  flags;
  double          space;         /* YC_DOC_BLOCK_SPACE */
  /* YC_DOC_BLOCK_TABLE */
  guint           n_columns;
  double         *widths;        /* relative */
  GStrv           headers;       /* or NULL */
  GPtrArray      *rows;          /* of GArray of YcDocTableCell */
  /* YC_DOC_BLOCK_SIGNATURES */
  GStrv           labels;
  char           *date_label;
  /* YC_DOC_BLOCK_SEAL */
  char           *issuer;
  char           *date;
} YcDocBlock;

typedef struct {
  char      *title;
  char      *copy_label;
  GPtrArray *blocks;
} YcDocCopy;

struct _YcDocBuilder {
  YcDocFormat          format;
  const YcDocLanguage *language;
  char                *number_line;
  char                *qr_payload;
  char                *qr_caption;
  GPtrArray           *copies;
  YcDocBlock          *open_table;
};

/* Page geometry and type sizes of a format (yc-document-layout.c). */
typedef struct {
  double   width;
  double   height;           /* with fits_content, the longest a page may be */
  gboolean fits_content;     /* the roll: a page as long as its content */
  double   margin_x;
  double   margin_top;
  double   margin_bottom;
  double   body_size;
  double   small_size;
  double   table_size;
  double   heading_size;
  double   title_size;
  double   line_factor;      /* extra line height for prose */
  double   para_gap;
  double   cell_pad;
  double   qr_size;
  double   seal_radius;
  double   sign_height;
  double   running_header;   /* height reserved on continuation pages */
  double   footer;           /* height reserved for the page number */
} YcDocGeometry;

/* Layout: blocks become units, the pieces pagination moves as a whole (yc-document-blocks.c). */
typedef struct _YcDocRender YcDocRender;
typedef struct _YcDocUnit YcDocUnit;
typedef void (*YcDocUnitDrawFunc) (YcDocUnit   *unit,
                                   YcDocRender *render,
                                   cairo_t     *cr,
                                   double       y);

struct _YcDocUnit {
  double             height;
  double             gap_before;       /* dropped at the top of a page */
  gboolean           keep_with_next;
  YcDocUnit         *header;           /* table rows: the header row to repeat after a page break */
  YcDocUnitDrawFunc  draw;
  YcDocBlock        *block;
  /* one line of a paragraph */
  PangoLayout       *layout;
  int                line_index;
  double             line_x;
  double             baseline;         /* from the unit's top */
  /* a table row */
  GPtrArray         *cells;            /* laid-out cells (yc-document-blocks.c) */
  /* a copy's masthead */
  YcDocCopy         *copy;
  PangoLayout       *layout2;
};

struct _YcDocRender {
  const YcDocGeometry *g;
  YcDocBuilder        *builder;
  PangoContext        *context;
  double               content_width;
  QRcode              *qr;
  GPtrArray           *units;          /* all units (owned) */
};

/* One page of a copy, as pagination fills it (yc-document-layout.c). */
typedef struct {
  YcDocCopy *copy;
  guint      index;        /* within the copy */
  guint      n_in_copy;    /* filled in when the copy is done */
  GArray    *placed;       /* units and where they go */
  double     content_end;  /* below the last unit */
  double     height;       /* the geometry's, or on the roll the content's and the margins' */
  gboolean   numbered;     /* "Page 1 of 2" at the foot: not on a roll page that is all of its copy */
} YcDocPage;

/* Each lays a block out as units appended to @render's, the first with @gap_before above it. */
void          _yc_doc_layout_paragraph       (YcDocRender *render,
                                              YcDocBlock  *block,
                                              double       gap_before);
void          _yc_doc_layout_table           (YcDocRender *render,
                                              YcDocBlock  *block,
                                              double       gap_before);
void          _yc_doc_layout_signatures      (YcDocRender *render,
                                              YcDocBlock  *block,
                                              double       gap_before);
void          _yc_doc_layout_seal            (YcDocRender *render,
                                              YcDocBlock  *block,
                                              double       gap_before);
/* The QR code closing a copy on the receipt roll, with its caption. */
void          _yc_doc_layout_qr              (YcDocRender *render,
                                              double       gap_before);
/* The title of a copy's first page (and on A4 the QR code beside it). */
void          _yc_doc_layout_masthead        (YcDocRender *render,
                                              YcDocCopy   *copy);
/* Whether the QR code heads the first page (A4) rather than closing the copy (the roll). */
gboolean      _yc_doc_masthead_has_qr        (YcDocRender *render);
void          _yc_doc_unit_free              (YcDocUnit   *unit);
/* The running header of a continuation page and the page number of every page. */
void          _yc_doc_draw_page_frame        (YcDocRender *render,
                                              cairo_t     *cr,
                                              YcDocPage   *page,
                                              const char  *page_format);

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

/* What the kinds share (yc-document-kinds.c). */

/* @text, or @fallback when @text is NULL or empty. */
const char   *_yc_doc_nonempty               (const char *text,
                                              const char *fallback);
/* Starts a table whose columns depend on the format: an A4 page has room for more than a receipt
 * roll. Each header list is NULL-terminated and gives the number of columns. */
void          _yc_doc_begin_format_table     (YcDocBuilder       *builder,
                                              gboolean            a4,
                                              const double       *a4_widths,
                                              const char * const *a4_headers,
                                              const double       *roll_widths,
                                              const char * const *roll_headers);

/* A grid of label/value pairs: four columns on A4, two on the receipt roll. Entries with a NULL
 * value are skipped; a value flagged wide takes the whole row. */
typedef struct {
  const char *label;
  const char *value;
  gboolean    wide;
} YcDocField;

void          _yc_doc_add_fields             (YcDocBuilder     *builder,
                                              YcDocFormat       format,
                                              const YcDocField *fields,
                                              guint             n_fields);

/* The official forms, in Chinese (yc-document-forms.c), and the guidance in @language
 * (yc-document-guidance.c): each fills @builder, or fails when @data lacks what it needs. */
gboolean      _yc_doc_build_receipt          (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_notice_once      (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_refusal          (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_tolerance        (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_commitment       (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_handover         (const YcDocData *data,
                                              YcDocBuilder    *builder,
                                              GError         **error);
gboolean      _yc_doc_build_guidance         (const YcDocData     *data,
                                              const YcDocLanguage *language,
                                              YcDocBuilder        *builder,
                                              GError             **error);

G_END_DECLS
