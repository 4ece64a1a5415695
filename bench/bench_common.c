/*
 * Shared parts of the benchmark programs (see bench_common.h).
 */
#include "bench_common.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dcerpc.h>
#include <ndr.h>

/* Samba's generated mgmt client (libdcerpc) and its interface table
 * (libndr-samba); Samba installs no header for them. */
extern const struct ndr_interface_table ndr_table_mgmt;
struct rpc_if_id_vector_t;
NTSTATUS dcerpc_mgmt_inq_if_ids(struct dcerpc_binding_handle *h,
				TALLOC_CTX *mem_ctx,
				struct rpc_if_id_vector_t **if_id_vector,
				WERROR *result);

NTSTATUS bench_mgmt_connect(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *rpc,
			    const struct mapi_rpc_params *params,
			    const struct ndr_interface_table *table,
			    struct dcerpc_pipe **mgmt)
{
	struct mapi_rpc_params p = *params;
	const char *port = NULL;
	NTSTATUS status;

	status = mapi_rpc_map_endpoint(mem_ctx, rpc, params->server, table,
				       &port);
	if (!NT_STATUS_IS_OK(status)) {
		return status;
	}
	p.options = talloc_asprintf(mem_ctx, "%s,seal", port);
	return mapi_rpc_connect(mem_ctx, rpc, &p, &ndr_table_mgmt, mgmt);
}

enum MAPISTATUS bench_null_call(void *mgmt_pipe, TALLOC_CTX *mem_ctx,
				uint32_t *rows)
{
	struct dcerpc_pipe *p = mgmt_pipe;
	struct rpc_if_id_vector_t *v = NULL;
	WERROR werr;
	NTSTATUS status;

	status = dcerpc_mgmt_inq_if_ids(p->binding_handle, mem_ctx, &v, &werr);
	*rows = 0;
	if (!NT_STATUS_IS_OK(status) || !W_ERROR_IS_OK(werr)) {
		return MAPI_E_CALL_FAILED;
	}
	return MAPI_E_SUCCESS;
}

double bench_ratio(const struct bench_measure *m, double null_s)
{
	return m->median_s < 0 || null_s <= 0 ? -1 : m->median_s / null_s;
}

const char *bench_json_bool(bool v)
{
	return v ? "true" : "false";
}

void bench_json_number(FILE *f, const char *key, double v, bool last)
{
	if (v < 0) {
		fprintf(f, "  \"%s\": null%s\n", key, last ? "" : ",");
	} else {
		fprintf(f, "  \"%s\": %.6g%s\n", key, v, last ? "" : ",");
	}
}

void bench_json_measure(FILE *f, const struct bench_measure *m,
			double null_s)
{
	char key[128];

	snprintf(key, sizeof(key), "%s_s", m->key);
	bench_json_number(f, key, m->median_s, false);
	snprintf(key, sizeof(key), "%s_vs_null_ratio", m->key);
	bench_json_number(f, key, bench_ratio(m, null_s), false);
	fprintf(f, "  \"%s_reps\": %d,\n", m->key, m->reps);
	fprintf(f, "  \"%s_rows\": %u,\n", m->key, m->rows);
	fprintf(f, "  \"%s_implemented\": %s,\n", m->key,
		bench_json_bool(m->implemented));
	fprintf(f, "  \"%s_status\": \"%s\",\n", m->key,
		mapi_status_string(m->status));
}

void bench_json_header(FILE *f, const char *name,
		       const struct bench_cfg *cfg)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	fprintf(f, "{\n  \"benchmark\": \"%s\",\n", name);
	fprintf(f, "  \"date\": \"%s\",\n", when);
	fprintf(f, "  \"transport\": \"ncacn_ip_tcp, NTLM, sealed\",\n");
	fprintf(f, "  \"nproc\": %ld,\n", sysconf(_SC_NPROCESSORS_ONLN));
	fprintf(f, "  \"repetitions\": %d,\n  \"warmup\": %d,\n", cfg->reps,
		cfg->warmup);
	fprintf(f, "  \"statistic\": \"median\",\n");
	fprintf(f, "  \"baseline_call\": \"mgmt inq_if_ids (Samba)\",\n");
}

void bench_report(const struct bench_measure *m, double null_s)
{
	if (m->median_s < 0) {
		printf("%-34s %s (%s)\n", m->key,
		       m->implemented ? "FAILED" : "not implemented",
		       mapi_status_string(m->status));
		return;
	}
	printf("%-34s %10.6f s  %8.1f x null  (%u rows, %d reps)\n", m->key,
	       m->median_s, bench_ratio(m, null_s), m->rows, m->reps);
}
