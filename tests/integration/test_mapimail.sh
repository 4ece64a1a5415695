#!/bin/bash
# mapimail against the test server, as the first test user: the folder
# tree, creating nested folders, renaming, moving, copying and deleting
# them, listing a folder's messages (sorted, paged, restricted), its
# properties, the public folders, profiles, and the errors it must name
# clearly (unknown folder, name in use, folder not empty, special folder,
# wrong password, unreachable server, commands not implemented yet).
# Then mail between the test users: a new profile sends mail with
# attachments (one of 5 MB, through streams), Cc and Bcc and an HTML
# body; the recipient fetches it (summary, RFC 5322, mbox) and saves the
# attachments byte for byte; the Sent Items copy; reading, marking,
# copying, moving and deleting messages; the address book; the progress
# bar; and the errors of bad input (unknown or ambiguous recipient,
# missing file, unknown message).
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
rest=${TEST_USERS#* }
second=${rest%% *}
third=${rest#* }
third=${third%% *}
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT
export SAMBAMAPI_PROFILES=$TMP/profiles.ldb TZ=UTC
CRED="-I $SERVER -W $DOMAIN -U $user%$pass"
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF $CRED"
T=MailTest$$
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" | head -30
	fi
}

# run EXPECTED_RC ARGS...: run mapimail, keep its output, check its status
run() {
	local want=$1; shift
	$MAIL "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
out_lacks() { ! grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }
# the tree of $T as "INDENT NAME TOTAL UNREAD [CLASS]" lines, spaces squeezed
tree() { $MAIL folders "$T" | sed 's/\([^ ]\)  */\1 /g'; }
tree_is() { [ "$(tree)" = "$1" ]; }

# the tree
check "folders" run 0 folders
check "folders: the top first" bash -c "head -1 '$OUT' | grep -q '^Top of Information Store  *0  *0\$'"
check "folders: Inbox with its class" out_has '^  Inbox  *[0-9]*  *[0-9]*  IPF.Note$'
check "folders: Calendar with its class" out_has '^  Calendar  *0  *0  IPF.Appointment$'
check "folders: nested special folders" out_has '^    Conflicts '
check "folders --root" run 0 --root folders
check "--root: the root and its IPM subtree" bash -c "head -1 '$OUT' | grep -q '^Root Container ' && grep -q '^  Top of Information Store ' '$OUT' && grep -q '^    Inbox ' '$OUT'"
check "folders of a subtree" run 0 folders "Sync Issues"
check "subtree: the folder first" bash -c "head -1 '$OUT' | grep -q '^Sync Issues ' && [ \$(wc -l < '$OUT') -eq 4 ]"

# creating
check "mkdir" run 0 mkdir "$T"
check "mkdir nested" run 0 mkdir "$T/Projects"
check "mkdir needs the parent" run 1 mkdir "$T/A/B/C"
check "missing parent named" err_has "no folder '$T/A' (--parents creates missing folders)"
check "mkdir --parents" run 0 mkdir --parents "$T/A/B/C"
check "mkdir --parents on an existing folder" run 0 mkdir --parents "$T/A/B"
check "mkdir --class --comment" run 0 mkdir "$T/Todo" --class IPF.Task --comment "things to do"
check "the new tree" tree_is "$T 0 0
  A 0 0
    B 0 0
      C 0 0
  Projects 0 0
  Todo 0 0 IPF.Task"
check "props: comment" run 0 props "$T/Todo"
check "props: comment value" out_has '^0x3004001F  PidTagComment  *things to do$'
check "props: container class" out_has '^0x3613001F  PidTagContainerClass  *IPF.Task$'
check "duplicate name" run 1 mkdir "$T/projects"
check "duplicate named" err_has "folder '$T/projects' exists already"
check "escaped slash in a name" run 0 mkdir "$T/a\\/b"
check "name with a slash listed" bash -c "$MAIL folders '$T' | grep -q '^  a/b '"
check "rmdir of the escaped name" run 0 rmdir "$T/a\\/b"

# renaming
check "rename" run 0 rename "$T/Projects" Work
check "renamed" bash -c "$MAIL folders '$T' | grep -q '^  Work ' && ! $MAIL folders '$T' | grep -q Projects"
check "rename to a sibling's name" run 1 rename "$T/Work" todo
check "rename clash named" err_has "cannot rename '$T/Work' to 'todo': a folder of that name exists already"
check "rename to a path" run 1 rename "$T/Work" "x/y"
check "rename to a path named" err_has "'x/y' is not a folder name"
check "rename an unknown folder" run 1 rename "$T/Nope" X
check "unknown folder named" err_has "no folder '$T/Nope'"

# moving and copying
check "mv into a folder" run 0 mv "$T/A/B" "$T/Work"
check "mv to a new name" run 0 mv "$T/Work/B" "$T/Bee"
check "moved tree" tree_is "$T 0 0
  A 0 0
  Bee 0 0
    C 0 0
  Todo 0 0 IPF.Task
  Work 0 0"
check "mv into its own subtree" run 1 mv "$T/Bee" "$T/Bee/C"
check "cycle named" err_has "cannot move '$T/Bee' into itself or one of its subfolders"
check "mv onto a name in use" bash -c "$MAIL mkdir '$T/Work/Bee' && ! $MAIL mv '$T/Bee' '$T/Work' 2> '$ERR'"
check "clash named" err_has "cannot move '$T/Bee' to '$T/Work': a folder of that name exists already"
check "mv to an unknown place" run 1 mv "$T/Bee" "$T/Nope/X"
check "unknown destination named" err_has "no folder '$T/Nope'"
check "cp --recursive" run 0 cp --recursive "$T/Bee" "$T/A/Copy"
check "copy has the subfolder, original stays" bash -c "$MAIL folders '$T' | sed 's/\([^ ]\)  */\1 /g' | grep -qx '    Copy 0 0' && $MAIL folders '$T/A/Copy' | grep -q '^  C ' && $MAIL folders '$T' | grep -q '^  Bee '"
check "mv a special folder" run 1 mv Inbox "$T"
check "special folder not moved" err_has "'Inbox' is a special folder: it cannot be moved"

# deleting
check "rmdir a folder that is not empty" run 1 rmdir "$T/Bee"
check "not empty named" err_has "folder '$T/Bee' is not empty (--recursive"
check "it stays" bash -c "$MAIL folders '$T' | grep -q '^  Bee '"
check "rmdir an empty folder" run 0 rmdir "$T/Todo"
check "rmdir --recursive --hard" run 0 rmdir --recursive --hard "$T/Bee"
check "deleted" bash -c "! $MAIL folders '$T' | grep -Eq '^  (Todo|Bee) '"
check "rmdir an unknown folder" run 1 rmdir "$T/Nope"
check "unknown folder named" err_has "no folder '$T/Nope'"
check "rmdir below an unknown folder" run 1 rmdir "$T/Nope/X"
check "the missing part named" err_has "no folder '$T/Nope'\$"
check "rmdir Inbox" run 1 rmdir Inbox
check "special folder named" err_has "'Inbox' is a special folder: it cannot be deleted"
check "rmdir Calendar" run 1 rmdir --recursive Calendar
check "rmdir the top" run 1 rmdir /
check "top folder named" err_has "'/' is the top folder"
check "folders of an unknown folder" run 1 folders "$T/Nope/X"

# messages: the contents table
"$BUILDDIR/bin/fixture-messages" -s "$SMB_CONF" $CRED "$T/Work" \
	"Hello world|Bob Tester|2024-05-01 10:00|read|10" \
	"Quarterly report|Carol Tester|2024-06-01 09:30|unread|500" \
	"re: report|Zoë Ölund|2023-01-15 08:00|unread|50" 2> "$ERR"
check "fixture messages saved" [ $? -eq 0 ]
check "counts in the tree" bash -c "$MAIL folders '$T' | sed 's/\([^ ]\)  */\1 /g' | grep -qx '  Work 3 2'"
check "ls" run 0 ls "$T/Work"
check "ls: newest first" bash -c "[ \"\$(sed 's/.*  //' '$OUT' | tr '\n' ,)\" = 'Quarterly report,Hello world,re: report,' ]"
check "ls: line format" out_has '^[0-9a-f]*  2024-06-01 09:30  N  Carol Tester  *[0-9]*  Quarterly report$'
check "ls: read message unmarked" out_has '^[0-9a-f]*  2024-05-01 10:00     Bob Tester '
check "ls: UTF-8 sender" out_has '  Zoë Ölund  '
check "ls --sort subject" run 0 ls "$T/Work" --sort subject
check "by subject" bash -c "[ \"\$(sed 's/.*  //' '$OUT' | tr '\n' ,)\" = 'Hello world,Quarterly report,re: report,' ]"
check "ls --sort size" run 0 ls "$T/Work" --sort size
check "largest first" bash -c "head -1 '$OUT' | grep -q 'Quarterly report\$' && tail -1 '$OUT' | grep -q 'Hello world\$'"
check "ls --sort date --reverse" run 0 ls "$T/Work" --reverse
check "oldest first" bash -c "head -1 '$OUT' | grep -q 're: report\$'"
check "ls --limit" run 0 ls "$T/Work" --limit 2
check "two lines" bash -c "[ \$(wc -l < '$OUT') -eq 2 ] && tail -1 '$OUT' | grep -q 'Hello world\$'"
check "ls --offset --limit" run 0 ls "$T/Work" --offset 1 --limit 1
check "the second message" bash -c "[ \$(wc -l < '$OUT') -eq 1 ] && grep -q 'Hello world\$' '$OUT'"
check "ls --offset past the end" run 0 ls "$T/Work" --offset 10
check "nothing listed" bash -c "[ ! -s '$OUT' ]"
check "ls --subject" run 0 ls "$T/Work" --subject REPORT
check "subject restriction" bash -c "[ \$(wc -l < '$OUT') -eq 2 ] && ! grep -q Hello '$OUT'"
check "ls --unread" run 0 ls "$T/Work" --unread
check "unread only" bash -c "[ \$(wc -l < '$OUT') -eq 2 ] && ! grep -q Hello '$OUT'"
check "ls --unread --subject" run 0 ls "$T/Work" --unread --subject quarterly
check "both restrictions" bash -c "[ \$(wc -l < '$OUT') -eq 1 ]"
check "ls of an empty folder" run 0 ls "$T/A"
check "ls --sort unknown exits 2" run 2 ls "$T/Work" --sort colour
check "unknown sort key named" err_has "unknown sort key 'colour'"
check "ls --limit -1 exits 2" run 2 ls --limit -1
check "ls of the Inbox by default" run 0 ls

# properties
check "props" run 0 props "$T/Work"
check "props: name" out_has '^0x3001001F  PidTagDisplayName  *Work$'
check "props: counts" bash -c "grep -q '^0x36020003  PidTagContentCount  *3 ' '$OUT' && grep -q '^0x36030003  PidTagContentUnreadCount  *2 ' '$OUT'"
check "props: folder id" out_has '^0x67480014  PidTagFolderId  *[0-9]* (0x'
check "props: times in UTC" out_has '^0x30070040  PidTagCreationTime  *20[0-9-]*T[0-9:]*Z$'
check "props: sorted by tag" bash -c "cut -c1-10 '$OUT' | sort -c"
check "props of the top" run 0 props
check "props of the top: its name" out_has 'PidTagDisplayName  *Top of Information Store$'

# the public folders
check "--public folders" run 0 --public folders
check "--public mkdir" run 0 --public mkdir "$T-pub"
check "--public folder listed" bash -c "$MAIL --public folders | grep -q '^  $T-pub '"
check "--public rmdir" run 0 --public rmdir "$T-pub"
check "--public folder gone" bash -c "! $MAIL --public folders | grep -q '$T-pub'"

# profiles
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" create mm $CRED --store-password \
	>/dev/null 2>&1
MAIL_CRED=$MAIL
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF"
check "-p PROFILE" run 0 -p mm folders "$T"
check "no profile, no default, no -U exits 2" run 2 folders
check "no default named" err_has "there is no default profile"
check "unknown profile exits 2" run 2 -p nosuch folders
check "unknown profile named" err_has "no profile 'nosuch'"
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" default mm >/dev/null 2>&1
check "default profile" run 0 ls "$T/Work" --limit 1

# errors
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF -I $SERVER -W $DOMAIN -U $user%wrong-password"
check "wrong password exits 1" run 1 folders
check "wrong password named" err_has "logon failed for $DOMAIN\\\\$user: wrong user name or password"
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF -I 127.0.0.2 -W $DOMAIN -U $user%$pass"
check "unreachable server exits 1" run 1 folders
check "unreachable server named" err_has "cannot reach the server 127.0.0.2"
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF -I $SERVER -W $DOMAIN -U ${ADMIN_USER:-Administrator}%${ADMIN_PASSWORD:-}"
check "user without mailbox exits 1" run 1 folders
check "user without mailbox named" err_has "has no mailbox"
MAIL=$MAIL_CRED
check "no command exits 2" run 2
check "unknown command exits 2" run 2 frobnicate
check "unknown command named" err_has "unknown command 'frobnicate'"
check "missing argument exits 2" run 2 mkdir
check "too many arguments exits 2" run 2 rename a b c
check "bad option exits 2" run 2 --no-such-option folders

# mail: a new profile sends, the second user fetches
bob=${second%%:*}
carol=${third%%:*}
AS_BOB="$BUILDDIR/bin/mapimail -s $SMB_CONF -I $SERVER -W $DOMAIN -U $bob%${second#*:}"
AS_CAROL="$BUILDDIR/bin/mapimail -s $SMB_CONF -I $SERVER -W $DOMAIN -U $carol%${third#*:}"
export SAMBAMAPI_PROFILES=$TMP/new-profiles.ldb
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" create newuser $CRED \
	--store-password > "$OUT" 2> "$ERR"
check "mapiprofile creates a new profile" [ $? -eq 0 ]
AS_NEW="$BUILDDIR/bin/mapimail -s $SMB_CONF -p newuser"
as() { local want=$1 who=$2; shift 2; $who "$@" > "$OUT" 2> "$ERR"; [ $? -eq "$want" ]; }
# the MID of the message with subject $2 in folder $3 (default Inbox) of $1
mid_of() { $1 ls "${3:-Inbox}" --subject "$2" | awk '{ print $1; exit }'; }
A=$TMP/attach
mkdir -p "$A" "$TMP/saved" "$TMP/big"
head -c 300000 /dev/urandom > "$A/data.bin"
printf 'Quarterly figures\nline two: äöü\n' > "$A/notes.txt"
printf '<html><body><p>Hello <b>Bob</b>, see the <i>figures</i> &amp; notes.</p></body></html>\n' > "$A/body.html"
S="$T mail"
check "send: To, Cc, Bcc, HTML body, two attachments" as 0 "$AS_NEW" send \
	--to "$bob" --cc "Carol Tester <$carol@${REALM,,}>" --bcc "Ölund Zoë" \
	--subject "$S" --html --body-file "$A/body.html" \
	--attach "$A/data.bin" --attach "$A/notes.txt"
check "send prints nothing" bash -c "[ ! -s '$OUT' ] && [ ! -s '$ERR' ]"
MID=$(mid_of "$AS_BOB" "$S")
check "in the recipient's Inbox" [ -n "$MID" ]
check "fetch: the summary" as 0 "$AS_BOB" fetch --subject "$S"
check "fetch: unread, with attachments, from the sender" out_has "^$MID  [0-9: -]*  N@  Alice Tester .*  $S\$"
check "fetch --save-attachments" as 0 "$AS_BOB" fetch --subject "$S" --save-attachments "$TMP/saved"
check "the binary attachment byte-identical" cmp "$A/data.bin" "$TMP/saved/data.bin"
check "the text attachment byte-identical" cmp "$A/notes.txt" "$TMP/saved/notes.txt"
check "fetch --full" as 0 "$AS_BOB" fetch --subject "$S" --full
cp "$OUT" "$TMP/full.txt"
check "mbox From line" bash -c "head -1 '$TMP/full.txt' | grep -Eq '^From $user@[^ ]+ [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4}\$'"
check "header From" out_has "^From: Alice Tester <$user@"
check "header To" out_has "^To: Bob Tester <$bob@"
check "header Cc" out_has "^Cc: Carol Tester <$carol@"
check "no Bcc in the recipient's copy" out_lacks "^Bcc:"
check "header Subject" out_has "^Subject: $S\$"
check "header Date" out_has '^Date: [A-Z][a-z][a-z], [0-9]* [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]* [+-][0-9]\{4\}$'
check "header Message-Id" out_has '^Message-I[dD]: <.*@.*>$'
check "MIME: mixed, alternative, HTML, attachments" bash -c "grep -q '^MIME-Version: 1.0' '$OUT' && grep -q '^Content-Type: multipart/mixed' '$OUT' && grep -q '^Content-Type: multipart/alternative' '$OUT' && grep -q '^Content-Type: text/html' '$OUT' && grep -q 'filename=data.bin' '$OUT' && grep -q '^Content-Type: text/plain.*name=notes.txt' '$OUT'"
check "the RFC 5322 text parses, attachments and body intact" python3 - "$TMP/full.txt" "$A" <<'PY'
import mailbox, sys
msgs = list(mailbox.mbox(sys.argv[1]))
assert len(msgs) == 1, len(msgs)
m, d = msgs[0], sys.argv[2]
files = {p.get_filename(): p.get_payload(decode=True) for p in m.walk() if p.get_filename()}
assert files['data.bin'] == open(d + '/data.bin', 'rb').read()
assert files['notes.txt'] == open(d + '/notes.txt', 'rb').read()
html = [p for p in m.walk() if p.get_content_type() == 'text/html'][0]
assert 'Hello <b>Bob</b>' in html.get_payload(decode=True).decode(html.get_content_charset())
text = [p for p in m.walk() if p.get_content_type() == 'text/plain' and not p.get_filename()][0]
assert 'Hello Bob' in text.get_payload(decode=True).decode(text.get_content_charset())
PY
check "show: the readable message" as 0 "$AS_BOB" show "$MID"
check "show: headers, text, attachments" bash -c "grep -q '^From: Alice Tester <' '$OUT' && grep -q '^Cc: Carol Tester <' '$OUT' && grep -q '^Subject: $S\$' '$OUT' && grep -q 'Hello Bob' '$OUT' && grep -Eq '^  [0-9]+  data.bin \\(' '$OUT'"
check "show --mime" as 0 "$AS_BOB" show --mime "$MID"
check "show --mime: RFC 5322 without a From line" bash -c "! head -1 '$OUT' | grep -q '^From ' && grep -q '^Subject: $S\$' '$OUT'"
check "attachments" as 0 "$AS_BOB" attachments "$MID"
check "attachments: both listed" bash -c "[ \$(wc -l < '$OUT') -eq 2 ] && grep -Eq ' application/octet-stream  +data.bin\$' '$OUT' && grep -Eq ' text/plain  +notes.txt\$' '$OUT'"
check "the Cc recipient has it" bash -c "$AS_CAROL ls --subject '$S' | grep -q '$S'"
check "the sender's copy in Sent Items" as 0 "$AS_NEW" ls "Sent Items" --subject "$S"
check "Sent Items: one copy" bash -c "[ \$(wc -l < '$OUT') -eq 1 ]"
check "not left in the Outbox" bash -c "! $AS_NEW ls Outbox | grep -q '$S'"
SENT=$(mid_of "$AS_NEW" "$S" "Sent Items")
check "the sender's copy keeps the Bcc" as 0 "$AS_NEW" show --folder "Sent Items" "$SENT"
check "Bcc: the Bcc recipient" out_has "^Bcc: Ölund Zoë <zoe@"
check "fetch --mbox appends" bash -c "$AS_BOB fetch --subject '$S' --mbox '$TMP/box' > /dev/null && $AS_BOB fetch --subject '$S' --mbox '$TMP/box' > /dev/null && [ \$(grep -c '^From $user@' '$TMP/box') -eq 2 ] && [ \$(stat -c %a '$TMP/box') = 600 ]"

# reading, marking, copying, moving, deleting
check "mark-read" as 0 "$AS_BOB" mark-read "$MID"
check "read now" bash -c "$AS_BOB ls --subject '$S' | grep -q '^$MID  [0-9: -]*     Alice'"
check "mark-unread" as 0 "$AS_BOB" mark-unread "$MID"
check "unread again" bash -c "$AS_BOB ls --unread --subject '$S' | grep -q '^$MID '"
as 0 "$AS_BOB" mkdir "$T-kept"
check "copy-msg" as 0 "$AS_BOB" copy-msg "$MID" "$T-kept"
check "copied: in both folders" bash -c "$AS_BOB ls '$T-kept' | grep -q '$S' && $AS_BOB ls | grep -q '$S'"
COPY=$(mid_of "$AS_BOB" "$S" "$T-kept")
check "move-msg" as 0 "$AS_BOB" move-msg "$MID" "$T-kept"
check "moved: out of the Inbox, two in the folder" bash -c "! $AS_BOB ls | grep -q '$S' && [ \$($AS_BOB ls '$T-kept' | grep -c '$S') -eq 2 ]"
check "delete (soft)" as 0 "$AS_BOB" delete --folder "$T-kept" "$COPY"
check "delete --hard" as 0 "$AS_BOB" delete --hard --folder "$T-kept" "$MID"
check "both gone" bash -c "! $AS_BOB ls '$T-kept' | grep -q '$S'"
check "delete an unknown message" as 1 "$AS_BOB" delete --folder "$T-kept" "$MID"
check "unknown message named" err_has "no message $MID in '$T-kept'"
check "delete: a bad ID" as 1 "$AS_BOB" delete 12zz
check "bad ID named" err_has "bad message ID '12zz'"
check "show an unknown message" as 1 "$AS_BOB" show "$MID"
check "move-msg to an unknown folder" as 1 "$AS_BOB" move-msg --folder "$T-kept" 1 Nope/X
check "unknown destination named" err_has "no folder 'Nope'"
check "one bad ID: nothing deleted" bash -c "$AS_BOB send --to $bob --subject '$T keep' && M=\$($AS_BOB ls --subject '$T keep' | cut -d' ' -f1) && ! $AS_BOB delete \$M 7777777 2> '$ERR' && grep -q 'no message 7777777' '$ERR' && $AS_BOB ls | grep -q '$T keep'"
as 0 "$AS_BOB" rmdir -r --hard "$T-kept"

# plain text, SMTP addresses, lists
mkdir -p "$A/other" "$TMP/dup"
printf 'another file, same name\n' > "$A/other/notes.txt"
check "send two attachments of one name" as 0 "$AS_NEW" send --to "$bob" \
	--subject "$T dup" --attach "$A/notes.txt" --attach "$A/other/notes.txt"
check "saved apart: the second with its number in front" bash -c "$AS_BOB fetch --subject '$T dup' --save-attachments '$TMP/dup' > /dev/null && cmp '$A/notes.txt' '$TMP/dup/notes.txt' && cmp '$A/other/notes.txt' \$(ls -d '$TMP/dup/'*-notes.txt)"
check "send: plain text, an SMTP address, several in one value" as 0 "$AS_NEW" send \
	--to "$bob@${REALM,,}, \"Carol Tester\"" --subject "$T plain" --body "just text"
check "plain text arrives" bash -c "$AS_CAROL fetch --subject '$T plain' --full | grep -q '^Content-Type: text/plain' && $AS_BOB show \$($AS_BOB ls --subject '$T plain' | cut -d' ' -f1) | grep -q '^just text\$'"
check "send to a distribution list" as 0 "$AS_NEW" send --to staff --subject "$T list" --body "to all"
check "the list's members have it" bash -c "$AS_BOB ls | grep -q '$T list' && $MAIL ls | grep -q '$T list'"

# a large attachment through streams, and the progress bar
head -c 5242880 /dev/urandom > "$A/big.bin"
check "send a 5 MB attachment" as 0 "$AS_NEW" send --to "$bob" --subject "$T big" --attach "$A/big.bin"
check "no progress bar without a terminal" bash -c "[ ! -s '$ERR' ]"
check "fetch it" as 0 "$AS_BOB" fetch --subject "$T big" --save-attachments "$TMP/big"
check "the 5 MB attachment byte-identical" cmp "$A/big.bin" "$TMP/big/big.bin"
check "a progress bar on a terminal" bash -c "timeout 120 script -qec \"$AS_BOB fetch --subject '$T big' --full > /dev/null\" /dev/null | tr '\r' '\n' | grep -q '100%'"
check "--no-progress" bash -c "! timeout 120 script -qec \"$AS_BOB fetch --no-progress --subject '$T big' --full > /dev/null\" /dev/null | grep -q '%'"

# the address book
check "gal" as 0 "$AS_NEW" gal
check "gal: users, list, contact" bash -c "grep -Eq '^Bob Tester +$bob@[^ ]+ +user +$bob\$' '$OUT' && grep -Eq '^Staff +staff@[^ ]+ +list ' '$OUT' && grep -Eq '^Dave External +dave@example.org +contact' '$OUT'"
check "resolve" as 0 "$AS_NEW" resolve "$bob" Carol
check "resolve: both" bash -c "grep -q '^$bob: Bob Tester ' '$OUT' && grep -q '^Carol: Carol Tester ' '$OUT'"
check "resolve an unknown name" as 1 "$AS_NEW" resolve nobody-here
check "unknown name named" err_has "unknown name 'nobody-here'"

# bad input: nothing is sent
check "unknown recipient" as 1 "$AS_NEW" send --to nobody-here --subject "$T bad" --body x
check "unknown recipient named" err_has "unknown recipient 'nobody-here': no entry of the address book has that name"
check "ambiguous recipient" as 1 "$AS_NEW" send --to Tester --subject "$T bad" --body x
check "ambiguous recipient named, with the candidates" err_has "recipient 'Tester' is ambiguous: .*Bob Tester"
check "missing attachment" as 1 "$AS_NEW" send --to "$bob" --subject "$T bad" --attach "$A/nope.pdf"
check "missing attachment named" err_has "cannot read the attachment '$A/nope.pdf': No such file or directory"
check "bad SMTP address" as 1 "$AS_NEW" send --to "bob@@x" --subject "$T bad"
check "bad address named" err_has "bad recipient address 'bob@@x'"
check "no recipients exits 2" as 2 "$AS_NEW" send --subject "$T bad" --body x
check "no recipients named" err_has "no recipients: give --to, --cc or --bcc"
check "--body and --body-file exits 2" as 2 "$AS_NEW" send --to "$bob" --body x --body-file "$A/body.html"
check "missing body file" as 1 "$AS_NEW" send --to "$bob" --body-file "$A/nope.txt"
check "missing body file named" err_has "cannot read the body file '$A/nope.txt'"
check "save into a missing directory" as 1 "$AS_BOB" fetch --subject "$T plain" --save-attachments "$TMP/nodir"
check "missing directory named" err_has "cannot save attachments in '$TMP/nodir'"
check "nothing of the bad input was sent" bash -c "! $AS_BOB ls | grep -q '$T bad' && ! $AS_NEW ls 'Sent Items' | grep -q '$T bad' && ! $AS_NEW ls Outbox | grep -q '$T bad'"
check "show without an ID exits 2" as 2 "$AS_BOB" show

# clean up the mail of this run
for who in "$AS_NEW" "$AS_BOB" "$AS_CAROL"; do
	for f in Inbox "Sent Items"; do
		mids=$($who ls "$f" --subject "$T" | cut -d' ' -f1)
		[ -z "$mids" ] || $who delete --hard --folder "$f" $mids
	done
done
check "the mail of this run deleted" bash -c "! $AS_BOB ls | grep -q '$T' && ! $AS_NEW ls 'Sent Items' | grep -q '$T'"
export SAMBAMAPI_PROFILES=$TMP/profiles.ldb

# clean up
check "rmdir --recursive of the test tree" run 0 rmdir -r --hard "$T"
check "test tree gone" bash -c "! $MAIL folders | grep -q '$T'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
