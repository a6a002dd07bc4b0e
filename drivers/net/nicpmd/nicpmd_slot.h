/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_SLOT_H_
#define _NICPMD_SLOT_H_

/*
 * The slot: where a vdev meets its device, as a PCI slot would. On
 * silicon the bus maps a BAR and allocates MSI-X vectors; here the
 * platform builds a software device and hands back the same things.
 * nicpmd_slot.c is the only driver file that knows the device is
 * software; the handle it returns is opaque to the rest of the driver.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nicpmd_hw.h"

struct nicpmd_slot;

/* How the device in the slot is built and cabled (from devargs). */
#define NICPMD_SLOT_WIRE_LEN	256
struct nicpmd_slot_args {
	char wire[NICPMD_SLOT_WIRE_LEN];	/* "loop", "peer:<cable>", ... */
	bool threaded;			/* engine=thread */
	uint16_t nb_queues;		/* queue pairs the device has */
	uint32_t version;		/* ABI version it reports */
};

/* What the slot hands the driver for the device, as a bus would. */
struct nicpmd_slot_resources {
	volatile uint8_t *bar;		/* NICPMD_BAR_SIZE bytes */
	bool trapped;			/* call nicpmd_slot_trap() on writes */
	int irq_fd[NICPMD_MAX_VECTORS];	/* vector -> eventfd, device-owned */
	uint16_t nb_irq;
};

/* Is wire a cabling the platform knows? -EINVAL with why filled if not. */
int nicpmd_slot_wire_check(const char *wire, char *why, size_t why_len);

/* The wire types, as the devargs help string shows them. */
#define NICPMD_SLOT_WIRES "loop|peer:<cable>|pcap:rx:<file>:tx:<file>|" \
	"iface:<netdev>|xproc:<socket path>"

int nicpmd_slot_plug(const char *name, const struct nicpmd_slot_args *args,
		     struct nicpmd_slot **slot,
		     struct nicpmd_slot_resources *res);
void nicpmd_slot_unplug(struct nicpmd_slot *slot);

/*
 * The inline engine's register trap: the device runs on the writing core.
 * A plain call into this process's copy of the plugin, so a secondary
 * process sharing the device traps into its own code.
 */
void nicpmd_slot_trap(struct nicpmd_slot *slot, uint32_t reg);

#endif /* _NICPMD_SLOT_H_ */
