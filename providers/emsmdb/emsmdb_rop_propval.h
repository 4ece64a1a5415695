/*
 * Property values of the ROP handlers: the value conversions of
 * emsmdb_propval.h with the string conversion context of the ROP's
 * logon and session.
 */
#ifndef EMSMDB_ROP_PROPVAL_H
#define EMSMDB_ROP_PROPVAL_H

#include "emsmdb_rop.h"
#include "emsmdb_propval.h"
#include "store/store.h"

/** @brief The conversion context of the ROP's logon (or session). */
enum MAPISTATUS emsmdb_strconv_of(struct emsmdb_rop_call *call,
				  struct emsmdb_strconv *conv);

#endif /* EMSMDB_ROP_PROPVAL_H */
