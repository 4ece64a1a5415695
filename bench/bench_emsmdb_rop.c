/*
 * Workload 2: EcDoRpcExt2 carrying one trivial ROP on the logon, calls
 * per second against the baseline's (target: at least 0.8).
 *
 * The headline ROP is RopGetStoreState, the most trivial there is (no
 * store access, a 4-byte answer).  Also measured, on the same session:
 * RopGetPropertiesSpecific of one property of the logon
 * (PidTagStoreSupportMask, the first a client reads) and
 * RopGetReceiveFolder of IPM.Note (one store lookup), the ROP this
 * figure used before.
 *
 * The machine is shared, so each ROP is measured paired with the
 * baseline: repetitions of --null-calls baseline calls and of --rop-calls
 * ROP calls alternate, and the ratio is the median of the repetitions'
 * ratios (each pair saw the same load).  The CPU time per call of the
 * server process (--server-pid) and of this client, summed over the
 * repetitions, tell where a call's time goes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_emsmdb.h"

#define TARGET_ROP_VS_NULL	0.8	/* ROP calls/s over null calls/s */
#define PidTagStoreSupportMask	0x340D0003

static enum MAPISTATUS get_store_state(void *ctx, TALLOC_CTX *mem_ctx,
				       uint32_t *rows)
{
	struct bench *b = ctx;
	struct RopRequest req = { .RopId = RopGetStoreState };
	struct RopResponse *resp;

	*rows = 1;
	return mapi_logon_rop(b->logon, mem_ctx, b->logon->handle, &req,
			      &resp, NULL);
}

static enum MAPISTATUS get_one_prop(void *ctx, TALLOC_CTX *mem_ctx,
				    uint32_t *rows)
{
	struct bench *b = ctx;
	const uint32_t tag = PidTagStoreSupportMask;
	struct property_row row;

	*rows = 1;
	return mapi_props_get(b->logon, mem_ctx, b->logon->handle, &tag, 1,
			      true, 0, &row);
}

static enum MAPISTATUS get_receive_folder(void *ctx, TALLOC_CTX *mem_ctx,
					  uint32_t *rows)
{
	struct bench *b = ctx;
	struct RopRequest req = { .RopId = RopGetReceiveFolder };
	struct RopResponse *resp;

	req.Body.GetReceiveFolder.MessageClass = "IPM.Note";
	*rows = 1;
	return mapi_logon_rop(b->logon, mem_ctx, b->logon->handle, &req,
			      &resp, NULL);
}

/* CPU seconds used so far by the server and by this process. */
struct cpu {
	double server, client;
};

struct paired {
	struct bench_measure rop;	/* the ROP's median per call */
	double null_s;			/* its paired baseline's median */
	double ratio;			/* median of the pairs' ratios */
	struct cpu null_cpu, rop_cpu;	/* summed over the repetitions */
	long calls_null, calls_rop;
};

/* utime + stime of a process (/proc/PID/stat fields 14 and 15); -1 if
 * unknown. */
static double process_cpu_s(long pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL) {
		return -1;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* after the command name */
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u "
				"%*u %*u %lu %lu", &ut, &st) != 2) {
		return -1;
	}
	return (double)(ut + st) / sysconf(_SC_CLK_TCK);
}

static void cpu_now(const struct bench *b, struct cpu *c)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	c->client = ts.tv_sec + ts.tv_nsec / 1e9;
	c->server = b->server_pid > 0 ? process_cpu_s(b->server_pid) : -1;
}

static void cpu_add(struct cpu *sum, const struct cpu *from,
		    const struct cpu *to)
{
	sum->client += to->client - from->client;
	sum->server = from->server < 0 || sum->server < 0 ? -1 :
		      sum->server + to->server - from->server;
}

/* The mean time per call of @a n calls; < 0 on failure. */
static double block(struct bench *b, bench_fn fn, void *ctx, int n,
		    enum MAPISTATUS *status)
{
	double t0 = bench_now_s();
	uint32_t rows;
	int i;

	for (i = 0; i < n && *status == MAPI_E_SUCCESS; i++) {
		TALLOC_CTX *tmp = talloc_new(b->mem);

		*status = fn(ctx, tmp, &rows);
		talloc_free(tmp);
	}
	return *status == MAPI_E_SUCCESS ? (bench_now_s() - t0) / n : -1;
}

/* Baseline and ROP repetitions in turn (after a warm-up of each). */
static void measure_paired(struct bench *b, bench_fn fn, struct paired *p)
{
	double *rop = talloc_array(b->mem, double, b->cfg.reps);
	double *null = talloc_array(b->mem, double, b->cfg.reps);
	double *ratio = talloc_array(b->mem, double, b->cfg.reps);
	double start = bench_now_s(), tn, tr;
	enum MAPISTATUS st = rop && null && ratio ? MAPI_E_SUCCESS
						  : MAPI_E_NOT_ENOUGH_MEMORY;
	int i, n = 0;

	for (i = 0; st == MAPI_E_SUCCESS &&
		    i < b->cfg.warmup + b->cfg.reps; i++) {
		struct cpu c0, c1, c2;

		cpu_now(b, &c0);
		tn = block(b, bench_null_call, b->mgmt, b->null_calls, &st);
		cpu_now(b, &c1);
		tr = block(b, fn, b, b->rop_calls, &st);
		cpu_now(b, &c2);
		if (st == MAPI_E_SUCCESS && i >= b->cfg.warmup) {
			rop[n] = tr;
			null[n] = tn;
			ratio[n++] = tn / tr;
			cpu_add(&p->null_cpu, &c0, &c1);
			cpu_add(&p->rop_cpu, &c1, &c2);
			p->calls_null += b->null_calls;
			p->calls_rop += b->rop_calls;
		}
		if (n > 0 && bench_now_s() - start > b->cfg.budget_s) {
			break;
		}
	}
	p->rop.status = st;
	p->rop.implemented = st != MAPI_E_NO_SUPPORT;
	p->rop.reps = n;
	p->rop.rows = 1;
	p->rop.median_s = st == MAPI_E_SUCCESS && n > 0 ?
			  bench_median(rop, n) : -1;
	p->null_s = st == MAPI_E_SUCCESS && n > 0 ? bench_median(null, n)
						  : -1;
	p->ratio = st == MAPI_E_SUCCESS && n > 0 ? bench_median(ratio, n)
						 : -1;
	talloc_free(rop);
	talloc_free(null);
	talloc_free(ratio);
}

static double per_call_us(double seconds, long calls)
{
	return seconds >= 0 && calls > 0 ? seconds / calls * 1e6 : -1;
}

/* <name>_{server,client}_cpu_us and the baseline's, paired with it */
static void json_cpu(struct bench *b, const char *name,
		     const struct paired *p)
{
	char key[96];

	snprintf(key, sizeof(key), "%s_server_cpu_us", name);
	bench_json_num(b, key, per_call_us(p->rop_cpu.server, p->calls_rop));
	snprintf(key, sizeof(key), "%s_client_cpu_us", name);
	bench_json_num(b, key, per_call_us(p->rop_cpu.client, p->calls_rop));
	snprintf(key, sizeof(key), "%s_null_server_cpu_us", name);
	bench_json_num(b, key, per_call_us(p->null_cpu.server,
					   p->calls_null));
	snprintf(key, sizeof(key), "%s_null_client_cpu_us", name);
	bench_json_num(b, key, per_call_us(p->null_cpu.client,
					   p->calls_null));
}

/* One ROP's figures: <name>_calls_per_s and <name>_vs_null_ratio
 * (calls/s over the baseline's), besides its time and time ratio
 * (bench_json_measure), all against the baseline paired with it. */
static int measure(struct bench *b, struct paired *p, bench_fn fn,
		   const char *name, const char *label)
{
	char key[96];

	measure_paired(b, fn, p);
	if (p->rop.median_s < 0) {
		fprintf(stderr, "bench_emsmdb: %s failed (%s)\n", label,
			mapi_status_string(p->rop.status));
		return 1;
	}
	printf("%-36s %10.0f calls/s  %6.2f x null calls/s\n", label,
	       1 / p->rop.median_s, p->ratio);
	printf("%-36s server %5.1f us (null %5.1f), client %5.1f us "
	       "(null %5.1f)\n", "  CPU per call",
	       per_call_us(p->rop_cpu.server, p->calls_rop),
	       per_call_us(p->null_cpu.server, p->calls_null),
	       per_call_us(p->rop_cpu.client, p->calls_rop),
	       per_call_us(p->null_cpu.client, p->calls_null));
	json_cpu(b, name, p);
	snprintf(key, sizeof(key), "%s_null_call_s", name);
	bench_json_num(b, key, p->null_s);
	if (b->json != NULL) {
		bench_json_measure(b->json, &p->rop, p->null_s);
	}
	snprintf(key, sizeof(key), "%s_calls_per_s", name);
	bench_json_num(b, key, bench_per_s(p->rop.median_s));
	snprintf(key, sizeof(key), "%s_vs_null_ratio", name);
	bench_json_num(b, key, p->ratio);
	return 0;
}

int bench_workload_rop(struct bench *b)
{
	struct paired state = { .rop.key = "emsmdb_get_store_state" };
	struct paired props = { .rop.key = "emsmdb_get_props_one" };
	struct paired recv = { .rop.key = "emsmdb_get_receive_folder" };
	int rc;

	bench_json_str(b, "rop", "RopGetStoreState on the logon");
	bench_json_str(b, "rop_ratio", "calls/s over the baseline's: median "
		       "of the ratios of alternating repetitions");
	rc = measure(b, &state, get_store_state, "rop",
		     "EcDoRpcExt2 + RopGetStoreState");
	rc |= measure(b, &props, get_one_prop, "rop_getprops",
		      "EcDoRpcExt2 + GetPropertiesSpecific");
	rc |= measure(b, &recv, get_receive_folder, "rop_receive_folder",
		      "EcDoRpcExt2 + RopGetReceiveFolder");
	bench_json_num(b, "target_rop_vs_null_ratio", TARGET_ROP_VS_NULL);
	bench_json_flag(b, "target_rop_vs_null_met",
			state.ratio >= TARGET_ROP_VS_NULL);
	return rc;
}
