/*
 * mapiadmin: the servers of the organisation and the home server of each
 * mailbox (layout in mapiproxy/mapiproxy_home.h):
 *
 *   server-add NAME      a server object under CN=Servers
 *   server-remove NAME   ... removed when no mailbox is homed there
 *   server-list          the servers, their FQDN and mailbox count
 *   home USER [SERVER]   show or record a mailbox's home server
 *
 * A home is one marker object per mailbox, CN=<account>,CN=Mailboxes,
 * CN=<server>,CN=Servers,..., a container whose msDS-ObjectReference
 * names the user.  Only the record changes: moving a mailbox's data
 * between servers is not done here.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "mapiadmin.h"
#include "mapiproxy/mapiproxy_home.h"

#define NETBIOS_NAME_MAX 15

static int require_provisioned(struct admin_ctx *a)
{
	if (a->servers_dn == NULL) {
		return admin_fail("the organisation is not provisioned "
				  "(mapiadmin provision)");
	}
	return 0;
}

/* A NetBIOS computer name: 1 to 15 letters, digits and '-', upper-cased
 * into @a out. */
static bool server_name_normalise(const char *name, char *out)
{
	size_t len = strlen(name), i;

	if (len == 0 || len > NETBIOS_NAME_MAX || name[0] == '-') {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)name[i]) && name[i] != '-') {
			return false;
		}
		out[i] = toupper((unsigned char)name[i]);
	}
	out[len] = '\0';
	return true;
}

static int load_servers(struct admin_ctx *a, struct mpx_server **list,
			unsigned int *count)
{
	int ret = mpx_home_servers(a->mem, a->ldb, list, count);

	if (ret != LDB_SUCCESS) {
		return admin_fail("cannot read the servers: %s",
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* The registered server @a name of the organisation, or NULL (said). */
static const struct mpx_server *find_server(struct admin_ctx *a,
					    const char *name)
{
	struct mpx_server *list;
	const struct mpx_server *s;
	unsigned int count;
	struct ldb_dn *dn;

	if (load_servers(a, &list, &count) != 0) {
		return NULL;
	}
	dn = admin_child_dn(a, a->servers_dn, name);
	s = mpx_home_server_by_dn(list, count, dn);
	if (s == NULL) {
		admin_fail("server '%s' is not registered (mapiadmin "
			   "server-add %s)", name, name);
	}
	return s;
}

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

int cmd_server_add(struct admin_ctx *a, const char *name)
{
	char upper[NETBIOS_NAME_MAX + 1];
	struct ldb_dn *dn;

	if (require_provisioned(a) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (!server_name_normalise(name, upper)) {
		return admin_fail("invalid server name '%s' (a NetBIOS name: "
				  "1 to 15 letters, digits or -)", name);
	}
	dn = admin_child_dn(a, a->servers_dn, upper);
	if (dn == NULL) {
		return admin_fail("out of memory");
	}
	if (admin_object_exists(a, dn)) {
		printf("server %s is already registered\n", upper);
		return 0;
	}
	if (admin_add_container(a, dn, "container", upper,
				admin_server_legacy_dn(a, upper)) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("server %s registered as %s\n", upper,
	       admin_server_legacy_dn(a, upper));
	return 0;
}

static void print_marker_users(FILE *f, const struct ldb_result *res)
{
	unsigned int i;

	for (i = 0; i < res->count; i++) {
		const struct ldb_val *cn = ldb_dn_get_rdn_val(res->msgs[i]->dn);

		fprintf(f, "%s%.*s", i ? ", " : "",
			cn ? (int)cn->length : 0,
			cn ? (const char *)cn->data : "");
	}
	fprintf(f, "\n");
}

int cmd_server_remove(struct admin_ctx *a, const char *name)
{
	const struct mpx_server *s;
	struct ldb_result *markers;

	if (require_provisioned(a) != 0) {
		return MAPIADMIN_FAILED;
	}
	s = find_server(a, name);
	if (s == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (strcasecmp(s->name, lpcfg_netbios_name(a->lp)) == 0) {
		return admin_fail("%s is this server; it stays registered",
				  s->name);
	}
	if (admin_home_markers(a, s->dn, &markers) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (markers->count > 0) {
		fprintf(stderr, "mapiadmin: %u mailbox(es) are homed on %s "
			"(move them first with 'mapiadmin home USER "
			"SERVER'): ", markers->count, s->name);
		print_marker_users(stderr, markers);
		return MAPIADMIN_FAILED;
	}
	if (admin_delete_object(a, admin_child_dn(a, s->dn,
						  MPX_HOME_MAILBOXES)) != 0 ||
	    admin_delete_object(a, s->dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("server %s removed\n", s->name);
	return 0;
}

/* NAME, FQDN, mailboxes homed there, legacyExchangeDN. */
int cmd_server_list(struct admin_ctx *a)
{
	struct mpx_server *list;
	struct ldb_result *markers;
	unsigned int count, i;

	if (require_provisioned(a) != 0 ||
	    load_servers(a, &list, &count) != 0) {
		return MAPIADMIN_FAILED;
	}
	for (i = 0; i < count; i++) {
		if (ldb_dn_compare(ldb_dn_get_parent(a->mem, list[i].dn),
				   a->servers_dn) != 0) {
			continue;	/* another organisation's */
		}
		if (admin_home_markers(a, list[i].dn, &markers) != 0) {
			return MAPIADMIN_FAILED;
		}
		printf("%s\t%s\t%u\t%s\n", list[i].name,
		       mpx_home_server_fqdn(a->mem, a->ldb, list[i].name,
					    lpcfg_dnsdomain(a->lp)),
		       markers->count, list[i].legacy_dn);
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

	if (require_provisioned(a) != 0 ||
	    (s = find_server(a, server)) == NULL ||
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
