/*
 * mapiab: the Exchange address book from the command line, over NSPI
 * (MS-OXNSPI) and the referral interface (MS-OXABREF).
 *
 *   mapiab gal               the Global Address List
 *   mapiab resolve NAME...   ambiguous name resolution
 *   mapiab show DN|NAME      every property of one entry
 *   mapiab fqdn SERVERDN     FQDN of a mailbox server
 *   mapiab dsa [USERDN]      the address book server to use
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <popt.h>
#include <talloc.h>
#include <util/debug.h>

#include "libmapi/mapi_rpc.h"
#include "libmapi/nspi.h"
#include "libmapi/mapi_cmdline.h"

struct mapiab {
	TALLOC_CTX *mem;
	struct mapi_rpc_context *rpc;
	struct mapi_rpc_params params;
	uint32_t code_page;
	bool unicode;
	uint32_t page_size;
};

/* Property names of the tags the address book commonly returns
 * (MS-OXPROPS), by property ID. */
static const struct {
	uint16_t id;
	const char *name;
} prop_names[] = {
	{ 0x0FFE, "PidTagObjectType" },
	{ 0x0FFF, "PidTagEntryId" },
	{ 0x3001, "PidTagDisplayName" },
	{ 0x3002, "PidTagAddressType" },
	{ 0x3003, "PidTagEmailAddress" },
	{ 0x300B, "PidTagSearchKey" },
	{ 0x3900, "PidTagDisplayType" },
	{ 0x39FE, "PidTagSmtpAddress" },
	{ 0x39FF, "PidTagAddressBookDisplayNamePrintable" },
	{ 0x3A00, "PidTagAccount" },
	{ 0x3A06, "PidTagGivenName" },
	{ 0x3A08, "PidTagBusinessTelephoneNumber" },
	{ 0x3A11, "PidTagSurname" },
	{ 0x3A17, "PidTagTitle" },
	{ 0x3A18, "PidTagDepartmentName" },
	{ 0x3A19, "PidTagOfficeLocation" },
	{ 0x3A16, "PidTagCompanyName" },
	{ 0x3905, "PidTagDisplayTypeEx" },
	{ 0x8006, "PidTagAddressBookHomeMessageDatabase" },
	{ 0x800F, "PidTagAddressBookProxyAddresses" },
	{ 0x8C6A, "PidTagAddressBookX509Certificate" },
	{ 0x8C9E, "PidTagThumbnailPhoto" },
};

static const char *prop_name(uint32_t tag)
{
	size_t i;

	for (i = 0; i < sizeof(prop_names) / sizeof(prop_names[0]); i++) {
		if (prop_names[i].id == (tag >> 16)) {
			return prop_names[i].name;
		}
	}
	return NULL;
}

static uint32_t string_tag(const struct mapiab *ab, uint16_t id)
{
	return ((uint32_t)id << 16) | (ab->unicode ? 0x001F : 0x001E);
}

static int connect_error(const struct mapiab *ab, const char *what,
			 enum MAPISTATUS ret, NTSTATUS status)
{
	const char *server = ab->params.server;

	switch (ret) {
	case MAPI_E_LOGON_FAILED:
		fprintf(stderr, "mapiab: logon failed for %s%s%s: wrong user "
			"name or password\n",
			ab->params.domain ? ab->params.domain : "",
			ab->params.domain ? "\\" : "", ab->params.username);
		break;
	case MAPI_E_NETWORK_ERROR:
		fprintf(stderr, "mapiab: cannot reach the %s service on %s: "
			"%s\n", what, server, nt_errstr(status));
		break;
	default:
		fprintf(stderr, "mapiab: cannot open the %s service on %s: "
			"%s (0x%08x, %s)\n", what, server,
			mapi_status_string(ret), (unsigned int)ret,
			nt_errstr(status));
	}
	return 1;
}

static int call_error(const char *op, enum MAPISTATUS ret)
{
	fprintf(stderr, "mapiab: %s failed: %s (0x%08x)\n", op,
		mapi_status_string(ret), (unsigned int)ret);
	return 1;
}

static int open_nspi(struct mapiab *ab, struct mapi_nspi **nspi)
{
	NTSTATUS status = NT_STATUS_OK;
	enum MAPISTATUS ret;

	ret = mapi_nspi_connect_ex(ab->mem, ab->rpc, &ab->params,
				   ab->code_page, 0x409, &status, nspi);
	if (ret == MAPI_E_UNKNOWN_CPID) {
		fprintf(stderr, "mapiab: the server refuses code page %u\n",
			ab->code_page);
		return 1;
	}
	if (ret != MAPI_E_SUCCESS) {
		return connect_error(ab, "address book (NSPI)", ret, status);
	}
	return 0;
}

static const char *text(const char *s)
{
	return s != NULL ? s : "";
}

static void print_entry(const struct PropertyRow_r *row)
{
	printf("%s\t%s\t%s\n", text(mapi_nspi_row_string(row, 0x3001)),
	       text(mapi_nspi_row_string(row, 0x39FE)),
	       text(mapi_nspi_row_string(row, 0x3A00)));
}

static struct PropertyTagArray_r *entry_tags(struct mapiab *ab)
{
	uint32_t t[3] = { string_tag(ab, 0x3001), string_tag(ab, 0x39FE),
			  string_tag(ab, 0x3A00) };

	return mapi_nspi_tags(ab->mem, 3, t);
}

static int cmd_gal(struct mapiab *ab)
{
	struct PropertyRowSet_r *rows = NULL;
	struct mapi_nspi *nspi;
	enum MAPISTATUS ret;
	uint32_t i;

	if (open_nspi(ab, &nspi) != 0) {
		return 1;
	}
	ret = mapi_nspi_gal_list(nspi, ab->mem, entry_tags(ab), ab->page_size,
				 &rows);
	if (ret != MAPI_E_SUCCESS) {
		return call_error("reading the GAL (NspiQueryRows)", ret);
	}
	for (i = 0; i < rows->cRows; i++) {
		print_entry(&rows->aRow[i]);
	}
	return 0;
}

static int cmd_resolve(struct mapiab *ab, const char **names, uint32_t count)
{
	struct mapi_nspi_resolved *res = NULL;
	struct mapi_nspi *nspi;
	enum MAPISTATUS ret;
	uint32_t i;
	int rc = 0;

	if (open_nspi(ab, &nspi) != 0) {
		return 1;
	}
	ret = mapi_nspi_resolve(nspi, ab->mem, names, count, entry_tags(ab),
				&res);
	if (ret != MAPI_E_SUCCESS) {
		return call_error("name resolution (NspiResolveNamesW)", ret);
	}
	for (i = 0; i < count; i++) {
		switch (res[i].state) {
		case MAPI_NSPI_RESOLVED:
			printf("%s: ", names[i]);
			if (res[i].row != NULL) {
				print_entry(res[i].row);
			} else {
				printf("resolved (MId 0x%x)\n", res[i].mid);
			}
			break;
		case MAPI_NSPI_AMBIGUOUS:
			printf("%s: ambiguous\n", names[i]);
			rc = 1;
			break;
		default:
			printf("%s: unresolved\n", names[i]);
			rc = 1;
		}
	}
	return rc;
}

/* The MId of a DN (starting with '/') or of a name that resolves to
 * exactly one entry; 0 with a message when there is none. */
static uint32_t find_mid(struct mapiab *ab, struct mapi_nspi *nspi,
			 const char *what)
{
	struct mapi_nspi_resolved *res = NULL;
	struct PropertyTagArray_r *mids = NULL;
	enum MAPISTATUS ret;

	if (what[0] == '/') {
		ret = mapi_nspi_dn_to_mid(nspi, ab->mem, &what, 1, &mids);
		if (ret != MAPI_E_SUCCESS) {
			call_error("NspiDNToMId", ret);
			return 0;
		}
		if (mids->cValues != 1 || mids->aulPropTag[0] == 0) {
			fprintf(stderr, "mapiab: no address book entry has the "
				"DN '%s'\n", what);
			return 0;
		}
		return mids->aulPropTag[0];
	}
	ret = mapi_nspi_resolve(nspi, ab->mem, &what, 1, NULL, &res);
	if (ret != MAPI_E_SUCCESS) {
		call_error("name resolution (NspiResolveNamesW)", ret);
		return 0;
	}
	if (res[0].state == MAPI_NSPI_AMBIGUOUS) {
		fprintf(stderr, "mapiab: '%s' is ambiguous: several entries "
			"match\n", what);
		return 0;
	}
	if (res[0].state != MAPI_NSPI_RESOLVED) {
		fprintf(stderr, "mapiab: '%s' is not in the address book\n",
			what);
		return 0;
	}
	return res[0].mid;
}

static int cmd_show(struct mapiab *ab, const char *what)
{
	struct PropertyTagArray_r *tags = NULL;
	struct PropertyRow_r *row = NULL;
	struct mapi_nspi *nspi;
	struct STAT stat;
	enum MAPISTATUS ret;
	uint32_t mid, i;

	if (open_nspi(ab, &nspi) != 0) {
		return 1;
	}
	mid = find_mid(ab, nspi, what);
	if (mid == 0) {
		return 1;
	}
	/* MS-OXNSPI 3.1.4.1.6: the code page picks the string types */
	ret = mapi_nspi_get_prop_list(nspi, ab->mem, 0, mid,
				      ab->unicode ? CP_WINUNICODE
						  : ab->code_page, &tags);
	if (ret != MAPI_E_SUCCESS) {
		return call_error("NspiGetPropList", ret);
	}
	mapi_nspi_stat_init(nspi, &stat);
	stat.CurrentRec = mid;
	ret = mapi_nspi_get_props(nspi, ab->mem, 0, &stat, tags, &row);
	if (ret != MAPI_E_SUCCESS && ret != MAPI_W_ERRORS_RETURNED) {
		return call_error("NspiGetProps", ret);
	}
	for (i = 0; i < row->cValues; i++) {
		const struct PropertyValue_r *v = &row->lpProps[i];
		const char *name = prop_name(v->ulPropTag);

		printf("0x%08X  %-38s %s\n", v->ulPropTag, name ? name : "",
		       mapi_nspi_value_to_string(row, v));
	}
	return 0;
}

static int open_rfr(struct mapiab *ab, struct mapi_rfr **rfr)
{
	NTSTATUS status = NT_STATUS_OK;
	enum MAPISTATUS ret;

	ret = mapi_rfr_connect(ab->mem, ab->rpc, &ab->params, &status, rfr);
	if (ret != MAPI_E_SUCCESS) {
		return connect_error(ab, "referral (RFR)", ret, status);
	}
	return 0;
}

static int cmd_fqdn(struct mapiab *ab, const char *server_dn)
{
	struct mapi_rfr *rfr;
	const char *fqdn = NULL;
	enum MAPISTATUS ret;

	if (open_rfr(ab, &rfr) != 0) {
		return 1;
	}
	ret = mapi_rfr_get_fqdn_from_server_dn(rfr, ab->mem, server_dn, &fqdn);
	if (ret == MAPI_E_NOT_FOUND) {
		fprintf(stderr, "mapiab: no such server: %s\n", server_dn);
		return 1;
	}
	if (ret == MAPI_E_INVALID_PARAMETER) {
		fprintf(stderr, "mapiab: not a server DN (10 to 1023 "
			"characters): %s\n", server_dn);
		return 1;
	}
	if (ret != MAPI_E_SUCCESS) {
		return call_error("RfrGetFQDNFromServerDN", ret);
	}
	printf("%s\n", fqdn);
	return 0;
}

static int cmd_dsa(struct mapiab *ab, const char *user_dn)
{
	struct mapi_rfr *rfr;
	const char *server = NULL;
	enum MAPISTATUS ret;

	if (open_rfr(ab, &rfr) != 0) {
		return 1;
	}
	ret = mapi_rfr_get_new_dsa(rfr, ab->mem, user_dn, &server);
	if (ret != MAPI_E_SUCCESS) {
		return call_error("RfrGetNewDSA", ret);
	}
	printf("%s\n", server);
	return 0;
}

static void usage(poptContext pc)
{
	poptPrintUsage(pc, stderr, 0);
	fprintf(stderr, "commands:\n"
		"  gal                 list the Global Address List\n"
		"  resolve NAME...     resolve names (ambiguous name "
		"resolution)\n"
		"  show DN|NAME        print every property of one entry\n"
		"  fqdn SERVERDN       FQDN of a mailbox server (referral)\n"
		"  dsa [USERDN]        the address book server to use "
		"(referral)\n");
}

static int run(struct mapiab *ab, poptContext pc, const char *cmd)
{
	const char **args = poptGetArgs(pc);
	uint32_t n = 0;

	while (args != NULL && args[n] != NULL) {
		n++;
	}
	if (strcmp(cmd, "gal") == 0 && n == 0) {
		return cmd_gal(ab);
	} else if (strcmp(cmd, "resolve") == 0 && n > 0) {
		return cmd_resolve(ab, args, n);
	} else if (strcmp(cmd, "show") == 0 && n == 1) {
		return cmd_show(ab, args[0]);
	} else if (strcmp(cmd, "fqdn") == 0 && n == 1) {
		return cmd_fqdn(ab, args[0]);
	} else if (strcmp(cmd, "dsa") == 0 && n <= 1) {
		return cmd_dsa(ab, n == 1 ? args[0] : "");
	}
	usage(pc);
	return 2;
}

int main(int argc, const char **argv)
{
	struct mapiab ab = { .code_page = 1252, .page_size = 100 };
	struct mapi_cmdline cl = { 0 };
	const char *cmd;
	int unicode = 0, code_page = 1252, page = 100;
	int opt, rc;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		{ "unicode", 'u', POPT_ARG_NONE, &unicode, 0,
		  "Ask for Unicode strings", NULL },
		{ "codepage", 0, POPT_ARG_INT, &code_page, 0,
		  "Code page of the session (default 1252)", "N" },
		{ "page-size", 0, POPT_ARG_INT, &page, 0,
		  "Rows per NspiQueryRows call (default 100)", "N" },
		POPT_TABLEEND
	};

	ab.mem = talloc_new(NULL);
	pc = poptGetContext("mapiab", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc,
			       "[OPTIONS] gal|resolve|show|fqdn|dsa [ARGS]");
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "mapiab: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		rc = 2;
		goto out;
	}
	cmd = poptGetArg(pc);
	if (cmd == NULL || cl.user == NULL || code_page <= 0 || page <= 0) {
		if (cmd != NULL && cl.user == NULL) {
			fprintf(stderr, "mapiab: -U USER[%%PASSWORD] is "
				"required\n");
		}
		usage(pc);
		rc = 2;
		goto out;
	}
	ab.unicode = unicode;
	ab.code_page = code_page;
	ab.page_size = page;
	ab.rpc = mapi_cmdline_setup(ab.mem, "mapiab", &cl, &ab.params);
	if (ab.rpc == NULL) {
		fprintf(stderr, "mapiab: cannot initialise the RPC "
			"client%s%s\n", cl.configfile ? " with " : "",
			cl.configfile ? cl.configfile : "");
		rc = 1;
		goto out;
	}
	if (!mapi_cmdline_password(ab.mem, &ab.params)) {
		fprintf(stderr, "mapiab: no password (give -U USER%%PASSWORD "
			"or set PASSWD)\n");
		rc = 2;
		goto out;
	}
	rc = run(&ab, pc, cmd);
out:
	poptFreeContext(pc);
	talloc_free(ab.mem);
	mapi_cmdline_free(&cl);
	return rc;
}
