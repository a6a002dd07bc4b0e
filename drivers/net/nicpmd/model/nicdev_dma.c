/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Device DMA: the device is given IOVAs and must reach the bytes behind
 * them. With IOVA-as-VA that is the identity; with physical IOVAs the
 * device looks the page up through a small translation cache (an IOTLB)
 * in front of EAL's memory map, so the datapath rarely walks memsegs.
 */

#include <rte_branch_prediction.h>
#include <rte_eal.h>
#include <rte_memory.h>

#include "nicdev_priv.h"

#define IOTLB_PAGE_SHIFT	12
#define IOTLB_ENTRIES		1024u

struct iotlb_entry {
	uint64_t iova_page;	/* iova >> IOTLB_PAGE_SHIFT, +1 (0: empty) */
	uintptr_t va_page;
};

/* Per-thread: no locking, no sharing of lines between device cores. */
static RTE_DEFINE_PER_LCORE(struct iotlb_entry, iotlb[IOTLB_ENTRIES]);

/* Fixed once EAL is up; read on every DMA. */
bool nicdev_iova_is_va;

void
nicdev_dma_init(void)
{
	nicdev_iova_is_va = rte_eal_iova_mode() == RTE_IOVA_VA;
}

/* Physical IOVAs, or an address the inline fast path refused. */
void *
nicdev_dma_map_slow(uint64_t iova, uint64_t len)
{
	struct iotlb_entry *e;
	uint64_t page;
	void *va;

	if (iova == 0 || iova == RTE_BAD_IOVA || iova + len < iova)
		return NULL;
	if (nicdev_iova_is_va)
		return (void *)(uintptr_t)iova;

	page = iova >> IOTLB_PAGE_SHIFT;
	e = &RTE_PER_LCORE(iotlb)[page & (IOTLB_ENTRIES - 1)];
	if (e->iova_page == page + 1)
		return (void *)(e->va_page +
				(iova & ((1u << IOTLB_PAGE_SHIFT) - 1)));

	va = rte_mem_iova2virt(iova);
	if (va == NULL)
		return NULL;
	e->iova_page = page + 1;
	e->va_page = (uintptr_t)va & ~(uintptr_t)((1u << IOTLB_PAGE_SHIFT) - 1);
	return va;
}
