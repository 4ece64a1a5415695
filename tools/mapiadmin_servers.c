/*
 * mapiadmin: the servers of the organisation (server objects under
 * CN=Servers, see mapiproxy/mapiproxy_home.h):
 *
 *   server-add NAME      register a server (another DC running the
 *                        providers, before or without its own provision)
 *   server-remove NAME   ... removed when no mailbox is homed there
 *   server-list          the servers, their FQDN and mailbox count
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "mapiadmin.h"
#include "mapiproxy/mapiproxy_home.h"

#define NETBIOS_NAME_MAX 15

int admin_require_provisioned(struct admin_ctx *a)
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
const struct mpx_server *admin_find_server(struct admin_ctx *a,
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

int cmd_server_add(struct admin_ctx *a, const char *name)
{
	char upper[NETBIOS_NAME_MAX + 1];
	struct ldb_dn *dn;

	if (admin_require_provisioned(a) != 0) {
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

/* Markers that still name a user (a deleted user's link is gone). */
static unsigned int linked_markers(const struct ldb_result *res)
{
	unsigned int i, n = 0;

	for (i = 0; i < res->count; i++) {
		n += ldb_msg_find_element(res->msgs[i], MPX_HOME_LINK) != NULL;
	}
	return n;
}

static int drop_orphans(struct admin_ctx *a, const struct ldb_result *res)
{
	unsigned int i;

	for (i = 0; i < res->count; i++) {
		if (ldb_msg_find_element(res->msgs[i], MPX_HOME_LINK) == NULL &&
		    admin_delete_object(a, res->msgs[i]->dn) != 0) {
			return MAPIADMIN_FAILED;
		}
	}
	return 0;
}

static void print_marker_users(FILE *f, const struct ldb_result *res)
{
	unsigned int i, n = 0;

	for (i = 0; i < res->count; i++) {
		const struct ldb_val *cn = ldb_dn_get_rdn_val(res->msgs[i]->dn);

		if (ldb_msg_find_element(res->msgs[i], MPX_HOME_LINK) == NULL) {
			continue;
		}

		fprintf(f, "%s%.*s", n++ ? ", " : "",
			cn ? (int)cn->length : 0,
			cn ? (const char *)cn->data : "");
	}
	fprintf(f, "\n");
}

int cmd_server_remove(struct admin_ctx *a, const char *name)
{
	const struct mpx_server *s;
	struct ldb_result *markers;

	if (admin_require_provisioned(a) != 0) {
		return MAPIADMIN_FAILED;
	}
	s = admin_find_server(a, name);
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
	if (linked_markers(markers) > 0) {
		fprintf(stderr, "mapiadmin: %u mailbox(es) are homed on %s "
			"(move them first with 'mapiadmin home USER "
			"SERVER'): ", linked_markers(markers), s->name);
		print_marker_users(stderr, markers);
		return MAPIADMIN_FAILED;
	}
	if (drop_orphans(a, markers) != 0 ||
	    admin_delete_object(a, admin_child_dn(a, s->dn,
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

	if (admin_require_provisioned(a) != 0 ||
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
		       linked_markers(markers), list[i].legacy_dn);
	}
	return 0;
}
