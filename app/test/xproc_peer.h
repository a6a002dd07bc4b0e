/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_XPROC_PEER_H_
#define _NICPMD_XPROC_PEER_H_

/*
 * The far end of an xproc cable as another process would write it, from
 * the NIC guide's description of the protocol (not from the model's
 * code): the tests' oracle for what crosses, and their hostile peer,
 * able to send any hello, any fds and any memory, and to write anything
 * into the shared rings.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XP_MAGIC	0x4e505843u
#define XP_VERSION	2u
#define XP_SLOTS	256u
#define XP_FRAME_MAX	(9728u + 8u)		/* device maximum + 2 tags */
#define XP_SLOT_SIZE	(8u + XP_FRAME_MAX)	/* u32 length, u32 0, frame */
#define XP_LINE		64u

struct xp_ring {
	uint32_t tail;				/* producer's */
	uint8_t pad0[XP_LINE - 4];
	uint32_t head;				/* consumer's */
	uint8_t pad1[XP_LINE - 4];
	uint8_t slots[XP_SLOTS][XP_SLOT_SIZE];
};

struct xp_shm {
	uint32_t willing[2];			/* [0]: the listener's port */
	uint8_t pad[XP_LINE - 8];
	struct xp_ring ring[2];			/* [0]: listener -> connector */
};

struct xp_hello {
	uint32_t magic;
	uint32_t version;
	uint32_t slots;
	uint32_t slot_size;
	uint32_t shm_size;
	uint32_t rsvd;
};

/* A valid hello. */
void xp_hello_default(struct xp_hello *h);

/* Sockets (SOCK_SEQPACKET); -1 on failure. Waits are bounded by ms. */
int xp_listen(const char *path, int backlog);
int xp_accept(int lfd, unsigned int ms);
int xp_connect(const char *path);
/* Send len bytes of h with nb_fds fds attached; 0 or -1. */
int xp_send_hello(int fd, const void *h, size_t len, const int *fds,
		  unsigned int nb_fds);
/* The listener's hello: 1 with *memfd set, 0 nothing within ms, -1 bad. */
int xp_recv_hello(int fd, struct xp_hello *h, int *memfd, unsigned int ms);
/* Has the other end closed the connection (within ms)? */
bool xp_hung_up(int fd, unsigned int ms);

/* A memfd of size bytes with the given F_SEAL_* seals; -1 on failure. */
int xp_memfd(size_t size, unsigned int seals);
/* Map a memfd as the rings; NULL on failure. */
struct xp_shm *xp_map(int memfd);
void xp_unmap(struct xp_shm *shm);

/* Producer side: put a frame (or, raw, any length word) at *tail. */
void xp_put(struct xp_ring *r, uint32_t *tail, const void *frame,
	    uint32_t len);
void xp_put_raw_len(struct xp_ring *r, uint32_t *tail, uint32_t len);
/* Consumer side: how many frames wait; copy the one at head. */
uint32_t xp_pending(const struct xp_ring *r, uint32_t head);
uint32_t xp_peek(const struct xp_ring *r, uint32_t head, void *buf);

/* Open fds of this process (for leak checks). */
unsigned int xp_count_fds(void);

#endif /* _NICPMD_XPROC_PEER_H_ */
