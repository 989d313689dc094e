/* yc-printer.c: print errors, CUPS's errors translated, printer snapshots and the destinations
 * listed in a worker thread. The watched list is in yc-printer-list.c, jobs in yc-print-job.c and
 * yc-print-job-wait.c. */
#define G_LOG_DOMAIN "yc-printer"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "yc-printer-private.h"

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

/* The error for a failed CUPS call about @destination; cupsLastError() is per thread, so call it on
 * the thread that made the call. */
GError *
_yc_print_error_from_cups (const char  *destination,
                           ipp_status_t status,
                           const char  *message)
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

GError *
_yc_print_last_cups_error (const char *destination)
{
  return _yc_print_error_from_cups (destination, cupsLastError (), cupsLastErrorString ());
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

gboolean
_yc_printer_info_equal (YcPrinterInfo *a,
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
  if (n == 0 && _yc_print_status_is_error (status) && status != IPP_STATUS_ERROR_NOT_FOUND)
    {
      g_propagate_error (error, _yc_print_last_cups_error (""));
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

void
_yc_printer_list_destinations_thread (GTask        *task,
                                      gpointer      source_object,
                                      gpointer      task_data,
                                      GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *printers = NULL;

  /* The first CUPS call of a session: a missing libcups is an error the clerk sees, not a crash. */
  if (yc_cups_load (&error))
    printers = list_destinations (&error);
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
  g_task_run_in_thread (task, _yc_printer_list_destinations_thread);
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
  cups_dest_t *dest;
  ipp_status_t status;
  char *name;

  if (!yc_cups_load (error))
    return NULL;
  dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, NULL, NULL);
  status = cupsLastError ();
  if (dest == NULL)
    {
      if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_TIMEOUT)
        g_propagate_error (error, _yc_print_last_cups_error (""));
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
