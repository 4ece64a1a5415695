/*
 * The public entry points: submitting (MS-OXOMSG 3.3.5.1), resuming,
 * aborting (3.3.5.2), the spooler lock (3.3.5.6) and transport sends
 * (3.3.5.1.2).
 */
#include <string.h>
#include <util/debug.h>
#include "delivery/delivery_private.h"

/* "a; b; c" of the display names of one recipient type
 * (MS-OXOMSG 2.2.1.7-2.2.1.9). */
static char *display_list(TALLOC_CTX *mem_ctx, const struct mstore_row *rows,
			  uint32_t count, uint32_t type)
{
	char *s = talloc_strdup(mem_ctx, "");
	struct mdeliver_address a;
	uint32_t i;

	for (i = 0; s != NULL && i < count; i++) {
		if (mdeliver_address_of_row(mem_ctx, &rows[i], &a) !=
		    MAPI_E_SUCCESS || a.recip_type != type) {
			continue;
		}
		s = talloc_asprintf_append(s, "%s%s", s[0] ? "; " : "",
					   a.name ? a.name :
					   a.email ? a.email : "");
	}
	return s;
}

static int32_t flags_of(struct mstore_message *m)
{
	const uint32_t tag = MD_PidTagMessageFlags;
	struct mstore_value *v = NULL;
	int32_t f = 0;

	if (mstore_message_get_props(m, m, &tag, 1, &v) == MAPI_E_SUCCESS &&
	    v[0].tag == tag) {
		f = v[0].v.i32;
	}
	talloc_free(v);
	return f;
}

static bool has_prop(struct mstore_message *m, uint32_t tag)
{
	struct mstore_value *v = NULL;
	bool has;

	has = mstore_message_get_props(m, m, &tag, 1, &v) ==
	      MAPI_E_SUCCESS && v[0].tag == tag;
	talloc_free(v);
	return has;
}

static const uint32_t sender_tags[6] = {
	MD_PidTagSenderName, MD_PidTagSenderEntryId,
	MD_PidTagSenderAddressType, MD_PidTagSenderEmailAddress,
	MD_PidTagSenderSmtpAddress, MD_PidTagSenderSearchKey
};
static const uint32_t sent_rep_tags[6] = {
	MD_PidTagSentRepresentingName, MD_PidTagSentRepresentingEntryId,
	MD_PidTagSentRepresentingAddressType,
	MD_PidTagSentRepresentingEmailAddress,
	MD_PidTagSentRepresentingSmtpAddress,
	MD_PidTagSentRepresentingSearchKey
};

/*
 * The properties a submission sets on the sender's message (MS-OXOMSG
 * 3.3.5.1.3): PidTagClientSubmitTime, the sender (and sent-representing
 * unless the client set it), the display lists, an Internet message id,
 * mfSubmitted, and PidTagSubmitFlags.
 */
static enum MAPISTATUS submit_props(TALLOC_CTX *mem_ctx,
				    const struct mdeliver_entry *e,
				    struct mstore_message *m,
				    const struct mstore_row *rows,
				    uint32_t count, uint32_t submit_flags,
				    struct mstore_value **v, uint32_t *n)
{
	enum MAPISTATUS rv;

	rv = mdeliver_put_int(mem_ctx, v, n, MD_PidTagClientSubmitTime,
			      (int64_t)e->submit_time);
	rv = rv ?: mdeliver_person_props(mem_ctx, &e->from, sender_tags, v, n);
	if (rv == MAPI_E_SUCCESS &&
	    !has_prop(m, MD_PidTagSentRepresentingName)) {
		rv = mdeliver_person_props(mem_ctx, &e->from, sent_rep_tags,
					   v, n);
	}
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagDisplayTo,
				       display_list(mem_ctx, rows, count,
						    MD_RECIP_TO));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagDisplayCc,
				       display_list(mem_ctx, rows, count,
						    MD_RECIP_CC));
	rv = rv ?: mdeliver_put_string(mem_ctx, v, n, MD_PidTagDisplayBcc,
				       display_list(mem_ctx, rows, count,
						    MD_RECIP_BCC));
	if (rv == MAPI_E_SUCCESS &&
	    !has_prop(m, MD_PidTagInternetMessageId)) {
		const char *at = strchr(e->from.smtp ? e->from.smtp : "", '@');

		rv = mdeliver_put_string(
			mem_ctx, v, n, MD_PidTagInternetMessageId,
			talloc_asprintf(mem_ctx, "<%016llx.%016llx@%s>",
					(unsigned long long)e->mid,
					(unsigned long long)e->submit_time,
					at ? at + 1 : "localhost"));
	}
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagMessageFlags,
				    (flags_of(m) | MD_MSGFLAG_SUBMITTED |
				     MD_MSGFLAG_UNSENT | MD_MSGFLAG_FROMME |
				     MD_MSGFLAG_READ) &
				    ~MD_MSGFLAG_UNMODIFIED);
	rv = rv ?: mdeliver_put_int(mem_ctx, v, n, MD_PidTagSubmitFlags,
				    submit_flags);
	return rv;
}

/* Read the message, resolve it and build its queue entry. */
static enum MAPISTATUS prepare(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
			       struct mstore *store, const char *sender,
			       uint64_t mid, struct mstore_message **m,
			       struct mdeliver_entry **out,
			       struct mstore_row **rows, uint32_t *count)
{
	struct mdeliver_entry *e = talloc_zero(mem_ctx,
					       struct mdeliver_entry);
	enum MAPISTATUS rv;

	if (e == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_message_open(mem_ctx, store, mid, m);
	rv = rv ?: mstore_message_get_recipients(mem_ctx, *m, rows, count);
	if (rv == MAPI_E_SUCCESS && *count == 0) {
		return MAPI_E_NO_RECIPIENTS;
	}
	rv = rv ?: mdeliver_person_lookup(ctx, e, sender, &e->from);
	rv = rv ?: mdeliver_resolve(ctx, e, *rows, *count, &e->targets,
				    &e->count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	e->id = mdeliver_entry_id(e, sender, mid);
	e->sender = e->from.mailbox;
	e->mid = mid;
	e->submit_time = mdeliver_now();
	e->state = MDELIVER_STATE_ACTIVE;
	*out = e;
	return e->id ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* Queue @a e, then mark the message submitted (a crash between the two
 * leaves a queued entry that a resume completes). */
static enum MAPISTATUS enqueue(struct mdeliver_queue *q,
			       struct mdeliver_entry *e,
			       struct mstore_message *m,
			       const struct mstore_row *rows, uint32_t count,
			       uint32_t submit_flags)
{
	struct mstore_value *v = NULL;
	uint32_t n = 0;
	enum MAPISTATUS rv;

	rv = mdeliver_queue_add(q, e);
	rv = rv ?: submit_props(e, e, m, rows, count, submit_flags, &v, &n);
	rv = rv ?: mdeliver_set_props(m, v, n);
	rv = rv ?: mstore_message_save(m);
	return rv;
}

enum MAPISTATUS mdeliver_submit(struct mdeliver *ctx, struct mstore *store,
				const char *sender, uint64_t mid,
				uint8_t submit_flags,
				struct mdeliver_result *result)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e = NULL;
	struct mstore_message *m = NULL;
	struct mstore_row *rows = NULL;
	uint32_t count = 0;
	bool spooler = (submit_flags & (MDELIVER_SUBMIT_NEEDS_SPOOLER |
					MDELIVER_SUBMIT_PREPROCESS)) != 0;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(result, 0, sizeof(*result));
	rv = prepare(ctx, tmp, store, sender, mid, &m, &e, &rows, &count);
	if (rv == MAPI_E_SUCCESS && spooler) {
		e->state = MDELIVER_STATE_SPOOLER;
	}
	rv = rv ?: mdeliver_queue_open(ctx, tmp, true, &q);
	rv = rv ?: enqueue(q, e, m, rows, count,
			   (submit_flags & MDELIVER_SUBMIT_PREPROCESS) ?
			   MDELIVER_SUBMITFLAG_PREPROCESS : 0);
	if (rv == MAPI_E_SUCCESS && spooler) {
		result->spooler = true;
	} else if (rv == MAPI_E_SUCCESS) {
		rv = mdeliver_run(ctx, q, e, result);
	}
	DBG_INFO("submit of 0x%016llx by %s: 0x%08x (%u delivered, %u "
		 "failed, %u remote)\n", (unsigned long long)mid, sender, rv,
		 result->delivered, result->failed, result->remote);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mdeliver_resume(struct mdeliver *ctx, uint32_t *resumed)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e;
	struct mdeliver_result r;
	char **ids = NULL;
	uint32_t count = 0, i, done = 0;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mdeliver_queue_open(ctx, tmp, false, &q);
	rv = rv ?: mdeliver_queue_list(q, tmp, &ids, &count);
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		if (mdeliver_queue_load(q, tmp, ids[i], &e) !=
		    MAPI_E_SUCCESS || e->state != MDELIVER_STATE_ACTIVE) {
			continue;
		}
		DBG_NOTICE("resuming delivery of 0x%016llx of %s\n",
			   (unsigned long long)e->mid, e->sender);
		if (mdeliver_run(ctx, q, e, &r) == MAPI_E_SUCCESS) {
			done++;
		}
	}
	if (resumed != NULL) {
		*resumed = done;
	}
	talloc_free(tmp);
	return rv == MAPI_E_BUSY ? MAPI_E_SUCCESS : rv;
}

/* The queued entry of a sender's message, with the queue locked. */
static enum MAPISTATUS queued(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
			      const char *sender, uint64_t mid,
			      struct mdeliver_queue **q,
			      struct mdeliver_entry **e)
{
	char *id = mdeliver_entry_id(mem_ctx, sender, mid);
	enum MAPISTATUS rv;

	if (id == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mdeliver_queue_open(ctx, mem_ctx, true, q);
	rv = rv ?: mdeliver_queue_load(*q, mem_ctx, id, e);
	return rv == MAPI_E_NOT_FOUND ? MAPI_E_NOT_IN_QUEUE : rv;
}

enum MAPISTATUS mdeliver_state(struct mdeliver *ctx, const char *sender,
			       uint64_t mid, enum mdeliver_state *state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = queued(ctx, tmp, sender, mid, &q, &e);
	*state = rv == MAPI_E_SUCCESS ? e->state : MDELIVER_STATE_NONE;
	talloc_free(tmp);
	return rv == MAPI_E_NOT_IN_QUEUE ? MAPI_E_SUCCESS : rv;
}

/* Set and clear PidTagMessageFlags / PidTagSubmitFlags bits. */
static enum MAPISTATUS set_flags(struct mstore *store, uint64_t mid,
				 int32_t msg_set, int32_t msg_clear,
				 int32_t submit_set, int32_t submit_clear)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const uint32_t tags[2] = { MD_PidTagMessageFlags,
				   MD_PidTagSubmitFlags };
	struct mstore_message *m = NULL;
	struct mstore_value *v = NULL, f[2];
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mstore_message_open(tmp, store, mid, &m);
	rv = rv ?: mstore_message_get_props(tmp, m, tags, 2, &v);
	if (rv == MAPI_E_SUCCESS) {
		f[0].tag = tags[0];
		f[0].v.i32 = ((v[0].tag == tags[0] ? v[0].v.i32 : 0) |
			      msg_set) & ~msg_clear;
		f[1].tag = tags[1];
		f[1].v.i32 = ((v[1].tag == tags[1] ? v[1].v.i32 : 0) |
			      submit_set) & ~submit_clear;
		rv = mstore_message_set_props(m, f, 2);
	}
	rv = rv ?: mstore_message_save(m);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mdeliver_abort(struct mdeliver *ctx, struct mstore *store,
			       const char *sender, uint64_t mid)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = queued(ctx, tmp, sender, mid, &q, &e);
	if (rv == MAPI_E_SUCCESS && e->state == MDELIVER_STATE_LOCKED) {
		rv = MAPI_E_UNABLE_TO_ABORT;
	}
	rv = rv ?: mdeliver_queue_remove(q, e->id);
	/* MS-OXOMSG 3.3.5.2: mfUnsent set, mfSubmitted cleared */
	rv = rv ?: set_flags(store, mid, MD_MSGFLAG_UNSENT,
			     MD_MSGFLAG_SUBMITTED, 0,
			     MDELIVER_SUBMITFLAG_LOCKED |
			     MDELIVER_SUBMITFLAG_PREPROCESS);
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mdeliver_spooler_lock(struct mdeliver *ctx,
				      struct mstore *store,
				      const char *sender, uint64_t mid,
				      enum mdeliver_lock state)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = queued(ctx, tmp, sender, mid, &q, &e);
	if (rv == MAPI_E_SUCCESS && e->state != MDELIVER_STATE_SPOOLER &&
	    e->state != MDELIVER_STATE_LOCKED) {
		rv = MAPI_E_NOT_IN_QUEUE;
	}
	if (rv == MAPI_E_SUCCESS && state == MDELIVER_LOCK) {
		/* 3.3.5.6: locking a locked message fails */
		rv = e->state == MDELIVER_STATE_LOCKED ? MAPI_E_NOT_IN_QUEUE :
			mdeliver_queue_set_state(q, e, MDELIVER_STATE_LOCKED);
		rv = rv ?: set_flags(store, mid, 0, 0,
				     MDELIVER_SUBMITFLAG_LOCKED, 0);
	} else if (rv == MAPI_E_SUCCESS && state == MDELIVER_UNLOCK) {
		rv = mdeliver_queue_set_state(q, e, MDELIVER_STATE_SPOOLER);
		rv = rv ?: set_flags(store, mid, 0, 0, 0,
				     MDELIVER_SUBMITFLAG_LOCKED);
	} else if (rv == MAPI_E_SUCCESS) {
		/* lstFinished: unlock and post-process the sent mail */
		rv = mdeliver_finish_sender(ctx, e);
		rv = rv ?: mdeliver_queue_remove(q, e->id);
	}
	talloc_free(tmp);
	return rv;
}

enum MAPISTATUS mdeliver_transport_send(struct mdeliver *ctx,
					TALLOC_CTX *mem_ctx,
					struct mstore *store,
					const char *sender, uint64_t mid,
					struct mstore_value **props,
					uint32_t *count)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	struct mdeliver_entry *e = NULL;
	struct mstore_message *m = NULL;
	struct mstore_row *rows = NULL;
	struct mdeliver_result r;
	uint32_t n = 0;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = prepare(ctx, tmp, store, sender, mid, &m, &e, &rows, &n);
	if (rv == MAPI_E_SUCCESS) {
		e->transport_send = true;
	}
	rv = rv ?: mdeliver_queue_open(ctx, tmp, true, &q);
	rv = rv ?: enqueue(q, e, m, rows, n, 0);
	rv = rv ?: mdeliver_run(ctx, q, e, &r);
	*props = NULL;
	*count = 0;
	rv = rv ?: submit_props(mem_ctx, e, m, rows, n, 0, props, count);
	talloc_free(tmp);
	return rv;
}
