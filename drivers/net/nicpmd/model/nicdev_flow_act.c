/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * What a matching rule does to a frame: header rewrites (on the key, so
 * later lookups see them, then back into the frame), the checksums they
 * touch, and the hash of an RSS rule.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_thash.h>

#include "nicdev_flow.h"

/* The bits each header lets a rewrite change (spec, "Header rewrites"). */
static const uint8_t eth_ok[14] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t ipv4_ok[20] = {
	[1] = 0xff, [8] = 0xff,
	[12] = 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t ipv6_ok[40] = {
	[0] = 0x0f, 0xff, 0xff, 0xff, [7] = 0xff,
	[8] = 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t l4_ok[8] = { 0xff, 0xff, 0xff, 0xff };

static const struct {
	const uint8_t *ok;
	uint8_t len;		/* header window size */
	uint32_t layer;		/* NICPMD_FLOW_L_* the frame needs */
	uint32_t dirty;
} hdrs[] = {
	[NICPMD_FLOW_HDR_ETH] = { eth_ok, 14, NICPMD_FLOW_L_ETH,
				  NICDEV_FLOW_DIRTY_ETH },
	[NICPMD_FLOW_HDR_IPV4] = { ipv4_ok, 20, NICPMD_FLOW_L_IPV4,
				   NICDEV_FLOW_DIRTY_IPV4 },
	[NICPMD_FLOW_HDR_IPV6] = { ipv6_ok, 40, NICPMD_FLOW_L_IPV6,
				   NICDEV_FLOW_DIRTY_IPV6 },
	[NICPMD_FLOW_HDR_TCP] = { l4_ok, 20, NICPMD_FLOW_L_TCP,
				  NICDEV_FLOW_DIRTY_TCP },
	[NICPMD_FLOW_HDR_UDP] = { l4_ok, 8, NICPMD_FLOW_L_UDP,
				  NICDEV_FLOW_DIRTY_UDP },
};

static uint8_t
ok_bits(unsigned int hdr, unsigned int off)
{
	/* l4_ok covers the ports only; TCP's window is longer. */
	if (hdr == NICPMD_FLOW_HDR_TCP || hdr == NICPMD_FLOW_HDR_UDP)
		return off < sizeof(l4_ok) ? l4_ok[off] : 0;
	return hdrs[hdr].ok[off];
}

bool
nicdev_flow_mod_ok(const struct nicpmd_flow_mod *m)
{
	unsigned int i;

	if (m->hdr >= RTE_DIM(hdrs) || m->len == 0 ||
	    m->len > NICPMD_FLOW_MOD_MAX_LEN ||
	    m->offset + m->len > hdrs[m->hdr].len)
		return false;
	if (m->op == NICPMD_FLOW_MOD_DEC) {
		if (m->len != 1 || ok_bits(m->hdr, m->offset) != 0xff)
			return false;
		for (i = 0; i < NICPMD_FLOW_MOD_MAX_LEN; i++)
			if (m->value[i] != 0 || m->mask[i] != 0)
				return false;
		return true;
	}
	if (m->op != NICPMD_FLOW_MOD_SET)
		return false;
	for (i = 0; i < NICPMD_FLOW_MOD_MAX_LEN; i++) {
		uint8_t ok = i < m->len ? ok_bits(m->hdr, m->offset + i) : 0;

		if ((m->mask[i] & ~ok) || (m->value[i] & ~m->mask[i]))
			return false;
	}
	return true;
}

static uint8_t *
hdr_window(union nicdev_flow_kw *key, unsigned int hdr)
{
	switch (hdr) {
	case NICPMD_FLOW_HDR_ETH:
		return key->k.eth;
	case NICPMD_FLOW_HDR_IPV4:
		return key->k.ipv4;
	case NICPMD_FLOW_HDR_IPV6:
		return key->k.ipv6;
	case NICPMD_FLOW_HDR_TCP:
		return key->k.tcp;
	default:
		return key->k.udp;
	}
}

/*
 * RFC 1624: a checksum over 16-bit words, updated for words that went
 * from old to new: HC' = ~(~HC + ~m + m'). Regions start at even offsets
 * of what the checksum covers.
 */
static uint32_t
csum_delta(uint32_t sum, const uint8_t *old, const uint8_t *new, uint32_t len)
{
	uint32_t i;

	for (i = 0; i + 1 < len; i += 2) {
		uint16_t m = (uint16_t)(old[i] << 8 | old[i + 1]);
		uint16_t m1 = (uint16_t)(new[i] << 8 | new[i + 1]);

		/* Unchanged words add nothing (not even a -0). */
		if (m != m1)
			sum += (uint16_t)~m + (uint32_t)m1;
	}
	return sum;
}

static uint16_t
csum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Apply delta (a sum of word changes) to the checksum at p. */
static void
csum_update(uint8_t *p, uint32_t delta, bool zero_is_none)
{
	uint16_t hc = (uint16_t)(p[0] << 8 | p[1]);
	uint16_t res;

	if (zero_is_none && hc == 0)
		return;		/* UDP over IPv4 without a checksum */
	res = (uint16_t)~csum_fold((uint16_t)~hc + delta);
	if (zero_is_none && res == 0)
		res = 0xffff;
	p[0] = res >> 8;
	p[1] = res & 0xff;
}

uint32_t
nicdev_flow_rewrite(union nicdev_flow_kw *key,
		    const struct nicpmd_flow_rule *r)
{
	struct nicpmd_flow_key *k = &key->k;
	struct nicpmd_flow_key old = *k;
	uint32_t dirty = 0, pseudo;
	unsigned int i, j;

	for (i = 0; i < r->nb_mods; i++) {
		const struct nicpmd_flow_mod *m = &r->mod[i];
		uint8_t *w;

		if (!(k->layers & hdrs[m->hdr].layer))
			continue;	/* the frame has no such header */
		w = hdr_window(key, m->hdr) + m->offset;
		if (m->op == NICPMD_FLOW_MOD_DEC) {
			if (w[0] != 0)
				w[0]--;
		} else {
			for (j = 0; j < m->len; j++)
				w[j] = (w[j] & ~m->mask[j]) |
					(m->value[j] & m->mask[j]);
		}
		dirty |= hdrs[m->hdr].dirty;
	}
	if (dirty == 0)
		return 0;

	if (memcmp(old.ipv4, k->ipv4, sizeof(k->ipv4)) != 0)
		csum_update(k->ipv4 + 10, csum_delta(0, old.ipv4, k->ipv4,
						     sizeof(k->ipv4)), false);
	/* The pseudo-header's addresses, for the L4 checksums. */
	pseudo = csum_delta(0, old.ipv4 + 12, k->ipv4 + 12, 8);
	pseudo = csum_delta(pseudo, old.ipv6 + 8, k->ipv6 + 8, 32);
	if (k->layers & NICPMD_FLOW_L_TCP) {
		csum_update(k->tcp + 16, csum_delta(pseudo, old.tcp, k->tcp, 4),
			    false);
		dirty |= NICDEV_FLOW_DIRTY_TCP;
	}
	if (k->layers & NICPMD_FLOW_L_UDP) {
		csum_update(k->udp + 6, csum_delta(pseudo, old.udp, k->udp, 4),
			    (k->layers & NICPMD_FLOW_L_IPV4) != 0);
		dirty |= NICDEV_FLOW_DIRTY_UDP;
	}
	if (k->layers & NICPMD_FLOW_L_ICMP6) {
		csum_update(k->icmp6 + 2, pseudo, false);
		dirty |= NICDEV_FLOW_DIRTY_ICMP6;
	}
	return dirty;
}

/* Write n key bytes over the frame's first bytes in hdr, if they fit. */
static void
put(uint8_t *hdr, uint32_t room, uint32_t off, const uint8_t *src,
	uint32_t n)
{
	if (off + n <= room)
		memcpy(hdr + off, src, n);
}

void
nicdev_flow_splice(const struct nicdev_frame *f, const uint8_t *data,
		   const union nicdev_flow_kw *key,
		   const struct nicdev_flow_offs *offs, uint32_t dirty,
		   struct nicdev_flow_result *res)
{
	const struct nicpmd_flow_key *k = &key->k;
	uint32_t h = RTE_MIN(f->len, NICDEV_FLOW_HDR_MAX), skip = h;
	uint16_t i, n = 1;

	memcpy(res->hdr, data, h);
	if (dirty & NICDEV_FLOW_DIRTY_ETH)
		put(res->hdr, h, 0, k->eth, sizeof(k->eth));
	if (dirty & NICDEV_FLOW_DIRTY_IPV4)
		put(res->hdr, h, offs->l3, k->ipv4, sizeof(k->ipv4));
	if (dirty & NICDEV_FLOW_DIRTY_IPV6)
		put(res->hdr, h, offs->l3, k->ipv6, sizeof(k->ipv6));
	if (dirty & NICDEV_FLOW_DIRTY_TCP)
		put(res->hdr, h, offs->l4, k->tcp, sizeof(k->tcp));
	if (dirty & NICDEV_FLOW_DIRTY_UDP)
		put(res->hdr, h, offs->l4, k->udp, sizeof(k->udp));
	if (dirty & NICDEV_FLOW_DIRTY_ICMP6)
		put(res->hdr, h, offs->l4, k->icmp6, sizeof(k->icmp6));

	/* The rewritten head, then the rest of the original segments. */
	res->segs[0].data = res->hdr;
	res->segs[0].len = h;
	for (i = 0; i < f->nb_seg && n < NICDEV_FLOW_SEGS; i++) {
		const struct nicdev_seg *s = &f->seg[i];

		if (skip >= s->len) {
			skip -= s->len;
			continue;
		}
		res->segs[n].data = s->data + skip;
		res->segs[n].len = s->len - skip;
		skip = 0;
		n++;
	}
	res->frame.seg = res->segs;
	res->frame.nb_seg = n;
	res->frame.len = f->len;
	res->modified = true;
}

/* ---- RSS rules ---------------------------------------------------------- */

/* The RSS input of the key (spec, "Receive-side scaling"); 0: none. */
static uint32_t
rss_input(const struct nicpmd_flow_key *k, uint32_t types, uint8_t *in,
	  uint32_t *alen)
{
	uint32_t l = k->layers, n;
	bool frag = l & NICPMD_FLOW_L_FRAG;
	const uint8_t *ports = NULL;

	if (l & NICPMD_FLOW_L_IPV4) {
		if (!frag && (l & NICPMD_FLOW_L_TCP) &&
		    (types & NICPMD_RSS_TCP_IPV4))
			ports = k->tcp;
		else if (!frag && (l & NICPMD_FLOW_L_UDP) &&
			 (types & NICPMD_RSS_UDP_IPV4))
			ports = k->udp;
		else if (!(types & NICPMD_RSS_IPV4))
			return 0;
		*alen = 4;
		memcpy(in, k->ipv4 + 12, 8);
	} else if (l & NICPMD_FLOW_L_IPV6) {
		if (!frag && (l & NICPMD_FLOW_L_TCP) &&
		    (types & NICPMD_RSS_TCP_IPV6))
			ports = k->tcp;
		else if (!frag && (l & NICPMD_FLOW_L_UDP) &&
			 (types & NICPMD_RSS_UDP_IPV6))
			ports = k->udp;
		else if (!(types & NICPMD_RSS_IPV6))
			return 0;
		*alen = 16;
		memcpy(in, k->ipv6 + 8, 32);
	} else {
		return 0;
	}
	n = 2 * *alen;
	if (ports != NULL) {
		memcpy(in + n, ports, 4);
		n += 4;
	}
	return n;
}

/* Swap a and b (n bytes each) if a > b, as big-endian numbers. */
static void
sort_pair(uint8_t *a, uint8_t *b, uint32_t n)
{
	uint8_t t[16];

	if (memcmp(a, b, n) <= 0)
		return;
	memcpy(t, a, n);
	memcpy(a, b, n);
	memcpy(b, t, n);
}

static void
xor_pair(uint8_t *a, uint8_t *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint8_t x = a[i] ^ b[i];

		a[i] = x;
		b[i] = x;
	}
}

bool
nicdev_flow_rss_hash(const union nicdev_flow_kw *key,
		     const struct nicpmd_flow_rss *rss,
		     const uint8_t *port_key, uint32_t *hash)
{
	uint32_t types = rss->types ? rss->types : NICPMD_RSS_TYPES;
	uint32_t words[9], kw[NICPMD_RSS_KEY_LEN / 4], alen, n, i, x = 0;
	uint8_t in[36];

	n = rss_input(&key->k, types, in, &alen);
	if (n == 0)
		return false;
	if (rss->func == NICPMD_FLOW_RSS_SYM_TOEPLITZ) {
		xor_pair(in, in + alen, alen);
		if (n > 2 * alen)
			xor_pair(in + 2 * alen, in + 2 * alen + 2, 2);
	} else if (rss->func == NICPMD_FLOW_RSS_SORT_TOEPLITZ) {
		sort_pair(in, in + alen, alen);
		if (n > 2 * alen)
			sort_pair(in + 2 * alen, in + 2 * alen + 2, 2);
	}
	for (i = 0; i < n / 4; i++) {
		uint32_t be;

		memcpy(&be, in + 4 * i, 4);
		words[i] = rte_be_to_cpu_32(be);
		x ^= words[i];
	}
	if (rss->func == NICPMD_FLOW_RSS_SIMPLE_XOR) {
		*hash = x;
		return true;
	}
	/* rte_softrss() reads the key as words: a word-aligned copy. */
	memcpy(kw, (rss->flags & NICPMD_FLOW_RSS_OWN_KEY) ? rss->key : port_key,
	       sizeof(kw));
	*hash = rte_softrss(words, n / 4, (const uint8_t *)kw);
	return true;
}
