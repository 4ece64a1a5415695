/*
 * Push notifications: EcRRegisterPushNotification (MS-OXCRPC 3.1.4.5,
 * MS-OXCNOTIF 3.1.5.4) and the UDP datagrams.
 *
 * A session registers a callback address (a Windows SOCKADDR: AF_INET,
 * 16 bytes, or AF_INET6, 28 bytes) and up to 16 bytes of opaque context.
 * When notifications become pending the server sends a datagram holding
 * just the context to that address (3.1.4.5), and again every
 * "emsmdb:push interval" seconds (default 60, MS-OXCNOTIF 3.1.2) while
 * notifications stay queued.  "emsmdb:push notifications = no" turns
 * the method off (ecNotSupported, as a server that does not support it).
 * A registration replaces the session's previous one.
 */
#include "emsmdb.h"
#include "emsmdb_notify.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <util/debug.h>

/* MS-OXCRPC 3.1.4.5 */
#define MAX_CONTEXT		0x10
#define ALL_ADVISE_BITS		0xFFFFFFFF
/* Windows address families and SOCKADDR sizes (the wire form) */
#define WIRE_AF_INET		2
#define WIRE_AF_INET6		23
#define WIRE_SOCKADDR_IN	16
#define WIRE_SOCKADDR_IN6	28

#define DEFAULT_INTERVAL_S	60

/* A session's push target. */
struct emsmdb_push {
	struct emsmdb_notify *notify;
	int fd;
	struct sockaddr_storage addr;
	socklen_t addr_len;
	uint8_t context[MAX_CONTEXT];
	uint16_t context_len;
	uint32_t handle;
	uint32_t interval_s;
	struct tevent_timer *repeat;
};

static int push_destructor(struct emsmdb_push *p)
{
	if (p->fd != -1) {
		close(p->fd);
	}
	if (p->notify != NULL && p->notify->push == p) {
		p->notify->push = NULL;
	}
	return 0;
}

static uint16_t get16(const uint8_t *b)
{
	return (uint16_t)(b[0] | (b[1] << 8));
}

/* The callback address as a socket address (port and address are in
 * network order on the wire, as in the socket structures). */
static enum MAPISTATUS parse_address(const uint8_t *b, uint16_t len,
				     struct sockaddr_storage *ss,
				     socklen_t *ss_len)
{
	memset(ss, 0, sizeof(*ss));
	if (b == NULL || len < 2) {
		return MAPI_E_INVALID_PARAMETER;
	}
	switch (get16(b)) {
	case WIRE_AF_INET: {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		if (len != WIRE_SOCKADDR_IN) {
			return MAPI_E_INVALID_PARAMETER;
		}
		in->sin_family = AF_INET;
		memcpy(&in->sin_port, b + 2, 2);
		memcpy(&in->sin_addr, b + 4, 4);
		*ss_len = sizeof(*in);
		return MAPI_E_SUCCESS;
	}
	case WIRE_AF_INET6: {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		if (len != WIRE_SOCKADDR_IN6) {
			return MAPI_E_INVALID_PARAMETER;
		}
		in6->sin6_family = AF_INET6;
		memcpy(&in6->sin6_port, b + 2, 2);
		memcpy(&in6->sin6_flowinfo, b + 4, 4);
		memcpy(&in6->sin6_addr, b + 8, 16);
		memcpy(&in6->sin6_scope_id, b + 24, 4);
		*ss_len = sizeof(*in6);
		return MAPI_E_SUCCESS;
	}
	default:
		/* 3.1.4.5: an address family not supported */
		return MAPI_E_INVALID_PARAMETER;
	}
}

static void send_datagram(struct emsmdb_push *p)
{
	if (sendto(p->fd, p->context, p->context_len, MSG_DONTWAIT,
		   (struct sockaddr *)&p->addr, p->addr_len) == -1) {
		DBG_NOTICE("push notification: %s\n", strerror(errno));
	}
}

static void repeat_push(struct tevent_context *ev, struct tevent_timer *te,
			struct timeval now, void *private_data)
{
	struct emsmdb_push *p = private_data;

	p->repeat = NULL;
	if (p->notify == NULL || !emsmdb_notify_pending(p->notify)) {
		return;
	}
	send_datagram(p);
	p->repeat = tevent_add_timer(ev, p,
				     timeval_current_ofs(p->interval_s, 0),
				     repeat_push, p);
}

/* emsmdb_wake_fn: a datagram now, and again while notifications stay
 * queued (MS-OXCNOTIF 3.1.5.4). */
void emsmdb_push_wake(struct emsmdb_notify *notify)
{
	struct emsmdb_push *p = notify->push;
	struct tevent_context *ev = emsmdb_hub_ev(notify->hub);

	if (p == NULL || p->repeat != NULL) {
		return;
	}
	send_datagram(p);
	if (ev != NULL) {
		p->repeat = tevent_add_timer(ev, p,
					     timeval_current_ofs(p->interval_s,
								 0),
					     repeat_push, p);
	}
}

static enum MAPISTATUS check_request(struct EcRRegisterPushNotification *r)
{
	if (r->in.cbContext > MAX_CONTEXT) {
		return MAPI_E_TOO_BIG;
	}
	if (r->in.grbitAdviseBits != ALL_ADVISE_BITS ||
	    (r->in.cbContext > 0 && r->in.rgbContext == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return MAPI_E_SUCCESS;
}

static struct emsmdb_push *push_new(struct emsmdb_session *session,
				    struct dcesrv_call_state *dce_call,
				    struct EcRRegisterPushNotification *r,
				    enum MAPISTATUS *rv)
{
	struct emsmdb_push *p = talloc_zero(session->notify,
					    struct emsmdb_push);
	int interval = mpx_option_int(dce_call->conn->dce_ctx->lp_ctx,
				      "emsmdb", "push interval",
				      DEFAULT_INTERVAL_S);

	*rv = MAPI_E_NOT_ENOUGH_MEMORY;
	if (p == NULL) {
		return NULL;
	}
	p->fd = -1;
	talloc_set_destructor(p, push_destructor);
	*rv = parse_address(r->in.rgbCallbackAddress, r->in.cbCallbackAddress,
			    &p->addr, &p->addr_len);
	if (*rv != MAPI_E_SUCCESS) {
		talloc_free(p);
		return NULL;
	}
	p->fd = socket(p->addr.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p->fd == -1) {
		/* 3.1.4.5: a family this host's stack cannot use */
		*rv = MAPI_E_NO_SUPPORT;
		talloc_free(p);
		return NULL;
	}
	memcpy(p->context, r->in.rgbContext, r->in.cbContext);
	p->context_len = r->in.cbContext;
	p->interval_s = interval > 0 ? (uint32_t)interval : DEFAULT_INTERVAL_S;
	return p;
}

enum MAPISTATUS emsmdb_push_register(struct emsmdb_session *session,
				     struct dcesrv_call_state *dce_call,
				     struct EcRRegisterPushNotification *r)
{
	struct emsmdb_push *p;
	enum MAPISTATUS rv;

	*r->out.hNotification = 0;
	if (session->notify == NULL ||
	    !mpx_option_bool(dce_call->conn->dce_ctx->lp_ctx, "emsmdb",
			     "push notifications", true)) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = check_request(r);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	p = push_new(session, dce_call, r, &rv);
	if (p == NULL) {
		return rv;
	}
	p->handle = session->notify->push != NULL ?
		    session->notify->push->handle + 1 : 1;
	TALLOC_FREE(session->notify->push);
	p->notify = session->notify;
	session->notify->push = p;
	*r->out.hNotification = p->handle;
	DBG_INFO("push notifications for %s, handle %u\n",
		 session->account_name, p->handle);
	if (emsmdb_notify_pending(session->notify)) {
		emsmdb_push_wake(session->notify);
	}
	return MAPI_E_SUCCESS;
}
