/*
 * smb.conf parametric options ("section:name = value") for the providers.
 */
#include "mapiproxy.h"

#include <param.h>

bool mpx_option_bool(struct loadparm_context *lp_ctx, const char *section,
		     const char *name, bool default_value)
{
	return lpcfg_parm_bool(lp_ctx, NULL, section, name, default_value);
}

int mpx_option_int(struct loadparm_context *lp_ctx, const char *section,
		   const char *name, int default_value)
{
	return lpcfg_parm_int(lp_ctx, NULL, section, name, default_value);
}

const char *mpx_option_string(struct loadparm_context *lp_ctx,
			      const char *section, const char *name,
			      const char *default_value)
{
	const char *value = lpcfg_parm_string(lp_ctx, NULL, section, name);

	return value != NULL ? value : default_value;
}

bool mpx_require_sealing(struct loadparm_context *lp_ctx)
{
	return mpx_option_bool(lp_ctx, MPX_OPTION_SECTION, "require sealing",
			       true);
}
