/*
 * Resolving recipients against the directory the address book serves
 * (the mail-enabled users, universal distribution groups and contacts of
 * the Samba AD, those with a legacyExchangeDN under cn=Recipients):
 *
 * - an "EX" address is a legacyExchangeDN; an "SMTP" address (or a row's
 *   PidTagSmtpAddress) matches mail or an smtp: proxyAddresses value;
 * - a user is a mailbox of this server, a contact an external SMTP
 *   address, a group is expanded through member, recursively, each
 *   group once (loops end there) and each mailbox once;
 * - an address the directory does not know is external when its domain
 *   is not one of this server's, and undeliverable otherwise.
 *
 * A recipient reached twice keeps its most visible type (To before Cc
 * before Bcc).
 */
/* delivery_private.h (store.h) first: it makes struct ldb_val a DATA_BLOB */
#include "delivery/delivery_private.h"
#include <string.h>
#include <strings.h>
#include <ldb.h>
#include <util/debug.h>

#define RECIPIENT_FILTER_FMT \
	"(&(|(&(objectClass=user)(!(objectClass=computer)))" \
	"(objectClass=group)(objectClass=contact))" \
	"(legacyExchangeDN=*/cn=Recipients/*)%s)"

/* Group nesting followed at most (a safety net: loops end anyway). */
#define MAX_GROUP_DEPTH 32

static const char *const attrs[] = {
	"objectClass", "sAMAccountName", "cn", "displayName", "mail",
	"legacyExchangeDN", "member", "targetAddress", NULL
};

struct resolve_state {
	struct mdeliver *ctx;
	TALLOC_CTX *mem_ctx;
	struct mdeliver_target *targets;
	uint32_t count;
	char **groups;			/* expanded group DNs */
	uint32_t group_count;
};

enum entry_kind { KIND_USER, KIND_GROUP, KIND_CONTACT };

static enum entry_kind kind_of(const struct ldb_message *msg)
{
	struct ldb_message_element *oc = ldb_msg_find_element(msg,
							       "objectClass");
	unsigned int i;

	for (i = 0; oc != NULL && i < oc->num_values; i++) {
		const char *v = (const char *)oc->values[i].data;

		if (strcasecmp(v, "group") == 0) {
			return KIND_GROUP;
		}
		if (strcasecmp(v, "contact") == 0) {
			return KIND_CONTACT;
		}
	}
	return KIND_USER;
}

/* Search the directory for recipients matching @a clause. */
static enum MAPISTATUS search(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
			      struct ldb_dn *base, enum ldb_scope scope,
			      const char *clause, struct ldb_result **res)
{
	int ret;

	if (ctx->p.directory == NULL) {
		return MAPI_E_NOT_INITIALIZED;
	}
	ret = ldb_search(ctx->p.directory, mem_ctx, res,
			 base ? base : ldb_get_default_basedn(
					   ctx->p.directory),
			 scope, attrs, RECIPIENT_FILTER_FMT, clause);
	if (ret == LDB_ERR_NO_SUCH_OBJECT) {
		*res = talloc_zero(mem_ctx, struct ldb_result);
		return *res ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ret != LDB_SUCCESS) {
		DBG_ERR("directory search failed: %s\n",
			ldb_errstring(ctx->p.directory));
		return MAPI_E_CALL_FAILED;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS by_attr(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
			       const char *fmt, const char *value,
			       struct ldb_result **res)
{
	char *esc = ldb_binary_encode_string(mem_ctx, value);
	char *clause;

	if (esc == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	clause = talloc_asprintf(mem_ctx, fmt, esc, esc);
	if (clause == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return search(ctx, mem_ctx, NULL, LDB_SCOPE_SUBTREE, clause, res);
}

static const char *domain_of(const char *smtp)
{
	const char *at = strrchr(smtp, '@');

	return at != NULL ? at + 1 : "";
}

static bool domain_is_local(struct mdeliver *ctx, const char *smtp)
{
	const char *d = domain_of(smtp);
	uint32_t i;

	for (i = 0; i < ctx->domain_count; i++) {
		if (strcasecmp(d, ctx->domains[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* The most visible of two recipient types (To 1, Cc 2, Bcc 3). */
static void keep_visible(struct mdeliver_target *t, uint32_t type,
			 int32_t row)
{
	if (type < t->recip_type) {
		t->recip_type = type;
		t->row = row;
	}
}

static struct mdeliver_target *find_target(struct resolve_state *s,
					   enum mdeliver_target_kind kind,
					   const char *key)
{
	uint32_t i;

	for (i = 0; i < s->count; i++) {
		const struct mdeliver_target *t = &s->targets[i];
		const char *k = kind == MDELIVER_LOCAL ? t->mailbox :
				kind == MDELIVER_REMOTE ? t->smtp : t->email;

		if (t->kind == kind && k != NULL &&
		    strcasecmp(k, key) == 0) {
			return &s->targets[i];
		}
	}
	return NULL;
}

/* Add a target, or merge it into the one with the same key. */
static enum MAPISTATUS add_target(struct resolve_state *s,
				  const struct mdeliver_target *t)
{
	const char *key = t->kind == MDELIVER_LOCAL ? t->mailbox :
			  t->kind == MDELIVER_REMOTE ? t->smtp : t->email;
	struct mdeliver_target *old = key ? find_target(s, t->kind, key) :
					    NULL;
	struct mdeliver_target *n;

	if (old != NULL) {
		keep_visible(old, t->recip_type, t->row);
		return MAPI_E_SUCCESS;
	}
	n = talloc_realloc(s->mem_ctx, s->targets, struct mdeliver_target,
			   s->count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s->targets = n;
	n[s->count++] = *t;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS add_failed(struct resolve_state *s,
				  const struct mdeliver_address *a,
				  int32_t row, uint32_t diag)
{
	struct mdeliver_target t = {
		.kind = MDELIVER_FAILED, .recip_type = a->recip_type,
		.row = row, .name = a->name, .addrtype = a->addrtype,
		.email = a->email ? a->email : a->smtp, .diag = diag,
	};

	if (t.email == NULL) {
		t.email = a->name ? a->name : "";
	}
	if (t.name == NULL) {
		t.name = t.email;
	}
	return add_target(s, &t);
}

static enum MAPISTATUS add_remote(struct resolve_state *s, const char *name,
				  const char *smtp, uint32_t type,
				  int32_t row)
{
	struct mdeliver_target t = {
		.kind = MDELIVER_REMOTE, .recip_type = type, .row = row,
		.name = name ? name : smtp, .smtp = smtp,
		.addrtype = "SMTP", .email = smtp,
	};

	return add_target(s, &t);
}

static enum MAPISTATUS expand(struct resolve_state *s,
			      const struct ldb_message *msg, uint32_t type,
			      int32_t row, unsigned int depth);

static enum MAPISTATUS add_entry(struct resolve_state *s,
				 const struct ldb_message *msg,
				 uint32_t type, int32_t row,
				 unsigned int depth)
{
	const char *cn = ldb_msg_find_attr_as_string(msg, "cn", "");
	const char *name = ldb_msg_find_attr_as_string(msg, "displayName",
						       cn);
	const char *mail = ldb_msg_find_attr_as_string(msg, "mail", NULL);
	struct mdeliver_target t = { .kind = MDELIVER_LOCAL,
				     .recip_type = type, .row = row };

	switch (kind_of(msg)) {
	case KIND_GROUP:
		return expand(s, msg, type, row, depth + 1);
	case KIND_CONTACT:
		if (mail == NULL) {
			mail = ldb_msg_find_attr_as_string(msg,
							   "targetAddress",
							   NULL);
			if (mail != NULL &&
			    strncasecmp(mail, "smtp:", 5) == 0) {
				mail += 5;
			}
		}
		if (mail == NULL) {
			return MAPI_E_SUCCESS;
		}
		return add_remote(s, talloc_strdup(s->mem_ctx, name),
				  talloc_strdup(s->mem_ctx, mail), type, row);
	case KIND_USER:
		break;
	}
	t.mailbox = talloc_strdup(s->mem_ctx, ldb_msg_find_attr_as_string(
		msg, "sAMAccountName", cn));
	t.name = talloc_strdup(s->mem_ctx, name);
	t.dn = talloc_strdup(s->mem_ctx, ldb_msg_find_attr_as_string(
		msg, "legacyExchangeDN", ""));
	t.smtp = mail ? talloc_strdup(s->mem_ctx, mail) : NULL;
	t.addrtype = "EX";
	t.email = t.dn;
	if (t.mailbox == NULL || t.name == NULL || t.dn == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return add_target(s, &t);
}

static bool group_seen(struct resolve_state *s, const char *dn)
{
	uint32_t i;
	char **n;

	for (i = 0; i < s->group_count; i++) {
		if (strcasecmp(s->groups[i], dn) == 0) {
			return true;
		}
	}
	n = talloc_realloc(s->mem_ctx, s->groups, char *,
			   s->group_count + 1);
	if (n != NULL) {
		s->groups = n;
		n[s->group_count++] = talloc_strdup(n, dn);
	}
	return false;
}

/* A distribution list: every member that is a recipient, each group
 * once (a group reached again, through a loop or twice, adds nothing). */
static enum MAPISTATUS expand(struct resolve_state *s,
			      const struct ldb_message *msg, uint32_t type,
			      int32_t row, unsigned int depth)
{
	struct ldb_message_element *m = ldb_msg_find_element(msg, "member");
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	unsigned int i;

	if (depth > MAX_GROUP_DEPTH ||
	    group_seen(s, ldb_dn_get_linearized(msg->dn))) {
		return MAPI_E_SUCCESS;
	}
	tmp = talloc_new(s->mem_ctx);
	for (i = 0; tmp && rv == MAPI_E_SUCCESS && m && i < m->num_values;
	     i++) {
		struct ldb_dn *dn = ldb_dn_from_ldb_val(
			tmp, s->ctx->p.directory, &m->values[i]);
		struct ldb_result *res = NULL;

		rv = dn ? search(s->ctx, tmp, dn, LDB_SCOPE_BASE, "", &res) :
			  MAPI_E_NOT_ENOUGH_MEMORY;
		if (rv == MAPI_E_SUCCESS && res->count == 1) {
			rv = add_entry(s, res->msgs[0], type, row, depth);
		} else if (rv == MAPI_E_SUCCESS) {
			DBG_INFO("member %s is no recipient, skipped\n",
				 ldb_dn_get_linearized(dn));
		}
	}
	talloc_free(tmp);
	return tmp ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
}

static enum MAPISTATUS resolve_found(struct resolve_state *s,
				     const struct mdeliver_address *a,
				     int32_t row, struct ldb_result *res,
				     const char *smtp)
{
	if (res->count == 1) {
		return add_entry(s, res->msgs[0], a->recip_type, row, 0);
	}
	if (res->count > 1) {
		return add_failed(s, a, row, MD_NDR_DIAG_NAME_AMBIGUOUS);
	}
	if (smtp != NULL && !domain_is_local(s->ctx, smtp)) {
		return add_remote(s, a->name, smtp, a->recip_type, row);
	}
	return add_failed(s, a, row, MD_NDR_DIAG_NAME_UNRECOGNIZED);
}

static enum MAPISTATUS resolve_row(struct resolve_state *s,
				   const struct mstore_row *r, int32_t row)
{
	TALLOC_CTX *tmp = talloc_new(s->mem_ctx);
	struct mdeliver_address a;
	struct ldb_result *res = NULL;
	const char *smtp = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mdeliver_address_of_row(s->mem_ctx, r, &a);
	if (a.addrtype != NULL && a.email != NULL &&
	    strcasecmp(a.addrtype, "EX") == 0) {
		rv = by_attr(s->ctx, tmp, "(legacyExchangeDN=%s)%.0s",
			     a.email, &res);
	} else {
		if (a.addrtype != NULL && strcasecmp(a.addrtype, "SMTP") == 0)
		{
			smtp = a.email;
		}
		if (smtp == NULL && (a.addrtype == NULL ||
				     strcasecmp(a.addrtype, "SMTP") == 0)) {
			smtp = a.smtp;
		}
		if (smtp != NULL && strchr(smtp, '@') != NULL) {
			rv = by_attr(s->ctx, tmp,
				     "(|(mail=%s)(proxyAddresses=smtp:%s))",
				     smtp, &res);
		} else {
			talloc_free(tmp);
			return add_failed(s, &a, row,
					  MD_NDR_DIAG_UNSUPPORTED_ADDRTYPE);
		}
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = resolve_found(s, &a, row, res, smtp);
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mdeliver_resolve(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
				 const struct mstore_row *rows,
				 uint32_t count,
				 struct mdeliver_target **targets,
				 uint32_t *target_count)
{
	struct resolve_state s = { .ctx = ctx, .mem_ctx = mem_ctx };
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = resolve_row(&s, &rows[i], (int32_t)i);
	}
	TALLOC_FREE(s.groups);
	if (rv != MAPI_E_SUCCESS) {
		TALLOC_FREE(s.targets);
		return rv;
	}
	*targets = s.targets;
	*target_count = s.count;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mdeliver_person_lookup(struct mdeliver *ctx,
				       TALLOC_CTX *mem_ctx,
				       const char *account,
				       struct mdeliver_person *p)
{
	struct ldb_result *res = NULL;
	const struct ldb_message *m;
	const char *cn;
	enum MAPISTATUS rv;

	rv = by_attr(ctx, mem_ctx, "(sAMAccountName=%s)%.0s", account,
		     &res);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (res->count != 1 || kind_of(res->msgs[0]) != KIND_USER) {
		DBG_NOTICE("%s is no mailbox user\n", account);
		return MAPI_E_NOT_FOUND;
	}
	m = res->msgs[0];
	cn = ldb_msg_find_attr_as_string(m, "cn", account);
	p->mailbox = talloc_strdup(mem_ctx, account);
	p->name = talloc_strdup(mem_ctx, ldb_msg_find_attr_as_string(
		m, "displayName", cn));
	p->dn = talloc_strdup(mem_ctx, ldb_msg_find_attr_as_string(
		m, "legacyExchangeDN", ""));
	p->smtp = talloc_strdup(mem_ctx, ldb_msg_find_attr_as_string(
		m, "mail", ""));
	if (p->mailbox == NULL || p->name == NULL || p->dn == NULL ||
	    p->smtp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}
