/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * wire=peer:<cable>: two devices of one process cabled back to back.
 * The first device naming a cable plugs one end, the second the other; a
 * third is refused. Either end may be unplugged at any time: frames sent
 * meanwhile are lost, as on a real cable, and the far link goes down.
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nicdev_priv.h"

#define CABLE_NAME_LEN	32

struct cable {
	LIST_ENTRY(cable) next;
	char name[CABLE_NAME_LEN];
	/* end[i] may be read while end_lock[i] is held for reading. */
	rte_rwlock_t end_lock[2];
	struct nicdev *end[2];
};

static LIST_HEAD(, cable) cables = LIST_HEAD_INITIALIZER(cables);
static pthread_mutex_t cables_lock = PTHREAD_MUTEX_INITIALIZER;

static int
side_of(const struct cable *c, const struct nicdev *dev)
{
	return c->end[1] == dev;
}

static int
peer_check(const char *arg, char *why, size_t why_len)
{
	size_t i, len = strlen(arg);

	if (len == 0 || len >= CABLE_NAME_LEN) {
		snprintf(why, why_len,
			 "peer needs a cable name of 1 to %d characters",
			 CABLE_NAME_LEN - 1);
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		char ch = arg[i];

		if (!(ch == '_' || ch == '-' || ch == '.' ||
		      (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z'))) {
			snprintf(why, why_len,
				 "cable name may hold only letters, digits, '_', '-', '.'");
			return -EINVAL;
		}
	}
	return 0;
}

static int
peer_attach(struct nicdev *dev, const char *arg)
{
	struct cable *c;
	int side, ret = 0;

	pthread_mutex_lock(&cables_lock);
	LIST_FOREACH(c, &cables, next)
		if (strcmp(c->name, arg) == 0)
			break;
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c == NULL) {
			ret = -ENOMEM;
			goto out;
		}
		snprintf(c->name, sizeof(c->name), "%s", arg);
		rte_rwlock_init(&c->end_lock[0]);
		rte_rwlock_init(&c->end_lock[1]);
		LIST_INSERT_HEAD(&cables, c, next);
	}
	if (c->end[0] != NULL && c->end[1] != NULL) {
		NICDEV_LOG(ERR, "%s: cable '%s' already joins %s and %s",
			   dev->params.name, arg, c->end[0]->params.name,
			   c->end[1]->params.name);
		ret = -EBUSY;
		goto out;
	}
	side = c->end[0] != NULL;
	rte_rwlock_write_lock(&c->end_lock[side]);
	c->end[side] = dev;
	rte_rwlock_write_unlock(&c->end_lock[side]);
	dev->wire_priv = c;
out:
	pthread_mutex_unlock(&cables_lock);
	return ret;
}

static void
peer_detach(struct nicdev *dev)
{
	struct cable *c = dev->wire_priv;
	int side;

	if (c == NULL)
		return;
	pthread_mutex_lock(&cables_lock);
	side = side_of(c, dev);
	/* Waits for any far-end transmit into us to finish. */
	rte_rwlock_write_lock(&c->end_lock[side]);
	c->end[side] = NULL;
	rte_rwlock_write_unlock(&c->end_lock[side]);
	dev->wire_priv = NULL;
	if (c->end[!side] != NULL) {
		nicdev_link_refresh(c->end[!side]);
	} else {
		LIST_REMOVE(c, next);
		free(c);
	}
	pthread_mutex_unlock(&cables_lock);
}

/* A cable carries everything; an unplugged far end loses it, as a wire. */
static uint16_t
peer_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	struct cable *c = dev->wire_priv;
	int far = !side_of(c, dev);

	rte_rwlock_read_lock(&c->end_lock[far]);
	if (c->end[far] != NULL)
		nicdev_mac_rx(c->end[far], frames, nb);
	rte_rwlock_read_unlock(&c->end_lock[far]);
	return nb;
}

static bool
peer_carrier(const struct nicdev *dev)
{
	const struct cable *c = dev->wire_priv;
	const struct nicdev *far;

	if (c == NULL)
		return false;
	far = c->end[!side_of(c, dev)];
	return far != NULL && far->enabled && far->link_admin_up;
}

static void
peer_link_changed(struct nicdev *dev)
{
	struct cable *c = dev->wire_priv;
	struct nicdev *far;

	if (c == NULL)
		return;
	far = c->end[!side_of(c, dev)];
	if (far != NULL)
		nicdev_link_follow(far);
}

const struct nicdev_wire nicdev_wire_peer = {
	.type = "peer",
	.syntax = "peer:<cable>",
	.check = peer_check,
	.attach = peer_attach,
	.detach = peer_detach,
	.xmit = peer_xmit,
	.carrier = peer_carrier,
	.link_changed = peer_link_changed,
};
