/*
 * What the benchmark programs that talk to the server share: Samba's
 * null RPC call as the baseline, and JSON/console output (timing: see
 * bench_timing.h).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdio.h>

#include "bench_timing.h"
#include "libmapi/mapi_rpc.h"
#include "libmapi/nspi.h"

struct dcerpc_pipe;
struct ndr_interface_table;

/* Samba's own trivial call: mgmt inq_if_ids on a sealed connection to
 * the endpoint of @a table. */
NTSTATUS bench_mgmt_connect(TALLOC_CTX *mem_ctx, struct mapi_rpc_context *rpc,
			    const struct mapi_rpc_params *params,
			    const struct ndr_interface_table *table,
			    struct dcerpc_pipe **mgmt);
enum MAPISTATUS bench_null_call(void *mgmt_pipe, TALLOC_CTX *mem_ctx,
				uint32_t *rows);

double bench_ratio(const struct bench_measure *m, double null_s);
const char *bench_json_bool(bool v);
void bench_json_number(FILE *f, const char *key, double v, bool last);
void bench_json_measure(FILE *f, const struct bench_measure *m,
			double null_s);
void bench_json_header(FILE *f, const char *name,
		       const struct bench_cfg *cfg);
void bench_report(const struct bench_measure *m, double null_s);

#endif /* BENCH_COMMON_H */
