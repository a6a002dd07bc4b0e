/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Reading gathered frames (nicdev_frame.h). */

#include <string.h>

#include <rte_common.h>

#include "nicdev_frame.h"

bool
nicdev_frame_peek(const struct nicdev_frame *f, uint32_t off, uint32_t len,
		  void *buf)
{
	uint8_t *out = buf;
	uint16_t i;

	if (off + len > f->len)
		return false;
	for (i = 0; i < f->nb_seg && len != 0; i++) {
		uint32_t n;

		if (off >= f->seg[i].len) {
			off -= f->seg[i].len;
			continue;
		}
		n = RTE_MIN(len, f->seg[i].len - off);
		memcpy(out, f->seg[i].data + off, n);
		out += n;
		len -= n;
		off = 0;
	}
	return true;
}

void
nicdev_frame_copy(const struct nicdev_frame *f, uint8_t *buf)
{
	nicdev_frame_peek(f, 0, f->len, buf);
}
