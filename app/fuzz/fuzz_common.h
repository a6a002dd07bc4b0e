/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_FUZZ_COMMON_H_
#define _NICPMD_FUZZ_COMMON_H_

/*
 * libFuzzer harnesses: each feeds arbitrary bytes to one part of the
 * device model or driver that reads outside input, under ASan and UBSan.
 * A device here is a bare one on a loop wire, never started, with no
 * interrupt fds: only the code under test touches it.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "nicdev_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Quiet: a log line per refused input would be all the fuzzer does. */
int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	rte_log_set_global_level(RTE_LOG_EMERG);
	return 0;
}

/* A zeroed device on a loop wire (malloc'ed: free it). */
static inline struct nicdev *
fuzz_device(void)
{
	struct nicdev *dev = aligned_alloc(RTE_CACHE_LINE_SIZE,
					   sizeof(*dev));
	unsigned int v, q;

	if (dev == NULL)
		abort();
	memset(dev, 0, sizeof(*dev));
	snprintf(dev->params.name, sizeof(dev->params.name), "fuzz");
	dev->params.version = NICPMD_VERSION(NICPMD_ABI_MAJOR,
					     NICPMD_ABI_MINOR);
	dev->wire = &nicdev_wire_loop;
	dev->nb_queues = 4;
	dev->inner_tpid = NICPMD_DEFAULT_INNER_TPID;
	dev->outer_tpid = NICPMD_DEFAULT_OUTER_TPID;
	for (v = 0; v < RTE_DIM(dev->irq_fd); v++)
		dev->irq_fd[v] = -1;
	rte_rwlock_init(&dev->rx_cfg_lock);
	for (q = 0; q < NICPMD_MAX_QUEUES; q++)
		rte_spinlock_init(&dev->rxq[q].lock);
	nicdev_udp_tunnels_reset(&dev->udp_tunnels);
	return dev;
}

/* Take n bytes off the front of the input (zeros once it is used up). */
static inline void
fuzz_take(const uint8_t **data, size_t *size, void *out, size_t n)
{
	size_t k = n < *size ? n : *size;

	memset(out, 0, n);
	memcpy(out, *data, k);
	*data += k;
	*size -= k;
}

#endif /* _NICPMD_FUZZ_COMMON_H_ */
