/* test-validators.c: ID numbers, credit codes, phones, e-licence ids and masks against the public test vectors. */
#include <string.h>
#include <glib.h>

#include "yc-validators.h"

/* A fixed "today" so that birth dates near the present give the same answer every year. */
static GDate *
make_date (int year,
           int month,
           int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_id_error (const char *value,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2026, 3, 1);
  g_autofree char *norm = yc_id_number_normalize (value, today, &error);

  g_assert_error (error, YC_VALIDATION_ERROR, code);
  g_assert_null (norm);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_false (yc_id_number_validate (value, today, &error));
  g_assert_error (error, YC_VALIDATION_ERROR, code);
}

static void
assert_id_valid (const char *value,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2026, 3, 1);
  g_autofree char *norm = yc_id_number_normalize (value, today, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (norm, ==, expected);
  g_assert_true (yc_id_number_validate (value, today, &error));
  g_assert_no_error (error);
  /* Without an explicit today the real date is used; these vectors are all in the past. */
  g_assert_true (yc_id_number_validate (value, NULL, &error));
  g_assert_no_error (error);
}

static void
test_id_valid (void)
{
  assert_id_valid ("11010519491231002X", "11010519491231002X");
  assert_id_valid ("360426199101010071", "360426199101010071");
  assert_id_valid ("321083197812162119", "321083197812162119");
  /* Early years are real birth dates. */
  assert_id_valid ("110105188001010017", "110105188001010017");
  /* A leap day in a leap year. */
  assert_id_valid ("110105200002290021", "110105200002290021");
}

static void
test_id_check_digit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2026, 3, 1);

  g_assert_cmpint (yc_id_number_compute_check ("11010519491231002"), ==, 'X');
  g_assert_cmpint (yc_id_number_compute_check ("36042619910101007"), ==, '1');
  g_assert_cmpint (yc_id_number_compute_check ("32108319781216211"), ==, '9');
  g_assert_cmpint (yc_id_number_compute_check ("1101051949123100A"), ==, 0);
  g_assert_cmpint (yc_id_number_compute_check ("1101051949"), ==, 0);

  g_assert_false (yc_id_number_validate ("110105194912310021", today, &error));
  g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM);
  /* The message names the expected and the typed check digit. */
  g_assert_nonnull (strstr (error->message, "should be X, not 1"));
  g_clear_error (&error);

  /* An X where a digit is due. */
  g_assert_false (yc_id_number_validate ("36042619910101007X", today, &error));
  g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "should be 1, not X"));
}

static void
test_id_lowercase_and_input_forms (void)
{
  /* Lower-case x, surrounding and inner spaces, full-width forms from a Chinese input method. */
  assert_id_valid ("11010519491231002x", "11010519491231002X");
  assert_id_valid ("  11010519491231002X\t", "11010519491231002X");
  assert_id_valid ("110105 19491231 002X", "11010519491231002X");
  assert_id_valid ("\xe3\x80\x80" "11010519491231002x" "\xe3\x80\x80", "11010519491231002X");
  assert_id_valid ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X");
  assert_id_valid ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X");
}

static void
test_id_invalid_date (void)
{
  char digits[19];
  g_autoptr(GError) error = NULL;

  /* 1949-02-30 does not exist; the check digit is right (computed independently: 0). */
  g_assert_cmpint (yc_id_number_compute_check ("11010519490230002"), ==, '0');
  assert_id_error ("110105194902300020", YC_VALIDATION_ERROR_DATE);

  /* Other impossible dates, each with a correct check digit computed here. */
  {
    const char *bodies[] = {
      "11010519491301002",  /* month 13 */
      "11010519490001002",  /* month 0 */
      "11010519490100002",  /* day 0 */
      "11010519490431002",  /* 31 April */
      "11010519000229002",  /* 1900 is not a leap year */
      "11010517990101002",  /* before 1800 */
    };

    for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        memcpy (digits, bodies[i], 17);
        digits[17] = yc_id_number_compute_check (bodies[i]);
        digits[18] = '\0';
        g_assert_cmpint (digits[17], !=, 0);
        assert_id_error (digits, YC_VALIDATION_ERROR_DATE);
      }
  }

  /* Digits 7-14 are reported so the clerk knows where to look. */
  g_assert_false (yc_id_number_validate ("110105194902300020", NULL, &error));
  g_assert_nonnull (strstr (error->message, "19490230"));
}

static void
test_id_future_birth_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) before = make_date (2029, 12, 31);
  g_autoptr(GDate) same_day = make_date (2030, 1, 1);

  /* 2030-01-01 with a correct check digit (8). */
  g_assert_false (yc_id_number_validate ("110105203001010028", before, &error));
  g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_DATE);
  g_clear_error (&error);
  /* Born today is fine. */
  g_assert_true (yc_id_number_validate ("110105203001010028", same_day, &error));
  g_assert_no_error (error);
  /* Against the real clock: far enough ahead to stay in the future for the life of this code. */
  {
    char digits[19] = "11010521000101002";

    digits[17] = yc_id_number_compute_check (digits);
    g_assert_false (yc_id_number_validate (digits, NULL, &error));
    g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_DATE);
  }
}

static void
test_id_length_and_charset (void)
{
  assert_id_error (NULL, YC_VALIDATION_ERROR_EMPTY);
  assert_id_error ("", YC_VALIDATION_ERROR_EMPTY);
  assert_id_error ("   ", YC_VALIDATION_ERROR_EMPTY);
  assert_id_error ("11010519491231002", YC_VALIDATION_ERROR_LENGTH);
  assert_id_error ("11010519491231002X1", YC_VALIDATION_ERROR_LENGTH);
  /* First-generation 15-digit number. */
  assert_id_error ("110105491231002", YC_VALIDATION_ERROR_LENGTH);
  assert_id_error ("11010519491231002Y", YC_VALIDATION_ERROR_CHARSET);
  assert_id_error ("1101051949123100AX", YC_VALIDATION_ERROR_CHARSET);
  assert_id_error ("X10105194912310021", YC_VALIDATION_ERROR_CHARSET);
  assert_id_error ("11010519491231002中", YC_VALIDATION_ERROR_CHARSET);
  assert_id_error ("\xff\xfe" "0105194912310021", YC_VALIDATION_ERROR_CHARSET);
}

static void
test_id_region (void)
{
  char digits[19] = "99010519491231002";

  /* 99 is not a province; the check digit is right (3), so only the region catches it. */
  digits[17] = yc_id_number_compute_check (digits);
  g_assert_cmpint (digits[17], ==, '3');
  assert_id_error (digits, YC_VALIDATION_ERROR_REGION);

  /* Each boundary of the province table. */
  {
    const struct { const char *prefix; gboolean ok; } cases[] = {
      { "10", FALSE }, { "11", TRUE }, { "15", TRUE }, { "16", FALSE }, { "20", FALSE }, { "21", TRUE },
      { "23", TRUE }, { "24", FALSE }, { "31", TRUE }, { "37", TRUE }, { "38", FALSE }, { "41", TRUE },
      { "46", TRUE }, { "47", FALSE }, { "50", TRUE }, { "54", TRUE }, { "55", FALSE }, { "61", TRUE },
      { "65", TRUE }, { "66", FALSE }, { "71", TRUE }, { "72", FALSE }, { "81", TRUE }, { "82", TRUE },
      { "83", TRUE }, { "84", FALSE }, { "91", TRUE }, { "92", FALSE }, { "00", FALSE },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GDate) today = make_date (2026, 3, 1);

        memcpy (digits, cases[i].prefix, 2);
        digits[17] = yc_id_number_compute_check (digits);
        g_assert_cmpint (yc_id_number_validate (digits, today, &error), ==, cases[i].ok);
        if (!cases[i].ok)
          g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_REGION);
      }
  }
}

static void
test_uscc_valid (void)
{
  const char *valid[] = { "91110000600037341L", "91350100M000100Y43", "11100000000013338W" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = NULL;

      g_assert_cmpint (yc_uscc_validate (valid[i], &norm, &error), ==, YC_VALIDATION_VALID);
      g_assert_no_error (error);
      g_assert_cmpstr (norm, ==, valid[i]);
      g_assert_cmpint (yc_uscc_compute_check (valid[i]), ==, valid[i][17]);
    }

  /* Lower case, spaces and full-width forms are normalised. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = NULL;

    g_assert_cmpint (yc_uscc_validate (" 91350100m000100y43 ", &norm, &error), ==, YC_VALIDATION_VALID);
    g_assert_cmpstr (norm, ==, "91350100M000100Y43");
    g_clear_pointer (&norm, g_free);
    g_assert_cmpint (yc_uscc_validate ("９１１１００００６０００３７３４１Ｌ", &norm, &error), ==,
                     YC_VALIDATION_VALID);
    g_assert_cmpstr (norm, ==, "91110000600037341L");
    g_clear_pointer (&norm, g_free);
    /* @normalized is optional. */
    g_assert_cmpint (yc_uscc_validate ("11100000000013338W", NULL, &error), ==, YC_VALIDATION_VALID);
    g_assert_no_error (error);
  }
}

static void
test_uscc_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = NULL;

  /* Well-formed, wrong check character: overridable, and the normalised value is still returned. */
  g_assert_cmpint (yc_uscc_validate ("91110000600037341A", &norm, &error), ==, YC_VALIDATION_WARNING);
  g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "should be L, not A"));
  g_assert_cmpstr (norm, ==, "91110000600037341A");
  g_clear_error (&error);
  g_clear_pointer (&norm, g_free);

  /* A single mistyped body character also gives a warning only. */
  g_assert_cmpint (yc_uscc_validate ("91110000600037342L", &norm, &error), ==, YC_VALIDATION_WARNING);
  g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM);

  g_assert_cmpint (yc_uscc_compute_check ("9111000060003734"), ==, 0);
  g_assert_cmpint (yc_uscc_compute_check ("91110000600037O41"), ==, 0);
}

static void
test_uscc_invalid (void)
{
  const struct { const char *value; int code; } cases[] = {
    { NULL, YC_VALIDATION_ERROR_EMPTY },
    { "", YC_VALIDATION_ERROR_EMPTY },
    { "9111000060003734L", YC_VALIDATION_ERROR_LENGTH },
    { "91110000600037341L0", YC_VALIDATION_ERROR_LENGTH },
    /* Letters the alphabet leaves out. */
    { "91110000600O37341L", YC_VALIDATION_ERROR_CHARSET },
    { "91110000600037341I", YC_VALIDATION_ERROR_CHARSET },
    { "9111000060003734SL", YC_VALIDATION_ERROR_CHARSET },
    { "9111000060003734-L", YC_VALIDATION_ERROR_CHARSET },
    { "9111000060003734中L", YC_VALIDATION_ERROR_CHARSET },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *norm = NULL;

      g_assert_cmpint (yc_uscc_validate (cases[i].value, &norm, &error), ==, YC_VALIDATION_INVALID);
      g_assert_error (error, YC_VALIDATION_ERROR, cases[i].code);
      g_assert_null (norm);
    }

  /* A lookalike letter gets a hint at the digit that was meant. */
  {
    g_autoptr(GError) error = NULL;

    yc_uscc_validate ("91110000600O37341L", NULL, &error);
    g_assert_nonnull (strstr (error->message, "“0”"));
  }
}

static void
assert_phone (const char  *value,
              const char  *expected,
              YcPhoneKind  expected_kind)
{
  g_autoptr(GError) error = NULL;
  YcPhoneKind kind = expected_kind == YC_PHONE_KIND_MOBILE ? YC_PHONE_KIND_LANDLINE : YC_PHONE_KIND_MOBILE;
  g_autofree char *norm = yc_phone_normalize (value, &kind, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (norm, ==, expected);
  g_assert_cmpint (kind, ==, expected_kind);
}

static void
assert_phone_error (const char *value,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = yc_phone_normalize (value, NULL, &error);

  g_assert_error (error, YC_VALIDATION_ERROR, code);
  g_assert_null (norm);
}

static void
test_phone_mobile (void)
{
  assert_phone ("13812341234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("138 1234 1234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("138-1234-1234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("+86 138 1234 1234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("+8613812341234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("0086-138-1234-1234", "13812341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("(+86) 19912341234", "19912341234", YC_PHONE_KIND_MOBILE);
  assert_phone ("１３８１２３４１２３４", "13812341234", YC_PHONE_KIND_MOBILE);

  assert_phone_error (NULL, YC_VALIDATION_ERROR_EMPTY);
  assert_phone_error ("  ", YC_VALIDATION_ERROR_EMPTY);
  assert_phone_error ("12812341234", YC_VALIDATION_ERROR_FORMAT);
  assert_phone_error ("1381234123", YC_VALIDATION_ERROR_LENGTH);
  assert_phone_error ("138123412345", YC_VALIDATION_ERROR_LENGTH);
  assert_phone_error ("+44 20 7946 0958", YC_VALIDATION_ERROR_FORMAT);
  assert_phone_error ("138 1234 1234 转 12", YC_VALIDATION_ERROR_FORMAT);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = yc_phone_normalize ("+86 138 1234 1234 ext 5", NULL, &error);

    /* Said as it is, not as a bad area code "013". */
    g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "mobile"));
  }
  assert_phone_error ("138a12341234", YC_VALIDATION_ERROR_CHARSET);
  assert_phone_error ("138+12341234", YC_VALIDATION_ERROR_CHARSET);
}

static void
test_phone_landline (void)
{
  assert_phone ("0571-87654321", "0571-87654321", YC_PHONE_KIND_LANDLINE);
  assert_phone ("057187654321", "0571-87654321", YC_PHONE_KIND_LANDLINE);
  assert_phone ("(0571) 8765 4321", "0571-87654321", YC_PHONE_KIND_LANDLINE);
  assert_phone ("010-62345678", "010-62345678", YC_PHONE_KIND_LANDLINE);
  assert_phone ("01062345678", "010-62345678", YC_PHONE_KIND_LANDLINE);
  assert_phone ("021-6234567", "021-6234567", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0931-8123456", "0931-8123456", YC_PHONE_KIND_LANDLINE);
  /* International forms drop the area code's 0. */
  assert_phone ("+86 571 8765 4321", "0571-87654321", YC_PHONE_KIND_LANDLINE);
  assert_phone ("+86 10 62345678", "010-62345678", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0086 (0)10 6234 5678", "010-62345678", YC_PHONE_KIND_LANDLINE);
  /* Extensions, marked or as a last separated group. */
  assert_phone ("0571-87654321转123", "0571-87654321-123", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321 分机 8001", "0571-87654321-8001", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321 ext. 8001", "0571-87654321-8001", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321 EXT 8001", "0571-87654321-8001", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321x8001", "0571-87654321-8001", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321#8", "0571-87654321-8", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571-87654321-8001", "0571-87654321-8001", YC_PHONE_KIND_LANDLINE);
  assert_phone ("0571 8765 4321 123", "0571-87654321-123", YC_PHONE_KIND_LANDLINE);
  assert_phone ("021-6234567-89", "021-6234567-89", YC_PHONE_KIND_LANDLINE);
  assert_phone ("０５７１－８７６５４３２１", "0571-87654321", YC_PHONE_KIND_LANDLINE);

  /* No area code. */
  assert_phone_error ("87654321", YC_VALIDATION_ERROR_FORMAT);
  /* 01x other than 010 is no area code; 00 neither. */
  assert_phone_error ("0171234567", YC_VALIDATION_ERROR_FORMAT);
  /* Too short, too long without a separated extension. */
  assert_phone_error ("0571-8765", YC_VALIDATION_ERROR_LENGTH);
  assert_phone_error ("05718765432112", YC_VALIDATION_ERROR_LENGTH);
  assert_phone_error ("0571-87654321-1234567", YC_VALIDATION_ERROR_LENGTH);
  /* A local number never starts with 0 or 1. */
  assert_phone_error ("010-12345678", YC_VALIDATION_ERROR_FORMAT);
  /* Bad extensions. */
  assert_phone_error ("0571-87654321转", YC_VALIDATION_ERROR_FORMAT);
  assert_phone_error ("0571-87654321转1234567", YC_VALIDATION_ERROR_FORMAT);
  assert_phone_error ("0571-87654321转12a", YC_VALIDATION_ERROR_FORMAT);
  assert_phone_error ("电话 0571-87654321", YC_VALIDATION_ERROR_CHARSET);
  assert_phone_error ("12345", YC_VALIDATION_ERROR_LENGTH);
  assert_phone_error ("23456", YC_VALIDATION_ERROR_FORMAT);
}

static void
test_licence_id (void)
{
  const char *valid[] = {
    /* A real identifier from a published data catalogue. */
    "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
    /* Built here; check character computed independently with python-stdnum's algorithm. */
    "1.2.156.3005.2.11100000000013338W032.91350100M000100Y43.12345.001.U",
  };

  g_assert_cmpint (yc_iso7064_mod_37_36_check ("A12425GABC1234002"), ==, 'M');
  g_assert_cmpint (yc_iso7064_mod_37_36_check ("a12425gabc1234002"), ==, 'M');
  g_assert_cmpint (yc_iso7064_mod_37_36_check ("0"), ==, '2');
  g_assert_cmpint (yc_iso7064_mod_37_36_check ("Z"), ==, '4');
  g_assert_cmpint (yc_iso7064_mod_37_36_check ("ABC"), ==, 'Z');
  g_assert_cmpint (yc_iso7064_mod_37_36_check (""), ==, 0);
  g_assert_cmpint (yc_iso7064_mod_37_36_check ("A-1"), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = NULL;

      g_assert_cmpint (yc_licence_id_validate (valid[i], &norm, &error), ==, YC_VALIDATION_VALID);
      g_assert_no_error (error);
      g_assert_cmpstr (norm, ==, valid[i]);
    }

  /* Lower case and surrounding spaces. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = NULL;

    g_assert_cmpint (yc_licence_id_validate (" 1.2.156.3005.2.11100000000013338w032.11220000013544541j.2430599.001.f ",
                                             &norm, &error), ==, YC_VALIDATION_VALID);
    g_assert_cmpstr (norm, ==, valid[0]);
  }

  /* A wrong check character is only a warning. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = NULL;

    g_assert_cmpint (yc_licence_id_validate ("1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G",
                                             &norm, &error), ==, YC_VALIDATION_WARNING);
    g_assert_error (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHECKSUM);
    g_assert_nonnull (strstr (error->message, "should be F, not G"));
    g_assert_nonnull (norm);
  }

  /* Structure errors are hard. */
  {
    const struct { const char *value; int code; } cases[] = {
      { NULL, YC_VALIDATION_ERROR_EMPTY },
      { "", YC_VALIDATION_ERROR_EMPTY },
      { "1.2.156.3005.1.11100000000013338W032.11220000013544541J.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      { "11100000000013338W032.11220000013544541J.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F.1", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2..11220000013544541J.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W-32.11220000013544541J.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      /* Issuer: wrong length, a letter credit codes never use. */
      { "1.2.156.3005.2.11100000000013338W032.1122000001354454J.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541O.2430599.001.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J..001.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.01.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.0A1.F", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.FF", YC_VALIDATION_ERROR_FORMAT },
      { "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.*", YC_VALIDATION_ERROR_FORMAT },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        char *norm = NULL;

        g_assert_cmpint (yc_licence_id_validate (cases[i].value, &norm, &error), ==, YC_VALIDATION_INVALID);
        g_assert_error (error, YC_VALIDATION_ERROR, cases[i].code);
        g_assert_null (norm);
      }
  }
}

static void
assert_mask (char       *masked,
             const char *expected)
{
  g_assert_cmpstr (masked, ==, expected);
  g_free (masked);
}

static void
test_mask (void)
{
  assert_mask (yc_mask_id_number ("11010519491231002X"), "110105********002X");
  assert_mask (yc_mask_id_number ("11010519491231002x"), "110105********002X");
  assert_mask (yc_mask_id_number ("110105 19491231 002X"), "110105********002X");
  /* Invalid values are masked too: never shown whole. */
  assert_mask (yc_mask_id_number ("110105194912310021"), "110105********0021");
  assert_mask (yc_mask_id_number ("1101051949"), "110*****49");
  assert_mask (yc_mask_id_number ("12"), "**");
  assert_mask (yc_mask_id_number (""), "");
  assert_mask (yc_mask_id_number (NULL), "");

  assert_mask (yc_mask_uscc ("91110000600037341L"), "91110000******341L");
  assert_mask (yc_mask_uscc ("91350100m000100y43"), "91350100******0Y43");

  assert_mask (yc_mask_phone ("13812341234"), "138****1234");
  assert_mask (yc_mask_phone ("+86 138-1234-1234"), "138****1234");
  assert_mask (yc_mask_phone ("0571-87654321"), "0571-****4321");
  assert_mask (yc_mask_phone ("0571-87654321转123"), "0571-****4321-123");
  assert_mask (yc_mask_phone ("021 6234567"), "021-***4567");
  assert_mask (yc_mask_phone ("12345"), "1***5");
  assert_mask (yc_mask_phone (NULL), "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/validators/id/valid", test_id_valid);
  g_test_add_func ("/yc/validators/id/check-digit", test_id_check_digit);
  g_test_add_func ("/yc/validators/id/lowercase-and-input-forms", test_id_lowercase_and_input_forms);
  g_test_add_func ("/yc/validators/id/invalid-date", test_id_invalid_date);
  g_test_add_func ("/yc/validators/id/future-birth-date", test_id_future_birth_date);
  g_test_add_func ("/yc/validators/id/length-and-charset", test_id_length_and_charset);
  g_test_add_func ("/yc/validators/id/region", test_id_region);
  g_test_add_func ("/yc/validators/uscc/valid", test_uscc_valid);
  g_test_add_func ("/yc/validators/uscc/warning", test_uscc_warning);
  g_test_add_func ("/yc/validators/uscc/invalid", test_uscc_invalid);
  g_test_add_func ("/yc/validators/phone/mobile", test_phone_mobile);
  g_test_add_func ("/yc/validators/phone/landline", test_phone_landline);
  g_test_add_func ("/yc/validators/licence-id", test_licence_id);
  g_test_add_func ("/yc/validators/mask", test_mask);

  return g_test_run ();
}
