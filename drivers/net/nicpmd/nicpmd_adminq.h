/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_ADMINQ_H_
#define _NICPMD_ADMINQ_H_

/*
 * The admin queue transport: posts one raw command and waits for its
 * completion. Only the typed commands (nicpmd_admin.c) use it; the rest
 * of the driver calls those.
 */

#include "nicpmd_device.h"

/* Run one command; on return cmd holds the device's completion. */
int nicpmd_aq_exec(struct nicpmd_hw *hw, struct nicpmd_aq_desc *cmd);

#endif /* _NICPMD_ADMINQ_H_ */
