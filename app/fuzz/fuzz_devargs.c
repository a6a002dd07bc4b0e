/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The driver's device argument parser on any string a user may pass in
 * --vdev (the wire checks look at paths: they only stat them).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "nicpmd_devargs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* The driver registers it in nicpmd_ethdev.c, not linked here. */
int nicpmd_logtype;

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	rte_log_set_global_level(RTE_LOG_EMERG);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nicpmd_devargs out;
	char *args;

	if (size > 4096)
		return 0;
	args = malloc(size + 1);
	if (args == NULL)
		return 0;
	memcpy(args, data, size);
	args[size] = '\0';
	nicpmd_devargs_parse("net_nicpmd0", args, &out);
	free(args);
	return 0;
}
