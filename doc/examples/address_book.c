/*
 * address_book: resolve names in the address book and print who they
 * are.  A libmapi example: an NSPI session (MS-OXNSPI), ambiguous name
 * resolution, and the referral interface (MS-OXABREF) for the user's
 * mailbox server.
 *
 *   address_book -U 'DOMAIN\user%password' -I server NAME...
 *
 * Build: cc address_book.c $(pkg-config --cflags --libs libmapi)
 */
#include <stdio.h>
#include <popt.h>
#include <libmapi/mapi_cmdline.h>
#include <libmapi/nspi.h>

#define PidTagDisplayName	0x3001001F
#define PidTagSmtpAddress	0x39FE001F
#define PidTagEmailAddress	0x3003001F

static enum MAPISTATUS resolve(struct mapi_nspi *nspi, TALLOC_CTX *mem,
			       const char **names, uint32_t count)
{
	const uint32_t cols[] = { PidTagDisplayName, PidTagSmtpAddress,
				  PidTagEmailAddress };
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem, 3, cols);
	struct mapi_nspi_resolved *res;
	enum MAPISTATUS rv;
	uint32_t i;

	rv = mapi_nspi_resolve(nspi, mem, names, count, tags, &res);
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		const char *dn;

		if (res[i].state != MAPI_NSPI_RESOLVED) {
			printf("%s: %s\n", names[i],
			       res[i].state == MAPI_NSPI_AMBIGUOUS ?
			       "ambiguous" : "unresolved");
			continue;
		}
		dn = mapi_nspi_row_string(res[i].row, 0x3003);
		printf("%s: %s <%s> %s\n", names[i],
		       mapi_nspi_row_string(res[i].row, 0x3001),
		       mapi_nspi_row_string(res[i].row, 0x39FE), dn);
	}
	return rv;
}

/* The address book server to use, from the referral interface. */
static enum MAPISTATUS referral(struct mapi_rpc_context *rpc,
				const struct mapi_rpc_params *params,
				TALLOC_CTX *mem)
{
	struct mapi_rfr *rfr;
	const char *server;
	enum MAPISTATUS rv;

	rv = mapi_rfr_connect(mem, rpc, params, NULL, &rfr);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_rfr_get_new_dsa(rfr, mem, "", &server);
	}
	if (rv == MAPI_E_SUCCESS) {
		printf("address book server: %s\n", server);
	}
	return rv;
}

int main(int argc, const char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_cmdline cl = { 0 };
	struct mapi_rpc_params params = { 0 };
	struct mapi_rpc_context *rpc;
	struct mapi_nspi *nspi;
	enum MAPISTATUS rv = MAPI_E_INVALID_PARAMETER;
	const char **names;
	uint32_t count = 0;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext("address_book", argc, argv, options,
					0);

	while (poptGetNextOpt(pc) >= 0) {
	}
	names = poptGetArgs(pc);
	while (names != NULL && names[count] != NULL) {
		count++;
	}
	rpc = mapi_cmdline_setup(mem_ctx, "address_book", &cl, &params);
	if (count > 0 && rpc != NULL &&
	    mapi_cmdline_password(mem_ctx, &params)) {
		rv = referral(rpc, &params, mem_ctx);
	}
	if (rv == MAPI_E_SUCCESS) {
		/* code page 1252, English (US) sort order */
		rv = mapi_nspi_connect(mem_ctx, rpc, &params, 1252, 0x409,
				       &nspi);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = resolve(nspi, mem_ctx, names, count);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "address_book: %s (%s)\n", mapi_strerror(rv),
			mapi_status_string(rv));
	}
	poptFreeContext(pc);
	mapi_cmdline_free(&cl);
	talloc_free(mem_ctx);
	return rv == MAPI_E_SUCCESS ? 0 : 1;
}
