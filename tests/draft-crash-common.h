/* draft-crash-common.h: the intake the crash test's child types, step by step, and the parent
 * expects back. */
#pragma once

#include "yc-case-json.h"

#define DRAFT_CRASH_UUID "6f1c2b8e-93d4-4a57-8e0b-5a3f0c7d2e19"
/* The address the clerk types, one character per step (repeated when it runs out). */
#define DRAFT_CRASH_ADDRESS "北方市北城区幸福路一号院三号楼二单元五零二室（近地铁站东口）"

/* The intake after @step keystrokes: every field set, the address and a note growing with the
 * steps. */
static inline YcCase *
draft_crash_case (guint step)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 ("2026-02-12T09:00:00+08:00", NULL);
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(GString) address = g_string_new (NULL);
  g_autofree char *note = g_strdup_printf ("第%u次补充说明", step);
  glong n_chars = g_utf8_strlen (DRAFT_CRASH_ADDRESS, -1);
  YcCase *kase = g_object_new (YC_TYPE_CASE,
                               "uuid", DRAFT_CRASH_UUID,
                               "query-password", "246810",
                               "item-code", "HOUSE",
                               "item-name", "不动产转移登记",
                               "department", "北方市不动产登记中心",
                               "window-code", "W01",
                               "clerk", "clerk-wang",
                               "created-at", created,
                               "applicant-flags", YC_APPLICANT_FLAG_USCC_OVERRIDE,
                               NULL);
  const char *names[] = { "身份证明", "购房合同", "完税证明", "婚姻证明" };
  const YcMaterialState states[] = { YC_MATERIAL_STATE_ORIGINAL_CHECKED, YC_MATERIAL_STATE_SCANNED,
                                     YC_MATERIAL_STATE_TOLERATED, YC_MATERIAL_STATE_PENDING };

  for (guint i = 0; i < step; i++)
    {
      const char *c = g_utf8_offset_to_pointer (DRAFT_CRASH_ADDRESS, i % n_chars);

      g_string_append_len (address, c, g_utf8_next_char (c) - c);
    }
  g_object_set (applicant, "name", "张三", "id-number", "11010519491231002X", "phone", "13800138000",
                "address", address->str, NULL);
  g_object_set (agent, "name", "李四", "id-number", "360426199101010071", "relation", "子女",
                "authorisation", "书面委托书", NULL);
  g_object_set (kase, "applicant", applicant, "agent", agent, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("M%u", i + 1);
      g_autoptr(YcCaseMaterial) m = g_object_new (
        YC_TYPE_CASE_MATERIAL, "spec-code", code, "name", names[i], "position", i, "state",
        states[i], "originals", i == 0 ? 1u : 0u, "note", i == 2 ? note : NULL,
        "supplement-deadline", i == 2 ? "2026-02-26" : NULL, NULL);

      yc_case_add_material (kase, m);
    }
  return kase;
}
