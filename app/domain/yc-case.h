/* yc-case.h: a case (办件): applicant, optional agent, item, materials checklist, state and dates. */
#pragma once

#include <gio/gio.h>
#include "yc-types.h"
#include "yc-item.h"

G_BEGIN_DECLS

#define YC_TYPE_PARTY (yc_party_get_type ())
G_DECLARE_FINAL_TYPE (YcParty, yc_party, YC, PARTY, GObject)

/* An applicant or agent. Properties (read-write): "kind" YcPartyKind, "name", "id-number" (resident ID or
 * unified social credit code), "phone", "address", "legal-representative" (organisations), "contact"
 * (organisations' contact person), "relation" (agents: relation to the applicant), "authorisation" (agents:
 * authorisation note). Strings may be NULL. */
YcParty      *yc_party_new                      (YcPartyKind kind);
YcPartyKind   yc_party_get_kind                 (YcParty *self);
const char   *yc_party_get_name                 (YcParty *self);
const char   *yc_party_get_id_number            (YcParty *self);
const char   *yc_party_get_phone                (YcParty *self);
const char   *yc_party_get_address              (YcParty *self);
const char   *yc_party_get_legal_representative (YcParty *self);
const char   *yc_party_get_contact              (YcParty *self);
const char   *yc_party_get_relation             (YcParty *self);
const char   *yc_party_get_authorisation        (YcParty *self);

#define YC_TYPE_CASE_MATERIAL (yc_case_material_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseMaterial, yc_case_material, YC, CASE_MATERIAL, GObject)

/* One line of a case's checklist. Properties (read-write): "spec-code", "name", "position" uint,
 * "state" YcMaterialState, "originals" uint and "copies" uint (counts received), "note",
 * "supplement-deadline" string (ISO date "YYYY-MM-DD", tolerated materials), "attachment" string (SHA-256 of
 * a stored file, or NULL). */
YcCaseMaterial *yc_case_material_new_from_spec      (YcMaterialSpec *spec);
const char     *yc_case_material_get_spec_code      (YcCaseMaterial *self);
const char     *yc_case_material_get_name           (YcCaseMaterial *self);
guint           yc_case_material_get_position       (YcCaseMaterial *self);
YcMaterialState yc_case_material_get_state          (YcCaseMaterial *self);
void            yc_case_material_set_state          (YcCaseMaterial *self,
                                                     YcMaterialState state);
guint           yc_case_material_get_originals      (YcCaseMaterial *self);
guint           yc_case_material_get_copies         (YcCaseMaterial *self);
const char     *yc_case_material_get_note           (YcCaseMaterial *self);
const char     *yc_case_material_get_supplement_deadline (YcCaseMaterial *self);
const char     *yc_case_material_get_attachment     (YcCaseMaterial *self);

#define YC_TYPE_CASE (yc_case_get_type ())
G_DECLARE_FINAL_TYPE (YcCase, yc_case, YC, CASE, GObject)

/* Properties (read-write unless noted):
 *   "uuid" string (idempotency key; set by yc_case_new), "case-no" string or NULL until decided,
 *   "query-password" string (6 digits; set by yc_case_new), "item-code", "item-name", "department",
 *   "state" YcCaseState, "applicant" YcParty, "agent" YcParty or NULL,
 *   "window-code", "clerk", "created-at" GDateTime, "decided-at" GDateTime or NULL,
 *   "legal-deadline" and "promised-deadline" string (ISO dates) or NULL, "reason" string or NULL
 *   (refusal / withdraw / void reason), "applicant-flags" YcApplicantFlags (what changes the
 *   lawful outcomes), "legal-basis" string or NULL (of a refusal), "refer-department" string or
 *   NULL (where a referred applicant should apply).
 * Materials: GListModel of YcCaseMaterial in checklist order. */
YcCase       *yc_case_new                 (void);              /* draft, fresh uuid and query password */
YcCase       *yc_case_new_for_item        (YcItem *item);      /* draft with the item's checklist */
const char   *yc_case_get_uuid            (YcCase *self);
const char   *yc_case_get_case_no         (YcCase *self);
const char   *yc_case_get_query_password  (YcCase *self);
const char   *yc_case_get_item_code       (YcCase *self);
const char   *yc_case_get_item_name       (YcCase *self);
const char   *yc_case_get_department      (YcCase *self);
YcCaseState   yc_case_get_state           (YcCase *self);
YcParty      *yc_case_get_applicant       (YcCase *self);
YcParty      *yc_case_get_agent           (YcCase *self);
const char   *yc_case_get_window_code     (YcCase *self);
const char   *yc_case_get_clerk           (YcCase *self);
GDateTime    *yc_case_get_created_at      (YcCase *self);
GDateTime    *yc_case_get_decided_at      (YcCase *self);
const char   *yc_case_get_legal_deadline  (YcCase *self);
const char   *yc_case_get_promised_deadline (YcCase *self);
const char   *yc_case_get_reason          (YcCase *self);
YcApplicantFlags yc_case_get_applicant_flags (YcCase *self);
const char   *yc_case_get_legal_basis     (YcCase *self);
const char   *yc_case_get_refer_department (YcCase *self);
GListModel   *yc_case_get_materials       (YcCase *self);      /* (transfer none) of YcCaseMaterial */
void          yc_case_add_material        (YcCase *self,
                                           YcCaseMaterial *material);

/* Applies @event through the state machine (yc-case-state.h); on success updates "state". */
gboolean      yc_case_apply_event         (YcCase *self,
                                           YcCaseEvent event,
                                           GError **error);

G_END_DECLS
