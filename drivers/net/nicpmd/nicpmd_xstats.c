/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Extended statistics: the device's counters that basic stats fold
 * together or leave out, each under a name that says what it counts.
 * They share the basic stats' baseline, so either reset zeroes both.
 */

#include <stddef.h>
#include <string.h>

#include "nicpmd.h"

struct nicpmd_xstat {
	const char *name;
	size_t offset;		/* into struct nicpmd_hw_stats */
};

#define X(n, f) { n, offsetof(struct nicpmd_hw_stats, f) }
static const struct nicpmd_xstat nicpmd_xstats[] = {
	X("rx_no_buffer_drops", rx_no_buffer),
	X("rx_mac_filter_drops", rx_filtered),
	X("rx_vlan_filter_drops", rx_vlan_filtered),
	X("rx_mtu_exceeded_errors", rx_oversize),
	X("rx_too_long_no_scatter_errors", rx_too_long),
	X("rx_runt_errors", rx_runt),
	X("rx_port_down_drops", rx_port_down),
	X("rx_buffer_errors", rx_buf_errors),
	X("rx_l3_checksum_errors", rx_l3_csum_bad),
	X("rx_l4_checksum_errors", rx_l4_csum_bad),
	X("tx_bad_descriptor_drops", tx_bad_desc),
	X("tx_link_down_drops", tx_link_down),
	X("tx_fault_injection_drops", tx_fault_drops),
	X("tx_tso_segments", tx_tso_frames),
	X("link_changes", link_changes),
};
#undef X

static uint64_t
counter(const struct nicpmd_hw_stats *s, size_t offset)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)s + offset, sizeof(v));
	return v;
}

int
nicpmd_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		  unsigned int n)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_hw_stats s;
	unsigned int i;
	int ret;

	if (n < RTE_DIM(nicpmd_xstats))
		return RTE_DIM(nicpmd_xstats);
	ret = nicpmd_aq_get_stats(&ad->hw, &s);
	if (ret < 0)
		return ret;
	for (i = 0; i < RTE_DIM(nicpmd_xstats); i++) {
		size_t off = nicpmd_xstats[i].offset;

		xstats[i].id = i;
		xstats[i].value = counter(&s, off) -
			counter(&ad->stats_base, off);
	}
	return RTE_DIM(nicpmd_xstats);
}

int
nicpmd_xstats_get_names(struct rte_eth_dev *dev __rte_unused,
			struct rte_eth_xstat_name *names, unsigned int size)
{
	unsigned int i;

	if (names == NULL || size < RTE_DIM(nicpmd_xstats))
		return RTE_DIM(nicpmd_xstats);
	for (i = 0; i < RTE_DIM(nicpmd_xstats); i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 nicpmd_xstats[i].name);
	return RTE_DIM(nicpmd_xstats);
}
