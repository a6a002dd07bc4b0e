/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* The two ports, their pools, bounded send and collect loops. */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "ol_tool.h"

#define OL_VDEV_A	"net_nicpmd_ola"
#define OL_VDEV_B	"net_nicpmd_olb"
#define OL_RING		1024
#define OL_TX_MBUFS	512
#define OL_TX_ROOM	UINT16_MAX	/* one segment holds a TSO packet */
#define OL_RX_MBUFS	8192
#define OL_SETTLE_MS	500	/* quiet time after which B is drained */
#define OL_MAX_MS	10000	/* safety net for one collect */
#define OL_BURST	32u

static int
vdev(const char *name, const struct ol_opts *o, uint16_t *port)
{
	char args[128];
	int ret;

	snprintf(args, sizeof(args), "wire=peer:ol%d,engine=%s",
		 (int)getpid(), o->engine);
	ret = rte_vdev_init(name, args);
	if (ret == 0 && rte_eth_dev_get_port_by_name(name, port) != 0)
		ret = -ENODEV;
	if (ret != 0)
		fprintf(stderr, "vdev %s,%s: %s\n", name, args,
			rte_strerror(-ret));
	return ret;
}

int
ol_ports_create(const struct ol_opts *o, struct ol_ports *p)
{
	uint16_t room = o->mbuf_size ? o->mbuf_size :
		RTE_MBUF_DEFAULT_BUF_SIZE;

	memset(p, 0, sizeof(*p));
	p->tx_pool = rte_pktmbuf_pool_create("ol_tx", OL_TX_MBUFS, 0, 0,
					     OL_TX_ROOM, SOCKET_ID_ANY);
	p->rx_pool = rte_pktmbuf_pool_create("ol_rx", OL_RX_MBUFS, 64, 0,
					     room, SOCKET_ID_ANY);
	if (p->tx_pool == NULL || p->rx_pool == NULL) {
		fprintf(stderr, "mbuf pools: %s\n", rte_strerror(rte_errno));
		return -ENOMEM;
	}
	if (vdev(OL_VDEV_A, o, &p->a) != 0 || vdev(OL_VDEV_B, o, &p->b) != 0)
		return -ENODEV;
	return 0;
}

int
ol_port_start(uint16_t port, const struct rte_eth_conf *conf,
	      const struct rte_eth_txconf *txconf,
	      struct rte_mempool *rx_pool, bool promisc,
	      const struct ol_opts *o)
{
	unsigned int i;
	int ret;

	ret = rte_eth_dev_configure(port, 1, 1, conf);
	if (ret != 0) {
		fprintf(stderr, "port %u configure: %s\n", port,
			rte_strerror(-ret));
		return ret;
	}
	ret = rte_eth_rx_queue_setup(port, 0, OL_RING, rte_socket_id(), NULL,
				     rx_pool);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, OL_RING,
					     rte_socket_id(), txconf);
	for (i = 0; ret == 0 && o != NULL && i < o->nb_vids; i++)
		ret = rte_eth_dev_vlan_filter(port, o->vids[i], 1);
	if (ret == 0 && o != NULL && o->ptype)
		ret = rte_eth_dev_set_ptypes(port, RTE_PTYPE_ALL_MASK, NULL, 0);
	if (ret == 0 && promisc)
		ret = rte_eth_promiscuous_enable(port);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	if (ret != 0)
		fprintf(stderr, "port %u setup: %s\n", port,
			rte_strerror(-ret));
	return ret;
}

int
ol_wait_link(uint16_t port)
{
	struct rte_eth_link link;
	int i;

	for (i = 0; i < 1000; i++) {
		if (rte_eth_link_get_nowait(port, &link) == 0 &&
		    link.link_status == RTE_ETH_LINK_UP)
			return 0;
		rte_delay_us_sleep(1000);
	}
	fprintf(stderr, "port %u: link stays down\n", port);
	return -ETIMEDOUT;
}

void
ol_ports_destroy(struct ol_ports *p)
{
	uint16_t port;

	/* B first: a peer goes before the port it was cabled to. */
	if (rte_eth_dev_get_port_by_name(OL_VDEV_B, &port) == 0) {
		rte_eth_dev_stop(port);
		rte_eth_dev_close(port);
		rte_vdev_uninit(OL_VDEV_B);
	}
	if (rte_eth_dev_get_port_by_name(OL_VDEV_A, &port) == 0) {
		rte_eth_dev_stop(port);
		rte_eth_dev_close(port);
		rte_vdev_uninit(OL_VDEV_A);
	}
	rte_mempool_free(p->bench_pool);
	rte_mempool_free(p->tx_pool);
	rte_mempool_free(p->rx_pool);
}

unsigned int
ol_send(uint16_t port, struct rte_mbuf **pkts, unsigned int n)
{
	unsigned int sent = 0, idle = 0;

	while (sent < n && idle < 4000) {
		uint16_t k = rte_eth_tx_burst(port, 0, pkts + sent,
					      RTE_MIN(n - sent, OL_BURST));

		sent += k;
		if (k == 0) {
			idle++;
			rte_delay_us_sleep(250);
		}
	}
	return sent;
}

/* Frames B receives until expect are in or B has been quiet a while. */
unsigned int
ol_collect(uint16_t port, unsigned int expect, ol_rx_cb cb, void *arg)
{
	uint64_t hz = rte_get_timer_hz(), start = rte_get_timer_cycles();
	uint64_t last = start;
	struct rte_mbuf *pkts[OL_BURST];
	unsigned int got = 0;

	for (;;) {
		uint64_t now = rte_get_timer_cycles();
		uint16_t k, i;

		if (expect != 0 && got >= expect)
			break;
		if (now - last > hz * OL_SETTLE_MS / 1000 ||
		    now - start > hz * OL_MAX_MS / 1000)
			break;
		k = rte_eth_rx_burst(port, 0, pkts, OL_BURST);
		for (i = 0; i < k; i++) {
			cb(pkts[i], got++, arg);
			rte_pktmbuf_free(pkts[i]);
		}
		if (k != 0)
			last = now;
		else
			rte_delay_us_sleep(100);
	}
	return got;
}

void
ol_meta_stats(FILE *meta, const struct ol_ports *p, unsigned int sent,
	      unsigned int received, unsigned int prep_failed)
{
	struct rte_eth_stats a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	rte_eth_stats_get(p->a, &a);
	rte_eth_stats_get(p->b, &b);
	if (meta == NULL)
		return;
	fprintf(meta, "{\"stats\": {\"sent\": %u, \"received\": %u, "
		"\"prep_failed\": %u, \"a_opackets\": %" PRIu64
		", \"a_oerrors\": %" PRIu64 ", \"ipackets\": %" PRIu64
		", \"ierrors\": %" PRIu64 ", \"imissed\": %" PRIu64 "}}\n",
		sent, received, prep_failed, a.opackets, a.oerrors,
		b.ipackets, b.ierrors, b.imissed);
}
