/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The slot: where a vdev meets its device (see nicpmd_slot.h). The only
 * driver file compiled with the model's include path; what it hands out
 * is a register window, interrupt eventfds and an opaque handle.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_hash_crc.h>

#include "nicpmd_device.h"
#include "nicpmd_slot.h"
#include "nicdev.h"

/*
 * The handle is the model's device itself, under a type only this file
 * converts: no allocation, and the trap costs what a direct call costs.
 */
static inline struct nicdev *
slot_dev(struct nicpmd_slot *slot)
{
	return (struct nicdev *)(void *)slot;
}

/* A stable, locally administered "burned-in" MAC derived from the name. */
static void
slot_default_mac(const char *name, uint8_t mac[6])
{
	uint32_t h = rte_hash_crc(name, strlen(name), 0x6e696370);

	mac[0] = 0x02;		/* locally administered, unicast */
	mac[1] = 0x4e;
	mac[2] = h >> 24;
	mac[3] = h >> 16;
	mac[4] = h >> 8;
	mac[5] = h;
}

void
nicpmd_slot_trap(struct nicpmd_slot *slot, uint32_t reg)
{
	nicdev_trap(slot_dev(slot), reg);
}

int
nicpmd_slot_wire_check(const char *wire, char *why, size_t why_len)
{
	return nicdev_wire_check(wire, why, why_len);
}

int
nicpmd_slot_plug(const char *name, const struct nicpmd_slot_args *args,
		 struct nicpmd_slot **slot, struct nicpmd_slot_resources *res)
{
	struct nicdev_params p;
	struct nicdev_window win;
	int ret;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	snprintf(p.wire, sizeof(p.wire), "%s", args->wire);
	p.engine = args->threaded ? NICDEV_ENGINE_THREAD : NICDEV_ENGINE_INLINE;
	p.nb_queues = args->nb_queues;
	p.version = args->version;
	slot_default_mac(name, p.mac);

	ret = nicdev_create(&p, &win);
	if (ret < 0) {
		NICPMD_LOG(ERR, "%s: no device in slot (wire %s): %s", name,
			   args->wire, rte_strerror(-ret));
		return ret;
	}
	*slot = (struct nicpmd_slot *)(void *)win.dev;
	res->bar = win.bar;
	res->trapped = win.trap != NULL;
	res->nb_irq = win.nb_irq;
	memcpy(res->irq_fd, win.irq_fd, sizeof(res->irq_fd));
	return 0;
}

void
nicpmd_slot_unplug(struct nicpmd_slot *slot)
{
	nicdev_destroy(slot_dev(slot));
}
