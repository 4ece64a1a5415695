/*
 * EMSMDB provider: the Exchange message store protocol (MS-OXCRPC) and the
 * ROPs it carries (MS-OXCROPS), served from the project's store.
 */
#ifndef EMSMDB_H
#define EMSMDB_H

#include "mapiproxy/mapiproxy.h"
#include <gen_ndr/exchange_emsmdb.h>

/** A Session Context (MS-OXCRPC 3.1.1), owned by its context handle. */
struct emsmdb_session {
	/** Account that created the session; only it may use the handle. */
	const char *account_name;
	/** Distinguished name the client gave to EcDoConnectEx. */
	const char *user_dn;
};

struct emsmdb_session *emsmdb_session_find(struct dcesrv_call_state *dce_call,
					   const struct policy_handle *wire);
void emsmdb_session_close(struct dcesrv_call_state *dce_call,
			  struct policy_handle *wire);

enum MAPISTATUS emsmdb_connect(struct dcesrv_call_state *dce_call,
			       TALLOC_CTX *mem_ctx, struct EcDoConnectEx *r);
enum MAPISTATUS emsmdb_rpc_ext2(struct emsmdb_session *session,
				struct dcesrv_call_state *dce_call,
				TALLOC_CTX *mem_ctx, struct EcDoRpcExt2 *r);
enum MAPISTATUS emsmdb_async_connect(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     TALLOC_CTX *mem_ctx,
				     struct EcDoAsyncConnectEx *r);
enum MAPISTATUS emsmdb_async_wait(struct dcesrv_call_state *dce_call,
				  TALLOC_CTX *mem_ctx,
				  struct EcDoAsyncWaitEx *r);

void emsmdb_fill_interface(struct dcesrv_interface *iface);
void async_emsmdb_fill_interface(struct dcesrv_interface *iface);

#endif /* EMSMDB_H */
