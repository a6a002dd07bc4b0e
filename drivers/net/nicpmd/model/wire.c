/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* The wire types a device can be cabled with, by name. */

#include <stdio.h>
#include <string.h>

#include "nicdev_priv.h"

static const struct nicdev_wire *const wires[] = {
	&nicdev_wire_loop,
	&nicdev_wire_peer,
	&nicdev_wire_pcap,
	&nicdev_wire_iface,
	&nicdev_wire_xproc,
};

void
nicdev_wire_list(char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < RTE_DIM(wires) && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s",
				 i == 0 ? "" : ", ", wires[i]->syntax);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* "type" or "type:arg" -> the wire type; *arg points after ':' or at "". */
const struct nicdev_wire *
nicdev_wire_find(const char *wire, const char **arg)
{
	size_t len = strcspn(wire, ":");
	unsigned int i;

	for (i = 0; i < RTE_DIM(wires); i++) {
		if (strlen(wires[i]->type) == len &&
		    strncmp(wires[i]->type, wire, len) == 0) {
			*arg = wire[len] == ':' ? wire + len + 1 : "";
			return wires[i];
		}
	}
	return NULL;
}
