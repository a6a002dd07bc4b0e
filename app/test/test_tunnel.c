/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The UDP tunnel port table through rte_eth_dev_udp_tunnel_port_add and
 * _delete: its size, conflicts and errors (typing on the ports is
 * checked with scapy frames by testpmd's offloads/udp_tunnel_ports).
 */

#include <errno.h>

#include "test_common.h"

static int
tunnel(uint16_t port, uint16_t udp, uint8_t type, bool add)
{
	struct rte_eth_udp_tunnel t = { .udp_port = udp, .prot_type = type };

	return add ? rte_eth_dev_udp_tunnel_port_add(port, &t) :
		rte_eth_dev_udp_tunnel_port_delete(port, &t);
}

static int
test_tunnel_table(const void *arg __rte_unused)
{
	uint16_t port, i;
	int ret;

	CHECK(tu_port("a", "", &port) == 0, "probe");
	/* 4789/VXLAN is there from reset: adding it again is fine. */
	CHECK(tunnel(port, 4789, RTE_ETH_TUNNEL_TYPE_VXLAN, true) == 0,
	      "add 4789 vxlan again");
	ret = tunnel(port, 4789, RTE_ETH_TUNNEL_TYPE_GENEVE, true);
	CHECK(ret == -EBUSY, "4789 as geneve too: %d, expected -EBUSY", ret);
	for (i = 1; i < 8; i++)
		CHECK(tunnel(port, 6000 + i, RTE_ETH_TUNNEL_TYPE_GENEVE, true) ==
		      0, "add port %u", 6000 + i);
	ret = tunnel(port, 7000, RTE_ETH_TUNNEL_TYPE_VXLAN, true);
	CHECK(ret == -ENOSPC, "a 9th port: %d, expected -ENOSPC", ret);
	ret = tunnel(port, 6001, RTE_ETH_TUNNEL_TYPE_VXLAN, false);
	CHECK(ret == -ENOENT, "remove 6001 as vxlan (it is geneve): %d", ret);
	CHECK(tunnel(port, 6001, RTE_ETH_TUNNEL_TYPE_GENEVE, false) == 0,
	      "remove 6001");
	CHECK(tunnel(port, 7000, RTE_ETH_TUNNEL_TYPE_VXLAN, true) == 0,
	      "room again after a removal");
	ret = tunnel(port, 0, RTE_ETH_TUNNEL_TYPE_VXLAN, true);
	CHECK(ret == -EINVAL, "port 0: %d", ret);
	ret = tunnel(port, 4000, RTE_ETH_TUNNEL_TYPE_TEREDO, true);
	CHECK(ret == -ENOTSUP, "teredo: %d, expected -ENOTSUP", ret);
	return TEST_PASS;
}

/* ABI 1.0 devices type VXLAN on 4789 only and have no table. */
static int
test_tunnel_abi_1_0(const void *arg __rte_unused)
{
	uint16_t port;
	int ret;

	CHECK(tu_port("a", "hw_version=1.0", &port) == 0, "probe ABI 1.0");
	ret = tunnel(port, 4790, RTE_ETH_TUNNEL_TYPE_VXLAN_GPE, true);
	CHECK(ret == -ENOTSUP, "add on ABI 1.0: %d, expected -ENOTSUP", ret);
	return TEST_PASS;
}

void
register_tunnel_tests(void)
{
	test_register("tunnel", "port_table", test_tunnel_table, NULL);
	test_register("tunnel", "abi_1_0", test_tunnel_abi_1_0, NULL);
}
