/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_H_
#define _NICDEV_H_

/*
 * The software nicpmd device: its platform side.
 *
 * This is what a bus sees when a device is plugged into a slot: how it is
 * cabled and clocked, and the register window it exposes. A driver uses
 * only the register window and what base/nicpmd_hw.h says about it.
 */

#include <stdint.h>

#include "nicpmd_hw.h"

struct nicdev;

/* How the device's work is executed. */
enum nicdev_engine {
	/* Device work runs on the core that writes a register. */
	NICDEV_ENGINE_INLINE,
	/* A device thread polls the registers, as silicon would. */
	NICDEV_ENGINE_THREAD,
};

#define NICDEV_NAME_LEN		64
#define NICDEV_WIRE_ARG_LEN	256

/* Everything needed to build one device instance. */
struct nicdev_params {
	char name[NICDEV_NAME_LEN];	/* unique device name */
	char wire[NICDEV_WIRE_ARG_LEN];	/* "loop", "peer:<cable>", ... */
	enum nicdev_engine engine;
	uint16_t nb_queues;		/* queue pairs the device has */
	uint32_t version;		/* NICPMD_VERSION() to report */
	uint8_t mac[6];			/* permanent MAC ("EEPROM") */
};

/*
 * Register-write trap. With the inline engine, the platform calls the
 * device after every register write so that it can react at once; with
 * the threaded engine there is no trap and the device polls.
 */
typedef void (*nicdev_trap_t)(struct nicdev *dev, uint32_t reg);

/* What the platform hands a driver for one device. */
struct nicdev_window {
	volatile uint8_t *bar;		/* NICPMD_BAR_SIZE bytes */
	nicdev_trap_t trap;		/* NULL: the device polls */
	struct nicdev *dev;		/* opaque, passed to trap */
	/*
	 * Interrupt vectors: eventfds the device signals (vector 0: misc,
	 * 1 + q: Rx queue q), owned by the device.
	 */
	int irq_fd[NICPMD_MAX_VECTORS];
	uint16_t nb_irq;
};

/*
 * The inline engine's trap, for platforms that give a driver in another
 * process (a DPDK secondary) access to the same device: a function
 * pointer in shared memory would point into the first process's code.
 */
void nicdev_trap(struct nicdev *dev, uint32_t reg);

/* Check a wire string; on error fill why (a message) and return -EINVAL. */
int nicdev_wire_check(const char *wire, char *why, size_t why_len);

/* Build a device, cabled and running; fill win. Returns 0 or -errno. */
int nicdev_create(const struct nicdev_params *params,
		  struct nicdev_window *win);

/* Unplug: stop the device, uncable it, free it. */
void nicdev_destroy(struct nicdev *dev);

#endif /* _NICDEV_H_ */
