/*
 * mapitest: helpers of the message store suites (store, folder,
 * property, table, message, transport): a logged-on session as the
 * run's user (or the --peer account), scratch folders that go away with
 * the test, test messages.
 */
#include <stdio.h>
#include <unistd.h>
#include <util/debug.h>

#include "mapitest.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"

static struct mapi_session *session(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	struct mapi_session *s = NULL;
	enum MAPISTATUS rv;

	rv = mapi_session_open(mem_ctx, mt->rpc, &mt->params, mt->self, &s);
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "EMSMDB session: %s (0x%08x)",
			      mapi_status_string(rv), (unsigned int)rv);
		return NULL;
	}
	return s;
}

struct mapi_logon *mapitest_mailbox(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	struct mapi_session *s = session(mt, mem_ctx);
	struct mapi_logon *logon = NULL;
	enum MAPISTATUS rv;

	if (s == NULL) {
		return NULL;
	}
	rv = mapi_session_mailbox(s, &logon);
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "RopLogon to %s: %s", mt->self->user_dn,
			      mapi_status_string(rv));
		return NULL;
	}
	return logon;
}

struct mapi_logon *mapitest_peer_mailbox(struct mapitest *mt,
					 TALLOC_CTX *mem_ctx,
					 const struct mapi_profile **who)
{
	struct mapi_session *s = NULL;
	struct mapi_logon *logon = NULL;
	enum MAPISTATUS rv;

	if (!mt->has_peer) {
		mapitest_note(mt, "no --peer account");
		return NULL;
	}
	rv = mapi_session_open(mem_ctx, mt->rpc, &mt->peer, NULL, &s);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(s, &logon);
	}
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "the mailbox of --peer %s: %s (0x%08x)",
			      mt->peer.username, mapi_status_string(rv),
			      (unsigned int)rv);
		return NULL;
	}
	*who = s->profile;
	return logon;
}

struct mapi_logon *mapitest_public(struct mapitest *mt, TALLOC_CTX *mem_ctx)
{
	struct mapi_session *s = session(mt, mem_ctx);
	struct mapi_logon *logon = NULL;
	enum MAPISTATUS rv;

	if (s == NULL) {
		return NULL;
	}
	rv = mapi_session_public(s, &logon);
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "RopLogon to the public folders: %s",
			      mapi_status_string(rv));
		return NULL;
	}
	return logon;
}

struct scratch {
	struct mapi_logon *logon;
	uint64_t parent;
	uint64_t fid;
};

/* Hard-delete the folder with everything in it. */
static int scratch_destructor(struct scratch *s)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	enum MAPISTATUS rv;
	uint32_t parent;

	rv = mapi_folder_open(s->logon, tmp, s->logon->handle, s->parent,
			      &parent);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_delete(s->logon, tmp, parent, s->fid,
					DEL_MESSAGES | DEL_FOLDERS |
					DELETE_HARD_DELETE, NULL);
		mapi_object_release(s->logon, parent);
	}
	if (rv != MAPI_E_SUCCESS) {
		DBG_WARNING("scratch folder 0x%016llx not deleted: %s\n",
			    (unsigned long long)s->fid,
			    mapi_status_string(rv));
	}
	talloc_free(tmp);
	return 0;
}

bool mapitest_scratch_folder(struct mapitest *mt, TALLOC_CTX *mem_ctx,
			     struct mapi_logon *logon, uint64_t parent_fid,
			     const char *name, uint32_t *handle,
			     uint64_t *fid)
{
	struct scratch *s = talloc_zero(mem_ctx, struct scratch);
	char *full = talloc_asprintf(mem_ctx, "mapitest-%s-%d", name,
				     (int)getpid());
	enum MAPISTATUS rv;
	uint32_t parent, h;

	if (s == NULL || full == NULL) {
		mapitest_note(mt, "out of memory");
		return false;
	}
	s->logon = logon;
	s->parent = parent_fid ? parent_fid :
		    logon->folder_ids[MAPI_LOGON_INBOX];
	rv = mapi_folder_open(logon, mem_ctx, logon->handle, s->parent,
			      &parent);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_create(logon, mem_ctx, parent, full, NULL,
					&s->fid, &h, NULL);
		if (rv == MAPI_E_SUCCESS) {
			mapi_object_release(logon, h);
		}
		mapi_object_release(logon, parent);
	}
	if (rv == MAPI_E_SUCCESS) {
		talloc_set_destructor(s, scratch_destructor);
		rv = mapi_folder_open(logon, mem_ctx, logon->handle, s->fid,
				      handle);
	}
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "scratch folder %s: %s", full,
			      mapi_status_string(rv));
		return false;
	}
	*fid = s->fid;
	return true;
}

bool mapitest_message(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		      struct mapi_logon *logon, uint32_t folder, uint64_t fid,
		      const char *subject, uint32_t importance, uint64_t *mid)
{
	struct TaggedPropertyValue v[2] = {
		{ .PropertyTag = 0x0037001F },	/* PidTagSubject */
		{ .PropertyTag = 0x00170003 },	/* PidTagImportance */
	};
	enum MAPISTATUS rv;
	uint32_t m;

	v[0].Value.String = subject;
	v[1].Value.Integer32 = importance;
	rv = mapi_message_create(logon, mem_ctx, folder, fid, false, &m);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_props_set(logon, mem_ctx, m, v, 2, NULL);
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_message_save(logon, mem_ctx, m,
					       KeepOpenReadOnly, mid);
		}
		mapi_object_release(logon, m);
	}
	if (rv != MAPI_E_SUCCESS) {
		mapitest_note(mt, "message '%s': %s", subject,
			      mapi_status_string(rv));
		return false;
	}
	return true;
}
