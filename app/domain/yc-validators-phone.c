/* yc-validators-phone.c: mainland phone numbers (mobile, landline, extension): parsing and the
 * canonical form; their mask is with the others in yc-validators.c. */
#define G_LOG_DOMAIN "yc-validators"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-validators-private.h"

/* ---- Phone numbers ---- */

void
_yc_parsed_phone_clear (ParsedPhone *phone)
{
  g_clear_pointer (&phone->area, g_free);
  g_clear_pointer (&phone->number, g_free);
  g_clear_pointer (&phone->extension, g_free);
}

static gboolean
is_phone_separator (char c)
{
  return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/';
}

/* Finds the first extension marker in @norm; returns its byte offset and sets @marker_len, or -1. */
static gssize
find_extension_marker (const char *norm,
                       gsize      *marker_len)
{
  /* Longer markers first: at equal positions the first one listed wins. */
  static const char *markers[] = { "分机", "转", "ext.", "ext", "x", "#", "," };
  g_autofree char *lower = g_ascii_strdown (norm, -1);
  gssize best = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *hit = strstr (lower, markers[i]);

      if (hit != NULL && (best < 0 || hit - lower < best))
        {
          best = hit - lower;
          *marker_len = strlen (markers[i]);
        }
    }
  return best;
}

gboolean
_yc_parse_phone (const char   *value,
                 ParsedPhone  *out,
                 GError      **error)
{
  g_autofree char *norm = NULL;
  g_autofree char *main_part = NULL;
  g_autofree char *extension = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean plus = FALSE;
  gboolean international = FALSE;
  gsize marker_len = 0;
  gssize marker;
  const char *d;
  gsize len;

  if (value == NULL || (norm = _yc_normalise_input (value, FALSE)) == NULL || norm[0] == '\0')
    {
      if (value != NULL && norm == NULL)
        _yc_set_invalid_utf8 (error);
      else
        g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                             _("Enter a phone number"));
      return FALSE;
    }

  marker = find_extension_marker (norm, &marker_len);
  if (marker >= 0)
    {
      g_autoptr(GString) ext = g_string_new (NULL);
      const char *rest = norm + marker + marker_len;

      main_part = g_strndup (norm, marker);
      for (const char *p = rest; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (ext, *p);
      /* Only digits and light punctuation may follow the marker ("转 123", "ext. 123", "x:123"). */
      if (ext->len < 1 || ext->len > 6 || strspn (rest, "0123456789 -.:") != strlen (rest))
        {
          g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                               _("An extension must be 1 to 6 digits"));
          return FALSE;
        }
      extension = g_string_free (g_steal_pointer (&ext), FALSE);
    }
  else
    main_part = g_strdup (norm);

  /* Digits in groups: where the clerk put a separator matters for finding an unmarked extension. */
  for (const char *p = main_part; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (is_phone_separator (*p))
        {
          if (digits->len > 0 &&
              (bounds->len == 0 || g_array_index (bounds, gsize, bounds->len - 1) != digits->len))
            g_array_append_val (bounds, digits->len);
        }
      else
        {
          g_autofree char *c = g_strndup (p, g_utf8_next_char (p) - p);

          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET,
                       _("“%s” cannot appear in a phone number"), c);
          return FALSE;
        }
    }

  d = digits->str;
  if (plus)
    {
      if (!g_str_has_prefix (d, "86"))
        {
          g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                               _("Only mainland China numbers (+86) are accepted"));
          return FALSE;
        }
      d += 2;
      international = TRUE;
    }
  else if (g_str_has_prefix (d, "0086"))
    {
      d += 4;
      international = TRUE;
    }

  {
    /* Rebase the group boundaries on @d; an international landline drops the area code's 0: put it back. */
    gsize skip = d - digits->str;
    g_autofree char *rebased = NULL;
    gsize shift = 0;

    if (international && d[0] != '0' && d[0] != '\0' &&
        !(d[0] == '1' && d[1] >= '3' && d[1] <= '9' && strlen (d) == 11))
      {
        rebased = g_strconcat ("0", d, NULL);
        shift = 1;
      }
    else
      rebased = g_strdup (d);

    for (guint i = 0; i < bounds->len; i++)
      {
        gsize *b = &g_array_index (bounds, gsize, i);

        *b = *b >= skip ? *b - skip + shift : 0;
      }
    g_string_assign (digits, rebased);
    d = digits->str;
  }

  len = strlen (d);
  if (len == 0)
    {
      g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_EMPTY,
                           _("Enter a phone number"));
      return FALSE;
    }

  if (d[0] == '1')
    {
      if (extension != NULL)
        {
          g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                               _("A mobile number has no extension"));
          return FALSE;
        }
      if (len != 11)
        {
          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "A mobile number has 11 digits; this one has %u",
                                    "A mobile number has 11 digits; this one has %u",
                                    (guint) len),
                       (guint) len);
          return FALSE;
        }
      if (d[1] < '3')
        {
          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                       _("Mobile numbers start with 13 to 19, not %.2s"), d);
          return FALSE;
        }
      out->kind = YC_PHONE_KIND_MOBILE;
      out->number = g_strdup (d);
      return TRUE;
    }

  if (d[0] == '0')
    {
      gsize area_len;
      gsize local_len;

      if (g_str_has_prefix (d, "010") || g_str_has_prefix (d, "02"))
        area_len = 3;
      else if (d[1] >= '3' && d[1] <= '9')
        area_len = 4;
      else
        {
          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                       _("“%.3s” is not an area code: area codes are 010, 02x or 0 and three digits starting 3 to 9"),
                       d);
          return FALSE;
        }

      if (len < area_len + 7)
        {
          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                       _("After the area code %.*s a landline has a 7 or 8 digit local number"),
                       (int) area_len, d);
          return FALSE;
        }

      local_len = len - area_len;
      if (local_len > 8)
        {
          /* No marked extension, more digits than a local number: the clerk's last separator splits it off. */
          gsize split = 0;

          if (extension == NULL)
            {
              for (guint i = 0; i < bounds->len && split == 0; i++)
                {
                  gsize b = g_array_index (bounds, gsize, i);

                  if (b == area_len + 8 || b == area_len + 7)
                    split = b;
                }
            }
          if (split == 0 || len - split > 6)
            {
              g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH,
                           _("After the area code %.*s a landline has a 7 or 8 digit local number; write an extension after “转”"),
                           (int) area_len, d);
              return FALSE;
            }
          extension = g_strdup (d + split);
          local_len = split - area_len;
        }

      if (d[area_len] == '0' || d[area_len] == '1')
        {
          g_set_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                       _("Local numbers start with 2 to 9: check the area code %.*s and what follows it"),
                       (int) area_len, d);
          return FALSE;
        }

      out->kind = YC_PHONE_KIND_LANDLINE;
      out->area = g_strndup (d, area_len);
      out->number = g_strndup (d + area_len, local_len);
      out->extension = g_steal_pointer (&extension);
      return TRUE;
    }

  if (len == 7 || len == 8)
    g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                         _("Add the area code (for example 0571) before a landline number"));
  else
    g_set_error_literal (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT,
                         _("This is neither a mobile number (11 digits starting 1) nor a landline number with its area code"));
  return FALSE;
}

char *
yc_phone_normalize (const char   *value,
                    YcPhoneKind  *kind,
                    GError      **error)
{
  g_auto(ParsedPhone) phone = { 0, };

  if (!_yc_parse_phone (value, &phone, error))
    return NULL;

  if (kind != NULL)
    *kind = phone.kind;

  if (phone.kind == YC_PHONE_KIND_MOBILE)
    return g_strdup (phone.number);
  if (phone.extension != NULL)
    return g_strdup_printf ("%s-%s-%s", phone.area, phone.number, phone.extension);
  return g_strdup_printf ("%s-%s", phone.area, phone.number);
}
