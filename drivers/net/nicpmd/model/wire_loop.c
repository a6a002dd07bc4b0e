/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* wire=loop: a loopback plug; what the port sends comes back to it. */

#include <errno.h>
#include <stdio.h>

#include "nicdev_priv.h"

static int
loop_check(const char *arg, char *why, size_t why_len)
{
	if (arg[0] != '\0') {
		snprintf(why, why_len, "loop takes no argument");
		return -EINVAL;
	}
	return 0;
}

static int
loop_attach(struct nicdev *dev __rte_unused, const char *arg __rte_unused)
{
	return 0;
}

static void
loop_detach(struct nicdev *dev __rte_unused)
{
}

static uint16_t
loop_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	nicdev_mac_rx(dev, frames, nb);
	return nb;
}

const struct nicdev_wire nicdev_wire_loop = {
	.type = "loop",
	.syntax = "loop",
	.check = loop_check,
	.attach = loop_attach,
	.detach = loop_detach,
	.xmit = loop_xmit,
};
