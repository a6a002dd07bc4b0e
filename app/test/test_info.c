/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* What the port says about itself. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static int
test_dev_info(const void *arg __rte_unused)
{
	struct rte_eth_dev_info info;
	uint16_t port;
	int ret;

	ret = tu_port("a", "", &port);
	CHECK(ret == 0, "probe: %d", ret);
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	CHECK(info.driver_name != NULL &&
	      strcmp(info.driver_name, "net_nicpmd") == 0,
	      "driver_name %s", info.driver_name);
	CHECK(info.max_rx_queues == 4 && info.max_tx_queues == 4,
	      "default queues rx %u tx %u, expected 4", info.max_rx_queues,
	      info.max_tx_queues);
	CHECK(info.min_mtu == 68, "min_mtu %u", info.min_mtu);
	CHECK(info.max_rx_pktlen == 9728, "max_rx_pktlen %u",
	      info.max_rx_pktlen);
	CHECK(info.max_mtu == 9728 - 22, "max_mtu %u, expected 9706 (9728 "
	      "minus header and two VLAN tags)", info.max_mtu);
	CHECK(info.rx_desc_lim.nb_min == 64 && info.rx_desc_lim.nb_max == 4096,
	      "rx desc lim %u..%u", info.rx_desc_lim.nb_min,
	      info.rx_desc_lim.nb_max);
	CHECK(info.tx_desc_lim.nb_min == 64 && info.tx_desc_lim.nb_max == 4096,
	      "tx desc lim %u..%u", info.tx_desc_lim.nb_min,
	      info.tx_desc_lim.nb_max);
	CHECK(info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS,
	      "tx_offload_capa 0x%" PRIx64 " lacks MULTI_SEGS",
	      info.tx_offload_capa);
	CHECK(info.tx_desc_lim.nb_seg_max >= 3, "nb_seg_max %u",
	      info.tx_desc_lim.nb_seg_max);
	CHECK(info.min_rx_bufsize > 0, "min_rx_bufsize 0");
	return TEST_PASS;
}

static int
test_burst_mode(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_burst_mode mode;
	struct rte_eth_rxq_info rxq;
	struct rte_eth_txq_info txq;
	struct rte_ether_addr mac;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	memset(&mode, 0, sizeof(mode));
	ret = rte_eth_rx_burst_mode_get(port, 0, &mode);
	CHECK(ret == 0 && mode.info[0] != '\0', "rx burst mode: %d '%s'",
	      ret, mode.info);
	memset(&mode, 0, sizeof(mode));
	ret = rte_eth_tx_burst_mode_get(port, 0, &mode);
	CHECK(ret == 0 && mode.info[0] != '\0', "tx burst mode: %d '%s'",
	      ret, mode.info);
	ret = rte_eth_rx_burst_mode_get(port, 1, &mode);
	CHECK(ret < 0, "rx burst mode of a missing queue: %d", ret);
	CHECK(rte_eth_rx_queue_info_get(port, 0, &rxq) == 0, "rxq info");
	CHECK(rxq.nb_desc == 256 && rxq.mp == mp,
	      "rxq info nb_desc %u mp %p", rxq.nb_desc, (void *)rxq.mp);
	CHECK(rte_eth_tx_queue_info_get(port, 0, &txq) == 0, "txq info");
	CHECK(txq.nb_desc == 256, "txq info nb_desc %u", txq.nb_desc);
	return TEST_PASS;
}

static int
test_fw_version(const void *arg __rte_unused)
{
	char fw[32];
	uint16_t port;
	int ret;

	ret = tu_port("a", "", &port);
	CHECK(ret == 0, "probe: %d", ret);
	ret = rte_eth_dev_fw_version_get(port, fw, sizeof(fw));
	CHECK(ret == 0 && strcmp(fw, "abi 1.0") == 0,
	      "fw_version_get: %d '%s', expected 'abi 1.0'", ret, fw);
	/* Too small: the size needed, NUL included. */
	ret = rte_eth_dev_fw_version_get(port, fw, 4);
	CHECK(ret == (int)strlen("abi 1.0") + 1,
	      "fw_version_get into 4 bytes: %d, expected %zu", ret,
	      strlen("abi 1.0") + 1);
	return TEST_PASS;
}

/* Extended stats agree with the basic ones. */
static int
test_xstats(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	static struct rte_eth_xstat_name names[256];
	static struct rte_eth_xstat xs[256];
	uint64_t good_rx = UINT64_MAX, good_tx = UINT64_MAX;
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct rte_mbuf *pkts[3];
	uint16_t port, i;
	int n, k, ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < 3; i++) {
		pkts[i] = tu_frame(mp, &mac, &mac, 100, i, false);
		CHECK(pkts[i] != NULL, "frame");
	}
	CHECK(tu_tx(port, 0, pkts, 3) == 3, "send");
	CHECK(tu_wait_stat(port, TU_STAT(ipackets), 3, &st) == 0, "ipackets");
	n = rte_eth_xstats_get_names(port, names, RTE_DIM(names));
	k = rte_eth_xstats_get(port, xs, RTE_DIM(xs));
	CHECK(n > 0 && n == k && n <= (int)RTE_DIM(xs), "xstats %d names %d",
	      k, n);
	for (i = 0; i < n; i++) {
		if (strcmp(names[xs[i].id].name, "rx_good_packets") == 0)
			good_rx = xs[i].value;
		if (strcmp(names[xs[i].id].name, "tx_good_packets") == 0)
			good_tx = xs[i].value;
	}
	CHECK(good_rx == 3 && good_tx == 3, "rx_good_packets %" PRIu64
	      " tx_good_packets %" PRIu64 ", expected 3", good_rx, good_tx);
	CHECK(rte_eth_xstats_reset(port) == 0, "xstats reset");
	CHECK(rte_eth_stats_get(port, &st) == 0 && st.ipackets == 0,
	      "ipackets %" PRIu64 " after xstats reset", st.ipackets);
	return TEST_PASS;
}

/* The value of the xstat called name, or UINT64_MAX if there is none. */
static uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, v;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) != 0 ||
	    rte_eth_xstats_get_by_id(port, &id, &v, 1) != 1)
		return UINT64_MAX;
	return v;
}

/* Ether/IPv4/UDP, 60 bytes, its IPv4 header checksum deliberately wrong. */
static struct rte_mbuf *
bad_ipv4_frame(struct rte_mempool *mp, const struct rte_ether_addr *dst)
{
	static const uint8_t l3l4[] = {
		0x08, 0x00,				/* EtherType IPv4 */
		0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00,
		0x40, 0x11, 0xde, 0xad,			/* wrong checksum */
		10, 0, 0, 1, 10, 0, 0, 2,
		0x12, 0x34, 0x56, 0x78, 0x00, 0x08, 0x00, 0x00,
	};
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, 60);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 60);
	memcpy(p, dst, RTE_ETHER_ADDR_LEN);
	memcpy(p + 6, dst, RTE_ETHER_ADDR_LEN);
	memcpy(p + 12, l3l4, sizeof(l3l4));
	return m;
}

static int
test_xstats_counters(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac, other = {{ 0x02, 0, 0, 0, 0, 0x99 }};
	struct rte_eth_conf conf;
	struct rte_mbuf *pkts[4];
	uint16_t port, i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_IPV4_CKSUM;
	CHECK(rte_eth_dev_configure(port, 1, 1, &conf) == 0, "configure");
	CHECK(rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0, "rxq");
	CHECK(rte_eth_tx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL) == 0,
	      "txq");
	CHECK(rte_eth_dev_start(port) == 0, "start");
	CHECK(rte_eth_promiscuous_disable(port) == 0, "promisc off");
	rte_eth_macaddr_get(port, &mac);
	CHECK(rte_eth_xstats_reset(port) == 0, "reset");
	CHECK(xstat(port, "rx_l3_checksum_errors") == 0 &&
	      xstat(port, "rx_mtu_exceeded_errors") == 0 &&
	      xstat(port, "rx_mac_filter_drops") == 0, "not zero after reset");

	/* 2 frames over the MTU, 3 to a foreign MAC, 4 with a bad IPv4 sum. */
	for (i = 0; i < 2; i++)
		pkts[i] = tu_frame(mp, &mac, &mac, RTE_ETHER_MTU + 20, i, false);
	CHECK(tu_tx(port, 0, pkts, 2) == 2, "send oversize");
	for (i = 0; i < 3; i++)
		pkts[i] = tu_frame(mp, &other, &mac, 64, i, false);
	CHECK(tu_tx(port, 0, pkts, 3) == 3, "send foreign");
	for (i = 0; i < 4; i++) {
		pkts[i] = bad_ipv4_frame(mp, &mac);
		CHECK(pkts[i] != NULL, "frame");
	}
	CHECK(tu_tx(port, 0, pkts, 4) == 4, "send bad checksums");
	n = tu_rx(port, 0, pkts, 4);
	ret = 0;
	for (i = 0; i < n; i++)
		ret += (pkts[i]->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
			RTE_MBUF_F_RX_IP_CKSUM_BAD;
	tu_free(pkts, n);
	CHECK(n == 4 && ret == 4, "%u frames delivered, %d flagged IP bad", n,
	      ret);
	CHECK(xstat(port, "rx_mtu_exceeded_errors") == 2,
	      "rx_mtu_exceeded_errors %" PRIu64,
	      xstat(port, "rx_mtu_exceeded_errors"));
	CHECK(xstat(port, "rx_mac_filter_drops") == 3,
	      "rx_mac_filter_drops %" PRIu64, xstat(port, "rx_mac_filter_drops"));
	CHECK(xstat(port, "rx_l3_checksum_errors") == 4,
	      "rx_l3_checksum_errors %" PRIu64,
	      xstat(port, "rx_l3_checksum_errors"));
	CHECK(xstat(port, "rx_l4_checksum_errors") == 0,
	      "rx_l4_checksum_errors %" PRIu64,
	      xstat(port, "rx_l4_checksum_errors"));
	return TEST_PASS;
}

/* Count the lines text has that contain needle. */
static int
lines_with(const char *text, const char *needle)
{
	const char *p = text;
	int n = 0;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Register window, private state and descriptor dumps. */
static int
test_dumps(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_dev_reg_info reg = { .data = NULL };
	static uint32_t regs[256];
	struct rte_ether_addr mac;
	char *text = NULL;
	size_t size = 0;
	uint16_t port;
	FILE *f;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup");
	CHECK(rte_eth_dev_get_reg_info(port, &reg) == 0, "reg length");
	CHECK(reg.length > 8 && reg.length <= RTE_DIM(regs) && reg.width == 4,
	      "reg length %u width %u", reg.length, reg.width);
	reg.data = regs;
	CHECK(rte_eth_dev_get_reg_info(port, &reg) == 0, "reg dump");
	/* The spec: MAGIC "NICP" at 0x000, VERSION 1.x at 0x004. */
	CHECK(regs[0] == 0x4e494350, "MAGIC 0x%08x", regs[0]);
	CHECK(regs[1] >> 16 == 1 && reg.version == regs[1], "VERSION 0x%08x",
	      regs[1]);

	f = open_memstream(&text, &size);
	CHECK(f != NULL, "memstream");
	ret = rte_eth_dev_priv_dump(port, f);
	ret |= rte_eth_rx_descriptor_dump(port, 0, 0, 4, f);
	ret |= rte_eth_tx_descriptor_dump(port, 0, 0, 3, f);
	fclose(f);
	ret = ret == 0 && strstr(text, "device ABI 1.") != NULL &&
		strstr(text, "rxq 0: 256 desc") != NULL &&
		lines_with(text, "rxq 0 desc") == 4 &&
		lines_with(text, "txq 0 desc") == 3;
	if (!ret)
		test_fail(__FILE__, __LINE__, "dumps: %s", text);
	free(text);
	return ret ? TEST_PASS : TEST_FAIL;
}

void
register_info_tests(void)
{
	test_register("info", "dumps", test_dumps, NULL);
	test_register("info", "xstats_counters", test_xstats_counters, NULL);
	test_register("info", "dev_info", test_dev_info, NULL);
	test_register("info", "burst_mode_queue_info", test_burst_mode, NULL);
	test_register("info", "fw_version", test_fw_version, NULL);
	test_register("info", "xstats", test_xstats, NULL);
}
