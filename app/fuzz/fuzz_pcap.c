/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The pcap wire replaying any file: the input is the capture, replayed
 * to its end through the wire as a port would take it in.
 */

#include <stdio.h>
#include <unistd.h>

#include "fuzz_common.h"

static struct nicdev *dev;
static char path[64], arg[80];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;
	int i;

	if (dev == NULL) {
		dev = fuzz_device();
		dev->link_up = true;	/* replay needs the link */
		snprintf(path, sizeof(path), "/dev/shm/nicpmd_fuzz_%d.pcap",
			 (int)getpid());
		snprintf(arg, sizeof(arg), "rx:%s", path);
	}
	f = fopen(path, "wb");
	if (f == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (nicdev_wire_pcap.attach(dev, arg) == 0) {
		for (i = 0; i < 1000 && nicdev_wire_pcap.poll(dev, 32) != 0; i++)
			;
		nicdev_wire_pcap.detach(dev);
	}
	unlink(path);
	return 0;
}
