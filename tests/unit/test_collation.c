/*
 * Unit tests of the collation library (collation/mapi_collation.c):
 * sort orders per LCID ([MS-LCID]), stability, case-insensitive
 * collators, sort keys against mapi_collate(), content matching per fuzzy level
 * ([MS-OXCDATA] 2.12.4.1) and ill-formed UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <stdbool.h>
#include <cmocka.h>

#include "collation/mapi_collation.h"

#define A_UML "\xc3\x84"	/* Ä */
#define O_UML "\xc3\x96"	/* Ö */
#define o_UML "\xc3\xb6"	/* ö */
#define u_UML "\xc3\xbc"	/* ü */
#define A_RING "\xc3\x85"	/* Å */
#define O_SLASH "\xc3\x98"	/* Ø */
#define n_TILDE "\xc3\xb1"	/* ñ */
#define l_STROKE "\xc5\x82"	/* ł */
#define e_ACUTE "\xc3\xa9"	/* é */
#define COMBINING_ACUTE "\xcc\x81"

#define LCID_EN_US 0x0409
#define LCID_EN_GB 0x0809
#define LCID_DE_DE 0x0407
#define LCID_FR_FR 0x040C
#define LCID_ES_ES 0x0C0A
#define LCID_IT_IT 0x0410
#define LCID_NL_NL 0x0413
#define LCID_PT_BR 0x0416
#define LCID_SV_SE 0x041D
#define LCID_DA_DK 0x0406
#define LCID_NB_NO 0x0414
#define LCID_FI_FI 0x040B
#define LCID_PL_PL 0x0415
#define LCID_CS_CZ 0x0405
#define LCID_TR_TR 0x041F

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static struct mapi_collator *coll(void **state, uint32_t lcid)
{
	struct mapi_collator *c = mapi_collator_new(*state, lcid, 0);

	assert_non_null(c);
	return c;
}

/* Every adjacent pair of @a names is in strictly increasing order, both
 * by mapi_collate() and by sort key. */
static void assert_order(void **state, const struct mapi_collator *c,
			 const char *const *names, size_t n)
{
	DATA_BLOB k1, k2;
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (mapi_collate(c, names[i], names[i + 1]) >= 0) {
			fail_msg("%s: \"%s\" not before \"%s\"",
				 mapi_collator_locale(c), names[i],
				 names[i + 1]);
		}
		assert_true(mapi_collate(c, names[i + 1], names[i]) > 0);
		assert_true(mapi_sort_key(*state, c, names[i], &k1));
		assert_true(mapi_sort_key(*state, c, names[i + 1], &k2));
		assert_true(mapi_sort_key_cmp(&k1, &k2) < 0);
	}
}

static void test_lcid_locales(void **state)
{
	static const struct {
		uint32_t lcid;
		const char *prefix;
	} known[] = {
		{ LCID_EN_US, "en_US" }, { LCID_EN_GB, "en_GB" },
		{ LCID_DE_DE, "de_DE" }, { LCID_FR_FR, "fr_FR" },
		{ LCID_ES_ES, "es_ES" }, { LCID_IT_IT, "it_IT" },
		{ LCID_NL_NL, "nl_NL" }, { LCID_PT_BR, "pt_BR" },
		{ LCID_SV_SE, "sv_SE" }, { LCID_DA_DK, "da_DK" },
		{ LCID_NB_NO, "nb_NO" }, { LCID_FI_FI, "fi_FI" },
		{ LCID_PL_PL, "pl_PL" }, { LCID_CS_CZ, "cs_CZ" },
	};
	static const uint32_t neutral[] = {
		0, 0x007F, 0x0400, 0x0800, 0x0C00, 0x1000,
		0xFFFFFFFF, 0x12340409, 0x0000FFFF,
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const char *loc = mapi_collator_locale(
			coll(state, known[i].lcid));
		if (strncmp(loc, known[i].prefix,
			    strlen(known[i].prefix)) != 0) {
			fail_msg("LCID 0x%04x gave \"%s\"", known[i].lcid, loc);
		}
	}
	for (i = 0; i < sizeof(neutral) / sizeof(neutral[0]); i++) {
		struct mapi_collator *c = mapi_collator_new(*state,
							    neutral[i], 0);
		/* unknown LCIDs must still give a working collator */
		assert_non_null(c);
		assert_true(mapi_collate(c, "a", "b") < 0);
	}
	assert_string_equal(mapi_collator_locale(coll(state, 0)), "");
	assert_string_equal(mapi_collator_locale(NULL), "");
}

/* "Ö" is an O with an accent in German, a letter after Z in Swedish. */
static void test_german_swedish(void **state)
{
	const char *de[] = { "Ofen", O_UML "l", "Ost", "Zebra" };
	const char *sv[] = { "Ofen", "Ost", "Zebra", O_UML "l" };
	const char *de_a[] = { "Apfel", A_UML "rger", "Axt", "Zoo" };
	const char *sv_a[] = { "Apfel", "Axt", "Zoo", A_RING "ngel",
			       A_UML "rger" };

	assert_order(state, coll(state, LCID_DE_DE), de, 4);
	assert_order(state, coll(state, LCID_SV_SE), sv, 4);
	assert_order(state, coll(state, LCID_FI_FI), sv, 4);
	assert_order(state, coll(state, LCID_DE_DE), de_a, 4);
	assert_order(state, coll(state, LCID_SV_SE), sv_a, 5);
	/* English agrees with German here */
	assert_order(state, coll(state, LCID_EN_US), de, 4);
}

static void test_other_western_orders(void **state)
{
	const char *da[] = { "Zulu", O_SLASH "rsted", A_RING "rhus" };
	const char *es[] = { "nube", "nz", n_TILDE "andu", "oso" };
	const char *pl[] = { "lz", l_STROKE "a", "ma" };
	const char *cs[] = { "hz", "chata", "i" };
	const char *en_cs[] = { "chata", "hz", "i" };
	const char *fr[] = { "cote", "cot" e_ACUTE, "c" o_UML "te" };
	uint32_t western[] = {
		LCID_EN_GB, LCID_FR_FR, LCID_IT_IT, LCID_NL_NL, LCID_PT_BR,
	};
	const char *plain[] = { "Adams", "baker", "Carter", "d'Arcy",
				"Evans" };
	size_t i;

	assert_order(state, coll(state, LCID_DA_DK), da, 3);
	assert_order(state, coll(state, LCID_NB_NO), da, 3);
	assert_order(state, coll(state, LCID_ES_ES), es, 4);
	assert_order(state, coll(state, LCID_PL_PL), pl, 3);
	assert_order(state, coll(state, LCID_CS_CZ), cs, 3);
	assert_order(state, coll(state, LCID_EN_US), en_cs, 3);
	assert_order(state, coll(state, LCID_EN_US), fr, 3);
	for (i = 0; i < sizeof(western) / sizeof(western[0]); i++) {
		assert_order(state, coll(state, western[i]), plain, 5);
	}
}

/* Case is a tertiary difference: "a" and "A" sort together, before "b";
 * the lower case first in the root order, the upper case first in Danish. */
static void test_case_ordering(void **state)
{
	const char *root[] = { "a", "A", "b", "B" };
	const char *da[] = { "A", "a", "B", "b" };
	const char *names[] = { "alice", "Alice", "bob", "Bob", "carol" };

	assert_order(state, coll(state, LCID_EN_US), root, 4);
	assert_order(state, coll(state, 0), root, 4);
	assert_order(state, coll(state, LCID_DA_DK), da, 4);
	assert_order(state, coll(state, LCID_EN_US), names, 5);
}

/* Strings the locale holds equal still have a fixed order. */
static void test_stability(void **state)
{
	struct mapi_collator *c = coll(state, LCID_EN_US);
	/* precomposed and decomposed é are canonically equivalent */
	const char *pre = "caf" e_ACUTE, *dec = "cafe" COMBINING_ACUTE;
	DATA_BLOB k1, k2;
	int r = mapi_collate(c, pre, dec);

	assert_int_not_equal(r, 0);
	assert_int_equal(mapi_collate(c, dec, pre), -r);
	assert_int_equal(mapi_collate(c, pre, pre), 0);
	assert_true(mapi_sort_key(*state, c, pre, &k1));
	assert_true(mapi_sort_key(*state, c, dec, &k2));
	assert_int_equal(mapi_sort_key_cmp(&k1, &k2), r);
	assert_int_equal(mapi_collate(c, NULL, NULL), 0);
	assert_true(mapi_collate(c, NULL, "") < 0);
	assert_true(mapi_collate(c, "", NULL) > 0);
	/* no collator: byte order */
	assert_true(mapi_collate(NULL, "B", "a") < 0);
}

static int cmp_keys(const void *a, const void *b)
{
	return mapi_sort_key_cmp(a, b);
}

static const struct mapi_collator *qsort_coll;

static int cmp_names(const void *a, const void *b)
{
	return mapi_collate(qsort_coll, *(const char *const *)a,
			      *(const char *const *)b);
}

/* Sorting 10,000 generated names by key and by mapi_collate() gives
 * the same order, and each pair agrees in sign. */
static void test_sort_key_agrees(void **state)
{
	static const char *const parts[] = {
		"a", "A", O_UML, o_UML, "o", "z", "Z", e_ACUTE, "e",
		"ch", " ", "-", "1", "\xef\xbf\xbd", A_RING, "\xe6\x9d\xb1",
	};
	const size_t nparts = sizeof(parts) / sizeof(parts[0]);
	const uint32_t lcids[] = { LCID_DE_DE, LCID_SV_SE, LCID_CS_CZ, 0 };
	enum { N = 10000 };
	const char **names = talloc_array(*state, const char *, N);
	DATA_BLOB *keys = talloc_array(*state, DATA_BLOB, N);
	uint32_t seed = 12345;
	size_t i, j, l;

	assert_non_null(names);
	assert_non_null(keys);
	for (i = 0; i < N; i++) {
		char *s = talloc_strdup(names, "");
		size_t len = 1 + (seed >> 7) % 6;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			s = talloc_strdup_append(s, parts[(seed >> 16) %
							  nparts]);
		}
		names[i] = s;
	}
	for (l = 0; l < sizeof(lcids) / sizeof(lcids[0]); l++) {
		struct mapi_collator *c = coll(state, lcids[l]);
		for (i = 0; i < N; i++) {
			assert_true(mapi_sort_key(keys, c, names[i],
						    &keys[i]));
		}
		for (i = 0; i + 1 < N; i++) {
			int a = mapi_collate(c, names[i], names[i + 1]);
			int b = mapi_sort_key_cmp(&keys[i], &keys[i + 1]);
			assert_int_equal(a, b);
		}
		qsort(keys, N, sizeof(keys[0]), cmp_keys);
		qsort_coll = c;
		qsort(names, N, sizeof(names[0]), cmp_names);
		for (i = 0; i < N; i++) {
			/* the key ends with the name's bytes and a zero */
			size_t n = strlen(names[i]);
			assert_true(keys[i].length > n);
			assert_memory_equal(keys[i].data + keys[i].length -
					    n - 1, names[i], n + 1);
		}
	}
}

static void test_match_levels(void **state)
{
	struct mapi_collator *c = coll(state, LCID_DE_DE);
	const uint32_t FULL = MAPI_FL_FULLSTRING;
	const uint32_t SUB = MAPI_FL_SUBSTRING;
	const uint32_t PRE = MAPI_FL_PREFIX;
	const uint32_t IC = MAPI_FL_IGNORECASE;
	const uint32_t NS = MAPI_FL_IGNORENONSPACE;
	const uint32_t LOOSE = MAPI_FL_LOOSE;

	assert_true(mapi_string_match(c, "Alice", "Alice", FULL));
	assert_false(mapi_string_match(c, "Alice", "alice", FULL));
	assert_true(mapi_string_match(c, "Alice", "alice", FULL | IC));
	assert_false(mapi_string_match(c, "Alice Smith", "Alice", FULL));
	assert_true(mapi_string_match(c, "Alice Smith", "Alice", PRE));
	assert_false(mapi_string_match(c, "Alice Smith", "alice", PRE));
	assert_true(mapi_string_match(c, "Alice Smith", "alice",
					PRE | IC));
	assert_false(mapi_string_match(c, "Alice Smith", "Smith", PRE));
	assert_true(mapi_string_match(c, "Alice Smith", "Smith", SUB));
	assert_true(mapi_string_match(c, "Alice Smith", "ce sm",
					SUB | IC));
	assert_false(mapi_string_match(c, "Alice", "Alice Smith", SUB));
	assert_true(mapi_string_match(c, "", "", FULL));
	assert_true(mapi_string_match(c, "x", "", PRE));
	assert_true(mapi_string_match(c, "x", "", SUB));
	assert_false(mapi_string_match(c, "x", "", FULL));

	/* the example of the brief */
	assert_true(mapi_string_match(c, "m" u_UML "ller", "MULLER",
					FULL | IC | NS));
	assert_false(mapi_string_match(c, "m" u_UML "ller", "MULLER",
					 FULL | IC));
	assert_false(mapi_string_match(c, "m" u_UML "ller", "MULLER",
					 FULL | NS));
	assert_true(mapi_string_match(c, "m" u_UML "ller", "muller",
					FULL | NS));
	assert_true(mapi_string_match(c, "m" u_UML "ller", "MULLER",
					FULL | LOOSE));
	assert_true(mapi_string_match(c, "M" u_UML "LLER", "m" u_UML,
					PRE | IC));
	/* marks count unless ignored: "mu" is no prefix of "mü..." */
	assert_false(mapi_string_match(c, "m" u_UML "ller", "mu", PRE));
	/* canonically equivalent forms match without any flag */
	assert_true(mapi_string_match(c, "caf" e_ACUTE,
					"cafe" COMBINING_ACUTE, FULL));
	/* unknown low word, NULL operands */
	assert_false(mapi_string_match(c, "a", "a", 3));
	assert_false(mapi_string_match(c, NULL, "a", FULL));
	assert_false(mapi_string_match(c, "a", NULL, FULL));
	/* no collator: still works */
	assert_true(mapi_string_match(NULL, "ABC", "b", SUB | IC));
}

/* Turkish folds I to dotless ı, not to i. */
static void test_match_turkish(void **state)
{
	struct mapi_collator *tr = coll(state, LCID_TR_TR);
	struct mapi_collator *en = coll(state, LCID_EN_US);
	const uint32_t IC = MAPI_FL_IGNORECASE;

	assert_true(mapi_string_match(en, "ISTANBUL", "istanbul", IC));
	assert_false(mapi_string_match(tr, "ISTANBUL", "istanbul", IC));
	assert_true(mapi_string_match(tr, "\xc4\xb0STANBUL", "istanbul",
					IC));
}

static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff", "a\xc3", "\xc3\x28", "\xe2\x82", "\xed\xa0\x80",
		"\xf8\x88\x80\x80\x80", "\xc0\xaf", "ok\x80tail",
		"\xf4\x90\x80\x80",
	};
	struct mapi_collator *c = coll(state, LCID_DE_DE);
	DATA_BLOB k1, k2;
	size_t i, j;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_true(mapi_sort_key(*state, c, bad[i], &k1));
		for (j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
			int r = mapi_collate(c, bad[i], bad[j]);
			assert_true(mapi_sort_key(*state, c, bad[j], &k2));
			assert_int_equal(r, mapi_sort_key_cmp(&k1, &k2));
			assert_int_equal(r == 0, i == j);
			(void)mapi_string_match(c, bad[i], bad[j],
						  MAPI_FL_SUBSTRING |
						  MAPI_FL_LOOSE);
		}
		assert_true(mapi_string_match(c, bad[i], bad[i],
						MAPI_FL_FULLSTRING));
	}
	assert_true(mapi_sort_key(*state, c, NULL, &k1));
	assert_false(mapi_sort_key(*state, c, "x", NULL));
	assert_true(mapi_sort_key(*state, NULL, "x", &k1));
	assert_int_equal(k1.length, 2);
}

/* A case-insensitive collator (the message store's tables): case
 * variants compare equal and have one key; accents and letters count;
 * the locale's order holds. */
static void test_ignore_case(void **state)
{
	struct mapi_collator *c = mapi_collator_new(*state, LCID_SV_SE,
						    MAPI_COLLATE_IGNORE_CASE);
	DATA_BLOB k1, k2;

	assert_non_null(c);
	assert_int_equal(mapi_collate(c, "abc", "ABC"), 0);
	assert_true(mapi_sort_key(*state, c, "abc", &k1));
	assert_true(mapi_sort_key(*state, c, "ABC", &k2));
	assert_int_equal(mapi_sort_key_cmp(&k1, &k2), 0);
	assert_true(mapi_collate(c, "abc", "abd") < 0);
	assert_true(mapi_collate(c, "e", e_ACUTE) != 0);
	assert_true(mapi_collate(c, O_UML "rjan", "Zorro") > 0);
	assert_true(mapi_sort_key(*state, c, O_UML "rjan", &k1));
	assert_true(mapi_sort_key(*state, c, "zorro", &k2));
	assert_true(mapi_sort_key_cmp(&k1, &k2) > 0);
}

/* ASCII strings match without ICU exactly as through it: the same
 * answers with a non-ASCII twin of each pair. */
static void test_ascii_match(void **state)
{
	struct mapi_collator *c = coll(state, LCID_EN_US);
	static const char *values[] = { "Hello World", "hello", "", "HeLLo" };
	static const char *patterns[] = { "hello", "o w", "World", "", "X" };
	const uint32_t levels[] = {
		MAPI_FL_FULLSTRING, MAPI_FL_SUBSTRING, MAPI_FL_PREFIX
	};
	size_t i, j, l, f;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		for (j = 0; j < sizeof(patterns) / sizeof(patterns[0]); j++) {
			for (l = 0; l < 3; l++) {
				for (f = 0; f < 2; f++) {
					uint32_t fl = levels[l] |
						(f ? MAPI_FL_IGNORECASE : 0);
					char *v = talloc_asprintf(*state,
						"%s" e_ACUTE, values[i]);
					char *p = talloc_asprintf(*state,
						"%s", patterns[j]);
					bool a = mapi_string_match(c,
						values[i], patterns[j], fl);
					bool u = mapi_string_match(c, v, p,
						fl);

					/* a trailing é changes only FULL
					 * and the empty pattern's answers */
					if (levels[l] != MAPI_FL_FULLSTRING) {
						assert_int_equal(a, u);
					}
				}
			}
		}
	}
}

/* The destructor closes ICU; freeing the parent frees the collator. */
static void test_lifetime(void **state)
{
	TALLOC_CTX *parent = talloc_new(*state);
	struct mapi_collator *c = mapi_collator_new(parent, LCID_SV_SE, 0);
	DATA_BLOB key;

	assert_non_null(c);
	assert_true(mapi_sort_key(parent, c, "x", &key));
	assert_int_equal(talloc_free(c), 0);
	c = mapi_collator_new(parent, LCID_SV_SE, 0);
	assert_non_null(c);
	talloc_free(parent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lcid_locales, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_german_swedish, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_other_western_orders,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_ordering, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stability, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sort_key_agrees, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_match_levels, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_match_turkish, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lifetime, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ignore_case, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ascii_match, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
