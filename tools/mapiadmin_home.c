/*
 * mapiadmin: the home server of each mailbox (layout in
 * mapiproxy/mapiproxy_home.h):
 *
 *   home USER [SERVER | --clear]   show, record or remove a home
 *   create/enable --server NAME    record it with the mailbox
 *   disable                        drop it with the mailbox
 *
 * A home is one marker object per mailbox, CN=<account>,CN=Mailboxes,
 * CN=<server>,CN=Servers,..., a container whose msDS-ObjectReference
 * names the user.  Only the record changes: moving a mailbox's data
 * between servers is not done here.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mapiadmin.h"
#include "mapiproxy/mapiproxy_home.h"

/* The home markers under server @a server: their entries, with the
 * user they name (MPX_HOME_LINK). */
int admin_home_markers(struct admin_ctx *a, struct ldb_dn *server,
		       struct ldb_result **res)
{
	static const char *const attrs[] = { MPX_HOME_LINK, NULL };
	struct ldb_dn *box = admin_child_dn(a, server, MPX_HOME_MAILBOXES);
	int ret;

	if (box == NULL) {
		return admin_fail("out of memory");
	}
	ret = ldb_search(a->ldb, a->mem, res, box, LDB_SCOPE_ONELEVEL,
			 (const char **)attrs, "(objectClass=container)");
	if (ret == LDB_ERR_NO_SUCH_OBJECT) {
		*res = talloc_zero(a->mem, struct ldb_result);
		return *res != NULL ? 0 : admin_fail("out of memory");
	}
	if (ret != LDB_SUCCESS) {
		return admin_fail("cannot search %s: %s",
				  ldb_dn_get_linearized(box),
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* ----------------------------------------------------------- home records */

/* The user's entry with the back links of its markers. */
static struct ldb_message *read_links(struct admin_ctx *a, struct ldb_dn *dn)
{
	static const char *const attrs[] = { MPX_HOME_BACKLINK,
					     "sAMAccountName", NULL };
	struct ldb_result *res;

	if (ldb_search(a->ldb, a->mem, &res, dn, LDB_SCOPE_BASE,
		       (const char **)attrs, NULL) != LDB_SUCCESS ||
	    res->count != 1) {
		admin_fail("cannot read %s: %s", ldb_dn_get_linearized(dn),
			   ldb_errstring(a->ldb));
		return NULL;
	}
	return res->msgs[0];
}

/* Every home marker naming @a user (normally one). */
static int user_markers(struct admin_ctx *a, const struct ldb_message *user,
			struct ldb_dn ***out, unsigned int *count)
{
	struct ldb_message *links = read_links(a, user->dn);
	struct ldb_message_element *bl;
	unsigned int i;

	*count = 0;
	*out = NULL;
	if (links == NULL) {
		return MAPIADMIN_FAILED;
	}
	bl = ldb_msg_find_element(links, MPX_HOME_BACKLINK);
	*out = talloc_zero_array(a->mem, struct ldb_dn *,
				 bl ? bl->num_values + 1 : 1);
	if (*out == NULL) {
		return admin_fail("out of memory");
	}
	for (i = 0; bl != NULL && i < bl->num_values; i++) {
		struct ldb_dn *dn = ldb_dn_from_ldb_val(a->mem, a->ldb,
							&bl->values[i]);

		if (mpx_home_marker_server(a->mem, dn) != NULL) {
			(*out)[(*count)++] = dn;
		}
	}
	return 0;
}

/* A mail-enabled mailbox user, or NULL (said). */
static struct ldb_message *find_home_user(struct admin_ctx *a,
					  const char *account)
{
	struct ldb_message *user = find_account(a, account, "user");

	if (user == NULL || recipient_is_computer(user)) {
		admin_fail("user '%s' does not exist", account);
		return NULL;
	}
	if (!is_mail_enabled(a, user)) {
		admin_fail("'%s' is not mail-enabled (mapiadmin enable %s)",
			   account, account);
		return NULL;
	}
	return user;
}

/* The marker CN=@a account,CN=Mailboxes under @a server, naming the
 * user @a user_dn. */
int admin_home_add_marker(struct admin_ctx *a, struct ldb_dn *server,
			  const char *user_dn, const char *account)
{
	struct ldb_dn *box = admin_child_dn(a, server, MPX_HOME_MAILBOXES);
	struct ldb_dn *dn = box ? admin_child_dn(a, box, account) : NULL;
	struct ldb_message *msg = ldb_msg_new(a->mem);
	int ret;

	if (dn == NULL || msg == NULL) {
		return admin_fail("out of memory");
	}
	if (admin_add_container(a, box, "container", NULL, NULL) != 0) {
		return MAPIADMIN_FAILED;
	}
	msg->dn = dn;
	ret = ldb_msg_add_string(msg, "objectClass", "container");
	ret |= ldb_msg_add_string(msg, MPX_HOME_LINK, user_dn);
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_add(a->ldb, msg) != LDB_SUCCESS) {
		return admin_fail("cannot record the home of '%s' in %s: %s",
				  account, ldb_dn_get_linearized(box),
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* The server name of a marker (the cn of its server object). */
static const char *marker_server_name(struct admin_ctx *a, struct ldb_dn *m)
{
	struct ldb_dn *server = mpx_home_marker_server(a->mem, m);
	const struct ldb_val *cn = server ? ldb_dn_get_rdn_val(server) : NULL;

	return cn ? talloc_strndup(a->mem, (const char *)cn->data,
				   cn->length) : "?";
}

/* Delete @a markers except the one under @a keep (may be NULL). */
static int drop_markers(struct admin_ctx *a, struct ldb_dn **markers,
			unsigned int count, struct ldb_dn *keep)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct ldb_dn *server = mpx_home_marker_server(a->mem,
							       markers[i]);

		if (keep != NULL && ldb_dn_compare(server, keep) == 0) {
			continue;
		}
		if (admin_delete_object(a, markers[i]) != 0) {
			return MAPIADMIN_FAILED;
		}
	}
	return 0;
}

/* The marker of @a markers under @a server, or NULL. */
static struct ldb_dn *marker_under(struct admin_ctx *a,
				   struct ldb_dn **markers,
				   unsigned int count, struct ldb_dn *server)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (ldb_dn_compare(mpx_home_marker_server(a->mem, markers[i]),
				   server) == 0) {
			return markers[i];
		}
	}
	return NULL;
}

int admin_home_set(struct admin_ctx *a, const struct ldb_message *user,
		   const char *account, const char *server)
{
	const struct mpx_server *s;
	struct ldb_dn **markers;
	unsigned int count;

	if (admin_require_provisioned(a) != 0 ||
	    (s = admin_find_server(a, server)) == NULL ||
	    user_markers(a, user, &markers, &count) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (marker_under(a, markers, count, s->dn) != NULL && count == 1) {
		printf("%s is already homed on %s\n", account, s->name);
		return 0;
	}
	if (marker_under(a, markers, count, s->dn) == NULL &&
	    admin_home_add_marker(a, s->dn, ldb_dn_get_linearized(user->dn),
				  account) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (drop_markers(a, markers, count, s->dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (count > 0) {
		printf("%s: home moved from %s to %s (the mailbox's data was "
		       "not moved)\n", account,
		       marker_server_name(a, markers[0]), s->name);
	} else {
		printf("%s: home recorded on %s\n", account, s->name);
	}
	return 0;
}

int admin_home_clear(struct admin_ctx *a, const struct ldb_message *user,
		     const char *account, bool quiet)
{
	struct ldb_dn **markers;
	unsigned int count;

	if (user_markers(a, user, &markers, &count) != 0 ||
	    drop_markers(a, markers, count, NULL) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (!quiet) {
		printf(count > 0 ? "%s: home record removed (homed on the "
				   "server each client connects to)\n"
				 : "%s has no home record\n", account);
	}
	return 0;
}

static int show_home(struct admin_ctx *a, const struct ldb_message *user,
		     const char *account)
{
	struct mpx_server *home;
	struct ldb_message *links = read_links(a, user->dn);

	if (links == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (mpx_home_lookup(a->mem, a->ldb, links, &home) != LDB_SUCCESS) {
		return admin_fail("cannot read the servers: %s",
				  ldb_errstring(a->ldb));
	}
	if (home == NULL) {
		printf("%s\t-\tnot recorded (homed on the server each client "
		       "connects to)\n", account);
	} else {
		printf("%s\t%s\t%s\n", account, home->name, home->legacy_dn);
	}
	return 0;
}

int cmd_home(struct admin_ctx *a, const char *account, const char *server)
{
	struct ldb_message *user = find_home_user(a, account);

	if (user == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (a->opt->clear) {
		return server != NULL
			? admin_fail("home: a SERVER or --clear, not both")
			: admin_home_clear(a, user, account, false);
	}
	if (server == NULL) {
		return show_home(a, user, account);
	}
	return admin_home_set(a, user, account, server);
}
