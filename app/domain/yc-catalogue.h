/* yc-catalogue.h: parsing the implementation list (实施清单) JSON into items; no I/O. */
#pragma once

#include <gio/gio.h>
#include "yc-item.h"

G_BEGIN_DECLS

#define YC_CATALOGUE_ERROR (yc_catalogue_error_quark ())
typedef enum {
  YC_CATALOGUE_ERROR_MALFORMED,        /* not JSON, or not the expected shape */
  YC_CATALOGUE_ERROR_MISSING_FIELD,    /* an item or material lacks a required field */
  YC_CATALOGUE_ERROR_INVALID_VALUE,    /* a field has a value out of range / unknown code */
  YC_CATALOGUE_ERROR_DUPLICATE,        /* two items (or two materials of one item) share a code */
} YcCatalogueError;
GQuark yc_catalogue_error_quark (void);

/* A code list entry ("item_type" → XK = 行政许可, …): configurable, not hard-wired. */
typedef struct {
  char *list;    /* "item_type", … */
  char *code;
  char *label;
} YcCodeListEntry;
void yc_code_list_entry_free (YcCodeListEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCodeListEntry, yc_code_list_entry_free)

typedef struct _YcCatalogue YcCatalogue;
YcCatalogue *yc_catalogue_parse         (GBytes      *json,
                                         GError     **error);
void         yc_catalogue_free          (YcCatalogue *catalogue);
const char  *yc_catalogue_get_region    (YcCatalogue *catalogue);
const char  *yc_catalogue_get_version   (YcCatalogue *catalogue);
GPtrArray   *yc_catalogue_get_items     (YcCatalogue *catalogue);  /* (transfer none) of YcItem */
GPtrArray   *yc_catalogue_get_code_lists (YcCatalogue *catalogue); /* (transfer none) of YcCodeListEntry */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCatalogue, yc_catalogue_free)

/* The sample catalogue shipped in the core's resources (data/catalogue/sample-catalogue.json). */
GBytes      *yc_catalogue_load_sample   (GError     **error);

G_END_DECLS
