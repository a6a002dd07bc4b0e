/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Buffer split (RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT, rx_seg; rx_mempools):
 * frames sent on a loop port come back as mbuf chains whose every
 * segment is checked, pool, data offset and bytes, against slices of the
 * frame as sent. Where the slices lie comes from the test alone: from
 * ethdev's documented rx_seg semantics for length splits, from how the
 * test built each frame for header splits; never from the driver or the
 * device model.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ip.h>
#include <rte_random.h>
#include <rte_version.h>

#include "test_common.h"

#define HR		RTE_PKTMBUF_HEADROOM
#define NB_RXD		256u
#define POOL_N		2048u
#define MAX_FRAME	9728u
#define MAX_PIECES	16u

#if RTE_VERSION >= RTE_VERSION_NUM(26, 7, 0, 0)
#define HAVE_SELECTIVE_RX 1
#else
#define HAVE_SELECTIVE_RX 0
#endif

/* One expected segment: a slice of the sent frame, its pool and offset. */
struct piece {
	uint32_t off;
	uint32_t len;
	const struct rte_mempool *mp;
	uint16_t data_off;
};

/* A frame as the test builds it, with the header ends it knows. */
struct frame {
	uint8_t b[MAX_FRAME];
	uint32_t len;
};

static struct frame fr;		/* one at a time; large for the stack */

static void
put(struct frame *f, const void *p, uint32_t n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

static void
put_rand(struct frame *f, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		f->b[f->len++] = (uint8_t)rte_rand();
}

static void
put_be16(struct frame *f, uint16_t v)
{
	uint8_t b[2] = { v >> 8, v & 0xff };

	put(f, b, 2);
}

/* Ethernet to mac, optionally one 802.1Q tag, then type. */
static void
put_eth(struct frame *f, const struct rte_ether_addr *mac, bool vlan,
	uint16_t type)
{
	static const uint8_t src[6] = { 0x02, 0, 0, 0, 0x5b, 0x01 };

	f->len = 0;
	put(f, mac->addr_bytes, 6);
	put(f, src, 6);
	if (vlan) {
		put_be16(f, RTE_ETHER_TYPE_VLAN);
		put_be16(f, 0x0064);
	}
	put_be16(f, type);
}

/* IPv4 with opt bytes of options (NOPs), then l4 bytes to follow. */
static void
put_ipv4(struct frame *f, uint8_t proto, uint32_t opt, uint32_t l4, bool mf)
{
	uint8_t h[60] = { 0 };
	uint32_t hl = 20 + opt, tot = hl + l4;

	h[0] = 0x40 | (hl / 4);
	h[2] = tot >> 8;
	h[3] = tot & 0xff;
	h[6] = mf ? 0x20 : 0x00;
	h[8] = 64;
	h[9] = proto;
	h[12] = 10;
	h[15] = 1;
	h[16] = 10;
	h[19] = 2;
	memset(h + 20, 1, opt);		/* NOP options */
	put(f, h, hl);
}

/* IPv6 with ext 8-byte hop-by-hop headers, then l4 bytes. */
static void
put_ipv6(struct frame *f, uint8_t proto, uint32_t ext, uint32_t l4)
{
	uint8_t h[40] = { 0x60 }, e[8] = { 0 };
	uint32_t plen = ext * 8 + l4, i;

	h[4] = plen >> 8;
	h[5] = plen & 0xff;
	h[6] = ext != 0 ? 0 : proto;
	h[7] = 64;
	h[23] = 1;
	h[39] = 2;
	put(f, h, sizeof(h));
	for (i = 0; i < ext; i++) {
		e[0] = i + 1 < ext ? 0 : proto;
		put(f, e, sizeof(e));
	}
}

static void
put_udp(struct frame *f, uint32_t payload)
{
	uint8_t h[8] = { 0x04, 0x00, 0x08, 0x00 };

	h[4] = (8 + payload) >> 8;
	h[5] = (8 + payload) & 0xff;
	put(f, h, sizeof(h));
	put_rand(f, payload);
}

/* TCP with opt bytes of options (NOPs). */
static void
put_tcp(struct frame *f, uint32_t opt, uint32_t payload)
{
	uint8_t h[60] = { 0x04, 0x00, 0x00, 0x50 };

	h[12] = ((20 + opt) / 4) << 4;
	h[13] = 0x10;
	memset(h + 20, 1, opt);
	put(f, h, 20 + opt);
	put_rand(f, payload);
}

/* A port on wire=loop: frames it sends come back to its split queue. */
struct sport {
	uint16_t port;
	struct rte_ether_addr mac;
	struct rte_mempool *txp;
};

struct scfg {
	const struct rte_eth_rxseg_split *seg;	/* or pools */
	uint16_t nb_seg;
	struct rte_mempool **pools;
	uint16_t nb_pools;
	uint16_t mtu;				/* 0: default */
	uint64_t rx_offloads;			/* besides BUFFER_SPLIT */
	const char *args;			/* NULL: wire=loop */
};

static int
rxq_setup(uint16_t port, const struct scfg *c)
{
	union rte_eth_rxseg useg[MAX_PIECES];
	struct rte_eth_rxconf rxc;
	uint16_t i;

	memset(&rxc, 0, sizeof(rxc));
	memset(useg, 0, sizeof(useg));
	for (i = 0; i < c->nb_seg && i < MAX_PIECES; i++)
		useg[i].split = c->seg[i];
	if (c->nb_seg != 0) {
		rxc.rx_seg = useg;
		rxc.rx_nseg = c->nb_seg;
	} else {
		rxc.rx_mempools = c->pools;
		rxc.rx_nmempool = c->nb_pools;
	}
	return rte_eth_rx_queue_setup(port, 0, NB_RXD, rte_socket_id(), &rxc,
				      NULL);
}

/* Configure and set up (not start) a split port; negative errno. */
static int
sport_setup(struct sport *p, const struct scfg *c)
{
	static struct rte_mempool *txp;
	static unsigned int txp_test;
	struct rte_eth_conf conf;
	int ret;

	/* One Tx pool per test, however many ports it starts. */
	if (txp == NULL || txp_test != test_id()) {
		txp = tu_pool(512, MAX_FRAME + HR);
		txp_test = test_id();
	}
	p->txp = txp;
	if (p->txp == NULL)
		return -ENOMEM;
	ret = tu_port("a", c->args != NULL ? c->args : "wire=loop", &p->port);
	if (ret < 0)
		return ret;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = c->rx_offloads |
		(c->nb_seg != 0 ? RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT : 0);
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = rte_eth_dev_configure(p->port, 1, 1, &conf);
	if (ret == 0 && c->mtu != 0)
		ret = rte_eth_dev_set_mtu(p->port, c->mtu);
	if (ret == 0)
		ret = rxq_setup(p->port, c);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(p->port, 0, 256, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_macaddr_get(p->port, &p->mac);
	return ret;
}

static int
sport_start(struct sport *p, const struct scfg *c)
{
	struct rte_eth_link link;
	int ret = sport_setup(p, c);

	if (ret == 0)
		ret = rte_eth_dev_start(p->port);
	if (ret == 0)
		ret = rte_eth_promiscuous_enable(p->port);
	if (ret == 0)
		ret = tu_wait_link(p->port, 1, &link);
	return ret;
}

/* Send f; the chain that comes back, or NULL. */
static struct rte_mbuf *
roundtrip(const struct sport *p, const struct frame *f)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(p->txp);

	if (m == NULL || rte_pktmbuf_append(m, f->len) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(rte_pktmbuf_mtod(m, void *), f->b, f->len);
	if (tu_tx(p->port, 0, &m, 1) != 1 || tu_rx(p->port, 0, &m, 1) != 1)
		return NULL;
	return m;
}

/* The chain m against the pieces of frame f; 0 or -1 with why. */
static int
chain_check(const struct rte_mbuf *m, const struct frame *f,
	    const struct piece *pc, unsigned int n, char *why, size_t wl)
{
	const struct rte_mbuf *s = m;
	uint32_t total = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		total += pc[i].len;
	if (m->nb_segs != n || m->pkt_len != total) {
		snprintf(why, wl, "%u segments, %u bytes; expected %u, %u",
			 m->nb_segs, m->pkt_len, n, total);
		return -1;
	}
	for (i = 0; i < n; i++, s = s->next) {
		if (s == NULL) {
			snprintf(why, wl, "chain ends at segment %u", i);
			return -1;
		}
		if (s->data_len != pc[i].len || s->pool != pc[i].mp ||
		    s->data_off != pc[i].data_off) {
			snprintf(why, wl, "segment %u: %u bytes at %u of %s; "
				 "expected %u at %u of %s", i, s->data_len,
				 s->data_off, s->pool->name, pc[i].len,
				 pc[i].data_off, pc[i].mp->name);
			return -1;
		}
		if (memcmp(rte_pktmbuf_mtod(s, const uint8_t *),
			   f->b + pc[i].off, pc[i].len) != 0) {
			snprintf(why, wl, "segment %u: bytes differ from the "
				 "frame's [%u, %u)", i, pc[i].off,
				 pc[i].off + pc[i].len);
			return -1;
		}
	}
	if (s != NULL) {
		snprintf(why, wl, "chain longer than nb_segs");
		return -1;
	}
	return 0;
}

/*
 * ethdev's rx_seg semantics for a frame of len bytes, as documented:
 * segment i takes length bytes (0: its mbuf's room; a discarded one: the
 * rest), data offset bytes into its buffer (plus the headroom for
 * segment 0); bytes after the last segment go on like it (mbufs of its
 * pool, whole data room, no offset; discarded if it was).
 */
static unsigned int
expect_split(const struct rte_eth_rxseg_split *seg, uint16_t nb, uint32_t len,
	     struct piece *pc)
{
	uint32_t pos = 0, take, room;
	unsigned int i, n = 0;

	for (i = 0; pos < len && n < MAX_PIECES; i++) {
		const struct rte_eth_rxseg_split *s = &seg[RTE_MIN(i, nb - 1u)];
		bool beyond = i >= nb;
		uint16_t off;

		if (s->mp == NULL) {
			take = (beyond || s->length == 0 || i == nb - 1u) ?
				len - pos : RTE_MIN(s->length, len - pos);
			pos += take;
			continue;
		}
		off = beyond ? 0 : s->offset + (i == 0 ? HR : 0);
		room = rte_pktmbuf_data_room_size(s->mp) - off;
		take = (!beyond && s->length != 0) ? s->length : room;
		take = RTE_MIN(take, len - pos);
		pc[n++] = (struct piece){ pos, take, s->mp, off };
		pos += take;
	}
	return n;
}

static int
check_fixed(const struct sport *p, const struct rte_eth_rxseg_split *seg,
	    uint16_t nb, const uint32_t *sizes, unsigned int nb_sizes,
	    uint64_t *kept)
{
	struct piece pc[MAX_PIECES];
	struct rte_mbuf *m;
	char why[160];
	unsigned int i, n, k;

	for (i = 0; i < nb_sizes; i++) {
		put_eth(&fr, &p->mac, false, TU_ETHERTYPE);
		put_rand(&fr, sizes[i] - fr.len);
		n = expect_split(seg, nb, fr.len, pc);
		m = roundtrip(p, &fr);
		CHECK(m != NULL, "%u-byte frame did not come back", sizes[i]);
		k = chain_check(m, &fr, pc, n, why, sizeof(why));
		rte_pktmbuf_free(m);
		CHECK(k == 0, "%u-byte frame: %s", sizes[i], why);
		for (k = 0; k < n; k++)
			*kept += pc[k].len;
	}
	return TEST_PASS;
}


/* ipackets and ibytes as the device counted them. */
static int
check_stats(uint16_t port, uint64_t packets, uint64_t bytes)
{
	struct rte_eth_stats st;

	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.ipackets == packets && st.ibytes == bytes && st.ierrors == 0,
	      "ipackets %" PRIu64 " ibytes %" PRIu64 " ierrors %" PRIu64
	      ", expected %" PRIu64 " and %" PRIu64 " (kept bytes only)",
	      st.ipackets, st.ibytes, st.ierrors, packets, bytes);
	return TEST_PASS;
}

static int
test_capabilities(const void *arg __rte_unused)
{
	struct rte_eth_dev_info info;
	uint32_t ptypes[16];
	uint16_t port;
	int n;

	CHECK(tu_port("a", "wire=loop", &port) == 0, "probe");
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "info");
	CHECK((info.rx_queue_offload_capa & RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT) &&
	      (info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT),
	      "no per-queue BUFFER_SPLIT capability");
	CHECK(info.rx_seg_capa.max_nseg == 8 && info.rx_seg_capa.multi_pools &&
	      info.rx_seg_capa.offset_allowed &&
	      info.rx_seg_capa.offset_align_log2 == 0,
	      "rx_seg_capa: max_nseg %u multi_pools %u offset %u/%u",
	      info.rx_seg_capa.max_nseg, info.rx_seg_capa.multi_pools,
	      info.rx_seg_capa.offset_allowed,
	      info.rx_seg_capa.offset_align_log2);
	CHECK(info.max_rx_mempools == 7, "max_rx_mempools %u",
	      info.max_rx_mempools);
#if HAVE_SELECTIVE_RX
	CHECK(info.rx_seg_capa.selective_rx == 1, "no selective Rx");
#endif
	n = rte_eth_buffer_split_get_supported_hdr_ptypes(port, ptypes,
							  RTE_DIM(ptypes));
	CHECK(n == 9 && ptypes[0] == RTE_PTYPE_L2_ETHER &&
	      ptypes[4] == (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN |
			    RTE_PTYPE_L4_UDP),
	      "split header ptypes: %d", n);

	/* ABI 1.0 devices have no split. */
	CHECK(tu_port("b", "wire=loop,hw_version=1.0", &port) == 0, "1.0");
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "info 1.0");
	CHECK(!(info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT) &&
	      info.rx_seg_capa.max_nseg == 0 && info.max_rx_mempools == 0,
	      "ABI 1.0 device offers buffer split");
	return TEST_PASS;
}

/* Length split over two pools, with an offset; frames of many sizes. */
static int
test_fixed_lengths(const void *arg __rte_unused)
{
	static const uint32_t sizes[] = { 14, 15, 20, 33, 34, 35, 49, 50, 60,
					  64, 100, 999, 1514, 1522 };
	struct rte_mempool *small = tu_pool(POOL_N, 256);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	struct rte_eth_burst_mode bm;
	uint64_t kept = 0;
	struct sport p;
	int ret;

	CHECK(small != NULL && big != NULL, "pools");
	{
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = small, .length = 14 },
			{ .mp = small, .length = 20, .offset = 16 },
			{ .mp = big, .length = 0 },
		};
		struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

		ret = sport_start(&p, &c);
		CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
		CHECK(rte_eth_rx_burst_mode_get(p.port, 0, &bm) == 0 &&
		      strstr(bm.info, "split") != NULL, "burst mode %s",
		      bm.info);
		ret = check_fixed(&p, seg, RTE_DIM(seg), sizes, RTE_DIM(sizes),
				  &kept);
		if (ret != TEST_PASS)
			return ret;
	}
	ret = check_stats(p.port, RTE_DIM(sizes), kept);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(p.port, "rx_split_frames") == RTE_DIM(sizes),
	      "rx_split_frames %" PRIu64, tu_xstat(p.port, "rx_split_frames"));
	return TEST_PASS;
}

/* Jumbo frames: the layout grows with the MTU, only while stopped. */
static int
test_jumbo(const void *arg __rte_unused)
{
	static const uint32_t sizes[] = { 60, 1514, 1522 };
	static const uint32_t jumbo[] = { 2000, 4000, 9000, 9022, 61 };
	struct rte_mempool *small = tu_pool(POOL_N, 256);
	struct rte_mempool *big = tu_pool(4096, 2048);
	uint64_t kept = 0;
	struct sport p;
	int ret;

	CHECK(small != NULL && big != NULL, "pools");
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = small, .length = 64 },
		{ .mp = big, .length = 0 },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	ret = check_fixed(&p, seg, RTE_DIM(seg), sizes, RTE_DIM(sizes), &kept);
	if (ret != TEST_PASS)
		return ret;
	/* The running layout holds 64 + 2048 bytes: MTU 9000 does not fit. */
	CHECK(rte_eth_dev_set_mtu(p.port, 9000) == -EINVAL,
	      "MTU 9000 on the running 2112-byte layout");
	CHECK(rte_eth_dev_stop(p.port) == 0, "stop");
	CHECK(rte_eth_dev_set_mtu(p.port, 9000) == 0, "MTU 9000 stopped");
	CHECK(rte_eth_dev_start(p.port) == 0, "start with MTU 9000");
	return check_fixed(&p, seg, RTE_DIM(seg), jumbo, RTE_DIM(jumbo),
			   &kept);
}

/*
 * Header split points: the test built each frame, so it knows where its
 * headers end. ends[] lists the cuts of the kept pieces.
 */
struct hcase {
	const char *what;
	uint32_t cut[4];	/* piece boundaries; the last piece to the end */
	unsigned int nb_cut;
	bool miss;		/* a split point the frame lacks */
};

static int
check_hdr_case(const struct sport *p, const struct hcase *h,
	       struct rte_mempool *const *mp, unsigned int nb_mp)
{
	struct piece pc[MAX_PIECES];
	uint32_t from = 0;
	struct rte_mbuf *m;
	unsigned int i, n = 0;
	char why[160];
	int ret;

	/* Pieces of zero bytes (a split point missed) are no segment. */
	for (i = 0; i <= h->nb_cut; i++) {
		uint32_t to = i < h->nb_cut ? h->cut[i] : fr.len;

		if (to > from)
			pc[n++] = (struct piece){ from, to - from,
				mp[RTE_MIN(i, nb_mp - 1)],
				(uint16_t)(i == 0 ? HR : 0) };
		from = RTE_MAX(from, to);
	}
	m = roundtrip(p, &fr);
	CHECK(m != NULL, "%s: no frame back", h->what);
	ret = chain_check(m, &fr, pc, n, why, sizeof(why));
	rte_pktmbuf_free(m);
	CHECK(ret == 0, "%s: %s", h->what, why);
	return TEST_PASS;
}

static int
test_proto_hdr(const void *arg __rte_unused)
{
	struct rte_mempool *hp = tu_pool(POOL_N * 2, 256);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	struct rte_mempool *mp[4];
	uint64_t miss = 0;
	struct sport p;
	int ret;

	CHECK(hp != NULL && big != NULL, "pools");
	mp[0] = mp[1] = mp[2] = hp;
	mp[3] = big;
	/* ethdev's cumulative protocol sequence: eth, ipv4, ipv4-udp. */
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L2_ETHER },
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L3_IPV4_EXT_UNKNOWN },
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L4_UDP },
		{ .mp = big },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));

	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_UDP, 0, 8 + 300, false);
	put_udp(&fr, 300);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv4/udp", { 14, 34, 42 },
			     3, false }, mp, 4);
	if (ret != TEST_PASS)
		return ret;

	put_eth(&fr, &p.mac, true, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_UDP, 12, 8 + 1000, false);
	put_udp(&fr, 1000);
	ret = check_hdr_case(&p, &(struct hcase){ "vlan/ipv4+options/udp",
			     { 18, 50, 58 }, 3, false }, mp, 4);
	if (ret != TEST_PASS)
		return ret;

	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_TCP, 0, 32 + 100, false);
	put_tcp(&fr, 12, 100);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv4/tcp", { 14, 34, 34 },
			     3, true }, mp, 4);
	miss++;
	if (ret != TEST_PASS)
		return ret;

	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV6);
	put_ipv6(&fr, IPPROTO_UDP, 0, 8 + 64);
	put_udp(&fr, 64);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv6/udp", { 14, 14, 14 },
			     3, true }, mp, 4);
	miss++;
	if (ret != TEST_PASS)
		return ret;

	put_eth(&fr, &p.mac, false, TU_ETHERTYPE);
	put_rand(&fr, 200);
	ret = check_hdr_case(&p, &(struct hcase){ "not ip", { 14, 14, 14 },
			     3, true }, mp, 4);
	miss++;
	if (ret != TEST_PASS)
		return ret;

	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_UDP, 0, 8 + 100, true);
	put_udp(&fr, 100);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv4 fragment",
			     { 14, 34, 34 }, 3, true }, mp, 4);
	miss++;
	if (ret != TEST_PASS)
		return ret;

	/* Headers only: nothing for the payload buffer. */
	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_UDP, 0, 8, false);
	put_udp(&fr, 0);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv4/udp, no payload",
			     { 14, 34, 42 }, 3, false }, mp, 4);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(p.port, "rx_split_header_misses") == miss,
	      "rx_split_header_misses %" PRIu64 ", expected %" PRIu64,
	      tu_xstat(p.port, "rx_split_header_misses"), miss);
	return TEST_PASS;
}

/* One split point for a whole sequence: IPv6 with extensions, TCP. */
static int
test_proto_hdr_ipv6(const void *arg __rte_unused)
{
	struct rte_mempool *hp = tu_pool(POOL_N, 512);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	struct rte_mempool *mp[2];
	struct sport p;
	int ret;

	CHECK(hp != NULL && big != NULL, "pools");
	mp[0] = hp;
	mp[1] = big;
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L2_ETHER |
		  RTE_PTYPE_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_L4_TCP },
		{ .mp = big },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV6);
	put_ipv6(&fr, IPPROTO_TCP, 2, 40 + 500);
	put_tcp(&fr, 20, 500);
	ret = check_hdr_case(&p, &(struct hcase){ "ipv6+2 ext/tcp+options",
			     { 14 + 40 + 16 + 40 }, 1, false }, mp, 2);
	if (ret != TEST_PASS)
		return ret;
	put_eth(&fr, &p.mac, true, RTE_ETHER_TYPE_IPV6);
	put_ipv6(&fr, IPPROTO_TCP, 0, 20);
	put_tcp(&fr, 0, 0);
	ret = check_hdr_case(&p, &(struct hcase){ "vlan/ipv6/tcp, no payload",
			     { 18 + 40 + 20 }, 1, false }, mp, 2);
	if (ret != TEST_PASS)
		return ret;
	/* IPv4/TCP is not the sequence: the whole frame is payload. */
	put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_TCP, 0, 20 + 100, false);
	put_tcp(&fr, 0, 100);
	return check_hdr_case(&p, &(struct hcase){ "ipv4/tcp", { 0 }, 1,
			      true }, mp, 2);
}

/* Split after VLAN stripping, metadata on the head mbuf. */
static int
test_offload_meta(const void *arg __rte_unused)
{
	struct rte_mempool *hp = tu_pool(POOL_N * 2, 256);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	struct rte_mempool *mp[3];
	struct rte_mbuf *m;
	struct sport p;
	int ret;

	CHECK(hp != NULL && big != NULL, "pools");
	mp[0] = mp[1] = hp;
	mp[2] = big;
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L2_ETHER },
		{ .mp = hp, .proto_hdr = RTE_PTYPE_L3_IPV4_EXT_UNKNOWN |
		  RTE_PTYPE_L4_UDP },
		{ .mp = big },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg),
			  .rx_offloads = RTE_ETH_RX_OFFLOAD_VLAN_STRIP |
			  RTE_ETH_RX_OFFLOAD_IPV4_CKSUM };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	/* Sent tagged; the device strips, then cuts what it delivers. */
	put_eth(&fr, &p.mac, true, RTE_ETHER_TYPE_IPV4);
	put_ipv4(&fr, IPPROTO_UDP, 0, 8 + 100, false);
	{
		struct rte_ipv4_hdr *ip = (void *)(fr.b + 18);

		ip->hdr_checksum = rte_ipv4_cksum(ip);
	}
	put_udp(&fr, 100);
	m = roundtrip(&p, &fr);
	CHECK(m != NULL, "no frame back");
	CHECK((m->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED) &&
	      m->vlan_tci == 0x0064 &&
	      (m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
	      RTE_MBUF_F_RX_IP_CKSUM_GOOD &&
	      (m->packet_type & RTE_PTYPE_L4_MASK) == RTE_PTYPE_L4_UDP,
	      "head metadata: ol_flags 0x%" PRIx64 " tci 0x%x ptype 0x%x",
	      m->ol_flags, m->vlan_tci, m->packet_type);
	rte_pktmbuf_free(m);
	/* The frame as delivered: the tag out. */
	memmove(fr.b + 12, fr.b + 16, fr.len - 16);
	fr.len -= 4;
	fr.b[12] = 0x08;
	fr.b[13] = 0x00;
	return check_hdr_case(&p, &(struct hcase){ "stripped ipv4/udp",
			      { 14, 42 }, 2, false }, mp, 3);
}

#if HAVE_SELECTIVE_RX
static int
selective_case(const struct rte_eth_rxseg_split *seg, uint16_t nb,
	       const uint32_t *sizes, unsigned int nb_sizes)
{
	uint64_t kept = 0, total = 0;
	struct scfg c = { .seg = seg, .nb_seg = nb };
	struct sport p;
	unsigned int i;
	int ret;

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	ret = check_fixed(&p, seg, nb, sizes, nb_sizes, &kept);
	if (ret != TEST_PASS)
		return ret;
	for (i = 0; i < nb_sizes; i++)
		total += sizes[i];
	ret = check_stats(p.port, nb_sizes, kept);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(p.port, "rx_split_discarded_bytes") == total - kept,
	      "rx_split_discarded_bytes %" PRIu64 ", expected %" PRIu64,
	      tu_xstat(p.port, "rx_split_discarded_bytes"), total - kept);
	CHECK(tu_vdev_destroy("a") == 0, "close");
	return TEST_PASS;
}
#endif

/* Selective Rx (DPDK 26.07): segments without a mempool are dropped. */
static int
test_selective(const void *arg __rte_unused)
{
#if HAVE_SELECTIVE_RX
	static const uint32_t sizes[] = { 290, 60, 34, 35, 1514 };
	static const uint32_t big_sizes[] = { 290, 291, 1514 };
	struct rte_mempool *small = tu_pool(POOL_N, 256);
	struct rte_mempool *big = tu_pool(POOL_N, 512);
	struct rte_mempool *big2 = tu_pool(POOL_N, 256);
	struct rte_mbuf *m;
	struct sport p;
	int ret;

	CHECK(small != NULL && big != NULL && big2 != NULL, "pools");
	{	/* DTS selective_rx_headers: Ethernet + IPv4 only. */
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = small, .length = 34 }, { .mp = NULL },
		};
		ret = selective_case(seg, 2, sizes, RTE_DIM(sizes));
		if (ret != TEST_PASS)
			return ret;
	}
	{	/* ... with the discarded length given: the rest goes too. */
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = small, .length = 34 },
			{ .mp = NULL, .length = 256 },
		};
		ret = selective_case(seg, 2, sizes, RTE_DIM(sizes));
		if (ret != TEST_PASS)
			return ret;
	}
	{	/* selective_rx_payload_only; longer frames: more of pool 1. */
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = NULL, .length = 34 },
			{ .mp = big, .length = 256 },
		};
		ret = selective_case(seg, 2, big_sizes,
				     RTE_DIM(big_sizes));
		if (ret != TEST_PASS)
			return ret;
	}
	{	/* selective_rx_two_segments. */
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = NULL, .length = 14 },
			{ .mp = big, .length = 20 },
			{ .mp = NULL, .length = 100 },
			{ .mp = big2, .length = 100 },
			{ .mp = NULL },
		};
		ret = selective_case(seg, 5, big_sizes,
				     RTE_DIM(big_sizes));
		if (ret != TEST_PASS)
			return ret;
	}
	{	/* Headers discarded by protocol, payload kept. */
		const struct rte_eth_rxseg_split seg[] = {
			{ .mp = NULL, .proto_hdr = RTE_PTYPE_L2_ETHER |
			  RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP },
			{ .mp = big },
		};
		struct scfg c = { .seg = seg, .nb_seg = 2 };
		struct piece pc[1];
		char why[160];

		ret = sport_start(&p, &c);
		CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
		put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
		put_ipv4(&fr, IPPROTO_UDP, 0, 8 + 200, false);
		put_udp(&fr, 200);
		pc[0] = (struct piece){ 42, 200, big, 0 };
		m = roundtrip(&p, &fr);
		CHECK(m != NULL, "udp payload: no frame back");
		ret = chain_check(m, &fr, pc, 1, why, sizeof(why));
		rte_pktmbuf_free(m);
		CHECK(ret == 0, "udp payload: %s", why);
		/* A frame of headers only keeps nothing: dropped, counted. */
		put_eth(&fr, &p.mac, false, RTE_ETHER_TYPE_IPV4);
		put_ipv4(&fr, IPPROTO_UDP, 0, 8, false);
		put_udp(&fr, 0);
		m = roundtrip(&p, &fr);
		CHECK(m == NULL, "a frame with nothing kept was delivered");
		CHECK(tu_xstat(p.port, "rx_split_empty_drops") == 1,
		      "rx_split_empty_drops %" PRIu64,
		      tu_xstat(p.port, "rx_split_empty_drops"));
	}
	return TEST_PASS;
#else
	return test_skip("selective Rx needs DPDK 26.07 (ethdev refuses a "
			 "segment without a mempool before)");
#endif
}

/* rx_mempools: a frame goes whole into the smallest buffer it fits. */
static int
test_multi_pool(const void *arg __rte_unused)
{
	struct rte_mempool *pools[3], *order[3];
	static const uint32_t sizes[] = { 60, 384, 385, 896, 897, 1522 };
	struct rte_mbuf *m;
	struct sport p;
	unsigned int i, k;
	int ret;

	pools[0] = tu_pool(POOL_N, 2048);
	pools[1] = tu_pool(POOL_N, 512);
	pools[2] = tu_pool(POOL_N, 1024);
	CHECK(pools[0] && pools[1] && pools[2], "pools");
	order[0] = pools[1];	/* 384 bytes of room */
	order[1] = pools[2];	/* 896 */
	order[2] = pools[0];	/* 1920 */
	struct scfg c = { .pools = pools, .nb_pools = 3, .mtu = 9000 };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	for (i = 0; i < RTE_DIM(sizes); i++) {
		struct piece pc[1];
		char why[160];

		put_eth(&fr, &p.mac, false, TU_ETHERTYPE);
		put_rand(&fr, sizes[i] - fr.len);
		for (k = 0; k < 2 && fr.len > (uint32_t)
		     rte_pktmbuf_data_room_size(order[k]) - HR; k++)
			;
		pc[0] = (struct piece){ 0, fr.len, order[k], HR };
		m = roundtrip(&p, &fr);
		CHECK(m != NULL, "%u bytes: no frame back", fr.len);
		ret = chain_check(m, &fr, pc, 1, why, sizeof(why));
		rte_pktmbuf_free(m);
		CHECK(ret == 0, "%u bytes: %s", fr.len, why);
	}
	/* Over every buffer: cut across them in order, then more of the
	 * largest (9022 > 384 + 896 + 1920). */
	{
		struct piece pc[MAX_PIECES];
		uint32_t pos = 0, room;
		unsigned int n = 0;
		char why[160];

		put_eth(&fr, &p.mac, false, TU_ETHERTYPE);
		put_rand(&fr, 9022 - fr.len);
		for (k = 0; pos < fr.len; k++) {
			struct rte_mempool *mp = order[RTE_MIN(k, 2u)];

			room = rte_pktmbuf_data_room_size(mp) - HR;
			pc[n++] = (struct piece){ pos, RTE_MIN(room, fr.len - pos),
						  mp, HR };
			pos += pc[n - 1].len;
		}
		m = roundtrip(&p, &fr);
		CHECK(m != NULL, "jumbo: no frame back");
		ret = chain_check(m, &fr, pc, n, why, sizeof(why));
		rte_pktmbuf_free(m);
		CHECK(ret == 0, "jumbo over every buffer: %s", why);
	}
	return TEST_PASS;
}

/* Log lines of one call, for the "names the culprit" checks. */
struct logcap {
	FILE *f;
	char *text;
	size_t size;
};

static void
logcap_begin(struct logcap *l)
{
	l->text = NULL;
	l->f = open_memstream(&l->text, &l->size);
	if (l->f != NULL)
		rte_openlog_stream(l->f);
}

/* Ends the capture; true if the log had every one of the words. */
static bool
logcap_has(struct logcap *l, const char *a, const char *b)
{
	bool ok;

	rte_openlog_stream(stderr);
	if (l->f == NULL)
		return false;
	fclose(l->f);
	ok = l->text != NULL && strstr(l->text, a) != NULL &&
		strstr(l->text, b) != NULL;
	if (!ok)
		fprintf(stderr, "log was: %s\n", l->text ? l->text : "");
	free(l->text);
	return ok;
}

static int
bad_setup(const struct rte_eth_rxseg_split *seg, uint16_t nb,
	  uint64_t offloads, const char *w1, const char *w2, int *ret)
{
	struct scfg c = { .seg = seg, .nb_seg = nb, .rx_offloads = 0 };
	struct rte_eth_conf conf;
	struct logcap l;
	uint16_t port;
	char name[TU_NAME_LEN];

	tu_vdev_name("a", name, sizeof(name));
	if (rte_eth_dev_get_port_by_name(name, &port) != 0 &&
	    tu_port("a", "wire=loop", &port) != 0)
		return -1;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = offloads;
	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0)
		return -1;
	logcap_begin(&l);
	*ret = rxq_setup(port, &c);
	if (!logcap_has(&l, w1, w2) && w1[0] != '\0')
		return -2;
	return 0;
}

static int
test_bad_config(const void *arg __rte_unused)
{
	struct rte_mempool *small = tu_pool(POOL_N, 256);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	const uint64_t bs = RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT;
	struct rte_eth_rxseg_split seg[9];
	struct scfg c;
	struct sport p;
	unsigned int i;
	int ret, r;

	CHECK(small != NULL && big != NULL, "pools");
	for (i = 0; i < RTE_DIM(seg); i++)
		seg[i] = (struct rte_eth_rxseg_split){ .mp = big,
						       .length = 100 };
	/* Refused by ethdev already (driver checks back it up). */
	r = bad_setup(seg, 2, 0, "", "", &ret);
	CHECK(r == 0 && ret == -EINVAL, "rx_seg without the offload: %d", ret);
	r = bad_setup(seg, 9, bs, "", "", &ret);
	CHECK(r == 0 && ret == -EINVAL, "9 segments: %d", ret);
	seg[0] = (struct rte_eth_rxseg_split){ .mp = small, .length = 200 };
	r = bad_setup(seg, 2, bs, "", "", &ret);
	CHECK(r == 0 && ret == -EINVAL, "200 bytes in 128: %d", ret);
	seg[0] = (struct rte_eth_rxseg_split){ .mp = small,
		.proto_hdr = RTE_PTYPE_L2_ETHER_ARP };
	r = bad_setup(seg, 2, bs, "", "", &ret);
	CHECK(r == 0 && ret == -EINVAL, "ARP split point: %d", ret);

	/* The driver's own: 8 kept segments, the device has 7 buffers. */
	seg[0] = seg[1];
	r = bad_setup(seg, 8, bs, "rxq 0", "8 segments with a mempool", &ret);
	CHECK(r == 0 && ret == -EINVAL, "8 kept segments: %d, log %d", ret, r);
#if HAVE_SELECTIVE_RX
	seg[0] = (struct rte_eth_rxseg_split){ .mp = NULL };
	r = bad_setup(seg, 2, bs, "rxq 0", "segment 0 discards the rest",
		      &ret);
	CHECK(r == 0 && ret == -EINVAL, "discard-rest first: %d, log %d",
	      ret, r);
	seg[0] = seg[1];
#endif
	CHECK(tu_vdev_destroy("a") == 0, "close");

	/* 7 x 100 bytes cannot hold MTU 1500 frames: start fails. */
	memset(&c, 0, sizeof(c));
	c.seg = seg;
	c.nb_seg = 7;
	CHECK(sport_setup(&p, &c) == 0, "setup of 7 x 100");
	{
		struct logcap l;
		char port_s[32];

		snprintf(port_s, sizeof(port_s), "port %u rxq 0", p.port);
		logcap_begin(&l);
		ret = rte_eth_dev_start(p.port);
		CHECK(logcap_has(&l, port_s, "MTU 1500 needs 1522-byte frames"),
		      "no log line naming the queue and the MTU");
		CHECK(ret == -EINVAL, "start with 7 x 100: %d", ret);
		CHECK(rte_eth_dev_set_mtu(p.port, 600) == 0 &&
		      rte_eth_dev_start(p.port) == 0,
		      "MTU 600 (622-byte frames) fits 700 bytes");
	}
	return TEST_PASS;
}

static int
pools_full(struct rte_mempool *const *mp, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		CHECK(rte_mempool_avail_count(mp[i]) == mp[i]->size,
		      "pool %s: %u of %u back", mp[i]->name,
		      rte_mempool_avail_count(mp[i]), mp[i]->size);
	return TEST_PASS;
}

/* Stopped, every buffer is back: posted, used, untouched alike. */
static int
test_pools_full(const void *arg __rte_unused)
{
	static const uint32_t sizes[] = { 14, 20, 300, 1514, 60 };
	struct rte_mempool *mp[3];
	uint64_t kept = 0;
	struct sport p;
	int ret, round;

	mp[0] = tu_pool(POOL_N, 256);
	mp[1] = tu_pool(POOL_N, 512);
	mp[2] = tu_pool(POOL_N, 2048);
	CHECK(mp[0] && mp[1] && mp[2], "pools");
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = mp[0], .length = 14 },
		{ .mp = mp[1], .length = 100 },
		{ .mp = mp[2] },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

	ret = sport_start(&p, &c);
	CHECK(ret == 0, "setup: %s", rte_strerror(-ret));
	for (round = 0; round < 2; round++) {
		ret = check_fixed(&p, seg, RTE_DIM(seg), sizes, RTE_DIM(sizes),
				  &kept);
		if (ret != TEST_PASS)
			return ret;
		CHECK(rte_eth_dev_stop(p.port) == 0, "stop");
		ret = pools_full(mp, 3);
		if (ret != TEST_PASS)
			return ret;
		CHECK(rte_eth_dev_start(p.port) == 0, "restart");
	}
	CHECK(rte_eth_dev_rx_queue_stop(p.port, 0) == 0, "queue stop");
	ret = pools_full(mp, 3);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_vdev_destroy("a") == 0, "close");
	return pools_full(mp, 3);
}

/* DTS selective_rx_runtime_config: a plain queue, then a split one. */
static int
test_runtime_config(const void *arg __rte_unused)
{
	static const uint32_t sizes[] = { 100, 290, 1514 };
	struct rte_mempool *mp = tu_pool(POOL_N, 512);
	struct rte_mempool *big = tu_pool(POOL_N, 2048);
	struct rte_eth_rxconf rxc;
	struct rte_eth_conf conf;
	struct logcap l;
	uint64_t kept = 0;
	struct sport p;
	char want[32];
	int ret;

	CHECK(mp != NULL && big != NULL, "pools");
	const struct rte_eth_rxseg_split seg[] = {
		{ .mp = mp, .length = 34 }, { .mp = big },
	};
	struct scfg c = { .seg = seg, .nb_seg = RTE_DIM(seg) };

	/* A plain queue of the 2048 pool first (BUFFER_SPLIT on, one pool). */
	p.txp = tu_pool(512, MAX_FRAME + HR);
	CHECK(p.txp != NULL && tu_port("a", "wire=loop", &p.port) == 0, "port");
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT;
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	memset(&rxc, 0, sizeof(rxc));
	CHECK(rte_eth_dev_configure(p.port, 1, 1, &conf) == 0 &&
	      rte_eth_rx_queue_setup(p.port, 0, NB_RXD, rte_socket_id(), &rxc,
				     big) == 0 &&
	      rte_eth_tx_queue_setup(p.port, 0, 256, rte_socket_id(),
				     NULL) == 0 &&
	      rte_eth_dev_start(p.port) == 0 &&
	      rte_eth_promiscuous_enable(p.port) == 0 &&
	      rte_eth_macaddr_get(p.port, &p.mac) == 0, "plain port");
	{
		const struct rte_eth_rxseg_split whole[] = { { .mp = big } };

		ret = check_fixed(&p, whole, 1, sizes, RTE_DIM(sizes), &kept);
		if (ret != TEST_PASS)
			return ret;
	}

	/* Split queue set up while the port runs the plain burst. */
	CHECK(rte_eth_dev_rx_queue_stop(p.port, 0) == 0, "queue stop");
	CHECK(rxq_setup(p.port, &c) == 0, "runtime split setup");
	snprintf(want, sizeof(want), "port %u rxq 0", p.port);
	logcap_begin(&l);
	ret = rte_eth_dev_rx_queue_start(p.port, 0);
	CHECK(logcap_has(&l, want, "Rx burst"), "no log line for the burst");
	CHECK(ret == -EINVAL, "split queue started on the plain burst: %d",
	      ret);

	/* Restarting the port chooses the split burst. */
	CHECK(rte_eth_dev_stop(p.port) == 0 && rte_eth_dev_start(p.port) == 0,
	      "port restart");
	return check_fixed(&p, seg, 2, sizes, RTE_DIM(sizes), &kept);
}

void
register_rx_split_tests(void)
{
	test_register("rx_split", "capabilities", test_capabilities, NULL);
	test_register("rx_split", "fixed_lengths", test_fixed_lengths, NULL);
	test_register("rx_split", "jumbo", test_jumbo, NULL);
	test_register("rx_split", "proto_hdr", test_proto_hdr, NULL);
	test_register("rx_split", "proto_hdr_ipv6", test_proto_hdr_ipv6,
		      NULL);
	test_register("rx_split", "offload_meta", test_offload_meta, NULL);
	test_register("rx_split", "selective", test_selective, NULL);
	test_register("rx_split", "multi_pool", test_multi_pool, NULL);
	test_register("rx_split", "bad_config", test_bad_config, NULL);
	test_register("rx_split", "pools_full", test_pools_full, NULL);
	test_register("rx_split", "runtime_config", test_runtime_config,
		      NULL);
}
