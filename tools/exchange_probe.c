/*
 * exchange-probe: check that a server offers the Exchange RPC interfaces.
 *
 * For each of EMSMDB, AsyncEMSMDB, NSPI and the address book referral
 * interface it asks the endpoint mapper where the interface listens, then
 * binds to it with NTLM and sealing and makes one harmless call.  Exit
 * status 0 only when every interface answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <popt.h>
#include <talloc.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "libmapi/mapi_rpc.h"
#include "gen_ndr/ndr_exchange_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb_c.h"
#include "gen_ndr/ndr_exchange_nsp.h"
#include "gen_ndr/ndr_exchange_nsp_c.h"
#include "gen_ndr/ndr_exchange_ds_rfr.h"
#include "gen_ndr/ndr_exchange_ds_rfr_c.h"

struct probe_target {
	const char *label;
	const struct ndr_interface_table *table;
};

static const struct probe_target targets[] = {
	{ "EMSMDB (MS-OXCRPC)", &ndr_table_exchange_emsmdb },
	{ "AsyncEMSMDB (MS-OXCRPC)", &ndr_table_exchange_async_emsmdb },
	{ "NSPI (MS-OXNSPI)", &ndr_table_exchange_nsp },
	{ "Referral (MS-OXABREF)", &ndr_table_exchange_ds_rfr },
};
#define N_TARGETS (sizeof(targets) / sizeof(targets[0]))

/*
 * One call per interface that any authorised client may make without a
 * session, to show that calls get through to the provider: the answer is
 * a MAPI status, where a refused client gets an RPC fault.
 */
static NTSTATUS probe_call(TALLOC_CTX *mem_ctx, struct dcerpc_pipe *p,
			   const struct ndr_interface_table *table,
			   const char **what)
{
	struct dcerpc_binding_handle *b = p->binding_handle;
	enum MAPISTATUS result = MAPI_E_SUCCESS;
	NTSTATUS status;

	if (table == &ndr_table_exchange_emsmdb) {
		/* MS-OXCRPC 3.1.4.6 */
		status = dcerpc_EcDummyRpc(b, mem_ctx, &result);
		*what = "EcDummyRpc";
	} else if (table == &ndr_table_exchange_async_emsmdb) {
		/* MS-OXCRPC 3.3.4.1: completes at once for an unknown handle */
		struct policy_handle none = { 0 };
		uint32_t flags = 0;

		status = dcerpc_EcDoAsyncWaitEx(b, mem_ctx, &none, 0, &flags,
						&result);
		*what = "EcDoAsyncWaitEx";
	} else if (table == &ndr_table_exchange_nsp) {
		struct STAT stat = { .CodePage = 1252,
				     .TemplateLocale = 0x409,
				     .SortLocale = 0x409 };
		struct policy_handle handle = { 0 };

		status = dcerpc_NspiBind(b, mem_ctx, 0, &stat, NULL, &handle,
					 &result);
		if (NT_STATUS_IS_OK(status) && result == MAPI_E_SUCCESS) {
			uint32_t reserved = 0;
			enum MAPISTATUS unbind;

			dcerpc_NspiUnbind(b, mem_ctx, &handle, reserved,
					  &unbind);
		}
		*what = "NspiBind";
	} else {
		const char *server = NULL;

		status = dcerpc_RfrGetNewDSA(b, mem_ctx, 0, "", NULL, &server,
					     &result);
		*what = "RfrGetNewDSA";
	}
	if (NT_STATUS_IS_OK(status)) {
		*what = talloc_asprintf(mem_ctx, "%s answered %s", *what,
					result == MAPI_E_SUCCESS ? "success" :
					result == MAPI_E_NO_SUPPORT ?
					"MAPI_E_NO_SUPPORT (not implemented yet)" :
					talloc_asprintf(mem_ctx, "0x%08x", result));
	}
	return status;
}

static bool probe_one(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *ctx,
		      const struct mapi_rpc_params *params,
		      const struct probe_target *t, bool quiet)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct dcerpc_pipe *p;
	const char *endpoint = NULL;
	const char *what = "";
	NTSTATUS status;
	bool ok = false;

	status = mapi_rpc_map_endpoint(tmp, ctx, params->server, t->table,
				       &endpoint);
	if (!NT_STATUS_IS_OK(status)) {
		if (!quiet) {
			printf("%-26s not registered with the endpoint mapper: %s\n",
			       t->label, nt_errstr(status));
		}
		goto done;
	}
	status = mapi_rpc_connect(tmp, ctx, params, t->table, &p);
	if (NT_STATUS_IS_OK(status)) {
		status = probe_call(tmp, p, t->table, &what);
	}
	if (!quiet) {
		printf("%-26s ncacn_ip_tcp:%s[%s]  %s%s\n", t->label,
		       params->server, endpoint,
		       NT_STATUS_IS_OK(status) ? "NTLM+seal: " : "FAILED: ",
		       NT_STATUS_IS_OK(status) ? what : nt_errstr(status));
	}
	ok = NT_STATUS_IS_OK(status);
done:
	talloc_free(tmp);
	return ok;
}

int main(int argc, const char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpc_params params = { .server = "127.0.0.1" };
	struct mapi_rpc_context *ctx;
	const char *user = NULL, *server = NULL, *workgroup = NULL;
	const char *configfile = NULL;
	int quiet = 0, debuglevel = 0, no_pass = 0, opt;
	size_t i, failed = 0;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "user", 'U', POPT_ARG_STRING, &user, 0,
		  "Set the network username", "[DOMAIN\\]USERNAME[%PASSWORD]" },
		{ "workgroup", 'W', POPT_ARG_STRING, &workgroup, 0,
		  "Set the workgroup (domain) name", "WORKGROUP" },
		{ "no-pass", 'N', POPT_ARG_NONE, &no_pass, 0,
		  "Bind anonymously (the server must refuse it)", NULL },
		{ "server", 'I', POPT_ARG_STRING, &server, 0,
		  "Server to probe (default 127.0.0.1)", "HOST" },
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "Use alternative configuration file", "CONFIGFILE" },
		{ "debuglevel", 'd', POPT_ARG_INT, &debuglevel, 0,
		  "Set debug level", "DEBUGLEVEL" },
		{ "quiet", 'q', POPT_ARG_NONE, &quiet, 0,
		  "Print nothing; exit status only", NULL },
		POPT_TABLEEND
	};

	pc = poptGetContext("exchange-probe", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1) {
		fprintf(stderr, "exchange-probe: %s: %s\n",
			poptBadOption(pc, POPT_BADOPTION_NOALIAS),
			poptStrerror(opt));
		return 2;
	}
	if (user == NULL && !no_pass) {
		fprintf(stderr, "exchange-probe: -U USER%%PASSWORD or -N is required\n");
		return 2;
	}
	ctx = mapi_rpc_context_init(mem_ctx, configfile);
	if (ctx == NULL) {
		fprintf(stderr, "exchange-probe: cannot initialise the RPC client\n");
		return 1;
	}
	setup_logging("exchange-probe", DEBUG_STDERR);
	debuglevel_set(debuglevel);
	if (server != NULL) {
		params.server = server;
	}
	if (no_pass) {
		params.anonymous = true;
		params.options = "";
	} else {
		mapi_rpc_params_parse_user(mem_ctx, &params, user);
		if (workgroup != NULL) {
			params.domain = workgroup;
		}
	}
	for (i = 0; i < N_TARGETS; i++) {
		if (!probe_one(mem_ctx, ctx, &params, &targets[i], quiet)) {
			failed++;
		}
	}
	poptFreeContext(pc);
	talloc_free(mem_ctx);
	return failed == 0 ? 0 : 1;
}
