/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Ethernet flow control (F_FLOW_CTRL): the MAC control sublayer of IEEE
 * 802.3x. Received PAUSE frames hold Tx; Rx queues filling up send them.
 *
 * PAUSE frames are sent only from nicdev_fc_poll(), which callers run
 * with no device lock held: a PAUSE crossing a peer cable enters the
 * peer's Rx path, and two ports pausing each other must not each hold a
 * queue lock the other wants.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_pause.h>

#include "nicdev_priv.h"

#define FC_ETHERTYPE		0x8808u	/* MAC control */
#define FC_OPCODE_PAUSE		0x0001u
#define FC_DEFAULT_QUANTA	0xffffu
#define FC_FRAME_LEN		60u	/* minimum frame, FCS excluded */

static const uint8_t fc_dst[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x01 };

/* TSC cycles of pause quanta (512 bit times each) at the link speed. */
static uint64_t
quanta_cycles(uint16_t quanta)
{
	return (uint64_t)quanta * 512u * rte_get_timer_hz() /
		(NICDEV_LINK_MBPS * UINT64_C(1000000));
}

uint16_t
nicdev_fc_set(struct nicdev *dev, const struct nicpmd_aq_flow_ctrl *c)
{
	struct nicdev_fc *fc = &dev->fc;

	if (!(dev->features & NICPMD_F_FLOW_CTRL))
		return NICPMD_AQ_S_EPERM;
	if ((c->mode & ~(NICPMD_FC_RX_PAUSE | NICPMD_FC_TX_PAUSE)) ||
	    (c->flags & ~(NICPMD_FC_F_SEND_XON | NICPMD_FC_F_FWD_MAC_CTRL |
			  NICPMD_FC_F_AUTONEG)))
		return NICPMD_AQ_S_EINVAL;
	/* Both marks given, or both left to the defaults. */
	if (!c->high_water != !c->low_water ||
	    (c->high_water != 0 && (c->low_water >= c->high_water ||
				    c->high_water > NICPMD_MAX_RING)))
		return NICPMD_AQ_S_EINVAL;
	rte_spinlock_lock(&fc->lock);
	fc->mode = c->mode;
	fc->flags = c->flags;
	fc->pause_time = c->pause_time;
	fc->high_water = c->high_water;
	fc->low_water = c->low_water;
	if (!(c->mode & NICPMD_FC_TX_PAUSE))
		fc->xoff = false;
	if (!(c->mode & NICPMD_FC_RX_PAUSE))
		rte_atomic_store_explicit(&fc->tx_hold_until, 0,
					  rte_memory_order_relaxed);
	rte_atomic_store_explicit(&fc->active, c->mode != 0,
				  rte_memory_order_release);
	rte_spinlock_unlock(&fc->lock);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_fc_get(struct nicdev *dev, struct nicpmd_aq_flow_ctrl *c)
{
	struct nicdev_fc *fc = &dev->fc;

	if (!(dev->features & NICPMD_F_FLOW_CTRL))
		return NICPMD_AQ_S_EPERM;
	memset(c, 0, sizeof(*c));
	rte_spinlock_lock(&fc->lock);
	c->mode = fc->mode;
	c->flags = fc->flags;
	c->pause_time = fc->pause_time;
	c->high_water = fc->high_water;
	c->low_water = fc->low_water;
	c->xoff = fc->xoff;
	rte_spinlock_unlock(&fc->lock);
	c->rx_pause = nicdev_counter_read(&fc->rx_pause);
	c->tx_pause = nicdev_counter_read(&fc->tx_pause);
	c->tx_held = nicdev_counter_read(&fc->tx_held);
	return NICPMD_AQ_S_OK;
}

void
nicdev_fc_reset(struct nicdev *dev)
{
	struct nicdev_fc *fc = &dev->fc;

	rte_spinlock_init(&fc->lock);
	fc->mode = 0;
	fc->flags = 0;
	fc->pause_time = 0;
	fc->high_water = 0;
	fc->low_water = 0;
	fc->xoff = false;
	fc->xoff_tsc = 0;
	fc->rx_pause = 0;
	fc->tx_pause = 0;
	fc->tx_held = 0;
	rte_atomic_store_explicit(&fc->hold_counted, true,
				  rte_memory_order_relaxed);
	rte_atomic_store_explicit(&fc->tx_hold_until, 0,
				  rte_memory_order_relaxed);
	rte_atomic_store_explicit(&fc->active, false, rte_memory_order_relaxed);
}

/*
 * A received frame for the MAC control sublayer, active while flow
 * control is on (mode != 0). A PAUSE holds Tx with RX_PAUSE; MAC control
 * frames are consumed, or with FWD_MAC_CTRL handed to Rx queue delivery
 * past the address and VLAN filters (they are the MAC's, not a station's).
 */
enum nicdev_fc_verdict
nicdev_fc_rx_frame(struct nicdev *dev, const struct nicdev_frame *f)
{
	struct nicdev_fc *fc = &dev->fc;
	uint8_t hdr[18];
	uint16_t type, opcode, quanta;

	if (!nicdev_frame_peek(f, 0, sizeof(hdr), hdr))
		return NICDEV_FC_NOT_MINE;
	memcpy(&type, hdr + 12, 2);
	if (rte_be_to_cpu_16(type) != FC_ETHERTYPE)
		return NICDEV_FC_NOT_MINE;
	memcpy(&opcode, hdr + 14, 2);
	memcpy(&quanta, hdr + 16, 2);
	opcode = rte_be_to_cpu_16(opcode);
	quanta = rte_be_to_cpu_16(quanta);
	if (opcode == FC_OPCODE_PAUSE && memcmp(hdr, fc_dst, 6) == 0) {
		nicdev_count(&fc->rx_pause, 1);
		if (fc->mode & NICPMD_FC_RX_PAUSE) {
			rte_atomic_store_explicit(&fc->hold_counted, false,
						  rte_memory_order_relaxed);
			rte_atomic_store_explicit(&fc->tx_hold_until,
				quanta == 0 ? 0 : rte_get_timer_cycles() +
				quanta_cycles(quanta),
				rte_memory_order_release);
		}
	}
	return (fc->flags & NICPMD_FC_F_FWD_MAC_CTRL) ? NICDEV_FC_DELIVER :
		NICDEV_FC_CONSUMED;
}

/*
 * A received PAUSE holds Tx until it expires. The threaded engine leaves
 * the descriptors for a later pass (true: come back); inline, the device
 * works on the caller's core, so the caller waits out the hold (at most
 * 65535 quanta, 336 us at 100 Gbit/s). Each hold that delays Tx counts.
 */
bool
nicdev_fc_tx_held(struct nicdev *dev)
{
	struct nicdev_fc *fc = &dev->fc;
	uint64_t until = rte_atomic_load_explicit(&fc->tx_hold_until,
						  rte_memory_order_acquire);

	if (likely(until == 0) || rte_get_timer_cycles() >= until)
		return false;
	if (!rte_atomic_exchange_explicit(&fc->hold_counted, true,
					  rte_memory_order_relaxed))
		nicdev_count(&fc->tx_held, 1);
	if (dev->params.engine == NICDEV_ENGINE_THREAD)
		return true;
	while (rte_get_timer_cycles() < until &&
	       rte_atomic_load_explicit(&fc->tx_hold_until,
					rte_memory_order_acquire) != 0)
		rte_pause();
	return false;
}

static uint16_t
mark(uint16_t set, uint32_t ring, uint32_t num, uint32_t den)
{
	return set != 0 ? set : (uint16_t)(ring * num / den);
}

/*
 * Descriptors a started queue holds that the driver has not given back
 * (the ring less the buffers still posted), against the marks: 1 at or
 * over high_water on some queue, -1 under low_water on all, else 0.
 */
static int
rx_level(struct nicdev *dev, const struct nicdev_fc *fc)
{
	bool all_low = true;
	uint16_t q;

	for (q = 0; q < dev->nb_queues; q++) {
		const struct nicdev_rxq *rxq = &dev->rxq[q];
		uint32_t ring = rxq->mask + 1, posted, held;

		if (rxq->ring == NULL)
			continue;
		posted = nicdev_reg_read(dev, NICPMD_REG_RXQ_TAIL(q)) -
			rxq->head;
		if (posted > ring)
			posted = 0;	/* a nonsense tail posts nothing */
		held = ring - posted;
		if (held >= mark(fc->high_water, ring, 3, 4))
			return 1;
		if (held >= mark(fc->low_water, ring, 1, 4))
			all_low = false;
	}
	return all_low ? -1 : 0;
}

static void
send_pause(struct nicdev *dev, uint16_t quanta)
{
	uint8_t buf[FC_FRAME_LEN] = { 0 };
	struct nicdev_seg seg = { .data = buf, .len = sizeof(buf) };
	struct nicdev_frame f = { .seg = &seg, .nb_seg = 1, .len = sizeof(buf) };
	uint16_t be;

	if (!nicdev_link_is_up(dev))
		return;
	memcpy(buf, fc_dst, 6);
	memcpy(buf + 6, dev->mac, 6);
	be = rte_cpu_to_be_16(FC_ETHERTYPE);
	memcpy(buf + 12, &be, 2);
	be = rte_cpu_to_be_16(FC_OPCODE_PAUSE);
	memcpy(buf + 14, &be, 2);
	be = rte_cpu_to_be_16(quanta);
	memcpy(buf + 16, &be, 2);
	nicdev_count(&dev->fc.tx_pause, 1);
	if (dev->loopback)
		nicdev_mac_rx(dev, &f, 1);
	else
		dev->wire->xmit(dev, &f, 1);
}

/*
 * Rx pressure to PAUSE frames, with TX_PAUSE: XOFF when a queue reaches
 * high water (again every half pause time while it stays), XON (with
 * SEND_XON) once all are under low water. No device lock may be held.
 */
void
nicdev_fc_poll(struct nicdev *dev)
{
	struct nicdev_fc *fc = &dev->fc;
	uint16_t quanta;
	uint64_t now;
	int level;
	bool xon = false, xoff = false;

	if (!(fc->mode & NICPMD_FC_TX_PAUSE) || !dev->enabled)
		return;
	if (!rte_spinlock_trylock(&fc->lock))
		return;		/* another context is at it */
	quanta = fc->pause_time != 0 ? fc->pause_time : FC_DEFAULT_QUANTA;
	level = rx_level(dev, fc);
	now = rte_get_timer_cycles();
	if (level > 0 && (!fc->xoff ||
			  now - fc->xoff_tsc >= quanta_cycles(quanta) / 2)) {
		fc->xoff = true;
		fc->xoff_tsc = now;
		xoff = true;
	} else if (level < 0 && fc->xoff) {
		fc->xoff = false;
		xon = (fc->flags & NICPMD_FC_F_SEND_XON) != 0;
	}
	rte_spinlock_unlock(&fc->lock);
	if (xoff)
		send_pause(dev, quanta);
	else if (xon)
		send_pause(dev, 0);
}
