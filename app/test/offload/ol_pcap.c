/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* pcap in and out, through libpcap. */

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <pcap/pcap.h>

#include "ol_tool.h"

#define OL_SNAPLEN	65535

int
ol_pcap_read(const char *path, struct ol_pkt **pkts, unsigned int *n)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct ol_pkt *v = NULL;
	unsigned int cnt = 0, cap = 0;
	pcap_t *pc;
	int ret;

	pc = pcap_open_offline(path, err);
	if (pc == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	while ((ret = pcap_next_ex(pc, &h, &data)) == 1) {
		if (h->caplen != h->len) {
			fprintf(stderr, "%s: frame %u truncated\n", path, cnt);
			ret = -1;
			break;
		}
		if (cnt == cap) {
			struct ol_pkt *nv;

			cap = cap ? cap * 2 : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL) {
				ret = -1;
				break;
			}
			v = nv;
		}
		v[cnt].data = malloc(h->caplen);
		if (v[cnt].data == NULL) {
			ret = -1;
			break;
		}
		memcpy(v[cnt].data, data, h->caplen);
		v[cnt].len = h->caplen;
		cnt++;
	}
	pcap_close(pc);
	if (ret != PCAP_ERROR_BREAK) {
		ol_pcap_free(v, cnt);
		return -1;
	}
	*pkts = v;
	*n = cnt;
	return 0;
}

void
ol_pcap_free(struct ol_pkt *pkts, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		free(pkts[i].data);
	free(pkts);
}

struct ol_writer {
	pcap_t *pc;
	pcap_dumper_t *d;
	uint8_t buf[OL_SNAPLEN];
};

void *
ol_pcap_writer(const char *path)
{
	struct ol_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->pc = pcap_open_dead(DLT_EN10MB, OL_SNAPLEN);
	if (w->pc != NULL)
		w->d = pcap_dump_open(w->pc, path);
	if (w->d == NULL) {
		fprintf(stderr, "%s: cannot write\n", path);
		ol_pcap_close(w);
		return NULL;
	}
	return w;
}

int
ol_pcap_write(void *arg, const struct rte_mbuf *m)
{
	struct ol_writer *w = arg;
	struct pcap_pkthdr h;
	uint32_t off = 0;

	for (; m != NULL; m = m->next) {
		if (off + m->data_len > sizeof(w->buf))
			return -1;
		memcpy(w->buf + off, rte_pktmbuf_mtod(m, const void *),
		       m->data_len);
		off += m->data_len;
	}
	memset(&h, 0, sizeof(h));
	gettimeofday(&h.ts, NULL);
	h.caplen = off;
	h.len = off;
	pcap_dump((u_char *)w->d, &h, w->buf);
	return 0;
}

void
ol_pcap_close(void *arg)
{
	struct ol_writer *w = arg;

	if (w == NULL)
		return;
	if (w->d != NULL)
		pcap_dump_close(w->d);
	if (w->pc != NULL)
		pcap_close(w->pc);
	free(w);
}
