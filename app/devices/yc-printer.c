/* yc-printer.c: CUPS destinations polled in worker threads, PDF jobs sent with the destination API
 * and followed with IPP Get-Job-Attributes; results come back on the caller's main context. */
#define G_LOG_DOMAIN "yc-printer"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cups/cups.h>

#include "yc-printer.h"

G_DEFINE_QUARK (yc-print-error-quark, yc_print_error)

static const char * const error_codes[] = {
  "no_printer", "printer_stopped", "not_accepting", "job_failed", "job_cancelled",
  "cups_unreachable",
};

const char *
yc_print_error_to_string (YcPrintError code)
{
  return (guint) code < G_N_ELEMENTS (error_codes) ? error_codes[code] : NULL;
}

gboolean
yc_print_error_from_string (const char   *string,
                            YcPrintError *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (g_strcmp0 (string, error_codes[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const state_codes[] = {
  "submitting", "pending", "processing", "stopped", "completed", "cancelled", "aborted", "failed",
};

const char *
yc_print_job_state_to_string (YcPrintJobState state)
{
  return (guint) state < G_N_ELEMENTS (state_codes) ? state_codes[state] : NULL;
}

gboolean
yc_print_job_state_from_string (const char      *string,
                                YcPrintJobState *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_codes); i++)
    if (g_strcmp0 (string, state_codes[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
yc_print_job_state_is_final (YcPrintJobState state)
{
  return state >= YC_PRINT_JOB_COMPLETED;
}

const char *
yc_print_job_state_get_label (YcPrintJobState state)
{
  switch (state)
    {
    case YC_PRINT_JOB_SUBMITTING:
      return C_("print job", "Sending");
    case YC_PRINT_JOB_PENDING:
      return C_("print job", "Waiting");
    case YC_PRINT_JOB_PROCESSING:
      return C_("print job", "Printing");
    case YC_PRINT_JOB_STOPPED:
      return C_("print job", "Printer stopped");
    case YC_PRINT_JOB_COMPLETED:
      return C_("print job", "Printed");
    case YC_PRINT_JOB_CANCELLED:
      return C_("print job", "Cancelled");
    case YC_PRINT_JOB_ABORTED:
      return C_("print job", "Failed");
    case YC_PRINT_JOB_FAILED:
    default:
      return C_("print job", "Not sent");
    }
}

/* --- errors from CUPS --- */

static gboolean
status_is_error (ipp_status_t status)
{
  return status > IPP_STATUS_OK_EVENTS_COMPLETE;
}

/* The error for a failed CUPS call about @destination; cupsLastError() is per thread, so call it on
 * the thread that made the call. */
static GError *
error_from_cups (const char   *destination,
                 ipp_status_t  status,
                 const char   *message)
{
  switch (status)
    {
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_TIMEOUT:
      return g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_CUPS_UNREACHABLE,
                          _("The printing service (CUPS) does not answer: %s. Start it, or ask the "
                            "administrator"), message != NULL ? message : "");
    case IPP_STATUS_ERROR_NOT_FOUND:
      return g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_NO_PRINTER,
                          _("There is no printer “%s”: choose another one in Preferences"),
                          destination);
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_NOT_ACCEPTING,
                          _("The printer “%s” does not accept jobs: ask the administrator to "
                            "enable it, or choose another printer"), destination);
    default:
      return g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_FAILED,
                          _("Could not print on “%s”: %s. Check the printer, then print again"),
                          destination, message != NULL ? message : ippErrorString (status));
    }
}

static GError *
last_cups_error (const char *destination)
{
  return error_from_cups (destination, cupsLastError (), cupsLastErrorString ());
}

/* --- printer snapshots --- */

struct _YcPrinterInfo {
  GObject         parent_instance;
  char           *name;
  char           *description;
  char           *location;
  char           *make_and_model;
  YcPrinterState  state;
  GStrv           reasons;
  char           *message;
  gboolean        accepting;
  gboolean        is_default;
};

G_DEFINE_FINAL_TYPE (YcPrinterInfo, yc_printer_info, G_TYPE_OBJECT)

static void
yc_printer_info_finalize (GObject *object)
{
  YcPrinterInfo *self = YC_PRINTER_INFO (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->location);
  g_free (self->make_and_model);
  g_strfreev (self->reasons);
  g_free (self->message);
  G_OBJECT_CLASS (yc_printer_info_parent_class)->finalize (object);
}

static void
yc_printer_info_class_init (YcPrinterInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_printer_info_finalize;
}

static void
yc_printer_info_init (YcPrinterInfo *self)
{
}

static YcPrinterState
printer_state_from_ipp (int state)
{
  switch (state)
    {
    case IPP_PSTATE_PROCESSING:
      return YC_PRINTER_STATE_PROCESSING;
    case IPP_PSTATE_STOPPED:
      return YC_PRINTER_STATE_STOPPED;
    case IPP_PSTATE_IDLE:
    default:
      return YC_PRINTER_STATE_IDLE;
    }
}

/* "none" means no reason; the rest are kept as CUPS names them ("media-empty-error",
 * "paused", …). */
static GStrv
reasons_from_list (const char *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && g_strcmp0 (parts[i], "none") != 0)
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static YcPrinterInfo *
printer_info_from_dest (cups_dest_t *dest)
{
  YcPrinterInfo *self = g_object_new (YC_TYPE_PRINTER_INFO, NULL);
  const char *value;

  self->name = g_strdup (dest->name);
  value = cupsGetOption ("printer-info", dest->num_options, dest->options);
  self->description = g_strdup (value != NULL && *value != '\0' ? value : dest->name);
  self->location = g_strdup (cupsGetOption ("printer-location", dest->num_options, dest->options));
  self->make_and_model = g_strdup (cupsGetOption ("printer-make-and-model", dest->num_options,
                                                  dest->options));
  value = cupsGetOption ("printer-state", dest->num_options, dest->options);
  self->state = printer_state_from_ipp (value != NULL ? atoi (value) : IPP_PSTATE_IDLE);
  self->reasons = reasons_from_list (cupsGetOption ("printer-state-reasons", dest->num_options,
                                                    dest->options));
  self->message = g_strdup (cupsGetOption ("printer-state-message", dest->num_options,
                                           dest->options));
  value = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  self->accepting = value == NULL || g_ascii_strcasecmp (value, "false") != 0;
  self->is_default = dest->is_default != 0;
  return self;
}

static gboolean
printer_info_equal (YcPrinterInfo *a,
                    YcPrinterInfo *b)
{
  return g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->description, b->description) == 0
         && g_strcmp0 (a->location, b->location) == 0
         && g_strcmp0 (a->make_and_model, b->make_and_model) == 0
         && a->state == b->state
         && g_strv_equal ((const char * const *) a->reasons, (const char * const *) b->reasons)
         && g_strcmp0 (a->message, b->message) == 0
         && a->accepting == b->accepting
         && a->is_default == b->is_default;
}

const char *
yc_printer_info_get_name (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return self->name;
}

const char *
yc_printer_info_get_description (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return self->description;
}

const char *
yc_printer_info_get_location (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return self->location;
}

const char *
yc_printer_info_get_make_and_model (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return self->make_and_model;
}

YcPrinterState
yc_printer_info_get_state (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), YC_PRINTER_STATE_IDLE);
  return self->state;
}

const char * const *
yc_printer_info_get_state_reasons (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return (const char * const *) self->reasons;
}

const char *
yc_printer_info_get_state_message (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), NULL);
  return self->message;
}

gboolean
yc_printer_info_get_accepting (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), FALSE);
  return self->accepting;
}

gboolean
yc_printer_info_get_is_default (YcPrinterInfo *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_INFO (self), FALSE);
  return self->is_default;
}

/* The destinations, sorted by name; runs in a worker thread. */
static GPtrArray *
list_destinations (GError **error)
{
  cups_dest_t *dests = NULL;
  int n = cupsGetDests2 (CUPS_HTTP_DEFAULT, &dests);
  ipp_status_t status = cupsLastError ();
  GPtrArray *printers;

  /* No destination at all is a normal answer (IPP_STATUS_OK or NOT_FOUND); an unreachable scheduler
   * is not. */
  if (n == 0 && status_is_error (status) && status != IPP_STATUS_ERROR_NOT_FOUND)
    {
      g_propagate_error (error, last_cups_error (""));
      cupsFreeDests (n, dests);
      return NULL;
    }

  printers = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n; i++)
    if (dests[i].instance == NULL)   /* lpoptions instances are not printers of their own */
      g_ptr_array_add (printers, printer_info_from_dest (&dests[i]));
  cupsFreeDests (n, dests);
  return printers;
}

static void
list_destinations_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *printers = list_destinations (&error);

  if (printers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, printers, (GDestroyNotify) g_ptr_array_unref);
}

void
yc_printer_list_destinations_async (GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, yc_printer_list_destinations_async);
  /* A listing that can no longer be used is not waited for. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_destinations_thread);
}

GPtrArray *
yc_printer_list_destinations_finish (GAsyncResult *result,
                                     GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
yc_printer_dup_default_name (GError **error)
{
  cups_dest_t *dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, NULL, NULL);
  ipp_status_t status = cupsLastError ();
  char *name;

  if (dest == NULL)
    {
      if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_TIMEOUT)
        g_propagate_error (error, last_cups_error (""));
      else
        g_set_error_literal (error, YC_PRINT_ERROR, YC_PRINT_ERROR_NO_PRINTER,
                             _("No printer is chosen and CUPS has no default printer: choose one "
                               "in Preferences"));
      return NULL;
    }
  name = g_strdup (dest->name);
  cupsFreeDests (1, dest);
  return name;
}

/* --- the watched list --- */

struct _YcPrinterList {
  GObject       parent_instance;
  GPtrArray    *printers;       /* YcPrinterInfo, sorted by name */
  guint         interval_ms;
  guint         timeout_id;
  GCancellable *cancellable;
  gboolean      polling;
  gboolean      poll_again;
  gboolean      available;
  gboolean      loaded;
};

static void yc_printer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcPrinterList, yc_printer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      yc_printer_list_model_init))

enum {
  LIST_PROP_0,
  LIST_PROP_AVAILABLE,
  LIST_PROP_LOADED,
  LIST_N_PROPS
};
static GParamSpec *list_properties[LIST_N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint list_signals[N_SIGNALS];

static GType
list_get_item_type (GListModel *model)
{
  return YC_TYPE_PRINTER_INFO;
}

static guint
list_get_n_items (GListModel *model)
{
  return YC_PRINTER_LIST (model)->printers->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  YcPrinterList *self = YC_PRINTER_LIST (model);

  if (position >= self->printers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->printers, position));
}

static void
yc_printer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
yc_printer_list_dispose (GObject *object)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  G_OBJECT_CLASS (yc_printer_list_parent_class)->dispose (object);
}

static void
yc_printer_list_finalize (GObject *object)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  g_ptr_array_unref (self->printers);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (yc_printer_list_parent_class)->finalize (object);
}

static void
yc_printer_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case LIST_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_printer_list_class_init (YcPrinterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_printer_list_dispose;
  object_class->finalize = yc_printer_list_finalize;
  object_class->get_property = yc_printer_list_get_property;

  list_properties[LIST_PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  list_properties[LIST_PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, LIST_N_PROPS, list_properties);

  list_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yc_printer_list_init (YcPrinterList *self)
{
  self->printers = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

static void poll_now (YcPrinterList *self);

static gboolean
poll_timeout_cb (gpointer user_data)
{
  YcPrinterList *self = user_data;

  self->timeout_id = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 ((*(YcPrinterInfo **) a)->name, (*(YcPrinterInfo **) b)->name);
}

static void
poll_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  YcPrinterList *self = YC_PRINTER_LIST (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean changed = FALSE;
  gboolean was_loaded = self->loaded;

  self->polling = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (printers == NULL)
    {
      g_debug ("Listing printers failed: %s", error->message);
      if (self->available)
        {
          self->available = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_AVAILABLE]);
          changed = TRUE;
        }
    }
  else
    {
      g_ptr_array_sort (printers, compare_names);
      changed = printers->len != self->printers->len;
      for (guint i = 0; !changed && i < printers->len; i++)
        changed = !printer_info_equal (g_ptr_array_index (printers, i),
                                       g_ptr_array_index (self->printers, i));
      if (changed)
        {
          guint removed = self->printers->len;

          g_ptr_array_unref (self->printers);
          self->printers = g_ptr_array_ref (printers);
          g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, printers->len);
        }
      if (!self->available)
        {
          self->available = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_AVAILABLE]);
          changed = TRUE;
        }
    }
  if (!was_loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_LOADED]);
      changed = TRUE;
    }
  if (changed)
    g_signal_emit (self, list_signals[SIGNAL_CHANGED], 0);

  if (self->poll_again)
    {
      self->poll_again = FALSE;
      poll_now (self);
    }
  else if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->interval_ms, poll_timeout_cb, self);
}

static void
poll_now (YcPrinterList *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->polling)
    {
      self->poll_again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->polling = TRUE;
  task = g_task_new (self, self->cancellable, poll_done_cb, NULL);
  g_task_set_source_tag (task, poll_now);
  g_task_run_in_thread (task, list_destinations_thread);
}

YcPrinterList *
yc_printer_list_new (guint interval_ms)
{
  YcPrinterList *self = g_object_new (YC_TYPE_PRINTER_LIST, NULL);

  self->interval_ms = interval_ms > 0 ? interval_ms : 3000;
  poll_now (self);
  return self;
}

gboolean
yc_printer_list_get_available (YcPrinterList *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), FALSE);
  return self->available;
}

gboolean
yc_printer_list_get_loaded (YcPrinterList *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), FALSE);
  return self->loaded;
}

YcPrinterInfo *
yc_printer_list_lookup (YcPrinterList *self,
                        const char    *name)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), NULL);

  for (guint i = 0; i < self->printers->len; i++)
    {
      YcPrinterInfo *info = g_ptr_array_index (self->printers, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }
  return NULL;
}

void
yc_printer_list_refresh (YcPrinterList *self)
{
  g_return_if_fail (YC_IS_PRINTER_LIST (self));
  poll_now (self);
}

/* --- jobs --- */

struct _YcPrintJob {
  GObject          parent_instance;
  char            *destination;
  char            *path;
  char            *title;
  char            *media;
  guint            copies;
  YcPrintJobState  state;
  int              cups_job_id;
  GError          *error;
  char            *printer_message;
};

G_DEFINE_FINAL_TYPE (YcPrintJob, yc_print_job, G_TYPE_OBJECT)

enum {
  JOB_PROP_0,
  JOB_PROP_STATE,
  JOB_PROP_CUPS_JOB_ID,
  JOB_PROP_ERROR,
  JOB_PROP_PRINTER_MESSAGE,
  JOB_N_PROPS
};
static GParamSpec *job_properties[JOB_N_PROPS];

static void
yc_print_job_finalize (GObject *object)
{
  YcPrintJob *self = YC_PRINT_JOB (object);

  g_free (self->destination);
  g_free (self->path);
  g_free (self->title);
  g_free (self->media);
  g_clear_error (&self->error);
  g_free (self->printer_message);
  G_OBJECT_CLASS (yc_print_job_parent_class)->finalize (object);
}

static void
yc_print_job_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  YcPrintJob *self = YC_PRINT_JOB (object);

  switch (prop_id)
    {
    case JOB_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case JOB_PROP_CUPS_JOB_ID:
      g_value_set_int (value, self->cups_job_id);
      break;
    case JOB_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case JOB_PROP_PRINTER_MESSAGE:
      g_value_set_string (value, self->printer_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_print_job_class_init (YcPrintJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = yc_print_job_finalize;
  object_class->get_property = yc_print_job_get_property;

  /* YcPrintJobState has no GType of its own: an int holding the enum. */
  job_properties[JOB_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, YC_PRINT_JOB_SUBMITTING, YC_PRINT_JOB_FAILED,
                      YC_PRINT_JOB_SUBMITTING, ro);
  job_properties[JOB_PROP_CUPS_JOB_ID] =
    g_param_spec_int ("cups-job-id", NULL, NULL, 0, G_MAXINT, 0, ro);
  job_properties[JOB_PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  job_properties[JOB_PROP_PRINTER_MESSAGE] =
    g_param_spec_string ("printer-message", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, JOB_N_PROPS, job_properties);
}

static void
yc_print_job_init (YcPrintJob *self)
{
  self->copies = 1;
}

YcPrintJob *
yc_print_job_new (const char *destination,
                  const char *path,
                  const char *title,
                  const char *media,
                  guint       copies)
{
  YcPrintJob *self;

  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (YC_TYPE_PRINT_JOB, NULL);
  self->destination = g_strdup (destination);
  self->path = g_strdup (path);
  self->title = g_strdup (title != NULL ? title : "Yichuang");
  self->media = g_strdup (media);
  self->copies = MAX (copies, 1);
  return self;
}

YcPrintJob *
yc_print_job_new_for_cups_job (const char *destination,
                               int         cups_job_id)
{
  YcPrintJob *self;

  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (cups_job_id > 0, NULL);

  self = g_object_new (YC_TYPE_PRINT_JOB, NULL);
  self->destination = g_strdup (destination);
  self->cups_job_id = cups_job_id;
  self->state = YC_PRINT_JOB_PENDING;
  return self;
}

const char *
yc_print_job_get_destination (YcPrintJob *self)
{
  g_return_val_if_fail (YC_IS_PRINT_JOB (self), NULL);
  return self->destination;
}

YcPrintJobState
yc_print_job_get_state (YcPrintJob *self)
{
  g_return_val_if_fail (YC_IS_PRINT_JOB (self), YC_PRINT_JOB_FAILED);
  return self->state;
}

int
yc_print_job_get_cups_job_id (YcPrintJob *self)
{
  g_return_val_if_fail (YC_IS_PRINT_JOB (self), 0);
  return self->cups_job_id;
}

const GError *
yc_print_job_get_error (YcPrintJob *self)
{
  g_return_val_if_fail (YC_IS_PRINT_JOB (self), NULL);
  return self->error;
}

const char *
yc_print_job_get_printer_message (YcPrintJob *self)
{
  g_return_val_if_fail (YC_IS_PRINT_JOB (self), NULL);
  return self->printer_message;
}

/* Updates state, error and message together, notifying only what changed (on the caller's
 * context). */
static void
job_update (YcPrintJob      *self,
            YcPrintJobState  state,
            const GError    *error,
            const char      *printer_message)
{
  gboolean same_error;

  g_object_freeze_notify (G_OBJECT (self));
  same_error = (self->error == NULL && error == NULL)
               || (self->error != NULL && error != NULL && self->error->domain == error->domain
                   && self->error->code == error->code
                   && g_strcmp0 (self->error->message, error->message) == 0);
  if (!same_error)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[JOB_PROP_ERROR]);
    }
  if (g_strcmp0 (self->printer_message, printer_message) != 0)
    {
      g_free (self->printer_message);
      self->printer_message = g_strdup (printer_message);
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[JOB_PROP_PRINTER_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[JOB_PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Submitting, in a worker thread. */

typedef struct {
  char  *destination;
  char  *path;
  char  *title;
  char  *media;
  guint  copies;
} SubmitData;

static void
submit_data_free (SubmitData *data)
{
  g_free (data->destination);
  g_free (data->path);
  g_free (data->title);
  g_free (data->media);
  g_free (data);
}

static void
cancel_cups_job (const char *destination,
                 int         job_id)
{
  if (status_is_error (cupsCancelJob2 (CUPS_HTTP_DEFAULT, destination, job_id, 0)))
    g_debug ("Could not cancel job %d on %s: %s", job_id, destination, cupsLastErrorString ());
}

/* Sends the file; returns the CUPS job id, or 0 with @error set. */
static int
submit_document (SubmitData    *data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autofree guint8 *buffer = NULL;
  cups_dest_t *dest;
  cups_dinfo_t *info = NULL;
  cups_option_t *options = NULL;
  int n_options = 0;
  int job_id = 0;
  const char *accepting;
  ipp_status_t status;
  GError *local_error = NULL;

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return 0;

  dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, data->destination, NULL);
  if (dest == NULL)
    {
      status = cupsLastError ();
      /* Without a scheduler every name is unknown: say what is really wrong. */
      if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_TIMEOUT)
        g_propagate_error (error, last_cups_error (data->destination));
      else
        g_propagate_error (error, error_from_cups (data->destination, IPP_STATUS_ERROR_NOT_FOUND,
                                                   NULL));
      return 0;
    }

  accepting = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  if (accepting != NULL && g_ascii_strcasecmp (accepting, "false") == 0)
    {
      g_propagate_error (error, error_from_cups (data->destination,
                                                 IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS, NULL));
      goto out;
    }

  info = cupsCopyDestInfo (CUPS_HTTP_DEFAULT, dest);
  if (data->media != NULL)
    n_options = cupsAddOption ("media", data->media, n_options, &options);
  if (data->copies > 1)
    n_options = cupsAddIntegerOption ("copies", (int) data->copies, n_options, &options);

  status = cupsCreateDestJob (CUPS_HTTP_DEFAULT, dest, info, &job_id, data->title, n_options,
                              options);
  if (status_is_error (status) || job_id <= 0)
    {
      g_propagate_error (error, last_cups_error (data->destination));
      job_id = 0;
      goto out;
    }

  if (cupsStartDestDocument (CUPS_HTTP_DEFAULT, dest, info, job_id, data->title, CUPS_FORMAT_PDF, 0,
                             NULL, 1)
      != HTTP_STATUS_CONTINUE)
    {
      local_error = last_cups_error (data->destination);
      goto failed;
    }

  buffer = g_malloc (64 * 1024);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, 64 * 1024, cancellable,
                                      &local_error);

      if (n < 0)
        break;
      if (n == 0)
        break;
      if (cupsWriteRequestData (CUPS_HTTP_DEFAULT, (const char *) buffer, (size_t) n)
          != HTTP_STATUS_CONTINUE)
        {
          local_error = last_cups_error (data->destination);
          break;
        }
    }
  /* The document request is finished either way, so the connection stays usable. */
  status = cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
  if (local_error == NULL && status_is_error (status))
    local_error = last_cups_error (data->destination);
  if (local_error != NULL)
    goto failed;

out:
  cupsFreeOptions (n_options, options);
  if (info != NULL)
    cupsFreeDestInfo (info);
  cupsFreeDests (1, dest);
  return job_id;

failed:
  /* A job CUPS created but did not get whole must not print half a document later. */
  cancel_cups_job (data->destination, job_id);
  job_id = 0;
  g_propagate_error (error, local_error);
  goto out;
}

static void
submit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  int job_id;

  if (g_task_return_error_if_cancelled (task))
    return;
  job_id = submit_document (task_data, cancellable, &error);
  if (job_id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, job_id);
}

static void
submit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YcPrintJob *self = YC_PRINT_JOB (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;
  gssize job_id = g_task_propagate_int (G_TASK (result), &error);

  if (job_id <= 0)
    {
      job_update (self, YC_PRINT_JOB_FAILED, error, NULL);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  self->cups_job_id = (int) job_id;
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[JOB_PROP_CUPS_JOB_ID]);
  job_update (self, YC_PRINT_JOB_PENDING, NULL, NULL);
  g_task_return_boolean (outer, TRUE);
}

void
yc_print_job_submit_async (YcPrintJob         *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;
  SubmitData *data;

  g_return_if_fail (YC_IS_PRINT_JOB (self));
  g_return_if_fail (self->path != NULL);
  g_return_if_fail (self->cups_job_id == 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, yc_print_job_submit_async);

  data = g_new0 (SubmitData, 1);
  data->destination = g_strdup (self->destination);
  data->path = g_strdup (self->path);
  data->title = g_strdup (self->title);
  data->media = g_strdup (self->media);
  data->copies = self->copies;

  job_update (self, YC_PRINT_JOB_SUBMITTING, NULL, NULL);
  /* The inner task runs the CUPS calls; the outer one reports after the job's properties are
   * updated. */
  inner = g_task_new (self, cancellable, submit_done_cb, outer);
  g_task_set_source_tag (inner, submit_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify) submit_data_free);
  g_task_run_in_thread (inner, submit_thread);
}

gboolean
yc_print_job_submit_finish (YcPrintJob   *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_print_job_submit_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Following, by polling: one short IPP exchange per poll in a worker, the decision on the caller's
 * context. */

typedef struct {
  char         *destination;
  int           job_id;
  /* answers */
  ipp_status_t  status;
  char         *status_message;
  int           job_state;
  char         *job_message;
  GStrv         job_reasons;
  int           printer_state;
  char         *printer_message;
  GStrv         printer_reasons;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_free (data->destination);
  g_free (data->status_message);
  g_free (data->job_message);
  g_strfreev (data->job_reasons);
  g_free (data->printer_message);
  g_strfreev (data->printer_reasons);
  g_free (data);
}

static GStrv
strings_of (ipp_attribute_t *attribute)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; attribute != NULL && i < ippGetCount (attribute); i++)
    {
      const char *value = ippGetString (attribute, i, NULL);

      if (value != NULL && g_strcmp0 (value, "none") != 0)
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static void
poll_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static const char * const job_attributes[] = {
    "job-state", "job-state-reasons", "job-printer-state-message",
  };
  static const char * const printer_attributes[] = {
    "printer-state", "printer-state-reasons", "printer-state-message",
  };
  PollData *data = task_data;
  char uri[HTTP_MAX_URI];
  ipp_t *request;
  ipp_t *response;
  ipp_attribute_t *attribute;

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0, "/jobs/%d",
                    data->job_id);
  request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (job_attributes), NULL, job_attributes);
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  data->status = cupsLastError ();
  data->status_message = g_strdup (cupsLastErrorString ());
  if (response != NULL && !status_is_error (data->status))
    {
      if ((attribute = ippFindAttribute (response, "job-state", IPP_TAG_ENUM)) != NULL)
        data->job_state = ippGetInteger (attribute, 0);
      data->job_reasons = strings_of (ippFindAttribute (response, "job-state-reasons",
                                                        IPP_TAG_KEYWORD));
      if ((attribute = ippFindAttribute (response, "job-printer-state-message",
                                         IPP_TAG_TEXT)) != NULL)
        data->job_message = g_strdup (ippGetString (attribute, 0, NULL));
    }
  ippDelete (response);
  if (status_is_error (data->status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", data->destination);
  request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (printer_attributes), NULL, printer_attributes);
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  if (response != NULL && !status_is_error (cupsLastError ()))
    {
      if ((attribute = ippFindAttribute (response, "printer-state", IPP_TAG_ENUM)) != NULL)
        data->printer_state = ippGetInteger (attribute, 0);
      data->printer_reasons = strings_of (ippFindAttribute (response, "printer-state-reasons",
                                                            IPP_TAG_KEYWORD));
      if ((attribute = ippFindAttribute (response, "printer-state-message", IPP_TAG_TEXT)) != NULL)
        data->printer_message = g_strdup (ippGetString (attribute, 0, NULL));
    }
  ippDelete (response);
  g_task_return_boolean (task, TRUE);
}

typedef struct {
  guint interval_ms;
  guint timeout_id;
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_free (data);
}

static void schedule_poll (GTask *wait);

/* Why the printer is stopped, for the clerk: its own message, else CUPS's reasons. */
static char *
stopped_reason (PollData *data)
{
  if (data->printer_message != NULL && *data->printer_message != '\0')
    return g_strdup (data->printer_message);
  if (data->printer_reasons != NULL && data->printer_reasons[0] != NULL)
    return g_strjoinv (", ", data->printer_reasons);
  return g_strdup (C_("printer stopped because", "disabled"));
}

static void
poll_done_job_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  YcPrintJob *self = YC_PRINT_JOB (source);
  g_autoptr(GTask) wait = user_data;
  PollData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  /* The job's own message first (a filter's complaint), else the printer's. */
  const char *message = data->job_message != NULL && *data->job_message != '\0'
                        ? data->job_message : data->printer_message;

  if (g_task_return_error_if_cancelled (wait))
    return;

  if (data->status == IPP_STATUS_ERROR_NOT_FOUND)
    {
      /* The scheduler forgot the job (its history was purged): nobody can say it printed. */
      error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_FAILED,
                           _("The printing service no longer knows print job %d on “%s”: check "
                             "the printout, and print again if it is missing"),
                           data->job_id, data->destination);
      job_update (self, YC_PRINT_JOB_ABORTED, error, NULL);
      g_task_return_error (wait, g_steal_pointer (&error));
      return;
    }
  if (status_is_error (data->status))
    {
      /* The scheduler is away (restarting?): say so, keep the state, and keep asking. */
      error = error_from_cups (data->destination, data->status, data->status_message);
      job_update (self, self->state, error, NULL);
      schedule_poll (g_steal_pointer (&wait));
      return;
    }

  switch (data->job_state)
    {
    case IPP_JSTATE_COMPLETED:
      job_update (self, YC_PRINT_JOB_COMPLETED, NULL, message);
      g_task_return_boolean (wait, TRUE);
      return;
    case IPP_JSTATE_CANCELED:
      error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_CANCELLED,
                           _("The print job on “%s” was cancelled: print again if the paper is "
                             "still needed"),
                           data->destination);
      job_update (self, YC_PRINT_JOB_CANCELLED, error, message);
      g_task_return_error (wait, g_steal_pointer (&error));
      return;
    case IPP_JSTATE_ABORTED:
      error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_FAILED,
                           _("Printing on “%s” failed (%s): check the printer, then print again"),
                           data->destination,
                           message != NULL ? message : C_("print failure", "unknown reason"));
      job_update (self, YC_PRINT_JOB_ABORTED, error, message);
      g_task_return_error (wait, g_steal_pointer (&error));
      return;
    case IPP_JSTATE_STOPPED:
    case IPP_JSTATE_PENDING:
    case IPP_JSTATE_HELD:
    case IPP_JSTATE_PROCESSING:
    default:
      if (data->job_state == IPP_JSTATE_STOPPED || data->printer_state == IPP_PSTATE_STOPPED)
        {
          g_autofree char *reason = stopped_reason (data);

          error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_PRINTER_STOPPED,
                               _("The printer “%s” is stopped (%s): check paper and power, resume "
                                 "it, then the job prints or print again"),
                               data->destination, reason);
          job_update (self, YC_PRINT_JOB_STOPPED, error, message);
        }
      else
        job_update (self, data->job_state == IPP_JSTATE_PROCESSING ? YC_PRINT_JOB_PROCESSING
                                                                   : YC_PRINT_JOB_PENDING,
                    NULL, message);
      schedule_poll (g_steal_pointer (&wait));
      return;
    }
}

/* Takes the reference on @wait. */
static void
poll_job (GTask *wait)
{
  YcPrintJob *self = g_task_get_source_object (wait);
  g_autoptr(GTask) poll = g_task_new (self, NULL, poll_done_job_cb, wait);
  PollData *data = g_new0 (PollData, 1);

  data->destination = g_strdup (self->destination);
  data->job_id = self->cups_job_id;
  g_task_set_source_tag (poll, poll_job);
  g_task_set_task_data (poll, data, (GDestroyNotify) poll_data_free);
  g_task_run_in_thread (poll, poll_thread);
}

static gboolean
poll_timeout_job_cb (gpointer user_data)
{
  GTask *wait = user_data;
  WaitData *data = g_task_get_task_data (wait);

  data->timeout_id = 0;
  /* The timeout's own reference goes when it is removed: the poll takes another. */
  poll_job (g_object_ref (wait));
  return G_SOURCE_REMOVE;
}

/* Polls soon after a submission (a receipt prints in a fraction of a second), then less often (a
 * stopped printer may wait for hours). Takes the reference on @wait. */
static void
schedule_poll (GTask *wait)
{
  WaitData *data = g_task_get_task_data (wait);

  data->interval_ms = MIN (MAX (data->interval_ms * 3 / 2, 50), 1000);
  data->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, data->interval_ms,
                                         poll_timeout_job_cb, wait, g_object_unref);
}

void
yc_print_job_wait_async (YcPrintJob         *self,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *wait;

  g_return_if_fail (YC_IS_PRINT_JOB (self));

  wait = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (wait, yc_print_job_wait_async);
  g_task_set_task_data (wait, g_new0 (WaitData, 1), (GDestroyNotify) wait_data_free);
  if (self->cups_job_id <= 0)
    {
      g_task_return_new_error (wait, YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_FAILED,
                               _("The document was never sent to “%s”: print again"),
                               self->destination);
      g_object_unref (wait);
      return;
    }
  if (yc_print_job_state_is_final (self->state))
    {
      if (self->state == YC_PRINT_JOB_COMPLETED)
        g_task_return_boolean (wait, TRUE);
      else
        g_task_return_error (wait, g_error_copy (self->error));
      g_object_unref (wait);
      return;
    }
  poll_job (wait);
}

gboolean
yc_print_job_wait_finish (YcPrintJob   *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_print_job_wait_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Cancelling. */

typedef struct {
  char *destination;
  int   job_id;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_free (data->destination);
  g_free (data);
}

static void
cancel_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CancelData *data = task_data;
  ipp_status_t status = cupsCancelJob2 (CUPS_HTTP_DEFAULT, data->destination, data->job_id, 0);

  /* A job that already finished cannot be cancelled, and need not be. */
  if (status_is_error (status) && status != IPP_STATUS_ERROR_NOT_POSSIBLE)
    g_task_return_error (task, last_cups_error (data->destination));
  else
    g_task_return_boolean (task, TRUE);
}

void
yc_print_job_cancel_async (YcPrintJob         *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  CancelData *data;

  g_return_if_fail (YC_IS_PRINT_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_print_job_cancel_async);
  if (self->cups_job_id <= 0 || yc_print_job_state_is_final (self->state))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  data = g_new0 (CancelData, 1);
  data->destination = g_strdup (self->destination);
  data->job_id = self->cups_job_id;
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);
  g_task_run_in_thread (task, cancel_thread);
}

gboolean
yc_print_job_cancel_finish (YcPrintJob   *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_print_job_cancel_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
