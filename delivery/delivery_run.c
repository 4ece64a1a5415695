/*
 * Carrying a queued submission through (MS-OXOMSG 3.3.5.1.2, 3.3.5.1.3):
 * one copy per local recipient, the report, then the sender's copy.
 *
 * Exactly once: before a copy is written the queue records the MID it
 * will have; after its transaction commits the queue records it done.
 * Taken up again, a recipient whose recorded MID exists in its mailbox
 * is done already; one whose MID does not exist gets a new copy.  The
 * report follows the same steps in the sender's mailbox.
 */
#include <string.h>
#include <util/debug.h>
#include "delivery/delivery_private.h"

static const char *class_of(TALLOC_CTX *mem_ctx, struct mstore_message *m)
{
	struct mstore_row row = { 0 };
	const char *cls = NULL;

	if (mstore_message_get_all_props(mem_ctx, m, &row.values,
					 &row.count) == MAPI_E_SUCCESS) {
		cls = mdeliver_row_string(&row, MD_ID_MESSAGE_CLASS);
	}
	return cls ? cls : "IPM.Note";
}

/* Whether a copy chosen earlier (MID @a mid) was committed. */
static bool committed(struct mstore *store, uint64_t mid)
{
	struct mstore_message *m = NULL;
	bool ok;

	if (mid == 0) {
		return false;
	}
	ok = mstore_message_open(store, store, mid, &m) == MAPI_E_SUCCESS;
	talloc_free(m);
	return ok;
}

/* A new message in @a store's receive folder for @a cls
 * (MS-OXCSTOR 3.2.5.2), its MID chosen. */
static enum MAPISTATUS new_in_receive_folder(TALLOC_CTX *mem_ctx,
					     struct mstore *store,
					     const char *cls,
					     struct mstore_message **m)
{
	char *explicit_class = NULL;
	uint64_t fid = 0;
	enum MAPISTATUS rv;

	rv = mstore_get_receive_folder(mem_ctx, store, cls, &fid,
				       &explicit_class);
	if (rv != MAPI_E_SUCCESS || fid == 0) {
		rv = mstore_special_fid(store, MSTORE_INBOX, &fid);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return mstore_message_create(mem_ctx, store, fid, false, m);
}

/*
 * The save of a delivered copy or report: the one place where a new-mail
 * event (MS-OXCNOTIF 2.2.1.1) is raised, by the store at the commit of
 * the save (seen by the sessions of every process).  mdeliver_new_mail()
 * still follows once the queue records it, for the library's own hook.
 */
static enum MAPISTATUS save_delivered(struct mstore_message *m)
{
	return mstore_message_save_delivered(m);
}

struct run_state {
	struct mdeliver *ctx;
	struct mdeliver_queue *q;
	struct mdeliver_entry *e;
	struct mstore *src;		/* the sender's mailbox */
	struct mstore_message *orig;	/* the submitted message */
	uint32_t written;		/* copies written by this run */
};

static enum MAPISTATUS deliver_one(struct run_state *s, uint32_t i,
				   TALLOC_CTX *tmp)
{
	struct mdeliver_target *t = &s->e->targets[i];
	struct mstore *dst = NULL;
	struct mstore_message *copy = NULL;
	const char *cls = class_of(tmp, s->orig);
	enum MAPISTATUS rv;

	rv = mdeliver_open_mailbox(s->ctx, tmp, t->mailbox, &dst);
	if (rv == MAPI_E_SUCCESS && committed(dst, t->copy_mid)) {
		DBG_NOTICE("%s already has message 0x%016llx\n", t->mailbox,
			   (unsigned long long)t->copy_mid);
		t->done = true;
		return mdeliver_queue_target(s->q, s->e, i);
	}
	rv = rv ?: new_in_receive_folder(tmp, dst, cls, &copy);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	t->copy_mid = mstore_message_mid(copy);
	rv = mdeliver_queue_target(s->q, s->e, i);
	rv = rv ?: mdeliver_build_copy(s->ctx, s->e, t, s->src, s->orig,
				       dst, copy);
	rv = rv ?: save_delivered(copy);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (s->written++ == 0) {
		mdeliver_fault(s->ctx, "deliver-after-first");
	}
	t->done = true;
	rv = mdeliver_queue_target(s->q, s->e, i);
	if (rv == MAPI_E_SUCCESS) {
		mdeliver_new_mail(s->ctx, t->mailbox,
				  mstore_message_fid(copy), t->copy_mid, cls,
				  0);
	}
	return rv;
}

static enum MAPISTATUS deliver_report(struct run_state *s, TALLOC_CTX *tmp)
{
	struct mdeliver_entry *e = s->e;
	struct mstore_message *report = NULL;
	const char *cls;
	enum MAPISTATUS rv;

	if (committed(s->src, e->report_mid)) {
		e->report_done = true;
		return mdeliver_queue_report(s->q, e);
	}
	cls = talloc_asprintf(tmp, "REPORT.%s.NDR", class_of(tmp, s->orig));
	rv = new_in_receive_folder(tmp, s->src, cls, &report);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	e->report_mid = mstore_message_mid(report);
	rv = mdeliver_queue_report(s->q, e);
	rv = rv ?: mdeliver_build_report(s->ctx, e, s->src, s->orig, report);
	rv = rv ?: save_delivered(report);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	e->report_done = true;
	rv = mdeliver_queue_report(s->q, e);
	if (rv == MAPI_E_SUCCESS) {
		mdeliver_new_mail(s->ctx, e->sender,
				  mstore_message_fid(report), e->report_mid,
				  cls, 0);
	}
	return rv;
}

static void count_targets(const struct mdeliver_entry *e,
			  struct mdeliver_result *r)
{
	uint32_t i;

	for (i = 0; i < e->count; i++) {
		switch (e->targets[i].kind) {
		case MDELIVER_LOCAL:
			r->delivered += e->targets[i].done ? 1 : 0;
			break;
		case MDELIVER_REMOTE:
			r->remote++;
			break;
		case MDELIVER_FAILED:
			r->failed++;
			break;
		}
	}
}

static enum MAPISTATUS run_steps(struct run_state *s, TALLOC_CTX *tmp,
				 struct mdeliver_result *result)
{
	struct mdeliver_entry *e = s->e;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	bool failed = false;
	uint32_t i;

	for (i = 0; rv == MAPI_E_SUCCESS && i < e->count; i++) {
		if (e->targets[i].kind == MDELIVER_FAILED) {
			failed = true;
		}
		if (e->targets[i].kind == MDELIVER_LOCAL &&
		    !e->targets[i].done) {
			rv = deliver_one(s, i, tmp);
		}
	}
	if (rv == MAPI_E_SUCCESS && failed && !e->report_done) {
		rv = deliver_report(s, tmp);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	count_targets(e, result);
	if (result->remote > 0) {
		/* the local part is done; the rest waits for SMTP */
		e->state = MDELIVER_STATE_REMOTE;
		return mdeliver_queue_set_state(s->q, e, e->state);
	}
	rv = mdeliver_finish_sender(s->ctx, e);
	if (rv == MAPI_E_SUCCESS) {
		result->finished = true;
		rv = mdeliver_queue_remove(s->q, e->id);
	}
	return rv;
}

/** Carry @a e through as far as it goes now. */
enum MAPISTATUS mdeliver_run(struct mdeliver *ctx, struct mdeliver_queue *q,
			     struct mdeliver_entry *e,
			     struct mdeliver_result *result)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct run_state s = { .ctx = ctx, .q = q, .e = e };
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(result, 0, sizeof(*result));
	rv = mdeliver_open_mailbox(ctx, tmp, e->sender, &s.src);
	rv = rv ?: mstore_message_open(tmp, s.src, e->mid, &s.orig);
	if (rv == MAPI_E_NOT_FOUND) {
		/* the sender's message is gone: nothing left to send */
		DBG_WARNING("queued message 0x%016llx of %s is gone\n",
			    (unsigned long long)e->mid, e->sender);
		rv = mdeliver_queue_remove(q, e->id);
	} else if (rv == MAPI_E_SUCCESS) {
		rv = run_steps(&s, tmp, result);
	}
	if (rv != MAPI_E_SUCCESS) {
		DBG_ERR("delivery of message 0x%016llx of %s stopped: "
			"0x%08x\n", (unsigned long long)e->mid, e->sender,
			rv);
	}
	talloc_free(tmp);
	return rv;
}

/* ----------------------------------------------- the sender's copy */

/* MS-OXCDATA 2.11.1.4 ServerId: Ours (1) then the FID. */
static bool svreid_fid(const struct mstore_value *v, uint64_t *fid)
{
	const uint8_t *b = v->v.bin.data;
	uint64_t f = 0;
	int i;

	if (v->v.bin.length < 9 || b == NULL || b[0] != 0x01) {
		return false;
	}
	for (i = 8; i >= 1; i--) {
		f = (f << 8) | b[i];
	}
	*fid = f;
	return true;
}

/* Where the sent copy goes (MS-OXOMSG 3.3.5.1.3): PidTagSentMailSvrEID,
 * else PidTagSentMailEntryId, else Sent Items; 0: delete it. */
static enum MAPISTATUS sent_folder(struct mstore *store,
				   struct mstore_message *m, uint64_t *fid)
{
	const uint32_t tags[] = { MD_PidTagDeleteAfterSubmit,
				  MD_PidTagSentMailSvrEID,
				  MD_PidTagSentMailEntryId };
	struct mstore_value *v = NULL;
	enum MAPISTATUS rv;

	rv = mstore_message_get_props(m, m, tags, 3, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	*fid = 0;
	if (v[0].tag == tags[0] && v[0].v.b) {
		return MAPI_E_SUCCESS;
	}
	if (v[1].tag == tags[1] && svreid_fid(&v[1], fid) &&
	    mstore_folder_open(store, *fid) == MAPI_E_SUCCESS) {
		return MAPI_E_SUCCESS;
	}
	if (v[2].tag == tags[2] &&
	    mstore_folder_entryid_to_fid(store, &v[2].v.bin, fid) ==
	    MAPI_E_SUCCESS &&
	    mstore_folder_open(store, *fid) == MAPI_E_SUCCESS) {
		return MAPI_E_SUCCESS;
	}
	return mstore_special_fid(store, MSTORE_SENT_ITEMS, fid);
}

/* The sent state: mfSubmitted and mfUnsent cleared, read. */
static enum MAPISTATUS mark_sent(struct mstore_message *m)
{
	const uint32_t tag = MD_PidTagMessageFlags;
	struct mstore_value *v = NULL;
	struct mstore_value f = { .tag = MD_PidTagMessageFlags };
	enum MAPISTATUS rv;

	rv = mstore_message_get_props(m, m, &tag, 1, &v);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	f.v.i32 = v[0].tag == tag ? v[0].v.i32 : 0;
	f.v.i32 &= ~(MD_MSGFLAG_SUBMITTED | MD_MSGFLAG_UNSENT);
	f.v.i32 |= MD_MSGFLAG_READ;
	return mstore_message_set_props(m, &f, 1);
}

/**
 * After delivery: the sender's copy is deleted (PidTagDeleteAfterSubmit)
 * or marked sent and moved to its sent folder (a RopTransportSend
 * object is only marked sent).  Idempotent: a copy already there, or
 * already gone, is left alone.
 */
enum MAPISTATUS mdeliver_finish_sender(struct mdeliver *ctx,
				       const struct mdeliver_entry *e)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore *store = NULL;
	struct mstore_message *m = NULL;
	uint64_t fid = 0, mid = e->mid;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mdeliver_open_mailbox(ctx, tmp, e->sender, &store);
	rv = rv ?: mstore_message_open(tmp, store, mid, &m);
	if (rv == MAPI_E_SUCCESS && e->transport_send) {
		/* a transport object: marked sent where it is (the spooler
		 * finishes the original with lstFinished) */
		fid = mstore_message_fid(m);
	} else {
		rv = rv ?: sent_folder(store, m, &fid);
	}
	if (rv == MAPI_E_SUCCESS && fid == 0) {
		rv = mstore_messages_delete(store, mstore_message_fid(m),
					    &mid, 1);
	} else if (rv == MAPI_E_SUCCESS) {
		rv = mark_sent(m);
		rv = rv ?: mstore_message_save(m);
		if (rv == MAPI_E_SUCCESS && mstore_message_fid(m) != fid) {
			rv = mstore_message_move(store, mid, fid);
		}
	}
	if (rv == MAPI_E_NOT_FOUND) {
		rv = MAPI_E_SUCCESS;
	}
	talloc_free(tmp);
	return rv;
}
