/*
 * libmapi: property values as text (see propnames.h).
 */
#include "propnames.h"
#include "nspi.h"

#include <inttypes.h>
#include <time.h>
#include <util/time.h>

static char *hex(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len)
{
	char *s = talloc_array(mem_ctx, char, len * 2 + 1);
	size_t i;

	if (s == NULL) {
		return NULL;
	}
	for (i = 0; i < len; i++) {
		snprintf(s + 2 * i, 3, "%02X", data[i]);
	}
	s[2 * len] = '\0';
	return s;
}

static char *time_string(TALLOC_CTX *mem_ctx, NTTIME nt)
{
	time_t t = nt_time_to_unix(nt);
	struct tm tm;
	char buf[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		return talloc_asprintf(mem_ctx, "0x%016" PRIX64, (uint64_t)nt);
	}
	return talloc_strdup(mem_ctx, buf);
}

/* The single value @i of a multi-valued property, as text. */
static char *mv_item(TALLOC_CTX *mem_ctx, uint16_t type,
		     const union PropertyValueUnion *v, uint32_t i)
{
	union PropertyValueUnion one;

	switch (type) {
	case PT_MV_SHORT: one.Integer16 = v->MultipleInteger16.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_SHORT, &one);
	case PT_MV_LONG: one.Integer32 = v->MultipleInteger32.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_LONG, &one);
	case PT_MV_FLOAT: one.Floating32 = v->MultipleFloating32.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_FLOAT, &one);
	case PT_MV_DOUBLE: one.Floating64 = v->MultipleFloating64.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_DOUBLE, &one);
	case PT_MV_CURRENCY: one.Currency = v->MultipleCurrency.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_CURRENCY, &one);
	case PT_MV_APPTIME:
		one.FloatingTime = v->MultipleFloatingTime.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_APPTIME, &one);
	case PT_MV_I8: one.Integer64 = v->MultipleInteger64.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_I8, &one);
	case PT_MV_STRING8:
		one.String8 = v->MultipleString8.Values[i].Value;
		return mapi_prop_value_string(mem_ctx, PT_STRING8, &one);
	case PT_MV_UNICODE: one.String = v->MultipleString.Values[i].Value;
		return mapi_prop_value_string(mem_ctx, PT_UNICODE, &one);
	case PT_MV_SYSTIME: one.Time = v->MultipleTime.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_SYSTIME, &one);
	case PT_MV_CLSID: one.Guid = v->MultipleGuid.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_CLSID, &one);
	default: one.Binary = v->MultipleBinary.Values[i];
		return mapi_prop_value_string(mem_ctx, PT_BINARY, &one);
	}
}

static uint32_t mv_count(uint16_t type, const union PropertyValueUnion *v)
{
	switch (type) {
	case PT_MV_SHORT: return v->MultipleInteger16.Count;
	case PT_MV_LONG: return v->MultipleInteger32.Count;
	case PT_MV_FLOAT: return v->MultipleFloating32.Count;
	case PT_MV_DOUBLE: return v->MultipleFloating64.Count;
	case PT_MV_CURRENCY: return v->MultipleCurrency.Count;
	case PT_MV_APPTIME: return v->MultipleFloatingTime.Count;
	case PT_MV_I8: return v->MultipleInteger64.Count;
	case PT_MV_STRING8: return v->MultipleString8.Count;
	case PT_MV_UNICODE: return v->MultipleString.Count;
	case PT_MV_SYSTIME: return v->MultipleTime.Count;
	case PT_MV_CLSID: return v->MultipleGuid.Count;
	case PT_MV_BINARY: return v->MultipleBinary.Count;
	default: return 0;
	}
}

static char *mv_string(TALLOC_CTX *mem_ctx, uint16_t type,
		       const union PropertyValueUnion *v)
{
	char *s = talloc_strdup(mem_ctx, "[");
	uint32_t i, n = mv_count(type, v);

	for (i = 0; s != NULL && i < n; i++) {
		char *item = mv_item(s, type, v, i);

		s = item ? talloc_asprintf_append_buffer(s, "%s%s",
							 i ? ", " : "", item)
			 : NULL;
	}
	return s ? talloc_strdup_append_buffer(s, "]") : NULL;
}

static char *scalar_string(TALLOC_CTX *mem_ctx, uint16_t type,
			   const union PropertyValueUnion *v)
{
	switch (type) {
	case PT_SHORT:
		return talloc_asprintf(mem_ctx, "%u", v->Integer16);
	case PT_LONG:
		return talloc_asprintf(mem_ctx, "%u (0x%08X)", v->Integer32,
				       v->Integer32);
	case PT_FLOAT:
		return talloc_asprintf(mem_ctx, "0x%08X", v->Floating32);
	case PT_DOUBLE:
		return talloc_asprintf(mem_ctx, "%g", v->Floating64);
	case PT_APPTIME:
		return talloc_asprintf(mem_ctx, "%g", v->FloatingTime);
	case PT_CURRENCY:
		return talloc_asprintf(mem_ctx, "%" PRId64,
				       (int64_t)v->Currency);
	case PT_I8:
		return talloc_asprintf(mem_ctx, "%" PRIu64 " (0x%016" PRIX64
				       ")", (uint64_t)v->Integer64,
				       (uint64_t)v->Integer64);
	case PT_BOOLEAN:
		return talloc_strdup(mem_ctx, v->Boolean ? "true" : "false");
	case PT_ERROR:
		return talloc_asprintf(mem_ctx, "error %s",
				       mapi_status_string(v->ErrorCode));
	case PT_STRING8:
		return talloc_strdup(mem_ctx, v->String8 ? v->String8 : "");
	case PT_UNICODE:
		return talloc_strdup(mem_ctx, v->String ? v->String : "");
	case PT_SYSTIME:
		return time_string(mem_ctx, v->Time);
	case PT_CLSID:
		return GUID_string(mem_ctx, &v->Guid);
	case PT_BINARY:
		return hex(mem_ctx, v->Binary.Data, v->Binary.Count);
	default:
		return talloc_asprintf(mem_ctx, "(%s)",
				       mapi_prop_type_name(type));
	}
}

char *mapi_prop_value_string(TALLOC_CTX *mem_ctx, uint16_t type,
			     const union PropertyValueUnion *value)
{
	if (type & 0x1000) {
		return mv_string(mem_ctx, type, value);
	}
	return scalar_string(mem_ctx, type, value);
}
