/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * wire=pcap:rx:<file>:tx:<file> (either or both): the port's cable is a
 * capture file. Frames of the rx file arrive once each, in order, as soon
 * as the link is up; every frame the port transmits is appended to the tx
 * file. For offline tests and bug reports. libpcap does the file format.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <pcap/pcap.h>

#include "nicdev_priv.h"

#define PCAP_PATH_LEN	NICDEV_WIRE_ARG_LEN

struct wire_pcap {
	char rx_path[PCAP_PATH_LEN];	/* for messages */
	uint64_t replayed;		/* records taken from the rx file */
	rte_spinlock_t rx_lock;		/* one poller at a time */
	rte_spinlock_t tx_lock;		/* one writer at a time */
	pcap_t *rx;			/* NULL: no rx file or all replayed */
	pcap_t *dead;			/* for the dumper's link type */
	pcap_dumper_t *tx;
	uint8_t frame[NICDEV_FRAME_MAX];	/* a linear copy for Tx */
};

/* Split "rx:A:tx:B" (either part optional) into paths; false if bad. */
static bool
parse(const char *arg, char *rx, char *tx)
{
	char buf[PCAP_PATH_LEN], *save = NULL, *key, *path;

	rx[0] = '\0';
	tx[0] = '\0';
	if (strlen(arg) >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%s", arg);
	for (key = strtok_r(buf, ":", &save); key != NULL;
	     key = strtok_r(NULL, ":", &save)) {
		path = strtok_r(NULL, ":", &save);
		if (path == NULL)
			return false;
		if (strcmp(key, "rx") == 0 && !rx[0])
			snprintf(rx, PCAP_PATH_LEN, "%s", path);
		else if (strcmp(key, "tx") == 0 && !tx[0])
			snprintf(tx, PCAP_PATH_LEN, "%s", path);
		else
			return false;
	}
	return rx[0] || tx[0];
}

static int
pcap_check(const char *arg, char *why, size_t why_len)
{
	char rx[PCAP_PATH_LEN], tx[PCAP_PATH_LEN];
	struct stat in, out;

	if (!parse(arg, rx, tx)) {
		snprintf(why, why_len,
			 "pcap needs rx:<file> and/or tx:<file>, ':'-separated");
		return -EINVAL;
	}
	/* Recording over the capture being replayed would destroy it. */
	if (rx[0] && tx[0] && stat(rx, &in) == 0 && stat(tx, &out) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
		snprintf(why, why_len, "rx and tx are the same file");
		return -EINVAL;
	}
	return 0;
}

static void
pcap_detach(struct nicdev *dev)
{
	struct wire_pcap *w = dev->wire_priv;

	if (w == NULL)
		return;
	if (w->rx != NULL)
		pcap_close(w->rx);
	if (w->tx != NULL)
		pcap_dump_close(w->tx);
	if (w->dead != NULL)
		pcap_close(w->dead);
	free(w);
	dev->wire_priv = NULL;
}

static int
pcap_attach(struct nicdev *dev, const char *arg)
{
	char rx[PCAP_PATH_LEN], tx[PCAP_PATH_LEN], err[PCAP_ERRBUF_SIZE];
	struct wire_pcap *w;

	if (!parse(arg, rx, tx))
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return -ENOMEM;
	rte_spinlock_init(&w->rx_lock);
	rte_spinlock_init(&w->tx_lock);
	dev->wire_priv = w;
	if (rx[0]) {
		snprintf(w->rx_path, sizeof(w->rx_path), "%s", rx);
		w->rx = pcap_open_offline(rx, err);
		if (w->rx == NULL) {
			NICDEV_LOG(ERR, "%s: pcap rx %s: %s", dev->params.name,
				   rx, err);
			pcap_detach(dev);
			return -ENOENT;
		}
	}
	if (tx[0]) {
		w->dead = pcap_open_dead(DLT_EN10MB, NICDEV_FRAME_MAX);
		w->tx = w->dead != NULL ? pcap_dump_open(w->dead, tx) : NULL;
		if (w->tx == NULL) {
			NICDEV_LOG(ERR, "%s: pcap tx %s: %s", dev->params.name,
				   tx, w->dead != NULL ? pcap_geterr(w->dead) :
				   "no memory");
			pcap_detach(dev);
			return -EIO;
		}
	}
	return 0;
}

static uint16_t
pcap_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	struct wire_pcap *w = dev->wire_priv;
	struct pcap_pkthdr h;
	uint16_t i;

	if (w->tx == NULL)
		return nb;	/* no tx file: the frames go nowhere */
	rte_spinlock_lock(&w->tx_lock);
	for (i = 0; i < nb; i++) {
		const struct nicdev_frame *f = &frames[i];
		const uint8_t *data = f->seg[0].data;

		if (f->nb_seg != 1) {
			nicdev_frame_copy(f, w->frame);
			data = w->frame;
		}
		gettimeofday(&h.ts, NULL);
		h.caplen = f->len;
		h.len = f->len;
		pcap_dump((u_char *)w->tx, &h, data);
	}
	/* Readable at once: a test may look while the port still runs. */
	pcap_dump_flush(w->tx);
	rte_spinlock_unlock(&w->tx_lock);
	return nb;
}

/* The end of the rx file, or an error that ends the replay: say which. */
static void
replay_end(struct nicdev *dev, struct wire_pcap *w, int ret)
{
	if (ret == PCAP_ERROR_BREAK) {
		NICDEV_LOG(INFO, "%s: pcap rx %s: %" PRIu64 " records replayed",
			   dev->params.name, w->rx_path, w->replayed);
	} else {
		/* A truncated or corrupt record: what follows is unreadable. */
		nicdev_count(&dev->cnt.rx_wire_errors, 1);
		NICDEV_LOG(ERR, "%s: pcap rx %s: replay ends after %" PRIu64
			   " records: %s", dev->params.name, w->rx_path,
			   w->replayed, pcap_geterr(w->rx));
	}
	pcap_close(w->rx);
	w->rx = NULL;
}

/*
 * A record that is no frame as it was on the wire: cut short when it was
 * captured (caplen below len, or above it: nonsense), or longer than any
 * frame the device takes. Dropped and counted, the replay goes on.
 */
static bool
record_ok(struct nicdev *dev, const struct wire_pcap *w,
	  const struct pcap_pkthdr *h)
{
	if (likely(h->caplen == h->len && h->caplen <= NICDEV_FRAME_MAX))
		return true;
	nicdev_count(&dev->cnt.rx_wire_errors, 1);
	NICDEV_LOG(DEBUG, "%s: pcap rx %s: record %" PRIu64 " has %u of %u "
		   "bytes: dropped", dev->params.name, w->rx_path,
		   w->replayed, h->caplen, h->len);
	return false;
}

/* Replay: frames enter once the link is up, budget at a time. */
static uint16_t
pcap_poll(struct nicdev *dev, uint16_t budget)
{
	struct wire_pcap *w = dev->wire_priv;
	struct pcap_pkthdr *h;
	const u_char *data;
	struct nicdev_seg seg;
	struct nicdev_frame f;
	uint16_t n = 0;

	if (w->rx == NULL || !nicdev_link_is_up(dev) ||
	    !rte_spinlock_trylock(&w->rx_lock))
		return 0;
	while (w->rx != NULL && n < budget) {
		int ret = pcap_next_ex(w->rx, &h, &data);

		if (ret != 1) {
			replay_end(dev, w, ret);
			break;
		}
		w->replayed++;
		n++;
		if (!record_ok(dev, w, h))
			continue;
		seg.data = data;
		seg.len = h->caplen;
		f.seg = &seg;
		f.nb_seg = 1;
		f.len = h->caplen;
		nicdev_mac_rx(dev, &f, 1);
	}
	rte_spinlock_unlock(&w->rx_lock);
	return n;
}

const struct nicdev_wire nicdev_wire_pcap = {
	.type = "pcap",
	.syntax = "pcap:rx:<file>:tx:<file>",
	.check = pcap_check,
	.attach = pcap_attach,
	.detach = pcap_detach,
	.xmit = pcap_xmit,
	.poll = pcap_poll,
};
