/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Test helpers: vdevs, pools, frames and bounded polling. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "test_common.h"

#define TU_MAX_POOLS	8

struct tu_vdev {
	char tag[8];
	char name[TU_NAME_LEN];
	char args[TU_ARGS_LEN];
};

static struct tu_vdev vdevs[TU_MAX_VDEVS];
static unsigned int nb_vdevs;
static struct rte_mempool *pools[TU_MAX_POOLS];
static unsigned int nb_pools;

void
tu_vdev_name(const char *tag, char *buf, size_t len)
{
	snprintf(buf, len, "net_nicpmd_t%u%s", test_id(), tag);
}

void
tu_cable(const char *tag, char *buf, size_t len)
{
	snprintf(buf, len, "c%u%s", test_id(), tag);
}

static struct tu_vdev *
vdev_find(const char *tag)
{
	unsigned int i;

	for (i = 0; i < nb_vdevs; i++)
		if (strcmp(vdevs[i].tag, tag) == 0)
			return &vdevs[i];
	return NULL;
}

static int
vdev_init(struct tu_vdev *v, uint16_t *port)
{
	int ret;

	ret = rte_vdev_init(v->name, v->args);
	if (ret == 0 && port != NULL &&
	    rte_eth_dev_get_port_by_name(v->name, port) != 0)
		ret = -ENODEV;
	return ret;
}

int
tu_vdev_create(const char *tag, const char *args, bool with_engine,
	       uint16_t *port)
{
	struct tu_vdev *v = vdev_find(tag);

	if (v == NULL) {
		if (nb_vdevs == TU_MAX_VDEVS)
			return -ENOSPC;
		v = &vdevs[nb_vdevs++];
		snprintf(v->tag, sizeof(v->tag), "%s", tag);
		tu_vdev_name(tag, v->name, sizeof(v->name));
	}
	if (with_engine)
		snprintf(v->args, sizeof(v->args), "%s%sengine=%s", args,
			 args[0] != '\0' ? "," : "", test_engine());
	else
		snprintf(v->args, sizeof(v->args), "%s", args);
	return vdev_init(v, port);
}

int
tu_vdev_recreate(const char *tag, uint16_t *port)
{
	struct tu_vdev *v = vdev_find(tag);

	return v == NULL ? -ENOENT : vdev_init(v, port);
}

static int
vdev_destroy(const struct tu_vdev *v)
{
	uint16_t port;

	if (rte_eth_dev_get_port_by_name(v->name, &port) == 0) {
		rte_eth_dev_stop(port);
		rte_eth_dev_close(port);
	}
	return rte_vdev_uninit(v->name);
}

int
tu_vdev_destroy(const char *tag)
{
	struct tu_vdev *v = vdev_find(tag);

	return v == NULL ? -ENOENT : vdev_destroy(v);
}

int
tu_port(const char *tag, const char *args, uint16_t *port)
{
	return tu_vdev_create(tag, args, true, port);
}

int
tu_port_logged(const char *tag, const char *args, uint16_t *port, char **log)
{
	size_t size = 0;
	uint16_t p;
	FILE *f;
	int ret;

	*log = NULL;
	f = open_memstream(log, &size);
	if (f == NULL)
		return -ENOMEM;
	rte_openlog_stream(f);
	ret = tu_port(tag, args, port != NULL ? port : &p);
	rte_openlog_stream(stderr);
	fclose(f);
	return ret;
}

void
tu_cleanup(void)
{
	unsigned int i;

	/* Reverse order: a peer goes before the port it was cabled to. */
	for (i = nb_vdevs; i-- > 0;)
		vdev_destroy(&vdevs[i]);
	nb_vdevs = 0;
	for (i = 0; i < nb_pools; i++)
		rte_mempool_free(pools[i]);
	nb_pools = 0;
}

struct rte_mempool *
tu_pool(unsigned int n, uint16_t data_room)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	struct rte_mempool *mp;

	if (nb_pools == TU_MAX_POOLS)
		return NULL;
	snprintf(name, sizeof(name), "tp%u_%u", test_id(), nb_pools);
	mp = rte_pktmbuf_pool_create(name, n, n >= 96 ? 32 : 0, 0, data_room,
				     SOCKET_ID_ANY);
	if (mp != NULL)
		pools[nb_pools++] = mp;
	return mp;
}

void
tu_port_conf_default(struct tu_port_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->nb_rxq = 1;
	c->nb_txq = 1;
	c->nb_rxd = 256;
	c->nb_txd = 256;
}

int
tu_port_start(uint16_t port, struct rte_mempool *mp,
	      const struct tu_port_conf *c)
{
	struct rte_eth_conf conf;
	uint16_t q;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.lpbk_mode = c->lpbk_mode;
	conf.txmode.offloads = c->tx_offloads;
	ret = rte_eth_dev_configure(port, c->nb_rxq, c->nb_txq, &conf);
	for (q = 0; ret == 0 && q < c->nb_rxq; q++)
		ret = rte_eth_rx_queue_setup(port, q, c->nb_rxd,
					     rte_socket_id(), NULL, mp);
	for (q = 0; ret == 0 && q < c->nb_txq; q++)
		ret = rte_eth_tx_queue_setup(port, q, c->nb_txd,
					     rte_socket_id(), NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

static uint8_t
pattern(uint16_t seq, uint32_t off)
{
	return (uint8_t)(off * 7u + seq * 13u + 0x5au);
}

void
tu_frame_bytes(uint8_t *buf, uint16_t len, const struct rte_ether_addr *dst,
	       const struct rte_ether_addr *src, uint16_t seq, bool vlan)
{
	uint8_t hdr[20];
	uint32_t i, hlen = 0;

	memcpy(hdr, dst->addr_bytes, RTE_ETHER_ADDR_LEN);
	memcpy(hdr + 6, src->addr_bytes, RTE_ETHER_ADDR_LEN);
	hlen = 12;
	if (vlan) {
		hdr[hlen++] = 0x81;
		hdr[hlen++] = 0x00;
		hdr[hlen++] = 0x00;	/* TCI: VID 100 */
		hdr[hlen++] = 0x64;
	}
	hdr[hlen++] = TU_ETHERTYPE >> 8;
	hdr[hlen++] = TU_ETHERTYPE & 0xff;
	hdr[hlen++] = seq >> 8;
	hdr[hlen++] = seq & 0xff;
	for (i = 0; i < len; i++)
		buf[i] = i < hlen ? hdr[i] : pattern(seq, i);
}

struct rte_mbuf *
tu_frame(struct rte_mempool *mp, const struct rte_ether_addr *dst,
	 const struct rte_ether_addr *src, uint16_t len, uint16_t seq,
	 bool vlan)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	tu_frame_bytes(p, len, dst, src, seq, vlan);
	return m;
}

uint16_t
tu_frame_seq(const struct rte_mbuf *m)
{
	uint8_t buf[20];
	const uint8_t *p = rte_pktmbuf_read(m, 0, 18, buf);
	uint32_t off = 14;

	if (p == NULL)
		return UINT16_MAX;
	if (p[12] == 0x81 && p[13] == 0x00) {
		p = rte_pktmbuf_read(m, 0, 20, buf);
		if (p == NULL)
			return UINT16_MAX;
		off = 18;
	}
	return (uint16_t)(p[off] << 8 | p[off + 1]);
}

int
tu_frame_check(const struct rte_mbuf *m, const struct rte_ether_addr *dst,
	       const struct rte_ether_addr *src, uint16_t len, uint16_t seq,
	       bool vlan, char *why, size_t why_len)
{
	static uint8_t want[RTE_ETHER_MAX_JUMBO_FRAME_LEN];
	static uint8_t got[RTE_ETHER_MAX_JUMBO_FRAME_LEN];
	const uint8_t *p;
	uint32_t i;

	if (m->pkt_len != len) {
		snprintf(why, why_len, "seq %u: pkt_len %u, expected %u",
			 seq, m->pkt_len, len);
		return -1;
	}
	if (m->nb_segs != 1 || m->data_len != len || m->next != NULL) {
		snprintf(why, why_len, "seq %u: nb_segs %u data_len %u, "
			 "expected one segment of %u", seq, m->nb_segs,
			 m->data_len, len);
		return -1;
	}
	tu_frame_bytes(want, len, dst, src, seq, vlan);
	p = rte_pktmbuf_read(m, 0, len, got);
	if (p == NULL) {
		snprintf(why, why_len, "seq %u: cannot read %u bytes", seq,
			 len);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (p[i] != want[i]) {
			snprintf(why, why_len, "seq %u len %u: byte %u is "
				 "0x%02x, expected 0x%02x (got seq %u)", seq,
				 len, i, p[i], want[i], tu_frame_seq(m));
			return -1;
		}
	}
	return 0;
}

void
tu_free(struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		rte_pktmbuf_free(pkts[i]);
		pkts[i] = NULL;
	}
}

uint16_t
tu_tx(uint16_t port, uint16_t q, struct rte_mbuf **pkts, uint16_t n)
{
	unsigned int iter;
	uint16_t sent = 0;

	for (iter = 0; sent < n && iter < TU_POLL_ITERS; iter++) {
		uint16_t k = rte_eth_tx_burst(port, q, pkts + sent, n - sent);

		sent += k;
		if (k == 0)
			rte_delay_us_sleep(TU_POLL_US);
	}
	tu_free(pkts + sent, n - sent);
	return sent;
}

uint16_t
tu_rx(uint16_t port, uint16_t q, struct rte_mbuf **pkts, uint16_t want)
{
	unsigned int iter;
	uint16_t got = 0;

	for (iter = 0; got < want && iter < TU_POLL_ITERS; iter++) {
		uint16_t k = rte_eth_rx_burst(port, q, pkts + got,
					      RTE_MIN(want - got, 32));

		got += k;
		if (k == 0)
			rte_delay_us_sleep(TU_POLL_US);
	}
	return got;
}

uint16_t
tu_rx_drain(uint16_t port, uint16_t q)
{
	struct rte_mbuf *pkts[32];
	unsigned int iter;
	uint16_t got = 0, k;

	for (iter = 0; iter < 40; iter++) {
		k = rte_eth_rx_burst(port, q, pkts, RTE_DIM(pkts));
		tu_free(pkts, k);
		got += k;
		if (k == 0)
			rte_delay_us_sleep(TU_POLL_US);
	}
	return got;
}

int
tu_wait_stat(uint16_t port, size_t off, uint64_t val,
	     struct rte_eth_stats *st)
{
	unsigned int iter;
	int ret = 0;

	for (iter = 0; iter < TU_POLL_ITERS; iter++) {
		ret = rte_eth_stats_get(port, st);
		if (ret != 0)
			return ret;
		if (*(const uint64_t *)((const char *)st + off) >= val)
			return 0;
		rte_delay_us_sleep(TU_POLL_US);
	}
	return -ETIMEDOUT;
}

static int
xstat_by_name(uint16_t port, const char *name, uint64_t *value)
{
	uint64_t id;
	int ret;

	ret = rte_eth_xstats_get_id_by_name(port, name, &id);
	if (ret != 0)
		return ret;
	return rte_eth_xstats_get_by_id(port, &id, value, 1) == 1 ? 0 : -EIO;
}

uint64_t
tu_xstat(uint16_t port, const char *name)
{
	uint64_t v;

	return xstat_by_name(port, name, &v) == 0 ? v : UINT64_MAX;
}

int
tu_wait_xstat(uint16_t port, const char *name, uint64_t val,
	      unsigned int ms)
{
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() / 1000 * ms;

	do {
		uint64_t v = tu_xstat(port, name);

		if (v != UINT64_MAX && v >= val)
			return 0;
		rte_delay_us_sleep(1000);
	} while (rte_get_timer_cycles() < deadline);
	return -ETIMEDOUT;
}

int
tu_queue_stats(uint16_t port, uint16_t q, struct tu_qstats *qs)
{
	const struct {
		const char *dir;
		const char *what;
		uint64_t *value;
	} f[] = {
		{ "rx", "packets", &qs->ipackets },
		{ "rx", "bytes", &qs->ibytes },
		{ "rx", "errors", &qs->ierrors },
		{ "tx", "packets", &qs->opackets },
		{ "tx", "bytes", &qs->obytes },
	};
	char name[RTE_ETH_XSTATS_NAME_SIZE];
	struct rte_eth_dev_info info;
	unsigned int i;
	int ret;

	ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	memset(qs, 0, sizeof(*qs));
	for (i = 0; i < RTE_DIM(f); i++) {
		/* A direction without this queue has no counters for it. */
		if (q >= (f[i].dir[0] == 'r' ? info.nb_rx_queues :
			  info.nb_tx_queues))
			continue;
		snprintf(name, sizeof(name), "%s_q%u_%s", f[i].dir, q,
			 f[i].what);
		ret = xstat_by_name(port, name, f[i].value);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int
tu_wait_link(uint16_t port, int up, struct rte_eth_link *link)
{
	unsigned int iter;
	int ret;

	for (iter = 0; iter < TU_POLL_ITERS; iter++) {
		ret = rte_eth_link_get_nowait(port, link);
		if (ret != 0)
			return ret;
		if (link->link_status == up)
			return 0;
		rte_delay_us_sleep(TU_POLL_US);
	}
	return -ETIMEDOUT;
}

int
tu_pair_start(struct tu_pair *p, struct rte_mempool *mp,
	      const struct tu_port_conf *ca, const struct tu_port_conf *cb)
{
	struct tu_port_conf def;
	struct rte_eth_link link;
	char args[TU_ARGS_LEN], cable[32];
	int ret;

	tu_port_conf_default(&def);
	tu_cable("", cable, sizeof(cable));
	snprintf(args, sizeof(args), "wire=peer:%s", cable);
	ret = tu_port("a", args, &p->a);
	if (ret == 0)
		ret = tu_port("b", args, &p->b);
	if (ret == 0)
		ret = tu_port_start(p->a, mp, ca != NULL ? ca : &def);
	if (ret == 0)
		ret = tu_port_start(p->b, mp, cb != NULL ? cb : &def);
	if (ret == 0)
		ret = rte_eth_macaddr_get(p->a, &p->mac_a);
	if (ret == 0)
		ret = rte_eth_macaddr_get(p->b, &p->mac_b);
	if (ret == 0)
		ret = tu_wait_link(p->a, 1, &link);
	if (ret == 0)
		ret = tu_wait_link(p->b, 1, &link);
	return ret;
}

int
tu_loop_start(uint16_t *port, struct rte_ether_addr *mac,
	      struct rte_mempool *mp, const struct tu_port_conf *c)
{
	struct tu_port_conf def;
	struct rte_eth_link link;
	int ret;

	tu_port_conf_default(&def);
	ret = tu_port("a", "wire=loop", port);
	if (ret == 0)
		ret = tu_port_start(*port, mp, c != NULL ? c : &def);
	if (ret == 0)
		ret = rte_eth_macaddr_get(*port, mac);
	if (ret == 0)
		ret = tu_wait_link(*port, 1, &link);
	return ret;
}

/*
 * Send frames in order from tx to rx, then check that exactly the
 * accepted ones arrived, in order, intact. The last frame should be an
 * accepted one: once it is in, every frame before it was dealt with.
 */
int
tu_send_expect(struct rte_mempool *mp, uint16_t tx, uint16_t rx,
	       const struct rte_ether_addr *src,
	       const struct rte_ether_addr *own,
	       const struct tu_fspec *f, uint16_t nb, uint16_t seq0)
{
	struct rte_mbuf *pkts[16], *got[16];
	uint16_t i, n, want = 0, k;
	char why[160];

	for (i = 0; i < nb; i++) {
		pkts[i] = tu_frame(mp, f[i].dst != NULL ? f[i].dst : own, src,
				   f[i].len, seq0 + i, f[i].vlan);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
		want += f[i].accept;
	}
	CHECK(tu_tx(tx, 0, pkts, nb) == nb, "send failed");
	n = tu_rx(rx, 0, got, want);
	for (i = 0, k = 0; k < n; i++) {
		const struct rte_ether_addr *dst =
			f[i].dst != NULL ? f[i].dst : own;

		if (!f[i].accept)
			continue;
		if (tu_frame_check(got[k], dst, src, f[i].len, seq0 + i,
				   f[i].vlan, why, sizeof(why)) < 0) {
			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "frame %u: %s "
					 "(a dropped frame got through?)",
					 i, why);
		}
		k++;
	}
	tu_free(got, n);
	CHECK(n == want, "received %u of the %u accepted frames", n, want);
	n = tu_rx_drain(rx, 0);
	CHECK(n == 0, "%u frames arrived that should have been dropped", n);
	return TEST_PASS;
}

/* Send n frames A -> B; the number B reads within the settle time. */
uint16_t
tu_pass_frames(struct rte_mempool *mp, const struct tu_pair *p, uint16_t n)
{
	struct rte_mbuf *pkts[64];
	uint16_t i, sent;

	for (i = 0; i < n && i < RTE_DIM(pkts); i++)
		pkts[i] = tu_frame(mp, &p->mac_b, &p->mac_a, 64, i, false);
	sent = tu_tx(p->a, 0, pkts, n);
	tu_free(pkts + sent, n - sent);
	return tu_rx_drain(p->b, 0);
}
