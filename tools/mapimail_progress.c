/*
 * mapimail: the progress bar of long transfers (many messages, large
 * attachments).  It is drawn on stderr, and only when stderr is a
 * terminal and --no-progress was not given, so that scripts and logs see
 * nothing of it.  One bar at a time: while one is drawn (the messages
 * of a fetch), the others (each attachment's) stay hidden.  One line,
 * redrawn in place:
 *
 *   sending report.pdf  [##########..........]  50%  2.5 MB / 5.0 MB
 */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "mapimail.h"

#define BAR_WIDTH	24
#define LABEL_WIDTH	28

void mail_progress_start(struct mail_ctx *m, struct mail_progress *p,
			 const char *label, uint64_t total, bool bytes)
{
	p->label = label;
	p->total = total;
	p->done = 0;
	p->bytes = bytes;
	p->shown = -1;
	p->busy = &m->progress_busy;
	p->active = !m->opt->no_progress && !m->progress_busy && total > 0 &&
		    isatty(STDERR_FILENO) == 1;
	if (p->active) {
		m->progress_busy = true;
	}
}

static void amount(char *buf, size_t size, uint64_t n, bool bytes)
{
	if (!bytes) {
		snprintf(buf, size, "%" PRIu64, n);
	} else if (n >= 1024 * 1024) {
		snprintf(buf, size, "%.1f MB", n / (1024.0 * 1024.0));
	} else if (n >= 1024) {
		snprintf(buf, size, "%.1f KB", n / 1024.0);
	} else {
		snprintf(buf, size, "%" PRIu64 " B", n);
	}
}

static void draw(struct mail_progress *p, int permille)
{
	char bar[BAR_WIDTH + 1], done[32], total[32];
	int i, filled = permille * BAR_WIDTH / 1000;

	for (i = 0; i < BAR_WIDTH; i++) {
		bar[i] = i < filled ? '#' : '.';
	}
	bar[BAR_WIDTH] = '\0';
	amount(done, sizeof(done), p->done, p->bytes);
	amount(total, sizeof(total), p->total, p->bytes);
	fprintf(stderr, "\r%-*.*s [%s] %3d%%  %s / %s", LABEL_WIDTH,
		LABEL_WIDTH, p->label, bar, permille / 10, done, total);
	fflush(stderr);
	p->shown = permille;
}

void mail_progress_add(struct mail_progress *p, uint64_t n)
{
	int permille;

	p->done += n;
	if (!p->active) {
		return;
	}
	if (p->done > p->total) {
		p->done = p->total;
	}
	permille = (int)(p->done * 1000 / p->total);
	if (permille / 10 != p->shown / 10 || p->shown < 0) {
		draw(p, permille);
	}
}

void mail_progress_end(struct mail_progress *p)
{
	if (!p->active) {
		return;
	}
	if (p->shown < 0 || p->done < p->total) {
		draw(p, (int)(p->done * 1000 / p->total));
	}
	fputc('\n', stderr);
	p->active = false;
	*p->busy = false;
}
