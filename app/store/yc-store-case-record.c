/* yc-store-case-record.c: plain copies of cases: from and to YcCase, to the platform's JSON, from
 * the database. */
#define G_LOG_DOMAIN "yc-store"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yc-store-case-record.h"
#include "yc-validators.h"

const char * const _yc_party_fields[YC_N_PARTY_FIELDS] = {
  "name", "id-number", "phone", "address", "legal-representative", "contact", "relation",
  "authorisation",
};

void
_yc_party_record_free (YcPartyRecord *party)
{
  if (party == NULL)
    return;
  for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
    g_free (party->fields[i]);
  g_free (party);
}

static void
material_record_clear (YcMaterialRecord *material)
{
  g_free (material->spec_code);
  g_free (material->name);
  g_free (material->note);
  g_free (material->supplement_deadline);
  g_free (material->attachment);
}

void
_yc_case_record_free (YcCaseRecord *record)
{
  g_free (record->uuid);
  g_free (record->case_no);
  g_free (record->query_password);
  g_free (record->item_code);
  g_free (record->item_name);
  g_free (record->department);
  g_free (record->window_code);
  g_free (record->clerk);
  g_free (record->legal_deadline);
  g_free (record->promised_deadline);
  g_free (record->reason);
  g_free (record->legal_basis);
  g_free (record->refer_department);
  _yc_party_record_free (record->applicant);
  _yc_party_record_free (record->agent);
  g_clear_pointer (&record->materials, g_array_unref);
  g_free (record);
}

YcCaseRecord *
_yc_case_record_new (void)
{
  YcCaseRecord *record = g_new0 (YcCaseRecord, 1);

  record->materials = g_array_new (FALSE, TRUE, sizeof (YcMaterialRecord));
  g_array_set_clear_func (record->materials, (GDestroyNotify) material_record_clear);
  return record;
}

static YcPartyRecord *
party_record_from_party (YcParty *party)
{
  YcPartyRecord *record;

  if (party == NULL)
    return NULL;

  record = g_new0 (YcPartyRecord, 1);
  record->kind = yc_party_get_kind (party);
  for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
    g_object_get (party, _yc_party_fields[i], &record->fields[i], NULL);
  return record;
}

static YcParty *
party_record_to_party (YcPartyRecord *record)
{
  YcParty *party = yc_party_new (record->kind);

  for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
    g_object_set (party, _yc_party_fields[i], record->fields[i], NULL);
  return party;
}

/* Upper case, without white space (ASCII and U+3000) or hyphens: the fallback for values that are
 * not valid IDs or phones, so that the same typing finds the same case. */
static char *
squeeze (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000 || c == '-')
        continue;
      g_string_append_unichar (out, g_unichar_toupper (c));
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

char *
_yc_store_id_key (const char *id_number)
{
  char *key;

  if (id_number == NULL)
    return NULL;
  key = yc_id_number_normalize (id_number, NULL, NULL);
  if (key == NULL && yc_uscc_validate (id_number, &key, NULL) == YC_VALIDATION_INVALID)
    g_clear_pointer (&key, g_free);
  return key != NULL ? key : squeeze (id_number);
}

char *
_yc_store_phone_key (const char *phone)
{
  char *key;

  if (phone == NULL)
    return NULL;
  key = yc_phone_normalize (phone, NULL, NULL);
  return key != NULL ? key : squeeze (phone);
}

gint64
_yc_store_to_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC + g_date_time_get_microsecond (date_time);
}

GDateTime *
_yc_store_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (utc, usec % G_USEC_PER_SEC);
}

GDateTime *
_yc_store_local_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) utc = _yc_store_from_usec (usec);

  return g_date_time_to_local (utc);
}

YcCaseRecord *
_yc_case_record_from_case (YcCase *kase)
{
  YcCaseRecord *record = _yc_case_record_new ();
  GListModel *materials = yc_case_get_materials (kase);
  guint n = g_list_model_get_n_items (materials);

  record->uuid = g_strdup (yc_case_get_uuid (kase));
  record->case_no = g_strdup (yc_case_get_case_no (kase));
  record->query_password = g_strdup (yc_case_get_query_password (kase));
  record->item_code = g_strdup (yc_case_get_item_code (kase));
  record->item_name = g_strdup (yc_case_get_item_name (kase));
  record->department = g_strdup (yc_case_get_department (kase));
  record->state = yc_case_get_state (kase);
  record->window_code = g_strdup (yc_case_get_window_code (kase));
  record->clerk = g_strdup (yc_case_get_clerk (kase));
  record->created_at = yc_case_get_created_at (kase)
                       ? _yc_store_to_usec (yc_case_get_created_at (kase))
                       : g_get_real_time ();
  record->decided_at = yc_case_get_decided_at (kase)
                       ? _yc_store_to_usec (yc_case_get_decided_at (kase))
                       : 0;
  record->legal_deadline = g_strdup (yc_case_get_legal_deadline (kase));
  record->promised_deadline = g_strdup (yc_case_get_promised_deadline (kase));
  record->reason = g_strdup (yc_case_get_reason (kase));
  record->version = 1;
  record->applicant_flags = yc_case_get_applicant_flags (kase);
  record->legal_basis = g_strdup (yc_case_get_legal_basis (kase));
  record->refer_department = g_strdup (yc_case_get_refer_department (kase));
  record->applicant = party_record_from_party (yc_case_get_applicant (kase));
  record->agent = party_record_from_party (yc_case_get_agent (kase));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      YcMaterialRecord m = {
        .position = yc_case_material_get_position (material),
        .spec_code = g_strdup (yc_case_material_get_spec_code (material)),
        .name = g_strdup (yc_case_material_get_name (material)),
        .state = yc_case_material_get_state (material),
        .originals = yc_case_material_get_originals (material),
        .copies = yc_case_material_get_copies (material),
        .note = g_strdup (yc_case_material_get_note (material)),
        .supplement_deadline = g_strdup (yc_case_material_get_supplement_deadline (material)),
        .attachment = g_strdup (yc_case_material_get_attachment (material)),
      };

      g_array_append_val (record->materials, m);
    }

  return record;
}

YcCase *
_yc_case_record_to_case (YcCaseRecord *record)
{
  g_autoptr(GDateTime) created_at = _yc_store_from_usec (record->created_at);
  g_autoptr(GDateTime) created_local = g_date_time_to_local (created_at);
  g_autoptr(GDateTime) decided_at =
    record->decided_at ? _yc_store_from_usec (record->decided_at) : NULL;
  g_autoptr(GDateTime) decided_local = decided_at ? g_date_time_to_local (decided_at) : NULL;
  g_autoptr(YcParty) applicant =
    record->applicant ? party_record_to_party (record->applicant) : NULL;
  g_autoptr(YcParty) agent = record->agent ? party_record_to_party (record->agent) : NULL;
  YcCase *kase;

  kase = g_object_new (YC_TYPE_CASE,
                       "uuid", record->uuid,
                       "case-no", record->case_no,
                       "query-password", record->query_password,
                       "item-code", record->item_code,
                       "item-name", record->item_name,
                       "department", record->department,
                       "state", record->state,
                       "window-code", record->window_code,
                       "clerk", record->clerk,
                       "created-at", created_local,
                       "decided-at", decided_local,
                       "legal-deadline", record->legal_deadline,
                       "promised-deadline", record->promised_deadline,
                       "reason", record->reason,
                       "applicant-flags", (YcApplicantFlags) record->applicant_flags,
                       "legal-basis", record->legal_basis,
                       "refer-department", record->refer_department,
                       "applicant", applicant,
                       "agent", agent,
                       NULL);

  for (guint i = 0; i < record->materials->len; i++)
    {
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, i);
      g_autoptr(YcCaseMaterial) material = NULL;

      material = g_object_new (YC_TYPE_CASE_MATERIAL,
                               "spec-code", m->spec_code,
                               "name", m->name,
                               "position", m->position,
                               "state", m->state,
                               "originals", m->originals,
                               "copies", m->copies,
                               "note", m->note,
                               "supplement-deadline", m->supplement_deadline,
                               "attachment", m->attachment,
                               NULL);
      yc_case_add_material (kase, material);
    }

  return kase;
}

/* --- JSON payloads for the platform (PUT /api/v1/cases/{uuid}) --- */

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       usec)
{
  json_builder_set_member_name (builder, member);
  if (usec == 0)
    json_builder_add_null_value (builder);
  else
    {
      g_autoptr(GDateTime) utc = _yc_store_from_usec (usec);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *text = g_date_time_format_iso8601 (local);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_party (JsonBuilder *builder,
           const char  *member,
           YcPartyRecord *party)
{
  json_builder_set_member_name (builder, member);
  if (party == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "kind", party->kind == YC_PARTY_ORGANISATION ? "organisation" : "person");
  for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (_yc_party_fields[i]), "-", '_');

      add_string (builder, name, party->fields[i]);
    }
  json_builder_end_object (builder);
}

char *
_yc_case_record_to_json (YcCaseRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "uuid", record->uuid);
  add_string (builder, "case_no", record->case_no);
  add_string (builder, "query_password", record->query_password);
  add_string (builder, "item_code", record->item_code);
  add_string (builder, "item_name", record->item_name);
  add_string (builder, "department", record->department);
  add_string (builder, "state", yc_case_state_to_string (record->state));
  add_string (builder, "window_code", record->window_code);
  add_string (builder, "clerk", record->clerk);
  add_time (builder, "created_at", record->created_at);
  add_time (builder, "decided_at", record->decided_at);
  add_string (builder, "legal_deadline", record->legal_deadline);
  add_string (builder, "promised_deadline", record->promised_deadline);
  add_string (builder, "reason", record->reason);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, record->version);
  json_builder_set_member_name (builder, "applicant_flags");
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < YC_APPLICANT_N_FLAGS; bit++)
    if (record->applicant_flags & (1u << bit))
      json_builder_add_string_value (builder, yc_applicant_flag_to_string (1u << bit));
  json_builder_end_array (builder);
  add_string (builder, "legal_basis", record->legal_basis);
  add_string (builder, "refer_department", record->refer_department);
  add_party (builder, "applicant", record->applicant);
  add_party (builder, "agent", record->agent);
  json_builder_set_member_name (builder, "materials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < record->materials->len; i++)
    {
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, m->position);
      add_string (builder, "spec_code", m->spec_code);
      add_string (builder, "name", m->name);
      add_string (builder, "state", yc_material_state_to_string (m->state));
      json_builder_set_member_name (builder, "originals");
      json_builder_add_int_value (builder, m->originals);
      json_builder_set_member_name (builder, "copies");
      json_builder_add_int_value (builder, m->copies);
      add_string (builder, "note", m->note);
      add_string (builder, "supplement_deadline", m->supplement_deadline);
      add_string (builder, "attachment", m->attachment);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* --- from the database --- */

#define CASE_COLUMNS \
  "uuid, case_no, query_password, item_code, item_name, department, state, window_code, clerk, " \
  "created_at, decided_at, legal_deadline, promised_deadline, reason, version, applicant_flags, " \
  "legal_basis, refer_department"

YcCaseRecord *
_yc_store_read_case (YcStoreConn *conn,
                     const char  *uuid,
                     GError     **error)
{
  g_autoptr(YcCaseRecord) record = _yc_case_record_new ();
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autoptr(YcStoreStmt) parties = NULL;
  g_autoptr(YcStoreStmt) materials = NULL;
  int rc;

  stmt = _yc_store_prepare (conn, "SELECT " CASE_COLUMNS " FROM cases WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  _yc_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   _("The case %s is not stored on this workstation."), uuid);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }

  record->uuid = g_strdup (_yc_store_column_text (stmt, 0));
  record->case_no = g_strdup (_yc_store_column_text (stmt, 1));
  record->query_password = g_strdup (_yc_store_column_text (stmt, 2));
  record->item_code = g_strdup (_yc_store_column_text (stmt, 3));
  record->item_name = g_strdup (_yc_store_column_text (stmt, 4));
  record->department = g_strdup (_yc_store_column_text (stmt, 5));
  if (!yc_case_state_from_string (_yc_store_column_text (stmt, 6), &record->state))
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT,
                   _("The case %s has an unknown state “%s”. Update Yichuang on this workstation."),
                   uuid, _yc_store_column_text (stmt, 6));
      return NULL;
    }
  record->window_code = g_strdup (_yc_store_column_text (stmt, 7));
  record->clerk = g_strdup (_yc_store_column_text (stmt, 8));
  record->created_at = sqlite3_column_int64 (stmt, 9);
  record->decided_at = sqlite3_column_int64 (stmt, 10);
  record->legal_deadline = g_strdup (_yc_store_column_text (stmt, 11));
  record->promised_deadline = g_strdup (_yc_store_column_text (stmt, 12));
  record->reason = g_strdup (_yc_store_column_text (stmt, 13));
  record->version = sqlite3_column_int64 (stmt, 14);
  record->applicant_flags = (guint) sqlite3_column_int64 (stmt, 15);
  record->legal_basis = g_strdup (_yc_store_column_text (stmt, 16));
  record->refer_department = g_strdup (_yc_store_column_text (stmt, 17));

  parties = _yc_store_prepare (conn,
                               "SELECT role, kind, name, id_number, phone, address, "
                               "       legal_representative, contact, relation, authorisation "
                               "FROM case_parties WHERE case_uuid = ?1",
                               error);
  if (parties == NULL)
    return NULL;
  _yc_store_bind_text (parties, 1, uuid);
  while ((rc = sqlite3_step (parties)) == SQLITE_ROW)
    {
      YcPartyRecord *party = g_new0 (YcPartyRecord, 1);

      party->kind = g_strcmp0 (_yc_store_column_text (parties, 1), "organisation") == 0
                    ? YC_PARTY_ORGANISATION : YC_PARTY_PERSON;
      for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
        party->fields[i] = g_strdup (_yc_store_column_text (parties, 2 + i));

      if (g_strcmp0 (_yc_store_column_text (parties, 0), "agent") == 0)
        {
          _yc_party_record_free (record->agent);
          record->agent = party;
        }
      else
        {
          _yc_party_record_free (record->applicant);
          record->applicant = party;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }

  materials = _yc_store_prepare (conn,
                                 "SELECT position, spec_code, name, state, originals, copies, "
                                 "       note, supplement_deadline, attachment "
                                 "FROM case_materials WHERE case_uuid = ?1 ORDER BY position",
                                 error);
  if (materials == NULL)
    return NULL;
  _yc_store_bind_text (materials, 1, uuid);
  while ((rc = sqlite3_step (materials)) == SQLITE_ROW)
    {
      YcMaterialRecord m = {
        .position = sqlite3_column_int (materials, 0),
        .spec_code = g_strdup (_yc_store_column_text (materials, 1)),
        .name = g_strdup (_yc_store_column_text (materials, 2)),
        .originals = sqlite3_column_int (materials, 4),
        .copies = sqlite3_column_int (materials, 5),
        .note = g_strdup (_yc_store_column_text (materials, 6)),
        .supplement_deadline = g_strdup (_yc_store_column_text (materials, 7)),
        .attachment = g_strdup (_yc_store_column_text (materials, 8)),
      };

      if (!yc_material_state_from_string (_yc_store_column_text (materials, 3), &m.state))
        m.state = YC_MATERIAL_STATE_PENDING;
      g_array_append_val (record->materials, m);
    }
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }

  return g_steal_pointer (&record);
}

char *
_yc_store_event_to_json (const char *case_uuid,
                         YcCaseEvent event,
                         YcCaseState from,
                         YcCaseState to,
                         const char *reason,
                         const char *actor,
                         GDateTime  *at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *event_uuid = g_uuid_string_random ();
  g_autofree char *when = g_date_time_format_iso8601 (at);

  /* POST /api/v1/cases/{uuid}/events: each event has its own uuid, so a retried send is recognised.
   */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, event_uuid);
  json_builder_set_member_name (builder, "case_uuid");
  json_builder_add_string_value (builder, case_uuid);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, yc_case_event_to_string (event));
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, yc_case_state_to_string (from));
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, yc_case_state_to_string (to));
  json_builder_set_member_name (builder, "reason");
  if (reason != NULL)
    json_builder_add_string_value (builder, reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, actor);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, when);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
