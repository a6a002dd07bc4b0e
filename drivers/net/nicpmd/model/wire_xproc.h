/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _WIRE_XPROC_H_
#define _WIRE_XPROC_H_

/*
 * The xproc cable: its protocol (what another process sees, documented
 * in the NIC guide's xproc section) and the state the connection
 * (wire_xproc.c) and the rings (wire_xproc_ring.c) share.
 *
 * Everything in the shared memory can be written by the far process at
 * any moment: this side keeps its own indexes privately and only
 * publishes them there, reads each far value once, checks it, and copies
 * a frame out of its slot before anything looks into it.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/un.h>

#include "nicdev_priv.h"

#define XPROC_MAGIC		0x4e505843u	/* "NPXC" */
/* 2: sealed memory and its size in the hello (1 had neither). */
#define XPROC_VERSION		2u
#define XPROC_SLOTS		256u		/* per direction, power of 2 */
#define XPROC_SLOT_HDR		8u		/* u32 length, u32 reserved */
#define XPROC_SLOT_SIZE		(NICDEV_FRAME_MAX + XPROC_SLOT_HDR)

/* One direction: the producer owns tail, the consumer owns head. */
struct xproc_ring {
	alignas(RTE_CACHE_LINE_SIZE) uint32_t tail;
	alignas(RTE_CACHE_LINE_SIZE) uint32_t head;
	alignas(RTE_CACHE_LINE_SIZE) uint8_t slots[XPROC_SLOTS][XPROC_SLOT_SIZE];
};

struct xproc_shm {
	/* Each side's port: enabled and administratively up (carrier). */
	alignas(RTE_CACHE_LINE_SIZE) uint32_t willing[2]; /* [0]: listener */
	struct xproc_ring ring[2];	/* [0]: listener -> connector */
};

/*
 * The listener's one message, with exactly one fd (SCM_RIGHTS): a memfd
 * of shm_size bytes sealed at least against shrinking (F_SEAL_SHRINK),
 * so the far process can never pull the memory from under a mapping.
 */
struct xproc_hello {
	uint32_t magic;
	uint32_t version;
	uint32_t slots;
	uint32_t slot_size;
	uint32_t shm_size;		/* sizeof(struct xproc_shm) */
	uint32_t rsvd;			/* 0 */
};

enum xproc_state {
	XP_IDLE,		/* nothing: try again at next_try */
	XP_LISTENING,		/* our socket file, waiting for a peer */
	XP_HELLO,		/* connected, the listener's hello not yet in */
	XP_CONNECTED,		/* rings mapped */
};

struct wire_xproc {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	/* the datapath reads the rings, the watcher maps and unmaps them */
	rte_rwlock_t lock;
	rte_spinlock_t rx_lock;	/* one poller: several Rx queues poll */
	rte_spinlock_t tx_lock;	/* one producer: several Tx queues send */
	enum xproc_state state;
	int listen_fd;
	dev_t sock_dev;		/* the socket file we bound: the only */
	ino_t sock_ino;		/* one this wire ever unlinks */
	int conn_fd;
	uint64_t deadline;	/* TSC: the hello is late */
	uint64_t next_try;	/* TSC of the next connect/listen attempt */
	uint32_t backoff_ms;	/* grows while attempts keep failing */
	char last_why[96];	/* the last failure logged at WARNING */
	struct xproc_shm *shm;
	struct xproc_ring *tx;
	struct xproc_ring *rx;
	uint32_t tx_tail;	/* ours; the shared copy is only published */
	uint32_t rx_head;
	int side;		/* 0: listener, 1: connector */
	bool far_willing;	/* the far port, as last followed */
	uint64_t far_hold;	/* TSC: no link change from it before */
	uint8_t (*batch)[NICDEV_FRAME_MAX];	/* Rx: frames copied out */
};

/*
 * A received hello of n bytes (h holds the first sizeof(*h)), its
 * recvmsg flags and the fds it brought: 0 if it is a valid one, else -1
 * with why filled.
 */
int xproc_hello_check(const struct xproc_hello *h, ssize_t n, int msg_flags,
		      unsigned int nb_fds, char *why, size_t why_len);

/* wire_xproc_ring.c: the datapath over mapped rings. */
void xproc_rings_init(struct wire_xproc *w, struct xproc_shm *shm, int side);
uint16_t xproc_ring_xmit(struct nicdev *dev, struct wire_xproc *w,
			 const struct nicdev_frame *frames, uint16_t nb);
uint16_t xproc_ring_poll(struct nicdev *dev, struct wire_xproc *w,
			 uint16_t budget);

#endif /* _WIRE_XPROC_H_ */
