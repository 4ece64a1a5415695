/*
 * mapitest: the suite registry.  A new area adds its file
 * torture/mapitest_<area>.c (the Makefile picks it up) and one line here.
 */
#include "mapitest.h"

extern const struct mapitest_suite mapitest_suite_nspi;
extern const struct mapitest_suite mapitest_suite_referral;
extern const struct mapitest_suite mapitest_suite_emsmdb;
extern const struct mapitest_suite mapitest_suite_store;
extern const struct mapitest_suite mapitest_suite_folder;
extern const struct mapitest_suite mapitest_suite_property;
extern const struct mapitest_suite mapitest_suite_table;
extern const struct mapitest_suite mapitest_suite_message;
extern const struct mapitest_suite mapitest_suite_transport;
extern const struct mapitest_suite mapitest_suite_notification;

const struct mapitest_suite *const mapitest_suites[] = {
	&mapitest_suite_nspi,
	&mapitest_suite_referral,
	&mapitest_suite_emsmdb,
	&mapitest_suite_store,
	&mapitest_suite_folder,
	&mapitest_suite_property,
	&mapitest_suite_table,
	&mapitest_suite_message,
	&mapitest_suite_transport,
	&mapitest_suite_notification,
	NULL
};
