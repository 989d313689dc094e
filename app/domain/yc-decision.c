/* yc-decision.c: the pure decision function: which outcomes are lawful, why the others are not,
 * deadlines. */
#define G_LOG_DOMAIN "yc-domain"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "yc-decision.h"

/*
 * The rules, and the law behind them.
 *
 * 《中华人民共和国行政许可法》(Administrative Licensing Law) §32 gives the window five answers to an application:
 * not needing a licence or not this authority's business → refuse (不予受理) and tell the applicant
 * where to apply (our "refer"); errors that can be corrected on the spot → corrected there (no
 * outcome of its own); materials incomplete or not in legal form → tell the applicant, on the spot
 * or within five days and ONCE, everything that must be added (一次性告知), otherwise the application
 * counts as accepted on receipt; competent and complete → accept (受理). State Council reforms add
 * two modes: tolerance acceptance (容缺受理, 《优化营商环境条例》§35 and local rules: main materials complete,
 * secondary ones promised by a deadline) and notification-commitment (证明事项告知承诺制, 国办发〔2020〕42号: a
 * written commitment replaces a proof, but not for applicants with a record of bad credit (失信) or
 * of an earlier false commitment).
 *
 * A material counts as PROVIDED when its original was checked, a copy received, it was scanned,
 * fetched as an e-licence, or marked not applicable WITH a reason (the note); not applicable
 * without a reason counts as missing, so a material cannot be waved away silently. Materials whose
 * spec is not "required" (needed only in some circumstances) never block an outcome while pending;
 * the clerk marks them not applicable or provides them. Lines not found in the item are treated as
 * such optional materials.
 *
 *  accept             every required material provided; nothing tolerated or replaced by
 *                     commitment.
 *  tolerance_accept   at least one material tolerated; every tolerated one has a tolerable spec and
 *                     a supplement period (> 0 working days: min of the spec's supplement days and
 *                     the item's promised limit, its legal limit when it has no promised one; an
 *                     immediate item is finished on the day, so it has none) and a deadline, if the
 *                     clerk chose one, after today and within that period; no required material
 *                     merely pending; at least one required material provided (the "main
 *                     materials"); nothing replaced by commitment (one mode per decision: the
 *                     applicant signs one kind of promise). Main (non-tolerable) materials are then
 *                     all provided, since they can be neither pending nor tolerated.
 *  commitment_accept  the item allows 告知承诺; the applicant is flagged neither BAD_CREDIT nor
 *                     FALSE_PROMISE; at least one material replaced by commitment; every other
 *                     required material provided (none pending, none tolerated).
 *  issue_notice       some required material is not provided (pending, unexplained not-applicable,
 *                     or tolerated/committed, for a clerk who prefers not to tolerate): the notice
 *                     lists ALL of them, in checklist order, so the applicant comes back once.
 *  refuse             always available (the store requires a ground with its legal basis).
 *  refer              always available (the store requires the competent department).
 *
 * Deadlines, in working days after the decision day (YcCalendar: holidays and adjusted working
 * days): legal = decision day + legal_days; promised = decision day + promised_days, or the legal
 * deadline when the item has no promised limit; an immediate item's promised deadline is the
 * decision day itself (and its legal deadline the decision day when it has no legal limit).
 */

G_DEFINE_QUARK (yc-decision-error-quark, yc_decision_error)

/* --- outcomes --- */

typedef struct {
  YcDecisionOutcome outcome;
  const char       *name;
  YcCaseEvent       event;
} OutcomeRow;

static const OutcomeRow outcome_rows[] = {
#define ROW(outcome, event) \
  { YC_DECISION_##outcome, "YC_DECISION_" #outcome, YC_CASE_EVENT_##event }
  ROW (ACCEPT, ACCEPT),
  ROW (TOLERANCE_ACCEPT, TOLERANCE_ACCEPT),
  ROW (COMMITMENT_ACCEPT, COMMITMENT_ACCEPT),
  ROW (ISSUE_NOTICE, ISSUE_NOTICE),
  ROW (REFUSE, REFUSE),
  ROW (REFER, REFER),
#undef ROW
};
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_rows) == YC_DECISION_N_OUTCOMES);

GType
yc_decision_outcome_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GEnumValue *values = g_new0 (GEnumValue, YC_DECISION_N_OUTCOMES + 1);
      GType t;

      for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
        {
          values[i].value = outcome_rows[i].outcome;
          values[i].value_name = outcome_rows[i].name;
          values[i].value_nick = yc_case_event_to_string (outcome_rows[i].event);
        }
      t = g_enum_register_static ("YcDecisionOutcome", values);
      g_once_init_leave (&type_id, t);
    }
  return type_id;
}

YcCaseEvent
yc_decision_outcome_to_event (YcDecisionOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, YC_CASE_EVENT_ACCEPT);
  return outcome_rows[outcome].event;
}

gboolean
yc_decision_outcome_from_event (YcCaseEvent        event,
                                YcDecisionOutcome *out)
{
  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    if (outcome_rows[i].event == event)
      {
        if (out != NULL)
          *out = outcome_rows[i].outcome;
        return TRUE;
      }
  return FALSE;
}

const char *
yc_decision_outcome_to_string (YcDecisionOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, NULL);
  return yc_case_event_to_string (outcome_rows[outcome].event);
}

gboolean
yc_decision_outcome_from_string (const char        *code,
                                 YcDecisionOutcome *out)
{
  YcCaseEvent event;

  return yc_case_event_from_string (code, &event) && yc_decision_outcome_from_event (event, out);
}

const char *
yc_decision_outcome_get_label (YcDecisionOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, NULL);
  return yc_case_event_get_label (outcome_rows[outcome].event);
}

/* --- documents due --- */

static const YcDocDue docs_accept[] = { { YC_DOC_RECEIPT, 1 } };
/* The tolerance notice is signed in two copies: one for the applicant, one for the case file. */
static const YcDocDue docs_tolerance[] = { { YC_DOC_RECEIPT, 1 }, { YC_DOC_TOLERANCE, 2 } };
static const YcDocDue docs_commitment[] = { { YC_DOC_RECEIPT, 1 }, { YC_DOC_COMMITMENT, 1 } };
static const YcDocDue docs_notice[] = { { YC_DOC_NOTICE_ONCE, 1 } };
static const YcDocDue docs_refusal[] = { { YC_DOC_REFUSAL, 1 } };

const YcDocDue *
yc_decision_outcome_get_documents (YcDecisionOutcome outcome,
                                   guint            *n_docs)
{
  const YcDocDue *docs = NULL;
  guint n = 0;

  switch (outcome)
    {
    case YC_DECISION_ACCEPT: docs = docs_accept; n = G_N_ELEMENTS (docs_accept); break;
    case YC_DECISION_TOLERANCE_ACCEPT:
      docs = docs_tolerance;
      n = G_N_ELEMENTS (docs_tolerance);
      break;
    case YC_DECISION_COMMITMENT_ACCEPT:
      docs = docs_commitment;
      n = G_N_ELEMENTS (docs_commitment);
      break;
    case YC_DECISION_ISSUE_NOTICE: docs = docs_notice; n = G_N_ELEMENTS (docs_notice); break;
    case YC_DECISION_REFUSE: docs = docs_refusal; n = G_N_ELEMENTS (docs_refusal); break;
    /* Referral is told, not printed: there is no document kind for it, the department is on the
     * case. */
    case YC_DECISION_REFER: break;
    case YC_DECISION_N_OUTCOMES:
    default:
      g_return_val_if_reached (NULL);
    }

  if (n_docs != NULL)
    *n_docs = n;
  return docs;
}

/* --- refusal grounds --- */

static const YcRefusalReason refusal_msgids[] = {
  /* Translators: 申请事项依法不需要取得行政许可 /
   * 《中华人民共和国行政许可法》第三十二条第一款第（一）项 */
  { "no_licence_needed",
    N_("The matter applied for does not require an administrative licence by law"),
    N_("Administrative Licensing Law of the People’s Republic of China, article 32, "
       "paragraph 1, item 1") },
  /* Translators: 申请事项依法不属于本行政机关职权范围 / 第三十二条第一款第（二）项 */
  { "not_competent",
    N_("The matter applied for is not within the competence of this authority"),
    N_("Administrative Licensing Law of the People’s Republic of China, article 32, "
       "paragraph 1, item 2") },
  /* Translators: 申请人不具备申请资格 */
  { "not_eligible",
    N_("The applicant is not qualified to apply for this matter"),
    N_("Administrative Licensing Law of the People’s Republic of China, article 32, and the law or "
       "regulation that establishes the licence") },
  /* Translators: 申请人隐瞒有关情况或者提供虚假材料申请行政许可 / 第七十八条 */
  { "false_materials",
    N_("The applicant concealed relevant facts or provided false materials"),
    N_("Administrative Licensing Law of the People’s Republic of China, article 78") },
  /* Translators: 申请人在依法不得再次申请的期限内 / 第七十八条、第七十九条 */
  { "barred_period",
    N_("The applicant may not apply again within the period set by law"),
    N_("Administrative Licensing Law of the People’s Republic of China, articles 78 and 79") },
  /* Translators: 申请事项属于法律、法规禁止的事项 */
  { "prohibited",
    N_("The matter applied for is prohibited by law or regulation"),
    N_("Administrative Licensing Law of the People’s Republic of China, article 12, and the "
       "prohibiting law or regulation") },
  /* Translators: 其他依法不予受理的情形 (the clerk enters the basis) */
  { "other",
    N_("Other grounds for refusal provided by law"),
    "" },
};

const YcRefusalReason *
yc_refusal_reasons (guint *n_reasons)
{
  static YcRefusalReason *translated;

  /* Translated once, in the locale the process runs in; the UI sets it before it shows anything. */
  if (g_once_init_enter (&translated))
    {
      YcRefusalReason *list = g_new0 (YcRefusalReason, G_N_ELEMENTS (refusal_msgids));

      for (guint i = 0; i < G_N_ELEMENTS (refusal_msgids); i++)
        {
          list[i].code = refusal_msgids[i].code;
          list[i].reason = _(refusal_msgids[i].reason);
          list[i].legal_basis
            = *refusal_msgids[i].legal_basis ? _(refusal_msgids[i].legal_basis) : "";
        }
      g_once_init_leave (&translated, list);
    }

  if (n_reasons != NULL)
    *n_reasons = G_N_ELEMENTS (refusal_msgids);
  return translated;
}

const YcRefusalReason *
yc_refusal_reason_find (const char *code)
{
  guint n;
  const YcRefusalReason *reasons = yc_refusal_reasons (&n);

  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (reasons[i].code, code))
      return &reasons[i];
  return NULL;
}

/* --- dates --- */

char *
yc_date_to_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

GDate *
yc_date_from_iso (const char *iso)
{
  unsigned y, m, d;
  char tail;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-' ||
      sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

/* --- material states --- */

static gboolean
applicant_may_commit (YcApplicantFlags   flags,
                      GError           **error)
{
  if (flags & YC_APPLICANT_FLAG_BAD_CREDIT)
    {
      g_set_error_literal (
        error, YC_DECISION_ERROR, YC_DECISION_ERROR_APPLICANT_FLAGGED,
        _("The applicant is listed for bad credit, so a commitment cannot replace a proof."));
      return FALSE;
    }
  if (flags & YC_APPLICANT_FLAG_FALSE_PROMISE)
    {
      g_set_error_literal (
        error, YC_DECISION_ERROR, YC_DECISION_ERROR_APPLICANT_FLAGGED,
        _("The applicant made a false commitment before, so a commitment cannot replace a "
           "proof."));
      return FALSE;
    }
  return TRUE;
}

/* The limit a supplement must fit in: the promised limit, or the legal one for items without a
 * promise. */
static guint
item_supplement_limit (YcItem *item)
{
  if (yc_item_get_case_type (item) == YC_CASE_TYPE_IMMEDIATE)
    return 0;
  if (yc_item_get_promised_days (item) > 0)
    return yc_item_get_promised_days (item);
  return yc_item_get_legal_days (item);
}

guint
yc_decision_supplement_days (YcMaterialSpec *spec,
                             YcItem         *item)
{
  guint limit, days;

  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (spec), 0);
  g_return_val_if_fail (YC_IS_ITEM (item), 0);

  if (!yc_material_spec_get_tolerable (spec))
    return 0;
  limit = item_supplement_limit (item);
  days = yc_material_spec_get_supplement_days (spec);
  /* A tolerable spec without its own period may use the item's whole limit. */
  return days == 0 ? limit : MIN (days, limit);
}

gboolean
yc_material_state_allowed (YcMaterialSpec   *spec,
                           YcItem           *item,
                           YcApplicantFlags  flags,
                           YcMaterialState   state,
                           GError          **error)
{
  g_return_val_if_fail (YC_IS_MATERIAL_SPEC (spec), FALSE);
  g_return_val_if_fail (YC_IS_ITEM (item), FALSE);

  switch (state)
    {
    case YC_MATERIAL_STATE_TOLERATED:
      if (!yc_material_spec_get_tolerable (spec))
        {
          g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_TOLERABLE,
                       _("“%s” is a main material and cannot be tolerated as missing."),
                       yc_material_spec_get_name (spec));
          return FALSE;
        }
      if (yc_decision_supplement_days (spec, item) == 0)
        {
          g_set_error (
            error, YC_DECISION_ERROR, YC_DECISION_ERROR_NO_SUPPLEMENT_PERIOD,
            yc_item_get_case_type (item) == YC_CASE_TYPE_IMMEDIATE
              ? _("“%s” cannot be supplemented later: an immediate item is finished on the spot.")
              : _("“%s” cannot be supplemented later: the item has no time limit to supplement "
                   "within."),
            yc_material_spec_get_name (spec));
          return FALSE;
        }
      return TRUE;

    case YC_MATERIAL_STATE_COMMITMENT:
      if (!yc_item_get_commitment_allowed (item))
        {
          g_set_error (
            error, YC_DECISION_ERROR, YC_DECISION_ERROR_COMMITMENT_NOT_ALLOWED,
            _("“%s” does not allow notification and commitment: the proof must be provided."),
            yc_item_get_name (item));
          return FALSE;
        }
      return applicant_may_commit (flags, error);

    case YC_MATERIAL_STATE_LICENCE:
      if (yc_material_spec_get_licence_type (spec) == NULL
          || *yc_material_spec_get_licence_type (spec) == '\0')
        {
          g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NO_LICENCE_TYPE,
                       _("No electronic licence can replace “%s”."),
                       yc_material_spec_get_name (spec));
          return FALSE;
        }
      return TRUE;

    case YC_MATERIAL_STATE_PENDING:
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
    case YC_MATERIAL_STATE_COPY_RECEIVED:
    case YC_MATERIAL_STATE_SCANNED:
    case YC_MATERIAL_STATE_NOT_APPLICABLE:
    default:
      return TRUE;
    }
}

/* --- the decision --- */

struct _YcDecision
{
  GObject parent_instance;

  gboolean   available[YC_DECISION_N_OUTCOMES];
  char      *reasons[YC_DECISION_N_OUTCOMES];
  GPtrArray *missing;     /* YcDecisionMaterial */
  GPtrArray *tolerated;   /* YcDecisionMaterial */
  GDate     *legal_deadline;
  GDate     *promised_deadline;
  GPtrArray *warnings;    /* char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (YcDecision, yc_decision, G_TYPE_OBJECT)

static void
decision_material_free (YcDecisionMaterial *m)
{
  g_free (m->spec_code);
  g_free (m->name);
  g_free (m->supplement_deadline);
  g_free (m);
}

static void
yc_decision_finalize (GObject *object)
{
  YcDecision *self = YC_DECISION (object);

  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    g_free (self->reasons[i]);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_clear_pointer (&self->tolerated, g_ptr_array_unref);
  g_clear_pointer (&self->legal_deadline, g_date_free);
  g_clear_pointer (&self->promised_deadline, g_date_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (yc_decision_parent_class)->finalize (object);
}

static void
yc_decision_class_init (YcDecisionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_decision_finalize;
}

static void
yc_decision_init (YcDecision *self)
{
  self->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) decision_material_free);
  self->tolerated = g_ptr_array_new_with_free_func ((GDestroyNotify) decision_material_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static YcDecisionMaterial *
decision_material_new (YcCaseMaterial *material)
{
  YcDecisionMaterial *m = g_new0 (YcDecisionMaterial, 1);

  m->spec_code = g_strdup (yc_case_material_get_spec_code (material));
  m->name = g_strdup (yc_case_material_get_name (material));
  m->position = yc_case_material_get_position (material);
  m->state = yc_case_material_get_state (material);
  return m;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Names joined for a sentence: "购房合同, 完税证明". */
static char *
join_names (GPtrArray *names)
{
  /* Translators: separator between material names in a list; Chinese uses "、" */
  const char *separator = C_("list separator", ", ");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Adds one sentence to an outcome's reason, marking it unavailable. */
static void
add_reason (YcDecision        *self,
            YcDecisionOutcome  outcome,
            const char        *sentence)
{
  self->available[outcome] = FALSE;
  if (self->reasons[outcome] == NULL)
    self->reasons[outcome] = g_strdup (sentence);
  else
    {
      /* Chinese sentences end in a full-width stop and run on without a space. */
      const char *space = g_str_has_suffix (self->reasons[outcome], "。") ? "" : " ";
      char *joined = g_strconcat (self->reasons[outcome], space, sentence, NULL);

      g_free (self->reasons[outcome]);
      self->reasons[outcome] = joined;
    }
}

/* @format is an ngettext() call written at the call site, so xgettext sees the plural pair and the
 * compiler checks the format: "%u" the number of materials, "%s" their names. */
#define ADD_REASON_NAMES(self, outcome, names, format)                                          \
  G_STMT_START {                                                                                \
    g_autofree char *joined_ = join_names (names);                                              \
    g_autofree char *sentence_ = g_strdup_printf (format, (names)->len, joined_);               \
    add_reason (self, outcome, sentence_);                                                      \
  } G_STMT_END

static void
warn_if_uncovered (YcDecision  *self,
                   YcCalendar  *calendar,
                   const GDate *date)
{
  int year = g_date_get_year (date);
  g_autofree char *warning = NULL;

  if (yc_calendar_covers (calendar, year))
    return;
  warning = g_strdup_printf (
    _("The holiday calendar does not cover %d: deadlines in it count only weekends as "
       "days off. Update the calendar."),
    year);
  for (guint i = 0; i + 1 < self->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (self->warnings, i), warning))
      return;
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_steal_pointer (&warning));
}

static GDate *
add_days (YcDecision  *self,
          YcCalendar  *calendar,
          const GDate *today,
          guint        days)
{
  GDate *date = yc_calendar_add_working_days (calendar, today, days);

  warn_if_uncovered (self, calendar, date);
  return date;
}

YcDecision *
yc_decision_evaluate (YcItem           *item,
                      GListModel       *checklist,
                      YcApplicantFlags  flags,
                      const GDate      *today,
                      YcCalendar       *calendar)
{
  g_autoptr(YcDecision) self = NULL;
  /* Names of materials in each class, for the reasons. */
  /* Required, not provided, neither tolerated nor committed. */
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  /* Not applicable without a reason (any material). */
  g_autoptr(GPtrArray) unexplained = g_ptr_array_new ();
  g_autoptr(GPtrArray) tolerated = g_ptr_array_new ();
  g_autoptr(GPtrArray) committed = g_ptr_array_new ();
  g_autoptr(GPtrArray) not_tolerable = g_ptr_array_new ();
  g_autoptr(GPtrArray) no_period = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad_deadline = g_ptr_array_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) commit_error = NULL;
  guint n, n_required_provided = 0;
  YcCaseType case_type;

  g_return_val_if_fail (YC_IS_ITEM (item), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (checklist), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), NULL);

  self = g_object_new (YC_TYPE_DECISION, NULL);
  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    self->available[i] = TRUE;

  case_type = yc_item_get_case_type (item);

  /* Deadlines of an accepted case. */
  if (yc_item_get_legal_days (item) > 0)
    self->legal_deadline = add_days (self, calendar, today, yc_item_get_legal_days (item));
  else if (case_type == YC_CASE_TYPE_IMMEDIATE)
    self->legal_deadline = g_date_copy (today);
  if (case_type == YC_CASE_TYPE_IMMEDIATE)
    self->promised_deadline = g_date_copy (today);
  else if (yc_item_get_promised_days (item) > 0)
    self->promised_deadline = add_days (self, calendar, today, yc_item_get_promised_days (item));
  else if (self->legal_deadline != NULL)
    self->promised_deadline = g_date_copy (self->legal_deadline);

  /* Classify every line of the checklist. */
  n = g_list_model_get_n_items (checklist);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (checklist, i);
      const char *code = yc_case_material_get_spec_code (material);
      YcMaterialSpec *spec = code ? yc_item_find_material (item, code) : NULL;
      gboolean required = spec != NULL && yc_material_spec_get_required (spec);
      const char *name = yc_case_material_get_name (material);
      gboolean provided = FALSE;

      switch (yc_case_material_get_state (material))
        {
        case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
        case YC_MATERIAL_STATE_COPY_RECEIVED:
        case YC_MATERIAL_STATE_SCANNED:
        case YC_MATERIAL_STATE_LICENCE:
          provided = TRUE;
          break;

        case YC_MATERIAL_STATE_NOT_APPLICABLE:
          provided = !is_blank (yc_case_material_get_note (material));
          if (!provided)
            g_ptr_array_add (unexplained, (gpointer) name);
          if (!provided && required)
            g_ptr_array_add (pending, (gpointer) name);
          break;

        case YC_MATERIAL_STATE_PENDING:
          if (required)
            g_ptr_array_add (pending, (gpointer) name);
          break;

        case YC_MATERIAL_STATE_TOLERATED:
          {
            YcDecisionMaterial *m = decision_material_new (material);
            guint days = spec ? yc_decision_supplement_days (spec, item) : 0;

            g_ptr_array_add (tolerated, (gpointer) name);
            if (spec == NULL || !yc_material_spec_get_tolerable (spec))
              g_ptr_array_add (not_tolerable, (gpointer) name);
            else if (days == 0)
              g_ptr_array_add (no_period, (gpointer) name);
            else
              {
                g_autoptr(GDate) latest = add_days (self, calendar, today, days);
                g_autoptr(GDate) chosen
                  = yc_date_from_iso (yc_case_material_get_supplement_deadline (material));

                if (chosen != NULL
                    && (g_date_compare (chosen, today) <= 0 || g_date_compare (chosen, latest) > 0))
                  {
                    g_autofree char *latest_iso = yc_date_to_iso (latest);
                    /* Translators: "购房合同 (by 2026-03-04 at the latest)" */
                    char *text = g_strdup_printf (_("%s (after today, by %s at the latest)"), name,
                                                  latest_iso);

                    g_ptr_array_add (strings, text);
                    g_ptr_array_add (bad_deadline, text);
                  }
                m->supplement_deadline = yc_date_to_iso (chosen ? chosen : latest);
              }
            g_ptr_array_add (self->tolerated, m);
          }
          break;

        case YC_MATERIAL_STATE_COMMITMENT:
          g_ptr_array_add (committed, (gpointer) name);
          break;

        default:
          break;
        }

      if (provided && required)
        n_required_provided++;
      if (!provided && required)
        g_ptr_array_add (self->missing, decision_material_new (material));
    }

  /* accept */
  if (pending->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_ACCEPT, pending,
                      ngettext ("%u required material missing: %s.",
                                "%u required materials missing: %s.", pending->len));
  if (tolerated->len > 0)
    ADD_REASON_NAMES (
      self, YC_DECISION_ACCEPT, tolerated,
      ngettext ("%u material tolerated as missing: %s; accept with tolerance instead.",
                "%u materials tolerated as missing: %s; accept with tolerance instead.",
                tolerated->len));
  if (committed->len > 0)
    ADD_REASON_NAMES (
      self, YC_DECISION_ACCEPT, committed,
      ngettext ("%u material replaced by commitment: %s; accept on commitment instead.",
                "%u materials replaced by commitment: %s; accept on commitment instead.",
                committed->len));
  if (unexplained->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_ACCEPT, unexplained,
                      ngettext ("%u material marked not applicable without a reason: %s.",
                                "%u materials marked not applicable without a reason: %s.",
                                unexplained->len));

  /* tolerance_accept */
  if (tolerated->len == 0)
    add_reason (self, YC_DECISION_TOLERANCE_ACCEPT, _("No material is tolerated as missing."));
  if (not_tolerable->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_TOLERANCE_ACCEPT, not_tolerable,
                      ngettext ("%u main material cannot be tolerated as missing: %s.",
                                "%u main materials cannot be tolerated as missing: %s.",
                                not_tolerable->len));
  if (no_period->len > 0)
    {
      if (case_type == YC_CASE_TYPE_IMMEDIATE)
        ADD_REASON_NAMES (
          self, YC_DECISION_TOLERANCE_ACCEPT, no_period,
          ngettext ("An immediate item is finished on the spot, so %u material cannot "
                    "be supplemented later: %s.",
                    "An immediate item is finished on the spot, so %u materials cannot "
                    "be supplemented later: %s.",
                    no_period->len));
      else
        ADD_REASON_NAMES (
          self, YC_DECISION_TOLERANCE_ACCEPT, no_period,
          ngettext ("The item has no time limit, so %u material cannot be supplemented later: %s.",
                    "The item has no time limit, so %u materials cannot be supplemented later: %s.",
                    no_period->len));
    }
  if (bad_deadline->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_TOLERANCE_ACCEPT, bad_deadline,
                      ngettext ("%u supplement deadline is not lawful: %s.",
                                "%u supplement deadlines are not lawful: %s.", bad_deadline->len));
  if (pending->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_TOLERANCE_ACCEPT, pending,
                      ngettext ("%u required material missing and not tolerated: %s.",
                                "%u required materials missing and not tolerated: %s.",
                                pending->len));
  if (committed->len > 0)
    ADD_REASON_NAMES (
      self, YC_DECISION_TOLERANCE_ACCEPT, committed,
      ngettext (
        "%u material replaced by commitment: %s; tolerance and commitment cannot be combined.",
        "%u materials replaced by commitment: %s; tolerance and commitment cannot be combined.",
        committed->len));
  if (tolerated->len > 0 && n_required_provided == 0)
    add_reason (self, YC_DECISION_TOLERANCE_ACCEPT,
                _("No required material has been provided: tolerance needs the main materials."));

  /* commitment_accept */
  if (!yc_item_get_commitment_allowed (item))
    {
      g_autofree char *sentence = g_strdup_printf (
        _("“%s” does not allow notification and commitment."), yc_item_get_name (item));
      add_reason (self, YC_DECISION_COMMITMENT_ACCEPT, sentence);
    }
  if (!applicant_may_commit (flags, &commit_error))
    add_reason (self, YC_DECISION_COMMITMENT_ACCEPT, commit_error->message);
  if (flags & YC_APPLICANT_FLAG_BAD_CREDIT && flags & YC_APPLICANT_FLAG_FALSE_PROMISE)
    {
      g_autoptr(GError) second = NULL;

      /* Both flags: name both, the first message covers only bad credit. */
      applicant_may_commit (flags & ~YC_APPLICANT_FLAG_BAD_CREDIT, &second);
      add_reason (self, YC_DECISION_COMMITMENT_ACCEPT, second->message);
    }
  if (committed->len == 0)
    add_reason (self, YC_DECISION_COMMITMENT_ACCEPT, _("No material is replaced by commitment."));
  if (pending->len > 0)
    ADD_REASON_NAMES (self, YC_DECISION_COMMITMENT_ACCEPT, pending,
                      ngettext ("%u required material missing: %s.",
                                "%u required materials missing: %s.", pending->len));
  if (tolerated->len > 0)
    ADD_REASON_NAMES (
      self, YC_DECISION_COMMITMENT_ACCEPT, tolerated,
      ngettext (
        "%u material tolerated as missing: %s; tolerance and commitment cannot be combined.",
        "%u materials tolerated as missing: %s; tolerance and commitment cannot be combined.",
        tolerated->len));

  /* issue_notice */
  if (self->missing->len == 0)
    add_reason (
      self, YC_DECISION_ISSUE_NOTICE,
      _("Nothing required is missing, so there is nothing to list on a one-time notice."));

  /* refuse and refer stay available. */

  return g_steal_pointer (&self);
}

gboolean
yc_decision_is_available (YcDecision        *self,
                          YcDecisionOutcome  outcome)
{
  g_return_val_if_fail (YC_IS_DECISION (self), FALSE);
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, FALSE);
  return self->available[outcome];
}

const char *
yc_decision_get_reason (YcDecision        *self,
                        YcDecisionOutcome  outcome)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, NULL);
  return self->available[outcome] ? NULL : self->reasons[outcome];
}

gboolean
yc_decision_check (YcDecision        *self,
                   YcDecisionOutcome  outcome,
                   GError           **error)
{
  g_return_val_if_fail (YC_IS_DECISION (self), FALSE);
  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, FALSE);

  if (self->available[outcome])
    return TRUE;
  g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_UNAVAILABLE,
               /* Translators: "“Accept” is not possible: 2 required materials missing: …" */
               _("“%s” is not possible: %s"), yc_decision_outcome_get_label (outcome),
               self->reasons[outcome]);
  return FALSE;
}

GPtrArray *
yc_decision_get_missing (YcDecision *self)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  return self->missing;
}

GPtrArray *
yc_decision_get_tolerated (YcDecision *self)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  return self->tolerated;
}

const GDate *
yc_decision_get_legal_deadline (YcDecision *self)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  return self->legal_deadline;
}

const GDate *
yc_decision_get_promised_deadline (YcDecision *self)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  return self->promised_deadline;
}

const char * const *
yc_decision_get_warnings (YcDecision *self)
{
  g_return_val_if_fail (YC_IS_DECISION (self), NULL);
  return (const char * const *) self->warnings->pdata;
}
