/* yc-store-case-record.h: plain copies of cases, which the store's threads use instead of the
 * YcCase objects. */
#pragma once

#include "yc-store-private.h"
#include "yc-calendar.h"
#include "yc-decision.h"

G_BEGIN_DECLS

/* A YcCase belongs to the thread that made it (the UI binds to it), so the writer works on a copy
 * taken on the caller's thread, and results go back to the object on the caller's thread. */
/* Property names of YcParty's string fields, in the order of YcPartyRecord.fields. */
#define YC_N_PARTY_FIELDS 8
extern const char * const _yc_party_fields[YC_N_PARTY_FIELDS];

typedef struct {
  YcPartyKind kind;
  char       *fields[YC_N_PARTY_FIELDS];
} YcPartyRecord;

typedef struct {
  guint           position;
  char           *spec_code;
  char           *name;
  YcMaterialState state;
  guint           originals;
  guint           copies;
  char           *note;
  char           *supplement_deadline;
  char           *attachment;
} YcMaterialRecord;

typedef struct {
  char        *uuid;
  char        *case_no;
  char        *query_password;
  char        *item_code;
  char        *item_name;
  char        *department;
  YcCaseState  state;
  char        *window_code;
  char        *clerk;
  gint64       created_at;   /* µs since the epoch */
  gint64       decided_at;   /* 0: not decided */
  char        *legal_deadline;
  char        *promised_deadline;
  char        *reason;
  gint64       version;
  guint        applicant_flags;   /* YcApplicantFlags */
  char        *legal_basis;
  char        *refer_department;
  YcPartyRecord *applicant;
  YcPartyRecord *agent;
  GArray      *materials;    /* YcMaterialRecord */
} YcCaseRecord;

YcCaseRecord *_yc_case_record_new       (void);
void          _yc_case_record_free      (YcCaseRecord *record);
void          _yc_party_record_free     (YcPartyRecord *party);
YcCaseRecord *_yc_case_record_from_case (YcCase       *kase);
YcCase       *_yc_case_record_to_case   (YcCaseRecord *record);
/* The body of PUT /api/v1/cases/{uuid}. */
char         *_yc_case_record_to_json   (YcCaseRecord *record);
/* Reads a case, its parties and its checklist; call inside a transaction for one snapshot. */
YcCaseRecord *_yc_store_read_case       (YcStoreConn  *conn,
                                         const char   *uuid,
                                         GError      **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCaseRecord, _yc_case_record_free)

/* Deciding a draft (yc-store-cases.c), shared with the counter's decide path
 * (yc-store-decide.c). */
typedef struct {
  YcCaseRecord *record;      /* the writer's copy, filled in by the decision */
  YcCaseEvent   decision;
  char         *actor;
  GPtrArray    *audit;       /* extra audit entries: action, detail, action, detail, … (or NULL) */
  /* A test hook: fail after everything was written, before COMMIT. */
  gboolean      fail_before_commit;
} YcCreateData;

YcCreateData *_yc_store_create_data_new (YcCase       *kase,
                                         YcCaseEvent   decision,
                                         const char   *actor,
                                         GError      **error);
void          _yc_store_create_data_free (YcCreateData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCreateData, _yc_store_create_data_free)
/* A YcStoreWriteFunc with YcCreateData. */
gboolean      _yc_store_create_case_func (YcStoreConn  *conn,
                                         gpointer      data,
                                         GError      **error);
/* Writes what the decision settled back on the caller's YcCase (number, state, dates,
 * deadlines). */
void          _yc_store_apply_decision  (YcCase       *kase,
                                         YcCaseRecord *record);
/* The async halves both decision paths share: @data (or, when NULL, @error) goes to the writer
 * through @task, and finish writes the decision back on @kase on the caller's thread. */
void          _yc_store_decide_task     (YcStore      *self,
                                         GTask        *task,
                                         YcCase       *kase,
                                         YcCreateData *data,
                                         GError       *error);
gboolean      _yc_store_decide_task_finish (GAsyncResult *result,
                                         GError      **error);

/* yc_store_decide_case with a chosen decision day, optionally failing before COMMIT (for tests). */
gboolean      _yc_store_decide_case_full (YcStore      *self,
                                         YcCase       *kase,
                                         YcItem       *item,
                                         YcDecisionOutcome outcome,
                                         YcCalendar   *calendar,
                                         const GDate  *today,
                                         const char   *actor,
                                         gboolean      fail_before_commit,
                                         GError      **error);

/* The body of POST /api/v1/cases/{uuid}/events: one event with its own uuid. */
char         *_yc_store_event_to_json   (const char   *case_uuid,
                                         YcCaseEvent   event,
                                         YcCaseState   from,
                                         YcCaseState   to,
                                         const char   *reason,
                                         const char   *actor,
                                         GDateTime    *at);

/* Canonical forms for whole-value lookups (case_parties.id_key, phone_key): a resident ID or credit
 * code in canonical form, a canonical phone number; anything else upper-cased without spaces. NULL
 * for blank. */
char         *_yc_store_id_key          (const char   *id_number);
char         *_yc_store_phone_key       (const char   *phone);

/* Times are stored as microseconds since the epoch. */
gint64        _yc_store_to_usec         (GDateTime    *date_time);
GDateTime    *_yc_store_from_usec       (gint64        usec);   /* UTC */
GDateTime    *_yc_store_local_from_usec (gint64        usec);

G_END_DECLS
