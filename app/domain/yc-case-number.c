/* yc-case-number.c: case numbers <window code>-<yyyymmdd>-<seq> and query passwords from the OS CSPRNG. */
#define G_LOG_DOMAIN "yc-case-number"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#if defined(__has_include)
# if __has_include(<sys/random.h>)
#  include <sys/random.h>
#  define HAVE_GETRANDOM 1
# endif
#endif

#include "yc-case-number.h"

#define WINDOW_CODE_MAX 16
#define SEQ_MAX 99999
#define PASSWORD_SPACE 1000000u

G_DEFINE_QUARK (yc-case-number-error-quark, yc_case_number_error)

gboolean
yc_window_code_is_valid (const char *window_code)
{
  gsize len;

  if (window_code == NULL)
    return FALSE;

  len = strlen (window_code);
  if (len < 1 || len > WINDOW_CODE_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (window_code[i]) && !(window_code[i] >= 'A' && window_code[i] <= 'Z'))
      return FALSE;
  return TRUE;
}

static void
set_invalid_window_code (const char  *window_code,
                         GError     **error)
{
  g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_INVALID_WINDOW_CODE,
               _("The window code “%s” is not valid: use 1 to 16 capital letters or digits"),
               window_code != NULL ? window_code : "");
}

char *
yc_case_number_format (const char  *window_code,
                       GDateTime   *date,
                       guint        seq,
                       GError     **error)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!yc_window_code_is_valid (window_code))
    {
      set_invalid_window_code (window_code, error);
      return NULL;
    }
  if (seq == 0)
    {
      g_set_error_literal (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                           _("Case sequence numbers start at 1"));
      return NULL;
    }
  if (seq > SEQ_MAX)
    {
      g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_SEQUENCE_EXHAUSTED,
                   _("This window has used all %d case numbers for the day: register the case at another window"),
                   SEQ_MAX);
      return NULL;
    }

  /* The date on the receipt is the counter's calendar day, whatever zone @date was made in. */
  local = g_date_time_to_local (date);
  return g_strdup_printf ("%s-%04d%02d%02d-%04u", window_code,
                          g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), seq);
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

gboolean
yc_case_number_parse (const char  *case_no,
                      char       **window_code,
                      GDate     **date,
                      guint      *seq,
                      GError    **error)
{
  g_auto(GStrv) parts = NULL;
  int year, month, day;
  gsize seq_len;
  guint value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (case_no == NULL || case_no[0] == '\0')
    {
      g_set_error_literal (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                           _("Enter a case number"));
      return FALSE;
    }

  parts = g_strsplit (case_no, "-", -1);
  if (g_strv_length (parts) != 3)
    {
      g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                   _("“%s” is not a case number: expected window code, date and number separated by hyphens, "
                     "such as ZH01-20260212-0001"), case_no);
      return FALSE;
    }

  if (!yc_window_code_is_valid (parts[0]))
    {
      set_invalid_window_code (parts[0], error);
      return FALSE;
    }

  if (strlen (parts[1]) != 8 || !all_digits (parts[1]))
    {
      g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                   _("The date “%s” in the case number must be 8 digits, year, month and day"), parts[1]);
      return FALSE;
    }
  year = (parts[1][0] - '0') * 1000 + (parts[1][1] - '0') * 100 + (parts[1][2] - '0') * 10 + (parts[1][3] - '0');
  month = (parts[1][4] - '0') * 10 + (parts[1][5] - '0');
  day = (parts[1][6] - '0') * 10 + (parts[1][7] - '0');
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                   _("The date “%s” in the case number does not exist"), parts[1]);
      return FALSE;
    }

  /* Exactly the form yc_case_number_format() writes: 4 digits, or more without a leading zero, so one case
   * has one spelling (they are compared as strings in the store and on the platform). */
  seq_len = strlen (parts[2]);
  if (!all_digits (parts[2]) || seq_len < 4 || seq_len > 5 || (seq_len > 4 && parts[2][0] == '0'))
    {
      g_set_error (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                   _("The number “%s” at the end of the case number must be 4 digits (5 from 10000 on)"),
                   parts[2]);
      return FALSE;
    }
  value = (guint) strtoul (parts[2], NULL, 10);
  if (value == 0)
    {
      g_set_error_literal (error, YC_CASE_NUMBER_ERROR, YC_CASE_NUMBER_ERROR_MALFORMED,
                           _("Case sequence numbers start at 1"));
      return FALSE;
    }

  if (window_code != NULL)
    *window_code = g_strdup (parts[0]);
  if (date != NULL)
    *date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (seq != NULL)
    *seq = value;
  return TRUE;
}

/* Fills @buf from the kernel's CSPRNG: getrandom(2), or /dev/urandom where the call is missing. */
static gboolean
fill_random (guint8  *buf,
             gsize    len,
             GError **error)
{
#ifdef HAVE_GETRANDOM
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          if (errno == ENOSYS)
            break;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "getrandom: %s", g_strerror (errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  if (done == len)
    return TRUE;
#endif

  {
    g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
    g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
    gsize n_read = 0;

    if (stream == NULL)
      return FALSE;
    if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buf, len, &n_read, NULL, error))
      return FALSE;
    if (n_read != len)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "short read from /dev/urandom");
        return FALSE;
      }
    return TRUE;
  }
}

char *
yc_query_password_new (void)
{
  /* Largest multiple of 10^6 that fits in 2^32: values at or above it would make low passwords likelier. */
  const guint32 limit = (guint32) (G_GUINT64_CONSTANT (4294967296) / PASSWORD_SPACE * PASSWORD_SPACE);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 bytes[4];
      guint32 v;

      /* Without a secure source there is no safe password to print; a running Linux always has one. */
      if (!fill_random (bytes, sizeof bytes, &error))
        g_error ("No secure random source for query passwords: %s", error->message);

      v = (guint32) bytes[0] | (guint32) bytes[1] << 8 | (guint32) bytes[2] << 16 | (guint32) bytes[3] << 24;
      if (v < limit)
        return g_strdup_printf ("%06u", v % PASSWORD_SPACE);
    }
}
