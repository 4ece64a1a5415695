#!/bin/bash
# libmapi as a product: "make install" into a scratch tree, libmapi.pc
# from there gives working flags, libmapi.so exports the mapi_* API only
# under its SONAME, every example of doc/examples builds against the
# installed headers and library (warnings are errors) and runs against the
# test server as the first test user, and the API documentation builds
# without a warning (make doc; skipped when there is no doxygen).
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT
CRED="-s $SMB_CONF -I $SERVER -W $DOMAIN -U $user%$pass"
DEST=$TMP/root
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" 2>/dev/null | head -30
	fi
}
out_has() { grep -q -- "$1" "$OUT"; }

# a make of its own, not the jobs of the one running the tests
unset MAKEFLAGS MAKELEVEL MFLAGS
check "make install DESTDIR=..." bash -c "make -s -C '$BUILDDIR' install DESTDIR='$DEST' > '$OUT' 2> '$ERR'"
PCDIR=$(dirname "$(find "$DEST" -name libmapi.pc | head -1)")
LIBDIR=$(dirname "$PCDIR")
export PKG_CONFIG_PATH=$PCDIR
check "libmapi.pc installed" [ -f "$PCDIR/libmapi.pc" ]
check "pkg-config --modversion" bash -c "pkg-config --modversion libmapi > '$OUT' 2> '$ERR'"
check "pkg-config --cflags --libs" bash -c "pkg-config --cflags --libs libmapi > '$OUT' 2> '$ERR'"
check "flags name the installed tree" bash -c "grep -q -- '-I[^ ]*/include/sambamapi' '$OUT' && grep -q -- '-lmapi -lmapi-ndr' '$OUT'"
FLAGS=$(pkg-config --cflags --libs libmapi)

# the shared library
check "SONAME libmapi.so.0" bash -c "readelf -d '$LIBDIR/libmapi.so' | grep -q 'SONAME.*\[libmapi.so.0\]'"
check "libmapi.so.0 links to the versioned file" bash -c "readlink '$LIBDIR/libmapi.so.0' | grep -q '^libmapi.so.0\.[0-9]*\.[0-9]*\$'"
nm -D --defined-only "$LIBDIR/libmapi.so" | awk '$2 ~ /^[TDBR]$/ {print $3}' > "$OUT"
check "exports only mapi_* functions" bash -c "[ -s '$OUT' ] && ! grep -v '^mapi_' '$OUT' > '$ERR'"
check "symbols versioned LIBMAPI_0" bash -c "objdump -T '$LIBDIR/libmapi.so' | grep -q 'LIBMAPI_0 *mapi_session_open\$'"
check "headers in the source layout" bash -c "find '$DEST' -path '*/include/sambamapi/libmapi/session.h' | grep -q . && find '$DEST' -path '*/include/sambamapi/libmapi/ndr/property_row.h' | grep -q . && find '$DEST' -path '*/include/sambamapi/gen_ndr/rops.h' | grep -q ."

# the examples: built against the installed tree, run against the server
export LD_LIBRARY_PATH=$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
for src in "$SRCDIR"/doc/examples/*.c; do
	ex=$(basename "$src" .c)
	check "example $ex builds" bash -c "cc -Wall -Wextra -Wno-unused-parameter -Werror -o '$TMP/$ex' '$src' $FLAGS > '$OUT' 2> '$ERR'"
	check "example $ex uses the installed library" bash -c "ldd '$TMP/$ex' | grep -q '$LIBDIR/libmapi.so.0'"
done
run() { "$TMP/$1" $CRED "${@:2}" > "$OUT" 2> "$ERR"; }
F=Example$$
check "list_folders runs" run list_folders
check "list_folders lists the Inbox" out_has '^Inbox  *[0-9]*  *[0-9]*$'
check "folder_properties runs" run folder_properties "$F"
check "folder_properties: set and read" bash -c "grep -q '^PidTagComment  *made by the folder_properties example\$' '$OUT' && grep -q \"^(named)  *a named property's value\$\" '$OUT'"
check "folder_properties deleted its folder" bash -c "! '$BUILDDIR/bin/mapimail' $CRED folders Inbox | grep -q '$F'"
"$BUILDDIR/bin/mapimail" $CRED mkdir "$F" >/dev/null 2>&1
"$BUILDDIR/bin/fixture-messages" $CRED Inbox \
	"$F report one|Bob|2024-01-01 10:00|read|5" \
	"$F other|Bob|2024-01-02 10:00|read|5" \
	"$F REPORT two|Bob|2024-01-03 10:00|read|5" >/dev/null 2>&1
check "contents_table runs" run contents_table "$F report" 1
check "contents_table: restricted, newest first, paged" bash -c "[ \"\$(grep '^page' '$OUT' | cut -d' ' -f2,4-)\" = \"0: $F REPORT two
1: $F report one\" ]"
check "address_book runs" run address_book "$user" no-such-name
check "address_book resolves" bash -c "grep -q '^$user: .* <$user@' '$OUT' && grep -q '^no-such-name: unresolved\$' '$OUT' && grep -q '^address book server: ' '$OUT'"
check "profiles runs" run profiles "$TMP/profiles.ldb" example
check "profiles: stored and used" bash -c "grep -q '^profile example: ' '$OUT' && grep -q '^logged on to the mailbox of ' '$OUT'"
"$BUILDDIR/bin/mapimail" $CRED rmdir "$F" >/dev/null 2>&1

# the API documentation
if grep -q '^DOXYGEN[[:space:]]*=[[:space:]]*[^[:space:]]' "$BUILDDIR/Makefile"; then
	check "make doc: no doxygen warning" bash -c "make -s -C '$BUILDDIR' doc > '$OUT' 2> '$ERR'"
	check "make doc: main page and object pages" bash -c "cd '$BUILDDIR/doc/api/html' && [ -f index.html ] && [ -f page_session.html ] && [ -f page_tables.html ] && [ -f page_addressbook.html ]"
	check "make doc: the examples" bash -c "ls '$BUILDDIR/doc/api/html' | grep -q 'list_folders_8c-example.html'"
else
	echo "# make doc skipped: no doxygen"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
