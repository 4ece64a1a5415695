/**
 * @file mapi_cmdline.h
 * @brief libmapi: Samba's usual command-line options for the tools.
 *
 * Every tool takes -U [DOMAIN\\]user[%password], -W domain, -I server,
 * -s smb.conf and -d debuglevel the same way: MAPI_POPT_CONNECTION puts
 * them in a popt table, mapi_cmdline_setup() turns them into connection
 * parameters and the client state.
 */
#ifndef MAPI_CMDLINE_H
#define MAPI_CMDLINE_H

#include <stdbool.h>
#include <popt.h>
#include "mapi_rpc.h"

/** @brief The values of the connection options (popt fills them). */
struct mapi_cmdline {
	char *user;		/**< -U */
	char *workgroup;	/**< -W */
	char *server;		/**< -I */
	char *configfile;	/**< -s */
	int debuglevel;		/**< -d */
};

/** @brief popt entries of the connection options, stored in @a cl. */
#define MAPI_POPT_CONNECTION(cl) \
	{ "user", 'U', POPT_ARG_STRING, &(cl)->user, 0, \
	  "Set the network username", "[DOMAIN\\]USERNAME[%PASSWORD]" }, \
	{ "workgroup", 'W', POPT_ARG_STRING, &(cl)->workgroup, 0, \
	  "Set the workgroup (domain) name", "WORKGROUP" }, \
	{ "server", 'I', POPT_ARG_STRING, &(cl)->server, 0, \
	  "Server (default 127.0.0.1)", "HOST" }, \
	{ "configfile", 's', POPT_ARG_STRING, &(cl)->configfile, 0, \
	  "Use alternative configuration file", "CONFIGFILE" }, \
	{ "debuglevel", 'd', POPT_ARG_INT, &(cl)->debuglevel, 0, \
	  "Set debug level", "DEBUGLEVEL" }

/**
 * @brief Connection parameters and client state from the options:
 * logging to stderr at the debug level, smb.conf loaded, the user and
 * domain parsed, the server defaulting to 127.0.0.1.
 *
 * @return the client state (owned by @a mem_ctx), or NULL when smb.conf
 *	   cannot be loaded
 */
struct mapi_rpc_context *mapi_cmdline_setup(TALLOC_CTX *mem_ctx,
					    const char *program,
					    const struct mapi_cmdline *cl,
					    struct mapi_rpc_params *params);

/**
 * @brief Make sure @a params has a password: from -U, else the PASSWD
 * environment variable, else asked on the terminal.
 * @return false when there is none to be had
 */
bool mapi_cmdline_password(TALLOC_CTX *mem_ctx,
			   struct mapi_rpc_params *params);

/** @brief Free what popt allocated for the options. */
void mapi_cmdline_free(struct mapi_cmdline *cl);

#endif /* MAPI_CMDLINE_H */
