/* test-i18n.c: the built catalogues load from YC_LOCALEDIR and translate the app's key words. */
#define G_LOG_DOMAIN "yc-test-i18n"

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "yc-types.h"

typedef struct
{
  const char *msgid;
  const char *zh_CN;
  const char *ru;
} Expectation;

/* The sidebar's four pages (msgctxt "page"): a clerk who sees English here sees it everywhere. */
static const Expectation navigation[] = {
  { "Intake",    "受理", "Приём" },
  { "Cases",     "办件", "Дела" },
  { "Approvals", "审批", "Согласования" },
  { "Sync",      "同步", "Синхронизация" },
};

/* Switches the whole process to LOCALE; FALSE (and the test skipped) only when the locale is not
 * installed, which `build-aux/dev.sh` takes care of. */
static gboolean
switch_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("locale %s is not installed (build-aux/dev.sh generates it)", locale);
      g_test_skip (msg);
      return FALSE;
    }
  return TRUE;
}

static void
assert_catalogue_built (const char *lang)
{
  const char *localedir = g_getenv ("YC_LOCALEDIR");
  g_autofree char *mo = NULL;

  g_assert_nonnull (localedir);
  mo = g_build_filename (localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
}

static void
test_zh_cn_navigation (void)
{
  assert_catalogue_built ("zh_CN");
  if (!switch_locale ("zh_CN.UTF-8"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (navigation); i++)
    g_assert_cmpstr (g_dpgettext2 (NULL, "page", navigation[i].msgid), ==, navigation[i].zh_CN);
}

static void
test_ru_navigation (void)
{
  assert_catalogue_built ("ru");
  if (!switch_locale ("ru_RU.UTF-8"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (navigation); i++)
    g_assert_cmpstr (g_dpgettext2 (NULL, "page", navigation[i].msgid), ==, navigation[i].ru);
}

/* The core's labels go through the same domain: the glossary terms must come out in Chinese. */
static void
test_zh_cn_core_labels (void)
{
  if (!switch_locale ("zh_CN.UTF-8"))
    return;

  g_assert_cmpstr (yc_case_type_get_label (YC_CASE_TYPE_IMMEDIATE), ==, "即办件");
  g_assert_cmpstr (yc_case_type_get_label (YC_CASE_TYPE_PROMISED), ==, "承诺件");
  g_assert_cmpstr (yc_case_state_get_label (YC_CASE_STATE_TOLERANCE_ACCEPTED), ==, "容缺受理");
}

/* Without a translation the English msgid is shown, never an empty string. */
static void
test_c_locale_untranslated (void)
{
  if (!switch_locale ("C.UTF-8"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (navigation); i++)
    g_assert_cmpstr (g_dpgettext2 (NULL, "page", navigation[i].msgid), ==, navigation[i].msgid);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("YC_LOCALEDIR");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* LANGUAGE outranks LC_MESSAGES in gettext; a developer's setting must not decide the result. */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/yc/i18n/zh-cn/navigation", test_zh_cn_navigation);
  g_test_add_func ("/yc/i18n/zh-cn/core-labels", test_zh_cn_core_labels);
  g_test_add_func ("/yc/i18n/ru/navigation", test_ru_navigation);
  g_test_add_func ("/yc/i18n/c/untranslated", test_c_locale_untranslated);

  return g_test_run ();
}
