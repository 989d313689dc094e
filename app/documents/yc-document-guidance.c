/* yc-document-guidance.c: what the applicant guidance (办事指南) says, in the applicant's language. */
#define G_LOG_DOMAIN "yc-documents"

#include <glib/gi18n.h>

#include "yc-document-private.h"

/* The guidance is translated: its msgids are English, in the "document" context, looked up in the
 * rendering's language (the official forms, in yc-document-forms.c, are never translated). */
#define TR(msgid) _yc_doc_translate (language, "document", (msgid))

/* Guidance dates: ISO 8601 in every language (month names would need the process locale). */
static char *
format_date_time_iso (GDateTime *date_time)
{
  return date_time != NULL ? g_date_time_format (date_time, "%Y-%m-%d") : g_strdup ("");
}

static const char *
form_label (const YcDocLanguage *language,
            YcMaterialForm       form)
{
  switch (form)
    {
    case YC_MATERIAL_FORM_PAPER:
      return TR (NC_("document", "Paper"));
    case YC_MATERIAL_FORM_ELECTRONIC:
      return TR (NC_("document", "Electronic"));
    case YC_MATERIAL_FORM_EITHER:
    default:
      return TR (NC_("document", "Paper or electronic"));
    }
}

static const char *
case_type_label (const YcDocLanguage *language,
                 YcCaseType           type)
{
  switch (type)
    {
    case YC_CASE_TYPE_IMMEDIATE:
      return TR (NC_("document", "Immediate (decided on the spot)"));
    case YC_CASE_TYPE_PROMISED:
      return TR (NC_("document", "Promised (decided within the promised time)"));
    case YC_CASE_TYPE_REPORTED:
      return TR (NC_("document", "Reported to a higher authority"));
    case YC_CASE_TYPE_JOINT:
    default:
      return TR (NC_("document", "Joint (several departments)"));
    }
}

static char *
days_text (const YcDocLanguage *language,
           guint                days)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* Translations of "%u working days" keep the one conversion. */
  if (days == 0)
    return g_strdup (TR (NC_("document", "Decided on the spot")));
  return g_strdup_printf (TR (NC_("document", "%u working days")), days);
#pragma GCC diagnostic pop
}

/* "Label: value", with the colon the language uses (Chinese has a full-width one). */
static char *
label_value (const YcDocLanguage *language,
             const char          *label,
             const char          *value)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* Translators keep both %s: the label, then the value. */
  return g_strdup_printf (TR (NC_("document", "%s: %s")), label, value);
#pragma GCC diagnostic pop
}

gboolean
_yc_doc_build_guidance (const YcDocData     *data,
                        const YcDocLanguage *language,
                        YcDocBuilder        *builder,
                        GError             **error)
{
  gboolean a4 = data->format == YC_DOC_FORMAT_A4;
  g_autofree char *number = NULL;
  g_autofree char *payload = _yc_doc_data_qr_payload (data);
  g_autofree char *legal = days_text (language, data->legal_days);
  g_autofree char *promised = days_text (language, data->promised_days);
  g_autofree char *issued = format_date_time_iso (data->issued_at);
  g_autofree char *footer = NULL;
  const char *fees = _yc_doc_nonempty (data->fees, TR (NC_("document", "Free of charge")));
  const char *material = TR (NC_("document", "Material"));
  const char *originals_header = TR (NC_("document", "Originals"));
  const char *copies_header = TR (NC_("document", "Copies"));
  guint n = 0;

  if (!data->has_item)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
                   _("Guidance needs the service item it is about"));
      return FALSE;
    }

  if (data->has_case && data->case_no != NULL)
    number = label_value (language, TR (NC_("document", "Case No.")), data->case_no);
  else
    number = label_value (language, TR (NC_("document", "Item code")),
                          _yc_doc_nonempty (data->item_code, ""));
  _yc_doc_builder_set_identity (builder, number, payload,
                                data->has_case ? TR (NC_("document", "Scan to check progress"))
                                               : TR (NC_("document", "Scan for this item online")));
  _yc_doc_builder_begin_copy (builder, TR (NC_("document", "Applicant guidance")), NULL);
  {
    YcDocField fields[] = {
      { TR (NC_("document", "Service item")), _yc_doc_nonempty (data->item_name, ""), TRUE },
      { TR (NC_("document", "Department")), _yc_doc_nonempty (data->department, ""), TRUE },
      { TR (NC_("document", "Item code")), _yc_doc_nonempty (data->item_code, ""), TRUE },
      { TR (NC_("document", "Item type")), data->item_type_label, FALSE },
      { TR (NC_("document", "Processing")), case_type_label (language, data->case_type), FALSE },
      { TR (NC_("document", "Legal time limit")), legal, FALSE },
      { TR (NC_("document", "Promised time limit")), promised, FALSE },
      { TR (NC_("document", "Fees")), fees, FALSE },
      { TR (NC_("document", "Result")), data->result, FALSE },
    };

    _yc_doc_add_fields (builder, data->format, fields, G_N_ELEMENTS (fields));
  }
  if (data->conditions != NULL)
    {
      _yc_doc_builder_add_heading (builder, TR (NC_("document", "Conditions")));
      _yc_doc_builder_add_paragraph (builder, data->conditions, YC_DOC_PARA_NONE);
    }
  if (data->item_legal_basis != NULL)
    {
      _yc_doc_builder_add_heading (builder, TR (NC_("document", "Legal basis")));
      _yc_doc_builder_add_paragraph (builder, data->item_legal_basis, YC_DOC_PARA_NONE);
    }

  _yc_doc_builder_add_heading (builder, TR (NC_("document", "Materials to bring")));
  {
    static const double a4_widths[] = { 0.7, 2.3, 1.6, 1.1, 1.9, 2.8 };
    static const double roll_widths[] = { 3.0, 1.2, 1.2 };
    const char *a4_headers[] = {
      TR (NC_("document", "No.")), material, originals_header, copies_header,
      TR (NC_("document", "Form")), TR (NC_("document", "Notes")), NULL
    };
    const char *roll_headers[] = { material, originals_header, copies_header, NULL };

    _yc_doc_begin_format_table (builder, a4, a4_widths, a4_headers, roll_widths, roll_headers);
  }
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
      g_autofree char *no = g_strdup_printf ("%u", ++n);
      g_autofree char *originals = g_strdup_printf ("%u", m->has_spec ? m->req_originals
                                                                      : m->originals);
      g_autofree char *copies = g_strdup_printf ("%u", m->has_spec ? m->req_copies : m->copies);
      const char *form = m->has_spec ? form_label (language, m->form) : "—";
      const char *optional = m->has_spec && !m->required
                             ? TR (NC_("document", " (only where it applies)")) : "";
      g_autofree char *notes = g_strconcat (_yc_doc_nonempty (m->spec_notes, ""), optional, NULL);

      if (a4)
        _yc_doc_builder_add_row_texts (builder, no, m->name, originals, copies, form, notes, NULL);
      else
        _yc_doc_builder_add_row_texts (builder, m->name, originals, copies, NULL);
    }
  _yc_doc_builder_end_table (builder);

  _yc_doc_builder_add_heading (builder, TR (NC_("document", "How to check progress")));
  if (data->has_case)
    {
      /* Translations keep both %s: the case number, then the query password. */
      const char *format = TR (NC_("document", "Scan the QR code, or enter the case number %s "
                                               "and the query password %s on the government "
                                               "service portal."));
      g_autofree char *text = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (format, data->case_no, _yc_doc_nonempty (data->query_password, ""));
#pragma GCC diagnostic pop
      _yc_doc_builder_add_paragraph (builder, text, YC_DOC_PARA_NONE);
    }
  else
    _yc_doc_builder_add_paragraph (builder,
                                   TR (NC_("document", "After your application is accepted, the "
                                                       "receipt gives a case number and a query "
                                                       "password to check progress.")),
                                   YC_DOC_PARA_NONE);
  if (data->query_url != NULL)
    _yc_doc_builder_add_paragraph (builder, data->query_url, YC_DOC_PARA_NONE);

  {
    g_autofree char *window = label_value (language, TR (NC_("document", "Window")),
                                           _yc_doc_nonempty (data->window_code, "—"));
    g_autofree char *clerk = label_value (language, TR (NC_("document", "Clerk")),
                                          _yc_doc_nonempty (data->clerk, "—"));
    g_autofree char *date = label_value (language, TR (NC_("document", "Date")), issued);

    footer = g_strdup_printf ("%s · %s · %s", window, clerk, date);
  }
  _yc_doc_builder_add_space (builder, 6);
  _yc_doc_builder_add_paragraph (builder, footer, YC_DOC_PARA_SMALL);
  _yc_doc_builder_add_paragraph (builder,
                                 TR (NC_("document", "This guidance is for reference. The "
                                                     "requirements checked at the window "
                                                     "prevail.")),
                                 YC_DOC_PARA_SMALL);
  return TRUE;
}
