/*
 * mapimail gal, resolve: the address book of the server (NSPI,
 * MS-OXNSPI) through libmapi/nspi.h, over the session's server and
 * credentials.
 *
 *   gal            every entry of the Global Address List: name, SMTP
 *                  address, kind (user, list, contact)
 *   resolve NAME   ambiguous name resolution (NspiResolveNamesW): the
 *                  entry a name stands for; several candidates or none
 *                  are errors
 */
#include <stdio.h>

#include "mapimail.h"
#include "libmapi/nspi.h"

/* PidTagDisplayType values (MS-OXOABK 2.2.3.11) */
#define DT_MAILUSER		0x00
#define DT_DISTLIST		0x01
#define DT_REMOTE_MAILUSER	0x06

/* How many candidates an ambiguous name lists at most. */
#define MAX_CANDIDATES		10

static const uint32_t entry_tags[] = {
	TAG_DISPLAY_NAME, TAG_SMTP_ADDRESS, TAG_ACCOUNT, TAG_DISPLAY_TYPE,
	TAG_EMAIL_ADDRESS,
};

int mail_nspi(struct mail_ctx *m, struct mapi_nspi **nspi)
{
	const struct mapi_profile *p = m->session->profile;
	enum MAPISTATUS rv;

	if (m->nspi == NULL) {
		rv = mapi_nspi_connect(m->mem, m->session->rpc,
				       &m->session->params,
				       p && p->code_page ? p->code_page : 1252,
				       p && p->locale ? p->locale : 0x409,
				       &m->nspi);
		if (rv != MAPI_E_SUCCESS) {
			return mail_fail("cannot open the address book of %s: "
					 "%s (%s)", m->session->params.server,
					 mapi_strerror(rv),
					 mapi_status_string(rv));
		}
	}
	*nspi = m->nspi;
	return MAPIMAIL_OK;
}

static const char *kind_of(const struct PropertyRow_r *row)
{
	const struct PropertyValue_r *v = mapi_nspi_row_find(row,
							     TAG_DISPLAY_TYPE);

	if (v == NULL) {
		return "";
	}
	switch (v->Value.l) {
	case DT_MAILUSER:
		return "user";
	case DT_DISTLIST:
		return "list";
	case DT_REMOTE_MAILUSER:
		return "contact";
	default:
		return "other";
	}
}

static const char *text(const char *s)
{
	return s != NULL ? s : "";
}

static void print_entry(const struct PropertyRow_r *row)
{
	mail_print_column(text(mapi_nspi_row_string(row, TAG_DISPLAY_NAME >>
							16)), 28);
	printf("  ");
	mail_print_column(text(mapi_nspi_row_string(row, TAG_SMTP_ADDRESS >>
							16)), 32);
	printf("  %-7s  %s\n", kind_of(row),
	       text(mapi_nspi_row_string(row, TAG_ACCOUNT >> 16)));
}

int cmd_gal(struct mail_ctx *m, const char **args)
{
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi = NULL;
	enum MAPISTATUS rv;
	uint32_t i;
	int rc;

	rc = mail_nspi(m, &nspi);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_nspi_gal_list(nspi, m->mem,
				mapi_nspi_tags(m->mem, ARRAY_SIZE(entry_tags),
					       entry_tags), 0, &rows);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot read the Global Address List: %s (%s)",
				 mapi_strerror(rv), mapi_status_string(rv));
	}
	for (i = 0; i < rows->cRows; i++) {
		print_entry(&rows->aRow[i]);
	}
	return MAPIMAIL_OK;
}

/* The display names of the entries an ambiguous @name matches
 * (NspiGetMatches with PidTagAnr), comma-separated. */
static char *candidates(struct mail_ctx *m, struct mapi_nspi *nspi,
			const char *name)
{
	const uint32_t tag = TAG_DISPLAY_NAME;
	struct PropertyTagArray_r *mids = NULL;
	struct PropertyRowSet_r *rows = NULL;
	struct Restriction_r *r;
	char *s = NULL;
	uint32_t i;

	r = mapi_nspi_restriction_property(
		m->mem, RELOP_EQ,
		mapi_nspi_value_string(m->mem, MAPI_NSPI_TAG_ANR_W, name));
	if (r == NULL ||
	    mapi_nspi_get_matches(nspi, m->mem, NULL, r, NULL,
				  MAX_CANDIDATES, mapi_nspi_tags(m->mem, 1,
								 &tag),
				  &mids, &rows) != MAPI_E_SUCCESS ||
	    rows == NULL) {
		return NULL;
	}
	for (i = 0; i < rows->cRows; i++) {
		s = talloc_asprintf(m->mem, "%s%s%s", s ? s : "",
				    s ? ", " : "",
				    text(mapi_nspi_row_string(&rows->aRow[i],
							      tag >> 16)));
	}
	return s;
}

/* Say why @name did not resolve. */
static int unresolved(struct mail_ctx *m, struct mapi_nspi *nspi,
		      const char *what, const struct mapi_nspi_resolved *r)
{
	char *c;

	if (r->state != MAPI_NSPI_AMBIGUOUS) {
		return mail_fail("unknown %s '%s': no entry of the address "
				 "book has that name", what, r->name);
	}
	c = candidates(m, nspi, r->name);
	return mail_fail("%s '%s' is ambiguous: it matches several entries "
			 "of the address book%s%s", what, r->name,
			 c ? ": " : "", c ? c : "");
}

int mail_ab_resolve(struct mail_ctx *m, const char *what,
		    const char *const *names, uint32_t count,
		    struct mapi_nspi_resolved **out)
{
	struct mapi_nspi *nspi = NULL;
	enum MAPISTATUS rv;
	uint32_t i;
	int rc;

	rc = mail_nspi(m, &nspi);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_nspi_resolve(nspi, m->mem, names, count,
			       mapi_nspi_tags(m->mem, ARRAY_SIZE(entry_tags),
					      entry_tags), out);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot resolve names in the address book: "
				 "%s (%s)", mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	for (i = 0; i < count; i++) {
		if ((*out)[i].state != MAPI_NSPI_RESOLVED ||
		    (*out)[i].row == NULL) {
			rc = unresolved(m, nspi, what, &(*out)[i]);
		}
	}
	return rc;
}

int cmd_resolve(struct mail_ctx *m, const char **args)
{
	struct mapi_nspi_resolved *res = NULL;
	uint32_t i, count = 0;
	int rc;

	while (args[count] != NULL) {
		count++;
	}
	rc = mail_ab_resolve(m, "name", args, count, &res);
	for (i = 0; res != NULL && i < count; i++) {
		if (res[i].state == MAPI_NSPI_RESOLVED && res[i].row != NULL) {
			printf("%s: ", res[i].name);
			print_entry(res[i].row);
		}
	}
	return rc;
}

/* The SMTP address of the entry with the legacyExchangeDN @dn, or
 * NULL. */
const char *mail_ab_smtp_of_dn(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
			       const char *dn)
{
	struct PropertyTagArray_r *mids = NULL;
	const uint32_t tag = TAG_SMTP_ADDRESS;
	struct mapi_nspi *nspi = NULL;
	struct PropertyRow_r *row = NULL;
	struct STAT stat;

	if (mail_nspi(m, &nspi) != MAPIMAIL_OK ||
	    mapi_nspi_dn_to_mid(nspi, mem_ctx, &dn, 1, &mids) !=
		    MAPI_E_SUCCESS ||
	    mids == NULL || mids->cValues != 1 || mids->aulPropTag[0] == 0) {
		return NULL;
	}
	mapi_nspi_stat_init(nspi, &stat);
	stat.CurrentRec = mids->aulPropTag[0];
	if (mapi_nspi_get_props(nspi, mem_ctx, 0, &stat,
				mapi_nspi_tags(mem_ctx, 1, &tag), &row) !=
	    MAPI_E_SUCCESS || row == NULL) {
		return NULL;
	}
	return mapi_nspi_row_string(row, tag >> 16);
}
