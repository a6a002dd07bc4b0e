/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Introspection: the register window (rte_eth_dev_get_reg_info), the
 * driver's own state (rte_eth_dev_priv_dump, dpdk-proc-info
 * --show-port-private), descriptor dumps and a telemetry command. What a
 * bug report needs, readable without a debugger.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

/* Registers dumped: the control block (0x000-0x0ff), 32-bit each. */
#define NICPMD_DUMP_REGS	(0x100u / 4)

int
nicpmd_fw_version_get(struct rte_eth_dev *dev, char *fw, size_t fw_size)
{
	const struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	int n;

	n = snprintf(fw, fw_size, "abi %u.%u",
		     NICPMD_VERSION_MAJOR(hw->version),
		     NICPMD_VERSION_MINOR(hw->version));
	if (n < 0)
		return -EINVAL;
	return (size_t)n < fw_size ? 0 : n + 1;
}

int
nicpmd_get_reg(struct rte_eth_dev *dev, struct rte_dev_reg_info *info)
{
	const struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	uint32_t *out = info->data;
	uint32_t i, n;

	if (out == NULL) {
		info->length = NICPMD_DUMP_REGS;
		info->width = sizeof(uint32_t);
		return 0;
	}
	if (info->width != 0 && info->width != sizeof(uint32_t))
		return -EINVAL;
	n = info->length != 0 ? info->length : NICPMD_DUMP_REGS;
	if (info->offset > NICPMD_DUMP_REGS ||
	    n > NICPMD_DUMP_REGS - info->offset)
		return -EINVAL;
	for (i = 0; i < n; i++)
		out[i] = nicpmd_read_reg(hw, (info->offset + i) * 4);
	info->length = n;
	info->width = sizeof(uint32_t);
	info->version = hw->version;
	return 0;
}

/*
 * The port's state: what was configured and negotiated, never positions
 * or counts that move with traffic (those are in the descriptor dumps,
 * the register dump and xstats). Two dumps of a port configured the same
 * way read the same, before and after a restart: applications and DTS
 * compare them.
 */
/* A split queue's layout as programmed: entries, then the buffers. */
static void
nicpmd_split_dump(const struct nicpmd_rx_queue *rxq, FILE *f)
{
	const struct nicpmd_rx_split *sp = rxq->split;
	unsigned int i;

	fprintf(f, "    split %s: %u entries, %u buffers per frame, frames "
		"up to %u bytes\n", sp->mode == NICPMD_RX_SPLIT_MODE_FIT ?
		"fit" : "layout", sp->nb_seg, sp->nb_buf, sp->max_len);
	for (i = 0; i < sp->nb_seg; i++)
		fprintf(f, "    entry %u: len %u, hdr %u, %s\n", i,
			sp->seg[i].len, sp->seg[i].hdr,
			(sp->seg[i].flags & NICPMD_RX_SEG_DISCARD) ?
			"discarded" : "kept");
	for (i = 0; i < sp->nb_buf; i++)
		fprintf(f, "    buffer %u: %s, data at %u\n", i,
			sp->mp[i]->name, sp->data_off[i]);
}

static void
nicpmd_split_desc_dump(const struct nicpmd_rx_queue *rxq, uint16_t idx,
		       FILE *f)
{
	volatile const union nicpmd_rx_split_desc *d = &rxq->split->ring[idx];
	unsigned int k;

	fprintf(f, "rxq %u desc %4u: status 0x%08x len %u discarded %u, "
		"buffers", rxq->queue_id, idx, d->wb.wb.status, d->wb.wb.len,
		d->wb.discarded);
	for (k = 0; k < rxq->split->nb_buf; k++)
		fprintf(f, " %u", d->wb.buf_len[k]);
	fprintf(f, "\n");
}

int
nicpmd_priv_dump(struct rte_eth_dev *dev, FILE *f)
{
	const struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct nicpmd_hw *hw = &ad->hw;
	uint16_t q;

	fprintf(f, "nicpmd port %u (%s)\n", dev->data->port_id,
		dev->device->name);
	fprintf(f, "  device ABI %u.%u, features 0x%016" PRIx64 "%s\n",
		NICPMD_VERSION_MAJOR(hw->version),
		NICPMD_VERSION_MINOR(hw->version), hw->features,
		ad->args.development ? " (development=1)" : "");
	fprintf(f, "  status 0x%08x, interrupt mask 0x%08x, %s\n",
		nicpmd_read_reg(hw, NICPMD_REG_STATUS),
		nicpmd_read_reg(hw, NICPMD_REG_INTR_MASK),
		ad->started ? "started" : "stopped");
	fprintf(f, "  rss types 0x%" PRIx64 ", packet types %s\n",
		ad->rss_hf, ad->ptype_parse ? "parsed" : "L2 only");
	for (q = 0; q < dev->data->nb_rx_queues; q++) {
		const struct nicpmd_rx_queue *rxq = dev->data->rx_queues[q];

		if (rxq == NULL)
			continue;
		fprintf(f, "  rxq %u: %u desc, buf %u, flags 0x%x, %s\n", q,
			rxq->nb_desc, rxq->buf_len, rxq->hw_flags,
			dev->data->rx_queue_state[q] ==
			RTE_ETH_QUEUE_STATE_STARTED ? "started" : "stopped");
		if (rxq->split != NULL)
			nicpmd_split_dump(rxq, f);
	}
	for (q = 0; q < dev->data->nb_tx_queues; q++) {
		const struct nicpmd_tx_queue *txq = dev->data->tx_queues[q];

		if (txq == NULL)
			continue;
		fprintf(f, "  txq %u: %u desc, rs threshold %u, %s\n", q,
			txq->nb_desc, txq->rs_thresh,
			dev->data->tx_queue_state[q] ==
			RTE_ETH_QUEUE_STATE_STARTED ? "started" : "stopped");
	}
	return 0;
}

int
nicpmd_rx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t offset, uint16_t num, FILE *f)
{
	const struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];
	uint16_t i;

	if (rxq == NULL || offset >= rxq->nb_desc || num > rxq->nb_desc)
		return -EINVAL;
	fprintf(f, "rxq %u: next %u, posted up to %u, held %u\n", qid,
		rxq->next, rxq->tail, rxq->nb_hold);
	for (i = 0; i < num; i++) {
		uint16_t idx = (rxq->next + offset + i) & rxq->mask;
		volatile const union nicpmd_rx_desc *d = &rxq->ring[idx];

		if (rxq->split != NULL) {
			nicpmd_split_desc_dump(rxq, idx, f);
			continue;
		}
		fprintf(f, "rxq %u desc %4u: %016" PRIx64 " %016" PRIx64
			" status 0x%08x len %u\n", qid, idx, d->read.addr,
			d->read.rsvd, d->wb.status, d->wb.len);
	}
	return 0;
}

int
nicpmd_tx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t offset, uint16_t num, FILE *f)
{
	const struct nicpmd_tx_queue *txq = dev->data->tx_queues[qid];
	uint16_t i;

	if (txq == NULL || offset >= txq->nb_desc || num > txq->nb_desc)
		return -EINVAL;
	fprintf(f, "txq %u: tail %u, free %u, next dd %u\n", qid, txq->tail,
		txq->nb_free, txq->next_dd);
	for (i = 0; i < num; i++) {
		uint16_t idx = (txq->tail + offset + i) & txq->mask;
		volatile const struct nicpmd_tx_desc *d = &txq->ring[idx];

		fprintf(f, "txq %u desc %4u: addr %016" PRIx64 " len %u cmd "
			"0x%04x mss %u l2/l3/l4 %u/%u/%u status 0x%08x\n", qid,
			idx, d->addr, d->len, d->cmd, d->mss, d->l2_len,
			d->l3_len, d->l4_len, d->status);
	}
	return 0;
}

/* /nicpmd/info,<port>: the device as the driver sees it. */
static int
nicpmd_telemetry_info(const char *cmd __rte_unused, const char *params,
		      struct rte_tel_data *d)
{
	const struct nicpmd_adapter *ad;
	struct rte_eth_dev *dev;
	char *end;
	unsigned long port;

	if (params == NULL || params[0] == '\0')
		return -EINVAL;
	port = strtoul(params, &end, 10);
	if (*end != '\0' || port >= RTE_MAX_ETHPORTS)
		return -EINVAL;
	dev = nicpmd_port_dev(port);
	if (dev == NULL)
		return -EINVAL;
	ad = NICPMD_ADAPTER(dev);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_uint(d, "abi_major",
				  NICPMD_VERSION_MAJOR(ad->hw.version));
	rte_tel_data_add_dict_uint(d, "abi_minor",
				  NICPMD_VERSION_MINOR(ad->hw.version));
	rte_tel_data_add_dict_uint(d, "features", ad->hw.features);
	rte_tel_data_add_dict_uint(d, "development", ad->args.development);
	rte_tel_data_add_dict_uint(d, "max_queues", ad->hw.max_queues);
	rte_tel_data_add_dict_uint(d, "link_up",
		!!(nicpmd_read_reg(&ad->hw, NICPMD_REG_LINK) & NICPMD_LINK_UP));
	rte_tel_data_add_dict_uint(d, "started", ad->started);
	rte_tel_data_add_dict_uint(d, "rx_queues", dev->data->nb_rx_queues);
	rte_tel_data_add_dict_uint(d, "tx_queues", dev->data->nb_tx_queues);
	return 0;
}

RTE_INIT(nicpmd_telemetry_init)
{
	rte_telemetry_register_cmd("/nicpmd/info", nicpmd_telemetry_info,
		"nicpmd device state. Parameters: int port_id");
}
