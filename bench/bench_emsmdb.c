/*
 * bench_emsmdb: the message store protocol measured as a real client
 * sees it, over ncacn_ip_tcp with NTLM and sealing, against Samba's own
 * trivial RPC call on the same DC (issue 7, workloads 2, 3, 4 and 7).
 *
 * Baseline: mgmt inq_if_ids on a sealed connection to the EMSMDB
 * endpoint, measured once; every figure is given with its ratio to it.
 * Then, one file each:
 *   rop       (bench_emsmdb_rop.c) EcDoRpcExt2 carrying one trivial ROP;
 *   messages  (bench_emsmdb_msg.c) message saves over one and several
 *             sessions, against the store's own and raw ldb write rates;
 *   contents  (bench_emsmdb_table.c) contents tables of folders that
 *             bench_contents_populate filled;
 *   memory    (bench_emsmdb_mem.c) the server's memory per idle session
 *             and per open contents table.
 * Nothing is skipped silently: a part that cannot measure says so in the
 * JSON, and the program fails.
 */
#include <stdlib.h>
#include <string.h>
#include <popt.h>
#include <util/debug.h>
#include <dcerpc.h>
#include <ndr.h>

#include "bench_emsmdb.h"
#include "gen_ndr/ndr_exchange_emsmdb.h"

bool bench_part(const struct bench *b, const char *name)
{
	const char *p = b->only;
	size_t n = strlen(name);

	if (p == NULL) {
		return true;
	}
	while ((p = strstr(p, name)) != NULL) {
		if ((p == b->only || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0')) {
			return true;
		}
		p += n;
	}
	return false;
}

double bench_per_s(double seconds)
{
	return seconds > 0 ? 1 / seconds : -1;
}

enum MAPISTATUS bench_rop_status(const struct RopResponse *r)
{
	/* every Rop*_resp starts with a handle index and ReturnValue (the
	 * generated structures share this layout, see libmapi/emsmdb.c) */
	struct {
		uint8_t handle_index;
		enum MAPISTATUS return_value;
	} prefix;

	memcpy(&prefix, &r->Body, sizeof(prefix));
	return prefix.return_value;
}

enum MAPISTATUS bench_session(const struct bench_account *a,
			      TALLOC_CTX *mem_ctx,
			      struct mapi_rpc_context *rpc,
			      struct mapi_emsmdb **e,
			      struct mapi_logon **logon)
{
	enum MAPISTATUS rv = mapi_emsmdb_connect(mem_ctx, rpc, &a->params,
						 a->dn, e);

	return rv != MAPI_E_SUCCESS ? rv :
	       mapi_logon_private(mem_ctx, *e, 0, a->dn, logon);
}

enum MAPISTATUS bench_ipm_folder(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, const char *name,
				 uint64_t *fid, uint32_t *handle,
				 bool *existed)
{
	struct mapi_folder_create_options o = { .open_existing = true };
	uint32_t ipm, h;
	enum MAPISTATUS rv;

	rv = mapi_folder_open(logon, mem_ctx, logon->handle,
			      logon->folder_ids[MAPI_LOGON_IPM_SUBTREE], &ipm);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_folder_create(logon, mem_ctx, ipm, name, &o, fid, &h,
				existed);
	/* releases the new folder's object too, a child of the subtree's */
	mapi_object_release(logon, ipm);
	if (rv == MAPI_E_SUCCESS && handle != NULL) {
		rv = mapi_folder_open(logon, mem_ctx, logon->handle, *fid,
				      handle);
	}
	return rv;
}

void bench_json_str(struct bench *b, const char *key, const char *value)
{
	if (b->json != NULL) {
		fprintf(b->json, "  \"%s\": \"%s\",\n", key, value);
	}
}

void bench_json_num(struct bench *b, const char *key, double v)
{
	if (b->json != NULL) {
		bench_json_number(b->json, key, v, false);
	}
}

void bench_json_int(struct bench *b, const char *key, long v)
{
	if (b->json != NULL) {
		fprintf(b->json, "  \"%s\": %ld,\n", key, v);
	}
}

void bench_json_flag(struct bench *b, const char *key, bool v)
{
	if (b->json != NULL) {
		fprintf(b->json, "  \"%s\": %s,\n", key, bench_json_bool(v));
	}
}

/* The account's legacyExchangeDN: --user-dn / --writer-dn, else from the
 * address book (whose first use makes the server build its directory
 * snapshot, leaving much freed memory that the memory figures would
 * then not see). */
static bool own_dn(struct bench *b, struct bench_account *a,
		   const char *given)
{
	uint32_t tag = 0x3003001F;	/* PidTagEmailAddress */
	struct PropertyTagArray_r *tags = mapi_nspi_tags(b->mem, 1, &tag);
	struct mapi_nspi_resolved *r;
	struct mapi_nspi *nspi;
	const char *name = a->params.username;

	if (given != NULL) {
		a->dn = talloc_strdup(b->mem, given);
		return a->dn != NULL;
	}
	if (mapi_nspi_connect(b->mem, b->rpc, &a->params, 1252, 0x409,
			      &nspi) != MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, b->mem, &name, 1, tags, &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		fprintf(stderr, "bench_emsmdb: cannot resolve %s\n", name);
		return false;
	}
	a->dn = talloc_strdup(b->mem, mapi_nspi_row_string(r[0].row,
							   0x3003));
	talloc_free(nspi);
	return a->dn != NULL;
}

/* The writer: --writer, else the user. */
static bool writer(struct bench *b)
{
	if (b->writer_string == NULL) {
		b->writer = b->user;
		return true;
	}
	b->writer.params = b->user.params;
	b->writer.params.password = NULL;
	mapi_rpc_params_parse_user(b->mem, &b->writer.params,
				   b->writer_string);
	return own_dn(b, &b->writer, b->writer_dn);
}

/* The session, the logon and the baseline every part shares. */
static int setup(struct bench *b)
{
	enum MAPISTATUS rv;
	NTSTATUS status;

	if (!own_dn(b, &b->user, b->user_dn) || !writer(b)) {
		return 1;
	}
	rv = bench_session(&b->user, b->mem, b->rpc, &b->emsmdb, &b->logon);
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "bench_emsmdb: session and logon: %s\n",
			mapi_status_string(rv));
		return 1;
	}
	status = bench_mgmt_connect(b->mem, b->rpc, &b->user.params,
				    &ndr_table_exchange_emsmdb, &b->mgmt);
	if (!NT_STATUS_IS_OK(status)) {
		fprintf(stderr, "bench_emsmdb: mgmt connection: %s\n",
			nt_errstr(status));
		return 1;
	}
	b->null_m.key = "baseline_null_call";
	bench_run_measure(&b->cfg, &b->null_m, bench_null_call, b->mgmt,
			  b->null_calls);
	if (b->null_m.median_s < 0) {
		fprintf(stderr, "bench_emsmdb: the baseline failed\n");
		return 1;
	}
	printf("%-36s %10.0f calls/s\n", "baseline mgmt inq_if_ids",
	       1 / b->null_m.median_s);
	return 0;
}

static int run(struct bench *b, const char *json)
{
	int rc;

	if (json != NULL && (b->json = fopen(json, "w")) == NULL) {
		perror(json);
		return 1;
	}
	if (b->json != NULL) {
		bench_json_header(b->json, "emsmdb", &b->cfg);
	}
	rc = setup(b);
	if (rc == 0) {
		bench_json_int(b, "baseline_calls_per_rep", b->null_calls);
		bench_json_num(b, "baseline_null_call_s", b->null_m.median_s);
		bench_json_num(b, "baseline_null_calls_per_s",
			       bench_per_s(b->null_m.median_s));
	}
	if (rc == 0 && bench_part(b, "rop")) {
		rc |= bench_workload_rop(b);
	}
	/* memory before the parts that make the server's heap grow */
	if (rc == 0 && bench_part(b, "memory")) {
		rc |= bench_workload_memory(b);
	}
	if (rc == 0 && bench_part(b, "messages")) {
		rc |= bench_workload_messages(b);
	}
	if (rc == 0 && bench_part(b, "contents")) {
		rc |= bench_workload_contents(b);
	}
	if (b->json != NULL) {
		fprintf(b->json, "  \"complete\": %s\n}\n",
			bench_json_bool(rc == 0));
		if (fclose(b->json) != 0) {
			rc = 1;
		}
	}
	return rc;
}

int main(int argc, const char **argv)
{
	struct bench b = { .cfg = { .reps = 5, .warmup = 1, .budget_s = 60 },
			   .null_calls = 2000, .rop_calls = 2000,
			   .messages = 200, .concurrent = 8,
			   .sessions = 500 };
	char *json = NULL;
	int opt, rc = 2;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&b.cl),
		BENCH_POPT_TIMING(&b.cfg),
		{ "null-calls", 0, POPT_ARG_INT, &b.null_calls, 0,
		  "Baseline calls per repetition (default 2000)", "N" },
		{ "rop-calls", 0, POPT_ARG_INT, &b.rop_calls, 0,
		  "ROP calls per repetition (default 2000)", "N" },
		{ "messages", 0, POPT_ARG_INT, &b.messages, 0,
		  "Message saves per session and repetition (default 200)",
		  "N" },
		{ "concurrent", 0, POPT_ARG_INT, &b.concurrent, 0,
		  "Sessions saving at once (default 8)", "N" },
		{ "scratch-dir", 0, POPT_ARG_STRING, &b.scratch_dir, 0,
		  "Directory for the store's own write rates, on the "
		  "server's file system (default /tmp)", "DIR" },
		{ "contents", 0, POPT_ARG_STRING, &b.contents, 0,
		  "Sizes of the populated folders (default "
		  "1000,10000,100000)", "N,..." },
		{ "sessions", 0, POPT_ARG_INT, &b.sessions, 0,
		  "Sessions for the memory figures (default 500)", "N" },
		{ "table-folder", 0, POPT_ARG_STRING, &b.table_folder, 0,
		  "Folder of the tables kept open for the memory figure "
		  "(default \"bench contents 1000\")", "NAME" },
		{ "server-pid", 0, POPT_ARG_LONG, &b.server_pid, 0,
		  "The server's process, for its memory", "PID" },
		{ "writer", 0, POPT_ARG_STRING, &b.writer_string, 0,
		  "Mailbox user of the message saves (default: -U)",
		  "[DOMAIN\\]USERNAME[%PASSWORD]" },
		{ "user-dn", 0, POPT_ARG_STRING, &b.user_dn, 0,
		  "legacyExchangeDN of -U (default: asked of the address "
		  "book)", "DN" },
		{ "writer-dn", 0, POPT_ARG_STRING, &b.writer_dn, 0,
		  "legacyExchangeDN of --writer", "DN" },
		{ "only", 0, POPT_ARG_STRING, &b.only, 0,
		  "Parts to run: rop,messages,contents,memory (default all)",
		  "LIST" },
		{ "json", 0, POPT_ARG_STRING, &json, 0,
		  "Write the results to this JSON file", "FILE" },
		POPT_TABLEEND
	};

	b.mem = talloc_new(NULL);
	b.cfg.mem = b.mem;
	pc = poptGetContext("bench_emsmdb", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || b.cl.user == NULL || b.cfg.reps < 1 ||
	    b.cfg.warmup < 0 || b.null_calls < 1 || b.rop_calls < 1 ||
	    b.messages < 1 || b.concurrent < 1 || b.sessions < 0) {
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	b.rpc = mapi_cmdline_setup(b.mem, "bench_emsmdb", &b.cl,
				   &b.user.params);
	if (b.rpc == NULL) {
		rc = 1;
		goto out;
	}
	rc = run(&b, json);
out:
	poptFreeContext(pc);
	talloc_free(b.mem);
	mapi_cmdline_free(&b.cl);
	free(b.scratch_dir);
	free(b.contents);
	free(b.table_folder);
	free(b.only);
	free(b.writer_string);
	free(b.user_dn);
	free(b.writer_dn);
	free(json);
	return rc;
}
