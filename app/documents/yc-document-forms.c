/* yc-document-forms.c: what the official forms say, in Chinese: receipt, one-time notice, refusal,
 * tolerance notice, commitment form and handover record. */
#define G_LOG_DOMAIN "yc-documents"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-document-private.h"
#include "yc-validators.h"

/* --- formatting helpers --- */

/* "2026-03-18" → "2026年3月18日"; unparsable input is shown as given. */
static char *
format_iso_date_zh (const char *iso)
{
  GDate date;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  if (!g_date_valid (&date) || strlen (iso) != 10)
    return g_strdup (iso);
  return g_strdup_printf ("%d年%d月%d日", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static char *
format_date_time_zh (GDateTime *date_time)
{
  if (date_time == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time));
}

/* When the applicant applied: the decision's time, or the document's for an undecided case. */
static GDateTime *
decided_or_issued (const YcDocData *data)
{
  return data->decided_at != NULL ? data->decided_at : data->issued_at;
}

/* Resident ID numbers are masked on paper too (DESIGN.md §9); credit codes are public record. */
static char *
masked_id (const YcDocParty *party)
{
  if (party->id_number == NULL || *party->id_number == '\0')
    return g_strdup ("");
  if (party->kind == YC_PARTY_ORGANISATION)
    return g_strdup (party->id_number);
  return yc_mask_id_number (party->id_number);
}

static char *
masked_phone (const YcDocParty *party)
{
  if (party->phone == NULL || *party->phone == '\0')
    return g_strdup ("");
  return yc_mask_phone (party->phone);
}

static const char *
form_label_zh (YcMaterialForm form)
{
  switch (form)
    {
    case YC_MATERIAL_FORM_PAPER:
      return "纸质";
    case YC_MATERIAL_FORM_ELECTRONIC:
      return "电子";
    case YC_MATERIAL_FORM_EITHER:
    default:
      return "纸质或电子";
    }
}

static const char *
case_type_label_zh (YcCaseType type)
{
  static const char * const labels[] = { "即办件", "承诺件", "上报件", "联办件" };

  return (guint) type < G_N_ELEMENTS (labels) ? labels[type] : "";
}

/* "原件1份、复印件2份" from the item's requirement (or the counts received). */
static char *
counts_zh (guint originals,
           guint copies)
{
  GString *text = g_string_new (NULL);

  if (originals > 0)
    g_string_append_printf (text, "原件%u份", originals);
  if (copies > 0)
    g_string_append_printf (text, "%s复印件%u份", text->len > 0 ? "、" : "", copies);
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}

static const char *
applicant_salutation (const YcDocData *data)
{
  return _yc_doc_nonempty (data->applicant.name, "申请人");
}

/* "张三丰：", the opening line of a notice addressed to the applicant. */
static void
add_salutation (const YcDocData *data,
                YcDocBuilder    *builder)
{
  g_autofree char *line = g_strdup_printf ("%s：", applicant_salutation (data));

  _yc_doc_builder_add_paragraph (builder, line, YC_DOC_PARA_NONE);
}

static const char *
issuer (const YcDocData *data)
{
  return _yc_doc_nonempty (data->issuer, _yc_doc_nonempty (data->department, "政务服务中心"));
}

static const char *
legal_basis (const YcDocData *data)
{
  return _yc_doc_nonempty (data->legal_basis, data->item_legal_basis);
}

/* "20个工作日（2026年4月1日前）" */
static char *
time_limit_zh (guint       days,
               const char *deadline)
{
  g_autofree char *date = format_iso_date_zh (deadline);

  if (days == 0 && *date == '\0')
    return g_strdup ("当场办结");
  if (days == 0)
    return g_strdup_printf ("%s前", date);
  if (*date == '\0')
    return g_strdup_printf ("%u个工作日", days);
  return g_strdup_printf ("%u个工作日（%s前）", days, date);
}

/* Ends a table of @n_rows listed materials; an empty one says so in a row across it. */
static void
end_table_or_none (YcDocBuilder *builder,
                   guint         n_rows)
{
  if (n_rows == 0)
    {
      YcDocCell none = { "（无）", 5, FALSE };

      _yc_doc_builder_add_row (builder, &none, 1);
    }
  _yc_doc_builder_end_table (builder);
}

static gboolean
is_received (const YcDocMaterial *material)
{
  switch (material->state)
    {
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
    case YC_MATERIAL_STATE_COPY_RECEIVED:
    case YC_MATERIAL_STATE_SCANNED:
    case YC_MATERIAL_STATE_LICENCE:
      return TRUE;
    default:
      return FALSE;
    }
}

static const char *
received_note_zh (const YcDocMaterial *material)
{
  if (material->note != NULL && *material->note != '\0')
    return material->note;
  switch (material->state)
    {
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
      return "已核验原件";
    case YC_MATERIAL_STATE_SCANNED:
      return "已扫描留存";
    case YC_MATERIAL_STATE_LICENCE:
      return "电子证照调取";
    default:
      return "";
    }
}

static gboolean
require_case_number (const YcDocData *data,
                     GError         **error)
{
  if (data->case_no != NULL && *data->case_no != '\0')
    return TRUE;
  g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
               _("The case has no number yet: decide it before printing its documents"));
  return FALSE;
}

/* --- the parts every form shares --- */

static void
set_identity_zh (const YcDocData *data,
                 YcDocBuilder    *builder)
{
  g_autofree char *number = g_strdup_printf ("编号：%s", data->case_no);
  g_autofree char *payload = _yc_doc_data_qr_payload (data);

  _yc_doc_builder_set_identity (builder, number, payload, "扫码查询办理进度");
}

static void
add_seal_zh (const YcDocData *data,
             YcDocBuilder    *builder)
{
  g_autofree char *date = format_date_time_zh (data->issued_at);

  _yc_doc_builder_add_seal (builder, "盖章处", issuer (data), date);
}

static void
add_query_zh (const YcDocData *data,
              YcDocBuilder    *builder)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "凭办件编号 %s 和查询密码 %s，可扫描本凭证上的二维码查询办理进度",
                          data->case_no, _yc_doc_nonempty (data->query_password, ""));
  if (data->query_url != NULL)
    g_string_append_printf (text, "，或登录 %s 查询", data->query_url);
  g_string_append (text, "。");
  if (data->query_instructions != NULL)
    g_string_append (text, data->query_instructions);
  _yc_doc_builder_add_heading (builder, "进度查询");
  _yc_doc_builder_add_paragraph (builder, text->str, YC_DOC_PARA_INDENT);
}

/* --- 受理凭证 --- */

gboolean
_yc_doc_build_receipt (const YcDocData *data,
                       YcDocBuilder    *builder,
                       GError         **error)
{
  gboolean a4 = data->format == YC_DOC_FORMAT_A4;
  g_autofree char *id = masked_id (&data->applicant);
  g_autofree char *phone = masked_phone (&data->applicant);
  g_autofree char *agent_id = masked_id (&data->agent);
  g_autofree char *issued = format_date_time_zh (data->issued_at);
  g_autofree char *submitted = format_date_time_zh (decided_or_issued (data));
  g_autofree char *legal = time_limit_zh (data->legal_days, data->legal_deadline);
  g_autofree char *promised = time_limit_zh (data->promised_days, data->promised_deadline);
  g_autofree char *intro = NULL;
  guint n = 0;

  if (!require_case_number (data, error))
    return FALSE;

  set_identity_zh (data, builder);
  _yc_doc_builder_begin_copy (builder, "受理凭证", NULL);
  intro = g_strdup_printf ("申请人于%s提交的“%s”申请，申请材料齐全、符合法定形式，"
                           "本机关决定予以受理。现将有关事项告知如下：",
                           submitted, _yc_doc_nonempty (data->item_name, ""));
  _yc_doc_builder_add_paragraph (builder, intro, YC_DOC_PARA_INDENT);
  {
    YcDocField fields[] = {
      { "事项名称", _yc_doc_nonempty (data->item_name, ""), TRUE },
      { "实施机关", data->department, TRUE },
      { "申请人", _yc_doc_nonempty (data->applicant.name, ""), FALSE },
      { "证件号码", id, FALSE },
      { "代理人", data->agent.present ? _yc_doc_nonempty (data->agent.name, "") : NULL, FALSE },
      { "代理人证件", data->agent.present ? agent_id : NULL, FALSE },
      { "联系电话", *phone != '\0' ? phone : NULL, FALSE },
      { "办件类型", data->has_item ? case_type_label_zh (data->case_type) : NULL, FALSE },
      { "受理日期", issued, FALSE },
      { "受理窗口", _yc_doc_nonempty (data->window_code, ""), FALSE },
      { "法定办结时限", legal, FALSE },
      { "承诺办结时限", promised, FALSE },
      { "经办人", _yc_doc_nonempty (data->clerk, ""), FALSE },
      { "查询密码", _yc_doc_nonempty (data->query_password, ""), FALSE },
    };

    _yc_doc_add_fields (builder, data->format, fields, G_N_ELEMENTS (fields));
  }

  _yc_doc_builder_add_heading (builder, "已收取材料");
  {
    static const double a4_widths[] = { 0.7, 4.2, 0.8, 0.8, 2.4 };
    static const double roll_widths[] = { 3.4, 0.9, 1.1 };
    static const char * const a4_headers[] = { "序号", "材料名称", "原件", "复印件", "备注", NULL };
    static const char * const roll_headers[] = { "材料名称", "原件", "复印件", NULL };

    _yc_doc_begin_format_table (builder, a4, a4_widths, a4_headers, roll_widths, roll_headers);
  }
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
      g_autofree char *no = NULL;
      g_autofree char *originals = NULL;
      g_autofree char *copies = NULL;

      if (!is_received (m))
        continue;
      no = g_strdup_printf ("%u", ++n);
      originals = g_strdup_printf ("%u", m->originals);
      copies = g_strdup_printf ("%u", m->copies);
      if (a4)
        _yc_doc_builder_add_row_texts (builder, no, m->name, originals, copies,
                                       received_note_zh (m), NULL);
      else
        _yc_doc_builder_add_row_texts (builder, m->name, originals, copies, NULL);
    }
  end_table_or_none (builder, n);

  /* Materials accepted on a promise are listed too: the receipt is what the applicant holds against
   * them. */
  n = 0;
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
      g_autofree char *line = NULL;
      g_autofree char *deadline = NULL;

      if (m->state != YC_MATERIAL_STATE_TOLERATED && m->state != YC_MATERIAL_STATE_COMMITMENT)
        continue;
      if (n++ == 0)
        _yc_doc_builder_add_heading (builder, "容缺及承诺材料");
      deadline = format_iso_date_zh (m->supplement_deadline);
      if (m->state == YC_MATERIAL_STATE_TOLERATED)
        line = g_strdup_printf ("%u. %s（容缺，须于%s前补齐）", n, m->name,
                                _yc_doc_nonempty (deadline, "规定期限"));
      else
        line = g_strdup_printf ("%u. %s（以告知承诺替代）", n, m->name);
      _yc_doc_builder_add_paragraph (builder, line, YC_DOC_PARA_NONE);
    }

  add_query_zh (data, builder);
  _yc_doc_builder_add_paragraph (builder,
                                 "温馨提示：请妥善保管本凭证。领取办理结果时，请出示本凭证及申请人有效身份证件；"
                                 "委托他人领取的，还需提供委托书及受托人有效身份证件。",
                                 YC_DOC_PARA_SMALL | YC_DOC_PARA_KEEP_NEXT);
  add_seal_zh (data, builder);
  return TRUE;
}

/* --- 一次性告知书 --- */

gboolean
_yc_doc_build_notice_once (const YcDocData *data,
                           YcDocBuilder    *builder,
                           GError         **error)
{
  gboolean a4 = data->format == YC_DOC_FORMAT_A4;
  g_autofree char *submitted = format_date_time_zh (decided_or_issued (data));
  g_autofree char *intro = NULL;
  g_autofree char *closing = NULL;
  static const char * const signatures[] = { "申请人（签收）：", NULL };
  guint n = 0;

  if (!require_case_number (data, error))
    return FALSE;

  set_identity_zh (data, builder);
  _yc_doc_builder_begin_copy (builder, "一次性告知书", NULL);
  add_salutation (data, builder);
  intro = g_strdup_printf ("你（单位）于%s申请办理的“%s”事项，经审查，申请材料不齐全或者不符合法定形式。"
                           "根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，"
                           "现一次性告知你（单位）需要补正的全部内容如下：",
                           submitted, _yc_doc_nonempty (data->item_name, ""));
  _yc_doc_builder_add_paragraph (builder, intro, YC_DOC_PARA_INDENT);

  {
    static const double a4_widths[] = { 0.7, 3.0, 2.2, 1.5, 3.1 };
    static const double roll_widths[] = { 0.75, 2.6, 2.4 };
    static const char * const a4_headers[] = { "序号", "需补正的材料", "份数要求", "形式", "要求及说明", NULL };
    static const char * const roll_headers[] = { "序号", "需补正的材料", "要求", NULL };

    _yc_doc_begin_format_table (builder, a4, a4_widths, a4_headers, roll_widths, roll_headers);
  }
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
      g_autofree char *no = NULL;
      g_autofree char *counts = NULL;
      g_autofree char *notes = NULL;

      if (m->state != YC_MATERIAL_STATE_PENDING)
        continue;
      no = g_strdup_printf ("%u", ++n);
      counts = m->has_spec ? counts_zh (m->req_originals, m->req_copies) : g_strdup ("—");
      notes = g_strconcat (_yc_doc_nonempty (m->spec_notes, ""),
                           m->has_spec && !m->required ? "（视情形提交）" : "",
                           m->note != NULL && *m->note != '\0' ? "；" : "",
                           _yc_doc_nonempty (m->note, ""), NULL);
      if (a4)
        _yc_doc_builder_add_row_texts (builder, no, m->name, counts,
                                       m->has_spec ? form_label_zh (m->form) : "—", notes, NULL);
      else
        {
          const char *form = m->has_spec ? form_label_zh (m->form) : "—";
          g_autofree char *requirement = g_strdup_printf ("%s，%s%s%s", counts, form,
                                                          *notes != '\0' ? "；" : "", notes);

          _yc_doc_builder_add_row_texts (builder, no, m->name, requirement, NULL);
        }
    }
  end_table_or_none (builder, n);

  closing = g_strdup_printf ("请按上述要求准备全部材料后，携带本告知书到%s窗口重新提交申请。"
                             "材料齐全、符合法定形式的，本机关将依法予以受理。",
                             _yc_doc_nonempty (data->window_code, "政务服务中心"));
  _yc_doc_builder_add_paragraph (builder, closing, YC_DOC_PARA_INDENT);
  if (data->query_instructions != NULL)
    _yc_doc_builder_add_paragraph (builder, data->query_instructions, YC_DOC_PARA_INDENT);
  {
    g_autofree char *clerk = g_strdup_printf ("经办人：%s　　窗口：%s", _yc_doc_nonempty (data->clerk, ""),
                                              _yc_doc_nonempty (data->window_code, ""));

    _yc_doc_builder_add_paragraph (builder, clerk, YC_DOC_PARA_NONE);
  }
  _yc_doc_builder_add_signatures (builder, signatures, "日期：　　年　　月　　日");
  add_seal_zh (data, builder);
  return TRUE;
}

/* --- 不予受理通知书 --- */

gboolean
_yc_doc_build_refusal (const YcDocData *data,
                       YcDocBuilder    *builder,
                       GError         **error)
{
  g_autofree char *submitted = format_date_time_zh (decided_or_issued (data));
  g_autofree char *intro = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *remedies = NULL;
  static const char * const signatures[] = { "申请人（签收）：", NULL };

  if (!require_case_number (data, error))
    return FALSE;
  if (data->reason == NULL || *data->reason == '\0')
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
                   _("A refusal notice needs the reason for the refusal"));
      return FALSE;
    }

  set_identity_zh (data, builder);
  _yc_doc_builder_begin_copy (builder, "不予受理通知书", NULL);
  add_salutation (data, builder);
  intro = g_strdup_printf ("你（单位）于%s提出的“%s”申请，经审查，本机关决定不予受理。理由如下：",
                           submitted, _yc_doc_nonempty (data->item_name, ""));
  _yc_doc_builder_add_paragraph (builder, intro, YC_DOC_PARA_INDENT);
  _yc_doc_builder_add_paragraph (builder, data->reason, YC_DOC_PARA_INDENT);
  /* 行政许可法 §32 is the procedural basis of every refusal to accept; the item's own basis follows. */
  basis = legal_basis (data) != NULL
          ? g_strdup_printf ("依据：《中华人民共和国行政许可法》第三十二条；%s。", legal_basis (data))
          : g_strdup ("依据：《中华人民共和国行政许可法》第三十二条。");
  _yc_doc_builder_add_paragraph (builder, basis, YC_DOC_PARA_INDENT);
  /* 行政复议法 (2023) §20: sixty days from knowing of the act; 行政诉讼法 §46: six months. */
  remedies = g_strdup_printf ("如对本决定不服，可以自收到本通知书之日起六十日内，依照《中华人民共和国行政复议法》"
                              "向%s申请行政复议；也可以自收到本通知书之日起六个月内，依照《中华人民共和国行政诉讼法》"
                              "向%s提起行政诉讼。",
                              _yc_doc_nonempty (data->review_body, "有管辖权的行政复议机关"),
                              _yc_doc_nonempty (data->court, "有管辖权的人民法院"));
  _yc_doc_builder_add_paragraph (builder, remedies, YC_DOC_PARA_INDENT);
  {
    g_autofree char *clerk = g_strdup_printf ("经办人：%s　　窗口：%s", _yc_doc_nonempty (data->clerk, ""),
                                              _yc_doc_nonempty (data->window_code, ""));

    _yc_doc_builder_add_paragraph (builder, clerk, YC_DOC_PARA_NONE);
  }
  _yc_doc_builder_add_signatures (builder, signatures, "日期：　　年　　月　　日");
  add_seal_zh (data, builder);
  return TRUE;
}

/* --- 容缺受理通知书, in two copies --- */

static void
build_tolerance_copy (const YcDocData *data,
                      YcDocBuilder    *builder,
                      const char      *copy_label)
{
  gboolean a4 = data->format == YC_DOC_FORMAT_A4;
  g_autofree char *intro = NULL;
  g_autofree char *consequence = NULL;
  GPtrArray *labels = g_ptr_array_new ();
  guint n = 0;

  _yc_doc_builder_begin_copy (builder, "容缺受理通知书", copy_label);
  add_salutation (data, builder);
  intro = g_strdup_printf ("你（单位）申请办理的“%s”事项，主要申请材料齐全、符合法定形式，部分次要材料暂缺。"
                           "根据容缺受理有关规定，本机关决定予以容缺受理，办件编号为%s。"
                           "请在下列期限内补齐容缺材料：",
                           _yc_doc_nonempty (data->item_name, ""), data->case_no);
  _yc_doc_builder_add_paragraph (builder, intro, YC_DOC_PARA_INDENT);

  {
    static const double a4_widths[] = { 0.7, 3.6, 2.6, 2.0 };
    static const double roll_widths[] = { 2.4, 1.8, 1.6 };
    static const char * const a4_headers[] = { "序号", "容缺材料", "形式及份数", "补齐期限", NULL };
    static const char * const roll_headers[] = { "容缺材料", "形式及份数", "补齐期限", NULL };

    _yc_doc_begin_format_table (builder, a4, a4_widths, a4_headers, roll_widths, roll_headers);
  }
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
      g_autofree char *no = NULL;
      g_autofree char *counts = NULL;
      g_autofree char *form = NULL;
      g_autofree char *deadline = NULL;

      if (m->state != YC_MATERIAL_STATE_TOLERATED)
        continue;
      no = g_strdup_printf ("%u", ++n);
      counts = m->has_spec ? counts_zh (m->req_originals, m->req_copies) : g_strdup ("—");
      form = g_strdup_printf ("%s，%s", m->has_spec ? form_label_zh (m->form) : "—", counts);
      deadline = format_iso_date_zh (m->supplement_deadline);
      if (a4)
        _yc_doc_builder_add_row_texts (builder, no, m->name, form,
                                       _yc_doc_nonempty (deadline, "—"), NULL);
      else
        _yc_doc_builder_add_row_texts (builder, m->name, form, _yc_doc_nonempty (deadline, "—"),
                                       NULL);
    }
  _yc_doc_builder_end_table (builder);

  consequence = g_strdup_printf ("请于上述期限内将容缺材料提交至%s窗口。逾期未补齐的，本机关将终止办理该申请，"
                                 "已作出的审批结果不予发放，相关情况依法记入申请人信用记录。",
                                 _yc_doc_nonempty (data->window_code, "政务服务中心"));
  _yc_doc_builder_add_paragraph (builder, consequence, YC_DOC_PARA_INDENT);
  _yc_doc_builder_add_heading (builder, "申请人承诺");
  _yc_doc_builder_add_paragraph (builder,
                                 "本人（单位）已知晓上述容缺材料及补齐期限，承诺在期限内补齐所缺材料，"
                                 "并对所提交材料的真实性负责；逾期未补齐的，自愿承担由此产生的一切后果。",
                                 YC_DOC_PARA_INDENT | YC_DOC_PARA_KEEP_NEXT);
  g_ptr_array_add (labels, "申请人（签字）：");
  if (data->agent.present)
    g_ptr_array_add (labels, "代理人（签字）：");
  g_ptr_array_add (labels, "窗口经办人（签字）：");
  g_ptr_array_add (labels, NULL);
  _yc_doc_builder_add_signatures (builder, (const char * const *) labels->pdata, "日期：　　年　　月　　日");
  g_ptr_array_unref (labels);
  add_seal_zh (data, builder);
}

gboolean
_yc_doc_build_tolerance (const YcDocData *data,
                         YcDocBuilder    *builder,
                         GError         **error)
{
  gboolean any = FALSE;

  if (!require_case_number (data, error))
    return FALSE;
  for (guint i = 0; i < data->materials->len; i++)
    {
      const YcDocMaterial *m = g_ptr_array_index (data->materials, i);

      any |= m->state == YC_MATERIAL_STATE_TOLERATED;
    }
  if (!any)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
                   _("A tolerance notice needs at least one tolerated material"));
      return FALSE;
    }

  set_identity_zh (data, builder);
  build_tolerance_copy (data, builder, "第一联　申请人留存联");
  build_tolerance_copy (data, builder, "第二联　窗口存档联");
  return TRUE;
}

/* --- 告知承诺书 --- */

gboolean
_yc_doc_build_commitment (const YcDocData *data,
                          YcDocBuilder    *builder,
                          GError         **error)
{
  g_autofree char *told = NULL;
  g_autofree char *conditions = NULL;
  g_autofree char *id = masked_id (&data->applicant);
  g_autofree char *phone = masked_phone (&data->applicant);
  g_autofree char *agent_id = masked_id (&data->agent);
  gboolean organisation = data->applicant.kind == YC_PARTY_ORGANISATION;
  GPtrArray *labels = g_ptr_array_new ();
  guint n = 0;

  if (!require_case_number (data, error))
    return FALSE;

  set_identity_zh (data, builder);
  _yc_doc_builder_begin_copy (builder, "告知承诺书", NULL);
  {
    YcDocField fields[] = {
      { "申请人", _yc_doc_nonempty (data->applicant.name, ""), FALSE },
      { organisation ? "统一社会信用代码" : "证件号码", id, FALSE },
      { "法定代表人", organisation ? data->applicant.legal_representative : NULL, FALSE },
      { "联系电话", *phone != '\0' ? phone : NULL, FALSE },
      { "代理人", data->agent.present ? _yc_doc_nonempty (data->agent.name, "") : NULL, FALSE },
      { "代理人证件", data->agent.present ? agent_id : NULL, FALSE },
    };

    _yc_doc_add_fields (builder, data->format, fields, G_N_ELEMENTS (fields));
  }
  _yc_doc_builder_add_heading (builder, "一、行政机关告知");
  told = g_strdup_printf ("申请事项：%s\n实施机关：%s\n设定依据：%s",
                          _yc_doc_nonempty (data->item_name, ""),
                          _yc_doc_nonempty (data->department, ""),
                          _yc_doc_nonempty (legal_basis (data), "见办事指南"));
  _yc_doc_builder_add_paragraph (builder, told, YC_DOC_PARA_NONE);
  conditions = g_strdup_printf ("申请条件：%s", _yc_doc_nonempty (data->conditions, "见办事指南"));
  _yc_doc_builder_add_paragraph (builder, conditions, YC_DOC_PARA_NONE);
  _yc_doc_builder_add_paragraph (builder, "以下证明材料以申请人的书面承诺替代，申请人无需提交：",
                                 YC_DOC_PARA_KEEP_NEXT);
  {
    static const double widths[] = { 0.7, 4.0, 3.4 };
    static const char * const headers[] = { "序号", "以承诺替代的证明材料", "承诺内容", NULL };

    _yc_doc_builder_begin_table (builder, 3, widths, headers);
    for (guint i = 0; i < data->materials->len; i++)
      {
        const YcDocMaterial *m = g_ptr_array_index (data->materials, i);
        g_autofree char *no = NULL;
        g_autofree char *promise = NULL;

        if (m->state != YC_MATERIAL_STATE_COMMITMENT)
          continue;
        no = g_strdup_printf ("%u", ++n);
        promise = g_strdup_printf ("申请人已具备“%s”所证明的事项，承诺内容真实、有效", m->name);
        _yc_doc_builder_add_row_texts (builder, no, m->name, promise, NULL);
      }
    if (n == 0)
      {
        YcDocCell none = { "（无，申请人承诺符合上述申请条件）", 3, FALSE };

        _yc_doc_builder_add_row (builder, &none, 1);
      }
    _yc_doc_builder_end_table (builder);
  }
  _yc_doc_builder_add_paragraph (builder,
                                 "行政机关将在作出决定后依法对申请人承诺的内容进行核查，申请人应当予以配合。",
                                 YC_DOC_PARA_INDENT);

  _yc_doc_builder_add_heading (builder, "二、申请人承诺");
  _yc_doc_builder_add_paragraph (builder,
                                 "申请人郑重承诺：\n"
                                 "（一）已经知晓行政机关告知的全部内容；\n"
                                 "（二）自身已符合行政机关告知的条件、标准和要求；\n"
                                 "（三）能够在约定期限内提交行政机关告知的相关材料；\n"
                                 "（四）愿意承担不实承诺的法律责任；\n"
                                 "（五）所作承诺是申请人真实意思的表示。",
                                 YC_DOC_PARA_NONE);

  _yc_doc_builder_add_heading (builder, "三、不实承诺的后果");
  _yc_doc_builder_add_paragraph (builder,
                                 "申请人作出不实承诺的，行政机关将依法撤销已作出的行政决定，"
                                 "将不实承诺情况记入申请人信用记录并纳入信用信息共享平台，"
                                 "申请人在一定期限内不再适用告知承诺制；涉嫌违法犯罪的，依法移送有关机关处理。",
                                 YC_DOC_PARA_INDENT | YC_DOC_PARA_KEEP_NEXT);

  g_ptr_array_add (labels, organisation ? "申请人（盖章）：" : "申请人（签字）：");
  if (data->agent.present)
    g_ptr_array_add (labels, "代理人（签字）：");
  g_ptr_array_add (labels, "行政机关经办人（签字）：");
  g_ptr_array_add (labels, NULL);
  _yc_doc_builder_add_signatures (builder, (const char * const *) labels->pdata, "日期：　　年　　月　　日");
  g_ptr_array_unref (labels);
  add_seal_zh (data, builder);
  return TRUE;
}

/* --- 办理结果领取记录 --- */

gboolean
_yc_doc_build_handover (const YcDocData *data,
                        YcDocBuilder    *builder,
                        GError         **error)
{
  const YcDocParty *collector = data->collected_by_agent && data->agent.present ? &data->agent
                                                                               : &data->applicant;
  g_autofree char *id = masked_id (collector);
  g_autofree char *phone = masked_phone (collector);
  g_autofree char *date = format_date_time_zh (data->issued_at);
  g_autofree char *who = g_strdup_printf ("%s（%s）", _yc_doc_nonempty (collector->name, ""),
                                          collector == &data->agent ? "代理人" : "申请人本人");
  static const char * const signatures[] = { "领取人（签字）：", "窗口经办人（签字）：", NULL };

  if (!require_case_number (data, error))
    return FALSE;
  if (_yc_doc_nonempty (data->handover_result, data->result) == NULL)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INCOMPLETE,
                   _("A handover record needs the result that is handed over"));
      return FALSE;
    }

  set_identity_zh (data, builder);
  _yc_doc_builder_begin_copy (builder, "办理结果领取记录", NULL);
  {
    YcDocField fields[] = {
      { "办件编号", data->case_no, FALSE },
      { "申请人", _yc_doc_nonempty (data->applicant.name, ""), FALSE },
      { "事项名称", _yc_doc_nonempty (data->item_name, ""), TRUE },
      { "办理结果", _yc_doc_nonempty (data->handover_result, data->result), TRUE },
      { "领取方式", _yc_doc_nonempty (data->handover_method, "窗口领取"), FALSE },
      { "领取日期", date, FALSE },
      { "领取人", who, FALSE },
      { "证件号码", id, FALSE },
      { "联系电话", *phone != '\0' ? phone : NULL, FALSE },
      { "授权委托",
        collector == &data->agent ? _yc_doc_nonempty (data->agent.authorisation, "委托书已核验")
                                  : NULL,
        FALSE },
      { "出件窗口", _yc_doc_nonempty (data->window_code, ""), FALSE },
      { "经办人", _yc_doc_nonempty (data->clerk, ""), FALSE },
    };

    _yc_doc_add_fields (builder, data->format, fields, G_N_ELEMENTS (fields));
  }
  _yc_doc_builder_add_paragraph (builder, "本人已领取上述办理结果，经当面核对，内容无误。",
                                 YC_DOC_PARA_INDENT | YC_DOC_PARA_KEEP_NEXT);
  _yc_doc_builder_add_signatures (builder, signatures, "日期：　　年　　月　　日");
  add_seal_zh (data, builder);
  return TRUE;
}
