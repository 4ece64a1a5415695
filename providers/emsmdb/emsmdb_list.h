/*
 * Intrusive doubly-linked lists of the EMSMDB provider: a list is a
 * pointer to its first element; elements have prev and next members.
 */
#ifndef EMSMDB_LIST_H
#define EMSMDB_LIST_H

#include <stddef.h>

/** Insert @a p at the front of the list @a head. */
#define EMSMDB_LIST_ADD(head, p) do { \
	(p)->prev = NULL; \
	(p)->next = (head); \
	if ((head) != NULL) { \
		(head)->prev = (p); \
	} \
	(head) = (p); \
} while (0)

/** Append @a p to the list @a head (walks the list). */
#define EMSMDB_LIST_ADD_END(head, p) do { \
	__typeof__(p) _last = (head); \
	(p)->next = NULL; \
	(p)->prev = NULL; \
	while (_last != NULL && _last->next != NULL) { \
		_last = _last->next; \
	} \
	if (_last == NULL) { \
		(head) = (p); \
	} else { \
		_last->next = (p); \
		(p)->prev = _last; \
	} \
} while (0)

/** Unlink @a p from the list @a head. */
#define EMSMDB_LIST_REMOVE(head, p) do { \
	if ((p)->prev != NULL) { \
		(p)->prev->next = (p)->next; \
	} else if ((head) == (p)) { \
		(head) = (p)->next; \
	} \
	if ((p)->next != NULL) { \
		(p)->next->prev = (p)->prev; \
	} \
	(p)->prev = NULL; \
	(p)->next = NULL; \
} while (0)

#endif /* EMSMDB_LIST_H */
