/* yc-store.h: the workstation's database: migrations, catalogue, cases, audit log, outbox. */
#pragma once

#include <gio/gio.h>
#include "yc-item.h"
#include "yc-case.h"
#include "yc-catalogue.h"

G_BEGIN_DECLS

#define YC_STORE_ERROR (yc_store_error_quark ())
typedef enum {
  YC_STORE_ERROR_OPEN,          /* cannot open or create the file */
  YC_STORE_ERROR_CORRUPT,       /* not a database / malformed */
  YC_STORE_ERROR_TOO_NEW,       /* schema version newer than this program knows */
  YC_STORE_ERROR_MIGRATION,     /* a migration failed; the file is left at the previous version */
  YC_STORE_ERROR_NOT_FOUND,
  YC_STORE_ERROR_CONSTRAINT,    /* e.g. duplicate uuid */
  YC_STORE_ERROR_BUSY,          /* locked by another process */
  YC_STORE_ERROR_FULL,          /* disk full */
  YC_STORE_ERROR_IO,
  YC_STORE_ERROR_FAILED,
  YC_STORE_ERROR_INVALID,       /* the request is incomplete: no reason, no window code, … */
} YcStoreError;
GQuark yc_store_error_quark (void);

#define YC_TYPE_STORE (yc_store_get_type ())
G_DECLARE_FINAL_TYPE (YcStore, yc_store, YC, STORE, GObject)

/* Default location: $XDG_DATA_HOME/yichuang/yichuang.db (directory 0700, file 0600). */
char       *yc_store_default_path       (void);

/* Opening blocks (creates, migrates): call it from a worker, or use the async pair from the main
 * thread. */
YcStore    *yc_store_open               (const char *path,
                                         GError    **error);
void        yc_store_open_async         (const char         *path,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
YcStore    *yc_store_open_finish        (GAsyncResult *result,
                                         GError      **error);
const char *yc_store_get_path           (YcStore *self);
int         yc_store_get_schema_version (YcStore *self);
int         yc_store_get_latest_schema_version (void);

/* Catalogue. Importing replaces items by code (upsert) and their materials, in one transaction, and
 * keeps the search index current. The async form reads @catalogue on the writer thread: keep it
 * alive until the callback. */
gboolean    yc_store_import_catalogue   (YcStore      *self,
                                         YcCatalogue  *catalogue,
                                         GError      **error);
void        yc_store_import_catalogue_async (YcStore            *self,
                                         YcCatalogue        *catalogue,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_import_catalogue_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
/* Imports the shipped sample catalogue if the catalogue is empty (first start). */
void        yc_store_ensure_catalogue_async (YcStore            *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_ensure_catalogue_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
gboolean    yc_store_ensure_catalogue   (YcStore      *self,
                                         GError      **error);
guint       yc_store_count_items        (YcStore *self,
                                         GError **error);

/* Catalogue search: exact name, then name prefix, then substring (FTS5 trigram for 3+ characters, a
 * short-query path for 1-2 characters) over name, department, code and keywords. Items come without
 * materials. Safe from any thread; cancellable (a cancelled search returns G_IO_ERROR_CANCELLED).
 */
GPtrArray  *yc_store_search_items       (YcStore      *self,
                                         const char   *query,
                                         guint         limit,
                                         GCancellable *cancellable,
                                         GError      **error);   /* (element-type YcItem) */
void        yc_store_search_items_async (YcStore            *self,
                                         const char         *query,
                                         guint               limit,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GListModel *yc_store_search_items_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);   /* GListStore of YcItem */

/* One item with its materials. */
YcItem     *yc_store_get_item           (YcStore      *self,
                                         const char   *code,
                                         GError      **error);
void        yc_store_get_item_async     (YcStore            *self,
                                         const char         *code,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
YcItem     *yc_store_get_item_finish    (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

/* Cases. Deciding a draft: in ONE transaction applies @decision (accept, tolerance_accept,
 * commitment_accept, issue_notice, refuse or refer; refuse and refer need the case's "reason")
 * through the state machine, assigns the case number <window code>-<yyyymmdd>-<seq> from the
 * window's daily sequence (never reused, also after a voided case; a transaction that does not
 * commit issues no number), stores the case, its parties and checklist, the documents the decision
 * makes due (case_documents), an audit entry by @actor and an outbox entry ("case.put", the case as
 * JSON), and deletes the case's draft. A reopened case (a draft again) keeps its uuid and number.
 * On success sets "case-no", "state" and "decided-at" on @kase — in the async form, on the
 * caller's thread inside _finish. It does not check the decision rules: the counter decides with
 * yc_store_decide_case() (yc-store-counter.h), which does. */
gboolean    yc_store_create_case        (YcStore      *self,
                                         YcCase       *kase,
                                         YcCaseEvent   decision,
                                         const char   *actor,
                                         GError      **error);
void        yc_store_create_case_async  (YcStore            *self,
                                         YcCase             *kase,
                                         YcCaseEvent         decision,
                                         const char         *actor,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_create_case_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
YcCase     *yc_store_get_case           (YcStore      *self,
                                         const char   *uuid,
                                         GError      **error);
void        yc_store_get_case_async     (YcStore            *self,
                                         const char         *uuid,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
YcCase     *yc_store_get_case_finish    (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
/* Newest first (by creation time). */
GPtrArray  *yc_store_list_cases         (YcStore      *self,
                                         guint         limit,
                                         GError      **error);   /* (element-type YcCase) */
void        yc_store_list_cases_async   (YcStore            *self,
                                         guint               limit,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GListModel *yc_store_list_cases_finish  (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);   /* GListStore of YcCase */
/* A later event (start_review, void, withdraw, …): state change, audit entry and outbox entry
 * ("case.event") in one transaction. @reason is required where yc_case_event_needs_reason(); it
 * replaces the stored reason. */
gboolean    yc_store_apply_case_event   (YcStore      *self,
                                         const char   *uuid,
                                         YcCaseEvent   event,
                                         const char   *reason,
                                         const char   *actor,
                                         YcCaseState  *new_state,
                                         GError      **error);
void        yc_store_apply_case_event_async (YcStore            *self,
                                         const char         *uuid,
                                         YcCaseEvent         event,
                                         const char         *reason,
                                         const char         *actor,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_apply_case_event_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         YcCaseState  *new_state,
                                         GError      **error);

/* Audit log: append-only (the database refuses updates and deletes). */
typedef struct {
  gint64     id;
  GDateTime *at;
  char      *actor;
  char      *action;      /* "case.create", "case.void", "case.view", … */
  char      *case_uuid;   /* or NULL */
  char      *detail;      /* or NULL */
} YcAuditEntry;
#define YC_TYPE_AUDIT_ENTRY (yc_audit_entry_get_type ())
GType         yc_audit_entry_get_type   (void) G_GNUC_CONST;
YcAuditEntry *yc_audit_entry_copy       (const YcAuditEntry *entry);
void          yc_audit_entry_free       (YcAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcAuditEntry, yc_audit_entry_free)

gboolean    yc_store_append_audit       (YcStore      *self,
                                         const char   *actor,
                                         const char   *action,
                                         const char   *case_uuid,
                                         const char   *detail,
                                         GError      **error);
void        yc_store_append_audit_async (YcStore            *self,
                                         const char         *actor,
                                         const char         *action,
                                         const char         *case_uuid,
                                         const char         *detail,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_append_audit_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
/* Oldest first; @case_uuid NULL lists every entry. */
GPtrArray  *yc_store_list_audit         (YcStore      *self,
                                         const char   *case_uuid,
                                         GError      **error);   /* (element-type YcAuditEntry) */

/* Outbox: records waiting for the platform, oldest first. Call from a worker thread (the sync
 * pump). */
typedef struct {
  gint64     id;
  char      *kind;             /* "case.put", "case.event" */
  char      *key;              /* the case uuid */
  char      *payload;          /* JSON */
  GDateTime *created_at;
  guint      attempts;
  char      *last_error;       /* or NULL */
  GDateTime *next_attempt_at;  /* backoff: not before this (a clerk's "send now" may ignore it) */
} YcOutboxEntry;
#define YC_TYPE_OUTBOX_ENTRY (yc_outbox_entry_get_type ())
GType          yc_outbox_entry_get_type (void) G_GNUC_CONST;
YcOutboxEntry *yc_outbox_entry_copy     (const YcOutboxEntry *entry);
void           yc_outbox_entry_free     (YcOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcOutboxEntry, yc_outbox_entry_free)

GPtrArray  *yc_store_outbox_pending     (YcStore      *self,
                                         guint         limit,
                                         GError      **error);   /* (element-type YcOutboxEntry) */
gboolean    yc_store_outbox_mark_sent   (YcStore      *self,
                                         gint64        id,
                                         GError      **error);
gboolean    yc_store_outbox_mark_failed (YcStore      *self,
                                         gint64        id,
                                         const char   *error_message,
                                         GDateTime    *next_attempt_at,
                                         GError      **error);

G_END_DECLS

/* The counter workflow: decisions by the rules, documents due, drafts, Cases queries, follow-ups. */
#include "yc-store-counter.h"
