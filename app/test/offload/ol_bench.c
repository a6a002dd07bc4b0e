/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * tso-bench mode: TSO throughput of 64 KiB TCP/IPv4 sends (devtools/
 * bench.sh, row nicpmd-tso).
 *
 * A sends TCP/IPv4 packets of --payload bytes (65536) of TCP payload with
 * RTE_MBUF_F_TX_TCP_SEG and --mss, each an mbuf chain of --seg-size (2048)
 * payload bytes per segment, the headers prepended to the first one
 * (32 segments for 64 KiB), after rte_eth_tx_prepare. B receives the
 * device's segments and frees them. At most --inflight sends are
 * outstanding (sent payload minus received payload), so B's Rx ring never
 * overflows. After --seconds the sender stops and what is in flight is
 * drained; every loop is bounded in time.
 *
 * The payload of every pool mbuf is filled once with a pattern that
 * depends on the offset in the segment, so no payload byte is written
 * while measuring (the application's data is already in memory, as for
 * zero-copy sends): only the 54 header bytes are. Each received segment
 * is checked: IPv4/TCP, lengths, payload <= mss, sequence number in
 * order, first and last payload byte (every byte with --verify-all).
 *
 * Output: one line per second ("tso-bench: second N: X Gbit/s ...") and
 * a summary line "TSO-BENCH gbps=... ok=0|1 ..." with the input payload
 * rate over the whole run (first send to last segment received), sent and
 * received payload bytes, segments, errors and whether the mempools are
 * full again after the ports are stopped. Exit status 0 only if ok=1.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>

#include "ol_tool.h"

#define TB_BURST	8u	/* sends per tx_burst */
#define TB_RX_BURST	64u
#define TB_HDR_LEN	(RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + \
			 sizeof(struct rte_tcp_hdr))
#define TB_ISN		0x10000000u
#define TB_DRAIN_MS	1000	/* no Rx progress this long: give up */
#define TB_TX_STUCK_MS	1000	/* Tx ring full this long: give up */

struct tb_ctx {
	const struct ol_opts *o;
	struct ol_ports *p;
	struct rte_ether_addr src, dst;
	uint32_t segs_per_pkt;
	/* Tx */
	uint64_t pkts_sent, bytes_sent, prep_failed, alloc_failed;
	uint32_t tx_seq;
	/* Rx */
	uint64_t segs_rx, bytes_rx, frames_rx, bad_hdr, bad_len, bad_seq,
		 bad_data, too_big;
	uint32_t rx_seq;
	uint32_t rx_off;	/* payload offset in the current send */
	bool seq_lost;		/* after a sequence error: no data checks */
};

static inline uint8_t
pattern(uint32_t off_in_seg)
{
	return (uint8_t)((off_in_seg * 0x9e3779b1u) >> 24);
}

/* Payload byte at offset off of a send. */
static inline uint8_t
payload_byte(const struct tb_ctx *c, uint32_t off)
{
	return pattern(off % c->o->bench_seg_size);
}

struct fill_arg {
	uint16_t len;
};

static void
fill_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	const struct fill_arg *fa = arg;
	struct rte_mbuf *m = obj;
	uint8_t *d = (uint8_t *)m->buf_addr + RTE_PKTMBUF_HEADROOM;
	uint32_t i;

	RTE_SET_USED(mp);
	RTE_SET_USED(idx);
	for (i = 0; i < fa->len; i++)
		d[i] = pattern(i);
}

/*
 * One send: a chain of segs_per_pkt mbufs whose payload is already there
 * (pattern); the headers go into the first one's headroom.
 */
static struct rte_mbuf *
make_send(struct tb_ctx *c, struct rte_mempool *mp)
{
	const struct ol_opts *o = c->o;
	struct rte_mbuf *segs[NICPMD_OL_BENCH_MAX_SEGS];
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_tcp_hdr *tcp;
	uint32_t i, rest = o->bench_payload;

	if (rte_pktmbuf_alloc_bulk(mp, segs, c->segs_per_pkt) != 0) {
		c->alloc_failed++;
		return NULL;
	}
	for (i = 0; i < c->segs_per_pkt; i++) {
		uint16_t len = RTE_MIN(rest, o->bench_seg_size);

		/* Fresh from alloc: data_off is the headroom, lengths 0. */
		segs[i]->data_len = len;
		segs[i]->pkt_len = len;
		rest -= len;
		if (i != 0)
			segs[i - 1]->next = segs[i];
	}
	segs[0]->nb_segs = c->segs_per_pkt;
	segs[0]->pkt_len = o->bench_payload;
	eth = (struct rte_ether_hdr *)rte_pktmbuf_prepend(segs[0], TB_HDR_LEN);
	if (eth == NULL) {	/* cannot happen: headroom checked */
		rte_pktmbuf_free(segs[0]);
		c->alloc_failed++;
		return NULL;
	}
	eth->dst_addr = c->dst;
	eth->src_addr = c->src;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->type_of_service = 0;
	/* Rewritten per segment by the device; 64 KiB + headers > 16 bits. */
	ip->total_length = rte_cpu_to_be_16((uint16_t)RTE_MIN(o->bench_payload +
		(uint32_t)(sizeof(*ip) + sizeof(*tcp)), (uint32_t)UINT16_MAX));
	ip->packet_id = rte_cpu_to_be_16((uint16_t)(c->pkts_sent * 64));
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_TCP;
	ip->hdr_checksum = 0;
	ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(198, 18, 0, 1));
	ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(198, 18, 0, 2));
	tcp = (struct rte_tcp_hdr *)(ip + 1);
	tcp->src_port = rte_cpu_to_be_16(40000);
	tcp->dst_port = rte_cpu_to_be_16(5001);
	tcp->sent_seq = rte_cpu_to_be_32(c->tx_seq);
	tcp->recv_ack = rte_cpu_to_be_32(1);
	tcp->data_off = (sizeof(*tcp) / 4) << 4;
	tcp->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
	tcp->rx_win = rte_cpu_to_be_16(65535);
	tcp->cksum = 0;
	tcp->tcp_urp = 0;
	segs[0]->l2_len = RTE_ETHER_HDR_LEN;
	segs[0]->l3_len = sizeof(*ip);
	segs[0]->l4_len = sizeof(*tcp);
	segs[0]->tso_segsz = o->tso_mss;
	segs[0]->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM |
		RTE_MBUF_F_TX_TCP_SEG;
	return segs[0];
}

/* Check one received segment; returns its TCP payload length. */
static uint32_t
check_seg(struct tb_ctx *c, const struct rte_mbuf *m)
{
	const struct ol_opts *o = c->o;
	const struct rte_ether_hdr *eth;
	const struct rte_ipv4_hdr *ip;
	const struct rte_tcp_hdr *tcp;
	const uint8_t *pl;
	uint32_t ihl, thl, tot, plen, seq, i;

	if (m->nb_segs != 1 || m->data_len < TB_HDR_LEN) {
		c->bad_hdr++;
		return 0;
	}
	eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	ip = (const struct rte_ipv4_hdr *)(eth + 1);
	if (eth->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    (ip->version_ihl >> 4) != 4 || ip->next_proto_id != IPPROTO_TCP) {
		c->bad_hdr++;
		return 0;
	}
	ihl = (ip->version_ihl & 0xf) * 4;
	tcp = (const struct rte_tcp_hdr *)((const uint8_t *)ip + ihl);
	thl = (tcp->data_off >> 4) * 4;
	tot = rte_be_to_cpu_16(ip->total_length);
	if (RTE_ETHER_HDR_LEN + ihl + thl > m->data_len ||
	    tot < ihl + thl || RTE_ETHER_HDR_LEN + tot > m->data_len) {
		c->bad_len++;
		return 0;
	}
	plen = tot - ihl - thl;
	if (plen == 0 || plen > o->tso_mss) {
		c->too_big++;
		return plen;
	}
	seq = rte_be_to_cpu_32(tcp->sent_seq);
	if (seq != c->rx_seq) {
		c->bad_seq++;
		c->seq_lost = true;
	}
	c->rx_seq = seq + plen;
	if (c->seq_lost)
		return plen;
	pl = (const uint8_t *)tcp + thl;
	if (o->bench_verify_all) {
		for (i = 0; i < plen; i++)
			if (pl[i] != payload_byte(c, c->rx_off + i))
				break;
		if (i != plen)
			c->bad_data++;
	} else if (pl[0] != payload_byte(c, c->rx_off) ||
		   pl[plen - 1] != payload_byte(c, c->rx_off + plen - 1)) {
		c->bad_data++;
	}
	c->rx_off += plen;
	if (c->rx_off >= o->bench_payload)
		c->rx_off = 0;
	return plen;
}

static unsigned int
rx_poll(struct tb_ctx *c)
{
	struct rte_mbuf *pkts[TB_RX_BURST];
	uint16_t k, i;

	k = rte_eth_rx_burst(c->p->b, 0, pkts, TB_RX_BURST);
	for (i = 0; i < k; i++) {
		c->bytes_rx += check_seg(c, pkts[i]);
		c->segs_rx++;
	}
	if (k != 0)
		rte_pktmbuf_free_bulk(pkts, k);
	return k;
}

static int
start_ports(struct tb_ctx *c)
{
	struct ol_ports *p = c->p;
	struct rte_eth_conf ca, cb;
	struct rte_eth_dev_info info;
	const uint64_t need = RTE_ETH_TX_OFFLOAD_TCP_TSO |
		RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
		RTE_ETH_TX_OFFLOAD_TCP_CKSUM;
	int ret;

	ret = rte_eth_dev_info_get(p->a, &info);
	if (ret != 0)
		return ret;
	if ((info.tx_offload_capa & need) != need) {
		fprintf(stderr, "tso-bench: port A lacks TSO/multi-seg/csum "
			"(tx_offload_capa 0x%" PRIx64 ")\n",
			info.tx_offload_capa);
		return -ENOTSUP;
	}
	if (c->segs_per_pkt > info.tx_desc_lim.nb_seg_max) {
		fprintf(stderr, "tso-bench: %u segments per send, the port "
			"takes %u\n", c->segs_per_pkt,
			info.tx_desc_lim.nb_seg_max);
		return -EINVAL;
	}
	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	ca.txmode.offloads = need;
	ret = ol_port_start(p->a, &ca, NULL, p->rx_pool, false, NULL);
	if (ret == 0)
		ret = ol_port_start(p->b, &cb, NULL, p->rx_pool, true, NULL);
	if (ret == 0)
		ret = ol_wait_link(p->a);
	if (ret == 0)
		ret = ol_wait_link(p->b);
	if (ret == 0)
		ret = rte_eth_macaddr_get(p->a, &c->src);
	if (ret == 0)
		ret = rte_eth_macaddr_get(p->b, &c->dst);
	return ret;
}

static bool
pool_full(const char *name, struct rte_mempool *mp)
{
	unsigned int avail = rte_mempool_avail_count(mp);

	printf("tso-bench: mempool %s: %u of %u available\n", name, avail,
	       mp->size);
	return avail == mp->size;
}

int
ol_run_tso_bench(const struct ol_opts *o, struct ol_ports *p)
{
	struct tb_ctx c;
	struct rte_mbuf *pend[TB_BURST];
	struct fill_arg fa = { .len = o->bench_seg_size };
	uint64_t hz = rte_get_timer_hz(), t0, t_end, t_last_rx, t_tx_ok,
		 t_sec, now, sec_bytes = 0, max_inflight;
	unsigned int nb_pend = 0, pend_at = 0, sec = 0, pool_n;
	struct rte_eth_stats sa, sb;
	double elapsed, gbps;
	bool ok, pools_ok, stuck = false;
	int ret;

	memset(&c, 0, sizeof(c));
	c.o = o;
	c.p = p;
	c.segs_per_pkt = (o->bench_payload + o->bench_seg_size - 1) /
		o->bench_seg_size;
	c.tx_seq = TB_ISN;
	c.rx_seq = TB_ISN;
	max_inflight = (uint64_t)o->bench_inflight * o->bench_payload;

	/* Rx and Tx rings hold what is in flight (and the Tx ring's done). */
	pool_n = o->bench_inflight * c.segs_per_pkt + 2048;
	p->bench_pool = rte_pktmbuf_pool_create("ol_tso", pool_n, 64, 0,
		RTE_PKTMBUF_HEADROOM + o->bench_seg_size, SOCKET_ID_ANY);
	if (p->bench_pool == NULL) {
		fprintf(stderr, "tso-bench: pool: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	rte_mempool_obj_iter(p->bench_pool, fill_obj, &fa);
	ret = start_ports(&c);
	if (ret != 0)
		return ret;
	printf("tso-bench: engine %s, %u B TCP payload per send in %u "
	       "segments of %u B, mss %u, %u sends in flight, %u s\n",
	       o->engine, o->bench_payload, c.segs_per_pkt, o->bench_seg_size,
	       o->tso_mss, o->bench_inflight, o->bench_seconds);
	rte_eth_stats_reset(p->a);
	rte_eth_stats_reset(p->b);

	t0 = rte_get_timer_cycles();
	t_end = t0 + (uint64_t)o->bench_seconds * hz;
	t_last_rx = t_tx_ok = t_sec = t0;
	for (;;) {
		now = rte_get_timer_cycles();
		if (now - t_sec >= hz) {
			sec++;
			printf("tso-bench: second %u: %.3f Gbit/s\n", sec,
			       (double)(c.bytes_rx - sec_bytes) * 8 * hz /
			       (double)(now - t_sec) / 1e9);
			sec_bytes = c.bytes_rx;
			t_sec = now;
		}
		if (now < t_end) {
			/* Refill the pending burst, within the in-flight bound. */
			while (nb_pend < TB_BURST &&
			       c.bytes_sent + (uint64_t)(nb_pend + 1) *
			       o->bench_payload - c.bytes_rx <= max_inflight) {
				struct rte_mbuf *m = make_send(&c,
							       p->bench_pool);

				if (m == NULL)
					break;
				if (rte_eth_tx_prepare(p->a, 0, &m, 1) != 1) {
					if (c.prep_failed++ == 0)
						fprintf(stderr, "tso-bench: "
							"tx_prepare: %s\n",
							rte_strerror(rte_errno));
					rte_pktmbuf_free(m);
					break;
				}
				c.tx_seq += o->bench_payload;
				pend[nb_pend++] = m;
			}
			if (c.prep_failed != 0)
				break;
		}
		if (pend_at < nb_pend) {
			uint16_t k = rte_eth_tx_burst(p->a, 0, pend + pend_at,
						      nb_pend - pend_at);

			pend_at += k;
			c.pkts_sent += k;
			c.bytes_sent += (uint64_t)k * o->bench_payload;
			if (k != 0)
				t_tx_ok = now;
			else if (now - t_tx_ok > hz * TB_TX_STUCK_MS / 1000) {
				fprintf(stderr, "tso-bench: Tx ring stays "
					"full\n");
				stuck = true;
				break;
			}
			if (pend_at == nb_pend)
				pend_at = nb_pend = 0;
		}
		if (rx_poll(&c) != 0)
			t_last_rx = rte_get_timer_cycles();
		else if (now >= t_end && c.bytes_rx >= c.bytes_sent)
			break;		/* drained */
		else if (now - t_last_rx > hz * TB_DRAIN_MS / 1000) {
			fprintf(stderr, "tso-bench: no segment for %d ms with "
				"%" PRIu64 " payload bytes in flight\n",
				TB_DRAIN_MS, c.bytes_sent - c.bytes_rx);
			stuck = true;
			break;
		}
		if (now >= t_end && nb_pend == 0 &&
		    c.bytes_rx >= c.bytes_sent)
			break;
	}
	now = rte_get_timer_cycles();
	if (now > t_sec && c.bytes_rx > sec_bytes)
		printf("tso-bench: last %.3f s: %.3f Gbit/s\n",
		       (double)(now - t_sec) / hz,
		       (double)(c.bytes_rx - sec_bytes) * 8 * hz /
		       (double)(now - t_sec) / 1e9);
	/* Prepared but never sent: back to the pool, not counted. */
	if (pend_at < nb_pend)
		rte_pktmbuf_free_bulk(pend + pend_at, nb_pend - pend_at);
	elapsed = (double)(t_last_rx - t0) / hz;
	gbps = elapsed > 0 ? (double)c.bytes_rx * 8 / elapsed / 1e9 : 0;

	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	rte_eth_stats_get(p->a, &sa);
	rte_eth_stats_get(p->b, &sb);
	/* Stopped ports give every posted and unfreed mbuf back. */
	rte_eth_dev_stop(p->b);
	rte_eth_dev_stop(p->a);
	pools_ok = pool_full("ol_tso", p->bench_pool);
	pools_ok &= pool_full("ol_rx", p->rx_pool);
	pools_ok &= pool_full("ol_tx", p->tx_pool);

	printf("tso-bench: sent %" PRIu64 " sends, %" PRIu64
	       " payload bytes; received %" PRIu64 " segments (%.2f per "
	       "send), %" PRIu64 " payload bytes in %.3f s\n", c.pkts_sent,
	       c.bytes_sent, c.segs_rx,
	       c.pkts_sent ? (double)c.segs_rx / c.pkts_sent : 0.0,
	       c.bytes_rx, elapsed);
	printf("tso-bench: A opackets %" PRIu64 " oerrors %" PRIu64
	       ", B ipackets %" PRIu64 " ierrors %" PRIu64 " imissed %" PRIu64
	       " rx_nombuf %" PRIu64 "\n", sa.opackets, sa.oerrors,
	       sb.ipackets, sb.ierrors, sb.imissed, sb.rx_nombuf);
	printf("tso-bench: bad header %" PRIu64 ", bad length %" PRIu64
	       ", payload > mss %" PRIu64 ", out of sequence %" PRIu64
	       ", bad payload %" PRIu64 " (%s), alloc failed %" PRIu64
	       ", prepare failed %" PRIu64 "\n", c.bad_hdr, c.bad_len,
	       c.too_big, c.bad_seq, c.bad_data,
	       o->bench_verify_all ? "every byte" : "first and last byte",
	       c.alloc_failed, c.prep_failed);
	ok = !stuck && c.pkts_sent > 0 && c.bytes_rx == c.bytes_sent &&
		c.bad_hdr + c.bad_len + c.too_big + c.bad_seq + c.bad_data +
		c.prep_failed == 0 && sb.imissed + sb.ierrors == 0 &&
		pools_ok;
	printf("TSO-BENCH gbps=%.3f seconds=%.3f sends=%" PRIu64
	       " payload_sent=%" PRIu64 " payload_received=%" PRIu64
	       " segments=%" PRIu64 " errors=%" PRIu64 " pools_full=%d ok=%d\n",
	       gbps, elapsed, c.pkts_sent, c.bytes_sent, c.bytes_rx, c.segs_rx,
	       c.bad_hdr + c.bad_len + c.too_big + c.bad_seq + c.bad_data +
	       c.prep_failed + sb.imissed + sb.ierrors, pools_ok, ok);
	fflush(stdout);
	return ok ? 0 : -EIO;
}
