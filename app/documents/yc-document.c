/* yc-document.c: a document's data, copied from a case and its item, and its rendering to PDF. */
#define G_LOG_DOMAIN "yc-documents"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-document-private.h"

G_DEFINE_QUARK (yc-document-error-quark, yc_document_error)

struct _YcDocument {
  GObject    parent_instance;
  YcDocData *data;
};

G_DEFINE_FINAL_TYPE (YcDocument, yc_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_FORMAT,
  PROP_LANGUAGE,
  PROP_COLLECTED_BY_AGENT,
  PROP_ISSUED_AT,
  /* string properties, in the order of string_fields[] */
  PROP_WINDOW_CODE,
  PROP_CLERK,
  PROP_ISSUER,
  PROP_QUERY_URL,
  PROP_QUERY_INSTRUCTIONS,
  PROP_LEGAL_BASIS,
  PROP_REVIEW_BODY,
  PROP_COURT,
  PROP_HANDOVER_RESULT,
  PROP_HANDOVER_METHOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string properties and the YcDocData fields they set. */
static const struct {
  const char *name;
  gsize       offset;
} string_fields[] = {
  { "window-code", G_STRUCT_OFFSET (YcDocData, window_code) },
  { "clerk", G_STRUCT_OFFSET (YcDocData, clerk) },
  { "issuer", G_STRUCT_OFFSET (YcDocData, issuer) },
  { "query-url", G_STRUCT_OFFSET (YcDocData, query_url) },
  { "query-instructions", G_STRUCT_OFFSET (YcDocData, query_instructions) },
  { "legal-basis", G_STRUCT_OFFSET (YcDocData, legal_basis) },
  { "review-body", G_STRUCT_OFFSET (YcDocData, review_body) },
  { "court", G_STRUCT_OFFSET (YcDocData, court) },
  { "handover-result", G_STRUCT_OFFSET (YcDocData, handover_result) },
  { "handover-method", G_STRUCT_OFFSET (YcDocData, handover_method) },
};
G_STATIC_ASSERT (G_N_ELEMENTS (string_fields) == N_PROPS - PROP_WINDOW_CODE);

/* --- formats --- */

const char *
yc_doc_format_to_string (YcDocFormat format)
{
  switch (format)
    {
    case YC_DOC_FORMAT_A4:
      return "a4";
    case YC_DOC_FORMAT_RECEIPT:
      return "receipt";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
yc_doc_format_from_string (const char  *code,
                           YcDocFormat *out)
{
  if (g_strcmp0 (code, "a4") == 0)
    *out = YC_DOC_FORMAT_A4;
  else if (g_strcmp0 (code, "receipt") == 0)
    *out = YC_DOC_FORMAT_RECEIPT;
  else
    return FALSE;
  return TRUE;
}

const char *
yc_doc_format_get_media (YcDocFormat format)
{
  return format == YC_DOC_FORMAT_RECEIPT ? "X80mm" : "A4";
}

YcDocFormat
yc_doc_kind_get_default_format (YcDocKind kind)
{
  return kind == YC_DOC_RECEIPT ? YC_DOC_FORMAT_RECEIPT : YC_DOC_FORMAT_A4;
}

/* --- the data snapshot --- */

static void
party_clear (YcDocParty *party)
{
  g_free (party->name);
  g_free (party->id_number);
  g_free (party->phone);
  g_free (party->address);
  g_free (party->legal_representative);
  g_free (party->contact);
  g_free (party->relation);
  g_free (party->authorisation);
  memset (party, 0, sizeof *party);
}

static void
party_copy (YcDocParty       *to,
            const YcDocParty *from)
{
  *to = *from;
  to->name = g_strdup (from->name);
  to->id_number = g_strdup (from->id_number);
  to->phone = g_strdup (from->phone);
  to->address = g_strdup (from->address);
  to->legal_representative = g_strdup (from->legal_representative);
  to->contact = g_strdup (from->contact);
  to->relation = g_strdup (from->relation);
  to->authorisation = g_strdup (from->authorisation);
}

static void
party_from_object (YcDocParty *party,
                   YcParty    *object)
{
  party_clear (party);
  if (object == NULL)
    return;
  party->present = TRUE;
  party->kind = yc_party_get_kind (object);
  party->name = g_strdup (yc_party_get_name (object));
  party->id_number = g_strdup (yc_party_get_id_number (object));
  party->phone = g_strdup (yc_party_get_phone (object));
  party->address = g_strdup (yc_party_get_address (object));
  party->legal_representative = g_strdup (yc_party_get_legal_representative (object));
  party->contact = g_strdup (yc_party_get_contact (object));
  party->relation = g_strdup (yc_party_get_relation (object));
  party->authorisation = g_strdup (yc_party_get_authorisation (object));
}

static void
material_free (YcDocMaterial *material)
{
  g_free (material->name);
  g_free (material->note);
  g_free (material->supplement_deadline);
  g_free (material->licence_type);
  g_free (material->spec_notes);
  g_free (material);
}

static YcDocMaterial *
material_copy (const YcDocMaterial *from)
{
  YcDocMaterial *to = g_memdup2 (from, sizeof *from);

  to->name = g_strdup (from->name);
  to->note = g_strdup (from->note);
  to->supplement_deadline = g_strdup (from->supplement_deadline);
  to->licence_type = g_strdup (from->licence_type);
  to->spec_notes = g_strdup (from->spec_notes);
  return to;
}

static void
material_set_spec (YcDocMaterial  *material,
                   YcMaterialSpec *spec)
{
  material->has_spec = TRUE;
  material->req_originals = yc_material_spec_get_originals (spec);
  material->req_copies = yc_material_spec_get_copies (spec);
  material->form = yc_material_spec_get_form (spec);
  material->required = yc_material_spec_get_required (spec);
  material->tolerable = yc_material_spec_get_tolerable (spec);
  material->supplement_days = yc_material_spec_get_supplement_days (spec);
  material->licence_type = g_strdup (yc_material_spec_get_licence_type (spec));
  material->spec_notes = g_strdup (yc_material_spec_get_notes (spec));
}

void
_yc_doc_data_free (YcDocData *data)
{
  if (data == NULL)
    return;
  g_free (data->language);
  g_free (data->uuid);
  g_free (data->case_no);
  g_free (data->query_password);
  g_free (data->legal_deadline);
  g_free (data->promised_deadline);
  g_free (data->reason);
  g_clear_pointer (&data->decided_at, g_date_time_unref);
  party_clear (&data->applicant);
  party_clear (&data->agent);
  g_free (data->item_code);
  g_free (data->item_name);
  g_free (data->department);
  g_free (data->item_type_label);
  g_free (data->item_legal_basis);
  g_free (data->conditions);
  g_free (data->fees);
  g_free (data->result);
  g_clear_pointer (&data->materials, g_ptr_array_unref);
  g_clear_pointer (&data->issued_at, g_date_time_unref);
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, data, string_fields[i].offset));
  g_free (data);
}

YcDocData *
_yc_doc_data_copy (const YcDocData *from)
{
  YcDocData *to = g_memdup2 (from, sizeof *from);

  to->language = g_strdup (from->language);
  to->uuid = g_strdup (from->uuid);
  to->case_no = g_strdup (from->case_no);
  to->query_password = g_strdup (from->query_password);
  to->legal_deadline = g_strdup (from->legal_deadline);
  to->promised_deadline = g_strdup (from->promised_deadline);
  to->reason = g_strdup (from->reason);
  to->decided_at = from->decided_at ? g_date_time_ref (from->decided_at) : NULL;
  party_copy (&to->applicant, &from->applicant);
  party_copy (&to->agent, &from->agent);
  to->item_code = g_strdup (from->item_code);
  to->item_name = g_strdup (from->item_name);
  to->department = g_strdup (from->department);
  to->item_type_label = g_strdup (from->item_type_label);
  to->item_legal_basis = g_strdup (from->item_legal_basis);
  to->conditions = g_strdup (from->conditions);
  to->fees = g_strdup (from->fees);
  to->result = g_strdup (from->result);
  to->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) material_free);
  for (guint i = 0; i < from->materials->len; i++)
    g_ptr_array_add (to->materials, material_copy (g_ptr_array_index (from->materials, i)));
  to->issued_at = from->issued_at ? g_date_time_ref (from->issued_at) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    G_STRUCT_MEMBER (char *, to, string_fields[i].offset) =
      g_strdup (G_STRUCT_MEMBER (char *, from, string_fields[i].offset));
  return to;
}

/* --- the object --- */

static void
yc_document_finalize (GObject *object)
{
  YcDocument *self = YC_DOCUMENT (object);

  _yc_doc_data_free (self->data);
  G_OBJECT_CLASS (yc_document_parent_class)->finalize (object);
}

static void
yc_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YcDocument *self = YC_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->data->kind);
      break;
    case PROP_FORMAT:
      g_value_set_int (value, self->data->format);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->data->language);
      break;
    case PROP_COLLECTED_BY_AGENT:
      g_value_set_boolean (value, self->data->collected_by_agent);
      break;
    case PROP_ISSUED_AT:
      g_value_set_boxed (value, self->data->issued_at);
      break;
    default:
      if (prop_id >= PROP_WINDOW_CODE && prop_id < N_PROPS)
        {
          gsize offset = string_fields[prop_id - PROP_WINDOW_CODE].offset;

          g_value_set_string (value, G_STRUCT_MEMBER (char *, self->data, offset));
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  YcDocument *self = YC_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->data->kind = g_value_get_enum (value);
      break;
    case PROP_FORMAT:
      yc_document_set_format (self, g_value_get_int (value));
      break;
    case PROP_LANGUAGE:
      yc_document_set_language (self, g_value_get_string (value));
      break;
    case PROP_COLLECTED_BY_AGENT:
      if (self->data->collected_by_agent != g_value_get_boolean (value))
        {
          self->data->collected_by_agent = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ISSUED_AT:
      g_clear_pointer (&self->data->issued_at, g_date_time_unref);
      self->data->issued_at = g_value_dup_boxed (value);
      if (self->data->issued_at == NULL)
        self->data->issued_at = g_date_time_new_now_local ();
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      if (prop_id >= PROP_WINDOW_CODE && prop_id < N_PROPS)
        {
          gsize offset = string_fields[prop_id - PROP_WINDOW_CODE].offset;
          char **field = &G_STRUCT_MEMBER (char *, self->data, offset);

          if (g_strcmp0 (*field, g_value_get_string (value)) != 0)
            {
              g_free (*field);
              *field = g_value_dup_string (value);
              g_object_notify_by_pspec (object, pspec);
            }
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_document_class_init (YcDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = yc_document_finalize;
  object_class->get_property = yc_document_get_property;
  object_class->set_property = yc_document_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, YC_TYPE_DOC_KIND, YC_DOC_RECEIPT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* YcDocFormat has no GType of its own: an int holding the enum. */
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL, YC_DOC_FORMAT_A4, YC_DOC_FORMAT_RECEIPT,
                      YC_DOC_FORMAT_A4, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "zh_CN", rw);
  properties[PROP_COLLECTED_BY_AGENT] =
    g_param_spec_boolean ("collected-by-agent", NULL, NULL, FALSE, rw);
  properties[PROP_ISSUED_AT] = g_param_spec_boxed ("issued-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    properties[PROP_WINDOW_CODE + i] =
      g_param_spec_string (string_fields[i].name, NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_document_init (YcDocument *self)
{
  self->data = g_new0 (YcDocData, 1);
  self->data->language = g_strdup ("zh_CN");
  self->data->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) material_free);
  self->data->issued_at = g_date_time_new_now_local ();
}

static void
copy_case (YcDocData *data,
           YcCase    *kase,
           YcItem    *item)
{
  GListModel *materials = yc_case_get_materials (kase);
  guint n = g_list_model_get_n_items (materials);

  data->has_case = TRUE;
  data->uuid = g_strdup (yc_case_get_uuid (kase));
  data->case_no = g_strdup (yc_case_get_case_no (kase));
  data->query_password = g_strdup (yc_case_get_query_password (kase));
  data->state = yc_case_get_state (kase);
  data->legal_deadline = g_strdup (yc_case_get_legal_deadline (kase));
  data->promised_deadline = g_strdup (yc_case_get_promised_deadline (kase));
  data->reason = g_strdup (yc_case_get_reason (kase));
  if (yc_case_get_decided_at (kase) != NULL)
    data->decided_at = g_date_time_ref (yc_case_get_decided_at (kase));
  party_from_object (&data->applicant, yc_case_get_applicant (kase));
  party_from_object (&data->agent, yc_case_get_agent (kase));
  data->window_code = g_strdup (yc_case_get_window_code (kase));
  data->clerk = g_strdup (yc_case_get_clerk (kase));
  if (data->item_code == NULL)
    {
      data->item_code = g_strdup (yc_case_get_item_code (kase));
      data->item_name = g_strdup (yc_case_get_item_name (kase));
      data->department = g_strdup (yc_case_get_department (kase));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCaseMaterial) object = g_list_model_get_item (materials, i);
      YcDocMaterial *material = g_new0 (YcDocMaterial, 1);
      YcMaterialSpec *spec;

      material->name = g_strdup (yc_case_material_get_name (object));
      material->state = yc_case_material_get_state (object);
      material->originals = yc_case_material_get_originals (object);
      material->copies = yc_case_material_get_copies (object);
      material->note = g_strdup (yc_case_material_get_note (object));
      material->supplement_deadline = g_strdup (yc_case_material_get_supplement_deadline (object));
      material->required = TRUE;
      spec = item != NULL && yc_case_material_get_spec_code (object) != NULL
             ? yc_item_find_material (item, yc_case_material_get_spec_code (object)) : NULL;
      if (spec != NULL)
        material_set_spec (material, spec);
      g_ptr_array_add (data->materials, material);
    }
}

static void
copy_item (YcDocData *data,
           YcItem    *item)
{
  data->has_item = TRUE;
  data->item_code = g_strdup (yc_item_get_code (item));
  data->item_name = g_strdup (yc_item_get_name (item));
  data->department = g_strdup (yc_item_get_department (item));
  data->item_type_label = g_strdup (yc_item_get_item_type_label (item));
  data->case_type = yc_item_get_case_type (item);
  data->legal_days = yc_item_get_legal_days (item);
  data->promised_days = yc_item_get_promised_days (item);
  data->item_legal_basis = g_strdup (yc_item_get_legal_basis (item));
  data->conditions = g_strdup (yc_item_get_conditions (item));
  data->fees = g_strdup (yc_item_get_fees (item));
  data->result = g_strdup (yc_item_get_result (item));
}

YcDocument *
yc_document_new (YcDocKind  kind,
                 YcCase    *kase,
                 YcItem    *item)
{
  YcDocument *self;

  g_return_val_if_fail (kind >= 0 && kind < YC_DOC_N_KINDS, NULL);
  g_return_val_if_fail (kase == NULL || YC_IS_CASE (kase), NULL);
  g_return_val_if_fail (item == NULL || YC_IS_ITEM (item), NULL);
  g_return_val_if_fail (kase != NULL || (kind == YC_DOC_GUIDANCE && item != NULL), NULL);

  self = g_object_new (YC_TYPE_DOCUMENT, "kind", kind, NULL);
  if (item != NULL)
    copy_item (self->data, item);
  if (kase != NULL)
    copy_case (self->data, kase, item);
  else
    {
      /* Guidance about an item alone lists the item's requirements. */
      GListModel *specs = yc_item_get_materials (item);

      for (guint i = 0; i < g_list_model_get_n_items (specs); i++)
        {
          g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (specs, i);
          YcDocMaterial *material = g_new0 (YcDocMaterial, 1);

          material->name = g_strdup (yc_material_spec_get_name (spec));
          material_set_spec (material, spec);
          g_ptr_array_add (self->data->materials, material);
        }
    }
  return self;
}

YcDocKind
yc_document_get_kind (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), YC_DOC_RECEIPT);
  return self->data->kind;
}

YcDocFormat
yc_document_get_format (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), YC_DOC_FORMAT_A4);
  return self->data->format;
}

void
yc_document_set_format (YcDocument  *self,
                        YcDocFormat  format)
{
  g_return_if_fail (YC_IS_DOCUMENT (self));
  g_return_if_fail (format == YC_DOC_FORMAT_A4 || format == YC_DOC_FORMAT_RECEIPT);

  if (self->data->format == format)
    return;
  self->data->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

const char *
yc_document_get_language (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->data->language;
}

void
yc_document_set_language (YcDocument *self,
                          const char *language)
{
  g_return_if_fail (YC_IS_DOCUMENT (self));

  if (language == NULL)
    language = "zh_CN";
  if (g_strcmp0 (self->data->language, language) == 0)
    return;
  g_free (self->data->language);
  self->data->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
yc_document_get_case_no (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->data->case_no;
}

const char *
yc_document_get_case_uuid (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->data->uuid;
}

char *
_yc_doc_data_qr_payload (const YcDocData *data)
{
  if (data->has_case)
    {
      if (data->query_url != NULL)
        {
          g_autofree char *no = g_uri_escape_string (data->case_no ? data->case_no : "", NULL,
                                                     FALSE);
          g_autofree char *pw = g_uri_escape_string (data->query_password ? data->query_password
                                                     : "",
                                                     NULL, FALSE);

          return g_strdup_printf ("%s%scase=%s&pw=%s", data->query_url,
                                  strchr (data->query_url, '?') != NULL ? "&" : "?", no, pw);
        }
      return g_strdup_printf ("YC1:%s:%s", data->case_no ? data->case_no : "",
                              data->query_password ? data->query_password : "");
    }
  if (data->query_url != NULL)
    {
      g_autofree char *code = g_uri_escape_string (data->item_code ? data->item_code : "", NULL,
                                                   FALSE);

      return g_strdup_printf ("%s%sitem=%s", data->query_url,
                              strchr (data->query_url, '?') != NULL ? "&" : "?", code);
    }
  return g_strdup_printf ("YC1:ITEM:%s", data->item_code ? data->item_code : "");
}

char *
yc_document_get_qr_payload (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return _yc_doc_data_qr_payload (self->data);
}

char *
yc_document_get_title (YcDocument *self)
{
  const YcDocLanguage *language;

  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);

  language = _yc_doc_language_get (self->data->kind == YC_DOC_GUIDANCE ? self->data->language
                                                                       : "zh_CN", NULL);
  return g_strdup (_yc_doc_data_title (self->data, language));
}

/* --- rendering --- */

static GBytes *
render_data (const YcDocData *data,
             guint           *n_pages,
             GError         **error)
{
  g_autoptr(YcDocBuilder) builder = NULL;
  const YcDocLanguage *language;
  g_autofree char *title = NULL;

  /* The official forms are legal instruments in Chinese whatever the UI language; only the guidance
   * sheet follows the applicant's choice. */
  language = _yc_doc_language_get (data->kind == YC_DOC_GUIDANCE ? data->language : "zh_CN", error);
  if (language == NULL)
    return NULL;

  builder = _yc_doc_builder_new (data->format, language);
  if (!_yc_doc_build_content (data, language, builder, error))
    return NULL;
  title = g_strdup (_yc_doc_data_title (data, language));
  return _yc_doc_builder_render_pdf (builder,
                                     _yc_doc_translate (language, "document",
                                                        NC_("document", "Page %u of %u")),
                                     title, data->issued_at, n_pages, error);
}

GBytes *
yc_document_render (YcDocument *self,
                    guint      *n_pages,
                    GError    **error)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);

  return render_data (self->data, n_pages, error);
}

typedef struct {
  GBytes *pdf;
  guint   n_pages;
} RenderResult;

static void
render_result_free (RenderResult *result)
{
  g_bytes_unref (result->pdf);
  g_free (result);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  RenderResult *result = g_new0 (RenderResult, 1);

  if (g_task_return_error_if_cancelled (task))
    {
      g_free (result);
      return;
    }
  result->pdf = render_data (task_data, &result->n_pages, &error);
  if (result->pdf == NULL)
    {
      g_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) render_result_free);
}

void
yc_document_render_async (YcDocument         *self,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_render_async);
  g_task_set_task_data (task, _yc_doc_data_copy (self->data), (GDestroyNotify) _yc_doc_data_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
yc_document_render_finish (YcDocument   *self,
                           GAsyncResult *result,
                           guint        *n_pages,
                           GError      **error)
{
  RenderResult *render;
  GBytes *pdf;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_document_render_async, NULL);

  render = g_task_propagate_pointer (G_TASK (result), error);
  if (render == NULL)
    return NULL;
  if (n_pages != NULL)
    *n_pages = render->n_pages;
  pdf = g_bytes_ref (render->pdf);
  render_result_free (render);
  return pdf;
}
