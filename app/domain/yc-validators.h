/* yc-validators.h: checks, normalisation and display masking of ID numbers, credit codes, phones, licence ids. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Outcome of a check that can be overridden: WARNING means "well-formed, but a check character does not
 * match" (early pilot credit codes, some vendors' licence ids): the clerk may accept it, and the acceptance is
 * audited. INVALID is a hard error. In both cases the GError carries the message to show. */
typedef enum {
  YC_VALIDATION_VALID,
  YC_VALIDATION_WARNING,
  YC_VALIDATION_INVALID,
} YcValidation;

#define YC_VALIDATION_ERROR (yc_validation_error_quark ())
typedef enum {
  YC_VALIDATION_ERROR_EMPTY,      /* nothing entered */
  YC_VALIDATION_ERROR_LENGTH,     /* wrong number of characters or digits */
  YC_VALIDATION_ERROR_CHARSET,    /* a character that cannot appear at that position */
  YC_VALIDATION_ERROR_CHECKSUM,   /* check digit / check character does not match */
  YC_VALIDATION_ERROR_DATE,       /* embedded birth date does not exist or is in the future */
  YC_VALIDATION_ERROR_REGION,     /* region code is not a province code */
  YC_VALIDATION_ERROR_FORMAT,     /* structure: prefixes, separators, area codes */
} YcValidationError;
GQuark yc_validation_error_quark (void);

typedef enum {
  YC_PHONE_KIND_MOBILE,
  YC_PHONE_KIND_LANDLINE,
} YcPhoneKind;

/* Input normalisation shared by all checks: leading/trailing white space (including the ideographic space
 * U+3000) is dropped, full-width ASCII forms typed with a Chinese input method (１２３Ｘ) become ASCII. */

/* Resident identity number, GB 11643-1999: 18 characters, 17 digits and a check digit 0-9 or X (x accepted),
 * ISO 7064 MOD 11-2. Spaces inside the number (copied in groups from a form) are ignored. The first two digits
 * must be a province code; digits 7-14 are the birth date, which must exist, be in 1800 or later and not be
 * after @today (NULL: today's local date). */
gboolean     yc_id_number_validate      (const char   *value,
                                         const GDate  *today,
                                         GError      **error);
/* As yc_id_number_validate(), returning the canonical form (18 ASCII characters, upper-case X) or NULL. */
char        *yc_id_number_normalize     (const char   *value,
                                         const GDate  *today,
                                         GError      **error);
/* Check digit ('0'-'9' or 'X') for the first 17 digits of @digits17; 0 if they are not 17 ASCII digits. */
char         yc_id_number_compute_check (const char   *digits17);

/* Unified social credit code, GB 32100-2015: 18 characters of 0-9 A-H J-N P-R T U W-Y, check character with
 * weights 3^(i-1) mod 31. Lower case is accepted; spaces inside are ignored. Format errors give INVALID; a
 * check-character mismatch gives WARNING with YC_VALIDATION_ERROR_CHECKSUM. On VALID and WARNING,
 * @normalized (optional) receives the canonical upper-case code. */
YcValidation yc_uscc_validate           (const char   *value,
                                         char        **normalized,
                                         GError      **error);
/* Check character for the first 17 characters of @chars17; 0 if they are not 17 characters of the alphabet. */
char         yc_uscc_compute_check      (const char   *chars17);

/* Mainland phone numbers. Mobile: 11 digits starting 13-19, optionally after +86 or 0086, spaces and hyphens
 * allowed; canonical form "13812341234". Landline: area code (010 and 02x have 3 digits, other 0xxx 4) and a
 * 7-8 digit local number starting 2-9, optionally an extension (1-6 digits) after 转, ext, x, # or as a last
 * separated group; +86/0086 may replace the leading 0 of the area code. Canonical form "0571-87654321" or
 * "0571-87654321-123". Returns NULL with an error if the value is neither; @kind (optional) tells which. */
char        *yc_phone_normalize         (const char   *value,
                                         YcPhoneKind  *kind,
                                         GError      **error);

/* Electronic licence identifier (电子证照标识, GB/T 36904-2018):
 * "1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<3-digit version>.<check>", e.g.
 * "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F". The type code and serial are 1-64
 * letters or digits, the issuer an 18-character credit code (format only), the check character ISO/IEC 7064
 * MOD 37,36 over type code, issuer, serial and version concatenated without dots. Structure errors give
 * INVALID; a check mismatch gives WARNING (vendors differ). @normalized (optional) gets the upper-case form. */
YcValidation yc_licence_id_validate     (const char   *value,
                                         char        **normalized,
                                         GError      **error);
/* ISO/IEC 7064 MOD 37,36 check character (0-9, A-Z) for @data (digits and letters, case-insensitive);
 * 0 if @data is empty or holds any other character. "A12425GABC1234002" gives 'M'. */
char         yc_iso7064_mod_37_36_check (const char   *data);

/* Masking for display (DESIGN.md §9). These never fail and never reveal more than stated, even for input that
 * does not validate: anything unrecognised keeps at most its first third (up to 6 characters) and last quarter
 * (up to 4 characters).
 * - ID number: first 6 (region) and last 4 kept: "110105********002X".
 * - Credit code: codes are public record (national enterprise credit publicity system), so screens may show
 *   them whole; where a mask is still wanted, the first 8 (authority, category, region) and the last 4 are
 *   kept: "91110000******341L".
 * - Phone: mobile keeps the first 3 and last 4 ("138****1234"); landline keeps the area code, the last 4 digits
 *   of the local number and the extension ("0571-****4321-123"). */
char        *yc_mask_id_number          (const char   *value);
char        *yc_mask_uscc               (const char   *value);
char        *yc_mask_phone              (const char   *value);

G_END_DECLS
