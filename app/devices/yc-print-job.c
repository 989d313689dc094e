/* yc-print-job.c: a print job: a PDF sent to a CUPS destination in a worker thread, its state
 * notified on the caller's context, and cancelling it. Following it is in yc-print-job-wait.c. */
#define G_LOG_DOMAIN "yc-printer"

#include <math.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "yc-printer-private.h"

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
void
_yc_print_job_update (YcPrintJob     *self,
                      YcPrintJobState state,
                      const GError   *error,
                      const char     *printer_message)
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
  if (_yc_print_status_is_error (cupsCancelJob2 (CUPS_HTTP_DEFAULT, destination, job_id, 0)))
    g_debug ("Could not cancel job %d on %s: %s", job_id, destination, cupsLastErrorString ());
}

/* The receipt roll: the receipt printer's PPD names it "X80mm", with a 600 pt page for whatever
 * prints on it without a size of its own. */
#define ROLL_MEDIA "X80mm"

/* The media to ask CUPS for. A document for the roll has pages as long as their content
 * (yc-document-layout.c): CUPS is asked for paper of the document's own size in its custom size
 * syntax, "Custom.<width>x<length>mm", or it would shrink a long receipt onto the 600 pt page. One
 * size serves the whole job: the longest page's. CUPS keeps sizes in hundredths of a millimetre
 * and gives the driver whole points, truncated: the length is rounded up to the next hundredth,
 * so a page of whole points (as the roll's are) comes through whole. A printer without custom
 * sizes ignores it and uses its roll page, as before. */
static char *
job_media (const char *path,
           const char *media)
{
  PopplerDocument *document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  double width = 0, length = 0;
  guint width_100, length_100;
  int n_pages;

  if (g_strcmp0 (media, ROLL_MEDIA) != 0)
    return g_strdup (media);
  /* poppler is loaded on first use (yc-lazy-lib.h). */
  if (yc_poppler_load (&error))
    uri = g_filename_to_uri (path, NULL, &error);
  if (uri != NULL)
    document = poppler_document_new_from_file (uri, NULL, &error);
  if (document == NULL)
    {
      g_debug ("No page size from %s, printing on the roll's own page: %s", path, error->message);
      return g_strdup (media);
    }
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double page_width, page_length;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &page_width, &page_length);
      g_object_unref (page);
      width = MAX (width, page_width);
      length = MAX (length, page_length);
    }
  g_object_unref (document);
  if (width <= 0 || length <= 0)
    return g_strdup (media);
  width_100 = (guint) round (width / 72 * 2540);
  length_100 = (guint) ceil (length / 72 * 2540 - 1e-6);
  return g_strdup_printf ("Custom.%u.%02ux%u.%02umm", width_100 / 100, width_100 % 100,
                          length_100 / 100, length_100 % 100);
}

/* Sends the file; returns the CUPS job id, or 0 with @error set. */
static int
submit_document (SubmitData   *data,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autofree guint8 *buffer = NULL;
  cups_dest_t *dest;
  cups_dinfo_t *info = NULL;
  cups_option_t *options = NULL;
  g_autofree char *media = NULL;
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
        g_propagate_error (error, _yc_print_last_cups_error (data->destination));
      else
        g_propagate_error (error, _yc_print_error_from_cups (data->destination,
                                                             IPP_STATUS_ERROR_NOT_FOUND, NULL));
      return 0;
    }

  accepting = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  if (accepting != NULL && g_ascii_strcasecmp (accepting, "false") == 0)
    {
      g_propagate_error (error, _yc_print_error_from_cups (data->destination,
                                                           IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS,
                                                           NULL));
      goto out;
    }

  info = cupsCopyDestInfo (CUPS_HTTP_DEFAULT, dest);
  media = job_media (data->path, data->media);
  if (media != NULL)
    n_options = cupsAddOption ("media", media, n_options, &options);
  if (data->copies > 1)
    n_options = cupsAddIntegerOption ("copies", (int) data->copies, n_options, &options);

  status = cupsCreateDestJob (CUPS_HTTP_DEFAULT, dest, info, &job_id, data->title, n_options,
                              options);
  if (_yc_print_status_is_error (status) || job_id <= 0)
    {
      g_propagate_error (error, _yc_print_last_cups_error (data->destination));
      job_id = 0;
      goto out;
    }

  if (cupsStartDestDocument (CUPS_HTTP_DEFAULT, dest, info, job_id, data->title, CUPS_FORMAT_PDF, 0,
                             NULL, 1)
      != HTTP_STATUS_CONTINUE)
    {
      local_error = _yc_print_last_cups_error (data->destination);
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
          local_error = _yc_print_last_cups_error (data->destination);
          break;
        }
    }
  /* The document request is finished either way, so the connection stays usable. */
  status = cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
  if (local_error == NULL && _yc_print_status_is_error (status))
    local_error = _yc_print_last_cups_error (data->destination);
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
  if (!yc_cups_load (&error))
    {
      g_task_return_error (task, error);
      return;
    }
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
      _yc_print_job_update (self, YC_PRINT_JOB_FAILED, error, NULL);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  self->cups_job_id = (int) job_id;
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[JOB_PROP_CUPS_JOB_ID]);
  _yc_print_job_update (self, YC_PRINT_JOB_PENDING, NULL, NULL);
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

  _yc_print_job_update (self, YC_PRINT_JOB_SUBMITTING, NULL, NULL);
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
  GError *error = NULL;
  ipp_status_t status;

  if (!yc_cups_load (&error))
    {
      g_task_return_error (task, error);
      return;
    }
  status = cupsCancelJob2 (CUPS_HTTP_DEFAULT, data->destination, data->job_id, 0);

  /* A job that already finished cannot be cancelled, and need not be. */
  if (_yc_print_status_is_error (status) && status != IPP_STATUS_ERROR_NOT_POSSIBLE)
    g_task_return_error (task, _yc_print_last_cups_error (data->destination));
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
