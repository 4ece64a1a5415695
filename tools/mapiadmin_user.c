/*
 * mapiadmin: mailbox users: create, enable, disable, list, addresses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>

#include "mapiadmin.h"

#include <charset.h>

#define UF_NORMAL_ACCOUNT "512"
#define RID_GUEST 501
#define RID_KRBTGT 502

static uint32_t object_rid(const struct ldb_message *msg)
{
	const struct ldb_val *sid = ldb_msg_find_ldb_val(msg, "objectSid");
	const uint8_t *p;

	if (sid == NULL || sid->length < 12) {
		return 0;
	}
	p = sid->data + sid->length - 4;
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * The user @a account, or NULL after saying why not: it does not exist,
 * is a group or contact, a computer, or an account that may not have a
 * mailbox (Guest, krbtgt).
 */
static struct ldb_message *find_mailbox_user(struct admin_ctx *a,
					     const char *account)
{
	struct ldb_message *msg = find_account(a, account, "*");
	uint32_t rid;

	if (msg == NULL) {
		admin_fail("user '%s' does not exist", account);
		return NULL;
	}
	if (recipient_kind_of(msg) != RECIPIENT_USER) {
		admin_fail("'%s' is a %s, not a user (see the group-* "
			   "commands)", account,
			   recipient_kind_name(recipient_kind_of(msg)));
		return NULL;
	}
	if (recipient_is_computer(msg)) {
		admin_fail("'%s' is a computer account: not allowed to have "
			   "a mailbox", account);
		return NULL;
	}
	rid = object_rid(msg);
	if (rid == RID_GUEST || rid == RID_KRBTGT) {
		admin_fail("'%s' is a built-in service account: not allowed "
			   "to have a mailbox", account);
		return NULL;
	}
	return msg;
}

static bool account_name_is_valid(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && len <= 20 && name[len - 1] != '$' &&
	       name[len - 1] != '.' && name[0] != ' ' &&
	       strpbrk(name, "\"/\\[]:;|=,+*?<>@ ") == NULL;
}

/* unicodePwd: the password in double quotes, UTF-16LE. */
static bool add_password(struct admin_ctx *a, struct ldb_message *msg,
			 const char *password)
{
	char *quoted = talloc_asprintf(a->mem, "\"%s\"", password);
	struct ldb_val val;
	size_t len;

	if (quoted == NULL ||
	    !convert_string_talloc(a->mem, CH_UTF8, CH_UTF16LE, quoted,
				   strlen(quoted), &val.data, &len)) {
		return false;
	}
	val.length = len;
	return ldb_msg_add_value(msg, "unicodePwd", &val, NULL) == LDB_SUCCESS;
}

static const char *full_name(struct admin_ctx *a, const char *account)
{
	const struct admin_options *o = a->opt;

	if (o->display_name != NULL) {
		return o->display_name;
	}
	if (o->given_name != NULL && o->surname != NULL) {
		return talloc_asprintf(a->mem, "%s %s", o->given_name,
				       o->surname);
	}
	if (o->given_name != NULL || o->surname != NULL) {
		return o->given_name ? o->given_name : o->surname;
	}
	return account;
}

static int add_user_object(struct admin_ctx *a, const char *account,
			   struct ldb_dn *dn)
{
	const struct admin_options *o = a->opt;
	struct ldb_message *msg = ldb_msg_new(a->mem);
	int ret;

	if (msg == NULL) {
		return admin_fail("out of memory");
	}
	msg->dn = dn;
	ret = ldb_msg_add_string(msg, "objectClass", "user");
	ret |= ldb_msg_add_string(msg, "sAMAccountName", account);
	ret |= ldb_msg_add_fmt(msg, "userPrincipalName", "%s@%s", account,
			       lpcfg_realm(a->lp));
	ret |= ldb_msg_add_string(msg, "displayName", full_name(a, account));
	if (o->given_name != NULL) {
		ret |= ldb_msg_add_string(msg, "givenName", o->given_name);
	}
	if (o->surname != NULL) {
		ret |= ldb_msg_add_string(msg, "sn", o->surname);
	}
	ret |= ldb_msg_add_string(msg, "userAccountControl", UF_NORMAL_ACCOUNT);
	if (ret != LDB_SUCCESS || !add_password(a, msg, o->password)) {
		return admin_fail("out of memory");
	}
	if (ldb_add(a->ldb, msg) != LDB_SUCCESS) {
		return admin_fail("cannot create user '%s': %s", account,
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* --server: record the mailbox's home there (mapiadmin_home.c). */
static int home_option(struct admin_ctx *a, const struct ldb_message *user,
		       const char *account)
{
	if (a->opt->server == NULL) {
		return 0;
	}
	return admin_home_set(a, user, account, a->opt->server);
}

int cmd_create(struct admin_ctx *a, const char *account)
{
	const char *mail = a->opt->mail;
	struct ldb_message *existing = find_account(a, account, "*");
	struct ldb_dn *dn;
	struct ldb_message *user;

	if (!account_name_is_valid(account)) {
		return admin_fail("invalid account name '%s' (1 to 20 "
				  "characters, none of \"/\\[]:;|=,+*?<>@ and "
				  "no space)", account);
	}
	if (existing != NULL) {
		return admin_fail("'%s' already exists (a %s)", account,
				  recipient_kind_name(
					  recipient_kind_of(existing)));
	}
	if (a->opt->password == NULL) {
		return admin_fail("create needs --password");
	}
	mail = mail != NULL ? mail : default_mail(a, account);
	if (!address_is_valid(mail)) {
		return admin_fail("invalid address '%s'", mail);
	}
	if (check_address_free(a, mail, NULL) != 0) {
		return MAPIADMIN_FAILED;
	}
	dn = ldb_dn_copy(a->mem, users_container_dn(a));
	if (dn == NULL || !ldb_dn_add_child_fmt(dn, "CN=%s", account)) {
		return admin_fail("out of memory");
	}
	if (add_user_object(a, account, dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	user = find_account(a, account, "user");
	if (user == NULL ||
	    recipient_mail_enable(a, user, account, mail, a->opt->aliases)
	    != 0) {
		ldb_delete(a->ldb, dn);
		return admin_fail("user '%s' not created", account);
	}
	printf("%s created and mail-enabled as %s\n", account, mail);
	return home_option(a, user, account);
}

static bool enable_changes_nothing(struct admin_ctx *a,
				   const struct ldb_message *user,
				   const char *mail)
{
	const char *cur = ldb_msg_find_attr_as_string(user, "mail", "");

	return is_mail_enabled(a, user) && strcasecmp(cur, mail) == 0 &&
	       a->opt->aliases == NULL && a->opt->display_name == NULL;
}

int cmd_enable(struct admin_ctx *a, const char *account)
{
	struct ldb_message *user = find_mailbox_user(a, account);
	const char *mail = a->opt->mail;

	if (user == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (mail == NULL) {
		mail = ldb_msg_find_attr_as_string(user, "mail", NULL);
	}
	if (mail == NULL) {
		mail = default_mail(a, account);
	}
	if (enable_changes_nothing(a, user, mail)) {
		printf("%s is already mail-enabled (%s)\n", account, mail);
		return home_option(a, user, account);
	}
	if (recipient_mail_enable(a, user, account, mail, a->opt->aliases)
	    != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s mail-enabled as %s\n", account, mail);
	return home_option(a, user, account);
}

int cmd_disable(struct admin_ctx *a, const char *account)
{
	struct ldb_message *user = find_mailbox_user(a, account);

	if (user == NULL) {
		return MAPIADMIN_FAILED;
	}
	if (!is_mail_enabled(a, user)) {
		printf("%s is not mail-enabled\n", account);
		return 0;
	}
	/* the home record goes first: a disabled user has no mailbox */
	if (admin_home_clear(a, user, account, true) != 0 ||
	    recipient_mail_disable(a, user) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s mail-disabled\n", account);
	return 0;
}

static void print_recipient(struct admin_ctx *a, const struct ldb_message *m)
{
	printf("%s\t%s\t%s\t%s\t%s\n",
	       recipient_kind_name(recipient_kind_of(m)), recipient_name(m),
	       ldb_msg_find_attr_as_string(m, "mail", ""),
	       ldb_msg_find_attr_as_string(m, "displayName", ""),
	       is_mail_enabled(a, m) ?
	       ldb_msg_find_attr_as_string(m, "legacyExchangeDN", "") : "-");
}

/* Users, then groups, then contacts, each by name. */
static int compare_recipients(const void *l, const void *r)
{
	const struct ldb_message *a = *(const struct ldb_message *const *)l;
	const struct ldb_message *b = *(const struct ldb_message *const *)r;
	int ka = recipient_kind_of(a), kb = recipient_kind_of(b);

	if (ka != kb) {
		return ka - kb;
	}
	return strcasecmp(recipient_name(a), recipient_name(b));
}

/* Mail-enabled recipients; with --all every user, group and contact. */
int cmd_list(struct admin_ctx *a)
{
	struct ldb_result *res;
	unsigned int i;
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, (const char **)recipient_attrs,
			 "(|(&(objectClass=user)(!(objectClass=computer)))"
			 "(objectClass=group)(objectClass=contact))");
	if (ret != LDB_SUCCESS) {
		return admin_fail("cannot search the directory: %s",
				  ldb_errstring(a->ldb));
	}
	qsort(res->msgs, res->count, sizeof(res->msgs[0]),
	      compare_recipients);
	for (i = 0; i < res->count; i++) {
		if (a->opt->all || is_mail_enabled(a, res->msgs[i])) {
			print_recipient(a, res->msgs[i]);
		}
	}
	return 0;
}

static struct ldb_message *find_mail_recipient(struct admin_ctx *a,
					       const char *name)
{
	struct ldb_message *msg = find_recipient(a, name);

	if (msg == NULL) {
		admin_fail("recipient '%s' does not exist", name);
		return NULL;
	}
	if (!is_mail_enabled(a, msg)) {
		admin_fail("'%s' is not mail-enabled", name);
		return NULL;
	}
	return msg;
}

int cmd_add_address(struct admin_ctx *a, const char *name,
		    const char *address)
{
	struct ldb_message *msg = find_mail_recipient(a, name);

	if (msg == NULL || recipient_add_address(a, msg, address) != 0) {
		return MAPIADMIN_FAILED;
	}
	return 0;
}

int cmd_remove_address(struct admin_ctx *a, const char *name,
		       const char *address)
{
	struct ldb_message *msg = find_mail_recipient(a, name);

	if (msg == NULL || recipient_remove_address(a, msg, address) != 0) {
		return MAPIADMIN_FAILED;
	}
	return 0;
}
