/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * RSS: hash types, key and redirection table. The driver keeps the
 * configuration (it survives stop/start and is reprogrammed after a
 * device reset); the device gets it at start and on every change while
 * started.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"

/* Hash types DPDK names -> the device's. */
static const struct {
	uint64_t rte;
	uint32_t dev;
} rss_types[] = {
	{ RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 |
	  RTE_ETH_RSS_NONFRAG_IPV4_OTHER, NICPMD_RSS_IPV4 },
	{ RTE_ETH_RSS_NONFRAG_IPV4_TCP, NICPMD_RSS_TCP_IPV4 },
	{ RTE_ETH_RSS_NONFRAG_IPV4_UDP, NICPMD_RSS_UDP_IPV4 },
	{ RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 |
	  RTE_ETH_RSS_NONFRAG_IPV6_OTHER, NICPMD_RSS_IPV6 },
	{ RTE_ETH_RSS_NONFRAG_IPV6_TCP, NICPMD_RSS_TCP_IPV6 },
	{ RTE_ETH_RSS_NONFRAG_IPV6_UDP, NICPMD_RSS_UDP_IPV6 },
};

/* The default key: the one of Microsoft's RSS verification suite. */
static const uint8_t nicpmd_default_rss_key[NICPMD_RSS_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

uint64_t
nicpmd_rss_offloads(const struct nicpmd_hw *hw)
{
	uint64_t all = 0;
	unsigned int i;

	if (!(hw->features & NICPMD_F_RSS))
		return 0;
	for (i = 0; i < RTE_DIM(rss_types); i++)
		all |= rss_types[i].rte;
	/* The level bits only where the device can hash inner headers. */
	if (hw->features & NICPMD_F_TUNNEL_OFFLOAD)
		all |= RTE_ETH_RSS_LEVEL_OUTERMOST | RTE_ETH_RSS_LEVEL_INNERMOST;
	return all;
}

/*
 * rss_hf's level as the device's RSS_INNER bit; -EINVAL (logged) for the
 * inner level without F_TUNNEL_OFFLOAD. Both level bits at once (level 3,
 * which ethdev leaves undefined) is what an application asking for all of
 * flow_type_rss_offloads sends (testpmd's "port config all rss default"):
 * it gets the default level, the outer one, as no level does.
 */
static int
rss_level(struct rte_eth_dev *dev, uint64_t rss_hf, uint32_t *inner)
{
	const struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint64_t level = RTE_ETH_RSS_LEVEL(rss_hf);

	*inner = 0;
	if (level != 2)
		return 0;
	if (!(ad->hw.features & NICPMD_F_TUNNEL_OFFLOAD)) {
		NICPMD_LOG(ERR, "port %u: RSS on inner headers: the device "
			   "does not offer it (F_TUNNEL_OFFLOAD, ABI 1.1)",
			   dev->data->port_id);
		return -EINVAL;
	}
	*inner = NICPMD_RSS_INNER;
	return 0;
}

uint32_t
nicpmd_rss_dev_types(uint64_t rss_hf)
{
	uint32_t types = 0;
	unsigned int i;

	for (i = 0; i < RTE_DIM(rss_types); i++)
		if (rss_hf & rss_types[i].rte)
			types |= rss_types[i].dev;
	return types;
}

/* Configure: what the application asked, or the defaults. */
int
nicpmd_rss_configure(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct rte_eth_rss_conf *c =
		&dev->data->dev_conf.rx_adv_conf.rss_conf;
	uint16_t nb_rxq = dev->data->nb_rx_queues;
	uint32_t inner;
	unsigned int i;
	int ret;

	/*
	 * The key and RETA exist without mq_mode RSS too: rte_flow RSS
	 * actions without a key or queue list use the port's.
	 */
	memcpy(ad->rss_key, nicpmd_default_rss_key, NICPMD_RSS_KEY_LEN);
	for (i = 0; i < NICPMD_RSS_RETA_SIZE; i++)
		ad->rss_reta[i] = i % RTE_MAX(nb_rxq, 1);
	if (dev->data->dev_conf.rxmode.mq_mode != RTE_ETH_MQ_RX_RSS) {
		ad->rss_hf = 0;
		return 0;
	}
	if (!(ad->hw.features & NICPMD_F_RSS)) {
		NICPMD_LOG(ERR, "port %u: the device has no RSS",
			   dev->data->port_id);
		return -EINVAL;
	}
	if (c->rss_key != NULL && c->rss_key_len != NICPMD_RSS_KEY_LEN) {
		NICPMD_LOG(ERR, "port %u: RSS key of %u bytes, the device "
			   "takes %u", dev->data->port_id, c->rss_key_len,
			   NICPMD_RSS_KEY_LEN);
		return -EINVAL;
	}
	ret = rss_level(dev, c->rss_hf, &inner);
	if (ret < 0)
		return ret;
	if (c->rss_key != NULL)
		memcpy(ad->rss_key, c->rss_key, NICPMD_RSS_KEY_LEN);
	ad->rss_hf = c->rss_hf & nicpmd_rss_offloads(&ad->hw);
	return 0;
}

/* The driver's RSS state into the device. */
int
nicpmd_rss_program(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint32_t types = nicpmd_rss_dev_types(ad->rss_hf), inner;
	int ret;

	if (!(ad->hw.features & NICPMD_F_RSS))
		return 0;
	ret = rss_level(dev, ad->rss_hf, &inner);
	if (ret < 0)
		return ret;
	/* Without a type RSS is off: no level to tell the device either. */
	if (types != 0)
		types |= inner;
	/* Flow RSS rules may use the key and RETA while port RSS is off. */
	ret = nicpmd_aq_set_rss_key(&ad->hw, ad->rss_key);
	if (ret == 0)
		ret = nicpmd_aq_set_rss_reta(&ad->hw, ad->rss_reta);
	if (ret < 0)
		return ret;
	return nicpmd_aq_set_rss(&ad->hw, types);
}

static int
program_if_started(struct rte_eth_dev *dev)
{
	return NICPMD_ADAPTER(dev)->started ? nicpmd_rss_program(dev) : 0;
}

int
nicpmd_reta_update(struct rte_eth_dev *dev,
		   struct rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint8_t reta[NICPMD_RSS_RETA_SIZE];
	unsigned int i;

	if (size != NICPMD_RSS_RETA_SIZE) {
		NICPMD_LOG(ERR, "port %u: RETA of %u entries, the device has %u",
			   dev->data->port_id, size, NICPMD_RSS_RETA_SIZE);
		return -EINVAL;
	}
	memcpy(reta, ad->rss_reta, sizeof(reta));
	for (i = 0; i < size; i++) {
		const struct rte_eth_rss_reta_entry64 *e =
			&conf[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int bit = i % RTE_ETH_RETA_GROUP_SIZE;

		if (!((e->mask >> bit) & 1))
			continue;
		if (e->reta[bit] >= dev->data->nb_rx_queues) {
			NICPMD_LOG(ERR, "port %u: RETA entry %u names queue %u "
				   "of %u", dev->data->port_id, i, e->reta[bit],
				   dev->data->nb_rx_queues);
			return -EINVAL;
		}
		reta[i] = e->reta[bit];
	}
	memcpy(ad->rss_reta, reta, sizeof(reta));
	return program_if_started(dev);
}

int
nicpmd_reta_query(struct rte_eth_dev *dev,
		  struct rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	unsigned int i;

	if (size != NICPMD_RSS_RETA_SIZE)
		return -EINVAL;
	for (i = 0; i < size; i++) {
		struct rte_eth_rss_reta_entry64 *e =
			&conf[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int bit = i % RTE_ETH_RETA_GROUP_SIZE;

		if ((e->mask >> bit) & 1)
			e->reta[bit] = ad->rss_reta[i];
	}
	return 0;
}

int
nicpmd_rss_hash_update(struct rte_eth_dev *dev,
		       struct rte_eth_rss_conf *conf)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint32_t inner;
	int ret;

	if (!(ad->hw.features & NICPMD_F_RSS))
		return -ENOTSUP;
	if (conf->rss_key != NULL && conf->rss_key_len != NICPMD_RSS_KEY_LEN) {
		NICPMD_LOG(ERR, "port %u: RSS key of %u bytes, the device "
			   "takes %u", dev->data->port_id, conf->rss_key_len,
			   NICPMD_RSS_KEY_LEN);
		return -EINVAL;
	}
	ret = rss_level(dev, conf->rss_hf, &inner);
	if (ret < 0)
		return ret;
	if (conf->rss_hf & ~nicpmd_rss_offloads(&ad->hw)) {
		NICPMD_LOG(ERR, "port %u: RSS hash types 0x%" PRIx64
			   " the device does not hash", dev->data->port_id,
			   conf->rss_hf & ~nicpmd_rss_offloads(&ad->hw));
		return -EINVAL;
	}
	if (conf->rss_key != NULL)
		memcpy(ad->rss_key, conf->rss_key, NICPMD_RSS_KEY_LEN);
	ad->rss_hf = conf->rss_hf;
	return program_if_started(dev);
}

int
nicpmd_rss_hash_conf_get(struct rte_eth_dev *dev,
			 struct rte_eth_rss_conf *conf)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	if (conf->rss_key != NULL) {
		if (conf->rss_key_len < NICPMD_RSS_KEY_LEN)
			return -EINVAL;
		memcpy(conf->rss_key, ad->rss_key, NICPMD_RSS_KEY_LEN);
	}
	conf->rss_key_len = NICPMD_RSS_KEY_LEN;
	conf->rss_hf = ad->rss_hf;
	return 0;
}
