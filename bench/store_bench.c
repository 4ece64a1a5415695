/*
 * store_bench: message saves per second with each ldb backend of the
 * message store (tdb and LMDB), in a temporary directory.
 *
 *   store_bench [MESSAGES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "store/store.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int save_one(struct mstore *store, uint64_t fid, int i)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mstore_message *msg;
	struct mstore_value v[3];
	char body[2048];
	int ok, r1 = -1, r2 = -1, r3 = -1;

	memset(body, 'a' + i % 26, sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	v[0].tag = 0x0037001F;	/* PidTagSubject */
	v[0].v.str = talloc_asprintf(tmp, "message %d", i);
	v[1].tag = 0x1000001F;	/* PidTagBody */
	v[1].v.str = body;
	v[2].tag = 0x001A001F;	/* PidTagMessageClass */
	v[2].v.str = "IPM.Note";
	ok = (r1 = mstore_message_create(tmp, store, fid, false, &msg)) == 0 &&
	     (r2 = mstore_message_set_props(msg, v, 3)) == 0 &&
	     (r3 = mstore_message_save(msg)) == 0;
	if (!ok) {
		fprintf(stderr, "create %x set %x save %x\n", r1, r2, r3);
	}
	talloc_free(tmp);
	return ok ? 0 : -1;
}

static double run(enum mstore_backend backend, const char *name, int n)
{
	char dir[] = "/tmp/store_bench.XXXXXX";
	struct mstore_open_params p = { 0 };
	struct mstore *store;
	uint64_t inbox;
	double t0, rate;
	char cmd[64];
	int i;

	if (mkdtemp(dir) == NULL) {
		return -1;
	}
	p.directory = dir;
	p.mailbox = "bench";
	p.backend = backend;
	p.create = true;
	if (mstore_open(NULL, &p, &store) != 0 ||
	    mstore_special_fid(store, MSTORE_INBOX, &inbox) != 0) {
		fprintf(stderr, "%s: cannot open a store\n", name);
		return -1;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		if (save_one(store, inbox, i) != 0) {
			fprintf(stderr, "%s: save %d failed\n", name, i);
			break;
		}
	}
	rate = i / (now() - t0);
	printf("%-5s %6d saves  %8.0f saves/s  (%s)\n", name, i, rate,
	       mstore_url(store));
	talloc_free(store);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "could not remove %s\n", dir);
	}
	return rate;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	double tdb, lmdb;

	tdb = run(MSTORE_BACKEND_TDB, "tdb", n);
	lmdb = run(MSTORE_BACKEND_LMDB, "lmdb", n);
	printf("faster: %s\n", tdb >= lmdb ? "tdb" : "lmdb");
	return tdb < 0 || lmdb < 0;
}
