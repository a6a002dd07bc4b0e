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
	test_register("info", "dev_info", test_dev_info, NULL);
	test_register("info", "burst_mode_queue_info", test_burst_mode, NULL);
	test_register("info", "fw_version", test_fw_version, NULL);
}
