/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_COMPAT_H_
#define _NICPMD_COMPAT_H_

/*
 * Every difference between the DPDK releases nicpmd builds against
 * (22.11, 24.11, 25.11, 26.07) lives here, behind RTE_VERSION_NUM
 * guards; the rest of the driver and the model is written in DPDK main's
 * terms. Where a newer convention is missing from an older release, this
 * header supplies it with the older release's means.
 *
 * It sits in base/ because both sides of the hardware boundary compile
 * against DPDK: the driver and the device model include it, and it
 * carries no device interface.
 */

#include <rte_common.h>
#include <rte_log.h>
#include <rte_version.h>

#define NICPMD_DPDK_AT_LEAST(y, m) \
	(RTE_VERSION_NUM(y, m, 0, 0) <= RTE_VERSION)

/* -- Logging: RTE_LOG_LINE (23.11) ------------------------------------ */
#ifndef RTE_LOG_LINE
#define RTE_LOG_LINE(l, t, ...) \
	RTE_LOG(l, t, RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif
#ifndef RTE_LOG_LINE_PREFIX
#define RTE_LOG_LINE_PREFIX(l, t, prefix, args, ...) \
	RTE_LOG(l, t, RTE_FMT(prefix RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		args, RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif

/* -- Atomics: rte_stdatomic.h (23.11) --------------------------------- */
#if NICPMD_DPDK_AT_LEAST(23, 11)
#include <rte_stdatomic.h>
#else
/*
 * 22.11: C11 atomics, as rte_stdatomic.h maps the names when DPDK is
 * built with enable_stdatomic (and as every compiler DPDK supports has).
 */
#include <stdatomic.h>
#if defined(__clang__)
#define RTE_ATOMIC(type) type
#define __rte_atomic
#else
#define RTE_ATOMIC(type) _Atomic(type)
#define __rte_atomic _Atomic
#endif
#define rte_memory_order_relaxed memory_order_relaxed
#define rte_memory_order_acquire memory_order_acquire
#define rte_memory_order_release memory_order_release
#define rte_memory_order_acq_rel memory_order_acq_rel
#define rte_memory_order_seq_cst memory_order_seq_cst
#if defined(__clang__)
/*
 * clang's C11 generic functions take only _Atomic objects, and the words
 * of the device interface are plain integers (see NICPMD_ATOMIC32 below):
 * with clang (the fuzzing build) objects stay plain and the operations
 * are the compiler's builtins, which take plain integers only. gcc's C11
 * functions take both.
 */
#define rte_atomic_load_explicit(ptr, mo) __atomic_load_n(ptr, mo)
#define rte_atomic_store_explicit(ptr, val, mo) __atomic_store_n(ptr, val, mo)
#define rte_atomic_exchange_explicit(ptr, val, mo) \
	__atomic_exchange_n(ptr, val, mo)
#define rte_atomic_fetch_add_explicit(ptr, val, mo) \
	__atomic_fetch_add(ptr, val, mo)
#define rte_atomic_fetch_sub_explicit(ptr, val, mo) \
	__atomic_fetch_sub(ptr, val, mo)
#define rte_atomic_fetch_and_explicit(ptr, val, mo) \
	__atomic_fetch_and(ptr, val, mo)
#define rte_atomic_fetch_or_explicit(ptr, val, mo) \
	__atomic_fetch_or(ptr, val, mo)
#define rte_atomic_compare_exchange_strong_explicit(ptr, exp, des, s, f) \
	__atomic_compare_exchange_n(ptr, exp, des, 0, s, f)
#else
#define rte_atomic_load_explicit(ptr, mo) atomic_load_explicit(ptr, mo)
#define rte_atomic_store_explicit(ptr, val, mo) \
	atomic_store_explicit(ptr, val, mo)
#define rte_atomic_exchange_explicit(ptr, val, mo) \
	atomic_exchange_explicit(ptr, val, mo)
#define rte_atomic_fetch_add_explicit(ptr, val, mo) \
	atomic_fetch_add_explicit(ptr, val, mo)
#define rte_atomic_fetch_sub_explicit(ptr, val, mo) \
	atomic_fetch_sub_explicit(ptr, val, mo)
#define rte_atomic_fetch_and_explicit(ptr, val, mo) \
	atomic_fetch_and_explicit(ptr, val, mo)
#define rte_atomic_fetch_or_explicit(ptr, val, mo) \
	atomic_fetch_or_explicit(ptr, val, mo)
#define rte_atomic_compare_exchange_strong_explicit(ptr, exp, des, s, f) \
	atomic_compare_exchange_strong_explicit(ptr, exp, des, s, f)
#endif
#endif

/*
 * Words shared with the other side of the boundary (descriptor status,
 * registers) are declared in base/nicpmd_hw.h as plain integers: it is a
 * C description of memory, not of DPDK's atomic types. Accesses that need
 * ordering go through these.
 */
#define NICPMD_ATOMIC32(p) ((uint32_t __rte_atomic *)(uintptr_t)(p))
#define NICPMD_ATOMIC16(p) ((uint16_t __rte_atomic *)(uintptr_t)(p))
#define NICPMD_ATOMIC64(p) ((uint64_t __rte_atomic *)(uintptr_t)(p))

/* -- Telemetry: the "uint" names (23.03); "u64" deprecated in 23.11 ---- */
#if !NICPMD_DPDK_AT_LEAST(23, 3)
#define rte_tel_data_add_dict_uint rte_tel_data_add_dict_u64
#endif

/* -- Exported symbols: RTE_EXPORT_* in the source (25.07) ------------- */
/*
 * From 25.07 DPDK's build generates a library's symbol map from these
 * markers (it reads the source, the macros expand to nothing) and ignores
 * version.map; before, version.map is the map (and the out-of-tree build
 * always links with it). The markers' header, eal_export.h, is internal
 * to a DPDK tree.
 */
#ifndef RTE_EXPORT_EXPERIMENTAL_SYMBOL
#define RTE_EXPORT_EXPERIMENTAL_SYMBOL(symbol, ver)
#endif

/* -- Threads: internal control threads (23.11) ------------------------- */
#include <rte_thread.h>
#if !NICPMD_DPDK_AT_LEAST(23, 11)
#include <stdio.h>
#include <rte_lcore.h>

#define RTE_THREAD_INTERNAL_PREFIX "dpdk-"

/*
 * A thread named "dpdk-<name>", as 23.11's internal control threads are
 * (they start on the control CPU set, which callers may change); 0 or a
 * negative errno.
 */
static inline int
rte_thread_create_internal_control(rte_thread_t *id, const char *name,
				   rte_thread_func func, void *arg)
{
	char full[16];
	int ret;

	ret = rte_thread_create(id, NULL, func, arg);
	if (ret == 0) {
		snprintf(full, sizeof(full), RTE_THREAD_INTERNAL_PREFIX "%s",
			 name);
		rte_thread_setname((pthread_t)id->opaque_id, full);
	}
	return -ret;
}
#endif

/* -- ethdev driver ops -------------------------------------------------- */
struct rte_eth_dev;
struct rte_eth_stats;
struct eth_queue_stats;

/*
 * Callbacks whose parameters changed are declared through a function type
 * (nicpmd_*_t name;) and defined with the parameter list macro, whose
 * parameter names are fixed: the bodies use the names or the macros below.
 *
 * dev_supported_ptypes_get and buffer_split_supported_hdr_ptypes_get
 * report the array's length (24.03); the array keeps its
 * RTE_PTYPE_UNKNOWN end for the releases before.
 */
#if NICPMD_DPDK_AT_LEAST(24, 3)
#define NICPMD_PTYPES_GET_PARAMS struct rte_eth_dev *dev, size_t *no_of_elements
#define NICPMD_PTYPES_SET_COUNT(count) (*no_of_elements = (count))
#else
#define NICPMD_PTYPES_GET_PARAMS struct rte_eth_dev *dev
#define NICPMD_PTYPES_SET_COUNT(count) RTE_SET_USED(count)
#endif
typedef const uint32_t *nicpmd_ptypes_get_t(NICPMD_PTYPES_GET_PARAMS);

/*
 * stats_get fills the per-queue counters into their own struct (25.11:
 * struct eth_queue_stats *qstats, possibly NULL); before, they are the
 * q_* arrays of struct rte_eth_stats *stats. NICPMD_QSTATS is where they
 * go.
 */
#if NICPMD_DPDK_AT_LEAST(25, 11)
typedef struct eth_queue_stats nicpmd_eth_qstats;
#define NICPMD_STATS_GET_PARAMS struct rte_eth_dev *dev, \
	struct rte_eth_stats *stats, struct eth_queue_stats *qstats
#define NICPMD_QSTATS qstats
#else
typedef struct rte_eth_stats nicpmd_eth_qstats;
#define NICPMD_STATS_GET_PARAMS struct rte_eth_dev *dev, \
	struct rte_eth_stats *stats
#define NICPMD_QSTATS stats
#endif
typedef int nicpmd_stats_get_t(NICPMD_STATS_GET_PARAMS);

/*
 * rte_flow RSS: the sorting symmetric Toeplitz function (23.11). The
 * device value v for func, or -1 when func is not it (or unknown here).
 */
#if NICPMD_DPDK_AT_LEAST(23, 11)
#define NICPMD_COMPAT_HASH_SORT(func, v) \
	((func) == RTE_ETH_HASH_FUNCTION_SYMMETRIC_TOEPLITZ_SORT ? (int)(v) : -1)
#define NICPMD_COMPAT_HASH_SORT_NAME ", symmetric_toeplitz_sort"
#else
#define NICPMD_COMPAT_HASH_SORT(func, v) ((void)(func), (void)(v), -1)
#define NICPMD_COMPAT_HASH_SORT_NAME ""
#endif

/*
 * rte_flow_item_arp_eth_ipv4: from 23.03 its hdr (struct rte_arp_hdr) is
 * the ARP packet as on the wire, and DPDK's default mask and testpmd
 * fill it; before, only fields with alignment padding after sha and tha.
 * Where the item holds spa, tha and tpa.
 */
#if NICPMD_DPDK_AT_LEAST(23, 3)
#define NICPMD_ARP_ITEM_SPA \
	offsetof(struct rte_flow_item_arp_eth_ipv4, hdr.arp_data.arp_sip)
#define NICPMD_ARP_ITEM_THA \
	offsetof(struct rte_flow_item_arp_eth_ipv4, hdr.arp_data.arp_tha)
#define NICPMD_ARP_ITEM_TPA \
	offsetof(struct rte_flow_item_arp_eth_ipv4, hdr.arp_data.arp_tip)
#else
#define NICPMD_ARP_ITEM_SPA offsetof(struct rte_flow_item_arp_eth_ipv4, spa)
#define NICPMD_ARP_ITEM_THA offsetof(struct rte_flow_item_arp_eth_ipv4, tha)
#define NICPMD_ARP_ITEM_TPA offsetof(struct rte_flow_item_arp_eth_ipv4, tpa)
#endif

/*
 * Selective Rx (26.07): a buffer split segment without a mempool is
 * discarded, when the driver says so in rx_seg_capa; before, ethdev
 * refuses such a segment and there is no bit to set.
 */
#if NICPMD_DPDK_AT_LEAST(26, 7)
#define NICPMD_RXSEG_CAPA_SELECTIVE_RX(capa) ((capa)->selective_rx = 1)
#else
#define NICPMD_RXSEG_CAPA_SELECTIVE_RX(capa) RTE_SET_USED(capa)
#endif

/* rx_queue_count returns int (25.11), a count or a negative errno. */
#if NICPMD_DPDK_AT_LEAST(25, 11)
typedef int nicpmd_rx_queue_count_t;
#else
typedef uint32_t nicpmd_rx_queue_count_t;
#endif

#endif /* _NICPMD_COMPAT_H_ */
