/*
 * mapiadmin: the servers and home records of an organisation whose names
 * change (provision --force).  Samba refuses renames inside the
 * Configuration partition, so mapiadmin_org.c builds a new tree and
 * deletes the old one; before that, every server object of the old
 * CN=Servers and every home marker under it are created again under the
 * new CN=Servers (a->servers_dn) and deleted from the old one.  This
 * server's own object goes with the rest of the old tree.
 */
#include <stdio.h>
#include <strings.h>

#include "mapiadmin.h"
#include "mapiproxy/mapiproxy_home.h"

/* Every marker of @a old: again under @a new_server, then deleted. */
static int move_markers(struct admin_ctx *a, struct ldb_dn *old,
			struct ldb_dn *new_server)
{
	struct ldb_result *markers;
	unsigned int i;

	if (admin_home_markers(a, old, &markers) != 0) {
		return MAPIADMIN_FAILED;
	}
	for (i = 0; i < markers->count; i++) {
		const struct ldb_message *m = markers->msgs[i];
		const struct ldb_val *cn = ldb_dn_get_rdn_val(m->dn);
		const char *user = ldb_msg_find_attr_as_string(
			m, MPX_HOME_LINK, NULL);
		char *account = cn ? talloc_strndup(a->mem,
						    (const char *)cn->data,
						    cn->length) : NULL;

		/* a marker whose user is gone has nothing to keep */
		if (user != NULL && account != NULL &&
		    admin_home_add_marker(a, new_server, user, account) != 0) {
			return MAPIADMIN_FAILED;
		}
		if (admin_delete_object(a, m->dn) != 0) {
			return MAPIADMIN_FAILED;
		}
	}
	return 0;
}

static int move_server(struct admin_ctx *a, const struct mpx_server *s)
{
	struct ldb_dn *dn = admin_child_dn(a, a->servers_dn, s->name);
	bool self = strcasecmp(s->name, lpcfg_netbios_name(a->lp)) == 0;

	if (dn == NULL) {
		return admin_fail("out of memory");
	}
	if (admin_add_container(a, dn, "container", s->name,
				admin_server_legacy_dn(a, s->name)) != 0 ||
	    move_markers(a, s->dn, dn) != 0 ||
	    admin_delete_object(a, admin_child_dn(a, s->dn,
						  MPX_HOME_MAILBOXES)) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (self) {
		return 0;	/* deleted with the old tree, said by it */
	}
	if (admin_delete_object(a, s->dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("server %s is now %s\n", s->name,
	       admin_server_legacy_dn(a, s->name));
	return 0;
}

int admin_home_move_servers(struct admin_ctx *a, struct ldb_dn *old_servers)
{
	struct mpx_server *list;
	unsigned int count, i;

	if (mpx_home_servers(a->mem, a->ldb, &list, &count) != LDB_SUCCESS) {
		return admin_fail("cannot read the servers: %s",
				  ldb_errstring(a->ldb));
	}
	for (i = 0; i < count; i++) {
		struct ldb_dn *parent = ldb_dn_get_parent(a->mem, list[i].dn);

		if (parent == NULL ||
		    ldb_dn_compare(parent, old_servers) != 0) {
			continue;
		}
		if (move_server(a, &list[i]) != 0) {
			return MAPIADMIN_FAILED;
		}
	}
	return 0;
}
