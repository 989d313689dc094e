/* yc-scanner-remote.c: the worker's side of the SANE helper process (yc-scanner-helper.c, which
 * says why there is one): it starts the helper, makes each SANE call in it with a time limit, and
 * ends a helper that does not answer. */
#define G_LOG_DOMAIN "yc-scanner"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sane/sane.h>

#include "yc-scanner-private.h"

/* How long the worker waits for an answer. Generous where drivers are known to be slow (lamp
 * warm-up in sane_start, a whole page buffered before the first sane_read, network discovery);
 * short where a healthy driver answers at once. */
#define TIMEOUT_QUICK_S    30
#define TIMEOUT_SLOW_S     120
#define TIMEOUT_CANCEL_S   15
#define TIMEOUT_EXIT_S     5
/* A call still running when its job is cancelled gets this much longer, then the helper is ended:
 * Cancel always answers. The same when the scanner object goes away (the application quits). */
#define CANCEL_GRACE_S     5
#define STOP_GRACE_S       2
/* The worker looks at cancel and stop requests this often while it waits. */
#define TICK_MS            100

static const char *
op_name (YcSaneOp op)
{
  static const char * const names[] = {
    NULL, "sane_init", "sane_get_devices", "sane_open", "sane_close",
    "sane_get_option_descriptor", "sane_control_option", "sane_start", "sane_get_parameters",
    "sane_read", "sane_cancel", "sane_exit",
  };

  return op > 0 && op < G_N_ELEMENTS (names) ? names[op] : "?";
}

/* Option descriptors of the open device, fetched in one call and kept until an option is set. */
typedef struct {
  SANE_Handle             handle;
  guint                   n;
  SANE_Option_Descriptor *descs;
  gboolean               *missing;
  GStringChunk           *strings;
  GPtrArray              *blocks;
} DescriptorSet;

static void
descriptor_set_free (gpointer data)
{
  DescriptorSet *set = data;

  g_free (set->descs);
  g_free (set->missing);
  g_string_chunk_free (set->strings);
  g_ptr_array_unref (set->blocks);
  g_free (set);
}

/* Pointers into the current descriptors may still be in use until the command ends: they are
 * retired, not freed. */
static void
retire_descriptors (YcScanner *self)
{
  if (self->descriptors == NULL)
    return;
  if (self->retired == NULL)
    self->retired = g_ptr_array_new_with_free_func (descriptor_set_free);
  g_ptr_array_add (self->retired, g_steal_pointer (&self->descriptors));
}

void
_yc_sane_command_done (YcScanner *self)
{
  g_clear_pointer (&self->retired, g_ptr_array_unref);
}

static void
set_helper_pid (YcScanner *self,
                GPid       pid)
{
  g_mutex_lock (&self->lock);
  self->helper_pid = pid;
  g_mutex_unlock (&self->lock);
}

static void
helper_kill (YcScanner *self)
{
  set_helper_pid (self, 0);
  if (self->helper != NULL)
    {
      /* Reaped by GLib once it has gone; a process in uninterruptible sleep may take a moment. */
      g_subprocess_force_exit (self->helper);
      g_clear_object (&self->helper);
    }
  if (self->helper_fd >= 0)
    close (self->helper_fd);
  self->helper_fd = -1;
  self->sane_ready = FALSE;
  /* The device's handle went with the process. */
  self->handle = NULL;
  g_clear_pointer (&self->handle_device, g_free);
  retire_descriptors (self);
}

static void
helper_lost (YcScanner  *self,
             YcSaneOp    op,
             const char *why)
{
  g_message ("The scanner driver %s (%s): its helper process is ended, and a new one starts when "
             "next needed", why, op_name (op));
  helper_kill (self);
}

/* Waits until the helper's socket is readable. FALSE at @deadline, STOP_GRACE_S after the scanner
 * object started going away, or CANCEL_GRACE_S after the current job was cancelled. */
static gboolean
wait_readable (YcScanner   *self,
               gint64       deadline,
               const char **why)
{
  gint64 cancel_deadline = G_MAXINT64;
  gint64 stop_deadline = G_MAXINT64;

  for (;;)
    {
      struct pollfd pfd = { self->helper_fd, POLLIN, 0 };
      gint64 now = g_get_monotonic_time ();
      gint64 until;
      int r;

      if (g_atomic_int_get (&self->stopping) && stop_deadline == G_MAXINT64)
        stop_deadline = now + STOP_GRACE_S * G_USEC_PER_SEC;
      if (self->current_job != NULL && _yc_scan_job_is_cancelled (self->current_job) &&
          cancel_deadline == G_MAXINT64)
        cancel_deadline = now + CANCEL_GRACE_S * G_USEC_PER_SEC;
      until = MIN (deadline, MIN (cancel_deadline, stop_deadline));
      if (now >= until)
        {
          *why = until == deadline ? "did not answer in time"
               : until == cancel_deadline ? "did not stop when its job was cancelled"
               : "was still busy when the scanner was closed";
          return FALSE;
        }
      r = poll (&pfd, 1, (int) MIN ((until - now) / 1000 + 1, TICK_MS));
      if (r > 0)
        return TRUE;   /* data, or the end of it: the read says which */
      if (r < 0 && errno != EINTR)
        {
          *why = "could not be reached";
          return FALSE;
        }
    }
}

static gboolean
receive_all_by (YcScanner   *self,
                gpointer     data,
                gsize        len,
                gint64       deadline,
                const char **why)
{
  guint8 *p = data;

  while (len > 0)
    {
      ssize_t n;

      if (!wait_readable (self, deadline, why))
        return FALSE;
      n = read (self->helper_fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *why = "stopped";
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* One request and its reply, of type @reply_type; NULL when the helper is not there or did not
 * answer (it is then ended). Sinks @args. */
static GVariant *
call (YcScanner  *self,
      YcSaneOp    op,
      GVariant   *args,
      const char *reply_type,
      guint       timeout_s)
{
  const char *why = "stopped";
  guint32 len = 0;
  guint8 *data;
  gint64 deadline;

  g_mutex_lock (&self->lock);
  if (self->answer_timeout_s > 0)
    timeout_s = self->answer_timeout_s;
  g_mutex_unlock (&self->lock);
  deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  if (self->helper_fd < 0)
    {
      g_variant_unref (g_variant_ref_sink (args));
      return NULL;
    }
  if (!_yc_sane_send_message (self->helper_fd, g_variant_new ("(uv)", op, args)))
    {
      helper_lost (self, op, "could not be reached");
      return NULL;
    }
  if (!receive_all_by (self, &len, sizeof len, deadline, &why))
    {
      helper_lost (self, op, why);
      return NULL;
    }
  if (len > YC_SANE_MAX_MESSAGE)
    {
      helper_lost (self, op, "answered nonsense");
      return NULL;
    }
  data = g_malloc (MAX (len, 1));
  if (!receive_all_by (self, data, len, deadline, &why))
    {
      g_free (data);
      helper_lost (self, op, why);
      return NULL;
    }
  return _yc_sane_message_from_data (G_VARIANT_TYPE (reply_type), data, len);
}

static gboolean
helper_spawn (YcScanner *self,
              GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *parent = NULL;
  int sv[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "socketpair: %s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  parent = g_strdup_printf ("%ld", (long) getpid ());
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_fd (launcher, sv[1], YC_SANE_HELPER_FD);
  g_subprocess_launcher_setenv (launcher, YC_SANE_HELPER_ENV, parent, TRUE);
  /* This very program, even when an update has replaced its file since it started. */
  self->helper = g_subprocess_launcher_spawn (launcher, error, "/proc/self/exe", NULL);
  /* Freeing the launcher closes our copy of the helper's end: its exit then reads as the end of
   * the socket. */
  g_clear_object (&launcher);
  if (self->helper == NULL)
    {
      close (sv[0]);
      return FALSE;
    }
  self->helper_fd = sv[0];
  set_helper_pid (self, (GPid) strtol (g_subprocess_get_identifier (self->helper), NULL, 10));
  return TRUE;
}

gboolean
_yc_sane_ensure_helper (YcScanner *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gint32 status = SANE_STATUS_IO_ERROR, version = 0;

  if (self->helper_fd >= 0 && self->sane_ready)
    return TRUE;
  helper_kill (self);
  if (!helper_spawn (self, &error))
    {
      g_message ("Cannot start the scanner driver's helper process: %s", error->message);
      return FALSE;
    }
  reply = call (self, YC_SANE_OP_INIT, g_variant_new ("()"), "(ii)", TIMEOUT_QUICK_S);
  if (reply != NULL)
    g_variant_get (reply, "(ii)", &status, &version);
  if (status != SANE_STATUS_GOOD)
    {
      g_message ("sane_init failed: %s", _yc_sane_strstatus (status));
      _yc_sane_stop_helper (self);
      return FALSE;
    }
  g_debug ("SANE %d.%d.%d in helper process %s", SANE_VERSION_MAJOR (version),
           SANE_VERSION_MINOR (version), SANE_VERSION_BUILD (version),
           g_subprocess_get_identifier (self->helper));
  self->sane_ready = TRUE;
  return TRUE;
}

void
_yc_sane_stop_helper (YcScanner *self)
{
  if (self->helper_fd >= 0)
    {
      g_autoptr(GVariant) reply = NULL;

      /* Not cut short by self->stopping: a driver that answers is left to close the device. */
      g_atomic_int_set (&self->stopping, 0);
      reply = call (self, YC_SANE_OP_EXIT, g_variant_new ("()"), "()", TIMEOUT_EXIT_S);
    }
  helper_kill (self);
}

static guint32
handle_id (SANE_Handle handle)
{
  return GPOINTER_TO_UINT (handle);
}

SANE_Status
_yc_sane_get_devices (YcScanner  *self,
                      GPtrArray **devices)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_GET_DEVICES, g_variant_new ("()"),
                                    "(ia(ssss))", TIMEOUT_SLOW_S);
  g_autoptr(GVariantIter) iter = NULL;
  const char *name, *vendor, *model, *type;
  gint32 status;

  *devices = NULL;
  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(ia(ssss))", &status, &iter);
  if (status != SANE_STATUS_GOOD)
    return status;
  *devices = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_scan_device_free);
  while (g_variant_iter_next (iter, "(&s&s&s&s)", &name, &vendor, &model, &type))
    {
      YcScanDevice *device = g_new0 (YcScanDevice, 1);

      device->name = g_strdup (name);
      device->vendor = g_strdup (vendor);
      device->model = g_strdup (model);
      device->type = g_strdup (type);
      g_ptr_array_add (*devices, device);
    }
  return SANE_STATUS_GOOD;
}

SANE_Status
_yc_sane_open (YcScanner   *self,
               const char  *name,
               SANE_Handle *handle)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_OPEN, g_variant_new ("(s)", name), "(iu)",
                                    TIMEOUT_SLOW_S);
  gint32 status;
  guint32 id = 0;

  *handle = NULL;
  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(iu)", &status, &id);
  if (status == SANE_STATUS_GOOD)
    *handle = GUINT_TO_POINTER (id);
  return status;
}

void
_yc_sane_close (YcScanner   *self,
                SANE_Handle  handle)
{
  g_autoptr(GVariant) reply = NULL;

  if (self->descriptors != NULL && ((DescriptorSet *) self->descriptors)->handle == handle)
    retire_descriptors (self);
  reply = call (self, YC_SANE_OP_CLOSE, g_variant_new ("(u)", handle_id (handle)), "()",
                TIMEOUT_CANCEL_S);
}

static DescriptorSet *
fetch_descriptors (YcScanner   *self,
                   SANE_Handle  handle)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_GET_DESCRIPTORS,
                                    g_variant_new ("(u)", handle_id (handle)),
                                    "(ia(msmsmsiiiiiv))", TIMEOUT_QUICK_S);
  g_autoptr(GVariant) list = NULL;
  DescriptorSet *set;
  gint32 status;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(i@a(msmsmsiiiiiv))", &status, &list);
  if (status != SANE_STATUS_GOOD)
    return NULL;

  set = g_new0 (DescriptorSet, 1);
  set->handle = handle;
  set->n = (guint) g_variant_n_children (list);
  set->descs = g_new0 (SANE_Option_Descriptor, set->n);
  set->missing = g_new0 (gboolean, set->n);
  set->strings = g_string_chunk_new (1024);
  set->blocks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < set->n; i++)
    {
      SANE_Option_Descriptor *d = &set->descs[i];
      const char *name, *title, *desc;
      gint32 type, unit, size, cap, constraint_type;
      g_autoptr(GVariant) constraint = NULL;

      g_variant_get_child (list, i, "(m&sm&sm&siiiiiv)", &name, &title, &desc, &type, &unit,
                           &size, &cap, &constraint_type, &constraint);
      if (type < 0)
        {
          set->missing[i] = TRUE;
          continue;
        }
      d->name = name ? g_string_chunk_insert (set->strings, name) : NULL;
      d->title = title ? g_string_chunk_insert (set->strings, title) : NULL;
      d->desc = desc ? g_string_chunk_insert (set->strings, desc) : NULL;
      d->type = type;
      d->unit = unit;
      d->size = size;
      d->cap = cap;
      d->constraint_type = SANE_CONSTRAINT_NONE;
      if (constraint_type == SANE_CONSTRAINT_RANGE &&
          g_variant_is_of_type (constraint, G_VARIANT_TYPE ("(iii)")))
        {
          SANE_Range *range = g_new0 (SANE_Range, 1);

          g_variant_get (constraint, "(iii)", &range->min, &range->max, &range->quant);
          g_ptr_array_add (set->blocks, range);
          d->constraint.range = range;
          d->constraint_type = SANE_CONSTRAINT_RANGE;
        }
      else if (constraint_type == SANE_CONSTRAINT_WORD_LIST &&
               g_variant_is_of_type (constraint, G_VARIANT_TYPE ("ai")))
        {
          gsize n = 0;
          const gint32 *words = g_variant_get_fixed_array (constraint, &n, sizeof (gint32));
          SANE_Word *list_words = g_new (SANE_Word, n + 1);

          list_words[0] = (SANE_Word) n;
          memcpy (list_words + 1, words, n * sizeof (SANE_Word));
          g_ptr_array_add (set->blocks, list_words);
          d->constraint.word_list = list_words;
          d->constraint_type = SANE_CONSTRAINT_WORD_LIST;
        }
      else if (constraint_type == SANE_CONSTRAINT_STRING_LIST &&
               g_variant_is_of_type (constraint, G_VARIANT_TYPE_STRING_ARRAY))
        {
          gsize n = g_variant_n_children (constraint);
          SANE_String_Const *strings = g_new0 (SANE_String_Const, n + 1);

          for (gsize s = 0; s < n; s++)
            {
              const char *value = NULL;

              g_variant_get_child (constraint, s, "&s", &value);
              strings[s] = g_string_chunk_insert (set->strings, value);
            }
          g_ptr_array_add (set->blocks, strings);
          d->constraint.string_list = strings;
          d->constraint_type = SANE_CONSTRAINT_STRING_LIST;
        }
    }
  return set;
}

const SANE_Option_Descriptor *
_yc_sane_get_option_descriptor (YcScanner   *self,
                                SANE_Handle  handle,
                                SANE_Int     option)
{
  DescriptorSet *set = self->descriptors;

  if (set == NULL || set->handle != handle)
    {
      retire_descriptors (self);
      set = self->descriptors = fetch_descriptors (self, handle);
    }
  if (set == NULL || option < 0 || (guint) option >= set->n || set->missing[option])
    return NULL;
  return &set->descs[option];
}

SANE_Status
_yc_sane_control_option (YcScanner   *self,
                         SANE_Handle  handle,
                         SANE_Int     option,
                         SANE_Action  action,
                         void        *value,
                         SANE_Int    *info)
{
  const SANE_Option_Descriptor *d = _yc_sane_get_option_descriptor (self, handle, option);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) back = NULL;
  gsize size = d != NULL ? (gsize) MAX (d->size, 0) : sizeof (SANE_Word);
  gsize n_sent = 0, n_back = 0;
  const guint8 *bytes;
  gint32 status, out_info;

  if (option == 0)
    size = sizeof (SANE_Word);
  if (action == SANE_ACTION_SET_VALUE && value != NULL)
    /* A string goes as far as its end: the caller's buffer may be longer than the option's. */
    n_sent = d != NULL && d->type == SANE_TYPE_STRING ? strlen (value) + 1 : size;
  reply = call (self, YC_SANE_OP_CONTROL,
                g_variant_new ("(uii@ay)", handle_id (handle), option, action,
                               g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                          value ? value : "", n_sent, 1)),
                "(iiay)", TIMEOUT_QUICK_S);
  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(ii@ay)", &status, &out_info, &back);
  if (info != NULL)
    *info = out_info;
  bytes = g_variant_get_fixed_array (back, &n_back, 1);
  /* The driver may round a value it sets (SANE_INFO_INEXACT): it comes back too. */
  if (value != NULL && action != SANE_ACTION_SET_AUTO)
    memcpy (value, bytes, MIN (n_back, action == SANE_ACTION_SET_VALUE ? MAX (n_sent, size)
                                                                       : size));
  if (action != SANE_ACTION_GET_VALUE && status == SANE_STATUS_GOOD)
    retire_descriptors (self);   /* setting one option may change the others */
  return status;
}

SANE_Status
_yc_sane_start (YcScanner   *self,
                SANE_Handle  handle)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_START,
                                    g_variant_new ("(u)", handle_id (handle)), "(i)",
                                    TIMEOUT_SLOW_S);
  gint32 status;

  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(i)", &status);
  return status;
}

SANE_Status
_yc_sane_get_parameters (YcScanner       *self,
                         SANE_Handle      handle,
                         SANE_Parameters *params)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_GET_PARAMETERS,
                                    g_variant_new ("(u)", handle_id (handle)), "(iibiiii)",
                                    TIMEOUT_QUICK_S);
  gint32 status, format;
  gboolean last_frame;

  memset (params, 0, sizeof *params);
  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(iibiiii)", &status, &format, &last_frame, &params->bytes_per_line,
                 &params->pixels_per_line, &params->lines, &params->depth);
  params->format = format;
  params->last_frame = last_frame ? SANE_TRUE : SANE_FALSE;
  return status;
}

SANE_Status
_yc_sane_read (YcScanner   *self,
               SANE_Handle  handle,
               SANE_Byte   *data,
               SANE_Int     max_length,
               SANE_Int    *length)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_READ,
                                    g_variant_new ("(ui)", handle_id (handle), max_length),
                                    "(iay)", TIMEOUT_SLOW_S);
  g_autoptr(GVariant) bytes = NULL;
  const guint8 *p;
  gsize n = 0;
  gint32 status;

  *length = 0;
  if (reply == NULL)
    return SANE_STATUS_IO_ERROR;
  g_variant_get (reply, "(i@ay)", &status, &bytes);
  p = g_variant_get_fixed_array (bytes, &n, 1);
  n = MIN (n, (gsize) MAX (max_length, 0));
  memcpy (data, p, n);
  *length = (SANE_Int) n;
  return status;
}

void
_yc_sane_cancel (YcScanner   *self,
                 SANE_Handle  handle)
{
  g_autoptr(GVariant) reply = call (self, YC_SANE_OP_CANCEL,
                                    g_variant_new ("(u)", handle_id (handle)), "()",
                                    TIMEOUT_CANCEL_S);
}

/* SANE's own words for a status (sane_strstatus would load the driver library into this
 * process). */
const char *
_yc_sane_strstatus (SANE_Status status)
{
  switch (status)
    {
    case SANE_STATUS_GOOD: return "Success";
    case SANE_STATUS_UNSUPPORTED: return "Operation not supported";
    case SANE_STATUS_CANCELLED: return "Operation was cancelled";
    case SANE_STATUS_DEVICE_BUSY: return "Device busy";
    case SANE_STATUS_INVAL: return "Invalid argument";
    case SANE_STATUS_EOF: return "End of file reached";
    case SANE_STATUS_JAMMED: return "Document feeder jammed";
    case SANE_STATUS_NO_DOCS: return "Document feeder out of documents";
    case SANE_STATUS_COVER_OPEN: return "Scanner cover is open";
    case SANE_STATUS_IO_ERROR: return "Error during device I/O";
    case SANE_STATUS_NO_MEM: return "Out of memory";
    case SANE_STATUS_ACCESS_DENIED: return "Access to resource has been denied";
    default: return "Unknown SANE status code";
    }
}
