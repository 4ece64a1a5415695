/*
 * RopRegisterNotification (MS-OXCROPS 2.2.14.1, MS-OXCNOTIF 2.2.1.2.1,
 * 3.1.5.1): Notification Subscription objects.
 *
 * A subscription listens to the events of its logon's mailbox and queues
 * a RopNotify (NotificationHandle: the subscription) for each event of
 * the types it asked for, within its scope: the whole mailbox
 * (WantWholeStore), a folder, or a message.  Releasing the object
 * (RopRelease, or its parent) ends the subscription and drops what it
 * had queued.
 *
 * A folder's scope (no text of the specifications says more): events on
 * the folder itself, on the messages it holds or held (moved away), and
 * on its direct subfolders (created, deleted, moved in or out).  A
 * message's scope: events on that message.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_notify.h"
#include "emsmdb_rop_handlers.h"

#include <util/debug.h>

/* MS-OXCNOTIF 2.2.1.2.1.1: every NotificationTypes value defined */
#define KNOWN_TYPES (NotificationTypes_NewMail | \
		     NotificationTypes_ObjectCreated | \
		     NotificationTypes_ObjectDeleted | \
		     NotificationTypes_ObjectModified | \
		     NotificationTypes_ObjectMoved | \
		     NotificationTypes_ObjectCopied | \
		     NotificationTypes_SearchComplete | \
		     NotificationTypes_TableModified | \
		     NotificationTypes_Extended)

/* The data of an EMSMDB_OBJECT_NOTIFICATION object. */
struct emsmdb_subscription {
	struct emsmdb_object *object;	/* its Server object */
	struct emsmdb_listener *listener;
	uint16_t types;			/* NotificationTypes */
	bool whole_store;
	uint64_t fid;
	uint64_t mid;
};

static bool in_folder_scope(const struct emsmdb_subscription *s,
			    const struct mstore_event *e)
{
	return e->fid == s->fid || e->old_fid == s->fid ||
	       (!(e->flags & MSTORE_EVENT_MESSAGE) &&
		(e->parent_fid == s->fid || e->old_parent_fid == s->fid));
}

static bool in_scope(const struct emsmdb_subscription *s,
		     const struct mstore_event *e)
{
	if (s->whole_store) {
		return true;
	}
	if (s->mid != 0) {
		return (e->flags & MSTORE_EVENT_MESSAGE) &&
		       (e->mid == s->mid || e->old_mid == s->mid);
	}
	return in_folder_scope(s, e);
}

static void subscription_events(struct emsmdb_listener *l,
				const struct mstore_event *events,
				uint32_t count, bool lost)
{
	struct emsmdb_subscription *s = l->private_data;
	uint32_t i;

	if (l->notify == NULL) {
		return;
	}
	if (lost) {
		DBG_NOTICE("subscription 0x%08x: events were lost\n",
			   s->object->handle);
	}
	for (i = 0; i < count; i++) {
		const struct mstore_event *e = &events[i];
		struct NotificationData *d;

		if (!(s->types & e->type) || !in_scope(s, e)) {
			continue;
		}
		d = emsmdb_notify_data(l, e);
		if (d != NULL) {
			emsmdb_notify_queue(l->notify, l, s->object->handle,
					    s->object->logon_id, d);
		}
	}
}

/* The scope of a request: the whole store, or an existing folder (and
 * message). */
static enum MAPISTATUS check_scope(struct mstore *store,
				   const struct RopRegisterNotification_req *r)
{
	const struct RopRegisterNotification_Object *o = &r->Target.Object;

	if (r->WantWholeStore) {
		return MAPI_E_SUCCESS;
	}
	if (o->FolderId == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	return mstore_folder_open(store, o->FolderId);
}

static enum MAPISTATUS subscribe(struct emsmdb_rop_call *call,
				 struct emsmdb_logon *logon,
				 struct emsmdb_subscription *s)
{
	struct emsmdb_session *session = call->env->session;
	struct emsmdb_listener *l;

	l = talloc_zero(s, struct emsmdb_listener);
	if (l == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	l->on_events = subscription_events;
	l->private_data = s;
	s->listener = l;
	return emsmdb_listener_attach(l, session->notify,
				      session->store_directory,
				      logon->mailbox);
}

/* MS-OXCNOTIF 3.1.5.1: a new subscription object, saving the request. */
enum MAPISTATUS emsmdb_rop_register_notification(struct emsmdb_rop_call *call)
{
	const struct RopRegisterNotification_req *req =
		&call->request->Body.RegisterNotification;
	struct emsmdb_session *session = call->env->session;
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct emsmdb_subscription *s;
	enum MAPISTATUS rv;

	if (session == NULL || session->notify == NULL || logon == NULL) {
		return MAPI_E_NO_SUPPORT;
	}
	if (req->NotificationTypes == 0 ||
	    (req->NotificationTypes & ~KNOWN_TYPES) != 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	rv = check_scope(logon->store, req);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	s = talloc_zero(call->mem_ctx, struct emsmdb_subscription);
	if (s == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	s->types = req->NotificationTypes;
	s->whole_store = req->WantWholeStore != 0;
	if (!s->whole_store) {
		s->fid = req->Target.Object.FolderId;
		s->mid = req->Target.Object.MessageId;
	}
	s->object = emsmdb_rop_new_object(call, call->input,
					  EMSMDB_OBJECT_NOTIFICATION, s);
	if (s->object == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	rv = subscribe(call, logon, s);
	DBG_DEBUG("subscription 0x%08x: types 0x%04x %s: 0x%08x\n",
		  s->object->handle, s->types,
		  s->whole_store ? "store" : "folder", rv);
	return rv;
}
