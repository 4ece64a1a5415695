/*
 * mapiadmin: the organisation in the Configuration partition.
 *
 *   CN=Microsoft Exchange,CN=Services,<config>   msExchConfigurationContainer
 *     CN=<ORG>                        container + mailRecipient
 *       CN=Administrative Groups      container
 *         CN=<AG>                     container + mailRecipient
 *           CN=Servers                container
 *             CN=<NETBIOS>            container + mailRecipient
 *
 * The named objects carry adminDisplayName and displayName (the exact
 * name) and legacyExchangeDN (/o=ORG, /o=ORG/ou=AG and
 * /o=ORG/ou=AG/cn=Configuration/cn=Servers/cn=NETBIOS).  Every class and
 * attribute is in Samba's base schema; mailRecipient, an auxiliary class,
 * is what lets a container carry legacyExchangeDN.
 */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#include "mapiadmin.h"

struct org_state {
	struct ldb_dn *exchange_dn;
	struct ldb_dn *org_dn;
	struct ldb_dn *ag_dn;
	struct ldb_dn *server_dn;
	const char *organization;
	const char *admin_group;
	const char *server_legacy_dn;
};

static const char *const named_attrs[] = { "adminDisplayName",
					   "legacyExchangeDN", NULL };

static struct ldb_dn *exchange_container_dn(struct admin_ctx *a)
{
	return ldb_dn_new_fmt(a->mem, a->ldb,
			      "CN=Microsoft Exchange,CN=Services,%s",
			      ldb_dn_get_linearized(
				      ldb_get_config_basedn(a->ldb)));
}

/*
 * The one named object (organisation or administrative group) directly
 * under @a parent.  0 when there is none, -1 (said) when the directory
 * holds several or cannot be searched.
 */
static int find_single_named(struct admin_ctx *a, struct ldb_dn *parent,
			     const char *what, struct ldb_message **found)
{
	struct ldb_result *res;
	int ret;

	*found = NULL;
	ret = ldb_search(a->ldb, a->mem, &res, parent, LDB_SCOPE_ONELEVEL,
			 (const char **)named_attrs,
			 "(&(objectClass=mailRecipient)(adminDisplayName=*))");
	if (ret == LDB_ERR_NO_SUCH_OBJECT) {
		return 0;
	}
	if (ret != LDB_SUCCESS) {
		admin_fail("cannot search %s: %s",
			   ldb_dn_get_linearized(parent),
			   ldb_errstring(a->ldb));
		return -1;
	}
	if (res->count > 1) {
		admin_fail("%s holds %u %ss; mapiadmin manages exactly one",
			   ldb_dn_get_linearized(parent), res->count, what);
		return -1;
	}
	if (res->count == 1) {
		*found = res->msgs[0];
	}
	return 0;
}

/* The legacyExchangeDN of @a dn, NULL when it does not exist. */
static const char *read_legacy_dn(struct admin_ctx *a, struct ldb_dn *dn)
{
	struct ldb_result *res;

	if (ldb_search(a->ldb, a->mem, &res, dn, LDB_SCOPE_BASE,
		       (const char **)named_attrs, NULL) != LDB_SUCCESS ||
	    res->count != 1) {
		return NULL;
	}
	return ldb_msg_find_attr_as_string(res->msgs[0], "legacyExchangeDN",
					   NULL);
}

/* What the directory holds: 0 with st->org_dn NULL when not provisioned. */
static int read_org_state(struct admin_ctx *a, struct org_state *st)
{
	struct ldb_message *org, *ag;
	struct ldb_dn *groups;

	memset(st, 0, sizeof(*st));
	st->exchange_dn = exchange_container_dn(a);
	if (st->exchange_dn == NULL) {
		return admin_fail("out of memory");
	}
	if (find_single_named(a, st->exchange_dn, "organisation", &org) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (org == NULL) {
		return 0;
	}
	groups = admin_child_dn(a, org->dn, "Administrative Groups");
	if (groups == NULL ||
	    find_single_named(a, groups, "administrative group", &ag) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (ag == NULL) {
		return 0;	/* half provisioned: provision completes it */
	}
	st->org_dn = org->dn;
	st->ag_dn = ag->dn;
	st->organization = ldb_msg_find_attr_as_string(org, "adminDisplayName",
						       NULL);
	st->admin_group = ldb_msg_find_attr_as_string(ag, "adminDisplayName",
						      NULL);
	st->server_dn = admin_child_dn(a, admin_child_dn(a, ag->dn, "Servers"),
				 lpcfg_netbios_name(a->lp));
	if (st->server_dn != NULL) {
		st->server_legacy_dn = read_legacy_dn(a, st->server_dn);
	}
	return 0;
}

static bool set_recipients_prefix(struct admin_ctx *a)
{
	a->recipients_prefix = talloc_asprintf(a->mem,
					       "/o=%s/ou=%s/cn=Recipients/cn=",
					       a->organization, a->admin_group);
	return a->recipients_prefix != NULL;
}

/* The first name given: option, smb.conf, default. */
static const char *wanted_name(const char *option, const char *conf,
			       const char *def)
{
	return option != NULL ? option : conf != NULL ? conf : def;
}

/*
 * The organisation and administrative group every command works in: the
 * directory's when provisioned, else --organization/--admin-group, else
 * smb.conf's mapiproxy:organization and mapiproxy:administrative group,
 * else the defaults.  Naming others than the provisioned ones is an error
 * (provision --force changes them).
 */
int admin_load_organization(struct admin_ctx *a)
{
	const struct admin_options *o = a->opt;
	const char *conf_org = lpcfg_parm_string(a->lp, NULL, "mapiproxy",
						 "organization");
	const char *conf_ag = lpcfg_parm_string(a->lp, NULL, "mapiproxy",
						"administrative group");
	struct org_state st;

	if (read_org_state(a, &st) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (st.org_dn != NULL) {
		a->organization = st.organization;
		a->admin_group = st.admin_group;
		a->org_source = "directory";
		a->servers_dn = admin_child_dn(a, st.ag_dn, "Servers");
	} else {
		a->organization = wanted_name(o->organization, conf_org,
					      DEFAULT_ORGANIZATION);
		a->admin_group = wanted_name(o->admin_group, conf_ag,
					     DEFAULT_ADMIN_GROUP);
		a->org_source = o->organization || o->admin_group ?
				"command line" :
				conf_org || conf_ag ? "smb.conf" : "default";
	}
	if (!set_recipients_prefix(a)) {
		return admin_fail("out of memory");
	}
	return 0;
}

/* A name usable as a CN and inside a legacyExchangeDN. */
static bool org_name_is_valid(const char *name)
{
	size_t len = strlen(name), i;

	if (len == 0 || len > 64 || isspace((unsigned char)name[0]) ||
	    isspace((unsigned char)name[len - 1])) {
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' ||
		    c == '"' || c == '=') {
			return false;
		}
	}
	return true;
}

/*
 * Create @a dn of @a object_class; with @a legacy_dn, a named object
 * (mailRecipient, names and legacyExchangeDN).  An existing object is no
 * error.
 */
int admin_add_container(struct admin_ctx *a, struct ldb_dn *dn,
			const char *object_class, const char *name,
			const char *legacy_dn)
{
	struct ldb_message *msg = ldb_msg_new(a->mem);
	int ret;

	if (msg == NULL) {
		return admin_fail("out of memory");
	}
	msg->dn = dn;
	ret = ldb_msg_add_string(msg, "objectClass", object_class);
	if (legacy_dn != NULL) {
		ret |= ldb_msg_add_string(msg, "objectClass", "mailRecipient");
		ret |= ldb_msg_add_string(msg, "adminDisplayName", name);
		ret |= ldb_msg_add_string(msg, "displayName", name);
		ret |= ldb_msg_add_string(msg, "legacyExchangeDN", legacy_dn);
	}
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	ret = ldb_add(a->ldb, msg);
	if (ret == LDB_ERR_ENTRY_ALREADY_EXISTS) {
		return 0;
	}
	if (ret != LDB_SUCCESS) {
		return admin_fail("cannot create %s: %s",
				  ldb_dn_get_linearized(dn),
				  ldb_errstring(a->ldb));
	}
	printf("created %s\n", ldb_dn_get_linearized(dn));
	return 0;
}

/* /o=ORG/ou=AG/cn=Configuration/cn=Servers/cn=NAME */
char *admin_server_legacy_dn(struct admin_ctx *a, const char *name)
{
	return talloc_asprintf(a->mem, "/o=%s/ou=%s/cn=Configuration"
			       "/cn=Servers/cn=%s", a->organization,
			       a->admin_group, name);
}

static char *server_legacy_dn(struct admin_ctx *a)
{
	return admin_server_legacy_dn(a, lpcfg_netbios_name(a->lp));
}

bool admin_object_exists(struct admin_ctx *a, struct ldb_dn *dn)
{
	static const char *const attrs[] = { "objectClass", NULL };
	struct ldb_result *res;

	return ldb_search(a->ldb, a->mem, &res, dn, LDB_SCOPE_BASE,
			  (const char **)attrs, NULL) == LDB_SUCCESS &&
	       res->count == 1;
}

/* Create whatever part of the tree is missing, with a->organization and
 * a->admin_group as names. */
static int create_org_tree(struct admin_ctx *a, struct ldb_dn *exchange_dn)
{
	struct ldb_dn *org, *groups, *ag, *servers, *server;
	char *org_legacy, *ag_legacy;

	org = admin_child_dn(a, exchange_dn, a->organization);
	groups = org ? admin_child_dn(a, org, "Administrative Groups") : NULL;
	ag = groups ? admin_child_dn(a, groups, a->admin_group) : NULL;
	servers = ag ? admin_child_dn(a, ag, "Servers") : NULL;
	server = servers ? admin_child_dn(a, servers, lpcfg_netbios_name(a->lp))
			 : NULL;
	org_legacy = talloc_asprintf(a->mem, "/o=%s", a->organization);
	ag_legacy = talloc_asprintf(a->mem, "/o=%s/ou=%s", a->organization,
				    a->admin_group);
	if (server == NULL || org_legacy == NULL || ag_legacy == NULL) {
		return admin_fail("out of memory");
	}
	a->servers_dn = servers;
	if (admin_add_container(a, exchange_dn,
				"msExchConfigurationContainer", NULL,
				NULL) != 0 ||
	    admin_add_container(a, org, "container", a->organization,
				org_legacy) != 0 ||
	    admin_add_container(a, groups, "container", NULL, NULL) != 0 ||
	    admin_add_container(a, ag, "container", a->admin_group,
				ag_legacy) != 0 ||
	    admin_add_container(a, servers, "container", NULL, NULL) != 0 ||
	    admin_add_container(a, server, "container",
				lpcfg_netbios_name(a->lp),
				server_legacy_dn(a)) != 0) {
		return MAPIADMIN_FAILED;
	}
	return 0;
}

/* Delete @a dn; a missing object is no error. */
int admin_delete_object(struct admin_ctx *a, struct ldb_dn *dn)
{
	int ret = dn != NULL ? ldb_delete(a->ldb, dn)
			     : LDB_ERR_OPERATIONS_ERROR;

	if (ret == LDB_SUCCESS || ret == LDB_ERR_NO_SUCH_OBJECT) {
		return 0;
	}
	return admin_fail("cannot delete %s: %s",
			  dn ? ldb_dn_get_linearized(dn) : "(null)",
			  ldb_errstring(a->ldb));
}

/*
 * The old tree after a change of names (Samba refuses renames inside the
 * Configuration partition): the other servers and every home record go
 * into the new tree first (mapiadmin_home_move.c), then this server,
 * Servers and the administrative group are deleted; the organisation too
 * when it changed.  Anything else left in them stops the deletion and is
 * named.
 */
static int delete_old_tree(struct admin_ctx *a, const struct org_state *st,
			   bool org_changed)
{
	struct ldb_dn *servers = admin_child_dn(a, st->ag_dn, "Servers");
	struct ldb_dn *groups = ldb_dn_get_parent(a->mem, st->ag_dn);

	if (admin_home_move_servers(a, servers) != 0 ||
	    admin_delete_object(a, st->server_dn) != 0 ||
	    admin_delete_object(a, servers) != 0 ||
	    admin_delete_object(a, st->ag_dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (org_changed &&
	    (admin_delete_object(a, groups) != 0 ||
	     admin_delete_object(a, st->org_dn) != 0)) {
		return MAPIADMIN_FAILED;
	}
	return 0;
}

/* provision --force with other names: a new tree, every recipient
 * re-addressed, the old tree deleted. */
static int change_org_names(struct admin_ctx *a, struct org_state *st,
			    const char *org, const char *ag)
{
	char *old_prefix = talloc_strdup(a->mem, a->recipients_prefix);
	bool org_changed = strcmp(org, st->organization) != 0;
	int moved;

	if (old_prefix == NULL) {
		return admin_fail("out of memory");
	}
	printf("changing organisation '%s' -> '%s', administrative group "
	       "'%s' -> '%s'\n", st->organization, org, st->admin_group, ag);
	a->organization = org;
	a->admin_group = ag;
	if (!set_recipients_prefix(a)) {
		return admin_fail("out of memory");
	}
	if (create_org_tree(a, st->exchange_dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	moved = recipients_relocate(a, old_prefix);
	if (moved < 0 || delete_old_tree(a, st, org_changed) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("server legacyExchangeDN is now %s\n", server_legacy_dn(a));
	printf("%d recipients moved under %.*s (each keeps its former "
	       "legacyExchangeDN as an X500: proxy address)\n", moved,
	       (int)strlen(a->recipients_prefix) - 4, a->recipients_prefix);
	printf("note: smb.conf's mapiproxy:organization and "
	       "mapiproxy:administrative group, where set, no longer apply "
	       "to mapiadmin\n");
	return 0;
}

int cmd_provision(struct admin_ctx *a)
{
	const struct admin_options *o = a->opt;
	struct org_state st;
	const char *org, *ag;

	if (read_org_state(a, &st) != 0) {
		return MAPIADMIN_FAILED;
	}
	org = o->organization ? o->organization : st.organization;
	ag = o->admin_group ? o->admin_group : st.admin_group;
	if (org == NULL) {
		org = a->organization;	/* smb.conf or default */
	}
	if (ag == NULL) {
		ag = a->admin_group;
	}
	if (!org_name_is_valid(org)) {
		return admin_fail("invalid organisation name '%s' (1 to 64 "
				  "characters, none of / \\ \" =)", org);
	}
	if (!org_name_is_valid(ag)) {
		return admin_fail("invalid administrative group name '%s' (1 "
				  "to 64 characters, none of / \\ \" =)", ag);
	}
	if (st.org_dn != NULL &&
	    (strcmp(org, st.organization) != 0 ||
	     strcmp(ag, st.admin_group) != 0)) {
		if (!o->force) {
			return admin_fail("the organisation is provisioned as "
					  "'%s', administrative group '%s'; "
					  "refusing to change it to '%s', '%s' "
					  "without --force (every recipient's "
					  "legacyExchangeDN would change)",
					  st.organization, st.admin_group,
					  org, ag);
		}
		return change_org_names(a, &st, org, ag);
	}
	a->organization = org;
	a->admin_group = ag;
	if (!set_recipients_prefix(a)) {
		return admin_fail("out of memory");
	}
	if (st.org_dn != NULL && st.server_legacy_dn != NULL) {
		printf("organisation '%s', administrative group '%s' already "
		       "provisioned\n", org, ag);
		return 0;
	}
	if (create_org_tree(a, st.exchange_dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("provisioned organisation '%s', administrative group '%s', "
	       "server %s\n", org, ag, server_legacy_dn(a));
	return 0;
}

int cmd_show_org(struct admin_ctx *a)
{
	struct org_state st;

	if (read_org_state(a, &st) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("provisioned: %s\n", st.org_dn != NULL ? "yes" : "no");
	printf("organization: %s\n", a->organization);
	printf("administrative group: %s\n", a->admin_group);
	printf("source: %s\n", a->org_source);
	printf("recipients: %.*s\n", (int)strlen(a->recipients_prefix) - 4,
	       a->recipients_prefix);
	if (st.org_dn == NULL) {
		return 0;
	}
	printf("organization DN: %s\n", ldb_dn_get_linearized(st.org_dn));
	printf("administrative group DN: %s\n",
	       ldb_dn_get_linearized(st.ag_dn));
	printf("server DN: %s\n", st.server_legacy_dn != NULL ?
	       ldb_dn_get_linearized(st.server_dn) : "(not provisioned)");
	printf("server legacyExchangeDN: %s\n", st.server_legacy_dn != NULL ?
	       st.server_legacy_dn : "(not provisioned)");
	return 0;
}

/* Other names than the provisioned ones, outside provision: refuse. */
int admin_check_names(struct admin_ctx *a)
{
	const struct admin_options *o = a->opt;

	if (strcmp(a->org_source, "directory") != 0) {
		return 0;
	}
	if ((o->organization != NULL &&
	     strcmp(o->organization, a->organization) != 0) ||
	    (o->admin_group != NULL &&
	     strcmp(o->admin_group, a->admin_group) != 0)) {
		return admin_fail("the directory provisions organisation '%s', "
				  "administrative group '%s'; use 'mapiadmin "
				  "provision --force' to change them",
				  a->organization, a->admin_group);
	}
	return 0;
}
