/* yc-validators.c: ID numbers, credit codes and e-licence ids: checks and canonical forms; the masks of
 * all four (phones are checked in yc-validators-phone.c). */
#define G_LOG_DOMAIN "yc-validators"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-validators-private.h"

G_DEFINE_QUARK (yc-validation-error-quark, yc_validation_error)

#define ID_LENGTH 18
#define USCC_LENGTH 18
#define USCC_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"
#define LICENCE_PREFIX "1.2.156.3005.2."
#define LICENCE_FIELD_MAX 64
#define EARLIEST_BIRTH_YEAR 1800

/* Clerks type with Chinese input methods, which produce full-width digits and letters and the ideographic
 * space; values pasted from forms come with odd spaces. Map all of that to ASCII before any check, so that
 * the checks only ever see what the clerk meant. Returns NULL if @value is not UTF-8. */
char *
_yc_normalise_input (const char *value,
                     gboolean    drop_spaces)
{
  g_autoptr(GString) out = NULL;

  if (!g_utf8_validate (value, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (value));
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      else if (g_unichar_isspace (c))
        c = ' ';

      if (drop_spaces && c == ' ')
        continue;
      g_string_append_unichar (out, c);
    }

  g_strstrip (out->str);
  return g_strdup (out->str);
}

/* The @index-th (0-based) UTF-8 character of @s, as a new string, for messages naming a bad character. */
static char *
utf8_char_at (const char *s,
              glong       index)
{
  const char *p = g_utf8_offset_to_pointer (s, index);

  return g_strndup (p, g_utf8_next_char (p) - p);
}

void
_yc_set_invalid_utf8 (GError **error)
{
  g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                       _("The value contains bytes that are not text; clear the field and type it again"));
}

/* ---- Resident identity number (GB 11643-1999) ---- */

static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

char
yc_id_number_compute_check (const char *digits17)
{
  int sum = 0;

  g_return_val_if_fail (digits17 != NULL, 0);

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (digits17[i]))
        return 0;
      sum += (digits17[i] - '0') * id_weights[i];
    }
  return "10X98765432"[sum % 11];
}

static gboolean
is_province_code (int code)
{
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82 || code == 83 || code == 91;
}

static int
parse_digits (const char *s,
              guint       n)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

/* The whole check; returns the canonical form. */
static char *
id_number_check (const char   *value,
                 const GDate  *today,
                 GError      **error)
{
  g_autofree char *norm = NULL;
  glong n_chars;
  int year, month, day;
  char expected;
  GDate birth;
  GDate local_today;

  if (value == NULL || (norm = _yc_normalise_input (value, TRUE)) == NULL)
    {
      if (value == NULL)
        g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                             _("Enter the ID number"));
      else
        _yc_set_invalid_utf8 (error);
      return NULL;
    }

  if (norm[0] == '\0')
    {
      g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                           _("Enter the ID number"));
      return NULL;
    }

  n_chars = g_utf8_strlen (norm, -1);
  if (n_chars != ID_LENGTH)
    {
      if (n_chars == 15 && strspn (norm, "0123456789") == 15)
        g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                             _("This is an old 15-digit ID number, no longer valid: ask for the current 18-character ID card"));
      else
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "An ID number has 18 characters; this one has %ld",
                                  "An ID number has 18 characters; this one has %ld",
                                  n_chars),
                     n_chars);
      return NULL;
    }

  for (glong i = 0; i < ID_LENGTH; i++)
    {
      g_autofree char *c = utf8_char_at (norm, i);
      gboolean ok;

      if (i < ID_LENGTH - 1)
        ok = g_ascii_isdigit (c[0]) && c[1] == '\0';
      else
        ok = (g_ascii_isdigit (c[0]) || c[0] == 'x' || c[0] == 'X') && c[1] == '\0';

      if (!ok)
        {
          if (i < ID_LENGTH - 1)
            g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                         _("Character %ld (“%s”) of the ID number must be a digit"), i + 1, c);
          else
            g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                         _("The last character of the ID number (“%s”) must be a digit or X"), c);
          return NULL;
        }
    }
  /* All ASCII from here on: byte offsets are character offsets. */
  norm[ID_LENGTH - 1] = g_ascii_toupper (norm[ID_LENGTH - 1]);

  if (!is_province_code (parse_digits (norm, 2)))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_REGION,
                   _("The ID number starts with %.2s, which is not a province code: check the first digits"),
                   norm);
      return NULL;
    }

  year = parse_digits (norm + 6, 4);
  month = parse_digits (norm + 10, 2);
  day = parse_digits (norm + 12, 2);
  if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_DATE,
                   _("The birth date in the ID number (digits 7 to 14: %.8s) is not a real date: check those digits"),
                   norm + 6);
      return NULL;
    }

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&local_today, 1);
      g_date_set_dmy (&local_today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
      today = &local_today;
    }
  if (g_date_compare (&birth, today) > 0)
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_DATE,
                   _("The birth date in the ID number (%04d-%02d-%02d) is in the future: check digits 7 to 14"),
                   year, month, day);
      return NULL;
    }

  expected = yc_id_number_compute_check (norm);
  if (expected != norm[ID_LENGTH - 1])
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM,
                   _("The check digit should be %c, not %c: if the last character is right, another digit was mistyped"),
                   expected, norm[ID_LENGTH - 1]);
      return NULL;
    }

  return g_steal_pointer (&norm);
}

gboolean
yc_id_number_validate (const char   *value,
                       const GDate  *today,
                       GError      **error)
{
  g_autofree char *norm = id_number_check (value, today, error);

  return norm != NULL;
}

char *
yc_id_number_normalize (const char   *value,
                        const GDate  *today,
                        GError      **error)
{
  return id_number_check (value, today, error);
}

/* ---- Unified social credit code (GB 32100-2015) ---- */

static int
uscc_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (USCC_ALPHABET, c);
  return p != NULL ? (int) (p - USCC_ALPHABET) : -1;
}

char
yc_uscc_compute_check (const char *chars17)
{
  int sum = 0;
  int weight = 1;

  g_return_val_if_fail (chars17 != NULL, 0);

  for (int i = 0; i < 17; i++)
    {
      int v = uscc_value (chars17[i]);

      if (v < 0)
        return 0;
      sum += v * weight;
      weight = (weight * 3) % 31;
    }
  return USCC_ALPHABET[(31 - sum % 31) % 31];
}

/* Characters that the code leaves out because they look like others; say which one was probably meant. */
static const char *
uscc_lookalike (char c)
{
  switch (c)
    {
    case 'O': return "0";
    case 'I': return "1";
    case 'Z': return "2";
    case 'S': return "5";
    case 'V': return "U";
    default: return NULL;
    }
}

/* Checks the structure of an 18-character code: length and alphabet. @issuer: the code is the issuer part
 * of an e-licence identifier, which the messages say. */
static gboolean
uscc_check_format (const char  *norm,
                   gboolean     issuer,
                   GError     **error)
{
  glong n_chars = g_utf8_strlen (norm, -1);

  if (n_chars != USCC_LENGTH)
    {
      if (issuer)
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The issuer code (“%s”) must be an 18-character credit code; it has %ld character",
                                  "The issuer code (“%s”) must be an 18-character credit code; it has %ld characters",
                                  n_chars),
                     norm, n_chars);
      else
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "A unified social credit code has 18 characters; this one has %ld",
                                  "A unified social credit code has 18 characters; this one has %ld",
                                  n_chars),
                     n_chars);
      return FALSE;
    }

  for (glong i = 0; i < USCC_LENGTH; i++)
    {
      g_autofree char *c = utf8_char_at (norm, i);
      const char *meant;

      if (c[1] == '\0' && uscc_value (c[0]) >= 0)
        continue;

      meant = c[1] == '\0' ? uscc_lookalike (c[0]) : NULL;
      if (issuer)
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                     _("Character %ld of the issuer code (“%s”) is “%s”, which credit codes never use"),
                     i + 1, norm, c);
      else if (meant != NULL)
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                     _("Character %ld of the credit code is “%s”, a letter these codes never use: did you mean “%s”?"),
                     i + 1, c, meant);
      else
        g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                     _("Character %ld of the credit code (“%s”) is not allowed: only digits and the letters A-H, J-N, P-R, T, U, W-Y are used"),
                     i + 1, c);
      return FALSE;
    }
  return TRUE;
}

YcValidation
yc_uscc_validate (const char  *value,
                  char       **normalized,
                  GError     **error)
{
  g_autofree char *norm = NULL;
  char expected;

  if (value == NULL)
    {
      g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                           _("Enter the unified social credit code"));
      return YC_VALIDATION_INVALID;
    }
  norm = _yc_normalise_input (value, TRUE);
  if (norm == NULL)
    {
      _yc_set_invalid_utf8 (error);
      return YC_VALIDATION_INVALID;
    }
  if (norm[0] == '\0')
    {
      g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                           _("Enter the unified social credit code"));
      return YC_VALIDATION_INVALID;
    }

  /* ASCII letters only: multi-byte characters stay as they are and fail the alphabet check. */
  for (char *p = norm; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);

  if (!uscc_check_format (norm, FALSE, error))
    return YC_VALIDATION_INVALID;

  if (normalized != NULL)
    *normalized = g_strdup (norm);

  expected = yc_uscc_compute_check (norm);
  if (expected != norm[USCC_LENGTH - 1])
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM,
                   _("The check character should be %c, not %c. Codes from early pilot regions can fail this check: compare with the licence before accepting it"),
                   expected, norm[USCC_LENGTH - 1]);
      return YC_VALIDATION_WARNING;
    }

  return YC_VALIDATION_VALID;
}

/* ---- Electronic licence identifier (GB/T 36904-2018) ---- */

static int
mod_37_36_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  c = g_ascii_toupper (c);
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return -1;
}

char
yc_iso7064_mod_37_36_check (const char *data)
{
  /* ISO/IEC 7064 hybrid system, M = 36: the check character makes the final running value 1. */
  int p = 36;

  g_return_val_if_fail (data != NULL, 0);

  if (data[0] == '\0')
    return 0;

  for (const char *c = data; *c != '\0'; c++)
    {
      int v = mod_37_36_value (*c);

      if (v < 0)
        return 0;
      p = (p + v) % 36;
      if (p == 0)
        p = 36;
      p = (p * 2) % 37;
    }
  return "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(37 - p) % 36];
}

static gboolean
is_alnum_field (const char *s,
                gsize       max_len)
{
  gsize len = strlen (s);

  if (len == 0 || len > max_len)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'A' && *p <= 'Z'))
      return FALSE;
  return TRUE;
}

YcValidation
yc_licence_id_validate (const char  *value,
                        char       **normalized,
                        GError     **error)
{
  g_autofree char *norm = NULL;
  g_autofree char *payload = NULL;
  g_auto(GStrv) fields = NULL;
  char expected;

  if (value == NULL || (norm = _yc_normalise_input (value, TRUE)) == NULL || norm[0] == '\0')
    {
      if (value != NULL && norm == NULL)
        _yc_set_invalid_utf8 (error);
      else
        g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                             _("Enter the e-licence identifier"));
      return YC_VALIDATION_INVALID;
    }
  for (char *p = norm; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);

  if (!g_str_has_prefix (norm, LICENCE_PREFIX))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("An e-licence identifier starts with %s"), LICENCE_PREFIX);
      return YC_VALIDATION_INVALID;
    }

  fields = g_strsplit (norm + strlen (LICENCE_PREFIX), ".", -1);
  if (g_strv_length (fields) != 5)
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("After %s an e-licence identifier has 5 parts separated by dots (type code, issuer code, serial, version, check character); this one has %u"),
                   LICENCE_PREFIX, g_strv_length (fields));
      return YC_VALIDATION_INVALID;
    }

  if (!is_alnum_field (fields[0], LICENCE_FIELD_MAX))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("The licence type code (“%s”) must be 1 to %d letters or digits"),
                   fields[0], LICENCE_FIELD_MAX);
      return YC_VALIDATION_INVALID;
    }
  if (!uscc_check_format (fields[1], TRUE, error))
    return YC_VALIDATION_INVALID;
  if (!is_alnum_field (fields[2], LICENCE_FIELD_MAX))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("The licence serial (“%s”) must be 1 to %d letters or digits"),
                   fields[2], LICENCE_FIELD_MAX);
      return YC_VALIDATION_INVALID;
    }
  if (strlen (fields[3]) != 3 || strspn (fields[3], "0123456789") != 3)
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("The licence version (“%s”) must be 3 digits"), fields[3]);
      return YC_VALIDATION_INVALID;
    }
  if (!is_alnum_field (fields[4], 1))
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                   _("The check character (“%s”) must be one letter or digit"), fields[4]);
      return YC_VALIDATION_INVALID;
    }

  if (normalized != NULL)
    *normalized = g_strdup (norm);

  payload = g_strconcat (fields[0], fields[1], fields[2], fields[3], NULL);
  expected = yc_iso7064_mod_37_36_check (payload);
  if (expected != fields[4][0])
    {
      g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM,
                   _("The check character should be %c, not %c. Some issuing systems compute it differently: compare with the licence before accepting it"),
                   expected, fields[4][0]);
      return YC_VALIDATION_WARNING;
    }
  return YC_VALIDATION_VALID;
}

/* ---- Masking ---- */

/* Keeps @head characters at the start and @tail at the end, stars in between; UTF-8 aware. */
static char *
mask_keep (const char *s,
           glong       head,
           glong       tail)
{
  glong n = g_utf8_strlen (s, -1);
  GString *out = g_string_new (NULL);
  const char *tail_start;

  if (head + tail >= n)
    {
      /* Nothing would be hidden: hide everything rather than show a short value whole. */
      for (glong i = 0; i < n; i++)
        g_string_append_c (out, '*');
      return g_string_free (out, FALSE);
    }

  g_string_append_len (out, s, g_utf8_offset_to_pointer (s, head) - s);
  for (glong i = head; i < n - tail; i++)
    g_string_append_c (out, '*');
  tail_start = g_utf8_offset_to_pointer (s, n - tail);
  g_string_append (out, tail_start);
  return g_string_free (out, FALSE);
}

static char *
mask_generic (const char *norm)
{
  glong n = g_utf8_strlen (norm, -1);

  return mask_keep (norm, MIN (6, n / 3), MIN (4, n / 4));
}

/* Canonical-looking input for masking: no spaces, ASCII, upper case; NULL/invalid UTF-8 give "". */
static char *
mask_input (const char *value)
{
  char *norm;

  if (value == NULL || (norm = _yc_normalise_input (value, TRUE)) == NULL)
    return g_strdup ("");
  for (char *p = norm; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
  return norm;
}

char *
yc_mask_id_number (const char *value)
{
  g_autofree char *norm = mask_input (value);

  if (g_utf8_strlen (norm, -1) == ID_LENGTH)
    return mask_keep (norm, 6, 4);
  return mask_generic (norm);
}

char *
yc_mask_uscc (const char *value)
{
  g_autofree char *norm = mask_input (value);

  if (g_utf8_strlen (norm, -1) == USCC_LENGTH)
    return mask_keep (norm, 8, 4);
  return mask_generic (norm);
}

char *
yc_mask_phone (const char *value)
{
  g_auto(ParsedPhone) phone = { 0, };
  g_autofree char *local = NULL;

  if (!_yc_parse_phone (value, &phone, NULL))
    {
      g_autofree char *norm = mask_input (value);

      return mask_generic (norm);
    }

  if (phone.kind == YC_PHONE_KIND_MOBILE)
    return mask_keep (phone.number, 3, 4);

  local = mask_keep (phone.number, 0, 4);
  if (phone.extension != NULL)
    return g_strdup_printf ("%s-%s-%s", phone.area, local, phone.extension);
  return g_strdup_printf ("%s-%s", phone.area, local);
}
