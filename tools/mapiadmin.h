/*
 * mapiadmin: shared declarations of the tool's parts.
 *
 *   mapiadmin.c            options, command dispatch
 *   mapiadmin_org.c        the organisation in the Configuration partition
 *   mapiadmin_recipient.c  finding recipients, addresses, mail attributes
 *   mapiadmin_user.c       mailbox users (create, enable, disable, list)
 *   mapiadmin_group.c      mail-enabled groups (distribution lists)
 *   mapiadmin_contact.c    mail-enabled contacts
 *   mapiadmin_store.c      message store maintenance (purge-deleted)
 *   mapiadmin_servers.c    the servers of the organisation
 *   mapiadmin_home.c       the home server of each mailbox
 *   mapiadmin_home_move.c  both carried into a renamed organisation
 */
#ifndef MAPIADMIN_H
#define MAPIADMIN_H

#include <stdbool.h>
#include <talloc.h>
#include <ldb.h>
#include <param.h>

#define DEFAULT_ORGANIZATION "First Organization"
#define DEFAULT_ADMIN_GROUP "First Administrative Group"

/* Exit codes: 0 done (or nothing to do), 1 refused or failed, 2 usage. */
#define MAPIADMIN_OK 0
#define MAPIADMIN_FAILED 1
#define MAPIADMIN_USAGE 2

struct admin_options {
	const char *mail;
	const char **aliases;		/* --alias, NULL-terminated */
	const char *password;
	const char *given_name;
	const char *surname;
	const char *display_name;
	const char *owner;
	const char *organization;	/* --organization */
	const char *admin_group;	/* --admin-group */
	const char *server;		/* --server: home server (enable) */
	bool clear;			/* --clear: drop a home record */
	bool force;
	bool all;
	int days;			/* --days (-1: not given) */
};

/* purge-deleted without --days: what a client's soft delete keeps */
#define PURGE_DEFAULT_DAYS 14

struct admin_ctx {
	TALLOC_CTX *mem;
	struct loadparm_context *lp;
	struct ldb_context *ldb;
	const struct admin_options *opt;
	const char *organization;
	const char *admin_group;
	/* where the names come from: "directory", "command line",
	 * "smb.conf" or "default" */
	const char *org_source;
	/* /o=ORG/ou=AG/cn=Recipients/cn= */
	const char *recipients_prefix;
	/* CN=Servers of the provisioned organisation, NULL before */
	struct ldb_dn *servers_dn;
};

enum recipient_kind {
	RECIPIENT_USER,
	RECIPIENT_GROUP,
	RECIPIENT_CONTACT,
};

/* mapiadmin.c */
int admin_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* mapiadmin_org.c */
int admin_load_organization(struct admin_ctx *a);
int admin_check_names(struct admin_ctx *a);
int cmd_provision(struct admin_ctx *a);
int cmd_show_org(struct admin_ctx *a);
int admin_add_container(struct admin_ctx *a, struct ldb_dn *dn,
			const char *object_class, const char *name,
			const char *legacy_dn);
int admin_delete_object(struct admin_ctx *a, struct ldb_dn *dn);
bool admin_object_exists(struct admin_ctx *a, struct ldb_dn *dn);
char *admin_server_legacy_dn(struct admin_ctx *a, const char *name);

/* mapiadmin_recipient.c */
extern const char *const recipient_attrs[];
const char *recipient_kind_name(enum recipient_kind kind);
enum recipient_kind recipient_kind_of(const struct ldb_message *msg);
bool recipient_is_computer(const struct ldb_message *msg);
const char *recipient_name(const struct ldb_message *msg);
bool is_mail_enabled(struct admin_ctx *a, const struct ldb_message *msg);
struct ldb_message *find_recipient(struct admin_ctx *a, const char *name);
struct ldb_message *find_account(struct admin_ctx *a, const char *account,
				 const char *class);
bool address_is_valid(const char *address);
int check_address_free(struct admin_ctx *a, const char *address,
		       struct ldb_dn *self);
char *default_mail(struct admin_ctx *a, const char *local_part);
char *recipient_legacy_dn(struct admin_ctx *a, const char *alias);
int recipient_mail_enable(struct admin_ctx *a, struct ldb_message *msg,
			  const char *alias, const char *mail,
			  const char **aliases);
int recipient_mail_disable(struct admin_ctx *a, struct ldb_message *msg);
int recipient_add_address(struct admin_ctx *a, struct ldb_message *msg,
			  const char *address);
int recipient_remove_address(struct admin_ctx *a, struct ldb_message *msg,
			     const char *address);
int recipients_relocate(struct admin_ctx *a, const char *old_prefix);
struct ldb_dn *users_container_dn(struct admin_ctx *a);
struct ldb_dn *admin_child_dn(struct admin_ctx *a, struct ldb_dn *parent,
			      const char *cn);

/* mapiadmin_user.c */
int cmd_create(struct admin_ctx *a, const char *account);
int cmd_enable(struct admin_ctx *a, const char *account);
int cmd_disable(struct admin_ctx *a, const char *account);
int cmd_list(struct admin_ctx *a);
int cmd_add_address(struct admin_ctx *a, const char *name,
		    const char *address);
int cmd_remove_address(struct admin_ctx *a, const char *name,
		       const char *address);

/* mapiadmin_group.c */
int cmd_group_enable(struct admin_ctx *a, const char *group);
int cmd_group_disable(struct admin_ctx *a, const char *group);
int cmd_group_create(struct admin_ctx *a, const char *group);
int cmd_group_add(struct admin_ctx *a, const char *group,
		  const char **members);
int cmd_group_remove(struct admin_ctx *a, const char *group,
		     const char **members);
int cmd_group_members(struct admin_ctx *a, const char *group);

/* mapiadmin_contact.c */
int cmd_contact_create(struct admin_ctx *a, const char *name);
int cmd_contact_delete(struct admin_ctx *a, const char *name);

/* mapiadmin_store.c */
int cmd_purge_deleted(struct admin_ctx *a, const char **mailboxes);

/* mapiadmin_servers.c */
struct mpx_server;
int admin_require_provisioned(struct admin_ctx *a);
const struct mpx_server *admin_find_server(struct admin_ctx *a,
					   const char *name);
int cmd_server_add(struct admin_ctx *a, const char *name);
int cmd_server_remove(struct admin_ctx *a, const char *name);
int cmd_server_list(struct admin_ctx *a);

/* mapiadmin_home.c */
int cmd_home(struct admin_ctx *a, const char *account, const char *server);
int admin_home_set(struct admin_ctx *a, const struct ldb_message *user,
		   const char *account, const char *server);
int admin_home_clear(struct admin_ctx *a, const struct ldb_message *user,
		     const char *account, bool quiet);
int admin_home_markers(struct admin_ctx *a, struct ldb_dn *server,
		       struct ldb_result **res);
int admin_home_add_marker(struct admin_ctx *a, struct ldb_dn *server,
			  const char *user_dn, const char *account);

/* mapiadmin_home_move.c */
int admin_home_move_servers(struct admin_ctx *a, struct ldb_dn *old_servers);

#endif
