/*
 * Sending messages (MS-OXOMSG 2.2.4, 3.3.5; MS-OXCROPS 2.2.7):
 * RopSubmitMessage, RopAbortSubmit, RopTransportSend and
 * RopTransportNewMail, on the local delivery of delivery/.
 */
#include "emsmdb_rop_transport.h"
#include "emsmdb_rop_handlers.h"
#include "emsmdb_rop_propval.h"

#include <strings.h>
#include <util/debug.h>

enum MAPISTATUS emsmdb_transport_of(struct emsmdb_rop_call *call,
				    struct emsmdb_session **session,
				    struct emsmdb_logon **logon)
{
	struct emsmdb_session *s = call->env->session;
	struct emsmdb_logon *l = emsmdb_logon_of(call->input);

	if (l == NULL || l->mailbox == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	if (s == NULL || s->delivery == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (strcasecmp(l->mailbox, s->account_name) != 0) {
		DBG_WARNING("%s tried to send from %s's mailbox\n",
			    s->account_name, l->mailbox);
		return MAPI_E_NO_ACCESS;
	}
	*session = s;
	*logon = l;
	return MAPI_E_SUCCESS;
}

/* The message to send, saved first if it was edited (IMessage::
 * SubmitMessage saves the message's properties). */
static enum MAPISTATUS saved_message(struct emsmdb_message *m)
{
	enum MAPISTATUS rv;

	if (m->associated) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (m->writable) {
		rv = mstore_message_save(m->msg);
		if (rv != MAPI_E_SUCCESS) {
			return rv;
		}
		m->mid = mstore_message_mid(m->msg);
	}
	return m->mid != 0 ? MAPI_E_SUCCESS : MAPI_E_NOT_FOUND;
}

/* After a send the object shows the stored message, read-only (a
 * submitted message is no longer the client's to change). */
static void reload(struct emsmdb_message *m, struct mstore *store)
{
	struct mstore_message *fresh = NULL;

	m->writable = false;
	if (mstore_message_open(m, store, m->mid, &fresh) == MAPI_E_SUCCESS) {
		talloc_free(m->msg);
		m->msg = fresh;
		m->fid = mstore_message_fid(fresh);
	}
}

/*
 * MS-OXOMSG 3.3.5.1 RopSubmitMessage: queue the message and deliver it
 * (3.3.5.1.2); with NeedsSpooler or PreProcess it waits for a spooler
 * in the queue instead.  A message without recipients is refused with
 * ecNoRecipients (MS-OXCDATA 2.4).
 */
enum MAPISTATUS emsmdb_rop_submit_message(struct emsmdb_rop_call *call)
{
	const struct RopSubmitMessage_req *req =
		&call->request->Body.SubmitMessage;
	struct emsmdb_message *m = talloc_get_type_abort(
		call->input->data, struct emsmdb_message);
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	struct mdeliver_result res;
	enum MAPISTATUS rv;

	rv = emsmdb_transport_of(call, &s, &l);
	rv = rv ?: saved_message(m);
	rv = rv ?: mdeliver_submit(s->delivery, l->store, s->account_name,
				   m->mid, req->SubmitFlags, &res);
	if (rv == MAPI_E_SUCCESS) {
		reload(m, l->store);
	}
	return rv;
}

/*
 * MS-OXOMSG 3.3.5.2 RopAbortSubmit on the logon: the message must be in
 * FolderId (ecNotFound otherwise) and still queued (ecNotInQueue); it
 * gets mfUnsent back.
 */
enum MAPISTATUS emsmdb_rop_abort_submit(struct emsmdb_rop_call *call)
{
	const struct RopAbortSubmit_req *req =
		&call->request->Body.AbortSubmit;
	struct mstore_message *msg = NULL;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv;

	if (call->input->type != EMSMDB_OBJECT_LOGON) {
		return MAPI_E_NO_SUPPORT;
	}
	rv = emsmdb_transport_of(call, &s, &l);
	rv = rv ?: mstore_message_open(call->mem_ctx, l->store,
				       req->MessageId, &msg);
	if (rv == MAPI_E_SUCCESS && mstore_message_fid(msg) != req->FolderId) {
		rv = MAPI_E_NOT_FOUND;
	}
	return rv ?: mdeliver_abort(s->delivery, l->store, s->account_name,
				    req->MessageId);
}

/* The properties a send set, as TaggedPropertyValues (Unicode). */
static enum MAPISTATUS tagged(struct emsmdb_rop_call *call,
			      const struct mstore_value *v, uint32_t n,
			      struct RopTransportSend_PropertyList *out)
{
	struct emsmdb_strconv conv;
	enum MAPISTATUS rv = emsmdb_strconv_of(call, &conv);
	uint32_t i;

	out->PropertyValues = talloc_zero_array(
		call->mem_ctx, struct TaggedPropertyValue, n + 1);
	if (rv == MAPI_E_SUCCESS && out->PropertyValues == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		out->PropertyValues[i].PropertyTag = v[i].tag;
		rv = emsmdb_value_to_wire(call->mem_ctx, &conv, &v[i],
					  MSTORE_PROP_TYPE(v[i].tag),
					  &out->PropertyValues[i].Value);
	}
	out->PropertyValueCount = n;
	return rv;
}

/*
 * MS-OXOMSG 3.3.5.1.2 RopTransportSend: deliver the message now (no
 * spooler queue); the response carries the properties the server set
 * on it while sending (2.2.5.4.2).
 */
enum MAPISTATUS emsmdb_rop_transport_send(struct emsmdb_rop_call *call)
{
	struct RopTransportSend_resp_success *ok =
		&call->response->Body.TransportSend.Data.Success;
	struct emsmdb_message *m = talloc_get_type_abort(
		call->input->data, struct emsmdb_message);
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	struct mstore_value *props = NULL;
	uint32_t n = 0;
	enum MAPISTATUS rv;

	rv = emsmdb_transport_of(call, &s, &l);
	rv = rv ?: saved_message(m);
	rv = rv ?: mdeliver_transport_send(s->delivery, call->mem_ctx,
					   l->store, s->account_name, m->mid,
					   &props, &n);
	if (rv == MAPI_E_SUCCESS) {
		reload(m, l->store);
		ok->NoPropertiesReturned = n == 0;
		rv = tagged(call, props, n, &ok->Properties.Properties);
	}
	return rv;
}

/*
 * MS-OXOMSG 3.3.5.8 RopTransportNewMail on the logon: a client that
 * delivered MessageId into FolderId itself tells the server, which
 * raises the new-mail event for it.
 */
enum MAPISTATUS emsmdb_rop_transport_new_mail(struct emsmdb_rop_call *call)
{
	const struct RopTransportNewMail_req *req =
		&call->request->Body.TransportNewMail;
	struct mstore_message *msg = NULL;
	struct emsmdb_session *s;
	struct emsmdb_logon *l;
	enum MAPISTATUS rv;

	rv = emsmdb_transport_of(call, &s, &l);
	rv = rv ?: mstore_message_open(call->mem_ctx, l->store,
				       req->MessageId, &msg);
	if (rv == MAPI_E_SUCCESS && mstore_message_fid(msg) != req->FolderId) {
		rv = MAPI_E_NOT_FOUND;
	}
	if (rv == MAPI_E_SUCCESS) {
		/* MS-OXCNOTIF NewMail to the sessions watching the mailbox */
		mstore_announce_new_mail(l->store, req->FolderId,
					 req->MessageId, req->MessageClass,
					 req->MessageFlags);
		mdeliver_announce(s->delivery, l->mailbox, req->FolderId,
				  req->MessageId, req->MessageClass,
				  req->MessageFlags);
	}
	return rv;
}
