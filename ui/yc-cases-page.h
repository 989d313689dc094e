/* yc-cases-page.h: the Cases page: filters, search, the list of cases with their deadlines, and the chosen
 * case's detail. */
#pragma once

#include <gtk/gtk.h>

#include "yc-case-detail.h"
#include "yc-store.h"

G_BEGIN_DECLS

#define YC_TYPE_CASES_PAGE (yc_cases_page_get_type ())
G_DECLARE_FINAL_TYPE (YcCasesPage, yc_cases_page, YC, CASES_PAGE, GtkWidget)

void          yc_cases_page_set_store      (YcCasesPage *self,
                                            YcStore     *store);
/* Marks overdue the tolerance cases whose supplement date has passed (a write, audited), then reads
 * the list again. The page does the same when it is shown and, while shown, when the local date
 * changes; the search and the filters only read. */
void          yc_cases_page_refresh        (YcCasesPage *self);
void          yc_cases_page_set_filter     (YcCasesPage *self,
                                            YcCaseFilter filter);
YcCaseFilter  yc_cases_page_get_filter     (YcCasesPage *self);
GtkEditable  *yc_cases_page_get_search_entry (YcCasesPage *self);
/* The cases on display (YcCase) and whether a query is running. Signal "reopen" (YcCase). */
GListModel   *yc_cases_page_get_cases      (YcCasesPage *self);
gboolean      yc_cases_page_get_loading    (YcCasesPage *self);
/* Shows the case at @position in the detail. */
void          yc_cases_page_select         (YcCasesPage *self,
                                            guint        position);
YcCaseDetail *yc_cases_page_get_detail     (YcCasesPage *self);
void          yc_cases_page_focus_search   (YcCasesPage *self);

G_END_DECLS
