/* yc-scanner.c: the SANE worker thread, its command queue, the scan job state machine and result
 * delivery. */
#define G_LOG_DOMAIN "yc-scanner"

#include <errno.h>
#include <string.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yc-scanner-private.h"

/* sane_read is asked for this much at a time: a few lines of a 600 dpi colour page. */
#define READ_BUFFER_SIZE (128 * 1024)
/* Progress is reported in steps of at least this much of a page, so a fast scanner does not flood
 * the main loop. */
#define PROGRESS_STEP 0.02
/* What a device that has never been used starts with. */
#define DEFAULT_RESOLUTION 300

typedef enum {
  CMD_STOP,
  CMD_LIST,
  CMD_OPEN,
  CMD_CLOSE,
  CMD_CAPABILITIES,
  CMD_SET_OPTIONS,
  CMD_SCAN,
} CommandKind;

typedef struct _Job Job;

typedef struct {
  CommandKind     kind;
  GTask          *task;       /* LIST, OPEN, CAPABILITIES, SET_OPTIONS: completed on its context */
  char           *device;
  YcScanSettings *settings;
  Job            *job;        /* SCAN */
} Command;

/* A scan job, shared by the caller's context and the worker. */
struct _Job {
  gatomicrefcount  ref;
  guint            id;
  char            *device;
  YcScanSettings  *settings;
  GMainContext    *context;
  /* Atomic: set from any thread, read by the worker and on the context. */
  gint             cancelled;
  GCancellable    *cancellable;
  gulong           cancelled_id;
  /* On the context only. */
  GTask           *task;       /* until the job has finished */
  GPtrArray       *pages;      /* (element-type YcScannedPage) delivered by page-done */
};

struct _YcScanner {
  GObject       parent_instance;

  YcFileStore  *files;
  GThread      *thread;
  GAsyncQueue  *commands;

  GMutex        lock;          /* protects the fields down to the next comment */
  GPtrArray    *live_jobs;     /* (element-type Job) not finished yet, oldest first */
  guint         next_job_id;
  GKeyFile     *settings_file;
  char         *settings_path;
  guint         open_count;
  guint         inject_page;
  char         *inject_name;   /* NULL: no injection */
  char         *inject_value;

  /* The worker's own: touched by the worker thread only (and by finalize after joining it). */
  gboolean      sane_ready;
  SANE_Handle   handle;
  char         *handle_device; /* the name the caller uses */
  GHashTable   *identities;    /* device name → "vendor\nmodel", from the last listing */
  GHashTable   *aliases;       /* name the caller uses → the name it has now (re-plugged USB) */
};

enum {
  SIGNAL_PROGRESS,
  SIGNAL_PAGE_DONE,
  SIGNAL_JOB_FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* SANE is process-wide: a second scanner would call sane_init while the first still uses it. */
static gint instances;

G_DEFINE_FINAL_TYPE (YcScanner, yc_scanner, G_TYPE_OBJECT)

/* --- jobs and commands --- */

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (Job *job)
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

static gboolean
job_is_cancelled (Job *job)
{
  return g_atomic_int_get (&job->cancelled) != 0;
}

static void
job_cancel (Job *job)
{
  g_atomic_int_set (&job->cancelled, 1);
}

static void
job_cancelled_cb (GCancellable *cancellable,
                  gpointer      data)
{
  job_cancel (data);
}

static void
command_free (Command *cmd)
{
  g_free (cmd->device);
  yc_scan_settings_free (cmd->settings);
  g_clear_pointer (&cmd->job, job_unref);
  g_free (cmd);
}

static void
push_command (YcScanner      *self,
              CommandKind     kind,
              GTask          *task,
              const char     *device,
              const YcScanSettings *settings,
              Job            *job)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->task = task;
  cmd->device = g_strdup (device);
  cmd->settings = settings ? yc_scan_settings_copy (settings) : NULL;
  cmd->job = job;
  g_async_queue_push (self->commands, cmd);
}

/* Runs @func on @context's thread. Not g_main_context_invoke_full: called from the worker while
 * nobody iterates the caller's context, it would acquire that context and run @func on the worker
 * itself (the global default context counts as every thread's default). An idle source always waits
 * for the context's owner. */
static void
invoke_on (GMainContext   *context,
           GSourceFunc     func,
           gpointer        data,
           GDestroyNotify  notify)
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

/* Called by the worker: hands @result (or @error) to @task on the task's context. Takes both. */
static void
complete_task (GTask          *task,
               gpointer        result,
               GDestroyNotify  result_free,
               GError         *error)
{
  Completion *c = g_new0 (Completion, 1);

  c->task = task;
  c->result = result;
  c->result_free = result_free;
  c->error = error;
  invoke_on (g_task_get_context (task), complete_cb, c, completion_free);
}

/* --- SANE statuses as errors a clerk can act on --- */

static void
set_status_error (SANE_Status  status,
                  const char  *device,
                  guint        n_kept,
                  GError     **error)
{
  switch (status)
    {
    case SANE_STATUS_JAMMED:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_JAMMED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The document feeder is jammed. Clear it and press Scan to "
                                  "continue; the %u page already scanned is kept.",
                                  "The document feeder is jammed. Clear it and press Scan to "
                                  "continue; the %u pages already scanned are kept.", n_kept),
                     n_kept);
      else
        g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_JAMMED,
                             _("The document feeder is jammed. Clear it and press Scan again."));
      break;
    case SANE_STATUS_COVER_OPEN:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_COVER_OPEN,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The scanner’s cover is open. Close it and press Scan to "
                                  "continue; the %u page already scanned is kept.",
                                  "The scanner’s cover is open. Close it and press Scan to "
                                  "continue; the %u pages already scanned are kept.", n_kept),
                     n_kept);
      else
        g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_COVER_OPEN,
                             _("The scanner’s cover is open. Close it and press Scan again."));
      break;
    case SANE_STATUS_NO_DOCS:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_NO_DOCS,
                           _("The document feeder is empty. Put the pages in the feeder and press "
                             "Scan."));
      break;
    case SANE_STATUS_DEVICE_BUSY:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_BUSY,
                           _("The scanner is busy: another program is using it, or it is warming "
                             "up. Wait a moment and press Scan again."));
      break;
    case SANE_STATUS_IO_ERROR:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The scanner “%s” stopped responding. Check that it is switched "
                                  "on and connected, then press Scan to continue; the %u page "
                                  "already scanned is kept.",
                                  "The scanner “%s” stopped responding. Check that it is switched "
                                  "on and connected, then press Scan to continue; the %u pages "
                                  "already scanned are kept.", n_kept),
                     device, n_kept);
      else
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                     _("The scanner “%s” stopped responding. Check that it is switched on and "
                       "connected, then press Scan again."), device);
      break;
    case SANE_STATUS_ACCESS_DENIED:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_ACCESS_DENIED,
                   _("This user may not use the scanner “%s”. Ask your support staff to grant "
                     "access."), device);
      break;
    case SANE_STATUS_INVAL:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner “%s” refused the request. Check the scan settings and try "
                     "again."), device);
      break;
    case SANE_STATUS_UNSUPPORTED:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” cannot do this. Choose other scan settings."), device);
      break;
    case SANE_STATUS_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Scanning was cancelled."));
      break;
    case SANE_STATUS_NO_MEM:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                           _("The scanner driver ran out of memory. Choose a lower resolution, or "
                             "restart the computer."));
      break;
    default:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                   _("The scanner “%s” reported an error (%s). Press Scan again."), device,
                   sane_strstatus (status));
      break;
    }
}

static void
set_open_error (SANE_Status  status,
                const char  *device,
                GError     **error)
{
  /* An unknown name (INVAL) or an I/O error on open means the device is not there (any more). */
  if (status == SANE_STATUS_INVAL || status == SANE_STATUS_IO_ERROR)
    g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                 _("The scanner “%s” cannot be found. Check that it is switched on and connected, "
                   "then try again."), device);
  else
    set_status_error (status, device, 0, error);
}

/* --- the worker: devices --- */

static void
close_handle (YcScanner *self)
{
  if (self->handle == NULL)
    return;
  sane_cancel (self->handle);
  sane_close (self->handle);
  self->handle = NULL;
  g_clear_pointer (&self->handle_device, g_free);
}

static gboolean
check_sane (YcScanner *self,
            GError   **error)
{
  if (self->sane_ready)
    return TRUE;
  g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                       _("The scanner drivers (SANE) could not be started. Ask your support staff "
                         "to check the installation."));
  return FALSE;
}

static GPtrArray *
list_devices (YcScanner *self,
              GError   **error)
{
  const SANE_Device **list = NULL;
  SANE_Status status;
  GPtrArray *devices;

  if (!check_sane (self, error))
    return NULL;

  status = sane_get_devices (&list, SANE_FALSE);
  if (status != SANE_STATUS_GOOD)
    {
      set_status_error (status, "", 0, error);
      return NULL;
    }

  devices = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_scan_device_free);
  for (guint i = 0; list[i] != NULL; i++)
    {
      YcScanDevice *device = g_new0 (YcScanDevice, 1);

      device->name = g_strdup (list[i]->name);
      device->vendor = g_strdup (list[i]->vendor);
      device->model = g_strdup (list[i]->model);
      device->type = g_strdup (list[i]->type);
      g_ptr_array_add (devices, device);
      g_hash_table_replace (self->identities, g_strdup (device->name),
                            g_strdup_printf ("%s\n%s", device->vendor, device->model));
    }
  return devices;
}

/* A device that was unplugged may come back under another name (a new USB address): the one other
 * device with the same vendor and model. */
static char *
resolve_again (YcScanner  *self,
               const char *device)
{
  const char *identity = g_hash_table_lookup (self->identities, device);
  g_autoptr(GPtrArray) devices = NULL;
  const char *found = NULL;

  if (identity == NULL)
    return NULL;
  devices = list_devices (self, NULL);
  if (devices == NULL)
    return NULL;
  for (guint i = 0; i < devices->len; i++)
    {
      YcScanDevice *d = g_ptr_array_index (devices, i);
      g_autofree char *id = g_strdup_printf ("%s\n%s", d->vendor, d->model);

      if (g_strcmp0 (d->name, device) == 0 || g_strcmp0 (id, identity) != 0)
        continue;
      if (found != NULL)
        return NULL;   /* two alike: do not guess */
      found = d->name;
    }
  return g_strdup (found);
}

static gboolean
ensure_open (YcScanner  *self,
             const char *device,
             GError    **error)
{
  const char *name;
  SANE_Handle handle = NULL;
  SANE_Status status;

  if (!check_sane (self, error))
    return FALSE;
  if (self->handle != NULL && g_strcmp0 (self->handle_device, device) == 0)
    return TRUE;
  close_handle (self);

  name = g_hash_table_lookup (self->aliases, device);
  if (name == NULL)
    name = device;
  status = sane_open (name, &handle);
  g_mutex_lock (&self->lock);
  self->open_count++;
  g_mutex_unlock (&self->lock);

  if (status != SANE_STATUS_GOOD && (status == SANE_STATUS_INVAL || status == SANE_STATUS_IO_ERROR))
    {
      g_autofree char *other = resolve_again (self, device);

      if (other != NULL)
        {
          g_debug ("Scanner %s is back as %s", device, other);
          status = sane_open (other, &handle);
          if (status == SANE_STATUS_GOOD)
            g_hash_table_replace (self->aliases, g_strdup (device), g_steal_pointer (&other));
        }
    }
  if (status != SANE_STATUS_GOOD)
    {
      set_open_error (status, device, error);
      return FALSE;
    }

  self->handle = handle;
  self->handle_device = g_strdup (device);
  return TRUE;
}

/* --- the worker: options --- */

static int
find_option (SANE_Handle                   handle,
             const char                   *name,
             const SANE_Option_Descriptor **out)
{
  SANE_Int count = 0;

  /* Option 0 is the number of options. */
  if (sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &count, NULL) != SANE_STATUS_GOOD)
    return -1;
  for (SANE_Int i = 1; i < count; i++)
    {
      const SANE_Option_Descriptor *desc = sane_get_option_descriptor (handle, i);

      if (desc != NULL && desc->name != NULL && strcmp (desc->name, name) == 0)
        {
          if (out != NULL)
            *out = desc;
          return i;
        }
    }
  return -1;
}

static gboolean
option_settable (const SANE_Option_Descriptor *desc)
{
  return SANE_OPTION_IS_ACTIVE (desc->cap) && SANE_OPTION_IS_SETTABLE (desc->cap);
}

static SANE_Status
set_word (SANE_Handle handle,
          int         index,
          SANE_Word   value)
{
  return sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &value, NULL);
}

static gboolean
get_word (SANE_Handle handle,
          int         index,
          SANE_Word  *value)
{
  SANE_Status status = sane_control_option (handle, index, SANE_ACTION_GET_VALUE, value, NULL);

  return status == SANE_STATUS_GOOD;
}

static SANE_Status
set_string (SANE_Handle                   handle,
            int                           index,
            const SANE_Option_Descriptor *desc,
            const char                   *value)
{
  g_autofree char *buffer = g_malloc0 (MAX (desc->size, (SANE_Int) strlen (value) + 1));

  strcpy (buffer, value);
  return sane_control_option (handle, index, SANE_ACTION_SET_VALUE, buffer, NULL);
}

static double
word_to_double (const SANE_Option_Descriptor *desc,
                SANE_Word                     w)
{
  return desc->type == SANE_TYPE_FIXED ? SANE_UNFIX (w) : (double) w;
}

static SANE_Word
double_to_word (const SANE_Option_Descriptor *desc,
                double                        v)
{
  return desc->type == SANE_TYPE_FIXED ? SANE_FIX (v) : (SANE_Word) (v + (v < 0 ? -0.5 : 0.5));
}

/* The allowed value of a numeric option nearest to @value. */
static SANE_Word
clamp_word (const SANE_Option_Descriptor *desc,
            double                        value)
{
  if (desc->constraint_type == SANE_CONSTRAINT_RANGE && desc->constraint.range != NULL)
    {
      const SANE_Range *r = desc->constraint.range;

      return double_to_word (desc, _yc_scan_clamp_range (value, word_to_double (desc, r->min),
                                                         word_to_double (desc, r->max),
                                                         word_to_double (desc, r->quant)));
    }
  if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list != NULL &&
      desc->constraint.word_list[0] > 0)
    {
      const SANE_Word *list = desc->constraint.word_list;
      g_autofree double *values = g_new (double, list[0]);

      for (SANE_Word i = 0; i < list[0]; i++)
        values[i] = word_to_double (desc, list[i + 1]);
      return double_to_word (desc, _yc_scan_clamp_list (value, values, list[0]));
    }
  return double_to_word (desc, value);
}

static const char * const *
string_list (const SANE_Option_Descriptor *desc)
{
  if (desc->type != SANE_TYPE_STRING || desc->constraint_type != SANE_CONSTRAINT_STRING_LIST)
    return NULL;
  return (const char * const *) desc->constraint.string_list;
}

static gboolean
depth_allows (const SANE_Option_Descriptor *desc,
              SANE_Word                     depth)
{
  if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list != NULL)
    {
      for (SANE_Word i = 1; i <= desc->constraint.word_list[0]; i++)
        if (desc->constraint.word_list[i] == depth)
          return TRUE;
      return FALSE;
    }
  if (desc->constraint_type == SANE_CONSTRAINT_RANGE && desc->constraint.range != NULL)
    return depth >= desc->constraint.range->min && depth <= desc->constraint.range->max;
  return TRUE;
}

/* What the device can do, without changing anything. */
static void
read_capabilities (YcScanner          *self,
                   YcScanCapabilities *caps)
{
  const SANE_Option_Descriptor *desc = NULL;
  gboolean depth1 = FALSE;
  int index;

  index = find_option (self->handle, SANE_NAME_SCAN_SOURCE, &desc);
  if (index >= 0 && string_list (desc) != NULL)
    {
      for (const char * const *s = string_list (desc); *s != NULL; s++)
        {
          int source = _yc_scan_source_from_sane (*s);

          if (source >= 0)
            caps->sources |= 1u << source;
        }
    }
  if (caps->sources == 0)
    caps->sources = 1u << YC_SCAN_SOURCE_FLATBED;

  index = find_option (self->handle, SANE_NAME_BIT_DEPTH, &desc);
  if (index >= 0 && option_settable (desc))
    depth1 = depth_allows (desc, 1);

  index = find_option (self->handle, SANE_NAME_SCAN_MODE, &desc);
  if (index >= 0 && string_list (desc) != NULL)
    {
      for (const char * const *s = string_list (desc); *s != NULL; s++)
        {
          int mode = _yc_scan_mode_from_sane (*s);

          if (mode >= 0)
            caps->modes |= 1u << mode;
        }
    }
  /* Without a line-art mode, grey at 1 bit per sample is line-art. */
  if ((caps->modes & (1u << YC_SCAN_MODE_GRAY)) && depth1)
    caps->modes |= 1u << YC_SCAN_MODE_LINEART;
  if (caps->modes == 0)
    caps->modes = 1u << YC_SCAN_MODE_COLOR;

  index = find_option (self->handle, SANE_NAME_SCAN_RESOLUTION, &desc);
  if (index >= 0 && desc->constraint_type == SANE_CONSTRAINT_RANGE &&
      desc->constraint.range != NULL)
    {
      caps->resolution_min = word_to_double (desc, desc->constraint.range->min);
      caps->resolution_max = word_to_double (desc, desc->constraint.range->max);
      caps->resolution_quant = MAX (1.0, word_to_double (desc, desc->constraint.range->quant));
    }
  else if (index >= 0 && desc->constraint_type == SANE_CONSTRAINT_WORD_LIST &&
           desc->constraint.word_list != NULL)
    {
      const SANE_Word *list = desc->constraint.word_list;

      caps->resolution_list = g_array_new (FALSE, FALSE, sizeof (guint));
      for (SANE_Word i = 1; i <= list[0]; i++)
        {
          guint dpi = (guint) (word_to_double (desc, list[i]) + 0.5);

          g_array_append_val (caps->resolution_list, dpi);
          caps->resolution_min = i == 1 ? dpi : MIN (caps->resolution_min, dpi);
          caps->resolution_max = MAX (caps->resolution_max, dpi);
        }
    }
}

/* Parses @value for the option's type and sets it. */
static gboolean
set_option_from_string (YcScanner  *self,
                        const char *name,
                        const char *value,
                        GError    **error)
{
  const SANE_Option_Descriptor *desc = NULL;
  int index = find_option (self->handle, name, &desc);
  SANE_Status status = SANE_STATUS_INVAL;

  if (index < 0)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner “%s” has no setting “%s”."), self->handle_device, name);
      return FALSE;
    }
  switch (desc->type)
    {
    case SANE_TYPE_BOOL:
      {
        gboolean on = g_ascii_strcasecmp (value, "yes") == 0 ||
                      g_ascii_strcasecmp (value, "true") == 0 ||
                      strcmp (value, "1") == 0;
        status = set_word (self->handle, index, on ? SANE_TRUE : SANE_FALSE);
        break;
      }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED:
      status = set_word (self->handle, index, double_to_word (desc, g_ascii_strtod (value, NULL)));
      break;
    case SANE_TYPE_STRING:
      status = set_string (self->handle, index, desc, value);
      break;
    case SANE_TYPE_BUTTON:
      status = sane_control_option (self->handle, index, SANE_ACTION_SET_VALUE, NULL, NULL);
      break;
    default:
      break;
    }
  if (status != SANE_STATUS_GOOD)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner “%s” does not accept “%s” for its setting “%s”."),
                   self->handle_device, value, name);
      return FALSE;
    }
  return TRUE;
}

/* Scans the whole glass: the page's own size is not known, and a white margin costs little once
 * compressed. */
static void
set_full_area (YcScanner *self)
{
  static const struct { const char *name; gboolean max; } edges[] = {
    { SANE_NAME_SCAN_TL_X, FALSE }, { SANE_NAME_SCAN_TL_Y, FALSE },
    { SANE_NAME_SCAN_BR_X, TRUE },  { SANE_NAME_SCAN_BR_Y, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      const SANE_Option_Descriptor *desc = NULL;
      int index = find_option (self->handle, edges[i].name, &desc);

      if (index < 0 || !option_settable (desc) || desc->constraint_type != SANE_CONSTRAINT_RANGE)
        continue;
      set_word (self->handle, index,
                edges[i].max ? desc->constraint.range->max : desc->constraint.range->min);
    }
}

/* Sets @wanted on the open device, each value clamped to what it allows, and returns the values it
 * uses. */
static YcScanSettings *
apply_settings (YcScanner            *self,
                const YcScanSettings *wanted,
                GError              **error)
{
  g_autoptr(YcScanSettings) used = NULL;
  const SANE_Option_Descriptor *desc = NULL;
  gboolean gray_as_lineart = FALSE;
  int index;

  used = yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, wanted->mode, wanted->resolution);

  /* Source: the one asked for; a feeder without duplex is the nearest thing to duplex; else the
   * glass. */
  index = find_option (self->handle, SANE_NAME_SCAN_SOURCE, &desc);
  if (index >= 0 && option_settable (desc) && string_list (desc) != NULL)
    {
      const char *picked = NULL;
      YcScanSource order[3];
      guint n = 0;

      order[n++] = wanted->source;
      if (wanted->source == YC_SCAN_SOURCE_DUPLEX)
        order[n++] = YC_SCAN_SOURCE_ADF;
      if (wanted->source != YC_SCAN_SOURCE_FLATBED)
        order[n++] = YC_SCAN_SOURCE_FLATBED;
      for (guint i = 0; i < n && picked == NULL; i++)
        {
          picked = _yc_scan_pick_string (string_list (desc), _yc_scan_source_names (order[i]));
          if (picked != NULL)
            used->source = order[i];
        }
      if (picked == NULL)
        {
          /* A vendor name we do not know: take the first that looks right. */
          for (const char * const *s = string_list (desc); *s != NULL && picked == NULL; s++)
            if (_yc_scan_source_from_sane (*s) == (int) wanted->source)
              {
                picked = *s;
                used->source = wanted->source;
              }
        }
      if (picked != NULL && set_string (self->handle, index, desc, picked) != SANE_STATUS_GOOD)
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                       _("The scanner “%s” does not accept “%s” for its setting “%s”."),
                       self->handle_device, picked, SANE_NAME_SCAN_SOURCE);
          return NULL;
        }
    }

  /* Mode: the one asked for, else the nearest (line-art as 1-bit grey, grey as colour, colour as
   * grey). */
  index = find_option (self->handle, SANE_NAME_SCAN_MODE, &desc);
  if (index >= 0 && option_settable (desc) && string_list (desc) != NULL)
    {
      const char * const *modes = string_list (desc);
      const char *picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (wanted->mode));

      used->mode = wanted->mode;
      if (picked == NULL && wanted->mode == YC_SCAN_MODE_LINEART)
        {
          const SANE_Option_Descriptor *depth = NULL;
          int depth_index = find_option (self->handle, SANE_NAME_BIT_DEPTH, &depth);

          picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (YC_SCAN_MODE_GRAY));
          if (picked != NULL && depth_index >= 0 && option_settable (depth) &&
              depth_allows (depth, 1))
            gray_as_lineart = TRUE;
          else
            used->mode = YC_SCAN_MODE_GRAY;
        }
      if (picked == NULL)
        {
          used->mode = wanted->mode == YC_SCAN_MODE_COLOR ? YC_SCAN_MODE_GRAY : YC_SCAN_MODE_COLOR;
          picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (used->mode));
        }
      if (picked != NULL && set_string (self->handle, index, desc, picked) != SANE_STATUS_GOOD)
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                       _("The scanner “%s” does not accept “%s” for its setting “%s”."),
                       self->handle_device, picked, SANE_NAME_SCAN_MODE);
          return NULL;
        }
    }

  /* Depth after mode: changing the mode reloads the options. */
  index = find_option (self->handle, SANE_NAME_BIT_DEPTH, &desc);
  if (index >= 0 && option_settable (desc))
    {
      if (gray_as_lineart)
        set_word (self->handle, index, 1);
      else if (used->mode != YC_SCAN_MODE_LINEART && depth_allows (desc, 8))
        set_word (self->handle, index, 8);
    }

  index = find_option (self->handle, SANE_NAME_SCAN_RESOLUTION, &desc);
  if (index >= 0 && option_settable (desc) &&
      (desc->type == SANE_TYPE_INT || desc->type == SANE_TYPE_FIXED))
    {
      SANE_Word w = clamp_word (desc, wanted->resolution);
      SANE_Status status = set_word (self->handle, index, w);

      if (status != SANE_STATUS_GOOD)
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                       _("The scanner “%s” does not accept %u dpi."), self->handle_device,
                       (guint) (word_to_double (desc, w) + 0.5));
          return NULL;
        }
      /* The driver may round again (SANE_INFO_INEXACT): what it reads back is what it uses. */
      if (get_word (self->handle, index, &w))
        used->resolution = (guint) (word_to_double (desc, w) + 0.5);
    }

  set_full_area (self);

  for (guint i = 0; wanted->extra != NULL && wanted->extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (wanted->extra[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      if (!set_option_from_string (self, pair[0], pair[1], error))
        return NULL;
    }
  used->extra = g_strdupv (wanted->extra);

  return g_steal_pointer (&used);
}

static void
remember_settings (YcScanner            *self,
                   const char           *device,
                   const YcScanSettings *used)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->settings_path);
  g_autofree char *data = NULL;
  gsize len;

  g_mutex_lock (&self->lock);
  _yc_scan_settings_save (self->settings_file, device, used);
  data = g_key_file_to_data (self->settings_file, &len, NULL);
  g_mutex_unlock (&self->lock);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Cannot create %s for the scanner settings: %s", dir, g_strerror (errno));
  else if (!g_file_set_contents_full (self->settings_path, data, len,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Cannot save the scanner settings to %s: %s", self->settings_path, error->message);
}

static YcScanSettings *
default_settings (YcScanner  *self,
                  const char *device)
{
  YcScanSettings *settings = yc_scanner_dup_last_settings (self, device);

  return settings ? settings : yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_COLOR,
                                                     DEFAULT_RESOLUTION);
}

/* --- the worker: delivering scan results --- */

typedef enum {
  MSG_PROGRESS,
  MSG_PAGE,
  MSG_FINISHED,
} MessageKind;

typedef struct {
  MessageKind    kind;
  Job           *job;
  guint          page_index;
  double         fraction;
  YcScannedPage *page;
  GError        *error;
} Message;

static void
message_free (gpointer data)
{
  Message *msg = data;

  job_unref (msg->job);
  g_clear_pointer (&msg->page, yc_scanned_page_free);
  g_clear_error (&msg->error);
  g_free (msg);
}

static gboolean
deliver_cb (gpointer data)
{
  Message *msg = data;
  Job *job = msg->job;
  YcScanner *self = g_task_get_source_object (job->task);

  switch (msg->kind)
    {
    case MSG_PROGRESS:
      if (!job_is_cancelled (job))
        g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, job->id, msg->page_index, msg->fraction);
      break;

    case MSG_PAGE:
      /* A cancelled job's pages are stale: the caller has moved on. */
      if (job_is_cancelled (job))
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

        if (job_is_cancelled (job) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
post (Job     *job,
      Message *msg)
{
  msg->job = job_ref (job);
  invoke_on (job->context, deliver_cb, msg, message_free);
}

static void
post_progress (Job    *job,
               guint   page_index,
               double  fraction)
{
  Message *msg = g_new0 (Message, 1);

  msg->kind = MSG_PROGRESS;
  msg->page_index = page_index;
  msg->fraction = fraction;
  post (job, msg);
}

/* --- the worker: a scan job --- */

typedef enum {
  STATE_OPEN,
  STATE_SET_OPTIONS,
  STATE_START,
  STATE_GET_PARAMETERS,
  STATE_READ,
  STATE_DONE,
} ScanState;

typedef struct {
  int         index;
  guint8     *old_value;   /* to put back when the job ends */
} Injection;

static void
inject_if_due (YcScanner *self,
               guint      page_index,
               Injection *applied)
{
  g_autofree char *name = NULL, *value = NULL;
  const SANE_Option_Descriptor *desc = NULL;
  int index;

  g_mutex_lock (&self->lock);
  if (self->inject_name != NULL && self->inject_page == page_index)
    {
      name = g_steal_pointer (&self->inject_name);
      value = g_steal_pointer (&self->inject_value);
    }
  g_mutex_unlock (&self->lock);
  if (name == NULL || applied->old_value != NULL)
    return;

  index = find_option (self->handle, name, &desc);
  if (index < 0 || desc->size <= 0)
    {
      g_warning ("Cannot inject %s: the device has no such option", name);
      return;
    }
  applied->index = index;
  applied->old_value = g_malloc0 (desc->size);
  sane_control_option (self->handle, index, SANE_ACTION_GET_VALUE, applied->old_value, NULL);
  if (!set_option_from_string (self, name, value, NULL))
    g_warning ("Cannot inject %s = %s", name, value);
}

static void
undo_injection (YcScanner *self,
                Injection *applied)
{
  if (applied->old_value == NULL || self->handle == NULL)
    {
      g_clear_pointer (&applied->old_value, g_free);
      return;
    }
  sane_control_option (self->handle, applied->index, SANE_ACTION_SET_VALUE, applied->old_value,
                       NULL);
  g_clear_pointer (&applied->old_value, g_free);
}

static void
run_scan (YcScanner *self,
          Job       *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcScanSettings) used = NULL;
  g_autofree guint8 *buffer = NULL;
  YcPageEncoder *encoder = NULL;
  ScanState state = STATE_OPEN;
  Injection injection = { 0 };
  SANE_Parameters params;
  gboolean started = FALSE;
  gboolean device_gone = FALSE;
  guint n_pages = 0;
  double reported = 0;

  while (state != STATE_DONE)
    {
      if (job_is_cancelled (job))
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Scanning was cancelled."));
          break;
        }

      switch (state)
        {
        case STATE_OPEN:
          if (!ensure_open (self, job->device, &error))
            {
              device_gone = g_error_matches (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE);
              state = STATE_DONE;
              break;
            }
          state = STATE_SET_OPTIONS;
          break;

        case STATE_SET_OPTIONS:
          used = apply_settings (self, job->settings, &error);
          if (used == NULL)
            {
              state = STATE_DONE;
              break;
            }
          remember_settings (self, job->device, used);
          buffer = g_malloc (READ_BUFFER_SIZE);
          state = STATE_START;
          break;

        case STATE_START:
          {
            SANE_Status status;

            inject_if_due (self, n_pages, &injection);
            status = sane_start (self->handle);
            if (status == SANE_STATUS_GOOD)
              {
                started = TRUE;
                state = STATE_GET_PARAMETERS;
                break;
              }
            /* The feeder is empty: the end of a batch, or an error if nothing was scanned. Some
             * drivers report an I/O error instead, once the last sheet has gone through. */
            if (n_pages > 0 && used->source != YC_SCAN_SOURCE_FLATBED &&
                (status == SANE_STATUS_NO_DOCS || status == SANE_STATUS_IO_ERROR))
              {
                if (status == SANE_STATUS_IO_ERROR)
                  device_gone = TRUE;   /* reopen next time, in case it really went away */
                state = STATE_DONE;
                break;
              }
            set_status_error (status, job->device, n_pages, &error);
            device_gone = status == SANE_STATUS_IO_ERROR;
            state = STATE_DONE;
            break;
          }

        case STATE_GET_PARAMETERS:
          {
            SANE_Status status = sane_get_parameters (self->handle, &params);
            YcRawPageFormat format = { 0 };

            if (status != SANE_STATUS_GOOD)
              {
                set_status_error (status, job->device, n_pages, &error);
                device_gone = status == SANE_STATUS_IO_ERROR;
                state = STATE_DONE;
                break;
              }
            if (params.format != SANE_FRAME_GRAY && params.format != SANE_FRAME_RGB)
              {
                g_set_error (&error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                             _("The scanner “%s” sends colour in three passes, which this program "
                               "cannot store. Turn off three-pass scanning in its settings, or "
                               "scan in gray."), job->device);
                state = STATE_DONE;
                break;
              }
            format.format = params.format == SANE_FRAME_RGB ? YC_RAW_RGB : YC_RAW_GRAY;
            format.depth = params.depth;
            format.pixels_per_line = params.pixels_per_line;
            format.bytes_per_line = params.bytes_per_line;
            format.lines = params.lines;
            format.dpi = used->resolution;
            encoder = _yc_page_encoder_new (self->files, &format, &error);
            if (encoder == NULL)
              {
                state = STATE_DONE;
                break;
              }
            reported = 0;
            post_progress (job, n_pages, params.lines < 0 ? -1.0 : 0.0);
            state = STATE_READ;
            break;
          }

        case STATE_READ:
          {
            SANE_Int len = 0;
            SANE_Status status = sane_read (self->handle, buffer, READ_BUFFER_SIZE, &len);

            if (status == SANE_STATUS_GOOD)
              {
                double fraction;

                if (len > 0 && !_yc_page_encoder_write (encoder, buffer, len, &error))
                  {
                    state = STATE_DONE;
                    break;
                  }
                fraction = _yc_page_encoder_get_fraction (encoder);
                if (fraction >= 0 && fraction - reported >= PROGRESS_STEP && fraction < 1.0)
                  {
                    reported = fraction;
                    post_progress (job, n_pages, fraction);
                  }
                break;
              }
            if (status == SANE_STATUS_EOF)
              {
                Message *msg;
                YcScannedPage *page = _yc_page_encoder_finish (g_steal_pointer (&encoder), &error);

                if (page == NULL)
                  {
                    state = STATE_DONE;
                    break;
                  }
                page->job_id = job->id;
                page->index = n_pages++;
                post_progress (job, page->index, 1.0);
                msg = g_new0 (Message, 1);
                msg->kind = MSG_PAGE;
                msg->page_index = page->index;
                msg->page = page;
                post (job, msg);
                /* The glass holds one page; a feeder goes on until it is empty. */
                state = used->source == YC_SCAN_SOURCE_FLATBED ? STATE_DONE : STATE_START;
                break;
              }
            /* A read error: the partial page is thrown away, the pages before it are kept. */
            set_status_error (status, job->device, n_pages, &error);
            device_gone = status == SANE_STATUS_IO_ERROR;
            state = STATE_DONE;
            break;
          }

        case STATE_DONE:
        default:
          g_assert_not_reached ();
        }
    }

  _yc_page_encoder_abort (g_steal_pointer (&encoder));
  /* sane_cancel ends every document, also a complete one: the driver resets and the feeder is
   * released. */
  if (self->handle != NULL && started)
    sane_cancel (self->handle);
  undo_injection (self, &injection);
  if (device_gone)
    close_handle (self);

  {
    Message *msg = g_new0 (Message, 1);

    msg->kind = MSG_FINISHED;
    msg->error = g_steal_pointer (&error);
    post (job, msg);
  }
}

/* --- the worker thread --- */

static void
run_command (YcScanner *self,
             Command   *cmd)
{
  GError *error = NULL;

  if (cmd->task != NULL &&
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (cmd->task), &error))
    {
      complete_task (g_steal_pointer (&cmd->task), NULL, NULL, error);
      return;
    }

  switch (cmd->kind)
    {
    case CMD_LIST:
      {
        GPtrArray *devices = list_devices (self, &error);

        complete_task (g_steal_pointer (&cmd->task), devices, (GDestroyNotify) g_ptr_array_unref,
                       error);
        break;
      }

    case CMD_OPEN:
      ensure_open (self, cmd->device, &error);
      complete_task (g_steal_pointer (&cmd->task), error ? NULL : GINT_TO_POINTER (TRUE), NULL,
                     error);
      break;

    case CMD_CLOSE:
      close_handle (self);
      break;

    case CMD_CAPABILITIES:
      {
        YcScanCapabilities *caps = NULL;

        if (ensure_open (self, cmd->device, &error))
          {
            g_autoptr(YcScanSettings) wanted = default_settings (self, cmd->device);

            caps = g_new0 (YcScanCapabilities, 1);
            caps->device = g_strdup (cmd->device);
            read_capabilities (self, caps);
            caps->current = apply_settings (self, wanted, &error);
            if (caps->current == NULL)
              g_clear_pointer (&caps, yc_scan_capabilities_free);
          }
        complete_task (g_steal_pointer (&cmd->task), caps,
                       (GDestroyNotify) yc_scan_capabilities_free, error);
        break;
      }

    case CMD_SET_OPTIONS:
      {
        YcScanSettings *used = NULL;

        if (ensure_open (self, cmd->device, &error))
          used = apply_settings (self, cmd->settings, &error);
        if (used != NULL)
          remember_settings (self, cmd->device, used);
        complete_task (g_steal_pointer (&cmd->task), used, (GDestroyNotify) yc_scan_settings_free,
                       error);
        break;
      }

    case CMD_SCAN:
      run_scan (self, cmd->job);
      break;

    case CMD_STOP:
    default:
      g_assert_not_reached ();
    }
}

static gpointer
worker_main (gpointer data)
{
  YcScanner *self = data;
  SANE_Int version = 0;
  SANE_Status status;

  status = sane_init (&version, NULL);
  self->sane_ready = status == SANE_STATUS_GOOD;
  if (!self->sane_ready)
    g_warning ("sane_init failed: %s", sane_strstatus (status));
  else
    g_debug ("SANE %d.%d.%d", SANE_VERSION_MAJOR (version), SANE_VERSION_MINOR (version),
             SANE_VERSION_BUILD (version));

  for (;;)
    {
      Command *cmd = g_async_queue_pop (self->commands);

      if (cmd->kind == CMD_STOP)
        {
          command_free (cmd);
          break;
        }
      run_command (self, cmd);
      command_free (cmd);
    }

  close_handle (self);
  if (self->sane_ready)
    sane_exit ();
  self->sane_ready = FALSE;
  return NULL;
}

/* --- the object --- */

static void
yc_scanner_finalize (GObject *object)
{
  YcScanner *self = YC_SCANNER (object);

  /* Jobs and tasks hold references: when this runs, every command has completed. */
  push_command (self, CMD_STOP, NULL, NULL, NULL, NULL);
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
    g_critical ("More than one YcScanner at a time: SANE is process-wide, keep one scanner object");

  self = g_object_new (YC_TYPE_SCANNER, NULL);
  self->files = g_object_ref (files);
  /* A few hundred bytes: read it here so yc_scanner_dup_last_settings can answer at once. */
  if (!g_key_file_load_from_file (self->settings_file, self->settings_path, G_KEY_FILE_NONE,
                                  &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Ignoring the scanner settings in %s: %s", self->settings_path, error->message);

  self->commands = g_async_queue_new ();
  self->thread = g_thread_new ("yc-scanner", worker_main, self);
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
  GTask *task;

  g_return_if_fail (YC_IS_SCANNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_scanner_list_devices_async);
  push_command (self, CMD_LIST, task, NULL, NULL, NULL);
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
  GTask *task;

  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_scanner_open_async);
  push_command (self, CMD_OPEN, task, device, NULL, NULL);
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
  push_command (self, CMD_CLOSE, NULL, NULL, NULL, NULL);
}

void
yc_scanner_get_capabilities_async (YcScanner          *self,
                                   const char         *device,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_scanner_get_capabilities_async);
  push_command (self, CMD_CAPABILITIES, task, device, NULL, NULL);
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
  GTask *task;

  g_return_if_fail (YC_IS_SCANNER (self));
  g_return_if_fail (device != NULL && settings != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_scanner_set_options_async);
  push_command (self, CMD_SET_OPTIONS, task, device, settings, NULL);
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
  Job *job;

  g_return_val_if_fail (YC_IS_SCANNER (self), 0);
  g_return_val_if_fail (device != NULL && settings != NULL, 0);

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  job->device = g_strdup (device);
  job->settings = yc_scan_settings_copy (settings);
  job->context = g_main_context_ref_thread_default ();
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_scanned_page_free);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, yc_scanner_scan_async);
  g_task_set_task_data (job->task, job_ref (job), (GDestroyNotify) job_unref);

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

  push_command (self, CMD_SCAN, NULL, device, settings, job);
  return job->id;
}

gboolean
yc_scanner_scan_finish (YcScanner    *self,
                        GAsyncResult *result,
                        GPtrArray   **pages,
                        GError      **error)
{
  Job *job;

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
      Job *job = g_ptr_array_index (self->live_jobs, i);

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
    id = ((Job *) g_ptr_array_index (self->live_jobs, self->live_jobs->len - 1))->id;
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
