/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * What an xproc far end controls: the hello it sends (any bytes, any
 * flags and fd count) and the shared rings (any indexes, any slot
 * lengths, at any time). Input: a hello, then the far side's view of
 * both rings and the first slots' contents. The ring reader must take
 * only what is valid and the writer must never write past a slot.
 */

#include <sys/socket.h>

#include "fuzz_common.h"
#include "wire_xproc.h"

static struct xproc_shm *shm;
static struct nicdev *dev;
static struct wire_xproc w;

static void
setup(void)
{
	shm = aligned_alloc(RTE_CACHE_LINE_SIZE, sizeof(*shm));
	w.batch = malloc(sizeof(*w.batch) * NICDEV_BURST);
	if (shm == NULL || w.batch == NULL)
		abort();
	memset(shm, 0, sizeof(*shm));
	dev = fuzz_device();
	dev->wire_priv = &w;
	rte_rwlock_init(&w.lock);
	rte_spinlock_init(&w.rx_lock);
	rte_spinlock_init(&w.tx_lock);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct {
		struct xproc_hello h;
		int32_t n;
		uint32_t flags;
		uint8_t nb_fds;
		uint8_t side;
		uint32_t rx_tail, tx_head;
	} in;
	uint8_t frame[128];
	struct nicdev_seg seg = { .data = frame, .len = sizeof(frame) };
	struct nicdev_frame f = { .seg = &seg, .nb_seg = 1,
				  .len = sizeof(frame) };
	struct nicdev_frame frames[NICDEV_BURST];
	char why[96];
	uint32_t i;

	if (shm == NULL)
		setup();
	fuzz_take(&data, &size, &in, sizeof(in));
	xproc_hello_check(&in.h, in.n, (int)in.flags, in.nb_fds, why,
			  sizeof(why));

	xproc_rings_init(&w, shm, in.side & 1);
	/* What the reader may look at, made the same for every input (all
	 * 5 MB each time would be most of the run).
	 */
	for (i = 0; i < XPROC_SLOTS; i++)
		memset(w.rx->slots[i], 0, XPROC_SLOT_HDR + 64);
	/* The far side's indexes and slots, written after we set ours. */
	w.rx->tail = in.rx_tail;
	w.tx->head = in.tx_head;
	for (i = 0; i < XPROC_SLOTS && size != 0; i++) {
		size_t k = RTE_MIN(size, (size_t)XPROC_SLOT_HDR + 64);

		memcpy(w.rx->slots[i], data, k);
		data += k;
		size -= k;
	}
	while (xproc_ring_poll(dev, &w, NICDEV_BURST) != 0)
		;
	memset(frame, 0x5a, sizeof(frame));
	for (i = 0; i < NICDEV_BURST; i++)
		frames[i] = f;
	for (i = 0; i < 10; i++)
		xproc_ring_xmit(dev, &w, frames, NICDEV_BURST);
	return 0;
}
