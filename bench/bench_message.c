/*
 * The benchmarks' messages (see bench_message.h).
 */
#include "bench_message.h"

#include <string.h>

#define PidTagImportance			0x00170003
#define PidTagMessageClass			0x001A001F
#define PidTagPriority				0x00260003
#define PidTagSensitivity			0x00360003
#define PidTagSubject				0x0037001F
#define PidTagClientSubmitTime			0x00390040
#define PidTagSentRepresentingName		0x0042001F
#define PidTagSentRepresentingAddressType	0x0064001F
#define PidTagSentRepresentingEmailAddress	0x0065001F
#define PidTagConversationTopic			0x0070001F
#define PidTagConversationIndex			0x00710102
#define PidTagSenderName			0x0C1A001F
#define PidTagSenderAddressType			0x0C1E001F
#define PidTagSenderEmailAddress		0x0C1F001F
#define PidTagDisplayTo				0x0E04001F
#define PidTagMessageFlags			0x0E070003
#define PidTagBody				0x1000001F
#define PidTagInternetMessageId			0x1035001F
#define PidTagInternetCodepage			0x3FDE0003
#define PidTagMessageLocaleId			0x3FF10003

/* FILETIME of 2026-01-01 and two years of 100 ns ticks */
#define FT_2026		0x01DC7AB192810000ULL
#define FT_TWO_YEARS	(2ULL * 365 * 24 * 3600 * 10000000ULL)

static const char *const people[] = {
	"Ana García", "Søren Jensen", "Wei Wang", "Olivia Brown",
	"Łukasz Kowalski", "Fatima Haddad", "Jürgen Müller", "Priya Patel",
	"Chidi Okafor", "Yuki Tanaka", "Noah Wilson", "Elif Öztürk",
};

static const char *const words[] = {
	"the", "meeting", "report", "budget", "quarter", "schedule",
	"please", "review", "attached", "draft", "project", "customer",
	"update", "team", "deadline", "thanks", "regards", "tomorrow",
	"server", "release", "notes", "question", "answer", "invoice",
	"travel", "agenda", "minutes", "proposal", "contract", "figures",
};

#define N_PEOPLE (sizeof(people) / sizeof(people[0]))
#define N_WORDS (sizeof(words) / sizeof(words[0]))

uint64_t bench_random(uint64_t *state)
{
	uint64_t x = *state ? *state : 1;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

void bench_message_draw(uint64_t *rng, uint32_t body_len,
			struct bench_message_spec *spec)
{
	spec->body_len = body_len;
	spec->delivery = FT_2026 - bench_random(rng) % FT_TWO_YEARS;
	spec->read = bench_random(rng) % 4 != 0;
}

/* Words from @a rng, exactly @a len bytes of text, lines of ~70. */
static char *body_text(TALLOC_CTX *mem_ctx, uint64_t *rng, uint32_t len)
{
	char *s = talloc_array(mem_ctx, char, len + 1);
	uint32_t used = 0, line = 0;

	if (s == NULL) {
		return NULL;
	}
	while (used < len) {
		const char *w = words[bench_random(rng) % N_WORDS];
		size_t n = strlen(w);

		if (line + n > 70) {
			s[used++] = '\n';
			line = 0;
			continue;
		}
		n = n < len - used ? n : len - used;
		memcpy(s + used, w, n);
		used += n;
		line += n;
		if (used < len) {
			s[used++] = ' ';
			line++;
		}
	}
	s[len] = '\0';
	return s;
}

static void put_str(struct mstore_value *v, uint32_t tag, const char *s)
{
	v->tag = tag;
	v->v.str = s;
}

static void put_long(struct mstore_value *v, uint32_t tag, int32_t i)
{
	v->tag = tag;
	v->v.i32 = i;
}

static void put_time(struct mstore_value *v, uint32_t tag, uint64_t ft)
{
	v->tag = tag;
	v->v.u64 = ft;
}

/* PidTagConversationIndex (MS-OXOMSG 2.2.1.3): header block, 22 bytes. */
static bool conversation_index(TALLOC_CTX *mem_ctx, uint64_t *rng,
			       uint64_t ft, struct mstore_value *v)
{
	uint8_t *b = talloc_array(mem_ctx, uint8_t, 22);
	int i;

	if (b == NULL) {
		return false;
	}
	b[0] = 0x01;
	for (i = 0; i < 5; i++) {
		b[1 + i] = (ft >> (8 * (7 - i))) & 0xFF;
	}
	for (i = 6; i < 22; i++) {
		b[i] = bench_random(rng) & 0xFF;
	}
	v->tag = PidTagConversationIndex;
	v->v.bin.length = 22;
	v->v.bin.data = b;
	return true;
}

/* Sender and subject strings; false when out of memory. */
static bool strings(TALLOC_CTX *mem_ctx, uint64_t *rng, uint64_t n,
		    struct mstore_value *v)
{
	const char *from = people[bench_random(rng) % N_PEOPLE];
	const char *to = people[bench_random(rng) % N_PEOPLE];
	const char *topic = talloc_asprintf(mem_ctx, "%s %s %llu",
		words[bench_random(rng) % N_WORDS],
		words[bench_random(rng) % N_WORDS], (unsigned long long)n);
	char *addr = talloc_asprintf(mem_ctx, "sender%u@example.org",
				     (unsigned)(bench_random(rng) % 1000));
	char *msgid = talloc_asprintf(mem_ctx, "<%016llx.%llu@example.org>",
				      (unsigned long long)bench_random(rng),
				      (unsigned long long)n);

	if (topic == NULL || addr == NULL || msgid == NULL) {
		return false;
	}
	put_str(&v[0], PidTagMessageClass, "IPM.Note");
	put_str(&v[1], PidTagSubject, topic);
	put_str(&v[2], PidTagConversationTopic, topic);
	put_str(&v[3], PidTagSenderName, from);
	put_str(&v[4], PidTagSenderEmailAddress, addr);
	put_str(&v[5], PidTagSenderAddressType, "SMTP");
	put_str(&v[6], PidTagSentRepresentingName, from);
	put_str(&v[7], PidTagSentRepresentingEmailAddress, addr);
	put_str(&v[8], PidTagSentRepresentingAddressType, "SMTP");
	put_str(&v[9], PidTagDisplayTo, to);
	put_str(&v[10], PidTagInternetMessageId, msgid);
	return true;
}

bool bench_message_values(TALLOC_CTX *mem_ctx, uint64_t *rng, uint64_t n,
			  const struct bench_message_spec *spec,
			  struct mstore_value **values, uint32_t *count)
{
	struct mstore_value *v = talloc_zero_array(mem_ctx,
						   struct mstore_value,
						   BENCH_MESSAGE_PROPS + 1);
	char *body;

	if (v == NULL || !strings(v, rng, n, v) ||
	    !conversation_index(v, rng, spec->delivery, &v[11])) {
		talloc_free(v);
		return false;
	}
	put_long(&v[12], PidTagImportance, 1);
	put_long(&v[13], PidTagPriority, 0);
	put_long(&v[14], PidTagSensitivity, 0);
	put_long(&v[15], PidTagMessageFlags, spec->read ? 1 : 0);
	put_long(&v[16], PidTagMessageLocaleId, 0x409);
	put_long(&v[17], PidTagInternetCodepage, 65001);
	put_time(&v[18], PidTagClientSubmitTime, spec->delivery - 20000000);
	put_time(&v[19], BENCH_PidTagMessageDeliveryTime, spec->delivery);
	body = body_text(v, rng, spec->body_len);
	if (body == NULL) {
		talloc_free(v);
		return false;
	}
	put_str(&v[20], PidTagBody, body);
	*values = v;
	*count = BENCH_MESSAGE_PROPS + 1;
	return true;
}
