/*
 * bench_contents_populate: folders of 1,000, 10,000 and 100,000 messages
 * in a mailbox of a test DC, for the contents table workload.
 *
 * The messages go in through the message store library, into the same
 * database the server opens (the store directory of its smb.conf): each
 * is one mstore_message_save(), the very call RopSaveChangesMessage
 * makes, so the folders hold what the server would have stored, without
 * 111,000 round trips.  Each message has the 20 properties of
 * bench_message.h (delivery times spread over two years, fixed seed) and
 * a plain text body.  The folders are "bench contents N" under the IPM
 * subtree; a folder that already holds N messages is left alone, one
 * that holds fewer is completed, so a second run adds nothing.
 *
 * The saves are grouped --batch at a time in one ldb transaction around
 * them (ldb counts nested transactions: each save's own commits with the
 * outer one).  Saved one by one, the folder would take hours: every save
 * rewrites the folder's whole index list (16 bytes per message in the
 * folder), which ldb keeps in memory within a transaction.  The store
 * has no public call for that outer transaction, so this program alone
 * reaches the store's ldb handle through store_private.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <popt.h>
#include <talloc.h>

#include "bench_message.h"
#include "bench_timing.h"
#include "store/store_private.h"	/* the ldb handle, see above */
#include <param.h>	/* after store.h: needs Samba's basic types */

struct populate {
	TALLOC_CTX *mem;
	struct mstore *store;
	uint32_t body_len;
	uint32_t batch;
	uint64_t seed;
};

static int fail(const char *what, enum MAPISTATUS rv)
{
	fprintf(stderr, "bench_contents_populate: %s: 0x%08x\n", what,
		(unsigned int)rv);
	return 1;
}

/* Message @a n of a folder: its own generator, so a resumed run makes
 * the same messages. */
static enum MAPISTATUS add_message(struct populate *p, uint64_t fid,
				   uint64_t n)
{
	TALLOC_CTX *tmp = talloc_new(p->mem);
	uint64_t rng = p->seed ^ ((n + 1) * 0x9E3779B97F4A7C15ULL);
	struct bench_message_spec spec;
	struct mstore_message *msg;
	struct mstore_value *v;
	uint32_t count;
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;

	bench_message_draw(&rng, p->body_len, &spec);
	if (tmp != NULL &&
	    bench_message_values(tmp, &rng, n, &spec, &v, &count)) {
		rv = mstore_message_create(tmp, p->store, fid, false, &msg);
		if (rv == MAPI_E_SUCCESS) {
			rv = mstore_message_set_props(msg, v, count);
		}
		if (rv == MAPI_E_SUCCESS) {
			rv = mstore_message_save(msg);
		}
	}
	talloc_free(tmp);
	return rv;
}

/* Messages @a first .. @a end - 1 in one outer transaction. */
static enum MAPISTATUS add_batch(struct populate *p, uint64_t fid,
				 uint32_t first, uint32_t end)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	uint32_t n;

	if (ldb_transaction_start(p->store->ldb) != LDB_SUCCESS) {
		return MAPI_E_DISK_ERROR;
	}
	for (n = first; n < end && rv == MAPI_E_SUCCESS; n++) {
		rv = add_message(p, fid, n);
	}
	if (rv != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(p->store->ldb);
		return rv;
	}
	return ldb_transaction_commit(p->store->ldb) == LDB_SUCCESS ?
	       MAPI_E_SUCCESS : MAPI_E_DISK_ERROR;
}

static enum MAPISTATUS content_count(struct populate *p, uint64_t fid,
				     uint32_t *count)
{
	uint32_t tag = MSTORE_PidTagContentCount;
	struct mstore_value *v;
	enum MAPISTATUS rv;

	rv = mstore_folder_get_props(p->mem, p->store, fid, &tag, 1, &v);
	if (rv == MAPI_E_SUCCESS) {
		*count = v[0].tag == tag ? (uint32_t)v[0].v.i32 : 0;
		talloc_free(v);
	}
	return rv;
}

/* The folder of @a want messages, made or completed. */
static int fill_folder(struct populate *p, uint64_t ipm, uint32_t want)
{
	char *name = talloc_asprintf(p->mem, "bench contents %u", want);
	uint32_t have = 0, n;
	uint64_t fid;
	double t0;
	enum MAPISTATUS rv;

	rv = mstore_folder_create(p->store, ipm, name, NULL, 0,
				  MSTORE_OPEN_IF_EXISTS, &fid, NULL);
	if (rv == MAPI_E_SUCCESS) {
		rv = content_count(p, fid, &have);
	}
	if (rv == MAPI_E_SUCCESS && have > want) {
		rv = mstore_folder_empty(p->store, fid, false);
		have = 0;
	}
	if (rv != MAPI_E_SUCCESS) {
		return fail(name, rv);
	}
	t0 = bench_now_s();
	for (n = have; n < want; n += p->batch) {
		rv = add_batch(p, fid, n, MIN(want, n + p->batch));
		if (rv != MAPI_E_SUCCESS) {
			return fail(name, rv);
		}
	}
	printf("bench_contents_populate: %s: %u present, %u added in "
	       "%.1f s\n", name, have, want - have, bench_now_s() - t0);
	talloc_free(name);
	return 0;
}

/* The server's store directory: "mapistore:directory", else "mapistore"
 * in Samba's private directory (providers/emsmdb/emsmdb_session.c). */
static const char *store_directory(TALLOC_CTX *mem_ctx,
				   const char *configfile)
{
	struct loadparm_context *lp = loadparm_init_global(true);
	const char *dir;

	if (lp == NULL || (configfile != NULL ? !lpcfg_load(lp, configfile)
					       : !lpcfg_load_default(lp))) {
		return NULL;
	}
	dir = lpcfg_parm_string(lp, NULL, "mapistore", "directory");
	dir = dir != NULL ? talloc_strdup(mem_ctx, dir)
			  : lpcfg_private_path(mem_ctx, lp, "mapistore");
	if (dir != NULL && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		return NULL;
	}
	return dir;
}

static int populate(struct populate *p, const char *dir,
		    const char *mailbox, const char *counts)
{
	struct mstore_open_params op = {
		.directory = dir, .mailbox = mailbox, .create = true
	};
	const char *c = counts;
	uint64_t ipm;
	enum MAPISTATUS rv;
	int rc = 0;

	rv = mstore_open(p->mem, &op, &p->store);
	if (rv == MAPI_E_SUCCESS) {
		rv = mstore_special_fid(p->store, MSTORE_IPM_SUBTREE, &ipm);
	}
	if (rv != MAPI_E_SUCCESS) {
		return fail(mailbox, rv);
	}
	while (rc == 0 && *c != '\0') {
		char *end;
		unsigned long n = strtoul(c, &end, 10);

		if (end == c || n == 0 || n > 1000000 ||
		    (*end != ',' && *end != '\0')) {
			fprintf(stderr, "bench_contents_populate: bad count "
				"list '%s'\n", counts);
			return 2;
		}
		rc = fill_folder(p, ipm, (uint32_t)n);
		c = *end == ',' ? end + 1 : end;
	}
	return rc;
}

int main(int argc, const char **argv)
{
	struct populate p = { .body_len = 1024, .batch = 2000,
			      .seed = 20261125 };
	char *configfile = NULL, *mailbox = NULL, *counts = NULL;
	const char *dir;
	int body = 1024, batch = 2000, seed = 20261125, opt, rc = 2;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		{ "configfile", 's', POPT_ARG_STRING, &configfile, 0,
		  "smb.conf of the DC", "CONFIGFILE" },
		{ "mailbox", 'm', POPT_ARG_STRING, &mailbox, 0,
		  "Account whose mailbox gets the folders", "ACCOUNT" },
		{ "counts", 'n', POPT_ARG_STRING, &counts, 0,
		  "Messages per folder (default 1000,10000,100000)", "N,..." },
		{ "body", 0, POPT_ARG_INT, &body, 0,
		  "Bytes of body per message (default 1024)", "N" },
		{ "batch", 0, POPT_ARG_INT, &batch, 0,
		  "Messages per ldb transaction (default 2000)", "N" },
		{ "seed", 0, POPT_ARG_INT, &seed, 0,
		  "Seed of the message generator", "SEED" },
		POPT_TABLEEND
	};

	p.mem = talloc_new(NULL);
	pc = poptGetContext("bench_contents_populate", argc, argv, options,
			    0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	if (opt < -1 || mailbox == NULL || body < 0 || body > 1 << 20 ||
	    batch < 1) {
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	p.body_len = (uint32_t)body;
	p.batch = (uint32_t)batch;
	p.seed = (uint64_t)seed;
	dir = store_directory(p.mem, configfile);
	if (dir == NULL) {
		fprintf(stderr, "bench_contents_populate: no store directory "
			"from %s\n", configfile ? configfile : "smb.conf");
		rc = 1;
		goto out;
	}
	rc = populate(&p, dir, mailbox,
		      counts != NULL ? counts : "1000,10000,100000");
out:
	poptFreeContext(pc);
	talloc_free(p.mem);
	free(configfile);
	free(mailbox);
	free(counts);
	return rc;
}
