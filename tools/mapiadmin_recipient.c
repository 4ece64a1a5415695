/*
 * mapiadmin: recipients of every kind (users, groups, contacts) and the
 * base-schema attributes that make them mail-enabled:
 *   mail              primary SMTP address
 *   proxyAddresses    "SMTP:" primary, "smtp:" secondary addresses,
 *                     "X500:" former legacyExchangeDNs, other types kept
 *   legacyExchangeDN  /o=ORG/ou=ADMINISTRATIVE GROUP/cn=Recipients/cn=ALIAS
 *   displayName       the name the address book shows
 * A recipient is mail-enabled when its legacyExchangeDN lies under the
 * organisation's recipients container.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <stdint.h>

#include "mapiadmin.h"

const char *const recipient_attrs[] = {
	"objectClass", "sAMAccountName", "cn", "displayName", "mail",
	"proxyAddresses", "legacyExchangeDN", "groupType", "member",
	"managedBy", "objectSid", "isCriticalSystemObject", NULL
};

const char *recipient_kind_name(enum recipient_kind kind)
{
	switch (kind) {
	case RECIPIENT_USER:
		return "user";
	case RECIPIENT_GROUP:
		return "group";
	case RECIPIENT_CONTACT:
		return "contact";
	}
	return "other";
}

static bool has_class(const struct ldb_message *msg, const char *class)
{
	struct ldb_message_element *oc = ldb_msg_find_element(msg,
							       "objectClass");
	unsigned int i;

	for (i = 0; oc != NULL && i < oc->num_values; i++) {
		if (strcasecmp((const char *)oc->values[i].data, class) == 0) {
			return true;
		}
	}
	return false;
}

/* Computers count as users here; callers refuse them explicitly. */
enum recipient_kind recipient_kind_of(const struct ldb_message *msg)
{
	if (has_class(msg, "group")) {
		return RECIPIENT_GROUP;
	}
	if (has_class(msg, "contact")) {
		return RECIPIENT_CONTACT;
	}
	return RECIPIENT_USER;
}

bool recipient_is_computer(const struct ldb_message *msg)
{
	return has_class(msg, "computer");
}

const char *recipient_name(const struct ldb_message *msg)
{
	const char *name = ldb_msg_find_attr_as_string(msg, "sAMAccountName",
						       NULL);

	return name != NULL ? name : ldb_msg_find_attr_as_string(msg, "cn",
								 "");
}

bool is_mail_enabled(struct admin_ctx *a, const struct ldb_message *msg)
{
	const char *dn = ldb_msg_find_attr_as_string(msg, "legacyExchangeDN",
						     NULL);
	const char *prefix = a->recipients_prefix;

	return dn != NULL && strncasecmp(dn, prefix, strlen(prefix)) == 0;
}

static struct ldb_message *search_one(struct admin_ctx *a,
				      const char *filter)
{
	struct ldb_result *res;
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, (const char **)recipient_attrs,
			 "%s", filter);
	if (ret != LDB_SUCCESS || res->count != 1) {
		return NULL;
	}
	return res->msgs[0];
}

/* An account (user, computer or group) by sAMAccountName. */
struct ldb_message *find_account(struct admin_ctx *a, const char *account,
				 const char *class)
{
	char *escaped = ldb_binary_encode_string(a->mem, account);
	char *filter = talloc_asprintf(a->mem,
				       "(&(objectClass=%s)(sAMAccountName=%s))",
				       class, escaped);

	return filter != NULL ? search_one(a, filter) : NULL;
}

/* Any recipient: an account by sAMAccountName, else a contact by cn. */
struct ldb_message *find_recipient(struct admin_ctx *a, const char *name)
{
	struct ldb_message *msg = find_account(a, name, "*");
	char *escaped, *filter;

	if (msg != NULL) {
		return msg;
	}
	escaped = ldb_binary_encode_string(a->mem, name);
	filter = talloc_asprintf(a->mem, "(&(objectClass=contact)(cn=%s))",
				 escaped);
	return filter != NULL ? search_one(a, filter) : NULL;
}

static bool domain_is_valid(const char *d)
{
	const char *label = d;

	if (*d == '\0' || strchr(d, '.') == NULL) {
		return false;
	}
	for (; ; d++) {
		if (*d == '.' || *d == '\0') {
			if (d == label || *label == '-' || d[-1] == '-') {
				return false;
			}
			if (*d == '\0') {
				return true;
			}
			label = d + 1;
		} else if (!isalnum((unsigned char)*d) && *d != '-') {
			return false;
		}
	}
}

/* local@domain, RFC 5321 dot-atom local part, DNS domain. */
bool address_is_valid(const char *address)
{
	const char *at = strchr(address, '@');
	const char *p;

	if (at == NULL || at == address || strchr(at + 1, '@') != NULL ||
	    at - address > 64 || strlen(address) > 254 ||
	    address[0] == '.' || at[-1] == '.') {
		return false;
	}
	for (p = address; p < at; p++) {
		if (!isalnum((unsigned char)*p) &&
		    strchr("!#$%&'*+-/=?^_`{|}~.", *p) == NULL) {
			return false;
		}
		if (p[0] == '.' && p[1] == '.') {
			return false;
		}
	}
	return domain_is_valid(at + 1);
}

/* The address must belong to no other object (mail or proxyAddresses). */
int check_address_free(struct admin_ctx *a, const char *address,
		       struct ldb_dn *self)
{
	static const char *attrs[] = { "sAMAccountName", "cn", NULL };
	char *escaped = ldb_binary_encode_string(a->mem, address);
	struct ldb_result *res;
	unsigned int i;
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, attrs,
			 "(|(mail=%s)(proxyAddresses=smtp:%s))", escaped,
			 escaped);
	if (ret != LDB_SUCCESS) {
		return admin_fail("cannot search the directory: %s",
				  ldb_errstring(a->ldb));
	}
	for (i = 0; i < res->count; i++) {
		if (self == NULL ||
		    ldb_dn_compare(res->msgs[i]->dn, self) != 0) {
			return admin_fail("address '%s' is already used by "
					  "another recipient, '%s'", address,
					  recipient_name(res->msgs[i]));
		}
	}
	return 0;
}

char *default_mail(struct admin_ctx *a, const char *local_part)
{
	char *mail = talloc_asprintf(a->mem, "%s@%s", local_part,
				     lpcfg_dnsdomain(a->lp));
	char *p;

	for (p = mail; p != NULL && *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
	}
	return mail;
}

/* The recipient's legacyExchangeDN; the alias keeps letters, digits and
 * "-._" (a contact named "Dave External" is cn=DaveExternal). */
char *recipient_legacy_dn(struct admin_ctx *a, const char *alias)
{
	char *clean = talloc_strdup(a->mem, alias);
	char *out = clean;
	const char *p;

	if (clean == NULL) {
		return NULL;
	}
	for (p = alias; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p) || strchr("-._", *p) != NULL) {
			*out++ = *p;
		}
	}
	*out = '\0';
	if (clean[0] == '\0') {
		return NULL;
	}
	return talloc_asprintf(a->mem, "%s%s", a->recipients_prefix, clean);
}

static bool address_listed(const char *const *list, const char *address)
{
	for (; list != NULL && *list != NULL; list++) {
		if (strcasecmp(*list, address) == 0) {
			return true;
		}
	}
	return false;
}

/* The new proxyAddresses: SMTP:primary, the other SMTP addresses and the
 * aliases as smtp:, other types kept, X500:old legacyExchangeDN. */
static int build_proxy_addresses(struct admin_ctx *a,
				 const struct ldb_message *msg,
				 struct ldb_message *mod, const char *mail,
				 const char **aliases, const char *new_legacy)
{
	struct ldb_message_element *old = ldb_msg_find_element(msg,
							"proxyAddresses");
	const char *old_legacy = ldb_msg_find_attr_as_string(msg,
						"legacyExchangeDN", NULL);
	bool have_x500 = false;
	unsigned int i;
	int ret;

	ret = ldb_msg_add_empty(mod, "proxyAddresses", LDB_FLAG_MOD_REPLACE,
				NULL);
	ret |= ldb_msg_add_fmt(mod, "proxyAddresses", "SMTP:%s", mail);
	for (i = 0; old != NULL && i < old->num_values; i++) {
		const char *v = (const char *)old->values[i].data;

		if (strncasecmp(v, "smtp:", 5) != 0) {
			have_x500 |= old_legacy != NULL &&
				     strncasecmp(v, "X500:", 5) == 0 &&
				     strcasecmp(v + 5, old_legacy) == 0;
			ret |= ldb_msg_add_string(mod, "proxyAddresses", v);
		} else if (strcasecmp(v + 5, mail) != 0 &&
			   !address_listed(aliases, v + 5)) {
			ret |= ldb_msg_add_fmt(mod, "proxyAddresses", "smtp:%s",
					       v + 5);
		}
	}
	for (i = 0; aliases != NULL && aliases[i] != NULL; i++) {
		if (strcasecmp(aliases[i], mail) != 0 &&
		    !address_listed(aliases + i + 1, aliases[i])) {
			ret |= ldb_msg_add_fmt(mod, "proxyAddresses",
					       "smtp:%s", aliases[i]);
		}
	}
	if (old_legacy != NULL && !have_x500 &&
	    strcasecmp(old_legacy, new_legacy) != 0) {
		ret |= ldb_msg_add_fmt(mod, "proxyAddresses", "X500:%s",
				       old_legacy);
	}
	return ret;
}

static int replace_string(struct ldb_message *mod, const char *attr,
			  const char *value)
{
	int ret = ldb_msg_add_empty(mod, attr, LDB_FLAG_MOD_REPLACE, NULL);

	return ret | ldb_msg_add_string(mod, attr, value);
}

static int check_addresses(struct admin_ctx *a, const struct ldb_message *msg,
			   const char *mail, const char **aliases)
{
	unsigned int i;

	if (!address_is_valid(mail)) {
		return admin_fail("invalid address '%s'", mail);
	}
	if (check_address_free(a, mail, msg->dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	for (i = 0; aliases != NULL && aliases[i] != NULL; i++) {
		if (!address_is_valid(aliases[i])) {
			return admin_fail("invalid address '%s'", aliases[i]);
		}
		if (check_address_free(a, aliases[i], msg->dn) != 0) {
			return MAPIADMIN_FAILED;
		}
	}
	return 0;
}

static int check_legacy_dn_free(struct admin_ctx *a,
				const struct ldb_message *msg,
				const char *legacy)
{
	static const char *attrs[] = { "sAMAccountName", "cn", NULL };
	char *escaped = ldb_binary_encode_string(a->mem, legacy);
	struct ldb_result *res;
	unsigned int i;

	if (ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
		       LDB_SCOPE_SUBTREE, attrs, "(legacyExchangeDN=%s)",
		       escaped) != LDB_SUCCESS) {
		return admin_fail("cannot search the directory: %s",
				  ldb_errstring(a->ldb));
	}
	for (i = 0; i < res->count; i++) {
		if (ldb_dn_compare(res->msgs[i]->dn, msg->dn) != 0) {
			return admin_fail("legacyExchangeDN '%s' is already "
					  "used by another recipient, '%s'",
					  legacy, recipient_name(res->msgs[i]));
		}
	}
	return 0;
}

/*
 * Mail-enable @a msg (or change its primary address): mail, proxyAddresses,
 * legacyExchangeDN from @a alias, and displayName (--display-name, else
 * kept, else the recipient's name).
 */
int recipient_mail_enable(struct admin_ctx *a, struct ldb_message *msg,
			  const char *alias, const char *mail,
			  const char **aliases)
{
	struct ldb_message *mod = ldb_msg_new(a->mem);
	const char *display = a->opt->display_name;
	char *legacy = recipient_legacy_dn(a, alias);
	int ret;

	if (mod == NULL) {
		return admin_fail("out of memory");
	}
	if (legacy == NULL) {
		return admin_fail("'%s' gives no usable alias for a "
				  "legacyExchangeDN", alias);
	}
	if (check_addresses(a, msg, mail, aliases) != 0 ||
	    check_legacy_dn_free(a, msg, legacy) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (display == NULL &&
	    ldb_msg_find_attr_as_string(msg, "displayName", NULL) == NULL) {
		display = recipient_name(msg);
	}
	mod->dn = msg->dn;
	ret = replace_string(mod, "mail", mail);
	ret |= replace_string(mod, "legacyExchangeDN", legacy);
	if (display != NULL) {
		ret |= replace_string(mod, "displayName", display);
	}
	ret |= build_proxy_addresses(a, msg, mod, mail, aliases, legacy);
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return admin_fail("cannot update '%s': %s", recipient_name(msg),
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* Remove the address book identity: legacyExchangeDN and proxyAddresses.
 * mail and displayName stay (plain AD attributes). */
int recipient_mail_disable(struct admin_ctx *a, struct ldb_message *msg)
{
	struct ldb_message *mod = ldb_msg_new(a->mem);
	int ret = LDB_SUCCESS;

	if (mod == NULL) {
		return admin_fail("out of memory");
	}
	mod->dn = msg->dn;
	ret |= ldb_msg_add_empty(mod, "legacyExchangeDN", LDB_FLAG_MOD_DELETE,
				 NULL);
	if (ldb_msg_find_element(msg, "proxyAddresses") != NULL) {
		ret |= ldb_msg_add_empty(mod, "proxyAddresses",
					 LDB_FLAG_MOD_DELETE, NULL);
	}
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return admin_fail("cannot update '%s': %s", recipient_name(msg),
				  ldb_errstring(a->ldb));
	}
	return 0;
}

/* The proxyAddresses value "TYPE:address" (both compared without case). */
static const char *find_proxy_value(const struct ldb_message *msg,
				    const char *type, const char *address)
{
	struct ldb_message_element *el = ldb_msg_find_element(msg,
							"proxyAddresses");
	size_t n = strlen(type);
	unsigned int i;

	for (i = 0; el != NULL && i < el->num_values; i++) {
		const char *v = (const char *)el->values[i].data;

		if (strncasecmp(v, type, n) == 0 &&
		    strcasecmp(v + n, address) == 0) {
			return v;
		}
	}
	return NULL;
}

static bool has_proxy_address(const struct ldb_message *msg,
			      const char *type, const char *address)
{
	return find_proxy_value(msg, type, address) != NULL;
}

static const char *find_smtp_value(const struct ldb_message *msg,
				   const char *address)
{
	return find_proxy_value(msg, "smtp:", address);
}

static int modify_value(struct admin_ctx *a, struct ldb_message *msg,
			int flags, const char *value)
{
	struct ldb_message *mod = ldb_msg_new(a->mem);
	int ret;

	if (mod == NULL) {
		return admin_fail("out of memory");
	}
	mod->dn = msg->dn;
	ret = ldb_msg_add_empty(mod, "proxyAddresses", flags, NULL);
	ret |= ldb_msg_add_string(mod, "proxyAddresses", value);
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
		return admin_fail("cannot update '%s': %s", recipient_name(msg),
				  ldb_errstring(a->ldb));
	}
	return 0;
}

int recipient_add_address(struct admin_ctx *a, struct ldb_message *msg,
			  const char *address)
{
	char *value;

	if (!address_is_valid(address)) {
		return admin_fail("invalid address '%s'", address);
	}
	if (find_smtp_value(msg, address) != NULL) {
		printf("%s already has address %s\n", recipient_name(msg),
		       address);
		return 0;
	}
	if (check_address_free(a, address, msg->dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	value = talloc_asprintf(a->mem, "smtp:%s", address);
	if (value == NULL) {
		return admin_fail("out of memory");
	}
	if (modify_value(a, msg, LDB_FLAG_MOD_ADD, value) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s: address %s added\n", recipient_name(msg), address);
	return 0;
}

int recipient_remove_address(struct admin_ctx *a, struct ldb_message *msg,
			     const char *address)
{
	const char *value = find_smtp_value(msg, address);
	const char *mail = ldb_msg_find_attr_as_string(msg, "mail", "");

	if (strcasecmp(mail, address) == 0) {
		return admin_fail("'%s' is the primary address of '%s'; make "
				  "another one primary first (enable --mail)",
				  address, recipient_name(msg));
	}
	if (value == NULL) {
		printf("%s has no address %s\n", recipient_name(msg), address);
		return 0;
	}
	if (modify_value(a, msg, LDB_FLAG_MOD_DELETE, value) != 0) {
		return MAPIADMIN_FAILED;
	}
	printf("%s: address %s removed\n", recipient_name(msg), address);
	return 0;
}

/*
 * After the organisation or administrative group changed: every recipient
 * under @a old_prefix moves under a->recipients_prefix, its former
 * legacyExchangeDN kept as an X500: address.  Returns how many, or -1.
 */
int recipients_relocate(struct admin_ctx *a, const char *old_prefix)
{
	char *escaped = ldb_binary_encode_string(a->mem, old_prefix);
	struct ldb_result *res;
	unsigned int i;
	int ret;

	ret = ldb_search(a->ldb, a->mem, &res, ldb_get_default_basedn(a->ldb),
			 LDB_SCOPE_SUBTREE, (const char **)recipient_attrs,
			 "(legacyExchangeDN=%s*)", escaped);
	if (ret != LDB_SUCCESS) {
		admin_fail("cannot search the directory: %s",
			   ldb_errstring(a->ldb));
		return -1;
	}
	for (i = 0; i < res->count; i++) {
		struct ldb_message *m = res->msgs[i];
		const char *old = ldb_msg_find_attr_as_string(m,
						"legacyExchangeDN", "");
		struct ldb_message *mod = ldb_msg_new(a->mem);

		if (mod == NULL) {
			admin_fail("out of memory");
			return -1;
		}
		mod->dn = m->dn;
		ret = replace_string(mod, "legacyExchangeDN",
				     talloc_asprintf(mod, "%s%s",
						     a->recipients_prefix,
						     old + strlen(old_prefix)));
		if (!has_proxy_address(m, "X500:", old)) {
			ret |= ldb_msg_add_empty(mod, "proxyAddresses",
						 LDB_FLAG_MOD_ADD, NULL);
			ret |= ldb_msg_add_fmt(mod, "proxyAddresses",
					       "X500:%s", old);
		}
		if (ret != LDB_SUCCESS ||
		    ldb_modify(a->ldb, mod) != LDB_SUCCESS) {
			admin_fail("cannot re-address '%s': %s",
				   recipient_name(m), ldb_errstring(a->ldb));
			return -1;
		}
	}
	return res->count;
}

/* CN=<cn>,<parent>, the value escaped. */
struct ldb_dn *admin_child_dn(struct admin_ctx *a, struct ldb_dn *parent,
			      const char *cn)
{
	struct ldb_dn *dn = parent ? ldb_dn_copy(a->mem, parent) : NULL;
	struct ldb_val val = { .data = (uint8_t *)cn, .length = strlen(cn) };
	char *escaped = ldb_dn_escape_value(a->mem, val);

	if (dn == NULL || escaped == NULL ||
	    !ldb_dn_add_child_fmt(dn, "CN=%s", escaped)) {
		return NULL;
	}
	return dn;
}

/* Where new users, groups and contacts go: CN=Users of the domain. */
struct ldb_dn *users_container_dn(struct admin_ctx *a)
{
	return ldb_dn_new_fmt(a->mem, a->ldb, "CN=Users,%s",
			      ldb_dn_get_linearized(
				      ldb_get_default_basedn(a->ldb)));
}
