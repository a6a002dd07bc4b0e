/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* The wire types a device can be cabled with, by name. */

#include <string.h>

#include "nicdev_priv.h"

static const struct nicdev_wire *const wires[] = {
	&nicdev_wire_loop,
	&nicdev_wire_peer,
	&nicdev_wire_pcap,
	&nicdev_wire_iface,
	&nicdev_wire_xproc,
};

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
