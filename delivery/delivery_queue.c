/*
 * The durable delivery queue: an ldb database (tdb backend) named
 * delivery-queue.ldb in the store directory, one record per submission
 * (CN=<id>,CN=QUEUE) and one per resolved recipient below it.  Every
 * change is one ldb transaction, so a record is either written whole or
 * not at all.  While a process carries a submission through, it holds a
 * write lock (fcntl) on delivery-queue.lock; the lock goes with the
 * process, so a crashed delivery never blocks the next one.
 */
/* delivery_private.h (store.h) first: it makes struct ldb_val a DATA_BLOB */
#include "delivery/delivery_private.h"
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <ldb.h>
#include <util/debug.h>

#define QUEUE_BASE "CN=QUEUE"

struct mdeliver_queue {
	struct ldb_context *ldb;
	int lock_fd;
};

static int queue_destructor(struct mdeliver_queue *q)
{
	if (q->lock_fd >= 0) {
		close(q->lock_fd);	/* releases the lock */
	}
	return 0;
}

static enum MAPISTATUS take_lock(struct mdeliver *ctx,
				 struct mdeliver_queue *q, bool wait)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	q->lock_fd = open(ctx->lock_path, O_RDWR | O_CREAT | O_CLOEXEC,
			  0600);
	if (q->lock_fd < 0) {
		DBG_ERR("cannot open %s: %s\n", ctx->lock_path,
			strerror(errno));
		return MAPI_E_DISK_ERROR;
	}
	while (fcntl(q->lock_fd, wait ? F_SETLKW : F_SETLK, &fl) != 0) {
		if (errno == EINTR) {
			continue;
		}
		if (errno == EAGAIN || errno == EACCES) {
			return MAPI_E_BUSY;
		}
		DBG_ERR("cannot lock %s: %s\n", ctx->lock_path,
			strerror(errno));
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

/**
 * Open the queue and lock it (waiting for it with @a wait, else
 * MAPI_E_BUSY when another process holds it).
 */
enum MAPISTATUS mdeliver_queue_open(struct mdeliver *ctx,
				    TALLOC_CTX *mem_ctx, bool wait,
				    struct mdeliver_queue **out)
{
	struct mdeliver_queue *q = talloc_zero(mem_ctx,
					       struct mdeliver_queue);
	enum MAPISTATUS rv;

	if (q == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	q->lock_fd = -1;
	talloc_set_destructor(q, queue_destructor);
	rv = take_lock(ctx, q, wait);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(q);
		return rv;
	}
	q->ldb = ldb_init(q, NULL);
	if (q->ldb == NULL ||
	    ldb_connect(q->ldb, ctx->queue_url, 0, NULL) != LDB_SUCCESS) {
		DBG_ERR("cannot open the delivery queue %s\n",
			ctx->queue_url);
		talloc_free(q);
		return MAPI_E_DISK_ERROR;
	}
	*out = q;
	return MAPI_E_SUCCESS;
}

/* "<mid>-<hex of the sender's bytes>": only DN-safe characters. */
char *mdeliver_entry_id(TALLOC_CTX *mem_ctx, const char *sender,
			uint64_t mid)
{
	char *id = talloc_asprintf(mem_ctx, "%016llx-",
				   (unsigned long long)mid);
	size_t i;

	for (i = 0; id != NULL && sender[i] != '\0'; i++) {
		id = talloc_asprintf_append(id, "%02x",
					    (unsigned char)sender[i]);
	}
	return id;
}

static struct ldb_dn *entry_dn(TALLOC_CTX *mem_ctx, struct ldb_context *ldb,
			       const char *id)
{
	return ldb_dn_new_fmt(mem_ctx, ldb, "CN=%s," QUEUE_BASE, id);
}

static struct ldb_dn *target_dn(TALLOC_CTX *mem_ctx,
				struct ldb_context *ldb, const char *id,
				uint32_t index)
{
	return ldb_dn_new_fmt(mem_ctx, ldb, "CN=%u,CN=%s," QUEUE_BASE,
			      index, id);
}

/* ------------------------------------------------------ attributes */

static int put_str(struct ldb_message *m, const char *attr, const char *s)
{
	if (s == NULL || s[0] == '\0') {
		return LDB_SUCCESS;
	}
	return ldb_msg_add_string(m, attr, s);
}

static int put_u64(struct ldb_message *m, const char *attr, uint64_t v)
{
	return ldb_msg_add_fmt(m, attr, "%llx", (unsigned long long)v);
}

static const char *get_str(TALLOC_CTX *mem_ctx, const struct ldb_message *m,
			   const char *attr)
{
	const char *s = ldb_msg_find_attr_as_string(m, attr, NULL);

	return s ? talloc_strdup(mem_ctx, s) : NULL;
}

static uint64_t get_u64(const struct ldb_message *m, const char *attr)
{
	const char *s = ldb_msg_find_attr_as_string(m, attr, "0");

	return strtoull(s, NULL, 16);
}

static int target_fields(struct ldb_message *m,
			 const struct mdeliver_target *t)
{
	int ret = put_u64(m, "kind", t->kind);

	ret = ret ?: put_u64(m, "type", t->recip_type);
	ret = ret ?: put_u64(m, "row", (uint32_t)t->row);
	ret = ret ?: put_str(m, "mailbox", t->mailbox);
	ret = ret ?: put_str(m, "name", t->name);
	ret = ret ?: put_str(m, "dn", t->dn);
	ret = ret ?: put_str(m, "smtp", t->smtp);
	ret = ret ?: put_str(m, "addrtype", t->addrtype);
	ret = ret ?: put_str(m, "email", t->email);
	ret = ret ?: put_u64(m, "diag", t->diag);
	ret = ret ?: put_u64(m, "done", t->done);
	ret = ret ?: put_u64(m, "copyMid", t->copy_mid);
	return ret;
}

/* The attribute names of the reports' progress, by enum mdeliver_report
 * (the NDR's keep the names they had before delivery reports). */
static const char *const report_done_attr[MDELIVER_REPORT_COUNT] = {
	"reportDone", "drDone"
};
static const char *const report_mid_attr[MDELIVER_REPORT_COUNT] = {
	"reportMid", "drMid"
};

static int report_fields(struct ldb_message *m, const struct mdeliver_entry *e)
{
	int ret = LDB_SUCCESS;
	int k;

	for (k = 0; ret == LDB_SUCCESS && k < MDELIVER_REPORT_COUNT; k++) {
		ret = put_u64(m, report_done_attr[k], e->reports[k].done);
		ret = ret ?: put_u64(m, report_mid_attr[k],
				     e->reports[k].mid);
	}
	return ret;
}

static int entry_fields(struct ldb_message *m, const struct mdeliver_entry *e)
{
	int ret = put_str(m, "sender", e->sender);

	ret = ret ?: put_u64(m, "mid", e->mid);
	ret = ret ?: put_u64(m, "state", e->state);
	ret = ret ?: put_u64(m, "transportSend", e->transport_send);
	ret = ret ?: put_u64(m, "submitTime", e->submit_time);
	ret = ret ?: put_str(m, "fromName", e->from.name);
	ret = ret ?: put_str(m, "fromDn", e->from.dn);
	ret = ret ?: put_str(m, "fromSmtp", e->from.smtp);
	ret = ret ?: put_u64(m, "count", e->count);
	return ret ?: report_fields(m, e);
}

static enum MAPISTATUS add_record(struct ldb_context *ldb,
				  struct ldb_message *m)
{
	int ret = ldb_add(ldb, m);

	if (ret == LDB_ERR_ENTRY_ALREADY_EXISTS) {
		return MAPI_E_SUBMITTED;
	}
	if (ret != LDB_SUCCESS) {
		DBG_ERR("delivery queue: %s\n", ldb_errstring(ldb));
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS add_all(struct mdeliver_queue *q, TALLOC_CTX *tmp,
			       const struct mdeliver_entry *e)
{
	struct ldb_message *m = ldb_msg_new(tmp);
	enum MAPISTATUS rv;
	uint32_t i;

	if (m == NULL || (m->dn = entry_dn(m, q->ldb, e->id)) == NULL ||
	    entry_fields(m, e) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = add_record(q->ldb, m);
	for (i = 0; rv == MAPI_E_SUCCESS && i < e->count; i++) {
		m = ldb_msg_new(tmp);
		if (m == NULL ||
		    (m->dn = target_dn(m, q->ldb, e->id, i)) == NULL ||
		    target_fields(m, &e->targets[i]) != LDB_SUCCESS) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = add_record(q->ldb, m);
	}
	return rv;
}

/** Write a new submission with its recipients in one transaction;
 *  MAPI_E_SUBMITTED if it is queued already. */
enum MAPISTATUS mdeliver_queue_add(struct mdeliver_queue *q,
				   const struct mdeliver_entry *e)
{
	TALLOC_CTX *tmp = talloc_new(q);
	enum MAPISTATUS rv;

	if (tmp == NULL || ldb_transaction_start(q->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	rv = add_all(q, tmp, e);
	if (rv == MAPI_E_SUCCESS &&
	    ldb_transaction_commit(q->ldb) != LDB_SUCCESS) {
		rv = MAPI_E_DISK_ERROR;
	} else if (rv != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(q->ldb);
	}
	talloc_free(tmp);
	return rv;
}

/* ---------------------------------------------------------- reading */

/* The record at @a dn (hung off mem_ctx), or an ldb error. */
static int load_one(struct mdeliver_queue *q, TALLOC_CTX *mem_ctx,
		    struct ldb_dn *dn, struct ldb_message **m)
{
	struct ldb_result *res = NULL;
	int ret;

	if (dn == NULL) {
		return LDB_ERR_OPERATIONS_ERROR;
	}
	ret = ldb_search(q->ldb, mem_ctx, &res, dn, LDB_SCOPE_BASE, NULL,
			 NULL);
	if (ret == LDB_SUCCESS && res->count != 1) {
		ret = LDB_ERR_NO_SUCH_OBJECT;
	}
	if (ret == LDB_SUCCESS) {
		*m = talloc_steal(mem_ctx, res->msgs[0]);
	}
	talloc_free(res);
	return ret;
}

static void target_of(TALLOC_CTX *mem_ctx, const struct ldb_message *m,
		      struct mdeliver_target *t)
{
	t->kind = (enum mdeliver_target_kind)get_u64(m, "kind");
	t->recip_type = get_u64(m, "type");
	t->row = (int32_t)(uint32_t)get_u64(m, "row");
	t->mailbox = get_str(mem_ctx, m, "mailbox");
	t->name = get_str(mem_ctx, m, "name");
	t->dn = get_str(mem_ctx, m, "dn");
	t->smtp = get_str(mem_ctx, m, "smtp");
	t->addrtype = get_str(mem_ctx, m, "addrtype");
	t->email = get_str(mem_ctx, m, "email");
	t->diag = get_u64(m, "diag");
	t->done = get_u64(m, "done") != 0;
	t->copy_mid = get_u64(m, "copyMid");
}

static void entry_of(struct mdeliver_entry *e, const struct ldb_message *m)
{
	int k;

	e->sender = get_str(e, m, "sender");
	e->mid = get_u64(m, "mid");
	e->state = (enum mdeliver_state)get_u64(m, "state");
	e->transport_send = get_u64(m, "transportSend") != 0;
	e->submit_time = get_u64(m, "submitTime");
	e->from.mailbox = e->sender;
	e->from.name = get_str(e, m, "fromName");
	e->from.dn = get_str(e, m, "fromDn");
	e->from.smtp = get_str(e, m, "fromSmtp");
	e->count = get_u64(m, "count");
	for (k = 0; k < MDELIVER_REPORT_COUNT; k++) {
		e->reports[k].done = get_u64(m, report_done_attr[k]) != 0;
		e->reports[k].mid = get_u64(m, report_mid_attr[k]);
	}
}

static enum MAPISTATUS load_targets(struct mdeliver_queue *q,
				    struct mdeliver_entry *e)
{
	struct ldb_message *m = NULL;
	uint32_t i;
	int ret;

	e->targets = talloc_zero_array(e, struct mdeliver_target,
				       e->count + 1);
	if (e->targets == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < e->count; i++) {
		ret = load_one(q, e, target_dn(e, q->ldb, e->id, i), &m);
		if (ret != LDB_SUCCESS) {
			DBG_ERR("queue entry %s lacks recipient %u\n", e->id,
				i);
			return MAPI_E_CORRUPT_DATA;
		}
		target_of(e->targets, m, &e->targets[i]);
		talloc_free(m);
	}
	return MAPI_E_SUCCESS;
}

/** One submission with its recipients; MAPI_E_NOT_FOUND if none. */
enum MAPISTATUS mdeliver_queue_load(struct mdeliver_queue *q,
				    TALLOC_CTX *mem_ctx, const char *id,
				    struct mdeliver_entry **out)
{
	struct mdeliver_entry *e = talloc_zero(mem_ctx,
					       struct mdeliver_entry);
	struct ldb_message *m = NULL;
	enum MAPISTATUS rv;
	int ret;

	if (e == NULL || (e->id = talloc_strdup(e, id)) == NULL) {
		talloc_free(e);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = load_one(q, e, entry_dn(e, q->ldb, id), &m);
	if (ret != LDB_SUCCESS) {
		talloc_free(e);
		return ret == LDB_ERR_NO_SUCH_OBJECT ? MAPI_E_NOT_FOUND :
						       MAPI_E_DISK_ERROR;
	}
	entry_of(e, m);
	rv = load_targets(q, e);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(e);
		return rv;
	}
	*out = e;
	return MAPI_E_SUCCESS;
}

/** The ids of every queued submission. */
enum MAPISTATUS mdeliver_queue_list(struct mdeliver_queue *q,
				    TALLOC_CTX *mem_ctx, char ***ids,
				    uint32_t *count)
{
	static const char *const attrs[] = { "sender", NULL };
	struct ldb_result *res = NULL;
	struct ldb_dn *base = ldb_dn_new(mem_ctx, q->ldb, QUEUE_BASE);
	char **out;
	unsigned int i;
	int ret;

	ret = ldb_search(q->ldb, mem_ctx, &res, base, LDB_SCOPE_ONELEVEL,
			 attrs, "(sender=*)");
	if (ret == LDB_ERR_NO_SUCH_OBJECT || (ret == LDB_SUCCESS &&
					      res->count == 0)) {
		*ids = NULL;
		*count = 0;
		talloc_free(base);
		return MAPI_E_SUCCESS;
	}
	if (ret != LDB_SUCCESS) {
		talloc_free(base);
		return MAPI_E_DISK_ERROR;
	}
	out = talloc_zero_array(mem_ctx, char *, res->count + 1);
	for (i = 0; out != NULL && i < res->count; i++) {
		const struct ldb_val *v = ldb_dn_get_rdn_val(res->msgs[i]->dn);

		out[i] = talloc_strndup(out, (const char *)v->data,
					v->length);
	}
	talloc_free(base);
	talloc_free(res);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*ids = out;
	*count = i;
	return MAPI_E_SUCCESS;
}

/* One waiting submission: its MID and submit time. */
struct waiting {
	uint64_t mid;
	uint64_t submit_time;
};

static int waiting_cmp(const void *a, const void *b)
{
	const struct waiting *x = a, *y = b;

	if (x->submit_time != y->submit_time) {
		return x->submit_time < y->submit_time ? -1 : 1;
	}
	return x->mid < y->mid ? -1 : x->mid > y->mid;
}

/** The MIDs of @a sender's submissions waiting for a spooler (locked or
 *  not), in submission order. */
enum MAPISTATUS mdeliver_queue_spooled(struct mdeliver_queue *q,
				       TALLOC_CTX *mem_ctx,
				       const char *sender, uint64_t **mids,
				       uint32_t *count)
{
	static const char *const attrs[] = { "mid", "submitTime", NULL };
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct ldb_result *res = NULL;
	struct ldb_dn *base = ldb_dn_new(tmp, q->ldb, QUEUE_BASE);
	char *who = ldb_binary_encode_string(tmp, sender);
	struct waiting *w;
	unsigned int i;
	int ret;

	*mids = talloc_zero_array(mem_ctx, uint64_t, 1);
	*count = 0;
	if (tmp == NULL || base == NULL || who == NULL || *mids == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = ldb_search(q->ldb, tmp, &res, base, LDB_SCOPE_ONELEVEL, attrs,
			 "(&(sender=%s)(|(state=%x)(state=%x)))", who,
			 MDELIVER_STATE_SPOOLER, MDELIVER_STATE_LOCKED);
	if (ret == LDB_ERR_NO_SUCH_OBJECT || (ret == LDB_SUCCESS &&
					      res->count == 0)) {
		talloc_free(tmp);
		return MAPI_E_SUCCESS;
	}
	w = ret == LDB_SUCCESS ? talloc_array(tmp, struct waiting,
					      res->count) : NULL;
	if (w == NULL) {
		talloc_free(tmp);
		return ret == LDB_SUCCESS ? MAPI_E_NOT_ENOUGH_MEMORY :
					    MAPI_E_DISK_ERROR;
	}
	for (i = 0; i < res->count; i++) {
		w[i].mid = get_u64(res->msgs[i], "mid");
		w[i].submit_time = get_u64(res->msgs[i], "submitTime");
	}
	qsort(w, res->count, sizeof(w[0]), waiting_cmp);
	*mids = talloc_realloc(mem_ctx, *mids, uint64_t, res->count + 1);
	for (i = 0; *mids != NULL && i < res->count; i++) {
		(*mids)[i] = w[i].mid;
	}
	*count = *mids != NULL ? res->count : 0;
	talloc_free(tmp);
	return *mids != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* ---------------------------------------------------------- updates */

static enum MAPISTATUS replace(struct mdeliver_queue *q,
			       struct ldb_message *m)
{
	unsigned int i;
	int ret;

	for (i = 0; i < m->num_elements; i++) {
		m->elements[i].flags = LDB_FLAG_MOD_REPLACE;
	}
	ret = ldb_modify(q->ldb, m);
	if (ret != LDB_SUCCESS) {
		DBG_ERR("delivery queue: %s\n", ldb_errstring(q->ldb));
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

/** Record the submission's new state. */
enum MAPISTATUS mdeliver_queue_set_state(struct mdeliver_queue *q,
					 const struct mdeliver_entry *e,
					 enum mdeliver_state state)
{
	struct ldb_message *m = ldb_msg_new(q);
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	if (m != NULL && (m->dn = entry_dn(m, q->ldb, e->id)) != NULL &&
	    put_u64(m, "state", state) == LDB_SUCCESS) {
		rv = replace(q, m);
	}
	talloc_free(m);
	return rv;
}

/** Record recipient @a index's progress (done, copyMid). */
enum MAPISTATUS mdeliver_queue_target(struct mdeliver_queue *q,
				      const struct mdeliver_entry *e,
				      uint32_t index)
{
	const struct mdeliver_target *t = &e->targets[index];
	struct ldb_message *m = ldb_msg_new(q);
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	if (m != NULL &&
	    (m->dn = target_dn(m, q->ldb, e->id, index)) != NULL &&
	    put_u64(m, "done", t->done) == LDB_SUCCESS &&
	    put_u64(m, "copyMid", t->copy_mid) == LDB_SUCCESS) {
		rv = replace(q, m);
	}
	talloc_free(m);
	return rv;
}

/** Record the reports' progress (done, MID of each). */
enum MAPISTATUS mdeliver_queue_report(struct mdeliver_queue *q,
				      const struct mdeliver_entry *e)
{
	struct ldb_message *m = ldb_msg_new(q);
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	if (m != NULL && (m->dn = entry_dn(m, q->ldb, e->id)) != NULL &&
	    report_fields(m, e) == LDB_SUCCESS) {
		rv = replace(q, m);
	}
	talloc_free(m);
	return rv;
}

static enum MAPISTATUS remove_all(struct mdeliver_queue *q, TALLOC_CTX *tmp,
				  const char *id)
{
	struct ldb_dn *dn = entry_dn(tmp, q->ldb, id);
	struct ldb_result *res = NULL;
	unsigned int i;
	int ret;

	ret = ldb_search(q->ldb, tmp, &res, dn, LDB_SCOPE_ONELEVEL, NULL,
			 "(objectClass=*)");
	if (ret == LDB_ERR_NO_SUCH_OBJECT) {
		return MAPI_E_NOT_FOUND;
	}
	for (i = 0; ret == LDB_SUCCESS && i < res->count; i++) {
		ret = ldb_delete(q->ldb, res->msgs[i]->dn);
	}
	if (ret == LDB_SUCCESS) {
		ret = ldb_delete(q->ldb, dn);
	}
	return ret == LDB_SUCCESS ? MAPI_E_SUCCESS : MAPI_E_DISK_ERROR;
}

/** Drop a submission and its recipients in one transaction. */
enum MAPISTATUS mdeliver_queue_remove(struct mdeliver_queue *q,
				      const char *id)
{
	TALLOC_CTX *tmp = talloc_new(q);
	enum MAPISTATUS rv;

	if (tmp == NULL || ldb_transaction_start(q->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	rv = remove_all(q, tmp, id);
	if (rv == MAPI_E_SUCCESS &&
	    ldb_transaction_commit(q->ldb) != LDB_SUCCESS) {
		rv = MAPI_E_DISK_ERROR;
	} else if (rv != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(q->ldb);
	}
	talloc_free(tmp);
	return rv;
}
