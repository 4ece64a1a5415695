/*
 * Unit tests of mapiproxy/mapiproxy_home.h: where server objects and
 * home markers sit in the Configuration partition, the default FQDN of a
 * server, and a user's home from its back links (no directory needed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <talloc.h>

#include "mapiproxy/mapiproxy_home.h"

#define CONFIG "CN=Configuration,DC=sambamapi,DC=test"
#define EXCHANGE "CN=Microsoft Exchange,CN=Services," CONFIG
#define SERVERS "CN=Servers,CN=First Administrative Group," \
		"CN=Administrative Groups,CN=First Organization," EXCHANGE
#define OTHERSRV "CN=OTHERSRV," SERVERS
#define MAPIDC "CN=MAPIDC," SERVERS

static TALLOC_CTX *mem;
static struct ldb_context *ldb;

static struct ldb_dn *dn(const char *s)
{
	struct ldb_dn *d = ldb_dn_new(mem, ldb, s);

	assert_non_null(d);
	assert_true(ldb_dn_validate(d));
	return d;
}

static void test_server_dn(void **state)
{
	(void)state;
	assert_true(mpx_home_is_server_dn(dn(OTHERSRV)));
	assert_true(mpx_home_is_server_dn(dn(
		"cn=x,cn=servers,cn=ag,cn=administrative groups,cn=org,"
		"cn=microsoft exchange,cn=services,cn=configuration,dc=a")));
	/* the organisation and its containers are no servers */
	assert_false(mpx_home_is_server_dn(dn(SERVERS)));
	assert_false(mpx_home_is_server_dn(dn(
		"CN=First Organization," EXCHANGE)));
	/* the same names outside the Configuration partition */
	assert_false(mpx_home_is_server_dn(dn(
		"CN=X,CN=Servers,CN=AG,CN=Administrative Groups,CN=O,"
		"CN=Microsoft Exchange,CN=Services,DC=sambamapi,DC=test")));
	/* a server's Mailboxes container is not a server */
	assert_false(mpx_home_is_server_dn(dn("CN=Mailboxes," OTHERSRV)));
	assert_false(mpx_home_is_server_dn(dn("OU=X," SERVERS)));
	assert_false(mpx_home_is_server_dn(NULL));
}

static void test_marker(void **state)
{
	struct ldb_dn *s;

	(void)state;
	s = mpx_home_marker_server(mem, dn("CN=bob,CN=Mailboxes," OTHERSRV));
	assert_non_null(s);
	assert_int_equal(ldb_dn_compare(s, dn(OTHERSRV)), 0);
	s = mpx_home_marker_server(mem, dn("cn=bob,cn=MAILBOXES," MAPIDC));
	assert_non_null(s);
	assert_int_equal(ldb_dn_compare(s, dn(MAPIDC)), 0);
	/* not markers */
	assert_null(mpx_home_marker_server(mem, dn("CN=Mailboxes," OTHERSRV)));
	assert_null(mpx_home_marker_server(mem, dn(OTHERSRV)));
	assert_null(mpx_home_marker_server(mem, dn(
		"CN=bob,CN=Other," OTHERSRV)));
	assert_null(mpx_home_marker_server(mem, dn(
		"CN=bob,CN=Mailboxes,CN=Users,DC=sambamapi,DC=test")));
	assert_null(mpx_home_marker_server(mem, dn(
		"CN=x,CN=bob,CN=Mailboxes," OTHERSRV)));
	assert_null(mpx_home_marker_server(mem, NULL));
}

static void test_default_fqdn(void **state)
{
	(void)state;
	assert_string_equal(mpx_home_default_fqdn(mem, "OTHERSRV",
						  "SAMBAMAPI.test"),
			    "othersrv.sambamapi.test");
	assert_string_equal(mpx_home_default_fqdn(mem, "dc-2", "a.b"),
			    "dc-2.a.b");
}

static struct mpx_server *servers(void)
{
	struct mpx_server *list = talloc_zero_array(mem, struct mpx_server,
						    2);

	list[0].dn = dn(MAPIDC);
	list[0].name = "MAPIDC";
	list[0].legacy_dn = "/o=First Organization/ou=First Administrative "
			    "Group/cn=Configuration/cn=Servers/cn=MAPIDC";
	list[1].dn = dn(OTHERSRV);
	list[1].name = "OTHERSRV";
	list[1].legacy_dn = "/o=First Organization/ou=First Administrative "
			    "Group/cn=Configuration/cn=Servers/cn=OTHERSRV";
	return list;
}

static void test_lookup_in_list(void **state)
{
	struct mpx_server *list = servers();

	(void)state;
	assert_ptr_equal(mpx_home_server_by_dn(list, 2, dn(OTHERSRV)),
			 &list[1]);
	assert_null(mpx_home_server_by_dn(list, 2, dn(SERVERS)));
	assert_null(mpx_home_server_by_dn(list, 2, NULL));
	assert_ptr_equal(mpx_home_server_by_name(list, 2, "mapidc"),
			 &list[0]);
	assert_null(mpx_home_server_by_name(list, 2, "MAPID"));
	assert_null(mpx_home_server_by_name(list, 2, NULL));
}

static struct ldb_message *user_with(const char *const *links)
{
	struct ldb_message *msg = ldb_msg_new(mem);

	msg->dn = dn("CN=bob,CN=Users,DC=sambamapi,DC=test");
	for (; links != NULL && *links != NULL; links++) {
		assert_int_equal(ldb_msg_add_string(msg, MPX_HOME_BACKLINK,
						    *links), LDB_SUCCESS);
	}
	return msg;
}

static void test_home_of_user(void **state)
{
	struct mpx_server *list = servers();
	const char *none[] = { NULL };
	const char *other[] = { "CN=x,CN=Something,DC=sambamapi,DC=test",
				"CN=bob,CN=Mailboxes," OTHERSRV, NULL };
	const char *unknown[] = { "CN=bob,CN=Mailboxes,CN=GONE," SERVERS,
				  NULL };

	(void)state;
	assert_null(mpx_home_of_user(ldb, user_with(none), list, 2));
	assert_ptr_equal(mpx_home_of_user(ldb, user_with(other), list, 2),
			 &list[1]);
	/* a marker under a server no longer registered is no home */
	assert_null(mpx_home_of_user(ldb, user_with(unknown), list, 2));
	assert_null(mpx_home_of_user(ldb, user_with(other), list, 0));
}

static int setup(void **state)
{
	(void)state;
	mem = talloc_new(NULL);
	ldb = ldb_init(mem, NULL);
	return mem != NULL && ldb != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	talloc_free(mem);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_server_dn),
		cmocka_unit_test(test_marker),
		cmocka_unit_test(test_default_fqdn),
		cmocka_unit_test(test_lookup_in_list),
		cmocka_unit_test(test_home_of_user),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
