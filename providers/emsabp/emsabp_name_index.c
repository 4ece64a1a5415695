/*
 * The name index of an address book snapshot: every name an entry can be
 * resolved by (MS-OXNSPI 3.1.4.7), upper-cased and sorted, so that
 * NspiResolveNames finds exact matches and ambiguous-name prefixes by
 * binary search instead of a scan of the whole directory.
 */
#include "emsabp.h"

#include <ldb.h>
#include <charset.h>
#include <strings.h>

struct emsabp_name_key {
	const char *key;		/* upper case */
	struct emsabp_entry *entry;
	bool exact;			/* an exact-match name */
	bool prefix;			/* an ambiguous-name prefix key */
};

struct emsabp_name_index {
	uint32_t count;
	struct emsabp_name_key *keys;
};

static bool add_key(struct emsabp_name_index *ix, TALLOC_CTX *mem_ctx,
		    struct emsabp_entry *e, const char *name, bool exact,
		    bool prefix)
{
	struct emsabp_name_key *grown;
	char *upper;

	if (name == NULL || name[0] == '\0') {
		return true;
	}
	upper = strupper_talloc(mem_ctx, name);
	grown = talloc_realloc(ix, ix->keys, struct emsabp_name_key,
			       ix->count + 1);
	if (upper == NULL || grown == NULL) {
		return false;
	}
	ix->keys = grown;
	ix->keys[ix->count++] = (struct emsabp_name_key){
		upper, e, exact, prefix };
	return true;
}

static const char *attr(const struct emsabp_entry *e, const char *name)
{
	return ldb_msg_find_attr_as_string(e->msg, name, NULL);
}

static bool add_entry(struct emsabp_name_index *ix, TALLOC_CTX *keys_ctx,
		      struct emsabp_entry *e)
{
	const char *given = attr(e, "givenName"), *sn = attr(e, "sn");
	struct ldb_message_element *proxies =
		ldb_msg_find_element(e->msg, "proxyAddresses");
	bool ok;
	unsigned int i;

	ok = add_key(ix, keys_ctx, e, attr(e, "mail"), true, true) &&
	     add_key(ix, keys_ctx, e, attr(e, "sAMAccountName"), true, true) &&
	     add_key(ix, keys_ctx, e, e->display_name, true, true) &&
	     add_key(ix, keys_ctx, e, e->legacy_dn, true, false) &&
	     add_key(ix, keys_ctx, e, given, false, true) &&
	     add_key(ix, keys_ctx, e, sn, false, true) &&
	     add_key(ix, keys_ctx, e, attr(e, "physicalDeliveryOfficeName"),
		     false, true);
	if (ok && given != NULL && sn != NULL) {
		ok = add_key(ix, keys_ctx, e, talloc_asprintf(keys_ctx,
			     "%s %s", given, sn), false, true) &&
		     add_key(ix, keys_ctx, e, talloc_asprintf(keys_ctx,
			     "%s %s", sn, given), false, true) &&
		     add_key(ix, keys_ctx, e, talloc_asprintf(keys_ctx,
			     "%s, %s", sn, given), false, true);
	}
	for (i = 0; ok && proxies != NULL && i < proxies->num_values; i++) {
		const char *v = (const char *)proxies->values[i].data;

		if (strncasecmp(v, "smtp:", 5) == 0) {
			ok = add_key(ix, keys_ctx, e, v + 5, true, true);
		}
	}
	return ok;
}

static int compare_keys(const void *a, const void *b)
{
	const struct emsabp_name_key *x = a, *y = b;

	return strcmp(x->key, y->key);
}

struct emsabp_name_index *emsabp_name_index_build(TALLOC_CTX *mem_ctx,
						  struct emsabp_book *book)
{
	struct emsabp_name_index *ix = talloc_zero(mem_ctx,
						   struct emsabp_name_index);
	uint32_t i;

	if (ix == NULL) {
		return NULL;
	}
	for (i = 0; i < book->count; i++) {
		if (!add_entry(ix, ix, &book->entries[i])) {
			talloc_free(ix);
			return NULL;
		}
	}
	if (ix->count > 0) {
		qsort(ix->keys, ix->count, sizeof(ix->keys[0]), compare_keys);
	}
	return ix;
}

/* The first key not below @a upper. */
static uint32_t lower_bound(const struct emsabp_name_index *ix,
			    const char *upper)
{
	uint32_t lo = 0, hi = ix->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->keys[mid].key, upper) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/*
 * The entries @a name matches: exactly (@a prefix false) or as a prefix
 * of an ambiguous-name key.  Returns how many distinct entries matched
 * (counting stops at 2); *hit is one of them.
 */
uint32_t emsabp_name_index_find(const struct emsabp_name_index *ix,
				const char *name, bool prefix,
				struct emsabp_entry **hit)
{
	char *upper = strupper_talloc(NULL, name);
	size_t len;
	uint32_t i, n = 0;

	*hit = NULL;
	if (upper == NULL || ix == NULL) {
		talloc_free(upper);
		return 0;
	}
	len = strlen(upper);
	for (i = lower_bound(ix, upper); i < ix->count && n < 2; i++) {
		const struct emsabp_name_key *k = &ix->keys[i];

		if (prefix ? strncmp(k->key, upper, len) != 0
			   : strcmp(k->key, upper) != 0) {
			break;
		}
		if (!(prefix ? k->prefix : k->exact) || k->entry == *hit) {
			continue;
		}
		*hit = k->entry;
		n++;
	}
	talloc_free(upper);
	return n;
}

/*
 * Mark in @a selected (indexed like book->entries) every entry that
 * ambiguous name resolution of @a name matches: a prefix of one of its
 * names, or its whole legacyExchangeDN.  The same answers as
 * emsabp_anr_match() for each entry, found by binary search.
 */
bool emsabp_name_index_select(const struct emsabp_book *book,
			      const char *name, bool *selected)
{
	const struct emsabp_name_index *ix = book->names;
	char *upper;
	size_t len;
	uint32_t i;

	if (strncasecmp(name, "SMTP:", 5) == 0) {
		name += 5;
	}
	if (name[0] == '\0') {
		return true;
	}
	upper = strupper_talloc(NULL, name);
	if (upper == NULL) {
		return false;
	}
	len = strlen(upper);
	for (i = lower_bound(ix, upper); i < ix->count; i++) {
		const struct emsabp_name_key *k = &ix->keys[i];

		if (strncmp(k->key, upper, len) != 0) {
			break;
		}
		if (k->prefix || k->key[len] == '\0') {
			selected[k->entry - book->entries] = true;
		}
	}
	talloc_free(upper);
	return true;
}
