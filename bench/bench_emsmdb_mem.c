/*
 * Workload 7: the server's memory per idle session and per open contents
 * table, with --sessions (500) concurrent sessions.
 *
 * Each session is a connection of its own with EcDoConnectEx and a
 * private logon; then each shows the --table-folder folder as the
 * contents workload does (open, contents table, columns, sort, first 50
 * rows) and keeps the folder and table open.  Memory of the server
 * process (--server-pid), its growth over the sessions, then over the
 * tables, per session: RssAnon of /proc/PID/status, what the system
 * gives the process (VmRSS would also count the pages of the store's
 * memory-mapped databases the tables read).  Memory the process freed
 * before is reused without growing RssAnon, so the figures are only
 * right on a server whose heap has not grown and shrunk before: this
 * part runs first, bench/run restarts the server before this workload
 * and gives the mailboxes' DNs (--user-dn: asking the address book would
 * make the server build its directory snapshot, some 150 MB of which is
 * freed again).  The JSON has RssAnon at the start.  (Samba's own talloc
 * report, smbcontrol pool-usage, does not see the RPC server's memory.)
 *
 * A session or table that cannot be opened ends that step: the JSON says
 * how many were opened and why the next failed, with the server's open
 * file limit and descriptors in use.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "bench_emsmdb.h"

struct peer {
	struct mapi_emsmdb *emsmdb;
	struct mapi_logon *logon;
};

struct memory {
	long at_start, with_sessions, with_tables;	/* RssAnon, kB */
	int sessions, tables;
	enum MAPISTATUS session_error, table_error;
	long max_files, fds;
};

/* A field of /proc/PID/status in kB; -1 if unknown. */
static long proc_status_kb(long pid, const char *field)
{
	char path[64], line[256];
	size_t n = strlen(field);
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	f = fopen(path, "r");
	if (f == NULL) {
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			kb = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kb;
}

/* The soft "Max open files" of the process; -1 if unknown. */
static long max_open_files(long pid)
{
	char path[64], line[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/limits", pid);
	f = fopen(path, "r");
	if (f == NULL) {
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "Max open files", 14) == 0) {
			v = strtol(line + 14, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static long open_fds(long pid)
{
	char path[64];
	struct dirent *e;
	long n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%ld/fd", pid);
	d = opendir(path);
	if (d == NULL) {
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		n += e->d_name[0] != '.';
	}
	closedir(d);
	return n;
}

static void open_sessions(struct bench *b, TALLOC_CTX *mem,
			  struct peer *p, struct memory *m)
{
	int i;

	for (i = 0; i < b->sessions; i++) {
		m->session_error = bench_session(&b->user, mem, b->rpc,
						 &p[i].emsmdb, &p[i].logon);
		if (m->session_error != MAPI_E_SUCCESS) {
			break;
		}
		m->sessions++;
	}
}

static void open_tables(struct bench *b, TALLOC_CTX *mem, uint64_t fid,
			struct peer *p, struct memory *m)
{
	int i;

	for (i = 0; i < m->sessions; i++) {
		uint32_t folder, table;

		m->table_error = bench_show_folder(p[i].logon, mem, fid,
						   &folder, &table);
		if (m->table_error != MAPI_E_SUCCESS) {
			break;
		}
		m->tables++;
	}
}

static double per(long after, long before, int n)
{
	return n > 0 && after >= 0 && before >= 0 ?
	       (double)(after - before) / n : -1;
}

static void report(struct bench *b, const struct memory *m,
		   const char *folder)
{
	double session = per(m->with_sessions, m->at_start, m->sessions);
	double table = per(m->with_tables, m->with_sessions, m->tables);

	printf("%-36s %10.1f kB  (%d sessions)\n",
	       "server memory per idle session", session, m->sessions);
	printf("%-36s %10.1f kB  (%d tables of \"%s\")\n",
	       "server memory per open table", table, m->tables, folder);
	printf("%-36s %10ld fds in use, limit %ld\n", "server files",
	       m->fds, m->max_files);
	bench_json_str(b, "memory", "RssAnon of the server process");
	bench_json_int(b, "idle_sessions", m->sessions);
	bench_json_num(b, "memory_per_idle_session_kb", session);
	bench_json_str(b, "memory_table", folder);
	bench_json_int(b, "open_tables", m->tables);
	bench_json_num(b, "memory_per_open_table_kb", table);
	bench_json_int(b, "server_rss_anon_kb_at_start", m->at_start);
	bench_json_int(b, "server_rss_anon_kb_at_peak", m->with_tables);
	bench_json_int(b, "server_fds_at_peak", m->fds);
	bench_json_int(b, "server_max_open_files", m->max_files);
	bench_json_str(b, "sessions_stopped_by",
		       m->sessions < b->sessions ?
		       mapi_status_string(m->session_error) : "none");
	bench_json_str(b, "tables_stopped_by",
		       m->tables < m->sessions ?
		       mapi_status_string(m->table_error) : "none");
}

int bench_workload_memory(struct bench *b)
{
	const char *name = b->table_folder ? b->table_folder
					   : "bench contents 1000";
	TALLOC_CTX *mem = talloc_new(b->mem);
	struct peer *p = talloc_zero_array(mem, struct peer, b->sessions + 1);
	struct memory m = { .sessions = 0 };
	uint64_t fid;
	bool existed = false;

	if (p == NULL || b->server_pid <= 0 ||
	    bench_ipm_folder(b->logon, mem, name, &fid, NULL, &existed) !=
	    MAPI_E_SUCCESS || !existed) {
		fprintf(stderr, "bench_emsmdb: memory: needs --server-pid and "
			"the folder \"%s\"\n", name);
		talloc_free(mem);
		return 1;
	}
	m.at_start = proc_status_kb(b->server_pid, "RssAnon");
	open_sessions(b, mem, p, &m);
	m.with_sessions = proc_status_kb(b->server_pid, "RssAnon");
	open_tables(b, mem, fid, p, &m);
	m.with_tables = proc_status_kb(b->server_pid, "RssAnon");
	m.fds = open_fds(b->server_pid);
	m.max_files = max_open_files(b->server_pid);
	report(b, &m, name);
	talloc_free(mem);
	return m.sessions > 0 && m.tables > 0 ? 0 : 1;
}
