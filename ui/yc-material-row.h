/* yc-material-row.h: one line of the materials checklist: what is required, its state, the keys to set it. */
#pragma once

#include <gtk/gtk.h>

#include "yc-case.h"
#include "yc-item.h"

G_BEGIN_DECLS

#define YC_TYPE_MATERIAL_ROW (yc_material_row_get_type ())
G_DECLARE_FINAL_TYPE (YcMaterialRow, yc_material_row, YC, MATERIAL_ROW, GtkListBoxRow)

/* @spec and @item (both optional: a stored case's line may no longer be in the catalogue) decide which
 * states may be chosen; @number is the line's number as the clerk counts (from 1). */
GtkWidget      *yc_material_row_new          (YcCaseMaterial *material,
                                              YcMaterialSpec *spec,
                                              YcItem         *item,
                                              guint           number);
YcCaseMaterial *yc_material_row_get_material (YcMaterialRow  *self);
YcMaterialSpec *yc_material_row_get_spec     (YcMaterialRow  *self);
/* Recomputes which states may be chosen (the applicant's flags change commitment). */
void            yc_material_row_set_flags    (YcMaterialRow   *self,
                                              YcApplicantFlags flags);
/* Read-only rows show the state but offer no way to change it. */
void            yc_material_row_set_editable (YcMaterialRow  *self,
                                              gboolean        editable);
gboolean        yc_material_row_get_editable (YcMaterialRow  *self);
/* Sets @state as the keys and the menu do: counts for originals and copies, a reason for not applicable
 * (@note; asked for when NULL), rules checked. Returns FALSE, doing nothing, if the state is not allowed. */
gboolean        yc_material_row_choose_state (YcMaterialRow  *self,
                                              YcMaterialState state,
                                              const char     *note);
/* Why @state cannot be chosen (translated), or NULL if it can. */
const char     *yc_material_row_get_disabled_reason (YcMaterialRow  *self,
                                                     YcMaterialState state);
/* The supplement deadline the decision settled for a tolerated line (ISO date), shown in the row. */
void            yc_material_row_set_deadline (YcMaterialRow  *self,
                                              const char     *deadline);
/* How many scanned or imported pages the material has (yc-store-pages.h); shown as a button that
 * opens them ("show-pages"). The row's Scan button and Shift+S emit "scan". */
void            yc_material_row_set_page_count (YcMaterialRow *self,
                                                guint          n_pages);
guint           yc_material_row_get_page_count (YcMaterialRow *self);
/* Imports @file (PDF, JPEG or PNG) into the material's pages, as the scan panel does, off the main
 * thread: the material becomes scanned and the row emits "advance". Failures (no file store on
 * this workstation, a locked or damaged PDF, …) are reported by "import-failed" (a GError). Needs
 * the checklist's "material-pages" actions (yc_material_pages_attach). */
void            yc_material_row_import_file  (YcMaterialRow  *self,
                                              GFile          *file);
/* Import Files… (material.import, Ctrl+I; and S on a material with nothing scanned yet): opens the
 * material's pages (the scan panel) with its file dialog, the same one wherever importing is
 * offered; the files come in there, and so do their errors. "import-failed" if the material's
 * pages cannot be opened here (no "material-pages" actions, or no file store). */
void            yc_material_row_choose_file  (YcMaterialRow  *self);
/* The text that describes the state (as shown, and as the row's accessible description). */
const char     *yc_material_row_get_state_text (YcMaterialRow *self);

G_END_DECLS
