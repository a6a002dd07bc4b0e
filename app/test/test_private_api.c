/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The private API (rte_pmd_nicpmd.h): experimental, development=1 only.
 * The test is not linked with the PMD; it finds the function in the
 * plugin EAL loaded (-d), by its soname, as an application would link it.
 */

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>

#include "test_common.h"

typedef int (*fault_inject_t)(uint16_t port_id, uint32_t drop_every);

static fault_inject_t
find_fault_inject(void)
{
	/* By SONAME (librte_net_nicpmd.so.<ABI major>), as EAL loaded it. */
	void *h = dlopen(NICPMD_PMD_SONAME, RTLD_NOW | RTLD_NOLOAD);

	if (h == NULL)
		return NULL;
	/* The handle only pins an object EAL keeps loaded anyway. */
	return (fault_inject_t)(uintptr_t)dlsym(h, "rte_pmd_nicpmd_fault_inject");
}

/* Two started ports on one cable; A probed with devargs extra. */
static int
pair_with(const char *extra, struct tu_pair *p, struct rte_mempool *mp)
{
	char args[TU_ARGS_LEN], cable[TU_NAME_LEN];
	struct tu_port_conf conf;
	struct rte_eth_link link;
	int ret;

	tu_port_conf_default(&conf);
	tu_cable("c", cable, sizeof(cable));
	snprintf(args, sizeof(args), "wire=peer:%s%s%s", cable,
		 extra[0] ? "," : "", extra);
	ret = tu_vdev_create("a", args, true, &p->a);
	if (ret < 0)
		return ret;
	snprintf(args, sizeof(args), "wire=peer:%s", cable);
	ret = tu_vdev_create("b", args, true, &p->b);
	if (ret < 0)
		return ret;
	ret = tu_port_start(p->a, mp, &conf);
	if (ret == 0)
		ret = tu_port_start(p->b, mp, &conf);
	if (ret == 0)
		ret = tu_wait_link(p->a, 1, &link);
	if (ret == 0) {
		rte_eth_macaddr_get(p->a, &p->mac_a);
		rte_eth_macaddr_get(p->b, &p->mac_b);
	}
	return ret;
}

/* Send n frames A -> B; return how many B received. */
static int
send_count(const struct tu_pair *p, struct rte_mempool *mp, uint16_t n)
{
	struct rte_mbuf *pkts[64];
	uint16_t i, sent;

	for (i = 0; i < n; i++) {
		pkts[i] = tu_frame(mp, &p->mac_b, &p->mac_a, 64, i, false);
		if (pkts[i] == NULL)
			return -ENOMEM;
	}
	sent = tu_tx(p->a, 0, pkts, n);
	tu_free(pkts + sent, n - sent);
	if (sent != n)
		return -EIO;
	return tu_rx_drain(p->b, 0);
}

static int
test_fault_inject_refused(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	fault_inject_t fault_inject = find_fault_inject();
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(fault_inject != NULL, "rte_pmd_nicpmd_fault_inject not exported");
	CHECK(pair_with("", &p, mp) == 0, "pair without development");
	ret = fault_inject(p.a, 2);
	CHECK(ret == -EPERM, "without development=1: %d, want -EPERM", ret);
	ret = fault_inject(RTE_MAX_ETHPORTS - 1, 2);
	CHECK(ret == -ENODEV, "on no port: %d, want -ENODEV", ret);
	/* Refused means refused: every frame still arrives. */
	ret = send_count(&p, mp, 40);
	CHECK(ret == 40, "received %d of 40 after a refused request", ret);
	return TEST_PASS;
}

static int
test_fault_inject_drops(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	fault_inject_t fault_inject = find_fault_inject();
	struct rte_eth_stats st;
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(fault_inject != NULL, "rte_pmd_nicpmd_fault_inject not exported");
	CHECK(pair_with("development=1", &p, mp) == 0, "pair with development");
	CHECK(rte_eth_stats_reset(p.a) == 0, "stats reset");
	ret = fault_inject(p.a, 4);
	CHECK(ret == 0, "drop every 4th: %d", ret);
	ret = send_count(&p, mp, 40);
	CHECK(ret == 30, "received %d of 40 with every 4th dropped, want 30",
	      ret);
	CHECK(rte_eth_stats_get(p.a, &st) == 0, "stats");
	CHECK(st.oerrors == 10 && st.opackets == 30,
	      "A opackets %" PRIu64 " oerrors %" PRIu64 ", want 30 and 10",
	      st.opackets, st.oerrors);
	ret = fault_inject(p.a, 0);
	CHECK(ret == 0, "turn off: %d", ret);
	ret = send_count(&p, mp, 40);
	CHECK(ret == 40, "received %d of 40 with fault injection off", ret);
	return TEST_PASS;
}

void
register_private_api_tests(void)
{
	test_register("private_api", "fault_inject_refused",
		      test_fault_inject_refused, NULL);
	test_register("private_api", "fault_inject_drops",
		      test_fault_inject_drops, NULL);
}
