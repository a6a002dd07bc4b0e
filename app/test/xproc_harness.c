/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* An xproc port under test and the test's end of its cable. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>

#include "xproc_harness.h"

int
xt_open(struct xt *t)
{
	memset(t, 0, sizeof(*t));
	t->lfd = t->cfd = -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/nicpmd_xp_XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/c.sock", t->dir);
	snprintf(t->args, sizeof(t->args), "wire=xproc:%s", t->path);
	return 0;
}

void
xt_close(struct xt *t)
{
	tu_vdev_destroy("a");
	if (t->cfd >= 0)
		close(t->cfd);
	if (t->lfd >= 0)
		close(t->lfd);
	xp_unmap(t->shm);
	unlink(t->path);	/* in our own directory: ours */
	rmdir(t->dir);
}

int
xt_port(struct xt *t, struct rte_mempool *mp, const char *more,
	const struct tu_port_conf *c)
{
	struct tu_port_conf def;
	char args[TU_ARGS_LEN];
	int ret;

	if ((size_t)snprintf(args, sizeof(args), "%s%s%s", t->args,
			     more != NULL ? "," : "",
			     more != NULL ? more : "") >= sizeof(args))
		return -E2BIG;
	ret = tu_port("a", args, &t->port);
	if (ret != 0)
		return ret;
	if (c == NULL) {
		tu_port_conf_default(&def);
		c = &def;
	}
	return tu_port_start(t->port, mp, c);
}

int
xt_link(uint16_t port)
{
	struct rte_eth_link l;

	if (rte_eth_link_get_nowait(port, &l) != 0)
		return -1;
	return l.link_status;
}

bool
xt_wait_link(uint16_t port, int up, unsigned int ms)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() / 1000 * ms;

	while (xt_link(port) != up) {
		if (rte_get_timer_cycles() > end)
			return false;
		rte_delay_us_sleep(1000);
	}
	return true;
}

int
xt_accept_good(struct xt *t)
{
	struct xp_shm **shm = &t->shm;
	struct xp_hello h;
	int fd, cfd;

	xp_hello_default(&h);
	fd = xp_memfd(sizeof(struct xp_shm), GOOD_SEALS);
	*shm = fd >= 0 ? xp_map(fd) : NULL;
	cfd = xp_accept(t->lfd, WAIT_MS);
	if (cfd >= 0)
		t->cfd = cfd;
	CHECK(fd >= 0 && *shm != NULL && cfd >= 0, "memfd %d map %p accept %d",
	      fd, (void *)*shm, cfd);
	__atomic_store_n(&(*shm)->willing[0], 1, __ATOMIC_RELEASE);
	CHECK(xp_send_hello(cfd, &h, sizeof(h), &fd, 1) == 0, "send hello");
	close(fd);
	CHECK(xt_wait_link(t->port, 1, WAIT_MS), "no link with a good far end "
	      "(handshake errors %" PRIu64 ")",
	      tu_xstat(t->port, "wire_handshake_errors"));
	return TEST_PASS;
}
