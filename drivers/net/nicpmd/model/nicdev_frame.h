/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_FRAME_H_
#define _NICDEV_FRAME_H_

/*
 * Frames as the device's MAC and wires see them: gathered segments, the
 * Ethernet constants every part of the model uses, and the largest frame
 * anything in the model builds or carries (nicdev_frame.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include "nicpmd_hw.h"

#define NICDEV_ETH_ADDR_LEN	6u
#define NICDEV_ETH_ADDRS_LEN	(2u * NICDEV_ETH_ADDR_LEN)	/* dst + src */
#define NICDEV_ETH_HDR_LEN	14u
#define NICDEV_VLAN_TAG_LEN	4u
#define NICDEV_ETHER_TYPE_IPV4	0x0800u
#define NICDEV_ETHER_TYPE_IPV6	0x86ddu
#define NICDEV_ETHER_TYPE_TEB	0x6558u	/* transparent Ethernet bridging */

/*
 * The largest frame on any path of the model: the device's maximum plus
 * the two tags Tx insertion may add. Rx, RSS and every wire size their
 * buffers with it, so a frame one part emits the next can always hold.
 */
#define NICDEV_FRAME_MAX	(NICPMD_MAX_FRAME + 2u * NICDEV_VLAN_TAG_LEN)

/* One gathered piece of a frame, as the device reads it from memory. */
struct nicdev_seg {
	const uint8_t *data;
	uint32_t len;
};

/* A frame leaving or entering the MAC: a list of segments. */
struct nicdev_frame {
	const struct nicdev_seg *seg;
	uint16_t nb_seg;
	uint32_t len;
};

/* Copy len bytes at offset off of a frame into buf; false if too short. */
bool nicdev_frame_peek(const struct nicdev_frame *f, uint32_t off,
		       uint32_t len, void *buf);

/* Copy a whole frame into buf (f->len bytes). */
void nicdev_frame_copy(const struct nicdev_frame *f, uint8_t *buf);

#endif /* _NICDEV_FRAME_H_ */
