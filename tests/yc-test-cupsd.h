/* yc-test-cupsd.h: a CUPS scheduler for printing tests: the one build-aux/dev.sh started
 * ($CUPS_SERVER), or a private cupsd of the test's own, with two file: printers that keep the PDF
 * (tests/data/receipt-pdf.ppd). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YcTestCupsd YcTestCupsd;

/* Uses $CUPS_SERVER and $YC_TEST_CUPS_OUT when both are set, else starts cupsd in a temporary
 * directory and points $CUPS_SERVER at it: call this before any other thread uses CUPS. Either way
 * makes sure the printers "receipt" (X80mm) and "a4" exist, are enabled and accept jobs, writing to
 * <output dir>/<printer>.pdf. Returns NULL (with the reason) if cupsd cannot run here. */
YcTestCupsd *yc_test_cupsd_start        (GError     **error);
void         yc_test_cupsd_stop         (YcTestCupsd *cupsd);
/* The file a printer writes each job to (each job replaces it). */
char        *yc_test_cupsd_output       (YcTestCupsd *cupsd,
                                         const char  *printer);
/* Runs a CUPS command-line tool (lpadmin, cupsdisable, cancel, …) against the scheduler; fails the
 * test if it fails. */
void         yc_test_cupsd_run          (const char  *first,
                                         ...) G_GNUC_NULL_TERMINATED;
/* Removes a temporary directory of the test's own, recursively. */
void         yc_test_remove_tree        (const char  *path);
/* The printer definitions (re)created, enabled and accepting: a clean slate between test cases. */
void         yc_test_cupsd_reset_printers (YcTestCupsd *cupsd);

G_END_DECLS
