/* yc-item.h: a service item (政务服务事项) of the catalogue and its required materials. */
#pragma once

#include <gio/gio.h>
#include "yc-types.h"

G_BEGIN_DECLS

#define YC_TYPE_MATERIAL_SPEC (yc_material_spec_get_type ())
G_DECLARE_FINAL_TYPE (YcMaterialSpec, yc_material_spec, YC, MATERIAL_SPEC, GObject)

/* Properties (all read-write, set with g_object_new):
 *   "code" string, "name" string, "position" uint (order in the checklist),
 *   "originals" uint, "copies" uint, "form" YcMaterialForm,
 *   "tolerable" boolean (容缺), "supplement-days" uint (max working days to supplement),
 *   "licence-type" string or NULL (e-licence type that can replace it, 免证办),
 *   "notes" string (form / sample notes), "required" boolean (FALSE: only in some circumstances)
 */
const char     *yc_material_spec_get_code            (YcMaterialSpec *self);
const char     *yc_material_spec_get_name            (YcMaterialSpec *self);
guint           yc_material_spec_get_position        (YcMaterialSpec *self);
guint           yc_material_spec_get_originals       (YcMaterialSpec *self);
guint           yc_material_spec_get_copies          (YcMaterialSpec *self);
YcMaterialForm  yc_material_spec_get_form            (YcMaterialSpec *self);
gboolean        yc_material_spec_get_tolerable       (YcMaterialSpec *self);
guint           yc_material_spec_get_supplement_days (YcMaterialSpec *self);
const char     *yc_material_spec_get_licence_type    (YcMaterialSpec *self);
const char     *yc_material_spec_get_notes           (YcMaterialSpec *self);
gboolean        yc_material_spec_get_required        (YcMaterialSpec *self);

#define YC_TYPE_ITEM (yc_item_get_type ())
G_DECLARE_FINAL_TYPE (YcItem, yc_item, YC, ITEM, GObject)

/* Properties (read-write, set with g_object_new):
 *   "code" string (implementation code, 实施编码), "name" string, "department" string,
 *   "item-type" string (code from the configurable "item_type" code list, e.g. "XK"),
 *   "item-type-label" string (its label, e.g. 行政许可),
 *   "case-type" YcCaseType, "legal-days" uint, "promised-days" uint (working days),
 *   "commitment-allowed" boolean (告知承诺), "legal-basis" string, "conditions" string,
 *   "fees" string, "result" string, "keywords" GStrv,
 *   "summary" string (read-only: "department · type · N working days", for list rows)
 * Materials are a GListModel of YcMaterialSpec, in checklist order; empty until set.
 */
const char   *yc_item_get_code               (YcItem *self);
const char   *yc_item_get_name               (YcItem *self);
const char   *yc_item_get_department         (YcItem *self);
const char   *yc_item_get_item_type          (YcItem *self);
const char   *yc_item_get_item_type_label    (YcItem *self);
YcCaseType    yc_item_get_case_type          (YcItem *self);
guint         yc_item_get_legal_days         (YcItem *self);
guint         yc_item_get_promised_days      (YcItem *self);
gboolean      yc_item_get_commitment_allowed (YcItem *self);
const char   *yc_item_get_legal_basis        (YcItem *self);
const char   *yc_item_get_conditions         (YcItem *self);
const char   *yc_item_get_fees               (YcItem *self);
const char   *yc_item_get_result             (YcItem *self);
const char * const *yc_item_get_keywords     (YcItem *self);

GListModel   *yc_item_get_materials          (YcItem *self);   /* (transfer none) model of YcMaterialSpec */
void          yc_item_set_materials          (YcItem *self,
                                              GPtrArray *specs); /* (element-type YcMaterialSpec) copied refs */
YcMaterialSpec *yc_item_find_material        (YcItem *self,
                                              const char *code);

G_END_DECLS
