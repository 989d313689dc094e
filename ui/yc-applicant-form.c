/* yc-applicant-form.c: applicant and agent fields, validated as typed and written into the case. */
#define G_LOG_DOMAIN "yc-ui"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-applicant-form.h"
#include "yc-field.h"
#include "yc-validators.h"

typedef enum {
  CHECK_NONE,       /* free text */
  CHECK_NAME,       /* required */
  CHECK_ID,         /* resident ID, or credit code for organisations (applicant only) */
  CHECK_PERSON_ID,  /* always a resident ID (agent) */
  CHECK_PHONE,      /* optional, checked when given */
} CheckKind;

typedef enum {
  PARTY_APPLICANT,
  PARTY_AGENT,
} PartyRole;

typedef struct {
  YcField   *field;
  PartyRole  role;
  const char *property;
  CheckKind  check;
} FieldInfo;

struct _YcApplicantForm
{
  GtkWidget        parent_instance;

  YcCase          *kase;
  gboolean         loading;
  /* The credit code the clerk overrode the check of (the override ends when the code changes). */
  char            *uscc_override;
  FieldInfo        fields[11];
  guint            n_fields;

  /* template children */
  GtkToggleButton *person_button;
  GtkToggleButton *organisation_button;
  YcField         *name_field;
  YcField         *id_field;
  YcField         *legal_rep_field;
  YcField         *contact_field;
  YcField         *phone_field;
  YcField         *address_field;
  GtkCheckButton  *bad_credit_check;
  GtkCheckButton  *false_promise_check;
  GtkExpander     *agent_expander;
  YcField         *agent_name_field;
  YcField         *agent_id_field;
  YcField         *agent_phone_field;
  YcField         *agent_relation_field;
  YcField         *agent_authorisation_field;
};

G_DEFINE_FINAL_TYPE (YcApplicantForm, yc_applicant_form, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_organisation (YcApplicantForm *self)
{
  return gtk_toggle_button_get_active (self->organisation_button);
}

static FieldInfo *
find_info (YcApplicantForm *self,
           YcField         *field)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].field == field)
      return &self->fields[i];
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
agent_present (YcApplicantForm *self)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].role == PARTY_AGENT && !is_blank (yc_field_get_text (self->fields[i].field)))
      return TRUE;
  return FALSE;
}

/* The state and message of one field. @strict: the clerk left the field (or wants to decide), so an
 * incomplete value is an error; while typing, only what can never become right is. Returns the
 * canonical value to store, if the value has one. */
static YcFieldState
check_field (YcApplicantForm  *self,
             FieldInfo        *info,
             gboolean          strict,
             char            **message,
             char            **canonical)
{
  const char *text = yc_field_get_text (info->field);
  g_autoptr(GError) error = NULL;
  CheckKind check = info->check;

  *message = NULL;
  if (canonical != NULL)
    *canonical = NULL;

  /* An agent's fields matter only once there is an agent. */
  if (info->role == PARTY_AGENT && !agent_present (self))
    return YC_FIELD_STATE_NONE;

  if (check == CHECK_ID && is_organisation (self))
    {
      g_autofree char *normalized = NULL;
      YcValidation validation;

      if (is_blank (text))
        {
          if (strict)
            *message = g_strdup (_("Enter the organisation’s unified social credit code."));
          return strict ? YC_FIELD_STATE_ERROR : YC_FIELD_STATE_NONE;
        }
      validation = yc_uscc_validate (text, &normalized, &error);
      if (canonical != NULL && normalized != NULL)
        *canonical = g_strdup (normalized);
      switch (validation)
        {
        case YC_VALIDATION_VALID:
          return YC_FIELD_STATE_NONE;
        case YC_VALIDATION_WARNING:
          if (g_strcmp0 (self->uscc_override, normalized) == 0)
            {
              *message = g_strdup (_("The check was overridden: the code is kept as entered, and the "
                                     "override is recorded in the audit log."));
              return YC_FIELD_STATE_WARNING;
            }
          *message = g_strdup (error->message);
          return YC_FIELD_STATE_WARNING;
        case YC_VALIDATION_INVALID:
        default:
          if (!strict && g_error_matches (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH))
            return YC_FIELD_STATE_NONE;
          *message = g_strdup (error->message);
          return YC_FIELD_STATE_ERROR;
        }
    }

  if (check == CHECK_ID || check == CHECK_PERSON_ID)
    {
      g_autofree char *normalized = NULL;

      if (is_blank (text))
        {
          if (strict)
            *message = g_strdup (info->role == PARTY_AGENT
                                 ? _("Enter the agent’s resident ID number.")
                                 : _("Enter the applicant’s resident ID number."));
          return strict ? YC_FIELD_STATE_ERROR : YC_FIELD_STATE_NONE;
        }
      normalized = yc_id_number_normalize (text, NULL, &error);
      if (normalized != NULL)
        {
          if (canonical != NULL)
            *canonical = g_steal_pointer (&normalized);
          return YC_FIELD_STATE_NONE;
        }
      if (!strict && g_error_matches (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_LENGTH))
        return YC_FIELD_STATE_NONE;
      *message = g_strdup (error->message);
      return YC_FIELD_STATE_ERROR;
    }

  if (check == CHECK_PHONE)
    {
      g_autofree char *normalized = NULL;

      if (is_blank (text))
        return YC_FIELD_STATE_NONE;
      normalized = yc_phone_normalize (text, NULL, &error);
      if (normalized != NULL)
        {
          if (canonical != NULL)
            *canonical = g_steal_pointer (&normalized);
          return YC_FIELD_STATE_NONE;
        }
      /* A number being typed is incomplete most of the time: only a character that has no place in a
       * phone number is worth interrupting for. */
      if (!strict && !g_error_matches (error, YC_VALIDATION_ERROR, YC_VALIDATION_ERROR_CHARSET))
        return YC_FIELD_STATE_NONE;
      *message = g_strdup (error->message);
      return YC_FIELD_STATE_ERROR;
    }

  if (check == CHECK_NAME && is_blank (text))
    {
      if (strict)
        *message = g_strdup (info->role == PARTY_AGENT
                             ? _("Enter the agent’s name.")
                             : is_organisation (self) ? _("Enter the organisation’s name.")
                                                      : _("Enter the applicant’s name."));
      return strict ? YC_FIELD_STATE_ERROR : YC_FIELD_STATE_NONE;
    }

  return YC_FIELD_STATE_NONE;
}

/* A credit code whose check character fails and whose check the clerk has not overridden. */
static gboolean
uscc_needs_override (YcApplicantForm *self,
                     FieldInfo       *info)
{
  g_autofree char *normalized = NULL;

  if (info->check != CHECK_ID || !is_organisation (self))
    return FALSE;
  if (yc_uscc_validate (yc_field_get_text (info->field), &normalized, NULL) != YC_VALIDATION_WARNING)
    return FALSE;
  return g_strcmp0 (self->uscc_override, normalized) != 0;
}

static void
show_check (YcApplicantForm *self,
            FieldInfo       *info,
            gboolean         strict)
{
  g_autofree char *message = NULL;
  YcFieldState state = check_field (self, info, strict, &message, NULL);
  /* The override is offered for a failed check character only, not for a malformed code. */
  gboolean offer_override = state == YC_FIELD_STATE_WARNING && uscc_needs_override (self, info);

  yc_field_set_message (info->field, state, message);
  yc_field_set_action_label (info->field, offer_override ? _("_Override") : NULL);
}

static YcParty *
ensure_party (YcApplicantForm *self,
              PartyRole        role)
{
  YcParty *party;

  if (role == PARTY_APPLICANT)
    {
      party = yc_case_get_applicant (self->kase);
      if (party == NULL)
        {
          g_autoptr(YcParty) created = yc_party_new (is_organisation (self) ? YC_PARTY_ORGANISATION
                                                                            : YC_PARTY_PERSON);
          g_object_set (self->kase, "applicant", created, NULL);
          party = yc_case_get_applicant (self->kase);
        }
      return party;
    }

  party = yc_case_get_agent (self->kase);
  if (party == NULL)
    {
      g_autoptr(YcParty) created = yc_party_new (YC_PARTY_PERSON);

      g_object_set (self->kase, "agent", created, NULL);
      party = yc_case_get_agent (self->kase);
    }
  return party;
}

/* Writes one field into its party: the canonical form of a valid number, else what was typed. */
static void
store_field (YcApplicantForm *self,
             FieldInfo       *info)
{
  g_autofree char *message = NULL;
  g_autofree char *canonical = NULL;
  const char *text = yc_field_get_text (info->field);
  YcParty *party;

  if (self->kase == NULL)
    return;

  check_field (self, info, TRUE, &message, &canonical);
  if (info->role == PARTY_AGENT && !agent_present (self))
    {
      if (yc_case_get_agent (self->kase) != NULL)
        g_object_set (self->kase, "agent", NULL, NULL);
      return;
    }

  party = ensure_party (self, info->role);
  if (info->role == PARTY_AGENT && !is_blank (text))
    {
      /* The agent's party appeared with this field: write the others too. */
      for (guint i = 0; i < self->n_fields; i++)
        if (self->fields[i].role == PARTY_AGENT && &self->fields[i] != info)
          {
            const char *other = yc_field_get_text (self->fields[i].field);

            g_object_set (party, self->fields[i].property, is_blank (other) ? NULL : other, NULL);
          }
    }
  g_object_set (party, info->property,
                canonical != NULL ? canonical : is_blank (text) ? NULL : text,
                NULL);
}

static void
update_flags (YcApplicantForm *self)
{
  YcApplicantFlags flags = YC_APPLICANT_FLAG_NONE;
  g_autofree char *normalized = NULL;

  if (self->kase == NULL)
    return;

  if (gtk_check_button_get_active (self->bad_credit_check))
    flags |= YC_APPLICANT_FLAG_BAD_CREDIT;
  if (gtk_check_button_get_active (self->false_promise_check))
    flags |= YC_APPLICANT_FLAG_FALSE_PROMISE;
  if (is_organisation (self) &&
      yc_uscc_validate (yc_field_get_text (self->id_field), &normalized, NULL) == YC_VALIDATION_WARNING &&
      g_strcmp0 (normalized, self->uscc_override) == 0)
    flags |= YC_APPLICANT_FLAG_USCC_OVERRIDE;

  if (yc_case_get_applicant_flags (self->kase) != flags)
    g_object_set (self->kase, "applicant-flags", flags, NULL);
}

static void
emit_changed (YcApplicantForm *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
field_changed_cb (YcField         *field,
                  YcApplicantForm *self)
{
  FieldInfo *info = find_info (self, field);

  if (self->loading || info == NULL)
    return;

  show_check (self, info, FALSE);
  store_field (self, info);
  /* The agent's fields become required together. */
  if (info->role == PARTY_AGENT)
    for (guint i = 0; i < self->n_fields; i++)
      if (self->fields[i].role == PARTY_AGENT && &self->fields[i] != info &&
          yc_field_get_state (self->fields[i].field) != YC_FIELD_STATE_NONE)
        show_check (self, &self->fields[i], TRUE);
  if (info->check == CHECK_ID)
    update_flags (self);
  emit_changed (self);
}

static gboolean
is_id_check (CheckKind check)
{
  return check == CHECK_ID || check == CHECK_PERSON_ID;
}

static void
field_leave_cb (YcField         *field,
                YcApplicantForm *self)
{
  FieldInfo *info = find_info (self, field);
  g_autofree char *message = NULL;
  g_autofree char *canonical = NULL;
  YcFieldState state;

  if (info == NULL || yc_field_get_masked (field))
    return;

  /* An empty field the clerk only passed through is not an error yet. */
  if (is_blank (yc_field_get_text (field)))
    {
      show_check (self, info, FALSE);
      return;
    }

  state = check_field (self, info, TRUE, &message, &canonical);
  /* Show the canonical form (full-width digits typed with an input method become ASCII). */
  if (canonical != NULL && g_strcmp0 (canonical, yc_field_get_text (field)) != 0)
    yc_field_set_text (field, canonical);
  show_check (self, info, TRUE);

  /* Resident IDs are masked on screen once entered (DESIGN.md §9); credit codes are public record. */
  if (state == YC_FIELD_STATE_NONE && is_id_check (info->check) &&
      !(info->check == CHECK_ID && is_organisation (self)))
    yc_field_set_masked (field, TRUE);
}

static gboolean
field_is_shown (YcApplicantForm *self,
                FieldInfo       *info)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (info->field)))
    return FALSE;
  if (info->role == PARTY_AGENT)
    return gtk_expander_get_expanded (self->agent_expander);
  return TRUE;
}

static void
field_activate_cb (YcField         *field,
                   YcApplicantForm *self)
{
  gboolean after = FALSE;

  /* Enter goes on to the next field, and from the last one on to the materials. */
  for (guint i = 0; i < self->n_fields; i++)
    {
      if (self->fields[i].field == field)
        {
          after = TRUE;
          continue;
        }
      if (after && field_is_shown (self, &self->fields[i]))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->fields[i].field));
          return;
        }
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
field_action_cb (YcField         *field,
                 YcApplicantForm *self)
{
  g_autofree char *normalized = NULL;

  /* The only action is the credit code override. */
  if (field != self->id_field || !is_organisation (self))
    return;
  if (yc_uscc_validate (yc_field_get_text (field), &normalized, NULL) != YC_VALIDATION_WARNING)
    return;

  g_free (self->uscc_override);
  self->uscc_override = g_steal_pointer (&normalized);
  show_check (self, find_info (self, field), TRUE);
  update_flags (self);
  emit_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (field));
}

static void
update_kind (YcApplicantForm *self)
{
  gboolean organisation = is_organisation (self);

  yc_field_set_title (self->name_field, organisation ? _("Organisation’s _name") : _("_Name"));
  yc_field_set_title (self->id_field, organisation ? _("Unified social credit _code")
                                                   : _("Resident _ID number"));
  yc_field_set_mask_func (self->id_field, organisation ? NULL : yc_mask_id_number);
  if (organisation)
    yc_field_set_masked (self->id_field, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->legal_rep_field), organisation);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_field), organisation);
  yc_field_set_title (self->phone_field, organisation ? _("Contact p_hone") : _("P_hone"));
}

static void
kind_toggled_cb (YcApplicantForm *self)
{
  YcParty *applicant;
  FieldInfo *id_info = find_info (self, self->id_field);

  update_kind (self);
  if (self->loading || self->kase == NULL)
    return;

  applicant = ensure_party (self, PARTY_APPLICANT);
  g_object_set (applicant, "kind", is_organisation (self) ? YC_PARTY_ORGANISATION : YC_PARTY_PERSON,
                NULL);
  if (!is_organisation (self))
    {
      g_object_set (applicant, "legal-representative", NULL, "contact", NULL, NULL);
    }
  else
    {
      store_field (self, find_info (self, self->legal_rep_field));
      store_field (self, find_info (self, self->contact_field));
    }
  /* The number means something else now. */
  store_field (self, id_info);
  show_check (self, id_info, !is_blank (yc_field_get_text (self->id_field)));
  update_flags (self);
  emit_changed (self);
}

static void
flags_toggled_cb (YcApplicantForm *self)
{
  if (self->loading)
    return;
  update_flags (self);
  emit_changed (self);
}

static void
add_field (YcApplicantForm *self,
           YcField         *field,
           PartyRole        role,
           const char      *property,
           CheckKind        check)
{
  FieldInfo *info;

  g_assert (self->n_fields < G_N_ELEMENTS (self->fields));
  info = &self->fields[self->n_fields++];
  info->field = field;
  info->role = role;
  info->property = property;
  info->check = check;

  g_signal_connect (field, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect (field, "leave", G_CALLBACK (field_leave_cb), self);
  g_signal_connect (field, "activate", G_CALLBACK (field_activate_cb), self);
  g_signal_connect (field, "action", G_CALLBACK (field_action_cb), self);
}

static void
yc_applicant_form_dispose (GObject *object)
{
  YcApplicantForm *self = YC_APPLICANT_FORM (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_APPLICANT_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (yc_applicant_form_parent_class)->dispose (object);
}

static void
yc_applicant_form_finalize (GObject *object)
{
  YcApplicantForm *self = YC_APPLICANT_FORM (object);

  g_free (self->uscc_override);

  G_OBJECT_CLASS (yc_applicant_form_parent_class)->finalize (object);
}

static void
yc_applicant_form_class_init (YcApplicantFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_applicant_form_dispose;
  object_class->finalize = yc_applicant_form_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (YC_TYPE_FIELD);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-applicant-form.ui");
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, person_button);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, organisation_button);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, name_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, id_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, legal_rep_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, contact_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, phone_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, address_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, bad_credit_check);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, false_promise_check);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_expander);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_name_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_id_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_phone_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_relation_field);
  gtk_widget_class_bind_template_child (widget_class, YcApplicantForm, agent_authorisation_field);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, flags_toggled_cb);
}

static void
yc_applicant_form_init (YcApplicantForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order Enter walks through them. */
  add_field (self, self->name_field, PARTY_APPLICANT, "name", CHECK_NAME);
  add_field (self, self->id_field, PARTY_APPLICANT, "id-number", CHECK_ID);
  add_field (self, self->legal_rep_field, PARTY_APPLICANT, "legal-representative", CHECK_NONE);
  add_field (self, self->contact_field, PARTY_APPLICANT, "contact", CHECK_NONE);
  add_field (self, self->phone_field, PARTY_APPLICANT, "phone", CHECK_PHONE);
  add_field (self, self->address_field, PARTY_APPLICANT, "address", CHECK_NONE);
  add_field (self, self->agent_name_field, PARTY_AGENT, "name", CHECK_NAME);
  add_field (self, self->agent_id_field, PARTY_AGENT, "id-number", CHECK_PERSON_ID);
  add_field (self, self->agent_phone_field, PARTY_AGENT, "phone", CHECK_PHONE);
  add_field (self, self->agent_relation_field, PARTY_AGENT, "relation", CHECK_NONE);
  add_field (self, self->agent_authorisation_field, PARTY_AGENT, "authorisation", CHECK_NONE);

  gtk_entry_set_input_purpose (yc_field_get_entry (self->phone_field), GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_input_purpose (yc_field_get_entry (self->agent_phone_field), GTK_INPUT_PURPOSE_PHONE);
  yc_field_set_mask_func (self->agent_id_field, yc_mask_id_number);
  update_kind (self);
}

void
yc_applicant_form_set_case (YcApplicantForm *self,
                            YcCase          *kase)
{
  YcParty *applicant, *agent;
  YcApplicantFlags flags;

  g_return_if_fail (YC_IS_APPLICANT_FORM (self));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  g_set_object (&self->kase, kase);
  applicant = kase != NULL ? yc_case_get_applicant (kase) : NULL;
  agent = kase != NULL ? yc_case_get_agent (kase) : NULL;
  flags = kase != NULL ? yc_case_get_applicant_flags (kase) : YC_APPLICANT_FLAG_NONE;

  self->loading = TRUE;
  gtk_toggle_button_set_active (applicant != NULL &&
                                yc_party_get_kind (applicant) == YC_PARTY_ORGANISATION
                                ? self->organisation_button : self->person_button, TRUE);
  update_kind (self);
  for (guint i = 0; i < self->n_fields; i++)
    {
      YcParty *party = self->fields[i].role == PARTY_APPLICANT ? applicant : agent;
      g_autofree char *value = NULL;

      if (party != NULL)
        g_object_get (party, self->fields[i].property, &value, NULL);
      yc_field_set_text (self->fields[i].field, value);
      yc_field_set_message (self->fields[i].field, YC_FIELD_STATE_NONE, NULL);
      yc_field_set_action_label (self->fields[i].field, NULL);
    }
  g_clear_pointer (&self->uscc_override, g_free);
  if (flags & YC_APPLICANT_FLAG_USCC_OVERRIDE)
    self->uscc_override = g_strdup (yc_field_get_text (self->id_field));
  gtk_check_button_set_active (self->bad_credit_check, (flags & YC_APPLICANT_FLAG_BAD_CREDIT) != 0);
  gtk_check_button_set_active (self->false_promise_check,
                               (flags & YC_APPLICANT_FLAG_FALSE_PROMISE) != 0);
  gtk_expander_set_expanded (self->agent_expander, agent != NULL);
  self->loading = FALSE;

  /* A restored intake shows what is still wrong, and its numbers masked. */
  for (guint i = 0; i < self->n_fields; i++)
    if (!is_blank (yc_field_get_text (self->fields[i].field)))
      field_leave_cb (self->fields[i].field, self);
}

YcCase *
yc_applicant_form_get_case (YcApplicantForm *self)
{
  g_return_val_if_fail (YC_IS_APPLICANT_FORM (self), NULL);

  return self->kase;
}

char *
yc_applicant_form_get_problem (YcApplicantForm *self)
{
  g_return_val_if_fail (YC_IS_APPLICANT_FORM (self), NULL);

  for (guint i = 0; i < self->n_fields; i++)
    {
      FieldInfo *info = &self->fields[i];
      g_autofree char *message = NULL;
      YcFieldState state;

      if (!gtk_widget_get_visible (GTK_WIDGET (info->field)))
        continue;
      state = check_field (self, info, TRUE, &message, NULL);
      if (state == YC_FIELD_STATE_ERROR)
        return g_steal_pointer (&message);
      /* A failed check character blocks until the clerk overrides it. */
      if (state == YC_FIELD_STATE_WARNING && uscc_needs_override (self, info))
        return g_strdup_printf (_("%s Check the code, or override the check."), message);
    }
  return NULL;
}

void
yc_applicant_form_validate_all (YcApplicantForm *self)
{
  g_return_if_fail (YC_IS_APPLICANT_FORM (self));

  for (guint i = 0; i < self->n_fields; i++)
    show_check (self, &self->fields[i], TRUE);
}

void
yc_applicant_form_focus_first (YcApplicantForm *self)
{
  g_return_if_fail (YC_IS_APPLICANT_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_field));
}
