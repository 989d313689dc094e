/* yc-scanner-helper.c: SANE in a helper process. The worker thread calls the driver through it, so
 * a driver that hangs, or breaks the process it runs in, never takes the application with it. */
#define G_LOG_DOMAIN "yc-scanner"

/* Why a process: SANE backends read the device in a thread of their own and end it with
 * sanei_thread_kill(), an asynchronous pthread_cancel(). When it lands while that thread is inside
 * the C library (malloc, free, gettext), a lock stays held for ever: the backend then waits for the
 * thread in sane_cancel() or sane_read() without end, or, for a gettext lock, the next setlocale()
 * or the process's exit hangs (gdb on SANE's test backend showed both). Nothing done in the same
 * process can repair that. Here the worker waits for each answer with a time limit and ends a
 * helper that does not answer; the next command starts a new one.
 *
 * The helper is the application's own executable started again with YC_SANE_HELPER_PARENT set: a
 * constructor in this file sees it and runs the helper instead of main(). Requests and replies are
 * GVariant tuples, each after its length, over a socket pair. Before each call that may end the
 * backend's thread, the helper waits (briefly) until that thread sleeps in a system call, and
 * keeps the pipe it writes to open during the call, so the cancel finds it asleep there, where
 * ending a thread is harmless: that keeps the bad case away, the time limit makes it harmless. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sane/sane.h>

#include "yc-lazy-lib.h"
#include "yc-scanner-private.h"

#define HELPER_FD      3
#define HELPER_ENV     "YC_SANE_HELPER_PARENT"
#define MAX_MESSAGE    (16 * 1024 * 1024)
#define MAX_READ       (1024 * 1024)

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
/* The helper waits at most this long for the backend's threads to settle before a call. */
#define SETTLE_MAX_US      (2 * G_USEC_PER_SEC)

typedef enum {
  OP_INIT = 1,
  OP_GET_DEVICES,
  OP_OPEN,
  OP_CLOSE,
  OP_GET_DESCRIPTORS,
  OP_CONTROL,
  OP_START,
  OP_GET_PARAMETERS,
  OP_READ,
  OP_CANCEL,
  OP_EXIT,
} HelperOp;

static const char *
op_name (HelperOp op)
{
  static const char * const names[] = {
    NULL, "sane_init", "sane_get_devices", "sane_open", "sane_close",
    "sane_get_option_descriptor", "sane_control_option", "sane_start", "sane_get_parameters",
    "sane_read", "sane_cancel", "sane_exit",
  };

  return op > 0 && op < G_N_ELEMENTS (names) ? names[op] : "?";
}

/* --- messages: a 32-bit length, then a serialized GVariant --- */

static gboolean
send_all (int           fd,
          gconstpointer data,
          gsize         len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      /* MSG_NOSIGNAL: a peer that is gone is an error here, not a SIGPIPE. */
      ssize_t n = send (fd, p, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Sends @message (sinks a floating reference). */
static gboolean
send_message (int       fd,
              GVariant *message)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (message);
  guint32 len = (guint32) g_variant_get_size (owned);

  return send_all (fd, &len, sizeof len) && send_all (fd, g_variant_get_data (owned), len);
}

static GVariant *
message_from_data (const GVariantType *type,
                   guint8             *data,
                   gsize               len)
{
  /* Not trusted: a damaged message reads as default values, never out of bounds. */
  return g_variant_ref_sink (g_variant_new_from_data (type, data, len, FALSE, g_free, data));
}

/* ===================== the helper process ===================== */

typedef struct {
  int        fd;
  gboolean   initialised;
  GPtrArray *handles;        /* SANE_Handle by id - 1; NULL once closed */
  gboolean   settle_off;     /* the backend's threads did not settle in this document */
} Helper;

static gboolean
receive_all (int      fd,
             gpointer data,
             gsize    len)
{
  guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = read (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static GVariant *
receive_request (int fd)
{
  guint32 len = 0;
  guint8 *data;

  if (!receive_all (fd, &len, sizeof len) || len > MAX_MESSAGE)
    return NULL;
  data = g_malloc (MAX (len, 1));
  if (!receive_all (fd, data, len))
    {
      g_free (data);
      return NULL;
    }
  return message_from_data (G_VARIANT_TYPE ("(uv)"), data, len);
}

/* System calls a thread may be cancelled in without leaving anything locked: it sleeps there on a
 * device, a pipe, a timer or a condition, not inside the C library's own state. */
static gboolean
syscall_is_restful (long nr)
{
  static const long restful[] = {
    SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64, SYS_pwrite64, SYS_ioctl,
    SYS_nanosleep, SYS_clock_nanosleep, SYS_futex, SYS_wait4, SYS_waitid,
    SYS_recvfrom, SYS_recvmsg, SYS_sendto, SYS_sendmsg, SYS_accept4, SYS_connect,
    SYS_ppoll, SYS_pselect6, SYS_epoll_pwait, SYS_rt_sigtimedwait,
#ifdef SYS_poll
    SYS_poll,
#endif
#ifdef SYS_select
    SYS_select,
#endif
#ifdef SYS_epoll_wait
    SYS_epoll_wait,
#endif
#ifdef SYS_accept
    SYS_accept,
#endif
#ifdef SYS_pause
    SYS_pause,
#endif
  };

  for (guint i = 0; i < G_N_ELEMENTS (restful); i++)
    if (restful[i] == nr)
      return TRUE;
  return FALSE;
}

/* Whether thread @tid of this process is gone, stopped, or asleep in a restful system call. */
static gboolean
thread_is_settled (const char *tid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
  g_autofree char *syscall_path = g_strdup_printf ("/proc/self/task/%s/syscall", tid);
  g_autofree char *stat = NULL;
  g_autofree char *sc = NULL;
  const char *p;
  char state;

  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;   /* gone */
  /* "tid (name) S …": the name may hold spaces and parentheses, the state follows the last ')'. */
  p = strrchr (stat, ')');
  if (p == NULL || p[1] == '\0' || p[2] == '\0')
    return TRUE;
  state = p[2];
  if (strchr ("ZXxtT", state) != NULL)
    return TRUE;
  if (state == 'R')
    return FALSE;
  /* Asleep: where? Without the syscall file (some kernels), a sleeping thread has to do. */
  if (!g_file_get_contents (syscall_path, &sc, NULL, NULL))
    return TRUE;
  if (g_str_has_prefix (sc, "running"))
    return FALSE;
  return syscall_is_restful (strtol (sc, NULL, 10));
}

/* Waits until every thread of this process but the calling one has settled (see above), at most
 * SETTLE_MAX_US. SANE's test backend, for one, cancels its reader in the sane_read that returns a
 * page's last bytes, and in sane_cancel. Before sane_read, this makes that read come after the
 * reader has written everything and gone; before sane_cancel, with the pipe held (below), the
 * cancel finds the reader asleep in write(), not in malloc or gettext. */
static void
settle_backend_threads (Helper *helper)
{
  g_autofree char *self_tid = g_strdup_printf ("%ld", (long) syscall (SYS_gettid));
  gint64 deadline = g_get_monotonic_time () + SETTLE_MAX_US;

  if (helper->settle_off)
    return;
  for (;;)
    {
      g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
      gboolean settled = TRUE;
      const char *tid;

      if (dir == NULL)
        return;
      while (settled && (tid = g_dir_read_name (dir)) != NULL)
        if (strcmp (tid, self_tid) != 0 && !thread_is_settled (tid))
          settled = FALSE;
      if (settled)
        return;
      if (g_get_monotonic_time () > deadline)
        {
          /* A backend whose threads keep working: waiting again would only slow it down. */
          g_debug ("The scanner driver's threads did not settle; not waiting for them any more "
                   "in this document");
          helper->settle_off = TRUE;
          return;
        }
      g_usleep (100);
    }
}

/* The pipes the backend's threads sleep writing to, held open for the length of a call.
 *
 * SANE's backends end their reader thread by closing the pipe it writes to, then cancelling it
 * (sanei_thread's finish_pass: close, pthread_cancel, pthread_join). Closing the pipe wakes the
 * reader with EPIPE, and it runs into free() and gettext while the cancel is on its way: gdb
 * caught exactly that in the helper (the reader dead-locked on its malloc arena at thread exit,
 * sane_cancel joining it for ever). With a second descriptor on the pipe, the close wakes nobody:
 * the reader is still asleep in write() when the cancel arrives, and ends there. A backend that
 * relies on EPIPE alone to end its reader is not left waiting: the pipes are let go after
 * PIPE_HOLD_MAX_US. */
typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean done;
  GArray  *fds;        /* our duplicates, closed when the call returns or the time is up */
  GThread *watchdog;
} PipeHold;

#define PIPE_HOLD_MAX_US (G_USEC_PER_SEC / 2)

static char *
fd_target (const char *fd)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%s", fd);

  return g_file_read_link (path, NULL);
}

/* "pipe:[inode]" of each pipe a thread other than the caller sleeps writing to. */
static GHashTable *
pipes_written_to (void)
{
  g_autofree char *self_tid = g_strdup_printf ("%ld", (long) syscall (SYS_gettid));
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  GHashTable *pipes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/syscall", tid);
      g_autofree char *sc = NULL;
      g_auto(GStrv) fields = NULL;
      g_autofree char *fd = NULL;
      char *target;
      long nr;

      if (strcmp (tid, self_tid) == 0 || !g_file_get_contents (path, &sc, NULL, NULL))
        continue;
      fields = g_strsplit (g_strstrip (sc), " ", 3);
      nr = strtol (fields[0], NULL, 10);
      if ((nr != SYS_write && nr != SYS_writev && nr != SYS_pwrite64) || fields[1] == NULL)
        continue;
      fd = g_strdup_printf ("%ld", strtol (fields[1], NULL, 16));
      target = fd_target (fd);
      if (target != NULL && g_str_has_prefix (target, "pipe:"))
        g_hash_table_add (pipes, target);
      else
        g_free (target);
    }
  return pipes;
}

static gpointer
pipe_hold_watchdog (gpointer data)
{
  PipeHold *hold = data;
  gint64 end = g_get_monotonic_time () + PIPE_HOLD_MAX_US;

  g_mutex_lock (&hold->lock);
  while (!hold->done)
    if (!g_cond_wait_until (&hold->cond, &hold->lock, end))
      break;
  if (!hold->done)
    g_debug ("The scanner driver's reader did not end with the pipe held: letting go of it");
  for (guint i = 0; i < hold->fds->len; i++)
    close (g_array_index (hold->fds, int, i));
  g_array_set_size (hold->fds, 0);
  g_mutex_unlock (&hold->lock);
  return NULL;
}

/* Duplicates every descriptor of this process on a pipe some backend thread sleeps writing to;
 * NULL when there is none. */
static PipeHold *
pipe_hold_new (void)
{
  g_autoptr(GHashTable) pipes = pipes_written_to ();
  g_autoptr(GPtrArray) fds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  PipeHold *hold;
  const char *fd;

  if (g_hash_table_size (pipes) == 0)
    return NULL;
  /* The listing first: duplicating while reading /proc/self/fd would list the duplicates too. */
  dir = g_dir_open ("/proc/self/fd", 0, NULL);
  while (dir != NULL && (fd = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = fd_target (fd);

      if (target != NULL && g_hash_table_contains (pipes, target))
        g_ptr_array_add (fds, g_strdup (fd));
    }

  hold = g_new0 (PipeHold, 1);
  g_mutex_init (&hold->lock);
  g_cond_init (&hold->cond);
  hold->fds = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < fds->len; i++)
    {
      int copy = fcntl ((int) strtol (g_ptr_array_index (fds, i), NULL, 10), F_DUPFD_CLOEXEC, 10);

      if (copy >= 0)
        g_array_append_val (hold->fds, copy);
    }
  hold->watchdog = g_thread_new ("yc-sane-pipe-hold", pipe_hold_watchdog, hold);
  return hold;
}

static void
pipe_hold_release (PipeHold *hold)
{
  if (hold == NULL)
    return;
  g_mutex_lock (&hold->lock);
  hold->done = TRUE;
  g_cond_signal (&hold->cond);
  g_mutex_unlock (&hold->lock);
  g_thread_join (hold->watchdog);
  g_array_unref (hold->fds);
  g_mutex_clear (&hold->lock);
  g_cond_clear (&hold->cond);
  g_free (hold);
}

/* Before a call that may end the backend's threads (sane_cancel, sane_close, sane_exit): they
 * settle, and their pipes are held. */
static PipeHold *
prepare_to_end_threads (Helper *helper)
{
  settle_backend_threads (helper);
  return pipe_hold_new ();
}

static SANE_Handle
helper_handle (Helper   *helper,
               GVariant *args)
{
  guint32 id = 0;

  g_variant_get_child (args, 0, "u", &id);
  if (id == 0 || id > helper->handles->len)
    return NULL;
  return g_ptr_array_index (helper->handles, id - 1);
}

static GVariant *
encode_constraint (const SANE_Option_Descriptor *d)
{
  switch (d->constraint_type)
    {
    case SANE_CONSTRAINT_RANGE:
      if (d->constraint.range != NULL)
        return g_variant_new ("(iii)", d->constraint.range->min, d->constraint.range->max,
                              d->constraint.range->quant);
      break;
    case SANE_CONSTRAINT_WORD_LIST:
      if (d->constraint.word_list != NULL && d->constraint.word_list[0] >= 0)
        return g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, d->constraint.word_list + 1,
                                          (gsize) d->constraint.word_list[0], sizeof (SANE_Word));
      break;
    case SANE_CONSTRAINT_STRING_LIST:
      if (d->constraint.string_list != NULL)
        return g_variant_new_strv ((const char * const *) d->constraint.string_list, -1);
      break;
    default:
      break;
    }
  return g_variant_new ("()");
}

static GVariant *
encode_descriptors (SANE_Handle handle)
{
  GVariantBuilder builder;
  SANE_Int count = 0;
  SANE_Status status;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(msmsmsiiiiiv)"));
  status = sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &count, NULL);
  count = status == SANE_STATUS_GOOD ? CLAMP (count, 1, 4096) : 1;
  for (SANE_Int i = 0; i < count; i++)
    {
      const SANE_Option_Descriptor *d = sane_get_option_descriptor (handle, i);

      if (d == NULL)
        g_variant_builder_add (&builder, "(msmsmsiiiiiv)", NULL, NULL, NULL, -1, 0, 0, 0, 0,
                               g_variant_new ("()"));
      else
        g_variant_builder_add (&builder, "(msmsmsiiiiiv)", d->name, d->title, d->desc, d->type,
                               d->unit, d->size, d->cap, d->constraint_type, encode_constraint (d));
    }
  return g_variant_new ("(i@a(msmsmsiiiiiv))", status, g_variant_builder_end (&builder));
}

static GVariant *
helper_control (SANE_Handle handle,
                GVariant   *args)
{
  const SANE_Option_Descriptor *d = NULL;
  g_autoptr(GVariant) sent = NULL;
  g_autofree guint8 *buffer = NULL;
  gint32 option = 0, action = 0;
  SANE_Int info = 0;
  SANE_Status status = SANE_STATUS_INVAL;
  const guint8 *bytes;
  gsize n_sent = 0, size = sizeof (SANE_Word);
  gboolean no_value;

  g_variant_get (args, "(uii@ay)", NULL, &option, &action, &sent);
  bytes = g_variant_get_fixed_array (sent, &n_sent, 1);
  if (handle != NULL && option > 0)
    d = sane_get_option_descriptor (handle, option);
  if (d != NULL)
    size = (gsize) MAX (d->size, 0);
  buffer = g_malloc0 (MAX (size, n_sent) + 1);
  memcpy (buffer, bytes, n_sent);
  no_value = action == SANE_ACTION_SET_AUTO ||
             (d != NULL && (d->type == SANE_TYPE_BUTTON || d->type == SANE_TYPE_GROUP));
  if (handle != NULL)
    status = sane_control_option (handle, option, (SANE_Action) action, no_value ? NULL : buffer,
                                  &info);
  return g_variant_new ("(ii@ay)", status, info,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, buffer,
                                                   no_value ? 0 : size, 1));
}

static GVariant *
helper_get_devices (void)
{
  const SANE_Device **list = NULL;
  GVariantBuilder builder;
  SANE_Status status = sane_get_devices (&list, SANE_FALSE);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssss)"));
  for (guint i = 0; status == SANE_STATUS_GOOD && list != NULL && list[i] != NULL; i++)
    g_variant_builder_add (&builder, "(ssss)", list[i]->name ? list[i]->name : "",
                           list[i]->vendor ? list[i]->vendor : "",
                           list[i]->model ? list[i]->model : "",
                           list[i]->type ? list[i]->type : "");
  return g_variant_new ("(i@a(ssss))", status, g_variant_builder_end (&builder));
}

static void
helper_shutdown (Helper *helper)
{
  PipeHold *hold;

  if (!helper->initialised)
    return;
  for (guint i = 0; i < helper->handles->len; i++)
    {
      SANE_Handle handle = g_ptr_array_index (helper->handles, i);

      if (handle == NULL)
        continue;
      hold = prepare_to_end_threads (helper);
      sane_cancel (handle);
      pipe_hold_release (hold);
      hold = prepare_to_end_threads (helper);
      sane_close (handle);
      pipe_hold_release (hold);
      g_ptr_array_index (helper->handles, i) = NULL;
    }
  hold = prepare_to_end_threads (helper);
  sane_exit ();
  pipe_hold_release (hold);
  helper->initialised = FALSE;
}

static GVariant *
helper_run (Helper   *helper,
            HelperOp  op,
            GVariant *args)
{
  SANE_Handle handle = NULL;

  if (op != OP_INIT && op != OP_EXIT && op != OP_GET_DEVICES && op != OP_OPEN)
    handle = helper_handle (helper, args);

  switch (op)
    {
    case OP_INIT:
      {
        g_autoptr(GError) error = NULL;
        SANE_Int version = 0;
        SANE_Status status = SANE_STATUS_GOOD;

        if (!yc_sane_load (&error))
          {
            g_message ("%s", error->message);
            return g_variant_new ("(ii)", SANE_STATUS_UNSUPPORTED, 0);
          }
        if (!helper->initialised)
          status = sane_init (&version, NULL);
        helper->initialised = status == SANE_STATUS_GOOD;
        return g_variant_new ("(ii)", status, version);
      }

    case OP_GET_DEVICES:
      return helper_get_devices ();

    case OP_OPEN:
      {
        const char *name = NULL;
        SANE_Status status;

        g_variant_get (args, "(&s)", &name);
        status = sane_open (name, &handle);
        if (status != SANE_STATUS_GOOD || handle == NULL)
          return g_variant_new ("(iu)", status == SANE_STATUS_GOOD ? SANE_STATUS_INVAL : status, 0);
        g_ptr_array_add (helper->handles, handle);
        return g_variant_new ("(iu)", status, helper->handles->len);
      }

    case OP_CLOSE:
      if (handle != NULL)
        {
          PipeHold *hold = prepare_to_end_threads (helper);
          guint32 id = 0;

          sane_close (handle);
          pipe_hold_release (hold);
          g_variant_get_child (args, 0, "u", &id);
          g_ptr_array_index (helper->handles, id - 1) = NULL;
        }
      return g_variant_new ("()");

    case OP_GET_DESCRIPTORS:
      if (handle == NULL)
        return g_variant_new ("(i@a(msmsmsiiiiiv))", SANE_STATUS_INVAL,
                              g_variant_new_array (G_VARIANT_TYPE ("(msmsmsiiiiiv)"), NULL, 0));
      return encode_descriptors (handle);

    case OP_CONTROL:
      return helper_control (handle, args);

    case OP_START:
      helper->settle_off = FALSE;
      return g_variant_new ("(i)", handle ? sane_start (handle) : SANE_STATUS_INVAL);

    case OP_GET_PARAMETERS:
      {
        SANE_Parameters p = { 0 };
        SANE_Status status = handle ? sane_get_parameters (handle, &p) : SANE_STATUS_INVAL;

        return g_variant_new ("(iibiiii)", status, p.format, p.last_frame != SANE_FALSE,
                              p.bytes_per_line, p.pixels_per_line, p.lines, p.depth);
      }

    case OP_READ:
      {
        g_autofree guint8 *buffer = NULL;
        gint32 max = 0;
        SANE_Int len = 0;
        SANE_Status status = SANE_STATUS_INVAL;

        g_variant_get (args, "(ui)", NULL, &max);
        max = CLAMP (max, 1, MAX_READ);
        buffer = g_malloc (max);
        if (handle != NULL)
          {
            settle_backend_threads (helper);
            status = sane_read (handle, buffer, max, &len);
          }
        if (status != SANE_STATUS_GOOD)
          len = 0;
        return g_variant_new ("(i@ay)", status,
                              g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, buffer,
                                                         (gsize) CLAMP (len, 0, max), 1));
      }

    case OP_CANCEL:
      if (handle != NULL)
        {
          PipeHold *hold = prepare_to_end_threads (helper);

          sane_cancel (handle);
          pipe_hold_release (hold);
        }
      return g_variant_new ("()");

    case OP_EXIT:
      helper_shutdown (helper);
      return g_variant_new ("()");

    default:
      return g_variant_new ("()");
    }
}

static int
helper_main (int fd)
{
  Helper helper = { fd, FALSE, g_ptr_array_new (), FALSE };

  for (;;)
    {
      g_autoptr(GVariant) request = receive_request (fd);
      g_autoptr(GVariant) args = NULL;
      guint32 op = 0;

      if (request == NULL)
        break;   /* the worker has gone: tidy up, as after OP_EXIT */
      g_variant_get (request, "(uv)", &op, &args);
      if (!send_message (fd, helper_run (&helper, op, args)) || op == OP_EXIT)
        break;
    }
  helper_shutdown (&helper);
  g_ptr_array_unref (helper.handles);
  return 0;
}

/* Runs before main() in every program that links the scanner: the helper when started as one. */
__attribute__ ((constructor)) static void
run_helper_if_asked (void)
{
  const char *parent = getenv (HELPER_ENV);
  long parent_pid;

  if (parent == NULL)
    return;
  parent_pid = strtol (parent, NULL, 10);
  /* Programs a driver might start are not helpers. */
  unsetenv (HELPER_ENV);
  /* Ended with the worker thread that started it, even if the application is killed. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if ((long) getppid () != parent_pid)
    _exit (1);
  /* No exit handlers: they belong to the application, and a driver may have left a lock held. */
  _exit (helper_main (HELPER_FD));
}

/* ===================== the worker's side ===================== */

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
             HelperOp    op,
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
      HelperOp    op,
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
  if (!send_message (self->helper_fd, g_variant_new ("(uv)", op, args)))
    {
      helper_lost (self, op, "could not be reached");
      return NULL;
    }
  if (!receive_all_by (self, &len, sizeof len, deadline, &why))
    {
      helper_lost (self, op, why);
      return NULL;
    }
  if (len > MAX_MESSAGE)
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
  return message_from_data (G_VARIANT_TYPE (reply_type), data, len);
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
  g_subprocess_launcher_take_fd (launcher, sv[1], HELPER_FD);
  g_subprocess_launcher_setenv (launcher, HELPER_ENV, parent, TRUE);
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
  reply = call (self, OP_INIT, g_variant_new ("()"), "(ii)", TIMEOUT_QUICK_S);
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
      reply = call (self, OP_EXIT, g_variant_new ("()"), "()", TIMEOUT_EXIT_S);
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
  g_autoptr(GVariant) reply = call (self, OP_GET_DEVICES, g_variant_new ("()"), "(ia(ssss))",
                                    TIMEOUT_SLOW_S);
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
  g_autoptr(GVariant) reply = call (self, OP_OPEN, g_variant_new ("(s)", name), "(iu)",
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
  reply = call (self, OP_CLOSE, g_variant_new ("(u)", handle_id (handle)), "()", TIMEOUT_CANCEL_S);
}

static DescriptorSet *
fetch_descriptors (YcScanner   *self,
                   SANE_Handle  handle)
{
  g_autoptr(GVariant) reply = call (self, OP_GET_DESCRIPTORS,
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
  reply = call (self, OP_CONTROL,
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
  g_autoptr(GVariant) reply = call (self, OP_START, g_variant_new ("(u)", handle_id (handle)),
                                    "(i)", TIMEOUT_SLOW_S);
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
  g_autoptr(GVariant) reply = call (self, OP_GET_PARAMETERS,
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
  g_autoptr(GVariant) reply = call (self, OP_READ,
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
  g_autoptr(GVariant) reply = call (self, OP_CANCEL, g_variant_new ("(u)", handle_id (handle)),
                                    "()", TIMEOUT_CANCEL_S);
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
