/* yc-print-item.c: a case's document and the state of its last print job, for the lists of them. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-print-item.h"

struct _YcPrintItem
{
  GObject        parent_instance;

  YcDocKind      kind;
  char          *case_uuid;
  char          *title;
  YcPrintStatus  status;
  char          *message;
  char          *file_hash;
  char          *format;
  char          *language;
  guint          pages;
  guint          copies;
  gint64         record_id;
  char          *destination;
  GDateTime     *updated_at;
  YcPrintJob    *job;
  YcDocument    *document;
  YcCase        *kase;
};

G_DEFINE_FINAL_TYPE (YcPrintItem, yc_print_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_CASE_UUID,
  PROP_STATUS,
  PROP_MESSAGE,
  PROP_FILE_HASH,
  PROP_FORMAT,
  PROP_LANGUAGE,
  PROP_PAGES,
  PROP_COPIES,
  PROP_RECORD_ID,
  PROP_DESTINATION,
  PROP_UPDATED_AT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_codes[] = {
  "due", "rendering", "rendered", "sending", "queued", "printing", "printed", "stopped",
  "cancelled", "failed",
};

const char *
yc_print_status_to_string (YcPrintStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_codes))
    return NULL;
  return status_codes[status];
}

const char *
yc_print_status_get_label (YcPrintStatus status)
{
  switch (status)
    {
    case YC_PRINT_STATUS_DUE:
      return C_("document", "Not printed yet");
    case YC_PRINT_STATUS_RENDERING:
      return C_("document", "Rendering");
    case YC_PRINT_STATUS_RENDERED:
      return C_("document", "Not printed");
    case YC_PRINT_STATUS_SENDING:
      return C_("document", "Sending to the printer");
    case YC_PRINT_STATUS_QUEUED:
      return C_("document", "Queued");
    case YC_PRINT_STATUS_PRINTING:
      return C_("document", "Printing");
    case YC_PRINT_STATUS_PRINTED:
      return C_("document", "Printed");
    case YC_PRINT_STATUS_STOPPED:
      return C_("document", "Printer stopped");
    case YC_PRINT_STATUS_CANCELLED:
      return C_("document", "Cancelled");
    case YC_PRINT_STATUS_FAILED:
    default:
      return C_("document", "Failed");
    }
}

YcPrintStatus
yc_print_status_from_job_state (YcPrintJobState state)
{
  switch (state)
    {
    case YC_PRINT_JOB_SUBMITTING:
      return YC_PRINT_STATUS_SENDING;
    case YC_PRINT_JOB_PENDING:
      return YC_PRINT_STATUS_QUEUED;
    case YC_PRINT_JOB_PROCESSING:
      return YC_PRINT_STATUS_PRINTING;
    case YC_PRINT_JOB_STOPPED:
      return YC_PRINT_STATUS_STOPPED;
    case YC_PRINT_JOB_COMPLETED:
      return YC_PRINT_STATUS_PRINTED;
    case YC_PRINT_JOB_CANCELLED:
      return YC_PRINT_STATUS_CANCELLED;
    case YC_PRINT_JOB_ABORTED:
    case YC_PRINT_JOB_FAILED:
    default:
      return YC_PRINT_STATUS_FAILED;
    }
}

gboolean
yc_print_status_needs_attention (YcPrintStatus status)
{
  return status == YC_PRINT_STATUS_STOPPED || status == YC_PRINT_STATUS_CANCELLED ||
         status == YC_PRINT_STATUS_FAILED;
}

static gboolean
status_is_busy (YcPrintStatus status)
{
  return status == YC_PRINT_STATUS_RENDERING || status == YC_PRINT_STATUS_SENDING;
}

static void
yc_print_item_dispose (GObject *object)
{
  YcPrintItem *self = YC_PRINT_ITEM (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->document);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (yc_print_item_parent_class)->dispose (object);
}

static void
yc_print_item_finalize (GObject *object)
{
  YcPrintItem *self = YC_PRINT_ITEM (object);

  g_free (self->case_uuid);
  g_free (self->title);
  g_free (self->message);
  g_free (self->file_hash);
  g_free (self->format);
  g_free (self->language);
  g_free (self->destination);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (yc_print_item_parent_class)->finalize (object);
}

static void
yc_print_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YcPrintItem *self = YC_PRINT_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CASE_UUID:
      g_value_set_string (value, self->case_uuid);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_FILE_HASH:
      g_value_set_string (value, self->file_hash);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_PAGES:
      g_value_set_uint (value, self->pages);
      break;
    case PROP_COPIES:
      g_value_set_uint (value, self->copies);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_DESTINATION:
      g_value_set_string (value, self->destination);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, status_is_busy (self->status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_print_item_class_init (YcPrintItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = yc_print_item_dispose;
  object_class->finalize = yc_print_item_finalize;
  object_class->get_property = yc_print_item_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, YC_TYPE_DOC_KIND, YC_DOC_RECEIPT, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CASE_UUID] = g_param_spec_string ("case-uuid", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, YC_PRINT_STATUS_DUE, YC_PRINT_STATUS_FAILED,
                      YC_PRINT_STATUS_DUE, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_FILE_HASH] = g_param_spec_string ("file-hash", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_PAGES] = g_param_spec_uint ("pages", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COPIES] = g_param_spec_uint ("copies", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DESTINATION] = g_param_spec_string ("destination", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_print_item_init (YcPrintItem *self)
{
  self->copies = 1;
}

YcPrintItem *
yc_print_item_new (const char *case_uuid,
                   YcDocKind   kind)
{
  YcPrintItem *self;

  g_return_val_if_fail ((guint) kind < YC_DOC_N_KINDS, NULL);

  self = g_object_new (YC_TYPE_PRINT_ITEM, NULL);
  self->kind = kind;
  self->case_uuid = g_strdup (case_uuid);
  self->title = g_strdup (yc_doc_kind_get_label (kind));
  return self;
}

YcDocKind
yc_print_item_get_kind (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), YC_DOC_RECEIPT);
  return self->kind;
}

const char *
yc_print_item_get_title (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->title;
}

const char *
yc_print_item_get_case_uuid (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->case_uuid;
}

YcPrintStatus
yc_print_item_get_status (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), YC_PRINT_STATUS_FAILED);
  return self->status;
}

const char *
yc_print_item_get_message (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->message;
}

const char *
yc_print_item_get_file_hash (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->file_hash;
}

const char *
yc_print_item_get_format (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->format;
}

const char *
yc_print_item_get_language (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->language;
}

guint
yc_print_item_get_pages (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), 0);
  return self->pages;
}

guint
yc_print_item_get_copies (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), 1);
  return self->copies;
}

gint64
yc_print_item_get_record_id (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), 0);
  return self->record_id;
}

const char *
yc_print_item_get_destination (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->destination;
}

GDateTime *
yc_print_item_get_updated_at (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->updated_at;
}

gboolean
yc_print_item_get_busy (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), FALSE);
  return status_is_busy (self->status);
}

gboolean
yc_print_item_get_can_print_again (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), FALSE);

  if (status_is_busy (self->status))
    return FALSE;
  /* A due document is rendered first, which needs its case (the item is read from the store). */
  return self->file_hash != NULL || self->document != NULL || self->kase != NULL;
}

YcPrintJob *
yc_print_item_get_job (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->job;
}

YcDocument *
yc_print_item_get_document (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->document;
}

YcCase *
yc_print_item_get_case (YcPrintItem *self)
{
  g_return_val_if_fail (YC_IS_PRINT_ITEM (self), NULL);
  return self->kase;
}

static void
set_string (YcPrintItem *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
yc_print_item_set_status (YcPrintItem  *self,
                          YcPrintStatus status,
                          const char   *message)
{
  gboolean was_busy;

  g_return_if_fail (YC_IS_PRINT_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  was_busy = status_is_busy (self->status);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (was_busy != status_is_busy (status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  set_string (self, &self->message, message, PROP_MESSAGE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
yc_print_item_set_document (YcPrintItem *self,
                            YcDocument  *document)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));
  g_return_if_fail (document == NULL || YC_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document) || document == NULL)
    return;
  /* Guidance says which language it is in. */
  if (yc_document_get_kind (document) == YC_DOC_GUIDANCE)
    {
      g_autofree char *title = yc_document_get_title (document);

      set_string (self, &self->title, title, PROP_TITLE);
    }
}

void
yc_print_item_set_case (YcPrintItem *self,
                        YcCase      *kase)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));
  g_set_object (&self->kase, kase);
}

void
yc_print_item_set_file (YcPrintItem *self,
                        const char  *file_hash,
                        const char  *format,
                        const char  *language,
                        guint        pages)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->file_hash, file_hash, PROP_FILE_HASH);
  set_string (self, &self->format, format, PROP_FORMAT);
  set_string (self, &self->language, language, PROP_LANGUAGE);
  if (self->pages != pages)
    {
      self->pages = pages;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
yc_print_item_set_copies (YcPrintItem *self,
                          guint        copies)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));

  copies = MAX (copies, 1);
  if (self->copies == copies)
    return;
  self->copies = copies;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPIES]);
}

void
yc_print_item_set_updated_at (YcPrintItem *self,
                              GDateTime   *when)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));

  if (when == self->updated_at)
    return;
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  if (when != NULL)
    self->updated_at = g_date_time_ref (when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static void
set_record_id (YcPrintItem *self,
               gint64       record_id)
{
  if (self->record_id == record_id)
    return;
  self->record_id = record_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
}

static void
forget_job (YcPrintItem *self)
{
  if (self->job == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
}

void
yc_print_item_set_record (YcPrintItem *self,
                          gint64       record_id,
                          const char  *destination,
                          const char  *state,
                          const char  *error_message)
{
  YcPrintJobState job_state = YC_PRINT_JOB_FAILED;

  g_return_if_fail (YC_IS_PRINT_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (record_id != self->record_id)
    forget_job (self);
  set_record_id (self, record_id);
  set_string (self, &self->destination, destination, PROP_DESTINATION);
  if (state == NULL || !yc_print_job_state_from_string (state, &job_state))
    job_state = YC_PRINT_JOB_FAILED;
  yc_print_item_set_status (self, yc_print_status_from_job_state (job_state), error_message);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
job_changed_cb (YcPrintJob  *job,
                GParamSpec  *pspec,
                YcPrintItem *self)
{
  YcPrintJobState state = yc_print_job_get_state (job);
  const GError *error = yc_print_job_get_error (job);
  const char *message = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (error != NULL)
    message = error->message;
  else if (state != YC_PRINT_JOB_COMPLETED)
    message = yc_print_job_get_printer_message (job);
  yc_print_item_set_status (self, yc_print_status_from_job_state (state), message);
  yc_print_item_set_updated_at (self, now);
}

void
yc_print_item_follow_job (YcPrintItem *self,
                          YcPrintJob  *job,
                          gint64       record_id)
{
  g_return_if_fail (YC_IS_PRINT_ITEM (self));
  g_return_if_fail (YC_IS_PRINT_JOB (job));

  g_object_freeze_notify (G_OBJECT (self));
  if (job != self->job)
    {
      forget_job (self);
      self->job = g_object_ref (job);
      g_signal_connect_object (job, "notify::state", G_CALLBACK (job_changed_cb), self, 0);
      g_signal_connect_object (job, "notify::error", G_CALLBACK (job_changed_cb), self, 0);
      g_signal_connect_object (job, "notify::printer-message", G_CALLBACK (job_changed_cb), self,
                               0);
    }
  set_record_id (self, record_id);
  set_string (self, &self->destination, yc_print_job_get_destination (job), PROP_DESTINATION);
  job_changed_cb (job, NULL, self);
  g_object_thaw_notify (G_OBJECT (self));
}
