/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * nicpmd_offload_tool <EAL args> -- --engine E --mode tx|rx
 *	--in in.pcap --out out.pcap [--meta meta.jsonl] [--expect N]
 * Tx mode: [--segs N] [--tx-csum ip,tcp,udp,sctp] [--tso MSS]
 *	[--vlan TCI] [--qinq OUTER:INNER] [--port-offloads LIST]
 *	[--queue-level]
 * Rx mode: [--rx-csum] [--vlan-strip] [--qinq-strip]
 *	[--vlan-filter VID,VID..] [--no-promisc] [--vlan-extend]
 *	[--ptype] [--scatter]
 *	[--mbuf-size N] [--mtu M]
 * nicpmd_offload_tool <EAL args> -- --engine E --mode tso-bench
 *	[--seconds N] [--mss M] [--payload BYTES] [--seg-size BYTES]
 *	[--inflight SENDS] [--verify-all]
 * (TSO throughput, see ol_bench.c; no pcap.)
 * LIST for --port-offloads: ip,tcp,udp,sctp,tso,vlan,qinq,multiseg
 * (exactly these Tx offloads on port A; "none" for none).
 * Exit status 0 when the run went through, whatever the device did.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_ethdev.h>

#include "ol_tool.h"

static const struct {
	const char *name;
	uint64_t offload;
	uint32_t csum;
} names[] = {
	{ "ip", RTE_ETH_TX_OFFLOAD_IPV4_CKSUM, OL_CSUM_IP },
	{ "tcp", RTE_ETH_TX_OFFLOAD_TCP_CKSUM, OL_CSUM_TCP },
	{ "udp", RTE_ETH_TX_OFFLOAD_UDP_CKSUM, OL_CSUM_UDP },
	{ "sctp", RTE_ETH_TX_OFFLOAD_SCTP_CKSUM, OL_CSUM_SCTP },
	{ "tso", RTE_ETH_TX_OFFLOAD_TCP_TSO, 0 },
	{ "vlan", RTE_ETH_TX_OFFLOAD_VLAN_INSERT, 0 },
	{ "qinq", RTE_ETH_TX_OFFLOAD_QINQ_INSERT, 0 },
	{ "multiseg", RTE_ETH_TX_OFFLOAD_MULTI_SEGS, 0 },
	{ "none", 0, 0 },
};

/* Comma list of names -> offloads (csum: checksum bits only). */
static int
parse_list(const char *s, bool csum, uint64_t *out)
{
	char buf[128], *tok, *save = NULL;
	unsigned int i;

	*out = 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < RTE_DIM(names); i++)
			if (strcmp(tok, names[i].name) == 0)
				break;
		if (i == RTE_DIM(names) || (csum && names[i].csum == 0))
			return -1;
		*out |= csum ? names[i].csum : names[i].offload;
	}
	return 0;
}

static int
parse_vids(const char *s, struct ol_opts *o)
{
	char *end;

	while (*s != '\0' && o->nb_vids < OL_MAX_VIDS) {
		unsigned long v = strtoul(s, &end, 0);

		if (end == s || v > 4095)
			return -1;
		o->vids[o->nb_vids++] = v;
		s = *end == ',' ? end + 1 : end;
	}
	return *s == '\0' ? 0 : -1;
}

static int
parse_args(int argc, char **argv, struct ol_opts *o)
{
	uint64_t v;
	int i;

	memset(o, 0, sizeof(*o));
	o->engine = "inline";
	o->segs = 1;
	o->bench_seconds = 5;
	o->bench_payload = 64 * 1024;
	o->bench_seg_size = 2048;
	o->bench_inflight = 8;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool used = true;

		if (strcmp(a, "--rx-csum") == 0)
			o->rx_csum = true;
		else if (strcmp(a, "--vlan-strip") == 0)
			o->vlan_strip = true;
		else if (strcmp(a, "--qinq-strip") == 0)
			o->qinq_strip = true;
		else if (strcmp(a, "--ptype") == 0)
			o->ptype = true;
		else if (strcmp(a, "--scatter") == 0)
			o->scatter = true;
		else if (strcmp(a, "--no-promisc") == 0)
			o->no_promisc = true;
		else if (strcmp(a, "--vlan-extend") == 0)
			o->vlan_extend = true;
		else if (strcmp(a, "--queue-level") == 0)
			o->queue_level = true;
		else if (strcmp(a, "--verify-all") == 0)
			o->bench_verify_all = true;
		else
			used = false;
		if (used)
			continue;
		if (val == NULL)
			return -1;
		i++;
		if (strcmp(a, "--engine") == 0)
			o->engine = val;
		else if (strcmp(a, "--mode") == 0)
			o->mode = val;
		else if (strcmp(a, "--in") == 0)
			o->in = val;
		else if (strcmp(a, "--out") == 0)
			o->out = val;
		else if (strcmp(a, "--meta") == 0)
			o->meta = val;
		else if (strcmp(a, "--expect") == 0)
			o->expect = strtoul(val, NULL, 0);
		else if (strcmp(a, "--segs") == 0)
			o->segs = strtoul(val, NULL, 0);
		else if (strcmp(a, "--tso") == 0)
			o->tso_mss = strtoul(val, NULL, 0);
		else if (strcmp(a, "--mbuf-size") == 0)
			o->mbuf_size = strtoul(val, NULL, 0);
		else if (strcmp(a, "--mtu") == 0)
			o->mtu = strtoul(val, NULL, 0);
		else if (strcmp(a, "--seconds") == 0)
			o->bench_seconds = strtoul(val, NULL, 0);
		else if (strcmp(a, "--mss") == 0)
			o->tso_mss = strtoul(val, NULL, 0);
		else if (strcmp(a, "--payload") == 0)
			o->bench_payload = strtoul(val, NULL, 0);
		else if (strcmp(a, "--seg-size") == 0)
			o->bench_seg_size = strtoul(val, NULL, 0);
		else if (strcmp(a, "--inflight") == 0)
			o->bench_inflight = strtoul(val, NULL, 0);
		else if (strcmp(a, "--vlan") == 0) {
			o->vlan = true;
			o->vlan_tci = strtoul(val, NULL, 0);
		} else if (strcmp(a, "--qinq") == 0) {
			unsigned int out, in;

			if (sscanf(val, "%u:%u", &out, &in) != 2)
				return -1;
			o->qinq = true;
			o->qinq_outer = out;
			o->qinq_inner = in;
		} else if (strcmp(a, "--tx-csum") == 0) {
			if (parse_list(val, true, &v) != 0)
				return -1;
			o->tx_csum = v;
		} else if (strcmp(a, "--port-offloads") == 0) {
			if (parse_list(val, false, &o->port_offloads) != 0)
				return -1;
			o->port_offloads_set = true;
		} else if (strcmp(a, "--vlan-filter") == 0) {
			if (parse_vids(val, o) != 0)
				return -1;
		} else {
			return -1;
		}
	}
	if (o->mode != NULL && strcmp(o->mode, "tso-bench") == 0) {
		if (o->tso_mss == 0)
			o->tso_mss = 1460;
		/* Bounded: 1..3600 s; the chain fits the mbufs and the rings. */
		return o->bench_seconds >= 1 && o->bench_seconds <= 3600 &&
			o->bench_seg_size >= 64 &&
			o->bench_seg_size <= UINT16_MAX - RTE_PKTMBUF_HEADROOM &&
			o->bench_payload >= 1 && o->bench_payload <= 256 * 1024 &&
			(o->bench_payload + o->bench_seg_size - 1) /
			o->bench_seg_size <= NICPMD_OL_BENCH_MAX_SEGS &&
			o->bench_inflight >= 1 && o->bench_inflight <= 64 ?
			0 : -1;
	}
	if (o->mode == NULL || o->in == NULL || o->out == NULL ||
	    (strcmp(o->mode, "tx") != 0 && strcmp(o->mode, "rx") != 0))
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct ol_opts o;
	struct ol_ports p;
	struct ol_pkt *pkts = NULL;
	unsigned int n = 0;
	FILE *meta = NULL;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "rte_eal_init failed\n");
		return 2;
	}
	argc -= ret;
	argv += ret;
	if (parse_args(argc, argv, &o) != 0) {
		fprintf(stderr, "usage: see the head of ol_main.c\n");
		rte_eal_cleanup();
		return 2;
	}
	if (strcmp(o.mode, "tso-bench") == 0) {
		ret = ol_ports_create(&o, &p);
		if (ret == 0)
			ret = ol_run_tso_bench(&o, &p);
		ol_ports_destroy(&p);
		rte_eal_cleanup();
		return ret == 0 ? 0 : 1;
	}
	if (ol_pcap_read(o.in, &pkts, &n) != 0) {
		rte_eal_cleanup();
		return 2;
	}
	if (o.meta != NULL) {
		meta = fopen(o.meta, "w");
		if (meta == NULL) {
			perror(o.meta);
			ret = -errno;
			goto out;
		}
	}
	ret = ol_ports_create(&o, &p);
	if (ret == 0)
		ret = strcmp(o.mode, "tx") == 0 ?
			ol_run_tx(&o, &p, pkts, n, meta) :
			ol_run_rx(&o, &p, pkts, n, meta);
	ol_ports_destroy(&p);
out:
	if (meta != NULL)
		fclose(meta);
	ol_pcap_free(pkts, n);
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
