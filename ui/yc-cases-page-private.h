/* yc-cases-page-private.h: what tests may do to the Cases page beyond its public API. */
#pragma once

#include "yc-cases-page.h"

G_BEGIN_DECLS

/* Takes @today (NULL: the local date again) for today's date, and checks at once, as the page does
 * every minute while shown, whether the date changed since overdue cases were last marked. */
void _yc_cases_page_set_today (YcCasesPage *self,
                               const GDate *today);

G_END_DECLS
