/* yc-print-job-wait.c: following a print job until it ends, by polling: one short IPP exchange
 * per poll in a worker, the decision on the caller's context. */
#define G_LOG_DOMAIN "yc-printer"

#include <glib/gi18n.h>

#include "yc-printer-private.h"

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
  g_autoptr(GError) error = NULL;

  /* The first CUPS call of a session when it follows jobs an earlier run left: a missing libcups
   * is reported like an unreachable scheduler, not a crash. */
  if (!yc_cups_load (&error))
    {
      data->status = IPP_STATUS_ERROR_INTERNAL;
      data->status_message = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
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
  if (response != NULL && !_yc_print_status_is_error (data->status))
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
  if (_yc_print_status_is_error (data->status))
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
  if (response != NULL && !_yc_print_status_is_error (cupsLastError ()))
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
      _yc_print_job_update (self, YC_PRINT_JOB_ABORTED, error, NULL);
      g_task_return_error (wait, g_steal_pointer (&error));
      return;
    }
  if (_yc_print_status_is_error (data->status))
    {
      /* The scheduler is away (restarting?): say so, keep the state, and keep asking. */
      error = _yc_print_error_from_cups (data->destination, data->status, data->status_message);
      _yc_print_job_update (self, self->state, error, NULL);
      schedule_poll (g_steal_pointer (&wait));
      return;
    }

  switch (data->job_state)
    {
    case IPP_JSTATE_COMPLETED:
      _yc_print_job_update (self, YC_PRINT_JOB_COMPLETED, NULL, message);
      g_task_return_boolean (wait, TRUE);
      return;
    case IPP_JSTATE_CANCELED:
      error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_CANCELLED,
                           _("The print job on “%s” was cancelled: print again if the paper is "
                             "still needed"),
                           data->destination);
      _yc_print_job_update (self, YC_PRINT_JOB_CANCELLED, error, message);
      g_task_return_error (wait, g_steal_pointer (&error));
      return;
    case IPP_JSTATE_ABORTED:
      error = g_error_new (YC_PRINT_ERROR, YC_PRINT_ERROR_JOB_FAILED,
                           _("Printing on “%s” failed (%s): check the printer, then print again"),
                           data->destination,
                           message != NULL ? message : C_("print failure", "unknown reason"));
      _yc_print_job_update (self, YC_PRINT_JOB_ABORTED, error, message);
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
          _yc_print_job_update (self, YC_PRINT_JOB_STOPPED, error, message);
        }
      else
        _yc_print_job_update (self,
                              data->job_state == IPP_JSTATE_PROCESSING ? YC_PRINT_JOB_PROCESSING
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
