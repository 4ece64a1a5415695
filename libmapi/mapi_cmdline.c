/*
 * libmapi: Samba's usual command-line options for the tools (see
 * mapi_cmdline.h).
 */
#include "mapi_cmdline.h"

#include <stdlib.h>
#include <unistd.h>
#include <util/debug.h>

struct mapi_rpc_context *mapi_cmdline_setup(TALLOC_CTX *mem_ctx,
					    const char *program,
					    const struct mapi_cmdline *cl,
					    struct mapi_rpc_params *params)
{
	struct mapi_rpc_context *rpc;

	setup_logging(program, DEBUG_STDERR);
	debuglevel_set(cl->debuglevel);
	params->server = talloc_strdup(mem_ctx, cl->server ? cl->server
							   : "127.0.0.1");
	if (cl->user != NULL) {
		mapi_rpc_params_parse_user(mem_ctx, params, cl->user);
	}
	if (cl->workgroup != NULL) {
		params->domain = talloc_strdup(mem_ctx, cl->workgroup);
	}
	rpc = mapi_rpc_context_init(mem_ctx, cl->configfile);
	if (rpc == NULL) {
		DBG_ERR("%s: cannot load %s\n", program,
			cl->configfile ? cl->configfile : "the configuration");
	}
	return rpc;
}

bool mapi_cmdline_password(TALLOC_CTX *mem_ctx,
			   struct mapi_rpc_params *params)
{
	const char *env = getenv("PASSWD");
	char *p;

	if (params->password != NULL) {
		return true;
	}
	if (env != NULL) {
		params->password = talloc_strdup(mem_ctx, env);
		return params->password != NULL;
	}
	if (!isatty(STDIN_FILENO)) {
		return false;
	}
	p = getpass("Password: ");
	params->password = p ? talloc_strdup(mem_ctx, p) : NULL;
	return params->password != NULL;
}

void mapi_cmdline_free(struct mapi_cmdline *cl)
{
	free(cl->user);
	free(cl->workgroup);
	free(cl->server);
	free(cl->configfile);
	*cl = (struct mapi_cmdline){ 0 };
}
