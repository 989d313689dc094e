/* yc-case-number.h: case numbers <window code>-<yyyymmdd>-<seq> (DESIGN.md §5) and query passwords. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YC_CASE_NUMBER_ERROR (yc_case_number_error_quark ())
typedef enum {
  YC_CASE_NUMBER_ERROR_INVALID_WINDOW_CODE,
  YC_CASE_NUMBER_ERROR_SEQUENCE_EXHAUSTED,
  YC_CASE_NUMBER_ERROR_MALFORMED,
} YcCaseNumberError;
GQuark yc_case_number_error_quark (void);

/* Window codes: 1-16 characters of [A-Z0-9]. */
gboolean  yc_window_code_is_valid   (const char *window_code);
/* "<window>-<yyyymmdd>-<seq, at least 4 digits>" in local date of @date; seq 1..99999. */
char     *yc_case_number_format     (const char *window_code,
                                     GDateTime  *date,
                                     guint       seq,
                                     GError    **error);
gboolean  yc_case_number_parse      (const char *case_no,
                                     char      **window_code,
                                     GDate     **date,
                                     guint      *seq,
                                     GError    **error);
/* 6 random digits from a CSPRNG-quality source (g_random is not enough: use /dev/urandom via GRand seeded
 * from getrandom, or GLib's UUID bytes). */
char     *yc_query_password_new     (void);

G_END_DECLS
