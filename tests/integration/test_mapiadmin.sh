#!/bin/bash
# mapiadmin against the test server's SAM database: enable, idempotence,
# disable, list, and the errors it must name clearly.
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}"
ADMIN="$BUILDDIR/bin/mapiadmin -s $SMB_CONF"
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
	fi
}

first=${TEST_USERS%% *}
user=${first%%:*}

listed() { $ADMIN list | cut -f1 | grep -qx "$1"; }
not_listed() { ! listed "$1"; }

check "test users are mail-enabled" listed "$user"
check "enable is idempotent" bash -c "$ADMIN enable $user | grep -q 'already mail-enabled'"
check "unknown user is named" bash -c "$ADMIN enable no-such-user 2>&1 | grep -q \"user 'no-such-user' does not exist\""
check "unknown user exits 1" bash -c "$ADMIN enable no-such-user >/dev/null 2>&1; [ \$? -eq 1 ]"
check "usage error exits 2" bash -c "$ADMIN frobnicate >/dev/null 2>&1; [ \$? -eq 2 ]"

# A fresh user: enable with an address, change it, disable, re-enable.
samba-tool user create mapiadmin-probe 'Pr0be-Passw0rd!' -s "$SMB_CONF" \
	-H "$(dirname "$SMB_CONF")/../private/sam.ldb" >/dev/null 2>&1
check "enable with --mail" bash -c "$ADMIN enable mapiadmin-probe --mail probe@example.test | grep -q 'probe@example.test'"
check "listed with its address" bash -c "$ADMIN list | grep -q \$'^mapiadmin-probe\tprobe@example.test'"
check "legacyExchangeDN under the recipients container" bash -c "$ADMIN list | grep '^mapiadmin-probe' | grep -q '/cn=Recipients/cn=mapiadmin-probe\$'"
check "disable" bash -c "$ADMIN disable mapiadmin-probe | grep -q 'mail-disabled'"
check "disabled user not listed" not_listed mapiadmin-probe
check "disable is idempotent" bash -c "$ADMIN disable mapiadmin-probe | grep -q 'not mail-enabled'"
check "re-enable" bash -c "$ADMIN enable mapiadmin-probe | grep -q 'mail-enabled as'"
samba-tool user delete mapiadmin-probe -s "$SMB_CONF" \
	-H "$(dirname "$SMB_CONF")/../private/sam.ldb" >/dev/null 2>&1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
