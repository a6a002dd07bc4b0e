/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * wire=iface:<netdev>: the port is cabled to a Linux interface (a veth
 * end, a TAP, a physical NIC). Frames go out through an AF_PACKET
 * TPACKET_V2 Tx ring, one send() per burst; frames come in through a
 * TPACKET_V2 Rx ring, read frame by frame (TPACKET_V3 blocks reach the
 * reader only when full or at their retire timeout: with a few frames in
 * flight every frame would wait a millisecond). No syscall per packet.
 *
 * Socket options and why:
 * - PACKET_VERSION V2 on both rings (one slot per frame, jumbo-sized);
 * - PACKET_IGNORE_OUTGOING on the Rx socket: our own frames are not
 *   received back;
 * - PACKET_QDISC_BYPASS on the Tx socket: frames go to the driver as the
 *   device built them; no PACKET_VNET_HDR, so the kernel neither
 *   segments nor touches checksums of what we send; PACKET_LOSS (set
 *   before the ring, or the kernel refuses it): a frame the interface
 *   refuses (over its MTU) is dropped, not a stall;
 * - Rx: the kernel takes the outermost VLAN tag out of a received frame
 *   and reports it in the slot header; the wire puts it back, so the
 *   device sees tagged and QinQ frames as they were sent;
 * - PACKET_MR_PROMISC: the interface accepts every frame, whatever MAC
 *   the DPDK port uses; the device's own address filter decides;
 * - PACKET_STATISTICS: frames the kernel dropped for a full Rx ring are
 *   the wire's Rx drops (rx_wire_drops), read when statistics are.
 * The kernel side must hand over finished frames too: turn off GSO, GRO
 * and Tx checksum offload on the interface (ethtool -K <if> tso off gso
 * off gro off tx off), or frames arrive oversized or with partial sums.
 *
 * The interface's MAC becomes the device's burned-in MAC, its operstate
 * the carrier, watched by the device thread (for inline devices too).
 *
 * An Ethernet link carries no frame under 60 bytes (FCS excluded): a
 * NIC's MAC pads shorter ones with zeros, and so does this wire, the
 * one that leads to a real link (a veth reaches a kernel that would see
 * them as runts otherwise, DTS's traffic generator among them). The
 * MAC's counters still count the frame as sent.
 */

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include <rte_cycles.h>
#include <rte_ether.h>

#include "nicdev_priv.h"

#define RX_FRAME_SIZE	(1u << 14)	/* header + a jumbo frame */
#define RX_BLOCK_SIZE	(1u << 16)
#define RX_BLOCKS	64u		/* 256 frames */
#define TX_FRAME_SIZE	(1u << 14)	/* header + a jumbo frame */
#define ETH_MIN_FRAME	60u		/* IEEE 802.3 minimum, no FCS */
#define TX_BLOCK_SIZE	(1u << 16)
#define TX_BLOCKS	16u
#define OPERSTATE_MS	50u		/* how often carrier is re-read */

struct wire_iface {
	char ifname[IFNAMSIZ];
	int ifindex;
	int rx_fd, tx_fd;
	uint8_t *rx_ring;
	size_t rx_ring_len;
	unsigned int rx_frame;		/* next Rx slot to look at */
	unsigned int rx_frames;
	uint8_t *tx_ring;
	size_t tx_ring_len;
	unsigned int tx_frame;		/* next Tx slot */
	unsigned int tx_frames;
	rte_spinlock_t rx_lock;
	rte_spinlock_t tx_lock;
	bool carrier;
	uint32_t mtu;			/* the interface's, 0: unknown */
	uint64_t carrier_checked;	/* TSC of the last operstate read */
	uint8_t frame[NICDEV_FRAME_MAX];	/* linear copy for Tx */
};

static int
iface_check(const char *arg, char *why, size_t why_len)
{
	size_t len = strlen(arg);

	if (len == 0 || len >= IFNAMSIZ || strchr(arg, '/') != NULL) {
		snprintf(why, why_len, "iface needs an interface name of 1 to "
			 "%d characters", IFNAMSIZ - 1);
		return -EINVAL;
	}
	return 0;
}

/* /sys/class/net/<if>/operstate: "up" (or "unknown", as TAPs say). */
static bool
read_operstate(const struct wire_iface *w)
{
	char path[64], state[16] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate", w->ifname);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	if (fgets(state, sizeof(state), f) == NULL)
		state[0] = '\0';
	fclose(f);
	return strncmp(state, "up", 2) == 0 || strncmp(state, "unknown", 7) == 0;
}

/* /sys/class/net/<if>/mtu; 0 if it cannot be read. */
static uint32_t
read_mtu(const struct wire_iface *w)
{
	char path[64];
	unsigned int mtu = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/mtu", w->ifname);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	if (fscanf(f, "%u", &mtu) != 1)
		mtu = 0;
	fclose(f);
	return mtu;
}

/*
 * The kernel refuses a frame longer than the interface's MTU plus the
 * Ethernet header (plus a tag for a VLAN-tagged one); PACKET_LOSS makes
 * it skip such a slot without a trace. Known before: counted as the
 * wire's drop, not sent.
 */
static bool
iface_fits(const struct nicdev *dev, const struct nicdev_frame *f)
{
	const struct wire_iface *w = dev->wire_priv;
	uint32_t mtu = rte_atomic_load_explicit(&w->mtu,
						rte_memory_order_relaxed);
	uint8_t type[2];

	if (mtu == 0 || f->len <= mtu + RTE_ETHER_HDR_LEN)
		return true;
	return f->len <= mtu + RTE_ETHER_HDR_LEN + RTE_VLAN_HLEN &&
		nicdev_frame_peek(f, 2 * RTE_ETHER_ADDR_LEN, 2, type) &&
		type[0] == 0x81 && type[1] == 0x00;
}

/*
 * An AF_PACKET socket bound to the interface with one ring. Options that
 * the kernel refuses once a ring exists (PACKET_LOSS: EBUSY) are set
 * before it; their failure is only worth a warning.
 */
static int
ring_socket(struct nicdev *dev, struct wire_iface *w, int ring_opt,
	    const void *req, socklen_t req_len)
{
	int version = TPACKET_V2, one = 1;
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = w->ifindex,
	};
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version,
		       sizeof(version)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if (ring_opt == PACKET_TX_RING &&
	    setsockopt(fd, SOL_PACKET, PACKET_LOSS, &one, sizeof(one)) < 0) {
		/* A frame the interface refuses (over its MTU) is dropped,
		 * not a slot the kernel stops at forever.
		 */
		NICDEV_LOG(WARNING, "%s: %s: PACKET_LOSS: %s (a refused "
			   "frame stalls Tx)", dev->params.name, w->ifname,
			   strerror(errno));
	}
	if (setsockopt(fd, SOL_PACKET, ring_opt, req, req_len) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static void
iface_detach(struct nicdev *dev)
{
	struct wire_iface *w = dev->wire_priv;

	if (w == NULL)
		return;
	if (w->rx_ring != NULL)
		munmap(w->rx_ring, w->rx_ring_len);
	if (w->tx_ring != NULL)
		munmap(w->tx_ring, w->tx_ring_len);
	if (w->rx_fd >= 0)
		close(w->rx_fd);
	if (w->tx_fd >= 0)
		close(w->tx_fd);
	free(w);
	dev->wire_priv = NULL;
}

static int
iface_attach(struct nicdev *dev, const char *arg)
{
	struct tpacket_req rx_req = {
		.tp_block_size = RX_BLOCK_SIZE,
		.tp_block_nr = RX_BLOCKS,
		.tp_frame_size = RX_FRAME_SIZE,
		.tp_frame_nr = RX_BLOCK_SIZE / RX_FRAME_SIZE * RX_BLOCKS,
	};
	struct tpacket_req tx_req = {
		.tp_block_size = TX_BLOCK_SIZE,
		.tp_block_nr = TX_BLOCKS,
		.tp_frame_size = TX_FRAME_SIZE,
		.tp_frame_nr = TX_BLOCK_SIZE / TX_FRAME_SIZE * TX_BLOCKS,
	};
	struct packet_mreq mr = { .mr_type = PACKET_MR_PROMISC };
	struct wire_iface *w;
	struct ifreq ifr;
	int one = 1, ret;

	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return -ENOMEM;
	w->rx_fd = -1;
	w->tx_fd = -1;
	dev->wire_priv = w;
	rte_spinlock_init(&w->rx_lock);
	rte_spinlock_init(&w->tx_lock);
	snprintf(w->ifname, sizeof(w->ifname), "%s", arg);
	w->ifindex = if_nametoindex(w->ifname);
	if (w->ifindex == 0) {
		ret = -ENODEV;
		NICDEV_LOG(ERR, "%s: no interface %s", dev->params.name, arg);
		goto fail;
	}

	ret = ring_socket(dev, w, PACKET_RX_RING, &rx_req, sizeof(rx_req));
	w->rx_frames = rx_req.tp_frame_nr;
	if (ret < 0)
		goto fail_sock;
	w->rx_fd = ret;
	if (setsockopt(w->rx_fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		       sizeof(one)) < 0)
		NICDEV_LOG(WARNING, "%s: %s: PACKET_IGNORE_OUTGOING: %s (our "
			   "own frames may come back)", dev->params.name, arg,
			   strerror(errno));
	mr.mr_ifindex = w->ifindex;
	if (setsockopt(w->rx_fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0)
		NICDEV_LOG(WARNING, "%s: %s: promiscuous membership: %s",
			   dev->params.name, arg, strerror(errno));
	w->rx_ring_len = (size_t)RX_BLOCK_SIZE * RX_BLOCKS;
	w->rx_ring = mmap(NULL, w->rx_ring_len, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_LOCKED, w->rx_fd, 0);
	if (w->rx_ring == MAP_FAILED) {
		w->rx_ring = NULL;
		ret = -errno;
		goto fail_sock;
	}

	ret = ring_socket(dev, w, PACKET_TX_RING, &tx_req, sizeof(tx_req));
	if (ret < 0)
		goto fail_sock;
	w->tx_fd = ret;
	setsockopt(w->tx_fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
		   sizeof(one));
	w->tx_frames = tx_req.tp_frame_nr;
	w->tx_ring_len = (size_t)TX_BLOCK_SIZE * TX_BLOCKS;
	w->tx_ring = mmap(NULL, w->tx_ring_len, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_LOCKED, w->tx_fd, 0);
	if (w->tx_ring == MAP_FAILED) {
		w->tx_ring = NULL;
		ret = -errno;
		goto fail_sock;
	}

	/* The interface's address is the device's burned-in one. */
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", w->ifname);
	if (ioctl(w->tx_fd, SIOCGIFHWADDR, &ifr) == 0 &&
	    rte_is_valid_assigned_ether_addr((const struct rte_ether_addr *)
					      ifr.ifr_hwaddr.sa_data))
		memcpy(dev->params.mac, ifr.ifr_hwaddr.sa_data, 6);
	else	/* lo and the like: the slot's generated MAC stays */
		NICDEV_LOG(INFO, "%s: %s has no unicast MAC: the port keeps "
			   "%02x:%02x:%02x:%02x:%02x:%02x", dev->params.name,
			   w->ifname, dev->params.mac[0], dev->params.mac[1],
			   dev->params.mac[2], dev->params.mac[3],
			   dev->params.mac[4], dev->params.mac[5]);
	w->mtu = read_mtu(w);
	w->carrier = read_operstate(w);
	w->carrier_checked = rte_get_timer_cycles();
	return 0;
fail_sock:
	NICDEV_LOG(ERR, "%s: AF_PACKET on %s: %s", dev->params.name, arg,
		   strerror(-ret));
fail:
	iface_detach(dev);
	return ret;
}

static uint16_t
iface_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	struct wire_iface *w = dev->wire_priv;
	uint16_t i, queued = 0;

	rte_spinlock_lock(&w->tx_lock);
	for (i = 0; i < nb; i++) {
		struct tpacket2_hdr *h = (void *)(w->tx_ring +
			(size_t)w->tx_frame * TX_FRAME_SIZE);
		uint8_t *data = (uint8_t *)h + TPACKET2_HDRLEN -
			sizeof(struct sockaddr_ll);

		uint32_t st = rte_atomic_load_explicit(&h->tp_status, rte_memory_order_acquire);

		/* A slot the kernel refused is free again. */
		if (st != TP_STATUS_AVAILABLE && !(st & TP_STATUS_WRONG_FORMAT))
			break;	/* kernel still sending: the rest is lost */
		/* Its frame, sent earlier, never left: the wire lost it. */
		if (unlikely(st & TP_STATUS_WRONG_FORMAT))
			nicdev_count(&dev->cnt.tx_wire_drops, 1);
		nicdev_frame_copy(&frames[i], data);
		h->tp_len = frames[i].len;
		if (unlikely(h->tp_len < ETH_MIN_FRAME)) {
			memset(data + h->tp_len, 0, ETH_MIN_FRAME - h->tp_len);
			h->tp_len = ETH_MIN_FRAME;
		}
		rte_atomic_store_explicit(&h->tp_status, TP_STATUS_SEND_REQUEST,
				 rte_memory_order_release);
		w->tx_frame = (w->tx_frame + 1) % w->tx_frames;
		queued++;
	}
	if (queued != 0)
		send(w->tx_fd, NULL, 0, MSG_DONTWAIT);
	rte_spinlock_unlock(&w->tx_lock);
	return queued;
}

/*
 * Follow the interface's operstate; a change moves the port's link.
 * Only the device thread calls it.
 */
static void
iface_watch(struct nicdev *dev)
{
	struct wire_iface *w = dev->wire_priv;
	uint64_t now = rte_get_timer_cycles();
	bool up;

	if (now - w->carrier_checked <
	    rte_get_timer_hz() / 1000 * OPERSTATE_MS)
		return;
	w->carrier_checked = now;
	rte_atomic_store_explicit(&w->mtu, read_mtu(w),
				  rte_memory_order_relaxed);
	up = read_operstate(w);
	if (up != w->carrier) {
		w->carrier = up;
		nicdev_link_refresh(dev);
	}
}

/*
 * The frame in an Rx slot as it was on the wire. The kernel hands the
 * outermost VLAN tag out of band (tp_vlan_tci and tp_vlan_tpid, flagged
 * in tp_status): put it back behind the MAC addresses, so the device
 * sees, strips and filters tags as it would on a cable.
 */
static void
rx_frame(const struct tpacket2_hdr *t, struct nicdev_frame *f,
	 struct nicdev_seg seg[3], uint8_t tag[NICDEV_VLAN_TAG_LEN])
{
	uint8_t *data = (uint8_t *)(uintptr_t)t + t->tp_mac;
	uint32_t len = t->tp_snaplen;
	uint16_t tpid;

	f->seg = seg;
	f->len = len;
	if (!(t->tp_status & TP_STATUS_VLAN_VALID) ||
	    len < 2 * RTE_ETHER_ADDR_LEN) {
		seg[0].data = data;
		seg[0].len = len;
		f->nb_seg = 1;
		return;
	}
	tpid = (t->tp_status & TP_STATUS_VLAN_TPID_VALID) ?
		t->tp_vlan_tpid : RTE_ETHER_TYPE_VLAN;
	tag[0] = tpid >> 8;
	tag[1] = tpid & 0xff;
	tag[2] = t->tp_vlan_tci >> 8;
	tag[3] = t->tp_vlan_tci & 0xff;
	seg[0].data = data;
	seg[0].len = 2 * RTE_ETHER_ADDR_LEN;
	seg[1].data = tag;
	seg[1].len = NICDEV_VLAN_TAG_LEN;
	seg[2].data = data + 2 * RTE_ETHER_ADDR_LEN;
	seg[2].len = len - 2 * RTE_ETHER_ADDR_LEN;
	f->nb_seg = 3;
	f->len = len + NICDEV_VLAN_TAG_LEN;
}

/* The frames the kernel has put in the Rx ring, up to budget. */
static uint16_t
iface_poll(struct nicdev *dev, uint16_t budget)
{
	struct wire_iface *w = dev->wire_priv;
	struct tpacket2_hdr *h[NICDEV_BURST];
	struct nicdev_frame f[NICDEV_BURST];
	struct nicdev_seg seg[NICDEV_BURST][3];
	uint8_t tag[NICDEV_BURST][NICDEV_VLAN_TAG_LEN];
	uint16_t i, n = 0, nb = 0;

	if (!rte_spinlock_trylock(&w->rx_lock))
		return 0;
	budget = RTE_MIN(budget, (uint16_t)NICDEV_BURST);
	while (nb < budget) {
		struct tpacket2_hdr *t = (void *)(w->rx_ring +
			(size_t)w->rx_frame * RX_FRAME_SIZE);

		if (!(rte_atomic_load_explicit(&t->tp_status, rte_memory_order_acquire) &
		      TP_STATUS_USER))
			break;
		h[nb++] = t;
		w->rx_frame = (w->rx_frame + 1) % w->rx_frames;
		/* A frame the ring cut short is no frame: not delivered. */
		if (unlikely(t->tp_snaplen != t->tp_len)) {
			nicdev_count(&dev->cnt.rx_wire_errors, 1);
			continue;
		}
		rx_frame(t, &f[n], seg[n], tag[n]);
		n++;
	}
	if (n != 0)
		nicdev_mac_rx(dev, f, n);
	/* Copied out: the slots go back to the kernel. */
	for (i = 0; i < nb; i++)
		rte_atomic_store_explicit(&h[i]->tp_status, TP_STATUS_KERNEL,
				 rte_memory_order_release);
	rte_spinlock_unlock(&w->rx_lock);
	return n;
}

/*
 * Frames the kernel had for us but no free slot of the Rx ring to put
 * them in (a reader too slow for the interface): PACKET_STATISTICS
 * returns them since its last call, so every one is counted once.
 */
static void
iface_collect(struct nicdev *dev)
{
	struct wire_iface *w = dev->wire_priv;
	struct tpacket_stats st;
	socklen_t len = sizeof(st);

	if (w == NULL || w->rx_fd < 0)
		return;
	if (getsockopt(w->rx_fd, SOL_PACKET, PACKET_STATISTICS, &st,
		       &len) == 0 && len == sizeof(st) && st.tp_drops != 0)
		nicdev_count(&dev->cnt.rx_wire_drops, st.tp_drops);
}

static bool
iface_carrier(const struct nicdev *dev)
{
	const struct wire_iface *w = dev->wire_priv;

	return w != NULL && w->carrier;
}

const struct nicdev_wire nicdev_wire_iface = {
	.type = "iface",
	.syntax = "iface:<netdev>",
	.check = iface_check,
	.attach = iface_attach,
	.detach = iface_detach,
	.xmit = iface_xmit,
	.fits = iface_fits,
	.carrier = iface_carrier,
	.poll = iface_poll,
	.watch = iface_watch,
	.collect = iface_collect,
};
