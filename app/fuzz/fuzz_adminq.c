/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The admin queue decoder on any commands a driver may post: up to eight
 * 64-byte entries, executed in order on one device. IOVAs are the
 * driver's to get right (hardware DMAs wherever it is told); they are
 * zeroed here, so the device finds them unreachable, as it must handle.
 */

#include "fuzz_common.h"

static void
zero_iovas(struct nicpmd_aq_desc *d)
{
	switch (d->opcode) {
	case NICPMD_AQ_CREATE_TXQ:
	case NICPMD_AQ_CREATE_RXQ:
	case NICPMD_AQ_GET_STATS:
		memset(d->u.raw, 0, sizeof(uint64_t));
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nicpmd_aq_desc aq[8];
	struct nicdev *dev;
	uint32_t n, i;

	n = RTE_MIN(size / sizeof(aq[0]), RTE_DIM(aq));
	if (n == 0)
		return 0;
	dev = fuzz_device();
	memcpy(aq, data, n * sizeof(aq[0]));
	for (i = 0; i < n; i++)
		zero_iovas(&aq[i]);
	/* Everything negotiated, the admin queue live: the widest surface. */
	dev->features = UINT64_MAX;
	dev->tx_cmd_ok = UINT16_MAX;
	dev->aq = aq;
	dev->aq_mask = RTE_DIM(aq) - 1;
	dev->aq_head = 0;
	nicdev_reg_write(dev, NICPMD_REG_AQ_TAIL, n);
	nicdev_aq_process(dev);
	nicdev_queues_destroy(dev);
	free(dev);
	return 0;
}
