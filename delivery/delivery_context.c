/*
 * Delivery contexts: the store directory, the directory connection, the
 * local SMTP domains and the hooks; opening mailboxes; property list
 * helpers.
 */
/* delivery_private.h (store.h) first: it makes struct ldb_val a DATA_BLOB */
#include "delivery/delivery_private.h"
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <ldb.h>
#include <util/debug.h>

static enum MAPISTATUS add_domain(struct mdeliver *ctx, const char *d)
{
	char **n;
	char *c;

	if (d == NULL || d[0] == '\0') {
		return MAPI_E_SUCCESS;
	}
	n = talloc_realloc(ctx, ctx->domains, char *, ctx->domain_count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ctx->domains = n;
	n[ctx->domain_count] = c = talloc_strdup(n, d);
	if (c == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (; *c != '\0'; c++) {
		*c = (*c >= 'A' && *c <= 'Z') ? *c - 'A' + 'a' : *c;
	}
	ctx->domain_count++;
	return MAPI_E_SUCCESS;
}

/* The AD's DNS domain: the DC= components of its base DN. */
static char *ad_domain(TALLOC_CTX *mem_ctx, struct ldb_context *ldb)
{
	struct ldb_dn *base = ldb_get_default_basedn(ldb);
	char *d = talloc_strdup(mem_ctx, "");
	int i, n = base ? ldb_dn_get_comp_num(base) : 0;

	for (i = 0; d != NULL && i < n; i++) {
		const struct ldb_val *v = ldb_dn_get_component_val(base, i);

		if (strcasecmp(ldb_dn_get_component_name(base, i), "DC") !=
		    0) {
			continue;
		}
		d = talloc_asprintf_append(d, "%s%.*s", d[0] ? "." : "",
					   (int)v->length,
					   (const char *)v->data);
	}
	return d;
}

enum MAPISTATUS mdeliver_new(TALLOC_CTX *mem_ctx,
			     const struct mdeliver_params *params,
			     struct mdeliver **out)
{
	struct mdeliver *ctx = talloc_zero(mem_ctx, struct mdeliver);
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t i;

	if (ctx == NULL || params->store_directory == NULL) {
		talloc_free(ctx);
		return ctx ? MAPI_E_INVALID_PARAMETER :
			     MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ctx->p = *params;
	ctx->p.store_directory = talloc_strdup(ctx, params->store_directory);
	ctx->p.local_domains = NULL;
	ctx->queue_url = talloc_asprintf(ctx, "tdb://%s/delivery-queue.ldb",
					 params->store_directory);
	ctx->lock_path = talloc_asprintf(ctx, "%s/delivery-queue.lock",
					 params->store_directory);
	if (ctx->p.store_directory == NULL || ctx->queue_url == NULL ||
	    ctx->lock_path == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (rv == MAPI_E_SUCCESS && params->directory != NULL) {
		rv = add_domain(ctx, ad_domain(ctx, params->directory));
	}
	for (i = 0; rv == MAPI_E_SUCCESS && params->local_domains != NULL &&
		    params->local_domains[i] != NULL; i++) {
		rv = add_domain(ctx, params->local_domains[i]);
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(ctx);
		return rv;
	}
	*out = ctx;
	return MAPI_E_SUCCESS;
}

/* A mailbox of this server, created at first use as a logon would. */
enum MAPISTATUS mdeliver_open_mailbox(struct mdeliver *ctx,
				      TALLOC_CTX *mem_ctx,
				      const char *mailbox,
				      struct mstore **store)
{
	struct mstore_open_params p = {
		.directory = ctx->p.store_directory,
		.mailbox = mailbox,
		.backend = ctx->p.backend,
		.create = true,
	};

	return mstore_open(mem_ctx, &p, store);
}

void mdeliver_fault(struct mdeliver *ctx, const char *point)
{
	if (ctx->p.fault != NULL) {
		ctx->p.fault(ctx->p.hook_priv, point);
	}
}

/*
 * The one call point of new-mail events: every committed copy and
 * report passes here (the notification code, MS-OXCNOTIF, plugs in
 * through the hook).
 */
void mdeliver_new_mail(struct mdeliver *ctx, const char *mailbox,
		       uint64_t fid, uint64_t mid, const char *cls,
		       uint32_t flags)
{
	DBG_INFO("new mail for %s: message 0x%016llx in 0x%016llx\n",
		 mailbox, (unsigned long long)mid, (unsigned long long)fid);
	if (ctx->p.new_mail != NULL) {
		ctx->p.new_mail(ctx->p.hook_priv, mailbox, fid, mid, cls,
				flags);
	}
}

void mdeliver_announce(struct mdeliver *ctx, const char *mailbox,
		       uint64_t fid, uint64_t mid, const char *message_class,
		       uint32_t message_flags)
{
	mdeliver_new_mail(ctx, mailbox, fid, mid, message_class,
			  message_flags);
}

/* FILETIME now: 100 ns units since 1601-01-01 (MS-DTYP 2.3.3). */
uint64_t mdeliver_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return ((uint64_t)tv.tv_sec + 11644473600ULL) * 10000000ULL +
	       (uint64_t)tv.tv_usec * 10;
}

/* ---------------------------------------------------- value lists */

/* A Boolean property of a message: 1 or 0, -1 when it is absent. */
int mdeliver_msg_bool(struct mstore_message *m, uint32_t tag)
{
	struct mstore_value *v = NULL;
	int b = -1;

	if (mstore_message_get_props(m, m, &tag, 1, &v) == MAPI_E_SUCCESS &&
	    v[0].tag == tag) {
		b = v[0].v.b ? 1 : 0;
	}
	talloc_free(v);
	return b;
}

/*
 * Set properties on a message, leaving out any the store computes
 * itself (MAPI_E_COMPUTED: e.g. the display lists, when the store
 * derives them from the recipients).
 */
enum MAPISTATUS mdeliver_set_props(struct mstore_message *m,
				   const struct mstore_value *v, uint32_t n)
{
	enum MAPISTATUS rv = mstore_message_set_props(m, v, n);
	uint32_t i;

	if (rv != MAPI_E_COMPUTED) {
		return rv;
	}
	for (i = 0, rv = MAPI_E_SUCCESS; rv == MAPI_E_SUCCESS && i < n; i++) {
		rv = mstore_message_set_props(m, &v[i], 1);
		if (rv == MAPI_E_COMPUTED) {
			rv = MAPI_E_SUCCESS;
		}
	}
	return rv;
}

/* Set a value in a list (replacing one of the same tag); deep copy. */
enum MAPISTATUS mdeliver_put(TALLOC_CTX *mem_ctx,
			     struct mstore_value **values, uint32_t *count,
			     const struct mstore_value *v)
{
	struct mstore_value *n;
	uint32_t i;

	for (i = 0; i < *count; i++) {
		if ((*values)[i].tag == v->tag) {
			return mstore_value_copy(mem_ctx, v, &(*values)[i]);
		}
	}
	n = talloc_realloc(mem_ctx, *values, struct mstore_value,
			   *count + 1);
	if (n == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*values = n;
	memset(&n[*count], 0, sizeof(n[0]));
	if (mstore_value_copy(mem_ctx, v, &n[*count]) != MAPI_E_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	(*count)++;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mdeliver_put_string(TALLOC_CTX *mem_ctx,
				    struct mstore_value **values,
				    uint32_t *count, uint32_t tag,
				    const char *s)
{
	struct mstore_value v = { .tag = tag };

	v.v.str = s != NULL ? s : "";
	return mdeliver_put(mem_ctx, values, count, &v);
}

enum MAPISTATUS mdeliver_put_int(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count, uint32_t tag, int64_t i)
{
	struct mstore_value v = { .tag = tag };

	switch (MSTORE_PROP_TYPE(tag)) {
	case PT_BOOLEAN:
		v.v.b = i != 0;
		break;
	case PT_LONG:
		v.v.i32 = (int32_t)i;
		break;
	case PT_SYSTIME:
		v.v.u64 = (uint64_t)i;
		break;
	default:
		v.v.i64 = i;
		break;
	}
	return mdeliver_put(mem_ctx, values, count, &v);
}

enum MAPISTATUS mdeliver_put_bin(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count, uint32_t tag,
				 const uint8_t *data, uint32_t length)
{
	struct mstore_value v = { .tag = tag };

	v.v.bin.data = (uint8_t *)(uintptr_t)data;
	v.v.bin.length = length;
	return mdeliver_put(mem_ctx, values, count, &v);
}
