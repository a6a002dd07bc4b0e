/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The Tx offload engine (checksums, TSO, tag insertion) on any descriptor
 * and packet, as the Tx engine would hand them over: requests within the
 * negotiated features, a length within the limits. Input: a descriptor,
 * one byte of segment count, then the packet.
 */

#include "fuzz_common.h"

static struct nicdev *dev;
static uint8_t out[NICDEV_FRAME_MAX];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nicdev_seg segs[4];
	struct nicdev_tx_offload o;
	struct nicpmd_tx_desc d;
	uint8_t nb_seg, *pkt;
	uint32_t i, off = 0;
	int n, k;

	if (dev == NULL) {
		dev = fuzz_device();
		dev->features = UINT64_MAX & ~NICPMD_F_EXPERIMENTAL_MASK;
		dev->tx_cmd_ok = UINT16_MAX;
	}
	fuzz_take(&data, &size, &d, sizeof(d));
	fuzz_take(&data, &size, &nb_seg, 1);
	nb_seg = 1 + nb_seg % RTE_DIM(segs);
	if (size < NICPMD_MIN_FRAME || size < nb_seg ||
	    size > ((d.cmd & NICPMD_TXD_TSO) ? NICPMD_TSO_MAX_LEN :
		    NICPMD_MAX_FRAME))
		return 0;
	pkt = malloc(size);
	if (pkt == NULL)
		return 0;
	memcpy(pkt, data, size);
	for (i = 0; i < nb_seg; i++) {
		uint32_t len = i == nb_seg - 1u ? size - off :
			(size - off) / (nb_seg - i);

		segs[i].data = pkt + off;
		segs[i].len = len;
		off += len;
	}
	n = nicdev_tx_offload_begin(&o, dev, &d, segs, nb_seg, size);
	for (k = 0; k < n; k++)
		if (nicdev_tx_offload_next(&o, out) == 0)
			break;
	free(pkt);
	return 0;
}
