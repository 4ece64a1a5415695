/*
 * The home server of a mailbox (see mapiproxy_home.h for the layout).
 */
#include "mapiproxy_home.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Components of a server object's DN, from the leaf: NULL = any value. */
static const char *const server_path[] = {
	NULL, "Servers", NULL, "Administrative Groups", NULL,
	"Microsoft Exchange", "Services", "Configuration",
};
#define SERVER_PATH_LEN (sizeof(server_path) / sizeof(server_path[0]))

static bool component_is(struct ldb_dn *dn, unsigned int i,
			 const char *value)
{
	const char *name = ldb_dn_get_component_name(dn, i);
	const struct ldb_val *v = ldb_dn_get_component_val(dn, i);

	if (name == NULL || v == NULL || strcasecmp(name, "CN") != 0) {
		return false;
	}
	return value == NULL ||
	       (v->length == strlen(value) &&
		strncasecmp((const char *)v->data, value, v->length) == 0);
}

/* @a dn, from component @a first on, is a server object's place. */
static bool server_path_at(struct ldb_dn *dn, unsigned int first)
{
	unsigned int i;

	if (dn == NULL ||
	    ldb_dn_get_comp_num(dn) < (int)(first + SERVER_PATH_LEN)) {
		return false;
	}
	for (i = 0; i < SERVER_PATH_LEN; i++) {
		if (!component_is(dn, first + i, server_path[i])) {
			return false;
		}
	}
	return true;
}

bool mpx_home_is_server_dn(struct ldb_dn *dn)
{
	return server_path_at(dn, 0);
}

struct ldb_dn *mpx_home_marker_server(TALLOC_CTX *mem_ctx,
				      struct ldb_dn *marker)
{
	struct ldb_dn *server;

	if (!component_is(marker, 0, NULL) ||
	    !component_is(marker, 1, MPX_HOME_MAILBOXES) ||
	    !server_path_at(marker, 2)) {
		return NULL;
	}
	server = ldb_dn_copy(mem_ctx, marker);
	if (server == NULL || !ldb_dn_remove_child_components(server, 2)) {
		talloc_free(server);
		return NULL;
	}
	return server;
}

char *mpx_home_default_fqdn(TALLOC_CTX *mem_ctx, const char *name,
			    const char *dns_domain)
{
	char *fqdn = talloc_asprintf(mem_ctx, "%s.%s", name, dns_domain);
	char *p;

	for (p = fqdn; p != NULL && *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
	}
	return fqdn;
}

static bool server_from_msg(TALLOC_CTX *mem_ctx, struct ldb_message *msg,
			    struct mpx_server *s)
{
	const struct ldb_val *cn = ldb_dn_get_rdn_val(msg->dn);

	s->dn = talloc_steal(mem_ctx, msg->dn);
	s->name = cn ? talloc_strndup(mem_ctx, (const char *)cn->data,
				      cn->length) : NULL;
	s->legacy_dn = talloc_strdup(mem_ctx, ldb_msg_find_attr_as_string(
					     msg, "legacyExchangeDN", ""));
	return s->name != NULL && s->legacy_dn != NULL;
}

int mpx_home_servers(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
		     struct mpx_server **servers, unsigned int *count)
{
	static const char *const attrs[] = { "legacyExchangeDN", NULL };
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct ldb_dn *base;
	struct ldb_result *res;
	unsigned int i, n = 0;
	int ret;

	*servers = NULL;
	*count = 0;
	base = tmp ? ldb_dn_copy(tmp, ldb_get_config_basedn(ldb)) : NULL;
	if (base == NULL ||
	    !ldb_dn_add_child_fmt(base,
				  "CN=Microsoft Exchange,CN=Services")) {
		talloc_free(tmp);
		return LDB_ERR_OPERATIONS_ERROR;
	}
	ret = ldb_search(ldb, tmp, &res, base, LDB_SCOPE_SUBTREE,
			 (const char **)attrs,
			 "(&(objectClass=mailRecipient)(legacyExchangeDN=*))");
	if (ret == LDB_ERR_NO_SUCH_OBJECT) {
		talloc_free(tmp);
		return LDB_SUCCESS;
	}
	if (ret != LDB_SUCCESS) {
		talloc_free(tmp);
		return ret;
	}
	*servers = talloc_zero_array(mem_ctx, struct mpx_server,
				     res->count + 1);
	for (i = 0; *servers != NULL && i < res->count; i++) {
		if (mpx_home_is_server_dn(res->msgs[i]->dn) &&
		    server_from_msg(*servers, res->msgs[i], &(*servers)[n])) {
			n++;
		}
	}
	talloc_free(tmp);
	if (*servers == NULL) {
		return LDB_ERR_OPERATIONS_ERROR;
	}
	*count = n;
	return LDB_SUCCESS;
}

const struct mpx_server *mpx_home_server_by_dn(
	const struct mpx_server *list, unsigned int count, struct ldb_dn *dn)
{
	unsigned int i;

	for (i = 0; dn != NULL && i < count; i++) {
		if (ldb_dn_compare(list[i].dn, dn) == 0) {
			return &list[i];
		}
	}
	return NULL;
}

const struct mpx_server *mpx_home_server_by_name(
	const struct mpx_server *list, unsigned int count, const char *name)
{
	unsigned int i;

	for (i = 0; name != NULL && i < count; i++) {
		if (strcasecmp(list[i].name, name) == 0) {
			return &list[i];
		}
	}
	return NULL;
}

const struct mpx_server *mpx_home_of_user(struct ldb_context *ldb,
					  const struct ldb_message *user,
					  const struct mpx_server *list,
					  unsigned int count)
{
	struct ldb_message_element *bl = ldb_msg_find_element(
		user, MPX_HOME_BACKLINK);
	TALLOC_CTX *tmp;
	const struct mpx_server *home = NULL;
	unsigned int i;

	if (bl == NULL || count == 0) {
		return NULL;
	}
	tmp = talloc_new(NULL);
	for (i = 0; tmp != NULL && home == NULL && i < bl->num_values; i++) {
		struct ldb_dn *marker = ldb_dn_from_ldb_val(tmp, ldb,
							    &bl->values[i]);

		home = mpx_home_server_by_dn(
			list, count, mpx_home_marker_server(tmp, marker));
	}
	talloc_free(tmp);
	return home;
}

int mpx_home_lookup(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
		    const struct ldb_message *user, struct mpx_server **home)
{
	struct mpx_server *list;
	const struct mpx_server *found;
	unsigned int count;
	int ret;

	*home = NULL;
	if (ldb_msg_find_element(user, MPX_HOME_BACKLINK) == NULL) {
		return LDB_SUCCESS;	/* nothing refers to the user */
	}
	ret = mpx_home_servers(mem_ctx, ldb, &list, &count);
	if (ret != LDB_SUCCESS) {
		return ret;
	}
	found = mpx_home_of_user(ldb, user, list, count);
	if (found != NULL) {
		*home = talloc(mem_ctx, struct mpx_server);
		if (*home == NULL) {
			talloc_free(list);
			return LDB_ERR_OPERATIONS_ERROR;
		}
		**home = *found;
		talloc_steal(*home, found->dn);
		talloc_steal(*home, found->name);
		talloc_steal(*home, found->legacy_dn);
	}
	talloc_free(list);
	return LDB_SUCCESS;
}

char *mpx_home_server_fqdn(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
			   const char *name, const char *dns_domain)
{
	static const char *const attrs[] = { "dNSHostName", NULL };
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	char *escaped = tmp ? ldb_binary_encode_string(tmp, name) : NULL;
	struct ldb_result *res = NULL;
	const char *dns = NULL;
	char *fqdn;

	if (escaped != NULL &&
	    ldb_search(ldb, tmp, &res, ldb_get_default_basedn(ldb),
		       LDB_SCOPE_SUBTREE, (const char **)attrs,
		       "(&(objectClass=computer)(sAMAccountName=%s$))",
		       escaped) == LDB_SUCCESS && res->count == 1) {
		dns = ldb_msg_find_attr_as_string(res->msgs[0],
						  "dNSHostName", NULL);
	}
	fqdn = dns != NULL ? talloc_strdup(mem_ctx, dns)
			   : mpx_home_default_fqdn(mem_ctx, name, dns_domain);
	talloc_free(tmp);
	return fqdn;
}
