/*
 * bench_emsmdb: the parts of the message store benchmark (issue 7,
 * workloads 2, 3, 4 and 7), one file each, sharing the session, the
 * baseline and the JSON file.
 */
#ifndef BENCH_EMSMDB_H
#define BENCH_EMSMDB_H

#include "bench_common.h"
#include "libmapi/mapi_cmdline.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"
#include "libmapi/table.h"

/* A mailbox user: how to connect, and the mailbox's DN. */
struct bench_account {
	struct mapi_rpc_params params;
	const char *dn;
};

struct bench {
	struct bench_cfg cfg;
	TALLOC_CTX *mem;
	struct mapi_cmdline cl;
	struct mapi_rpc_context *rpc;
	struct bench_account user;	/* -U: every part but the writes */
	struct bench_account writer;	/* --writer: the message saves */
	struct mapi_emsmdb *emsmdb;	/* the measuring session */
	struct mapi_logon *logon;	/* its logon (LogonId 0) */
	struct dcerpc_pipe *mgmt;
	struct bench_measure null_m;	/* the baseline of every ratio */
	FILE *json;
	/* settings */
	int null_calls, rop_calls;
	int messages;		/* message saves per repetition */
	int concurrent;		/* sessions of the concurrent run */
	int sessions;		/* sessions of the memory figures */
	long server_pid;
	char *scratch_dir;	/* for the store's own write rates */
	char *contents;		/* folder sizes of the contents tables */
	char *table_folder;	/* folder of the memory-per-table figure */
	char *only;		/* parts to run, comma separated */
	char *writer_string;	/* --writer */
	char *user_dn, *writer_dn;	/* --user-dn, --writer-dn */
};

/** @brief True if part @a name is to run (--only). */
bool bench_part(const struct bench *b, const char *name);

/** @brief A new session of @a a with a private logon (LogonId 0) to
 *  its mailbox. */
enum MAPISTATUS bench_session(const struct bench_account *a,
			      TALLOC_CTX *mem_ctx,
			      struct mapi_rpc_context *rpc,
			      struct mapi_emsmdb **e,
			      struct mapi_logon **logon);

/** @brief The ReturnValue of any ROP response (all share the layout). */
enum MAPISTATUS bench_rop_status(const struct RopResponse *r);

/** @brief Calls per second of a per-call time; -1 if unmeasured. */
double bench_per_s(double seconds);

/** @brief The folder @a name under the IPM subtree, made if missing,
 *  and opened through the logon into @a handle (may be NULL). */
enum MAPISTATUS bench_ipm_folder(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, const char *name,
				 uint64_t *fid, uint32_t *handle,
				 bool *existed);

/**
 * @brief Show folder @a fid as the contents workload does (open, table,
 * columns, sort, first page) and leave the folder and table open.
 */
enum MAPISTATUS bench_show_folder(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint64_t fid,
				  uint32_t *folder, uint32_t *table);

/* The workloads; each writes its figures into b->json (never the last
 * member) and returns 0, or 1 when it could not measure. */
int bench_workload_rop(struct bench *b);		/* 2 */
int bench_workload_messages(struct bench *b);		/* 3 */
int bench_workload_contents(struct bench *b);		/* 4 */
int bench_workload_memory(struct bench *b);		/* 7 */

/* JSON members of b->json, each followed by a comma. */
void bench_json_str(struct bench *b, const char *key, const char *value);
void bench_json_num(struct bench *b, const char *key, double v);
void bench_json_int(struct bench *b, const char *key, long v);
void bench_json_flag(struct bench *b, const char *key, bool v);

#endif /* BENCH_EMSMDB_H */
