/* test-decision.c: the decision rules as a table (items × checklists × applicant flags → outcomes
 * and reasons), deadlines over the 2026 Spring Festival, immediate items, material-state rules,
 * documents due, refusal grounds. */
#include <string.h>
#include <glib.h>

#include "yc-decision.h"
#include "yc-case-json.h"

/* --- items of the table --- */

typedef struct {
  const char *code;
  const char *name;
  gboolean    required;
  gboolean    tolerable;
  guint       supplement_days;
  const char *licence_type;
} SpecDef;

typedef struct {
  const char   *key;
  const char   *name;
  YcCaseType    case_type;
  guint         legal_days;
  guint         promised_days;
  gboolean      commitment_allowed;
  const SpecDef specs[6];
} ItemDef;

/* "house": a promised item allowing 告知承诺, two main materials, two tolerable ones (one with a period
 * longer than the item's promise) and an optional one. "permit": no 告知承诺. "birth": an immediate
 * item. "open": a promised item with no time limits at all. "alltol": every material tolerable. */
static const ItemDef items[] = {
  { "house", "不动产转移登记", YC_CASE_TYPE_PROMISED, 20, 10, TRUE, {
      { "M1", "身份证明", TRUE, FALSE, 0, "居民身份证" },
      { "M2", "购房合同", TRUE, FALSE, 0, NULL },
      { "M3", "完税证明", TRUE, TRUE, 5, NULL },
      { "M4", "婚姻证明", TRUE, TRUE, 15, "结婚证" },
      { "M5", "户口簿", FALSE, TRUE, 3, NULL },
      { NULL } } },
  { "permit", "食品经营许可", YC_CASE_TYPE_PROMISED, 20, 10, FALSE, {
      { "M1", "申请书", TRUE, FALSE, 0, NULL },
      { "M2", "场所证明", TRUE, TRUE, 5, NULL },
      { NULL } } },
  { "birth", "出生登记", YC_CASE_TYPE_IMMEDIATE, 20, 0, TRUE, {
      { "M1", "出生医学证明", TRUE, FALSE, 0, NULL },
      { "M2", "父母户口簿", TRUE, TRUE, 5, NULL },
      { NULL } } },
  { "open", "备案登记", YC_CASE_TYPE_PROMISED, 0, 0, FALSE, {
      { "M1", "备案表", TRUE, FALSE, 0, NULL },
      { "M2", "场地照片", TRUE, TRUE, 0, NULL },
      { NULL } } },
  { "alltol", "档案查询", YC_CASE_TYPE_PROMISED, 10, 5, FALSE, {
      { "M1", "查询申请", TRUE, TRUE, 3, NULL },
      { "M2", "授权书", TRUE, TRUE, 3, NULL },
      { NULL } } },
};

static YcItem *
make_item (const char *key)
{
  const ItemDef *def = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_object_unref);
  YcItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].key, key))
      def = &items[i];
  g_assert_nonnull (def);

  item = g_object_new (YC_TYPE_ITEM,
                       "code", def->key,
                       "name", def->name,
                       "department", "北方市政务服务中心",
                       "case-type", def->case_type,
                       "legal-days", def->legal_days,
                       "promised-days", def->promised_days,
                       "commitment-allowed", def->commitment_allowed,
                       NULL);
  for (guint i = 0; def->specs[i].code != NULL; i++)
    g_ptr_array_add (specs, g_object_new (YC_TYPE_MATERIAL_SPEC,
                                          "code", def->specs[i].code,
                                          "name", def->specs[i].name,
                                          "position", i + 1,
                                          "originals", 1,
                                          "required", def->specs[i].required,
                                          "tolerable", def->specs[i].tolerable,
                                          "supplement-days", def->specs[i].supplement_days,
                                          "licence-type", def->specs[i].licence_type,
                                          NULL));
  yc_item_set_materials (item, specs);
  return item;
}

/* A checklist from one letter per material, in order: O original checked, C copy received, S
 * scanned, L e-licence, P pending, T tolerated, K replaced by commitment, N not applicable with a
 * reason, n not applicable without one. */
static YcCase *
make_case (YcItem     *item,
           const char *states)
{
  YcCase *kase = yc_case_new_for_item (item);
  GListModel *materials = yc_case_get_materials (kase);

  g_assert_cmpuint (strlen (states), ==, g_list_model_get_n_items (materials));
  for (guint i = 0; states[i] != '\0'; i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);
      YcMaterialState state = YC_MATERIAL_STATE_PENDING;

      switch (states[i])
        {
        case 'O': state = YC_MATERIAL_STATE_ORIGINAL_CHECKED; break;
        case 'C': state = YC_MATERIAL_STATE_COPY_RECEIVED; break;
        case 'S': state = YC_MATERIAL_STATE_SCANNED; break;
        case 'L': state = YC_MATERIAL_STATE_LICENCE; break;
        case 'P': state = YC_MATERIAL_STATE_PENDING; break;
        case 'T': state = YC_MATERIAL_STATE_TOLERATED; break;
        case 'K': state = YC_MATERIAL_STATE_COMMITMENT; break;
        case 'N':
          state = YC_MATERIAL_STATE_NOT_APPLICABLE;
          g_object_set (m, "note", "申请人未婚", NULL);
          break;
        case 'n': state = YC_MATERIAL_STATE_NOT_APPLICABLE; break;
        default: g_assert_not_reached ();
        }
      yc_case_material_set_state (m, state);
    }
  return kase;
}

static YcCalendar *
calendar (void)
{
  static YcCalendar *cal;

  if (cal == NULL)
    {
      g_autoptr(GError) error = NULL;

      cal = yc_calendar_new_default (&error);
      g_assert_no_error (error);
    }
  return cal;
}

/* Thursday before the 2026 Spring Festival holiday (02-15…02-23; Saturday 02-14 is a working
 * day). */
static GDate *
decision_day (void)
{
  return g_date_new_dmy (12, G_DATE_FEBRUARY, 2026);
}

static YcDecision *
decide (YcItem          *item,
        YcCase          *kase,
        YcApplicantFlags flags)
{
  g_autoptr(GDate) today = decision_day ();

  return yc_decision_evaluate (item, yc_case_get_materials (kase), flags, today, calendar ());
}

/* --- the table --- */

#define F_NONE  YC_APPLICANT_FLAG_NONE
#define F_BAD   YC_APPLICANT_FLAG_BAD_CREDIT
#define F_FALSE YC_APPLICANT_FLAG_FALSE_PROMISE
#define F_USCC  YC_APPLICANT_FLAG_USCC_OVERRIDE

typedef struct {
  const char      *item;
  const char      *states;
  YcApplicantFlags flags;
  /* Chosen by the clerk for every tolerated material, or NULL. */
  const char      *supplement_deadline;
  /* One letter per outcome, in YcDecisionOutcome order (accept, tolerance, commitment, notice,
   * refuse, refer): Y available, n not. */
  const char      *available;
  /* For the first four outcomes: words the reason must contain ('|' separates several), NULL when
   * available. */
  const char      *reasons[4];
} Row;

static const Row table[] = {
  /* Everything provided. */
  { "house", "OOOOO", F_NONE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "No material is replaced by commitment",
      "Nothing required is missing" } },
  /* Licence, copy, scan count; an optional one may stay pending. */
  { "house", "LCSOP", F_NONE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "No material is replaced",
      "Nothing required is missing" } },
  /* Not applicable with a reason counts. */
  { "house", "OONOO", F_NONE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "No material is replaced", "Nothing required" } },
  /* Flags never block a plain acceptance. */
  { "house", "OOOOO", F_BAD | F_FALSE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "bad credit|false commitment", "Nothing required" } },
  { "house", "OOOOO", F_USCC, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "No material is replaced", "Nothing required" } },
  /* Missing materials. */
  { "house", "OOPOO", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 完税证明",
      "No material is tolerated|missing and not tolerated: 完税证明",
      "No material is replaced|1 required material missing: 完税证明", NULL } },
  { "house", "OPPOO", F_NONE, NULL, "nnnYYY",
    { "2 required materials missing: 购房合同, 完税证明", "2 required materials missing and not tolerated",
      "2 required materials missing", NULL } },
  { "house", "PPPPP", F_NONE, NULL, "nnnYYY",
    { "4 required materials missing: 身份证明, 购房合同, 完税证明, 婚姻证明", "No material is tolerated",
      "No material is replaced", NULL } },
  /* Not applicable without a reason is missing. */
  { "house", "OOnOO", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 完税证明|without a reason: 完税证明", "missing and not tolerated: 完税证明",
      "1 required material missing", NULL } },
  /* Even on an optional material. */
  { "house", "OOOOn", F_NONE, NULL, "nnnnYY",
    { "without a reason: 户口簿", "No material is tolerated", "No material is replaced",
      "Nothing required" } },
  /* Tolerance. */
  { "house", "OOTOO", F_NONE, NULL, "nYnYYY",
    { "1 material tolerated as missing: 完税证明", NULL,
      "No material is replaced|tolerated as missing: 完税证明", NULL } },
  { "house", "OOTTO", F_NONE, NULL, "nYnYYY",
    { "2 materials tolerated as missing: 完税证明, 婚姻证明", NULL, "cannot be combined", NULL } },
  /* An optional material tolerated: nothing required missing. */
  { "house", "OOOOT", F_NONE, NULL, "nYnnYY",
    { "tolerated as missing: 户口簿", NULL, "cannot be combined", "Nothing required is missing" } },
  /* Flags do not block tolerance. */
  { "house", "OOTOO", F_BAD | F_FALSE, NULL, "nYnYYY",
    { "tolerated as missing", NULL, "bad credit|false commitment", NULL } },
  { "house", "OTOOO", F_NONE, NULL, "nnnYYY",
    { "tolerated as missing: 购房合同", "1 main material cannot be tolerated as missing: 购房合同",
      "cannot be combined", NULL } },
  { "house", "TTTTO", F_NONE, NULL, "nnnYYY",
    { "4 materials tolerated", "2 main materials cannot be tolerated as missing: 身份证明, 购房合同",
      "cannot be combined", NULL } },
  { "house", "OOTPO", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 婚姻证明", "1 required material missing and not tolerated: 婚姻证明",
      "missing: 婚姻证明", NULL } },
  /* Beyond the lawful period. */
  { "house", "OOTOO", F_NONE, "2026-12-31", "nnnYYY",
    { "tolerated as missing", "supplement deadline is not lawful: 完税证明 (after today, by 2026-02-26",
      "No material is replaced", NULL } },
  /* The decision day itself is not "later". */
  { "house", "OOTOO", F_NONE, "2026-02-12", "nnnYYY",
    { "tolerated as missing", "not lawful: 完税证明", "No material is replaced", NULL } },
  { "house", "OOTOO", F_NONE, "2026-02-24", "nYnYYY",
    { "tolerated as missing", NULL, "No material is replaced", NULL } },
  { "alltol", "TT", F_NONE, NULL, "nnnYYY",
    { "2 materials tolerated", "No required material has been provided",
      "does not allow notification", NULL } },
  { "alltol", "OT", F_NONE, NULL, "nYnYYY",
    { "1 material tolerated as missing: 授权书", NULL, "does not allow notification", NULL } },
  /* Commitment. */
  { "house", "OOKOO", F_NONE, NULL, "nnYYYY",
    { "1 material replaced by commitment: 完税证明", "No material is tolerated|cannot be combined",
      NULL, NULL } },
  /* An overridden credit code check does not block it. */
  { "house", "OOKKO", F_USCC, NULL, "nnYYYY",
    { "2 materials replaced by commitment", "cannot be combined", NULL, NULL } },
  { "house", "OOKOO", F_BAD, NULL, "nnnYYY",
    { "replaced by commitment", "No material is tolerated", "listed for bad credit", NULL } },
  { "house", "OOKOO", F_FALSE, NULL, "nnnYYY",
    { "replaced by commitment", "No material is tolerated", "made a false commitment before",
      NULL } },
  { "house", "OOKOO", F_BAD | F_FALSE, NULL, "nnnYYY",
    { "replaced by commitment", "No material is tolerated",
      "listed for bad credit|made a false commitment", NULL } },
  { "house", "OOKTO", F_NONE, NULL, "nnnYYY",
    { "tolerated as missing: 婚姻证明|replaced by commitment: 完税证明",
      "tolerance and commitment cannot be combined", "tolerance and commitment cannot be combined",
      NULL } },
  { "house", "OOKPO", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 婚姻证明", "No material is tolerated",
      "1 required material missing: 婚姻证明", NULL } },
  /* An item without 告知承诺. */
  { "permit", "OK", F_NONE, NULL, "nnnYYY",
    { "replaced by commitment: 场所证明", "No material is tolerated",
      "“食品经营许可” does not allow notification and commitment", NULL } },
  { "permit", "OT", F_NONE, NULL, "nYnYYY",
    { "tolerated as missing: 场所证明", NULL, "does not allow notification|No material is replaced",
      NULL } },
  { "permit", "OO", F_BAD, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "does not allow|bad credit", "Nothing required" } },
  { "permit", "PT", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 申请书", "missing and not tolerated: 申请书", "does not allow",
      NULL } },
  /* An immediate item. */
  { "birth", "OO", F_NONE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "No material is replaced", "Nothing required" } },
  { "birth", "OT", F_NONE, NULL, "nnnYYY",
    { "tolerated as missing: 父母户口簿", "An immediate item is finished on the spot|父母户口簿",
      "No material is replaced", NULL } },
  { "birth", "OK", F_NONE, NULL, "nnYYYY",
    { "replaced by commitment", "No material is tolerated", NULL, NULL } },
  { "birth", "OP", F_NONE, NULL, "nnnYYY",
    { "1 required material missing: 父母户口簿", "No material is tolerated", "No material is replaced",
      NULL } },
  /* An item without time limits: nothing can be supplemented later. */
  { "open", "OT", F_NONE, NULL, "nnnYYY",
    { "tolerated as missing: 场地照片", "no time limit|场地照片", "does not allow", NULL } },
  { "open", "OO", F_NONE, NULL, "YnnnYY",
    { NULL, "No material is tolerated", "does not allow", "Nothing required" } },
};

static void
assert_contains_all (const char *text,
                     const char *words,
                     guint       row,
                     guint       outcome)
{
  g_auto(GStrv) parts = g_strsplit (words, "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (text == NULL || strstr (text, parts[i]) == NULL)
      g_error ("row %u, outcome %s: reason “%s” lacks “%s”", row,
               yc_decision_outcome_to_string (outcome), text ? text : "(none)", parts[i]);
}

static void
test_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (table), >=, 30);

  for (guint r = 0; r < G_N_ELEMENTS (table); r++)
    {
      const Row *row = &table[r];
      g_autoptr(YcItem) item = make_item (row->item);
      g_autoptr(YcCase) kase = make_case (item, row->states);
      g_autoptr(YcDecision) decision = NULL;

      if (row->supplement_deadline != NULL)
        {
          GListModel *materials = yc_case_get_materials (kase);

          for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
            {
              g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);

              if (yc_case_material_get_state (m) == YC_MATERIAL_STATE_TOLERATED)
                g_object_set (m, "supplement-deadline", row->supplement_deadline, NULL);
            }
        }

      decision = decide (item, kase, row->flags);
      g_assert_cmpuint (strlen (row->available), ==, YC_DECISION_N_OUTCOMES);

      for (guint o = 0; o < YC_DECISION_N_OUTCOMES; o++)
        {
          gboolean expected = row->available[o] == 'Y';
          const char *reason = yc_decision_get_reason (decision, o);
          g_autoptr(GError) error = NULL;

          if (yc_decision_is_available (decision, o) != expected)
            g_error ("row %u (%s %s): %s expected %s, reason: %s", r, row->item, row->states,
                     yc_decision_outcome_to_string (o), expected ? "available" : "unavailable",
                     reason ? reason : "(none)");
          g_assert_true (yc_decision_check (decision, o, &error) == expected);
          if (expected)
            {
              g_assert_no_error (error);
              g_assert_null (reason);
            }
          else
            {
              g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_UNAVAILABLE);
              g_assert_nonnull (reason);
              g_assert_nonnull (strstr (error->message, reason));
            }
          if (o < 4 && row->reasons[o] != NULL)
            assert_contains_all (reason, row->reasons[o], r, o);
          if (o < 4)
            g_assert_true ((row->reasons[o] == NULL) == expected);
        }
    }
}

/* --- deadlines --- */

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *text = yc_date_to_iso (date);

  g_assert_cmpstr (text, ==, iso);
}

static void
test_deadlines_spring_festival (void)
{
  g_autoptr(YcItem) item = make_item ("house");
  g_autoptr(YcCase) kase = make_case (item, "OOTTO");
  g_autoptr(YcDecision) decision = decide (item, kase, F_NONE);
  GPtrArray *tolerated = yc_decision_get_tolerated (decision);
  YcDecisionMaterial *m;

  /* 10 working days after 2026-02-12 is 2026-03-04 (TEST-VECTORS.md); 20 is ten more,
   * 2026-03-18. */
  assert_date (yc_decision_get_promised_deadline (decision), "2026-03-04");
  assert_date (yc_decision_get_legal_deadline (decision), "2026-03-18");

  g_assert_cmpuint (tolerated->len, ==, 2);
  /* 完税证明: 5 days: 02-13, Saturday 02-14 (adjusted working day), then 02-24, 02-25, 02-26. */
  m = g_ptr_array_index (tolerated, 0);
  g_assert_cmpstr (m->spec_code, ==, "M3");
  g_assert_cmpstr (m->name, ==, "完税证明");
  g_assert_cmpint (m->state, ==, YC_MATERIAL_STATE_TOLERATED);
  g_assert_cmpstr (m->supplement_deadline, ==, "2026-02-26");
  /* 婚姻证明: its spec allows 15 days, but never more than the item's promised 10. */
  m = g_ptr_array_index (tolerated, 1);
  g_assert_cmpstr (m->spec_code, ==, "M4");
  g_assert_cmpstr (m->supplement_deadline, ==, "2026-03-04");

  g_assert_null (yc_decision_get_warnings (decision)[0]);
}

static void
test_deadlines_chosen (void)
{
  g_autoptr(YcItem) item = make_item ("house");
  g_autoptr(YcCase) kase = make_case (item, "OOTOO");
  g_autoptr(YcCaseMaterial) m3 = g_list_model_get_item (yc_case_get_materials (kase), 2);
  g_autoptr(YcDecision) decision = NULL;

  /* An earlier date than the latest lawful one is the clerk's to choose. */
  g_object_set (m3, "supplement-deadline", "2026-02-25", NULL);
  decision = decide (item, kase, F_NONE);
  g_assert_true (yc_decision_is_available (decision, YC_DECISION_TOLERANCE_ACCEPT));
  g_assert_cmpstr (
    ((YcDecisionMaterial *)g_ptr_array_index (yc_decision_get_tolerated (decision), 0))
      ->supplement_deadline,
    ==, "2026-02-25");
}

static void
test_deadlines_immediate (void)
{
  g_autoptr(YcItem) item = make_item ("birth");
  g_autoptr(YcCase) kase = make_case (item, "OO");
  g_autoptr(YcDecision) decision = decide (item, kase, F_NONE);

  /* Decided and finished on the day; the legal limit still counts 20 working days, across the
   * holiday. */
  assert_date (yc_decision_get_promised_deadline (decision), "2026-02-12");
  assert_date (yc_decision_get_legal_deadline (decision), "2026-03-18");
}

static void
test_deadlines_no_limits (void)
{
  g_autoptr(YcItem) item = make_item ("open");
  g_autoptr(YcCase) kase = make_case (item, "OO");
  g_autoptr(YcDecision) decision = decide (item, kase, F_NONE);

  g_assert_null (yc_decision_get_legal_deadline (decision));
  g_assert_null (yc_decision_get_promised_deadline (decision));
}

static void
test_deadlines_uncovered_year (void)
{
  g_autoptr(YcItem) item = make_item ("house");
  g_autoptr(YcCase) kase = make_case (item, "OOOOO");
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_DECEMBER, 2026);
  g_autoptr(YcDecision) decision = NULL;
  const char * const *warnings;

  /* 10 working days from 2026-12-28 end in 2027, which the bundled calendar does not know. */
  decision = yc_decision_evaluate (item, yc_case_get_materials (kase), F_NONE, today, calendar ());
  g_assert_false (yc_calendar_covers (calendar (), 2027));
  warnings = yc_decision_get_warnings (decision);
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "2027"));
  g_assert_null (warnings[1]);   /* one warning per year, however many deadlines fall in it */
}

/* --- the one-time notice lists everything at once --- */

static void
test_missing_list (void)
{
  g_autoptr(YcItem) item = make_item ("house");
  g_autoptr(YcCase) kase = make_case (item, "PnTKP");
  g_autoptr(YcDecision) decision = decide (item, kase, F_NONE);
  GPtrArray *missing = yc_decision_get_missing (decision);
  const char *expected[] = { "身份证明", "购房合同", "完税证明", "婚姻证明" };

  /* Pending, unexplained, tolerated and committed required materials, in checklist order; the
   * optional 户口簿 is not listed. */
  g_assert_true (yc_decision_is_available (decision, YC_DECISION_ISSUE_NOTICE));
  g_assert_cmpuint (missing->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < missing->len; i++)
    {
      YcDecisionMaterial *m = g_ptr_array_index (missing, i);

      g_assert_cmpstr (m->name, ==, expected[i]);
      g_assert_cmpuint (m->position, ==, i + 1);
    }
}

/* --- material states --- */

static void
test_material_states (void)
{
  g_autoptr(YcItem) house = make_item ("house");
  g_autoptr(YcItem) permit = make_item ("permit");
  g_autoptr(YcItem) birth = make_item ("birth");
  YcMaterialSpec *id = yc_item_find_material (house, "M1");
  YcMaterialSpec *contract = yc_item_find_material (house, "M2");
  YcMaterialSpec *tax = yc_item_find_material (house, "M3");
  YcMaterialSpec *marriage = yc_item_find_material (house, "M4");
  YcMaterialSpec *site = yc_item_find_material (permit, "M2");
  YcMaterialSpec *hukou = yc_item_find_material (birth, "M2");
  GError *error = NULL;

  /* Tolerated: only where the spec allows it and there is time to supplement. */
  g_assert_true (
    yc_material_state_allowed (tax, house, F_NONE, YC_MATERIAL_STATE_TOLERATED, &error));
  g_assert_no_error (error);
  g_assert_false (
    yc_material_state_allowed (contract, house, F_NONE, YC_MATERIAL_STATE_TOLERATED, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_TOLERABLE);
  g_assert_nonnull (strstr (error->message, "购房合同"));
  g_clear_error (&error);
  g_assert_false (
    yc_material_state_allowed (hukou, birth, F_NONE, YC_MATERIAL_STATE_TOLERATED, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NO_SUPPLEMENT_PERIOD);
  g_clear_error (&error);

  /* Commitment: only where the item allows it, and not for flagged applicants. */
  g_assert_true (
    yc_material_state_allowed (tax, house, F_USCC, YC_MATERIAL_STATE_COMMITMENT, &error));
  g_assert_no_error (error);
  g_assert_false (
    yc_material_state_allowed (site, permit, F_NONE, YC_MATERIAL_STATE_COMMITMENT, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_COMMITMENT_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (
    yc_material_state_allowed (tax, house, F_BAD, YC_MATERIAL_STATE_COMMITMENT, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_APPLICANT_FLAGGED);
  g_clear_error (&error);
  g_assert_false (
    yc_material_state_allowed (tax, house, F_FALSE, YC_MATERIAL_STATE_COMMITMENT, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_APPLICANT_FLAGGED);
  g_clear_error (&error);

  /* E-licence: only where a licence type can replace the material. */
  g_assert_true (yc_material_state_allowed (id, house, F_NONE, YC_MATERIAL_STATE_LICENCE, &error));
  g_assert_true (
    yc_material_state_allowed (marriage, house, F_NONE, YC_MATERIAL_STATE_LICENCE, &error));
  g_assert_false (
    yc_material_state_allowed (tax, house, F_NONE, YC_MATERIAL_STATE_LICENCE, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NO_LICENCE_TYPE);
  g_clear_error (&error);

  /* Everything else, always. */
  for (YcMaterialState s = YC_MATERIAL_STATE_PENDING; s <= YC_MATERIAL_STATE_SCANNED; s++)
    g_assert_true (yc_material_state_allowed (contract, house, F_BAD | F_FALSE, s, NULL));
  g_assert_true (
    yc_material_state_allowed (contract, house, F_BAD, YC_MATERIAL_STATE_NOT_APPLICABLE, NULL));

  /* Supplement periods: min (spec, item promise); the spec's 0 means the item's whole limit;
   * immediate: 0. */
  g_assert_cmpuint (yc_decision_supplement_days (tax, house), ==, 5);
  g_assert_cmpuint (yc_decision_supplement_days (marriage, house), ==, 10);
  g_assert_cmpuint (yc_decision_supplement_days (contract, house), ==, 0);
  g_assert_cmpuint (yc_decision_supplement_days (hukou, birth), ==, 0);
}

/* --- outcomes, documents, refusal grounds --- */

static void
test_documents_due (void)
{
  struct { YcDecisionOutcome outcome; const char *docs; } expected[] = {
    { YC_DECISION_ACCEPT, "receipt×1" },
    { YC_DECISION_TOLERANCE_ACCEPT, "receipt×1 tolerance×2" },
    { YC_DECISION_COMMITMENT_ACCEPT, "receipt×1 commitment×1" },
    { YC_DECISION_ISSUE_NOTICE, "notice_once×1" },
    { YC_DECISION_REFUSE, "refusal×1" },
    { YC_DECISION_REFER, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint n = 99;
      const YcDocDue *docs = yc_decision_outcome_get_documents (expected[i].outcome, &n);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < n; j++)
        g_string_append_printf (text, "%s%s×%u", j ? " " : "", yc_doc_kind_to_string (docs[j].kind),
                                docs[j].copies);
      g_assert_cmpstr (text->str, ==, expected[i].docs);
    }
}

static void
test_outcome_codes (void)
{
  const char *codes[]
    = { "accept", "tolerance_accept", "commitment_accept", "issue_notice", "refuse", "refer" };
  const YcCaseEvent events[] = { YC_CASE_EVENT_ACCEPT, YC_CASE_EVENT_TOLERANCE_ACCEPT,
                                 YC_CASE_EVENT_COMMITMENT_ACCEPT, YC_CASE_EVENT_ISSUE_NOTICE,
                                 YC_CASE_EVENT_REFUSE, YC_CASE_EVENT_REFER };
  g_autoptr(GEnumClass) klass = g_type_class_ref (YC_TYPE_DECISION_OUTCOME);
  YcDecisionOutcome out;

  for (guint i = 0; i < YC_DECISION_N_OUTCOMES; i++)
    {
      g_assert_cmpstr (yc_decision_outcome_to_string (i), ==, codes[i]);
      g_assert_true (yc_decision_outcome_from_string (codes[i], &out));
      g_assert_cmpint (out, ==, i);
      g_assert_cmpint (yc_decision_outcome_to_event (i), ==, events[i]);
      g_assert_true (yc_decision_outcome_from_event (events[i], &out));
      g_assert_cmpint (out, ==, i);
      g_assert_cmpstr (g_enum_get_value (klass, i)->value_nick, ==, codes[i]);
      g_assert_nonnull (yc_decision_outcome_get_label (i));
    }
  g_assert_false (yc_decision_outcome_from_string ("approve", &out));
  g_assert_false (yc_decision_outcome_from_event (YC_CASE_EVENT_VOID, &out));
}

static void
test_refusal_reasons (void)
{
  guint n = 0;
  const YcRefusalReason *reasons = yc_refusal_reasons (&n);
  gboolean seen_article_32 = FALSE;

  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (reasons[i].code);
      g_assert_cmpuint (strlen (reasons[i].reason), >, 0);
      g_assert_true (yc_refusal_reason_find (reasons[i].code) == &reasons[i]);
      /* Every ground but the last ("other") names its legal basis. */
      if (i + 1 < n)
        g_assert_cmpuint (strlen (reasons[i].legal_basis), >, 0);
      if (strstr (reasons[i].legal_basis, "article 32") != NULL)
        seen_article_32 = TRUE;
    }
  g_assert_cmpstr (reasons[n - 1].code, ==, "other");
  g_assert_cmpstr (reasons[n - 1].legal_basis, ==, "");
  g_assert_true (seen_article_32);
  g_assert_nonnull (yc_refusal_reason_find ("not_competent"));
  g_assert_null (yc_refusal_reason_find ("no-such-ground"));
  g_assert_null (yc_refusal_reason_find (NULL));
}

static void
test_iso_dates (void)
{
  g_autoptr(GDate) date = yc_date_from_iso ("2026-02-28");
  g_autofree char *text = NULL;

  g_assert_nonnull (date);
  text = yc_date_to_iso (date);
  g_assert_cmpstr (text, ==, "2026-02-28");
  g_assert_null (yc_date_from_iso ("2026-02-29"));
  g_assert_null (yc_date_from_iso ("2026-2-28"));
  g_assert_null (yc_date_from_iso ("2026-02-28x"));
  g_assert_null (yc_date_from_iso (""));
  g_assert_null (yc_date_from_iso (NULL));
  g_assert_null (yc_date_to_iso (NULL));
}

/* --- JSON round trip (drafts, outbox payloads) --- */

static void
assert_same_properties (GObject *a,
                        GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (G_VALUE_HOLDS (&va, G_TYPE_DATE_TIME))
        {
          GDateTime *ta = g_value_get_boxed (&va), *tb = g_value_get_boxed (&vb);

          g_assert_true ((ta == NULL) == (tb == NULL));
          if (ta != NULL)
            g_assert_true (g_date_time_equal (ta, tb));
        }
      else if (G_VALUE_HOLDS_OBJECT (&va))
        {
          GObject *oa = g_value_get_object (&va), *ob = g_value_get_object (&vb);

          g_assert_true ((oa == NULL) == (ob == NULL));
          if (oa != NULL)
            assert_same_properties (oa, ob);
        }
      else if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        g_error ("%s.%s differs after the round trip", G_OBJECT_TYPE_NAME (a), pspecs[i]->name);
    }
}

static YcCase *
full_case (void)
{
  g_autoptr(YcItem) item = make_item ("house");
  g_autoptr(YcCase) kase = make_case (item, "LCTKN");
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_ORGANISATION);
  g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(GDateTime) decided
    = g_date_time_new_from_iso8601 ("2026-02-12T09:30:15.123456+08:00", NULL);
  g_autoptr(YcCaseMaterial) m1 = g_list_model_get_item (yc_case_get_materials (kase), 0);
  g_autoptr(YcCaseMaterial) m3 = g_list_model_get_item (yc_case_get_materials (kase), 2);

  g_object_set (applicant, "name", "北方市示例科技有限公司", "id-number", "91350100M000100Y43",
                "phone", "0571-87654321-123", "address", "北方市北城区幸福路 1 号",
                "legal-representative", "王五", "contact", "赵六（\"经办人\"）", NULL);
  g_object_set (agent, "name", "李四", "id-number", "360426199101010071", "relation", "员工",
                "authorisation", "授权委托书\n第二行", NULL);
  g_object_set (m1, "originals", 1, "copies", 2, "attachment",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", NULL);
  g_object_set (m3, "supplement-deadline", "2026-02-26", "note", "补齐后复核", NULL);
  g_object_set (kase,
                "case-no", "W01-20260212-0007",
                "window-code", "W01",
                "clerk", "clerk-wang",
                "decided-at", decided,
                "legal-deadline", "2026-03-18",
                "promised-deadline", "2026-03-04",
                "reason", "—",
                "legal-basis", "《中华人民共和国行政许可法》第三十二条",
                "refer-department", "北方市税务局",
                "applicant-flags", F_FALSE | F_USCC,
                "state", YC_CASE_STATE_TOLERANCE_ACCEPTED,
                "applicant", applicant,
                "agent", agent,
                NULL);
  return g_steal_pointer (&kase);
}

static void
assert_same_case (YcCase *a,
                  YcCase *b)
{
  GListModel *ma = yc_case_get_materials (a);
  GListModel *mb = yc_case_get_materials (b);

  assert_same_properties (G_OBJECT (a), G_OBJECT (b));
  g_assert_cmpuint (g_list_model_get_n_items (ma), ==, g_list_model_get_n_items (mb));
  for (guint i = 0; i < g_list_model_get_n_items (ma); i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (ma, i);
      g_autoptr(GObject) y = g_list_model_get_item (mb, i);

      assert_same_properties (x, y);
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr(YcCase) kase = full_case ();
  g_autoptr(YcCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = yc_case_to_json (kase);
  g_autofree char *again = NULL;

  back = yc_case_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  assert_same_case (kase, back);
  g_assert_cmpint (yc_case_get_applicant_flags (back), ==, F_FALSE | F_USCC);
  g_assert_nonnull (strstr (json, "\"applicant_flags\":[\"false_promise\",\"uscc_override\"]"));
  /* Writing what was read gives the same text. */
  again = yc_case_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* A bare draft: no agent, no dates, nothing decided. */
  {
    g_autoptr(YcCase) bare = yc_case_new ();
    g_autoptr(YcCase) bare_back = NULL;
    g_autofree char *bare_json = yc_case_to_json (bare);

    bare_back = yc_case_new_from_json (bare_json, -1, &error);
    g_assert_no_error (error);
    assert_same_case (bare, bare_back);
    g_assert_null (yc_case_get_agent (bare_back));
  }
}

static void
test_json_invalid (void)
{
  const struct { const char *json; int code; } bad[] = {
    { "not json", YC_CASE_JSON_ERROR_PARSE },
    { "[]", YC_CASE_JSON_ERROR_INVALID },
    { "{\"state\": \"draft\"}", YC_CASE_JSON_ERROR_INVALID },                         /* no uuid */
    { "{\"uuid\": \"u\", \"state\": \"pondering\"}", YC_CASE_JSON_ERROR_INVALID },
    { "{\"uuid\": 5, \"state\": \"draft\"}", YC_CASE_JSON_ERROR_INVALID },
#define DRAFT_CASE "{\"uuid\": \"u\", \"state\": \"draft\", "
    { DRAFT_CASE "\"created_at\": \"yesterday\"}", YC_CASE_JSON_ERROR_INVALID },
    { DRAFT_CASE "\"applicant_flags\": [\"saint\"]}", YC_CASE_JSON_ERROR_INVALID },
    { DRAFT_CASE "\"applicant\": {\"kind\": \"robot\"}}", YC_CASE_JSON_ERROR_INVALID },
    { DRAFT_CASE "\"materials\": [{\"state\": \"lost\"}]}", YC_CASE_JSON_ERROR_INVALID },
    { DRAFT_CASE "\"materials\": [{\"state\": \"pending\", \"copies\": -1}]}",
      YC_CASE_JSON_ERROR_INVALID },
#undef DRAFT_CASE
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YcCase) kase = yc_case_new_from_json (bad[i].json, -1, &error);

      g_assert_null (kase);
      g_assert_error (error, YC_CASE_JSON_ERROR, bad[i].code);
    }
}

static void
test_draft_json (void)
{
  g_autoptr(YcCase) kase = full_case ();
  g_autoptr(JsonNode) extra
    = json_from_string ("{\"refusal\": \"not_competent\", \"focus\": \"phone\"}", NULL);
  g_autofree char *json = yc_draft_to_json (kase, "tolerance_accept", extra);
  g_autofree char *outcome = NULL;
  g_autoptr(JsonNode) extra_back = NULL;
  g_autoptr(YcCase) back = NULL;
  g_autoptr(YcCase) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_json = NULL;
  g_autofree char *newer = NULL;
  g_autoptr(JsonNode) newer_node = NULL;

  back = yc_draft_new_from_json (json, -1, &outcome, &extra_back, &error);
  g_assert_no_error (error);
  assert_same_case (kase, back);
  g_assert_cmpstr (outcome, ==, "tolerance_accept");
  g_assert_true (json_node_equal (extra, extra_back));

  /* No outcome chosen yet, nothing extra. */
  g_clear_pointer (&outcome, g_free);
  g_clear_pointer (&extra_back, json_node_unref);
  plain_json = yc_draft_to_json (kase, NULL, NULL);
  plain = yc_draft_new_from_json (plain_json, -1, &outcome, &extra_back, &error);
  g_assert_no_error (error);
  g_assert_null (outcome);
  g_assert_null (extra_back);

  /* A draft of a newer format is refused, not half read. */
  newer_node = json_from_string (plain_json, NULL);
  json_object_set_int_member (json_node_get_object (newer_node), "format", 99);
  newer = json_to_string (newer_node, FALSE);
  g_assert_null (yc_draft_new_from_json (newer, -1, NULL, NULL, &error));
  g_assert_error (error, YC_CASE_JSON_ERROR, YC_CASE_JSON_ERROR_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/decision/table", test_table);
  g_test_add_func ("/yc/decision/deadlines/spring-festival", test_deadlines_spring_festival);
  g_test_add_func ("/yc/decision/deadlines/chosen", test_deadlines_chosen);
  g_test_add_func ("/yc/decision/deadlines/immediate", test_deadlines_immediate);
  g_test_add_func ("/yc/decision/deadlines/no-limits", test_deadlines_no_limits);
  g_test_add_func ("/yc/decision/deadlines/uncovered-year", test_deadlines_uncovered_year);
  g_test_add_func ("/yc/decision/missing-list", test_missing_list);
  g_test_add_func ("/yc/decision/material-states", test_material_states);
  g_test_add_func ("/yc/decision/documents-due", test_documents_due);
  g_test_add_func ("/yc/decision/outcome-codes", test_outcome_codes);
  g_test_add_func ("/yc/decision/refusal-reasons", test_refusal_reasons);
  g_test_add_func ("/yc/decision/iso-dates", test_iso_dates);
  g_test_add_func ("/yc/case-json/round-trip", test_json_round_trip);
  g_test_add_func ("/yc/case-json/invalid", test_json_invalid);
  g_test_add_func ("/yc/case-json/draft", test_draft_json);

  return g_test_run ();
}
