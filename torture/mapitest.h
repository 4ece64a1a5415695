/**
 * @file mapitest.h
 * @brief mapitest: the protocol torture program's suite interface.
 *
 * A suite is one specification area (the address book, referrals, the
 * store, ...), written in its own file torture/mapitest_<area>.c, which
 * defines one const struct mapitest_suite and lists it in
 * mapitest_suites.c.  A test is a function that runs on its own: it opens
 * the connections it needs on the talloc context it is given (freed after
 * the test), undoes every change it makes, and returns how it went.  An
 * operation the server does not implement yet is reported with
 * mapitest_not_implemented(), never as a pass.
 */
#ifndef MAPITEST_H
#define MAPITEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <talloc.h>

#include "libmapi/mapi_rpc.h"
#include "libmapi/nspi.h"
#include "libmapi/profile.h"
#include "libmapi/session.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/** @brief How one test went. */
enum mapitest_result {
	MAPITEST_PASS = 0,		/**< everything checked held */
	MAPITEST_FAIL = 1,		/**< a check failed (see the note) */
	MAPITEST_NOT_IMPLEMENTED = 2	/**< the server lacks the operation */
};

/** @brief The run a test belongs to. */
struct mapitest {
	struct mapi_rpc_context *rpc;	/**< client state */
	struct mapi_rpc_params params;	/**< server and credentials */
	/** who the user is, as the address book says (mapi_profile_fetch()
	 *  at the start of the run): DN, home server, its FQDN */
	const struct mapi_profile *self;
	/** a second account (--peer) for the tests that need two users,
	 *  on the same server and domain */
	struct mapi_rpc_params peer;
	bool has_peer;			/**< --peer was given */
	TALLOC_CTX *note_ctx;		/**< owner of @a note */
	char *note;			/**< why the test failed, or a remark */
};

/** @brief One test. */
struct mapitest_test {
	const char *name;		/**< unique within its suite */
	const char *description;	/**< one line */
	enum mapitest_result (*run)(struct mapitest *mt, TALLOC_CTX *mem_ctx);
};

/** @brief One suite: the tests of one specification area. */
struct mapitest_suite {
	const char *name;		/**< e.g. "nspi" */
	const char *description;	/**< one line, naming the spec */
	const struct mapitest_test *tests;
	size_t count;
};

/** @brief Every suite, in the order they run; NULL-terminated. */
extern const struct mapitest_suite *const mapitest_suites[];

/** @brief Record why the current test fails (or a remark). */
void mapitest_note(struct mapitest *mt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** @brief Record why and report the operation as not implemented. */
enum mapitest_result mapitest_not_implemented(struct mapitest *mt,
					      const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** @brief An NSPI session as the run's user (notes the error). */
struct mapi_nspi *mapitest_nspi(struct mapitest *mt, TALLOC_CTX *mem_ctx);

/** @brief The MId of the run's user (0 with a note on failure). */
uint32_t mapitest_self_mid(struct mapitest *mt, struct mapi_nspi *nspi,
			   TALLOC_CTX *mem_ctx);

/**
 * @brief A session on the run's user's mailbox, logged on (LogonId 0);
 * NULL with a note on failure.  Freed with @a mem_ctx.
 */
struct mapi_logon *mapitest_mailbox(struct mapitest *mt, TALLOC_CTX *mem_ctx);

/**
 * @brief A session on the --peer account's mailbox, logged on; NULL with
 * a note on failure or without --peer.  @a who receives the peer's
 * profile (DN, display name) as its address book says.
 */
struct mapi_logon *mapitest_peer_mailbox(struct mapitest *mt,
					 TALLOC_CTX *mem_ctx,
					 const struct mapi_profile **who);

/** @brief Like mapitest_mailbox(), logged on to the public folders. */
struct mapi_logon *mapitest_public(struct mapitest *mt, TALLOC_CTX *mem_ctx);

/**
 * @brief A new folder for one test, below the folder @a parent_fid (0: the
 * Inbox), named "mapitest-NAME-PID"; deleted (hard, with its contents)
 * when @a mem_ctx is freed, whatever the test's outcome.  The folder is
 * opened through the logon.
 * @return false with a note on failure
 */
bool mapitest_scratch_folder(struct mapitest *mt, TALLOC_CTX *mem_ctx,
			     struct mapi_logon *logon, uint64_t parent_fid,
			     const char *name, uint32_t *handle,
			     uint64_t *fid);

/**
 * @brief Save a message with subject @a subject and PidTagImportance
 * @a importance in the open folder @a folder (ID @a fid).
 * @return false with a note on failure
 */
bool mapitest_message(struct mapitest *mt, TALLOC_CTX *mem_ctx,
		      struct mapi_logon *logon, uint32_t folder, uint64_t fid,
		      const char *subject, uint32_t importance, uint64_t *mid);

/** @brief Fail the test unless @a cond holds. */
#define MT_ASSERT(mt, cond, ...) do { \
	if (!(cond)) { \
		mapitest_note((mt), __VA_ARGS__); \
		return MAPITEST_FAIL; \
	} \
} while (0)

/** @brief Fail the test unless @a expr gives the MAPI status @a expected. */
#define MT_MAPI(mt, expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (expected)) { \
		mapitest_note((mt), "%s:%d: %s gave %s (0x%08x), expected %s", \
			      __FILE__, __LINE__, #expr, \
			      mapi_status_string(_r), (unsigned int)_r, \
			      mapi_status_string(expected)); \
		return MAPITEST_FAIL; \
	} \
} while (0)

/**
 * @brief Like MT_MAPI(), but an answer of MAPI_E_NO_SUPPORT reports the
 * operation as not implemented.
 */
#define MT_ROP(mt, expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r == MAPI_E_NO_SUPPORT && (expected) != MAPI_E_NO_SUPPORT) { \
		return mapitest_not_implemented((mt), "%s answers " \
						"MAPI_E_NO_SUPPORT", #expr); \
	} \
	if (_r != (expected)) { \
		mapitest_note((mt), "%s:%d: %s gave %s (0x%08x), expected %s", \
			      __FILE__, __LINE__, #expr, \
			      mapi_status_string(_r), (unsigned int)_r, \
			      mapi_status_string(expected)); \
		return MAPITEST_FAIL; \
	} \
} while (0)

#endif /* MAPITEST_H */
