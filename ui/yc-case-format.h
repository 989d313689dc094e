/* yc-case-format.h: how a stored case is shown in lists and details: masked applicant, running deadline
 * and its colour. */
#pragma once

#include <glib.h>

#include "yc-calendar.h"
#include "yc-case.h"

G_BEGIN_DECLS

/* "张三 · 110105********002X" (resident IDs masked; credit codes are public record). */
char   *yc_case_format_applicant (YcCase           *kase);
/* The deadline that matters now: a tolerance case's earliest supplement date, else the promised
 * deadline of a case still running; NULL for closed cases. The text says which ("Supplement by …",
 * "Due …"); @status (optional) gets its colour against today. */
char   *yc_case_format_deadline  (YcCase           *kase,
                                  YcCalendar       *calendar,
                                  YcDeadlineStatus *status);
/* TRUE for a tolerance case whose supplement date has passed. */
gboolean yc_case_supplement_overdue (YcCase        *kase);

G_END_DECLS
