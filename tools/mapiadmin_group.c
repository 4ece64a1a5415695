/*
 * mapiadmin: mail-enabled groups, which the address book serves as
 * distribution lists: members from "member" (those that are mail-enabled
 * themselves), owner from "managedBy".
 *
 * Only universal groups may be mail-enabled, as in Exchange: a universal
 * group's membership is complete in every global catalog, so every
 * server expands the list alike.  group-create makes universal
 * distribution groups (no security flag): receiving a list's mail must
 * not grant its members any access right.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

#include "mapiadmin.h"

#define GROUP_TYPE_BUILTIN_LOCAL 0x00000001
#define GROUP_TYPE_GLOBAL 0x00000002
#define GROUP_TYPE_DOMAIN_LOCAL 0x00000004
#define GROUP_TYPE_UNIVERSAL 0x00000008
#define GROUP_TYPE_SECURITY 0x80000000U

static const char *group_scope_name(uint32_t type)
{
	if (type & GROUP_TYPE_UNIVERSAL) {
		return "universal";
	}
	if (type & GROUP_TYPE_GLOBAL) {
		return "global";
	}
	if (type & (GROUP_TYPE_DOMAIN_LOCAL | GROUP_TYPE_BUILTIN_LOCAL)) {
		return "domain local";
	}
	return "unknown scope";
}

/* The group @a name, or NULL after saying why not. */
static struct ldb_message *find_group(struct admin_ctx *a, const char *name)
{
	struct ldb_message *msg = find_account(a, name, "*");

	if (msg == NULL) {
		admin_fail("group '%s' does not exist", name);
		return NULL;
	}
	if (recipient_kind_of(msg) != RECIPIENT_GROUP) {
		admin_fail("'%s' is a %s, not a group", name,
			   recipient_kind_name(recipient_kind_of(msg)));
		return NULL;
	}
	return msg;
}

static struct ldb_message *find_mail_group(struct admin_ctx *a,
					   const char *name)
{
	struct ldb_message *msg = find_group(a, name);

	if (msg != NULL && !is_mail_enabled(a, msg)) {
		admin_fail("group '%s' is not mail-enabled (group-enable it "
			   "first)", name);
		return NULL;
	}
	return msg;
}

static int check_universal(const struct ldb_message *group)
{
	uint32_t type = (uint32_t)ldb_msg_find_attr_as_int(group, "groupType",
							   0);

	if (!(type & GROUP_TYPE_UNIVERSAL)) {
		return admin_fail("'%s' is a %s %s group: not allowed, only "
				  "universal groups can be mail-enabled",
				  recipient_name(group),
				  group_scope_name(type),
				  (type & GROUP_TYPE_SECURITY) ?
				  "security" : "distribution");
	}
	return 0;
}

/* managedBy = the DN of the user --owner names. */
static int set_owner(struct admin_ctx *a, const struct ldb_message *group,
		     const char *owner)
{
	struct ldb_message *user = find_account(a, owner, "user");
	struct ldb_message *mod = ldb_msg_new(a->mem);
	int ret;

	if (user == NULL) {
		return admin_fail("owner: user '%s' does not exist", owner);
	}
	if (mod == NULL) {
		return admin_fail("out of memory");
	}
	mod->dn = group->dn;
	ret = ldb_msg_add_empty(mod, "managedBy", LDB_FLAG_MOD_REPLACE, NULL);
	ret |= ldb_msg_add_string(mod, "managedBy",
				  ldb_dn_get_linearized(user->dn));
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return admin_fail("cannot set the owner of '%s': %s",
				  recipient_name(group), ldb_errstring(a->ldb));
	}
	return 0;
}

static bool owner_is(struct admin_ctx *a, const struct ldb_message *group,
		     const char *owner)
{
	const char *cur = ldb_msg_find_attr_as_string(group, "managedBy",
						      NULL);
	struct ldb_message *user = find_account(a, owner, "user");

	return cur != NULL && user != NULL &&
	       ldb_dn_compare(ldb_dn_new(a->mem, a->ldb, cur), user->dn) == 0;
}

static int mail_enable_group(struct admin_ctx *a, struct ldb_message *group)
{
	const char *name = recipient_name(group);
	const char *mail = a->opt->mail;

	if (mail == NULL) {
		mail = ldb_msg_find_attr_as_string(group, "mail", NULL);
	}
	if (mail == NULL) {
		mail = default_mail(a, name);
	}
	if (check_universal(group) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (is_mail_enabled(a, group) &&
	    strcasecmp(ldb_msg_find_attr_as_string(group, "mail", ""),
		       mail) == 0 && a->opt->display_name == NULL &&
	    a->opt->aliases == NULL &&
	    (a->opt->owner == NULL || owner_is(a, group, a->opt->owner))) {
		printf("%s is already mail-enabled (%s)\n", name, mail);
		return 0;
	}
	if (recipient_mail_enable(a, group, name, mail, a->opt->aliases) != 0 ||
	    (a->opt->owner != NULL &&
	     set_owner(a, group, a->opt->owner) != 0)) {
		return MAPIADMIN_FAILED;
	}
	printf("%s mail-enabled as %s\n", name, mail);
	return 0;
}

int cmd_group_enable(struct admin_ctx *a, const char *name)
{
	struct ldb_message *group = find_group(a, name);

	return group != NULL ? mail_enable_group(a, group) : MAPIADMIN_FAILED;
}

int cmd_group_disable(struct admin_ctx *a, const char *name)
{
	struct ldb_message *group = find_group(a, name);

	if (group == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (!is_mail_enabled(a, group)) {
		printf("%s is not mail-enabled\n", name);
		return 0;
	}
	if (recipient_mail_disable(a, group) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s mail-disabled\n", name);
	return 0;
}

static int add_group_object(struct admin_ctx *a, const char *name,
			    struct ldb_dn *dn)
{
	struct ldb_message *msg = ldb_msg_new(a->mem);
	int ret;

	if (msg == NULL) {
		return admin_fail("out of memory");
	}
	msg->dn = dn;
	ret = ldb_msg_add_string(msg, "objectClass", "group");
	ret |= ldb_msg_add_string(msg, "sAMAccountName", name);
	ret |= ldb_msg_add_fmt(msg, "groupType", "%d", GROUP_TYPE_UNIVERSAL);
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_add(a->ldb, msg) != LDB_SUCCESS) {
		return admin_fail("cannot create group '%s': %s", name,
				  ldb_errstring(a->ldb));
	}
	return 0;
}

int cmd_group_create(struct admin_ctx *a, const char *name)
{
	struct ldb_message *existing = find_account(a, name, "*");
	const char *mail = a->opt->mail ? a->opt->mail : default_mail(a, name);
	struct ldb_dn *dn = admin_child_dn(a, users_container_dn(a), name);
	struct ldb_message *group;

	if (existing != NULL) {
		return admin_fail("'%s' already exists (a %s)", name,
				  recipient_kind_name(
					  recipient_kind_of(existing)));
	}
	if (!address_is_valid(mail)) {
		return admin_fail("invalid address '%s'", mail);
	}
	if (check_address_free(a, mail, NULL) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (a->opt->owner != NULL && find_account(a, a->opt->owner, "user")
	    == NULL) {
		return admin_fail("owner: user '%s' does not exist",
				  a->opt->owner);
	}
	if (dn == NULL) {
		return admin_fail("out of memory");
	}
	if (add_group_object(a, name, dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	group = find_account(a, name, "group");
	if (group == NULL || mail_enable_group(a, group) != 0) {
		ldb_delete(a->ldb, dn);
		return admin_fail("group '%s' not created", name);
	}
	return 0;
}

static bool is_member(struct admin_ctx *a, const struct ldb_message *group,
		      struct ldb_dn *dn)
{
	struct ldb_message_element *el = ldb_msg_find_element(group, "member");
	struct ldb_context *ldb = a->ldb;
	unsigned int i;

	for (i = 0; el != NULL && i < el->num_values; i++) {
		struct ldb_dn *m = ldb_dn_from_ldb_val(dn, ldb,
						       &el->values[i]);

		if (m != NULL && ldb_dn_compare(m, dn) == 0) {
			return true;
		}
	}
	return false;
}

static int change_member(struct admin_ctx *a, struct ldb_message *group,
			 struct ldb_dn *member, int flags)
{
	struct ldb_message *mod = ldb_msg_new(a->mem);
	int ret;

	if (mod == NULL) {
		return admin_fail("out of memory");
	}
	mod->dn = group->dn;
	ret = ldb_msg_add_empty(mod, "member", flags, NULL);
	ret |= ldb_msg_add_string(mod, "member",
				  ldb_dn_get_linearized(member));
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return admin_fail("cannot change the members of '%s': %s",
				  recipient_name(group), ldb_errstring(a->ldb));
	}
	return 0;
}

static int add_one_member(struct admin_ctx *a, struct ldb_message *group,
			  const char *name)
{
	struct ldb_message *m = find_recipient(a, name);

	if (m == NULL) {
		return admin_fail("recipient '%s' does not exist", name);
	}
	if (ldb_dn_compare(m->dn, group->dn) == 0) {
		return admin_fail("'%s' cannot be a member of itself: not "
				  "allowed", name);
	}
	if (!is_mail_enabled(a, m)) {
		return admin_fail("'%s' is not mail-enabled: not allowed in a "
				  "distribution list", name);
	}
	if (is_member(a, group, m->dn)) {
		printf("%s is already a member of %s\n", name,
		       recipient_name(group));
		return 0;
	}
	if (change_member(a, group, m->dn, LDB_FLAG_MOD_ADD) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s added to %s\n", name, recipient_name(group));
	return 0;
}

int cmd_group_add(struct admin_ctx *a, const char *name, const char **members)
{
	struct ldb_message *group = find_mail_group(a, name);
	int rc = 0;

	if (group == NULL) {
		return MAPIADMIN_FAILED;
	}
	for (; *members != NULL; members++) {
		rc |= add_one_member(a, group, *members);
	}
	return rc ? MAPIADMIN_FAILED : 0;
}

static int remove_one_member(struct admin_ctx *a, struct ldb_message *group,
			     const char *name)
{
	struct ldb_message *m = find_recipient(a, name);

	if (m == NULL) {
		return admin_fail("recipient '%s' does not exist", name);
	}
	if (!is_member(a, group, m->dn)) {
		printf("%s is not a member of %s\n", name,
		       recipient_name(group));
		return 0;
	}
	if (change_member(a, group, m->dn, LDB_FLAG_MOD_DELETE) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s removed from %s\n", name, recipient_name(group));
	return 0;
}

int cmd_group_remove(struct admin_ctx *a, const char *name,
		     const char **members)
{
	struct ldb_message *group = find_group(a, name);
	int rc = 0;

	if (group == NULL) {
		return MAPIADMIN_FAILED;
	}
	for (; *members != NULL; members++) {
		rc |= remove_one_member(a, group, *members);
	}
	return rc ? MAPIADMIN_FAILED : 0;
}

/* One line: ROLE, type, name, mail, display name. */
static int print_linked(struct admin_ctx *a, const char *role,
			struct ldb_dn *dn)
{
	struct ldb_result *res;

	if (ldb_search(a->ldb, a->mem, &res, dn, LDB_SCOPE_BASE,
		       (const char **)recipient_attrs, NULL) != LDB_SUCCESS ||
	    res->count != 1) {
		return admin_fail("cannot read %s", ldb_dn_get_linearized(dn));
	}
	printf("%s\t%s\t%s\t%s\t%s\n", role,
	       recipient_kind_name(recipient_kind_of(res->msgs[0])),
	       recipient_name(res->msgs[0]),
	       ldb_msg_find_attr_as_string(res->msgs[0], "mail", ""),
	       ldb_msg_find_attr_as_string(res->msgs[0], "displayName", ""));
	return 0;
}

int cmd_group_members(struct admin_ctx *a, const char *name)
{
	struct ldb_message *group = find_group(a, name);
	struct ldb_message_element *el;
	const char *owner;
	unsigned int i;
	int rc = 0;

	if (group == NULL) {
		return MAPIADMIN_FAILED;
	}
	owner = ldb_msg_find_attr_as_string(group, "managedBy", NULL);
	if (owner != NULL) {
		rc |= print_linked(a, "owner", ldb_dn_new(a->mem, a->ldb,
							  owner));
	}
	el = ldb_msg_find_element(group, "member");
	for (i = 0; el != NULL && i < el->num_values; i++) {
		rc |= print_linked(a, "member",
				   ldb_dn_from_ldb_val(a->mem, a->ldb,
						       &el->values[i]));
	}
	return rc ? MAPIADMIN_FAILED : 0;
}
