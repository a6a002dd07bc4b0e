/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_XPROC_HARNESS_H_
#define _NICPMD_XPROC_HARNESS_H_

/*
 * One xproc port under test (vdev tag "a") and the test's far end of its
 * cable (xproc_peer.h), in a directory of the test's own that goes with
 * everything in it at the end.
 */

#include <fcntl.h>

#include "test_common.h"
#include "xproc_peer.h"

/* Events on the wire's own clock (retries back off to 1 s, hellos time
 * out after 2 s): waited for, never slept on.
 */
#define WAIT_MS		10000u
#define GOOD_SEALS	(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)

struct xt {
	char dir[64];
	char path[128];
	char args[TU_ARGS_LEN];
	int lfd;		/* the test listening: the port connects */
	int cfd;		/* the test's end of the connection */
	struct xp_shm *shm;	/* the rings, as the far end maps them */
	uint16_t port;
};

int xt_open(struct xt *t);
/* The port first (its socket file goes with it), then our ends. */
void xt_close(struct xt *t);
/* Probe "a" on the cable (more args appended) and start it. */
int xt_port(struct xt *t, struct rte_mempool *mp, const char *more,
	    const struct tu_port_conf *c);
/* Link status now, -1 on error; wait up to ms for it to be up. */
int xt_link(uint16_t port);
bool xt_wait_link(uint16_t port, int up, unsigned int ms);
/*
 * As a listener: accept the port, send a good hello with good memory
 * (t->shm: its mapping, willing[0] set) and wait for the link. A verdict.
 */
int xt_accept_good(struct xt *t);

#endif /* _NICPMD_XPROC_HARNESS_H_ */
