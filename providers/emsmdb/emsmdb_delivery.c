/*
 * The session's local delivery (delivery/delivery.h): the store
 * directory, the directory (the Samba AD, as the address book serves
 * it), the local SMTP domains and the test-only fault points, from
 * smb.conf:
 *
 *   emsmdb:local domains   SMTP domains of this server besides the AD's
 *                          own DNS domain (separated by spaces or commas)
 *   emsmdb:fault           test only: the named delivery point at which
 *                          the server process exits ("deliver-after-first")
 *
 * Interrupted deliveries are taken up again at every EcDoConnectEx (the
 * queue is locked by whoever delivers, so a connect never waits for it).
 */
#include "emsmdb.h"
#include "delivery/delivery.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <util/debug.h>

struct ldb_context *dcesrv_samdb_connect_as_system(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

/* What the fault hook compares against. */
struct emsmdb_fault {
	const char *point;
};

/* Test only: stop the whole process at the configured point, as a
 * crash or a power cut would. */
static void fault_hook(void *priv, const char *point)
{
	struct emsmdb_fault *f = priv;

	if (f != NULL && f->point != NULL && strcmp(f->point, point) == 0) {
		DBG_ERR("emsmdb:fault = %s: stopping the server here\n",
			point);
		_exit(EXIT_FAILURE);
	}
}

/* "a.example b.example,c.example" as a NULL-terminated list. */
static const char **domain_list(TALLOC_CTX *mem_ctx, const char *s)
{
	const char **list = talloc_zero_array(mem_ctx, const char *, 1);
	char *copy = talloc_strdup(mem_ctx, s ? s : "");
	char *tok, *save = NULL;
	size_t n = 0;

	for (tok = copy ? strtok_r(copy, " ,", &save) : NULL;
	     tok != NULL && list != NULL;
	     tok = strtok_r(NULL, " ,", &save)) {
		list = talloc_realloc(mem_ctx, list, const char *, n + 2);
		if (list != NULL) {
			list[n++] = tok;
			list[n] = NULL;
		}
	}
	return list;
}

enum MAPISTATUS emsmdb_delivery_setup(struct emsmdb_session *s,
				      struct dcesrv_call_state *dce_call)
{
	struct loadparm_context *lp = dce_call->conn->dce_ctx->lp_ctx;
	struct emsmdb_fault *fault = talloc_zero(s, struct emsmdb_fault);
	struct mdeliver_params p = { .store_directory = s->store_directory };
	enum MAPISTATUS rv;
	uint32_t resumed = 0;

	if (fault == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	fault->point = talloc_strdup(fault, mpx_option_string(
		lp, "emsmdb", "fault", NULL));
	if (mkdir(s->store_directory, 0700) != 0 && errno != EEXIST) {
		DBG_ERR("cannot create %s: %s\n", s->store_directory,
			strerror(errno));
		return MAPI_E_CALL_FAILED;
	}
	p.directory = dcesrv_samdb_connect_as_system(s, dce_call);
	p.local_domains = domain_list(fault, mpx_option_string(
		lp, "emsmdb", "local domains", NULL));
	p.fault = fault_hook;
	p.hook_priv = fault;
	if (p.directory == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	rv = mdeliver_new(s, &p, &s->delivery);
	if (rv == MAPI_E_SUCCESS) {
		rv = mdeliver_resume(s->delivery, &resumed);
	}
	if (resumed > 0) {
		DBG_NOTICE("%u interrupted deliveries completed\n", resumed);
	}
	return rv;
}
