/* test-lazy-lib.c: libraries loaded on first use: a missing one is a translated error, every time,
 * and a present one gives its functions. */
#include <gio/gio.h>
#include <string.h>

#include "yc-lazy-lib.h"

static void
test_missing (void)
{
  static YcLazyLib lib = YC_LAZY_LIB_INIT ("libyc-no-such-library.so.0", "Nowhere");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  g_assert_false (yc_lazy_lib_load (&lib, &error));
  g_assert_error (error, YC_LAZY_LIB_ERROR, YC_LAZY_LIB_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "Nowhere"));
  /* Tried once: the same answer later, without loading again. */
  g_assert_false (yc_lazy_lib_load (&lib, &again));
  g_assert_cmpstr (again->message, ==, error->message);
}

static void
test_present (void)
{
  static YcLazyLib lib = YC_LAZY_LIB_INIT ("libcups.so.2", "CUPS");
  g_autoptr(GError) error = NULL;
  const char *(*user) (void);

  g_assert_true (yc_lazy_lib_load (&lib, &error));
  g_assert_no_error (error);
  user = yc_lazy_lib_symbol (&lib, "cupsUser");
  g_assert_nonnull (user);
  g_assert_nonnull (user ());
  /* The project's own loader for it agrees. */
  g_assert_true (yc_cups_load (&error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/yc/lazy-lib/missing", test_missing);
  g_test_add_func ("/yc/lazy-lib/present", test_present);
  return g_test_run ();
}
