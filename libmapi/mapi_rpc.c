/*
 * libmapi: DCE/RPC connections to the Exchange interfaces.
 */
#include "mapi_rpc.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <util/debug.h>
#include <credentials.h>
#include <param.h>
#include <dcerpc.h>
#include <ndr.h>
#include <tsocket.h>
#include <tsocket_internal.h>

struct mapi_rpc_context *mapi_rpc_context_init(TALLOC_CTX *mem_ctx,
					       const char *smb_conf)
{
	struct mapi_rpc_context *ctx;
	NTSTATUS status;

	ctx = talloc_zero(mem_ctx, struct mapi_rpc_context);
	if (ctx == NULL) {
		return NULL;
	}
	ctx->ev = tevent_context_init(ctx);
	ctx->lp_ctx = loadparm_init_global(true);
	if (ctx->ev == NULL || ctx->lp_ctx == NULL) {
		talloc_free(ctx);
		return NULL;
	}
	if (smb_conf != NULL && !lpcfg_load(ctx->lp_ctx, smb_conf)) {
		DBG_ERR("cannot load %s\n", smb_conf);
		talloc_free(ctx);
		return NULL;
	}
	/* Needed once per process before any authenticated bind. */
	status = dcerpc_init();
	if (!NT_STATUS_IS_OK(status)) {
		talloc_free(ctx);
		return NULL;
	}
	return ctx;
}

static struct cli_credentials *make_credentials(TALLOC_CTX *mem_ctx,
						struct mapi_rpc_context *ctx,
						const struct mapi_rpc_params *p)
{
	struct cli_credentials *creds = cli_credentials_init(mem_ctx);

	if (creds == NULL) {
		return NULL;
	}
	cli_credentials_set_conf(creds, ctx->lp_ctx);
	if (p->anonymous) {
		cli_credentials_set_anonymous(creds);
		return creds;
	}
	cli_credentials_set_username(creds, p->username, CRED_SPECIFIED);
	cli_credentials_set_password(creds, p->password ? p->password : "",
				     CRED_SPECIFIED);
	if (p->domain != NULL) {
		cli_credentials_set_domain(creds, p->domain, CRED_SPECIFIED);
	}
	cli_credentials_set_workstation(creds, "MAPICLIENT", CRED_SPECIFIED);
	/* NTLM: the address book and store protocols do not need a KDC. */
	cli_credentials_set_kerberos_state(creds, CRED_USE_KERBEROS_DISABLED,
					   CRED_SPECIFIED);
	return creds;
}

/*
 * Samba's ncacn_ip_tcp client leaves Nagle's algorithm on (it does not apply
 * "socket options" to DCE/RPC sockets) and writes a request of several PDU
 * fragments with one writev() each.  Nagle then holds every fragment after
 * the first until the server ACKs it, and the server, which answers only
 * once the whole request has arrived, delays that ACK by ~40 ms: every
 * multi-fragment request (RopWriteStream of a few KB) waited 40 ms.
 *
 * Libdcerpc exposes no socket, so reach it through the transport's tstream
 * only when it is the BSD socket stream Samba creates for ncacn_ip_tcp
 * (its private data "struct tstream_bsd" begins with the descriptor), and
 * only when that descriptor is a TCP socket.  Anything else: leave it be.
 */
static void set_tcp_nodelay(struct dcerpc_pipe *p)
{
	struct tstream_context *stream;
	void *priv;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct stat st;
	int fd, type = 0, one = 1;
	socklen_t tlen = sizeof(type);

	if (p == NULL || p->conn == NULL ||
	    p->conn->transport.transport != NCACN_IP_TCP) {
		return;
	}
	stream = p->conn->transport.stream;
	if (stream == NULL) {
		return;
	}
	priv = _tstream_context_data(stream);
	if (priv == NULL ||
	    strcmp(talloc_get_name(priv), "struct tstream_bsd") != 0) {
		return;
	}
	fd = *(const int *)priv;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) != 0 ||
	    type != SOCK_STREAM ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) != 0 ||
	    (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)) {
		return;
	}
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
		DBG_NOTICE("TCP_NODELAY: %s\n", strerror(errno));
	}
}

NTSTATUS mapi_rpc_connect(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *ctx,
			  const struct mapi_rpc_params *params,
			  const struct ndr_interface_table *table,
			  struct dcerpc_pipe **pipe)
{
	return mapi_rpc_connect_assoc(mem_ctx, ctx, params, table, 0, pipe);
}

NTSTATUS mapi_rpc_connect_assoc(TALLOC_CTX *mem_ctx,
				struct mapi_rpc_context *ctx,
				const struct mapi_rpc_params *params,
				const struct ndr_interface_table *table,
				uint32_t assoc_group_id,
				struct dcerpc_pipe **pipe)
{
	struct cli_credentials *creds;
	const char *options = params->options ? params->options : "seal";
	struct dcerpc_binding *b = NULL;
	char *binding;
	NTSTATUS status;

	if (params->server == NULL && !params->local) {
		return NT_STATUS_INVALID_PARAMETER;
	}
	creds = make_credentials(mem_ctx, ctx, params);
	if (params->local) {
		binding = talloc_asprintf(mem_ctx, "ncalrpc:[%s]", options);
	} else {
		binding = talloc_asprintf(mem_ctx, "ncacn_ip_tcp:%s[%s]",
					  params->server, options);
	}
	if (creds == NULL || binding == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	status = dcerpc_parse_binding(mem_ctx, binding, &b);
	if (NT_STATUS_IS_OK(status) && assoc_group_id != 0) {
		status = dcerpc_binding_set_assoc_group_id(b, assoc_group_id);
	}
	if (NT_STATUS_IS_OK(status)) {
		status = dcerpc_pipe_connect_b(mem_ctx, pipe, b, table, creds,
					       ctx->ev, ctx->lp_ctx);
	}
	if (NT_STATUS_IS_OK(status) && !params->local) {
		set_tcp_nodelay(*pipe);
	}
	talloc_free(b);
	talloc_free(binding);
	if (!NT_STATUS_IS_OK(status)) {
		talloc_free(creds);
	}
	/* On success the credentials stay on mem_ctx beside the pipe: the
	 * security context refers to them for the pipe's whole life. */
	return status;
}

NTSTATUS mapi_rpc_map_endpoint(TALLOC_CTX *mem_ctx,
			       struct mapi_rpc_context *ctx,
			       const char *server,
			       const struct ndr_interface_table *table,
			       const char **endpoint)
{
	struct dcerpc_binding *b;
	char *s;
	NTSTATUS status;

	s = talloc_asprintf(mem_ctx, "ncacn_ip_tcp:%s", server);
	if (s == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	status = dcerpc_parse_binding(mem_ctx, s, &b);
	talloc_free(s);
	if (!NT_STATUS_IS_OK(status)) {
		return status;
	}
	status = dcerpc_epm_map_binding(mem_ctx, b, table, ctx->ev,
					ctx->lp_ctx);
	if (NT_STATUS_IS_OK(status)) {
		*endpoint = talloc_strdup(mem_ctx,
					  dcerpc_binding_get_string_option(b,
							"endpoint"));
		if (*endpoint == NULL) {
			status = NT_STATUS_NO_MEMORY;
		}
	}
	talloc_free(b);
	return status;
}

void mapi_rpc_params_parse_user(TALLOC_CTX *mem_ctx,
				struct mapi_rpc_params *params,
				const char *user_string)
{
	char *user = talloc_strdup(mem_ctx, user_string);
	char *p;

	if (user == NULL) {
		return;
	}
	p = strchr(user, '%');
	if (p != NULL) {
		*p = '\0';
		params->password = p + 1;
	}
	p = strchr(user, '\\');
	if (p == NULL) {
		p = strchr(user, '/');
	}
	if (p != NULL) {
		*p = '\0';
		params->domain = user;
		params->username = p + 1;
	} else {
		params->username = user;
	}
}
