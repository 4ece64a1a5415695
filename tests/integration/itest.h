/*
 * A minimal harness for integration suites that talk to torture/testenv.
 *
 * Each test is a function returning true on success; failures print why.
 * The run ends with the line "N passed, N failed" that tests/run-tests and
 * CI read.  The server and credentials come from torture/testenv's env.sh.
 */
#ifndef ITEST_H
#define ITEST_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <util/debug.h>
#include <ndr.h>
#include <dcerpc.h>

#include "libmapi/mapi_rpc.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct itest_env {
	TALLOC_CTX *mem_ctx;
	struct mapi_rpc_context *rpc;
	struct mapi_rpc_params user;	/* first test user, sealed NTLM */
	struct mapi_rpc_params user2;	/* second test user */
	const char *smb_conf;
};

struct itest {
	const char *name;
	bool (*fn)(struct itest_env *env, TALLOC_CTX *mem_ctx);
};

#define ITEST_FAIL(...) do { \
	printf("    "); printf(__VA_ARGS__); printf("\n"); \
	return false; \
} while (0)

#define ITEST_ASSERT(cond, ...) do { \
	if (!(cond)) { ITEST_FAIL(__VA_ARGS__); } \
} while (0)

#define ITEST_NTSTATUS(status, expected) do { \
	NTSTATUS _s = (status); \
	if (!NT_STATUS_EQUAL(_s, (expected))) { \
		ITEST_FAIL("%s:%d: got %s, expected %s", __FILE__, __LINE__, \
			   nt_errstr(_s), nt_errstr(expected)); \
	} \
} while (0)

#define ITEST_OK(status) ITEST_NTSTATUS(status, NT_STATUS_OK)

static inline bool itest_user_from_env(TALLOC_CTX *mem_ctx, int index,
				       struct mapi_rpc_params *p)
{
	const char *users = getenv("TEST_USERS");
	char *copy, *tok, *save = NULL;
	int i = 0;

	if (users == NULL) {
		return false;
	}
	copy = talloc_strdup(mem_ctx, users);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save), i++) {
		char *colon = strchr(tok, ':');

		if (i != index || colon == NULL) {
			continue;
		}
		*colon = '\0';
		p->server = getenv("SERVER");
		p->username = tok;
		p->password = colon + 1;
		p->domain = getenv("DOMAIN");
		return p->server != NULL && p->domain != NULL;
	}
	return false;
}

static inline int itest_main(const char *suite, const struct itest *tests,
			     size_t count, int argc, const char **argv)
{
	struct itest_env env = { 0 };
	size_t i, passed = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	env.mem_ctx = talloc_new(NULL);
	env.smb_conf = getenv("SMB_CONF");
	setup_logging(suite, DEBUG_STDERR);
	if (!itest_user_from_env(env.mem_ctx, 0, &env.user) ||
	    !itest_user_from_env(env.mem_ctx, 1, &env.user2)) {
		printf("%s: SERVER, DOMAIN and TEST_USERS must be set "
		       "(source the env.sh of torture/testenv)\n", suite);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	env.rpc = mapi_rpc_context_init(env.mem_ctx, env.smb_conf);
	if (env.rpc == NULL) {
		printf("%s: cannot initialise the RPC client\n", suite);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	printf("# suite %s against %s\n", suite, env.user.server);
	for (i = 0; i < count; i++) {
		TALLOC_CTX *tmp;
		bool ok;

		if (only != NULL && strcmp(only, tests[i].name) != 0) {
			continue;
		}
		tmp = talloc_new(env.mem_ctx);
		ok = tests[i].fn(&env, tmp);
		talloc_free(tmp);
		printf("%s - %s\n", ok ? "ok" : "FAIL", tests[i].name);
		if (ok) {
			passed++;
		} else {
			failed++;
		}
	}
	talloc_free(env.mem_ctx);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}

#endif /* ITEST_H */
