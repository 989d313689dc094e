/* yc-scanner-helper.c: the SANE helper process: its own loop, which runs SANE's calls for the
 * worker thread (yc-scanner-remote.c) so that a driver that hangs or breaks its process never
 * takes the application with it. */
#define G_LOG_DOMAIN "yc-scanner"

/* Why a process: SANE backends read the device in a thread of their own and end it with
 * sanei_thread_kill(), an asynchronous pthread_cancel(). When it lands while that thread is inside
 * the C library (malloc, free, gettext), a lock stays held for ever: the backend then waits for the
 * thread in sane_cancel() or sane_read() without end, or, for a gettext lock, the next setlocale()
 * or the process's exit hangs (gdb on SANE's test backend showed both). Nothing done in the same
 * process can repair that. Here the worker (yc-scanner-remote.c) waits for each answer with a time
 * limit and ends a helper that does not answer; the next command starts a new one.
 *
 * The helper is the application's own executable started again with YC_SANE_HELPER_PARENT set: a
 * constructor in this file sees it and runs the helper instead of main(). Requests and replies are
 * GVariant tuples, each after its length, over a socket pair. Before each call that may end the
 * backend's thread, the helper waits (briefly) until that thread sleeps in a system call, and
 * keeps the pipe it writes to open during the call, so the cancel finds it asleep there, where
 * ending a thread is harmless: that keeps the bad case away, the time limit makes it harmless. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sane/sane.h>

#include "yc-lazy-lib.h"
#include "yc-scanner-private.h"

/* The most one sane_read may ask for. */
#define MAX_READ           (1024 * 1024)
/* The helper waits at most this long for the backend's threads to settle before a call. */
#define SETTLE_MAX_US      (2 * G_USEC_PER_SEC)

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

  if (!receive_all (fd, &len, sizeof len) || len > YC_SANE_MAX_MESSAGE)
    return NULL;
  data = g_malloc (MAX (len, 1));
  if (!receive_all (fd, data, len))
    {
      g_free (data);
      return NULL;
    }
  return _yc_sane_message_from_data (G_VARIANT_TYPE ("(uv)"), data, len);
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
            YcSaneOp  op,
            GVariant *args)
{
  SANE_Handle handle = NULL;

  if (op != YC_SANE_OP_INIT && op != YC_SANE_OP_EXIT && op != YC_SANE_OP_GET_DEVICES &&
      op != YC_SANE_OP_OPEN)
    handle = helper_handle (helper, args);

  switch (op)
    {
    case YC_SANE_OP_INIT:
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

    case YC_SANE_OP_GET_DEVICES:
      return helper_get_devices ();

    case YC_SANE_OP_OPEN:
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

    case YC_SANE_OP_CLOSE:
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

    case YC_SANE_OP_GET_DESCRIPTORS:
      if (handle == NULL)
        return g_variant_new ("(i@a(msmsmsiiiiiv))", SANE_STATUS_INVAL,
                              g_variant_new_array (G_VARIANT_TYPE ("(msmsmsiiiiiv)"), NULL, 0));
      return encode_descriptors (handle);

    case YC_SANE_OP_CONTROL:
      return helper_control (handle, args);

    case YC_SANE_OP_START:
      helper->settle_off = FALSE;
      return g_variant_new ("(i)", handle ? sane_start (handle) : SANE_STATUS_INVAL);

    case YC_SANE_OP_GET_PARAMETERS:
      {
        SANE_Parameters p = { 0 };
        SANE_Status status = handle ? sane_get_parameters (handle, &p) : SANE_STATUS_INVAL;

        return g_variant_new ("(iibiiii)", status, p.format, p.last_frame != SANE_FALSE,
                              p.bytes_per_line, p.pixels_per_line, p.lines, p.depth);
      }

    case YC_SANE_OP_READ:
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

    case YC_SANE_OP_CANCEL:
      if (handle != NULL)
        {
          PipeHold *hold = prepare_to_end_threads (helper);

          sane_cancel (handle);
          pipe_hold_release (hold);
        }
      return g_variant_new ("()");

    case YC_SANE_OP_EXIT:
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
        break;   /* the worker has gone: tidy up, as after YC_SANE_OP_EXIT */
      g_variant_get (request, "(uv)", &op, &args);
      if (!_yc_sane_send_message (fd, helper_run (&helper, op, args)) || op == YC_SANE_OP_EXIT)
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
  const char *parent = getenv (YC_SANE_HELPER_ENV);
  long parent_pid;

  if (parent == NULL)
    return;
  parent_pid = strtol (parent, NULL, 10);
  /* Programs a driver might start are not helpers. */
  unsetenv (YC_SANE_HELPER_ENV);
  /* Ended with the worker thread that started it, even if the application is killed. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if ((long) getppid () != parent_pid)
    _exit (1);
  /* No exit handlers: they belong to the application, and a driver may have left a lock held. */
  _exit (helper_main (YC_SANE_HELPER_FD));
}
