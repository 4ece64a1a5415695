/*
 * Workload 3: message throughput.  Each message is one EcDoRpcExt2, as a
 * client batches it: RopCreateMessage in a folder, RopSetProperties of
 * the 20 properties and the 4 KB body of bench_message.h, then
 * RopSaveChangesMessage and RopRelease (request compressed).  Messages
 * per second over one session, and over --concurrent sessions at once
 * (one process each, the same user, each into its own folder, started
 * together; the rate is all their messages over the time from the first
 * start to the last end).  The sessions are --writer's, whose mailbox
 * should be as small as the scratch stores of the ceiling (bench/run
 * names a user other than the one holding the contents folders: a
 * mailbox of 111,000 messages saves some 20% slower).  The folders
 * ("bench throughput N" under the IPM subtree) are emptied first, so
 * each run starts alike.
 *
 * The ceiling: the store's own rates in a scratch directory on the
 * server's file system (bench_ldb.h), as many writes per repetition:
 * saves through the store library, and raw ldb_add of the very record a
 * save writes.  Every write is a durable transaction, so the disk's
 * flushes, which the machine's other users share, set the pace: each
 * repetition runs the server's single session, the store, raw ldb and
 * the concurrent sessions in turn, and the ratios are the medians of the
 * repetitions' ratios.  Target: the server within 2x of the raw write
 * rate.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_emsmdb.h"
#include "bench_ldb.h"
#include "bench_message.h"

#define TARGET_VS_RAW	0.5	/* server saves/s over raw ldb_add/s */
#define POOL_SIZE	16
#define BODY_LEN	4096
#define SEED		20261125
#define NO_HANDLE	0xFFFFFFFF

/* One session saving messages into its folder. */
struct saver {
	struct mapi_logon *logon;
	uint64_t fid;
	uint32_t folder;	/* server handle of the folder */
	struct TaggedPropertyValue *pool[POOL_SIZE];
	uint16_t pool_count[POOL_SIZE];
	uint32_t next;
};

/* What a concurrent session reports to the parent. */
struct saver_result {
	int status;		/* MAPISTATUS of the first failure */
	int saved;
	double start, end;	/* CLOCK_MONOTONIC, shared by processes */
};

static bool to_wire(TALLOC_CTX *mem_ctx, const struct mstore_value *in,
		    uint32_t count, struct TaggedPropertyValue **out)
{
	struct TaggedPropertyValue *v = talloc_zero_array(
		mem_ctx, struct TaggedPropertyValue, count);
	uint32_t i;

	for (i = 0; v != NULL && i < count; i++) {
		v[i].PropertyTag = in[i].tag;
		switch (in[i].tag & 0xFFFF) {
		case PT_UNICODE:
			v[i].Value.String = in[i].v.str;
			break;
		case PT_LONG:
			v[i].Value.Integer32 = (uint32_t)in[i].v.i32;
			break;
		case PT_SYSTIME:
			v[i].Value.Time = in[i].v.u64;
			break;
		case PT_BINARY:
			v[i].Value.Binary.Count = in[i].v.bin.length;
			v[i].Value.Binary.Data = in[i].v.bin.data;
			break;
		default:
			return false;
		}
	}
	*out = v;
	return v != NULL;
}

/* The messages a saver sends in turn, drawn from the fixed seed. */
static bool fill_pool(struct saver *s, TALLOC_CTX *mem_ctx)
{
	uint64_t rng = SEED;
	int i;

	for (i = 0; i < POOL_SIZE; i++) {
		struct bench_message_spec spec;
		struct mstore_value *v;
		uint32_t n;

		bench_message_draw(&rng, BODY_LEN, &spec);
		if (!bench_message_values(mem_ctx, &rng, i, &spec, &v, &n) ||
		    !to_wire(mem_ctx, v, n, &s->pool[i])) {
			return false;
		}
		s->pool_count[i] = n;
	}
	return true;
}

/* Create, set, save and release one message in one EcDoRpcExt2. */
static enum MAPISTATUS save_message(void *ctx, TALLOC_CTX *mem_ctx,
				    uint32_t *rows)
{
	struct saver *s = ctx;
	const struct mapi_emsmdb_rop_options opts = { .compress = true };
	uint32_t handles[2] = { s->folder, NO_HANDLE }, i, k;
	uint8_t id = s->logon->logon_id;
	struct RopRequest req[4] = {
		{ .RopId = RopCreateMessage, .LogonId = id, .HandleIndex = 0 },
		{ .RopId = RopSetProperties, .LogonId = id, .HandleIndex = 1 },
		{ .RopId = RopSaveChangesMessage, .LogonId = id,
		  .HandleIndex = 1 },
		{ .RopId = RopRelease, .LogonId = id, .HandleIndex = 1 },
	};
	struct mapi_emsmdb_rop_result r;
	enum MAPISTATUS rv;

	k = s->next++ % POOL_SIZE;
	req[0].Body.CreateMessage.OutputHandleIndex = 1;
	req[0].Body.CreateMessage.CodePageId = 0x0FFF;	/* the logon's */
	req[0].Body.CreateMessage.FolderId = s->fid;
	req[1].Body.SetProperties.Values.PropertyValueCount =
		s->pool_count[k];
	req[1].Body.SetProperties.Values.PropertyValues = s->pool[k];
	req[2].Body.SaveChangesMessage.InputHandleIndex = 1;
	req[2].Body.SaveChangesMessage.SaveFlags = KeepOpenReadOnly;
	*rows = 1;
	rv = mapi_emsmdb_rops(s->logon->emsmdb, mem_ctx, req, 4, handles, 2,
			      &opts, &r);
	if (rv == MAPI_E_SUCCESS && r.count != 3) {
		rv = MAPI_E_CALL_FAILED;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < r.count; i++) {
		rv = bench_rop_status(&r.responses[i]);
	}
	if (rv == MAPI_E_SUCCESS &&
	    r.responses[1].Body.SetProperties.Data.Success
	    .PropertyProblemCount != 0) {
		rv = MAPI_E_CALL_FAILED;	/* a property was refused */
	}
	return rv;
}

/* Session @a n's folder, emptied, and its messages. */
static enum MAPISTATUS saver_init(struct saver *s, TALLOC_CTX *mem_ctx,
				  struct mapi_logon *logon, int n)
{
	char *name = talloc_asprintf(mem_ctx, "bench throughput %d", n);
	enum MAPISTATUS rv;

	s->logon = logon;
	if (name == NULL || !fill_pool(s, mem_ctx)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = bench_ipm_folder(logon, mem_ctx, name, &s->fid, &s->folder,
			      NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_empty(logon, mem_ctx, s->folder, false);
	}
	return rv;
}

/* ------------------------------------------------ concurrent sessions */

static bool write_all(int fd, const void *buf, size_t len)
{
	return write(fd, buf, len) == (ssize_t)len;
}

/* A child: its own client state, session and folder; ready, then wait
 * for the start (the parent closes the pipe) and save. */
static void child(struct bench *b, int n, int ready_fd, int go_fd,
		  int result_fd)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct saver_result res = { .status = MAPI_E_CALL_FAILED };
	struct mapi_rpc_context *rpc;
	struct mapi_emsmdb *e;
	struct mapi_logon *logon;
	struct saver s = { 0 };
	char c = 1;
	uint32_t rows;

	rpc = mapi_rpc_context_init(mem, b->cl.configfile);
	if (rpc != NULL &&
	    (res.status = bench_session(&b->writer, mem, rpc, &e, &logon)) ==
	    MAPI_E_SUCCESS) {
		res.status = saver_init(&s, mem, logon, n);
	}
	if (!write_all(ready_fd, &c, 1) || read(go_fd, &c, 1) != 0) {
		res.status = MAPI_E_CALL_FAILED;
	}
	res.start = bench_now_s();
	for (; res.status == MAPI_E_SUCCESS && res.saved < b->messages;
	     res.saved++) {
		TALLOC_CTX *tmp = talloc_new(mem);

		res.status = save_message(&s, tmp, &rows);
		talloc_free(tmp);
	}
	res.end = bench_now_s();
	if (!write_all(result_fd, &res, sizeof(res))) {
		res.status = MAPI_E_CALL_FAILED;
	}
	talloc_free(mem);
	_exit(res.status == MAPI_E_SUCCESS ? 0 : 1);
}

struct round {
	int ready[2], go[2], result[2];
	pid_t *pids;
	int started;
};

/* Fork the sessions; gather() then reaps those started, even after a
 * failure here. */
static int start_children(struct bench *b, struct round *r)
{
	int i;

	if (pipe(r->ready) != 0 || pipe(r->go) != 0 || pipe(r->result) != 0) {
		return -1;
	}
	r->pids = talloc_zero_array(b->mem, pid_t, b->concurrent);
	for (i = 0; r->pids != NULL && i < b->concurrent; i++) {
		fflush(NULL);
		r->pids[i] = fork();
		if (r->pids[i] < 0) {
			break;
		}
		if (r->pids[i] == 0) {
			close(r->ready[0]);
			close(r->go[1]);
			close(r->result[0]);
			child(b, i + 1, r->ready[1], r->go[0], r->result[1]);
		}
		r->started++;
	}
	close(r->ready[1]);
	close(r->go[0]);
	close(r->result[1]);
	return r->started == b->concurrent ? 0 : -1;
}

/* Wait until every child is ready, start them, gather their results:
 * messages per second of the round, -1 on failure. */
static double gather(struct bench *b, struct round *r)
{
	struct saver_result res;
	double first = 0, last = 0;
	int i, ok = 0, saved = 0;
	char c;

	for (i = 0; i < r->started && read(r->ready[0], &c, 1) == 1; i++) {
	}
	close(r->go[1]);	/* go */
	while (read(r->result[0], &res, sizeof(res)) == sizeof(res)) {
		if (res.status != MAPI_E_SUCCESS) {
			fprintf(stderr, "bench_emsmdb: a concurrent session "
				"failed: %s\n", mapi_status_string(res.status));
			continue;
		}
		first = ok == 0 || res.start < first ? res.start : first;
		last = ok == 0 || res.end > last ? res.end : last;
		saved += res.saved;
		ok++;
	}
	for (i = 0; i < r->started; i++) {
		waitpid(r->pids[i], NULL, 0);
	}
	close(r->ready[0]);
	close(r->result[0]);
	TALLOC_FREE(r->pids);
	return ok == b->concurrent && last > first ? saved / (last - first)
						     : -1;
}

/* One round of the concurrent sessions: messages per second, -1 on
 * failure. */
static double concurrent_round(struct bench *b)
{
	struct round r = { .started = 0 };
	bool started = start_children(b, &r) == 0;
	double v = r.pids != NULL ? gather(b, &r) : -1;

	if (!started) {
		fprintf(stderr, "bench_emsmdb: cannot start %d concurrent "
			"sessions\n", b->concurrent);
		return -1;
	}
	return v;
}

/* ------------------------------------------------------------- figures */

/* Rates per second of one repetition, and their medians. */
struct rates {
	double one, many, store, raw;
};

enum { ONE, MANY, STORE, RAW, ONE_VS_RAW, MANY_VS_RAW, N_SERIES };

struct series {
	double *v[N_SERIES];
	int n;
};

static double per_s_of(double seconds_per_write)
{
	return seconds_per_write > 0 ? 1 / seconds_per_write : -1;
}

/* Seconds per message of the single session, -1 on failure. */
static double single(struct bench *b, struct saver *s)
{
	double t0 = bench_now_s();
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t rows;
	int i;

	for (i = 0; i < b->messages && rv == MAPI_E_SUCCESS; i++) {
		TALLOC_CTX *tmp = talloc_new(b->mem);

		rv = save_message(s, tmp, &rows);
		talloc_free(tmp);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench_emsmdb: message saves: %s\n",
			mapi_status_string(rv));
		return -1;
	}
	return (bench_now_s() - t0) / b->messages;
}

/* One repetition: the single session, the store, raw ldb, the
 * concurrent sessions. */
static bool repetition(struct bench *b, struct saver *s,
		       struct bench_store_scratch *scratch, struct rates *r)
{
	r->one = per_s_of(single(b, s));
	r->store = r->one > 0 ?
		   per_s_of(bench_store_scratch_saves(scratch, b->messages))
		   : -1;
	r->raw = r->store > 0 ?
		 per_s_of(bench_store_scratch_raw(scratch, b->messages)) : -1;
	r->many = r->raw > 0 ? concurrent_round(b) : -1;
	return r->many > 0;
}

static bool measure(struct bench *b, TALLOC_CTX *mem_ctx, struct saver *s,
		    struct bench_store_scratch *scratch, struct series *out)
{
	double start = bench_now_s();
	struct rates r;
	int i, k;

	for (k = 0; k < N_SERIES; k++) {
		out->v[k] = talloc_array(mem_ctx, double, b->cfg.reps);
		if (out->v[k] == NULL) {
			return false;
		}
	}
	for (i = 0; i < b->cfg.warmup + b->cfg.reps; i++) {
		if (!repetition(b, s, scratch, &r)) {
			return false;
		}
		if (i < b->cfg.warmup) {
			continue;
		}
		out->v[ONE][out->n] = r.one;
		out->v[MANY][out->n] = r.many;
		out->v[STORE][out->n] = r.store;
		out->v[RAW][out->n] = r.raw;
		out->v[ONE_VS_RAW][out->n] = r.one / r.raw;
		out->v[MANY_VS_RAW][out->n++] = r.many / r.raw;
		if (bench_now_s() - start > b->cfg.budget_s) {
			break;
		}
	}
	return out->n > 0;
}

/* <key>, <key>_vs_null_ratio, <key>_vs_raw_ldb_write_ratio */
static void json_rate(struct bench *b, const char *key, double per_s,
		      double vs_raw)
{
	char k[96];

	bench_json_num(b, key, per_s);
	snprintf(k, sizeof(k), "%s_vs_null_ratio", key);
	bench_json_num(b, k, per_s > 0 ? b->null_m.median_s * per_s : -1);
	snprintf(k, sizeof(k), "%s_vs_raw_ldb_write_ratio", key);
	bench_json_num(b, k, vs_raw);
}

static void report(struct bench *b, struct series *s)
{
	double m[N_SERIES];
	char key[64];
	int k;

	for (k = 0; k < N_SERIES; k++) {
		m[k] = bench_median(s->v[k], s->n);
	}
	printf("%-36s %10.0f msg/s  %6.2f x raw ldb_add\n",
	       "message saves, 1 session", m[ONE], m[ONE_VS_RAW]);
	printf("%-36s %10.0f msg/s  %6.2f x raw ldb_add  (%d sessions)\n",
	       "message saves, concurrent", m[MANY], m[MANY_VS_RAW],
	       b->concurrent);
	printf("%-36s %10.0f /s\n", "store library saves (no RPC)", m[STORE]);
	printf("%-36s %10.0f /s\n", "raw ldb_add, same record", m[RAW]);
	bench_json_str(b, "msg_save", "RopCreateMessage + RopSetProperties "
		       "(20 properties, 4 KB body) + RopSaveChangesMessage + "
		       "RopRelease in one EcDoRpcExt2");
	bench_json_int(b, "msg_save_per_rep", b->messages);
	bench_json_int(b, "msg_save_reps", s->n);
	json_rate(b, "msg_save_per_s", m[ONE], m[ONE_VS_RAW]);
	bench_json_int(b, "msg_save_concurrent_sessions", b->concurrent);
	snprintf(key, sizeof(key), "msg_save_per_s_%d_sessions",
		 b->concurrent);
	json_rate(b, key, m[MANY], m[MANY_VS_RAW]);
	bench_json_num(b, "store_save_per_s", m[STORE]);
	bench_json_num(b, "raw_ldb_write_per_s", m[RAW]);
	bench_json_num(b, "target_msg_save_vs_raw_ldb_write_ratio",
		       TARGET_VS_RAW);
	bench_json_flag(b, "target_msg_save_met",
			m[ONE_VS_RAW] >= TARGET_VS_RAW);
	bench_json_flag(b, "target_msg_save_concurrent_met",
			m[MANY_VS_RAW] >= TARGET_VS_RAW);
}

int bench_workload_messages(struct bench *b)
{
	struct bench_store_params p = {
		.parent = b->scratch_dir ? b->scratch_dir : "/tmp",
		.backend = MSTORE_BACKEND_DEFAULT, .count = b->messages,
		.body_len = BODY_LEN, .seed = SEED
	};
	TALLOC_CTX *mem = talloc_new(b->mem);
	struct bench_store_scratch *scratch;
	struct series series = { .n = 0 };
	struct saver s = { 0 };
	struct mapi_emsmdb *e;
	struct mapi_logon *logon;
	enum MAPISTATUS rv;
	bool ok;

	bench_json_str(b, "msg_save_user", b->writer.params.username);
	rv = bench_session(&b->writer, mem, b->rpc, &e, &logon);
	if (rv == MAPI_E_SUCCESS) {
		rv = saver_init(&s, mem, logon, 0);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench_emsmdb: throughput folder: %s\n",
			mapi_status_string(rv));
		talloc_free(mem);
		return 1;
	}
	scratch = bench_store_scratch_new(mem, &p);
	ok = scratch != NULL && measure(b, mem, &s, scratch, &series);
	if (ok) {
		report(b, &series);
	}
	talloc_free(mem);
	return ok ? 0 : 1;
}
