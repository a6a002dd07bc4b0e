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
	/* Enough for every DTS suite (8) and a dataplane on a big machine. */
	CHECK(info.max_rx_queues == 16 && info.max_tx_queues == 16,
	      "default queues rx %u tx %u, expected 16", info.max_rx_queues,
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

/*
 * Burst mode info of every Rx and Tx queue of a started port: returned,
 * a name, and the same for every queue (queues of one configuration run
 * the same burst function); a queue that does not exist is an error.
 * Rx and Tx names go to rx/tx (first queue's).
 */
static int
burst_modes_same(uint16_t port, uint16_t nb_q, char *rx, char *tx,
		 size_t len)
{
	struct rte_eth_burst_mode mode;
	uint16_t q;
	int ret;

	for (q = 0; q < nb_q; q++) {
		memset(&mode, 0, sizeof(mode));
		ret = rte_eth_rx_burst_mode_get(port, q, &mode);
		CHECK(ret == 0 && mode.info[0] != '\0',
		      "rxq %u burst mode: %d '%s'", q, ret, mode.info);
		if (q == 0)
			snprintf(rx, len, "%s", mode.info);
		CHECK(strcmp(mode.info, rx) == 0, "rxq %u burst mode '%s', "
		      "rxq 0 '%s' in the same configuration", q, mode.info, rx);
		memset(&mode, 0, sizeof(mode));
		ret = rte_eth_tx_burst_mode_get(port, q, &mode);
		CHECK(ret == 0 && mode.info[0] != '\0',
		      "txq %u burst mode: %d '%s'", q, ret, mode.info);
		if (q == 0)
			snprintf(tx, len, "%s", mode.info);
		CHECK(strcmp(mode.info, tx) == 0, "txq %u burst mode '%s', "
		      "txq 0 '%s' in the same configuration", q, mode.info, tx);
	}
	ret = rte_eth_rx_burst_mode_get(port, nb_q, &mode);
	CHECK(ret < 0, "rx burst mode of missing queue %u: %d", nb_q, ret);
	ret = rte_eth_tx_burst_mode_get(port, nb_q, &mode);
	CHECK(ret < 0, "tx burst mode of missing queue %u: %d", nb_q, ret);
	return TEST_PASS;
}

/* Every queue reports the burst modes want_rx / want_tx (case: why). */
static int
burst_modes_are(uint16_t port, uint16_t nb_q, const char *want_rx,
		const char *want_tx, const char *why)
{
	char rx[RTE_ETH_BURST_MODE_INFO_SIZE], tx[RTE_ETH_BURST_MODE_INFO_SIZE];
	int ret;

	ret = burst_modes_same(port, nb_q, rx, tx, sizeof(rx));
	if (ret != TEST_PASS)
		return ret;
	CHECK(strcmp(rx, want_rx) == 0, "%s: rx burst mode '%s', expected "
	      "'%s'", why, rx, want_rx);
	CHECK(strcmp(tx, want_tx) == 0, "%s: tx burst mode '%s', expected "
	      "'%s'", why, tx, want_tx);
	return TEST_PASS;
}

/*
 * The burst mode names the burst the configuration selects, by the names
 * the NIC guide gives them. Packet types cost the plain bursts nothing
 * ("Scalar", also after set_ptypes(UNKNOWN), which is only a hint);
 * checksum offloads take the offload bursts. Every queue of a port
 * reports the same one.
 */
static int
test_burst_mode(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_dev_info info;
	struct rte_eth_rxq_info rxq;
	struct rte_eth_txq_info txq;
	struct rte_ether_addr mac;
	struct rte_eth_conf conf;
	struct tu_port_conf c;
	uint16_t port, q;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxq = 4;
	c.nb_txq = 4;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	ret = burst_modes_are(port, 4, "Scalar", "Scalar",
			      "packet types, no offloads");
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	CHECK(rte_eth_dev_set_ptypes(port, RTE_PTYPE_UNKNOWN, NULL, 0) == 0,
	      "set_ptypes(UNKNOWN)");
	CHECK(rte_eth_dev_start(port) == 0, "start after set_ptypes");
	ret = burst_modes_are(port, 4, "Scalar", "Scalar",
			      "set_ptypes(UNKNOWN), no offloads");
	if (ret != TEST_PASS)
		return ret;
	for (q = 0; q < 4; q++) {
		CHECK(rte_eth_rx_queue_info_get(port, q, &rxq) == 0,
		      "rxq %u info", q);
		CHECK(rxq.nb_desc == 256 && rxq.mp == mp,
		      "rxq %u info nb_desc %u mp %p", q, rxq.nb_desc,
		      (void *)rxq.mp);
		CHECK(rte_eth_tx_queue_info_get(port, q, &txq) == 0,
		      "txq %u info", q);
		CHECK(txq.nb_desc == 256, "txq %u info nb_desc %u", q,
		      txq.nb_desc);
	}

	/* The same port with the checksum offloads it offers. */
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = info.rx_offload_capa &
		(RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM |
		 RTE_ETH_RX_OFFLOAD_TCP_CKSUM);
	conf.txmode.offloads = info.tx_offload_capa &
		(RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM |
		 RTE_ETH_TX_OFFLOAD_TCP_CKSUM);
	CHECK(conf.rxmode.offloads != 0 && conf.txmode.offloads != 0,
	      "no checksum offload offered (rx 0x%" PRIx64 " tx 0x%" PRIx64
	      ")", info.rx_offload_capa, info.tx_offload_capa);
	CHECK(rte_eth_dev_configure(port, 4, 4, &conf) == 0,
	      "configure with checksum offloads");
	for (q = 0; q < 4; q++)
		CHECK(rte_eth_rx_queue_setup(port, q, 256, SOCKET_ID_ANY, NULL,
					     mp) == 0 &&
		      rte_eth_tx_queue_setup(port, q, 256, SOCKET_ID_ANY,
					     NULL) == 0, "queue %u setup", q);
	CHECK(rte_eth_dev_start(port) == 0, "start with checksum offloads");
	return burst_modes_are(port, 4, "Scalar offload", "Scalar offload",
			       "checksum offloads");
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
	CHECK(ret == 0 && strcmp(fw, "abi 1.1") == 0,
	      "fw_version_get: %d '%s', expected 'abi 1.0'", ret, fw);
	/* Too small: the size needed, NUL included. */
	ret = rte_eth_dev_fw_version_get(port, fw, 4);
	CHECK(ret == (int)strlen("abi 1.1") + 1,
	      "fw_version_get into 4 bytes: %d, expected %zu", ret,
	      strlen("abi 1.1") + 1);
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
		strstr(text, "rxq 0: next ") != NULL &&
		strstr(text, "txq 0: tail ") != NULL &&
		lines_with(text, "rxq 0 desc") == 4 &&
		lines_with(text, "txq 0 desc") == 3;
	if (!ret)
		test_fail(__FILE__, __LINE__, "dumps: %s", text);
	free(text);
	return ret ? TEST_PASS : TEST_FAIL;
}

/* The private dump of port into a new string (free it), or NULL. */
static char *
priv_dump_text(uint16_t port)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (f == NULL)
		return NULL;
	if (rte_eth_dev_priv_dump(port, f) != 0) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

/*
 * The private dump shows state, not positions or counts: traffic and a
 * restart leave it as it was (DTS's port_restart_config_persistency
 * compares it through testpmd's "show port info").
 */
static int
test_priv_dump_stable(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[32];
	struct rte_ether_addr mac;
	char *before, *after;
	uint16_t port, i, n;
	int ret, same;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup");
	before = priv_dump_text(port);
	CHECK(before != NULL, "private dump");
	/* 300 frames move every ring position and admin command count. */
	for (i = 0; i < 10; i++) {
		for (n = 0; n < RTE_DIM(pkts); n++) {
			pkts[n] = tu_frame(mp, &mac, &mac, 100, i * 32 + n,
					   false);
			CHECK(pkts[n] != NULL, "frame");
		}
		n = tu_tx(port, 0, pkts, RTE_DIM(pkts));
		CHECK(n == RTE_DIM(pkts), "sent %u of 32", n);
		n = tu_rx(port, 0, pkts, RTE_DIM(pkts));
		tu_free(pkts, n);
		CHECK(n == RTE_DIM(pkts), "received %u of 32", n);
	}
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_start(port) == 0,
	      "restart");
	after = priv_dump_text(port);
	same = after != NULL && strcmp(before, after) == 0;
	if (!same)
		test_fail(__FILE__, __LINE__, "private dump changed:\n%s---\n%s",
			  before, after ? after : "(none)");
	free(before);
	free(after);
	return same ? TEST_PASS : TEST_FAIL;
}

void
register_info_tests(void)
{
	test_register("info", "dumps", test_dumps, NULL);
	test_register("info", "priv_dump_stable", test_priv_dump_stable, NULL);
	test_register("info", "dev_info", test_dev_info, NULL);
	test_register("info", "burst_mode_queue_info", test_burst_mode, NULL);
	test_register("info", "fw_version", test_fw_version, NULL);
}
