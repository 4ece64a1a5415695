#!/bin/bash
# mapiab against the test server: each command, its output, and the
# errors it must name clearly (wrong password, unreachable server, unknown
# and ambiguous names, unknown server DN, usage errors).
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
AB="$BUILDDIR/bin/mapiab -s $SMB_CONF -I $SERVER -W $DOMAIN -U $user%$pass"
ORG="/o=First Organization/ou=First Administrative Group"
DNS=${REALM:-SAMBAMAPI.TEST}; DNS=${DNS,,}
T=$'\t'
OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" | head -20
	fi
}

# run EXPECTED_RC ARGS...: run mapiab, keep its output, check its status
run() {
	local want=$1; shift
	$AB "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }

# gal
check "gal" run 0 gal
GAL_SIZE=$(wc -l < "$OUT")
check "gal lists every test user" bash -c "grep -q '^Alice Tester' '$OUT' && grep -q '^Bob Tester' '$OUT' && grep -q '^Carol Tester' '$OUT'"
check "gal line format" out_has "^Alice Tester${T}alice@$DNS${T}alice\$"
check "gal is sorted by display name" bash -c "cut -f1 '$OUT' | LC_ALL=C grep -v '[^ -~]' | LC_ALL=C sort -c"
check "gal --unicode" run 0 --unicode gal
check "gal --unicode line format" out_has "^Bob Tester${T}bob@$DNS${T}bob\$"
check "gal with one-row pages" run 0 --page-size 1 gal
check "paged gal complete" bash -c "[ \$(wc -l < '$OUT') -eq $GAL_SIZE ]"
check "gal --codepage 1252" run 0 --codepage 1252 gal
check "gal refuses a bad code page" run 1 --codepage 1200 gal
check "bad code page named" err_has "refuses code page 1200"

# resolve
check "resolve by account, prefix and address" run 0 resolve alice Car bob@$DNS
check "resolved rows" bash -c "grep -q '^alice: Alice Tester${T}alice@$DNS${T}alice\$' '$OUT' && grep -q '^Car: Carol Tester' '$OUT' && grep -q '^bob@$DNS: Bob Tester' '$OUT'"
check "unresolved name exits 1" run 1 resolve alice no-such-name
check "unresolved name reported" out_has '^no-such-name: unresolved$'

# An ambiguous prefix needs two entries that share it: two throwaway
# mailboxes, removed at the end so the other suites see the usual GAL.
SAMDB="$(dirname "$SMB_CONF")/../private/sam.ldb"
for u in abtest-one abtest-two; do
	samba-tool user create "$u" 'Abt3st-Passw0rd!' -s "$SMB_CONF" -H "$SAMDB" \
		--given-name=Abtest --surname="${u#abtest-}" >/dev/null 2>&1
	"$BUILDDIR/bin/mapiadmin" -s "$SMB_CONF" enable "$u" >/dev/null 2>&1
done
check "ambiguous name exits 1" run 1 resolve abtest
check "ambiguous name reported" out_has '^abtest: ambiguous$'
check "show refuses an ambiguous name" run 1 show abtest
check "ambiguity named" err_has "'abtest' is ambiguous"
check "new mailboxes in the GAL" run 0 gal
check "GAL grew by two" bash -c "[ \$(wc -l < '$OUT') -eq $((GAL_SIZE + 2)) ]"
for u in abtest-one abtest-two; do
	samba-tool user delete "$u" -s "$SMB_CONF" -H "$SAMDB" >/dev/null 2>&1
done

# show
check "show NAME" run 0 show alice
check "show: display name" out_has '^0x3001001E  PidTagDisplayName *Alice Tester$'
check "show: SMTP address" out_has "^0x39FE001E  PidTagSmtpAddress *alice@$DNS\$"
check "show: object type as a number" out_has '^0x0FFE0003  PidTagObjectType *6$'
check "show: entry ID in hex" out_has '^0x0FFF0102  PidTagEntryId *00000000DCA740C8'
check "show DN --unicode" run 0 --unicode show "$ORG/cn=Recipients/cn=bob"
check "show --unicode: Unicode tags" out_has '^0x3001001F  PidTagDisplayName *Bob Tester$'
# A mailbox made with `mapiadmin create` (testenv's zoe): in the GAL,
# resolved by ResolveNamesW, found by DNToMId of its legacyExchangeDN,
# with display name, SMTP address and home server.
check "created mailbox in the GAL" run 0 gal
check "created mailbox listed" out_has "^Ölund Zoë${T}zoe@$DNS${T}zoe\$"
check "created mailbox resolves" run 0 --unicode resolve "Ölund"
check "created mailbox resolved row" out_has "^Ölund: Ölund Zoë${T}zoe@$DNS"
check "created mailbox by DN" run 0 --unicode show "$ORG/cn=Recipients/cn=zoe"
check "created mailbox: display name" out_has '^0x3001001F  PidTagDisplayName *Ölund Zoë$'
check "created mailbox: SMTP address" out_has "^0x39FE001F  PidTagSmtpAddress *zoe@$DNS\$"
check "created mailbox: home server" out_has "^0x8006001F .*/cn=Configuration/cn=Servers/cn=MAPIDC/cn=Microsoft Private MDB\$"
check "show unknown name exits 1" run 1 show no-such-name
check "unknown name named" err_has "'no-such-name' is not in the address book"
check "show unknown DN exits 1" run 1 show "$ORG/cn=Recipients/cn=nobody"
check "unknown DN named" err_has "no address book entry has the DN"

# referral
check "dsa" run 0 dsa
check "dsa names this server" out_has "^mapidc.$DNS\$"
check "dsa with a user DN" run 0 dsa "$ORG/cn=Recipients/cn=$user"
check "fqdn of this server" run 0 fqdn "$ORG/cn=Configuration/cn=Servers/cn=MAPIDC"
check "fqdn answer" out_has "^mapidc.$DNS\$"
check "fqdn with a database part" run 0 fqdn "$ORG/cn=Configuration/cn=Servers/cn=MAPIDC/cn=Microsoft Private MDB"
check "fqdn of another server exits 1" run 1 fqdn "$ORG/cn=Configuration/cn=Servers/cn=ELSEWHERE"
check "unknown server named" err_has "no such server"
check "fqdn of a too short DN" run 1 fqdn "/o=x"

# errors
AB_GOOD=$AB
AB="$BUILDDIR/bin/mapiab -s $SMB_CONF -I $SERVER -W $DOMAIN -U $user%wrong-password"
check "wrong password exits 1" run 1 gal
check "wrong password named" err_has "logon failed for $DOMAIN\\\\$user: wrong user name or password"
check "wrong password (referral)" run 1 dsa
AB="$BUILDDIR/bin/mapiab -s $SMB_CONF -I 127.0.0.2 -W $DOMAIN -U $user%$pass"
check "unreachable server exits 1" run 1 gal
check "unreachable server named" err_has "cannot reach the address book (NSPI) service on 127.0.0.2"
AB=$AB_GOOD
check "unknown command exits 2" run 2 frobnicate
check "missing argument exits 2" run 2 show
check "bad option exits 2" run 2 --no-such-option gal
check "no user exits 2" bash -c "'$BUILDDIR/bin/mapiab' -s '$SMB_CONF' gal >/dev/null 2>&1; [ \$? -eq 2 ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
