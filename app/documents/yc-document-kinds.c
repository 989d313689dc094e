/* yc-document-kinds.c: what each document says: the parts every kind shares, the titles, and the
 * dispatch to the official forms (yc-document-forms.c) and the applicant guidance
 * (yc-document-guidance.c). */
#define G_LOG_DOMAIN "yc-documents"

#include <glib/gi18n.h>

#include "yc-document-private.h"

/* The official forms are legal instruments whose wording is fixed in Chinese, whatever language the
 * clerk's screen uses: their text is written here in Chinese and never translated. Only the
 * applicant guidance is translated (its msgids are English, in the "document" context, looked up in
 * the rendering's language). */
#define TR(msgid) _yc_doc_translate (language, "document", (msgid))

/* --- the parts every kind shares --- */

const char *
_yc_doc_nonempty (const char *text,
                  const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

/* Starts a table whose columns depend on the format: an A4 page has room for more than a receipt
 * roll. Each header list is NULL-terminated and gives the number of columns. */
void
_yc_doc_begin_format_table (YcDocBuilder       *builder,
                            gboolean            a4,
                            const double       *a4_widths,
                            const char * const *a4_headers,
                            const double       *roll_widths,
                            const char * const *roll_headers)
{
  const char * const *headers = a4 ? a4_headers : roll_headers;

  _yc_doc_builder_begin_table (builder, g_strv_length ((char **) headers),
                               a4 ? a4_widths : roll_widths, headers);
}

void
_yc_doc_add_fields (YcDocBuilder     *builder,
                    YcDocFormat       format,
                    const YcDocField *fields,
                    guint             n_fields)
{
  static const double four[] = { 1.25, 2.2, 1.25, 2.2 };
  static const double two[] = { 1.0, 2.1 };
  gboolean wide_page = format == YC_DOC_FORMAT_A4;
  GArray *pending = g_array_new (FALSE, TRUE, sizeof (YcDocCell));

  _yc_doc_builder_begin_table (builder, wide_page ? 4 : 2, wide_page ? four : two, NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      YcDocCell label = { fields[i].label, 1, TRUE };
      YcDocCell value = { fields[i].value, 1, FALSE };

      if (fields[i].value == NULL)
        continue;
      if (!wide_page)
        {
          YcDocCell row[] = { label, value };

          _yc_doc_builder_add_row (builder, row, 2);
          continue;
        }
      if (fields[i].wide || g_utf8_strlen (fields[i].value, -1) > 22)
        {
          /* Flush a half-filled row first, so the wide one starts on its own line. */
          if (pending->len > 0)
            {
              _yc_doc_builder_add_row (builder, (YcDocCell *) pending->data, pending->len);
              g_array_set_size (pending, 0);
            }
          value.span = 3;
          {
            YcDocCell row[] = { label, value };

            _yc_doc_builder_add_row (builder, row, 2);
          }
          continue;
        }
      g_array_append_val (pending, label);
      g_array_append_val (pending, value);
      if (pending->len == 4)
        {
          _yc_doc_builder_add_row (builder, (YcDocCell *) pending->data, 4);
          g_array_set_size (pending, 0);
        }
    }
  if (pending->len > 0)
    _yc_doc_builder_add_row (builder, (YcDocCell *) pending->data, pending->len);
  _yc_doc_builder_end_table (builder);
  g_array_unref (pending);
}

/* --- dispatch --- */

const char *
_yc_doc_data_title (const YcDocData     *data,
                    const YcDocLanguage *language)
{
  switch (data->kind)
    {
    case YC_DOC_RECEIPT:
      return "受理凭证";
    case YC_DOC_NOTICE_ONCE:
      return "一次性告知书";
    case YC_DOC_REFUSAL:
      return "不予受理通知书";
    case YC_DOC_TOLERANCE:
      return "容缺受理通知书";
    case YC_DOC_COMMITMENT:
      return "告知承诺书";
    case YC_DOC_HANDOVER:
      return "办理结果领取记录";
    case YC_DOC_GUIDANCE:
      return language != NULL ? TR (NC_("document", "Applicant guidance")) : "Applicant guidance";
    case YC_DOC_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
_yc_doc_build_content (const YcDocData     *data,
                       const YcDocLanguage *language,
                       YcDocBuilder        *builder,
                       GError             **error)
{
  switch (data->kind)
    {
    case YC_DOC_RECEIPT:
      return _yc_doc_build_receipt (data, builder, error);
    case YC_DOC_NOTICE_ONCE:
      return _yc_doc_build_notice_once (data, builder, error);
    case YC_DOC_REFUSAL:
      return _yc_doc_build_refusal (data, builder, error);
    case YC_DOC_TOLERANCE:
      return _yc_doc_build_tolerance (data, builder, error);
    case YC_DOC_COMMITMENT:
      return _yc_doc_build_commitment (data, builder, error);
    case YC_DOC_HANDOVER:
      return _yc_doc_build_handover (data, builder, error);
    case YC_DOC_GUIDANCE:
      return _yc_doc_build_guidance (data, language, builder, error);
    case YC_DOC_N_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}
