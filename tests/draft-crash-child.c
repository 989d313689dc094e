/* draft-crash-child.c: test-draft-crash's child: types an intake, saving the draft after every
 * keystroke, until it is killed. Usage: draft-crash-child DATABASE */
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <glib.h>

#include "yc-store.h"
#include "draft-crash-common.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;
  pid_t parent = getppid ();

  /* Never outlive the test, whatever happens to it. */
  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != parent)
    return 1;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = yc_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint step = 1; ; step++)
    {
      g_autoptr(YcCase) kase = draft_crash_case (step);
      g_autoptr(JsonNode) extra = json_node_init_object (json_node_alloc (), json_object_new ());

      json_object_set_int_member (json_node_get_object (extra), "step", step);
      if (!yc_store_save_draft (store, kase, step % 2 ? "tolerance_accept" : NULL, extra, &error))
        {
          g_printerr ("step %u: %s\n", step, error->message);
          return 1;
        }
    }
}
