/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_DEVARGS_H_
#define _NICPMD_DEVARGS_H_

/* Device arguments (--vdev net_nicpmdN,key=value,...): nicpmd_devargs.c. */

#include <stdbool.h>

#include <rte_ether.h>

#include "nicpmd_slot.h"

#define NICPMD_DEFAULT_QUEUES	16u

struct nicpmd_devargs {
	struct nicpmd_slot_args slot;	/* wire, engine, queues, hw_version */
	bool development;		/* experimental features allowed */
	bool has_mac;
	struct rte_ether_addr mac;
};

/*
 * Every key, its syntax and its handler, from this one list: the parser,
 * the "known keys" message and RTE_PMD_REGISTER_PARAM_STRING all use it.
 */
#define NICPMD_DEVARGS(X) \
	X(wire, NICPMD_SLOT_WIRES) \
	X(mac, "<xx:xx:xx:xx:xx:xx>") \
	X(queues, "<1-64>") \
	X(engine, "inline|thread") \
	X(development, "0|1") \
	X(hw_version, "<major.minor>")

#define NICPMD_DEVARG_HELP(key, syntax) #key "=" syntax " "
#define NICPMD_DEVARGS_HELP NICPMD_DEVARGS(NICPMD_DEVARG_HELP)

/* 0, or -EINVAL after a log line naming the device, the key and the value. */
int nicpmd_devargs_parse(const char *name, const char *args,
			 struct nicpmd_devargs *out);

#endif /* _NICPMD_DEVARGS_H_ */
