/* yc-scanner.c: the scanner object and its API: jobs and commands queued for the worker, results
 * delivered on the caller's context. */
#define G_LOG_DOMAIN "yc-scanner"

#include <glib/gi18n.h>

#include "yc-scanner-private.h"

enum {
  SIGNAL_PROGRESS,
  SIGNAL_PAGE_DONE,
  SIGNAL_JOB_FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* One scanner object: a second one's helper process would compete for the same devices. */
static gint instances;

G_DEFINE_FINAL_TYPE (YcScanner, yc_scanner, G_TYPE_OBJECT)

/* --- jobs and commands --- */

YcScanJob *
_yc_scan_job_ref (YcScanJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

void
_yc_scan_job_unref (YcScanJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_assert (job->task == NULL);
  g_free (job->device);
  yc_scan_settings_free (job->settings);
  g_main_context_unref (job->context);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

gboolean
_yc_scan_job_is_cancelled (YcScanJob *job)
{
  return g_atomic_int_get (&job->cancelled) != 0;
}

static void
job_cancel (YcScanJob *job)
{
  g_atomic_int_set (&job->cancelled, 1);
}

static void
job_cancelled_cb (GCancellable *cancellable,
                  gpointer      data)
{
  job_cancel (data);
}

void
_yc_scan_command_free (YcScanCommand *cmd)
{
  g_free (cmd->device);
  yc_scan_settings_free (cmd->settings);
  g_clear_pointer (&cmd->job, _yc_scan_job_unref);
  g_free (cmd);
}

static void
push_command (YcScanner            *self,
              YcScanCommandKind     kind,
              GTask                *task,
              const char           *device,
              const YcScanSettings *settings,
              YcScanJob            *job)
{
  YcScanCommand *cmd = g_new0 (YcScanCommand, 1);

  cmd->kind = kind;
  cmd->task = task;
  cmd->device = g_strdup (device);
  cmd->settings = settings ? yc_scan_settings_copy (settings) : NULL;
  cmd->job = job;
  g_async_queue_push (self->commands, cmd);
}

/* Queues a command whose result completes a new task tagged @source_tag; the worker takes the
 * task's reference. */
static void
push_task (YcScanner            *self,
           gpointer              source_tag,
           YcScanCommandKind     kind,
           const char           *device,
           const YcScanSettings *settings,
           GCancellable         *cancellable,
           GAsyncReadyCallback   callback,
           gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  push_command (self, kind, task, device, settings, NULL);
}

/* Runs @func on @context's thread. Not g_main_context_invoke_full: called from the worker while
 * nobody iterates the caller's context, it would acquire that context and run @func on the worker
 * itself (the global default context counts as every thread's default). An idle source always waits
 * for the context's owner. */
static void
invoke_on (GMainContext  *context,
           GSourceFunc    func,
           gpointer       data,
           GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[yc-scanner] result");
  g_source_attach (source, context);
  g_source_unref (source);
}

/* --- completing tasks on their own context --- */

typedef struct {
  GTask          *task;
  gpointer        result;
  GDestroyNotify  result_free;
  GError         *error;
} Completion;

static gboolean
complete_cb (gpointer data)
{
  Completion *c = data;

  if (c->error != NULL)
    g_task_return_error (c->task, g_steal_pointer (&c->error));
  else
    g_task_return_pointer (c->task, g_steal_pointer (&c->result), c->result_free);
  return G_SOURCE_REMOVE;
}

static void
completion_free (gpointer data)
{
  Completion *c = data;

  if (c->result != NULL && c->result_free != NULL)
    c->result_free (c->result);
  g_clear_error (&c->error);
  /* The task holds the scanner: its last reference must go on the caller's side, never on the
   * worker, which would then have to join itself. */
  g_object_unref (c->task);
  g_free (c);
}

/* Called by the worker: hands @result (or @error) to the command's task on the task's context.
 * Takes both. */
void
_yc_scanner_complete_command (YcScanCommand *cmd,
                              gpointer       result,
                              GDestroyNotify result_free,
                              GError        *error)
{
  Completion *c = g_new0 (Completion, 1);

  c->task = g_steal_pointer (&cmd->task);
  c->result = result;
  c->result_free = result_free;
  c->error = error;
  invoke_on (g_task_get_context (c->task), complete_cb, c, completion_free);
}

/* --- delivering scan results on the job's context --- */

typedef enum {
  MSG_PROGRESS,
  MSG_PAGE,
  MSG_FINISHED,
} MessageKind;

typedef struct {
  MessageKind    kind;
  YcScanJob           *job;
  guint          page_index;
  double         fraction;
  YcScannedPage *page;
  GError        *error;
} Message;

static void
message_free (gpointer data)
{
  Message *msg = data;

  _yc_scan_job_unref (msg->job);
  g_clear_pointer (&msg->page, yc_scanned_page_free);
  g_clear_error (&msg->error);
  g_free (msg);
}

static gboolean
deliver_cb (gpointer data)
{
  Message *msg = data;
  YcScanJob *job = msg->job;
  YcScanner *self = g_task_get_source_object (job->task);

  switch (msg->kind)
    {
    case MSG_PROGRESS:
      if (!_yc_scan_job_is_cancelled (job))
        g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, job->id, msg->page_index, msg->fraction);
      break;

    case MSG_PAGE:
      /* A cancelled job's pages are stale: the caller has moved on. */
      if (_yc_scan_job_is_cancelled (job))
        {
          g_debug ("Dropping page %u of cancelled job %u", msg->page_index, job->id);
          break;
        }
      g_ptr_array_add (job->pages, yc_scanned_page_copy (msg->page));
      g_signal_emit (self, signals[SIGNAL_PAGE_DONE], 0, job->id, msg->page);
      break;

    case MSG_FINISHED:
      {
        g_autoptr(GTask) task = g_steal_pointer (&job->task);
        g_autoptr(GError) error = g_steal_pointer (&msg->error);

        g_mutex_lock (&self->lock);
        g_ptr_array_remove (self->live_jobs, job);
        g_mutex_unlock (&self->lock);
        if (job->cancellable != NULL)
          g_cancellable_disconnect (job->cancellable, job->cancelled_id);
        job->cancelled_id = 0;

        if (_yc_scan_job_is_cancelled (job) &&
            !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          {
            g_clear_error (&error);
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("Scanning was cancelled."));
          }
        g_signal_emit (self, signals[SIGNAL_JOB_FINISHED], 0, job->id, error, job->pages);
        if (error != NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_boolean (task, TRUE);
        break;
      }
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
post (YcScanJob *job,
      Message   *msg)
{
  msg->job = _yc_scan_job_ref (job);
  invoke_on (job->context, deliver_cb, msg, message_free);
}

void
_yc_scanner_post_progress (YcScanJob *job,
                           guint      page_index,
                           double     fraction)
{
  Message *msg = g_new0 (Message, 1);

  msg->kind = MSG_PROGRESS;
  msg->page_index = page_index;
  msg->fraction = fraction;
  post (job, msg);
}

void
_yc_scanner_post_page (YcScanJob     *job,
                       YcScannedPage *page)
{
  Message *msg = g_new0 (Message, 1);

  msg->kind = MSG_PAGE;
  msg->page_index = page->index;
  msg->page = page;
  post (job, msg);
}

void
_yc_scanner_post_finished (YcScanJob *job,
                           GError    *error)
{
  Message *msg = g_new0 (Message, 1);

  msg->kind = MSG_FINISHED;
  msg->error = error;
  post (job, msg);
}

/* --- the object --- */

static void
yc_scanner_finalize (GObject *object)
{
  YcScanner *self = YC_SCANNER (object);

  /* Jobs and tasks hold references: when this runs, every command has completed, but the worker
   * may still be tidying up after the last job. A driver that hangs there is not waited for: the
   * worker ends the helper process at once (yc-scanner-helper.c), so this join is short. */
  g_atomic_int_set (&self->stopping, 1);
  push_command (self, YC_SCAN_CMD_STOP, NULL, NULL, NULL, NULL);
  g_thread_join (self->thread);
  g_async_queue_unref (self->commands);

  g_ptr_array_unref (self->live_jobs);
  g_key_file_unref (self->settings_file);
  g_free (self->settings_path);
  g_free (self->inject_name);
  g_free (self->inject_value);
  g_hash_table_unref (self->identities);
  g_hash_table_unref (self->aliases);
  g_clear_object (&self->files);
  g_mutex_clear (&self->lock);
  g_atomic_int_dec_and_test (&instances);

  G_OBJECT_CLASS (yc_scanner_parent_class)->finalize (object);
}

static void
yc_scanner_class_init (YcScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_scanner_finalize;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_DOUBLE);
  signals[SIGNAL_PAGE_DONE] =
    g_signal_new ("page-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, YC_TYPE_SCANNED_PAGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
yc_scanner_init (YcScanner *self)
{
  g_mutex_init (&self->lock);
  self->helper_fd = -1;
  self->live_jobs = g_ptr_array_new ();
  self->next_job_id = 1;
  self->identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->settings_file = g_key_file_new ();
  self->settings_path = g_build_filename (g_get_user_config_dir (), "yichuang", "scanner.ini",
                                          NULL);
}

YcScanner *
yc_scanner_new (YcFileStore *files)
{
  YcScanner *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);

  if (g_atomic_int_add (&instances, 1) > 0)
    g_critical ("More than one YcScanner at a time: keep one scanner object per process");

  self = g_object_new (YC_TYPE_SCANNER, NULL);
  self->files = g_object_ref (files);
  /* A few hundred bytes: read it here so yc_scanner_dup_last_settings can answer at once. */
  if (!g_key_file_load_from_file (self->settings_file, self->settings_path, G_KEY_FILE_NONE,
                                  &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Ignoring the scanner settings in %s: %s", self->settings_path, error->message);

  self->commands = g_async_queue_new ();
  self->thread = g_thread_new ("yc-scanner", _yc_scanner_worker_main, self);
  return self;
}

YcFileStore *
yc_scanner_get_file_store (YcScanner *self)
{
  g_return_val_if_fail (YC_IS_SCANNER (self), NULL);
  return self->files;
}

void
yc_scanner_list_devices_async (YcScanner          *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (YC_IS_SCANNER (self));

  push_task (self, yc_scanner_list_devices_async, YC_SCAN_CMD_LIST, NULL, NULL, cancellable,
             callback, user_data);
}

GPtrArray *
yc_scanner_list_devices_finish (YcScanner    *self,
                                GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_scanner_list_devices_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
yc_scanner_open_async (YcScanner          *self,
                       const char         *device,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL);

  push_task (self, yc_scanner_open_async, YC_SCAN_CMD_OPEN, device, NULL, cancellable, callback,
             user_data);
}

gboolean
yc_scanner_open_finish (YcScanner    *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

void
yc_scanner_close_device (YcScanner *self)
{
  g_return_if_fail (YC_IS_SCANNER (self));
  push_command (self, YC_SCAN_CMD_CLOSE, NULL, NULL, NULL, NULL);
}

void
yc_scanner_get_capabilities_async (YcScanner          *self,
                                   const char         *device,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL);

  push_task (self, yc_scanner_get_capabilities_async, YC_SCAN_CMD_CAPABILITIES, device, NULL,
             cancellable, callback, user_data);
}

YcScanCapabilities *
yc_scanner_get_capabilities_finish (YcScanner    *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
yc_scanner_set_options_async (YcScanner            *self,
                              const char           *device,
                              const YcScanSettings *settings,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL && settings != NULL);

  push_task (self, yc_scanner_set_options_async, YC_SCAN_CMD_SET_OPTIONS, device, settings,
             cancellable, callback, user_data);
}

YcScanSettings *
yc_scanner_set_options_finish (YcScanner    *self,
                               GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

YcScanSettings *
yc_scanner_dup_last_settings (YcScanner  *self,
                              const char *device)
{
  YcScanSettings *settings;

  g_return_val_if_fail (YC_IS_SCANNER (self), NULL);
  g_return_val_if_fail (device != NULL, NULL);

  g_mutex_lock (&self->lock);
  settings = _yc_scan_settings_load (self->settings_file, device);
  g_mutex_unlock (&self->lock);
  return settings;
}

guint
yc_scanner_scan_async (YcScanner            *self,
                       const char           *device,
                       const YcScanSettings *settings,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  YcScanJob *job;

  g_return_val_if_fail (YC_IS_SCANNER (self), 0);
  g_return_val_if_fail (device != NULL && settings != NULL, 0);

  job = g_new0 (YcScanJob, 1);
  g_atomic_ref_count_init (&job->ref);
  job->device = g_strdup (device);
  job->settings = yc_scan_settings_copy (settings);
  job->context = g_main_context_ref_thread_default ();
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_scanned_page_free);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, yc_scanner_scan_async);
  g_task_set_task_data (job->task, _yc_scan_job_ref (job), (GDestroyNotify) _yc_scan_job_unref);

  g_mutex_lock (&self->lock);
  job->id = self->next_job_id++;
  if (self->next_job_id == 0)
    self->next_job_id = 1;
  /* A newer job supersedes the ones not finished yet. */
  for (guint i = 0; i < self->live_jobs->len; i++)
    job_cancel (g_ptr_array_index (self->live_jobs, i));
  g_ptr_array_add (self->live_jobs, job);
  g_mutex_unlock (&self->lock);

  if (cancellable != NULL)
    {
      job->cancellable = g_object_ref (cancellable);
      job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (job_cancelled_cb), job,
                                                 NULL);
    }

  push_command (self, YC_SCAN_CMD_SCAN, NULL, device, settings, job);
  return job->id;
}

gboolean
yc_scanner_scan_finish (YcScanner    *self,
                        GAsyncResult *result,
                        GPtrArray   **pages,
                        GError      **error)
{
  YcScanJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_scanner_scan_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (pages != NULL)
    *pages = g_ptr_array_ref (job->pages);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
yc_scanner_cancel (YcScanner *self,
                   guint      job_id)
{
  g_return_if_fail (YC_IS_SCANNER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->live_jobs->len; i++)
    {
      YcScanJob *job = g_ptr_array_index (self->live_jobs, i);

      if (job->id == job_id)
        job_cancel (job);
    }
  g_mutex_unlock (&self->lock);
}

guint
yc_scanner_get_current_job (YcScanner *self)
{
  guint id = 0;

  g_return_val_if_fail (YC_IS_SCANNER (self), 0);

  g_mutex_lock (&self->lock);
  if (self->live_jobs->len > 0)
    id = ((YcScanJob *) g_ptr_array_index (self->live_jobs, self->live_jobs->len - 1))->id;
  g_mutex_unlock (&self->lock);
  return id;
}

/* --- hooks for the tests --- */

guint
_yc_scanner_get_open_count (YcScanner *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->open_count;
  g_mutex_unlock (&self->lock);
  return count;
}

GPid
_yc_scanner_get_helper_pid (YcScanner *self)
{
  GPid pid;

  g_mutex_lock (&self->lock);
  pid = self->helper_pid;
  g_mutex_unlock (&self->lock);
  return pid;
}

void
_yc_scanner_set_answer_timeout (YcScanner *self,
                                guint      seconds)
{
  g_mutex_lock (&self->lock);
  self->answer_timeout_s = seconds;
  g_mutex_unlock (&self->lock);
}

void
_yc_scanner_inject_option (YcScanner  *self,
                           guint       page_index,
                           const char *name,
                           const char *value)
{
  g_mutex_lock (&self->lock);
  self->inject_page = page_index;
  g_free (self->inject_name);
  g_free (self->inject_value);
  self->inject_name = g_strdup (name);
  self->inject_value = g_strdup (value);
  g_mutex_unlock (&self->lock);
}
