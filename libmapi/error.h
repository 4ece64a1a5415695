/**
 * @file error.h
 * @brief libmapi: readable sentences for MAPI status codes.
 *
 * Every call of the library returns an enum MAPISTATUS: the server's
 * ReturnValue, or a MAPI error standing for a transport failure.
 * mapi_status_string() gives the code's name, e.g.
 * "MAPI_E_NOT_FOUND"; mapi_strerror() a sentence for users.
 */
#ifndef MAPI_ERROR_H
#define MAPI_ERROR_H

#include <ndr.h>
#include <core/ntstatus.h>
#include "gen_ndr/mapi_types.h"

/**
 * @brief Symbolic name of a MAPI status code.
 * @return a static string, e.g. "MAPI_E_NOT_FOUND", or
 *	   "unknown MAPI status" for codes MS-OXCDATA 2.4 does not list
 */
const char *mapi_status_string(enum MAPISTATUS status);

/**
 * @brief The MAPI error standing for a transport (RPC) failure.
 *
 * NT_STATUS_OK gives MAPI_E_SUCCESS; a wrong password MAPI_E_LOGON_FAILED;
 * access refused MAPI_E_NO_ACCESS; out of memory MAPI_E_NOT_ENOUGH_MEMORY;
 * an unknown or ended session (context mismatch) MAPI_E_END_OF_SESSION;
 * a connection or protocol failure MAPI_E_NETWORK_ERROR; anything else
 * MAPI_E_CALL_FAILED.
 */
enum MAPISTATUS mapi_status_from_ntstatus(NTSTATUS status);

/**
 * @brief A readable sentence for a MAPI status, e.g. "not found" for
 * MAPI_E_NOT_FOUND.
 * @return a static string; the code's name (mapi_status_string()) for a
 *	   code without a sentence
 */
const char *mapi_strerror(enum MAPISTATUS status);

#endif /* MAPI_ERROR_H */
