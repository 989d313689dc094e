/* yc-validators-private.h: what the validators' files share: the input clean-up and the parsed
 * phone; not for use outside app/domain. */
#pragma once

#include "yc-validators.h"

G_BEGIN_DECLS

/* yc-validators.c */
char     *_yc_normalise_input    (const char   *value,
                                  gboolean      drop_spaces);
void      _yc_set_invalid_utf8   (GError      **error);

/* yc-validators-phone.c */
typedef struct {
  YcPhoneKind kind;
  char *area;     /* landline only */
  char *number;   /* mobile: all 11 digits */
  char *extension;
} ParsedPhone;

void      _yc_parsed_phone_clear (ParsedPhone  *phone);
gboolean  _yc_parse_phone        (const char   *value,
                                  ParsedPhone  *out,
                                  GError      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParsedPhone, _yc_parsed_phone_clear)

G_END_DECLS
