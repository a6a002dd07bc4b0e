/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The slot: where a vdev meets its device. On silicon the bus would map a
 * BAR; here the platform builds a software device and hands back its
 * register window. This is the only driver file that knows the device is
 * software; everything else sees registers, rings and admin commands.
 */

#include <errno.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_hash_crc.h>

#include "nicpmd.h"
#include "nicdev.h"

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

const nicpmd_trap_t nicpmd_platform_trap = nicdev_trap;

int
nicpmd_slot_wire_check(const char *wire, char *why, size_t why_len)
{
	return nicdev_wire_check(wire, why, why_len);
}

int
nicpmd_slot_plug(const char *name, const struct nicpmd_slot_args *slot,
		 struct nicpmd_hw *hw)
{
	struct nicdev_params p;
	struct nicdev_window win;
	int ret;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "%s", name);
	snprintf(p.wire, sizeof(p.wire), "%s", slot->wire);
	p.engine = slot->threaded ? NICDEV_ENGINE_THREAD : NICDEV_ENGINE_INLINE;
	p.nb_queues = slot->nb_queues;
	p.version = slot->version;
	slot_default_mac(name, p.mac);

	ret = nicdev_create(&p, &win);
	if (ret < 0) {
		NICPMD_LOG(ERR, "%s: no device in slot (wire %s): %s", name,
			   slot->wire, rte_strerror(-ret));
		return ret;
	}
	hw->bar = win.bar;
	hw->trapped = win.trap != NULL;
	hw->trap_dev = win.dev;
	hw->nb_irq = win.nb_irq;
	memcpy(hw->irq_fd, win.irq_fd, sizeof(hw->irq_fd));
	return 0;
}

void
nicpmd_slot_unplug(struct nicpmd_hw *hw)
{
	/* The device owns the BAR: forget it before it goes. */
	struct nicdev *dev = hw->trap_dev;

	hw->bar = NULL;
	hw->trapped = false;
	hw->trap_dev = NULL;
	nicdev_destroy(dev);
}
