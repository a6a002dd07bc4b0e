/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_HW_H_
#define _NICPMD_HW_H_

/*
 * The nicpmd device programming interface, in C.
 *
 * This header is the contract between the driver (drivers/net/nicpmd) and
 * the device (drivers/net/nicpmd/model/). The driver sees a register
 * window (the BAR), descriptor rings and buffers it places in DMA-able
 * memory, and admin commands; the device sees only the same.
 *
 * Two things besides cross the boundary, both through the slot (the
 * platform that plugs a device in, drivers/net/nicpmd/nicpmd_slot.c), as
 * a bus would provide them for silicon:
 * - interrupt vectors: one eventfd per vector (MSI-X messages), created
 *   and signalled by the device, handed to the driver at plug time;
 * - the register-write trap of the inline engine: a software device
 *   without a thread of its own needs to run when a register is written,
 *   so the slot tells the driver to call it after every write. The
 *   threaded engine has no trap: its thread polls the registers.
 * doc/spec/nicpmd_device_spec.rst explains every item; the two must agree.
 *
 * All multi-byte fields are little-endian. All addresses the driver gives
 * the device are IOVAs.
 */

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Packed fields: every multi-field register or word below names its
 * fields by mask. NICPMD_FIELD_GET extracts a field, NICPMD_FIELD_PREP
 * places a value in it (the mask's lowest set bit gives the shift).
 */
#define NICPMD_FIELD_LSB(mask)		((mask) & (~(mask) + 1u))
#define NICPMD_FIELD_GET(mask, reg)	(((reg) & (mask)) / NICPMD_FIELD_LSB(mask))
#define NICPMD_FIELD_PREP(mask, val)	(((val) * NICPMD_FIELD_LSB(mask)) & (mask))

/* ------------------------------------------------------------------ */
/* ABI version and features                                            */
/* ------------------------------------------------------------------ */

#define NICPMD_MAGIC			0x4e494350u	/* "NICP" */
#define NICPMD_ABI_MAJOR		1u
#define NICPMD_ABI_MINOR		1u
#define NICPMD_VERSION(maj, min)	(((uint32_t)(maj) << 16) | (min))
#define NICPMD_VERSION_MAJOR(v)		((uint32_t)(v) >> 16)
#define NICPMD_VERSION_MINOR(v)		((uint32_t)(v) & 0xffffu)

/*
 * Feature bits, offered by the device in DEV_FEATURES and accepted by the
 * driver in DRV_FEATURES. A feature the driver does not accept is off: the
 * device behaves as if it did not exist and rejects admin commands that
 * need it with NICPMD_AQ_S_EPERM.
 *
 * Bits 48..63 are experimental: their behaviour may change between minor
 * versions, and drivers accept them only when explicitly asked to
 * (nicpmd's development=1 devarg).
 */
#define NICPMD_F_LOOPBACK		(UINT64_C(1) << 0)  /* MAC loopback (SET_LOOPBACK) */
#define NICPMD_F_RX_CSUM		(UINT64_C(1) << 1)  /* Rx IPv4/L4 checksum check */
#define NICPMD_F_TX_CSUM		(UINT64_C(1) << 2)  /* Tx IPv4/L4 checksum insert */
#define NICPMD_F_TSO			(UINT64_C(1) << 3)  /* TCP segmentation */
#define NICPMD_F_VLAN			(UINT64_C(1) << 4)  /* VLAN insert/strip/filter */
#define NICPMD_F_QINQ			(UINT64_C(1) << 5)  /* outer tag insert/strip */
#define NICPMD_F_RSS			(UINT64_C(1) << 6)  /* Toeplitz RSS, key + RETA */
#define NICPMD_F_SCATTER		(UINT64_C(1) << 7)  /* frames over many Rx buffers */
#define NICPMD_F_MULTI_SEG_TX		(UINT64_C(1) << 8)  /* packets over many Tx descs */
#define NICPMD_F_RX_PTYPE		(UINT64_C(1) << 9)  /* packet type in Rx write-back */
#define NICPMD_F_MAC_FILTER		(UINT64_C(1) << 10) /* unicast/multicast tables */
/* interrupt messages: causes, Rx queues */
#define NICPMD_F_LSC_INTR		(UINT64_C(1) << 11)
/* 802.3x PAUSE, SET/GET_FLOW_CTRL */
#define NICPMD_F_FLOW_CTRL		(UINT64_C(1) << 12)
/* 1.1: GET_STATS appends nicpmd_hw_stats_ext */
#define NICPMD_F_STATS_EXT		(UINT64_C(1) << 13)
/* Rx buffer split: CREATE_RXQ_SPLIT */
#define NICPMD_F_RX_SPLIT		(UINT64_C(1) << 14)
/* UDP tunnel port table, SET_UDP_TUNNEL */
#define NICPMD_F_UDP_TUNNEL		(UINT64_C(1) << 15)
/* 1.1: flow table (FLOW_* commands) */
#define NICPMD_F_FLOW			(UINT64_C(1) << 16)
/* 1.1: inner RSS and inner checksums of UDP-tunnelled frames */
#define NICPMD_F_TUNNEL_OFFLOAD		(UINT64_C(1) << 17)
#define NICPMD_F_EXPERIMENTAL_MASK	(UINT64_C(0xffff) << 48)
#define NICPMD_F_EXP_FAULT_INJECT	(UINT64_C(1) << 48) /* FAULT_INJECT admin command */

/* ------------------------------------------------------------------ */
/* Register window (BAR0)                                              */
/* ------------------------------------------------------------------ */

#define NICPMD_BAR_SIZE			0x4000u

/* Identification and capability registers: read-only. */
#define NICPMD_REG_MAGIC		0x000
#define NICPMD_REG_VERSION		0x004
#define NICPMD_REG_DEV_FEATURES_LO	0x008
#define NICPMD_REG_DEV_FEATURES_HI	0x00c
#define NICPMD_REG_MAX_QUEUES		0x010
#define  NICPMD_MAX_QUEUES_RX		0x0000ffffu /* Rx queues */
#define  NICPMD_MAX_QUEUES_TX		0xffff0000u /* Tx queues */
#define NICPMD_REG_RING_LIMITS		0x014 /* descriptors per ring */
#define  NICPMD_RING_LIMITS_MIN		0x0000ffffu
#define  NICPMD_RING_LIMITS_MAX		0xffff0000u
#define NICPMD_REG_FRAME_LIMITS		0x018 /* frame bytes, without FCS */
#define  NICPMD_FRAME_LIMITS_MIN	0x0000ffffu
#define  NICPMD_FRAME_LIMITS_MAX	0xffff0000u
#define NICPMD_REG_PERM_MAC_LO		0x01c /* MAC bytes 0..3, byte 0 low */
#define NICPMD_REG_PERM_MAC_HI		0x020
#define  NICPMD_PERM_MAC_HI_BYTES	0x0000ffffu /* MAC bytes 4..5 */
#define NICPMD_REG_SPEED_CAPA		0x024 /* NICPMD_SPEED_* bits */
#define NICPMD_REG_TX_SEG_LIMITS	0x028 /* descriptors per packet */
#define  NICPMD_TX_SEG_LIMITS_ANY	0x000000ffu /* any packet */
/* one not segmented by TSO */
#define  NICPMD_TX_SEG_LIMITS_NON_TSO	0x0000ff00u
#define NICPMD_REG_ADMIN_LIMITS		0x02c
#define  NICPMD_ADMIN_LIMITS_LEN	0x0000ffffu /* max AQ entries */

/* Feature acceptance: read-write by the driver. */
#define NICPMD_REG_DRV_FEATURES_LO	0x040
#define NICPMD_REG_DRV_FEATURES_HI	0x044

/* Control and status. */
#define NICPMD_REG_CTRL			0x048
#define  NICPMD_CTRL_RESET		(1u << 0) /* self-clearing */
#define  NICPMD_CTRL_FEATURES_OK	(1u << 1) /* driver: features written */
#define  NICPMD_CTRL_AQ_ENABLE		(1u << 2) /* admin queue live */
#define NICPMD_REG_STATUS		0x04c
#define  NICPMD_STATUS_READY		(1u << 0) /* out of reset */
#define  NICPMD_STATUS_FEATURES_OK	(1u << 1) /* DRV_FEATURES accepted */
#define  NICPMD_STATUS_FEATURES_BAD	(1u << 2) /* DRV_FEATURES refused */
#define  NICPMD_STATUS_AQ_LIVE		(1u << 3)
/* write RX_POLL on an empty Rx poll (see RX_POLL) */
#define  NICPMD_STATUS_RX_POLL		(1u << 4)
#define  NICPMD_STATUS_FATAL		(1u << 31) /* device needs a reset */

/* Link. */
#define NICPMD_REG_LINK			0x050
#define  NICPMD_LINK_UP			(1u << 0)
#define  NICPMD_LINK_FULL_DUPLEX	(1u << 1)
#define  NICPMD_LINK_AUTONEG		(1u << 2)
#define  NICPMD_LINK_SPEED		0xffff0000u /* speed, Mbit/s / 100 */

#define NICPMD_SPEED_10G		(1u << 0)
#define NICPMD_SPEED_25G		(1u << 1)
#define NICPMD_SPEED_40G		(1u << 2)
#define NICPMD_SPEED_100G		(1u << 3)

/*
 * Interrupts. The device only ever sets CAUSE bits; the window is plain
 * memory, so the driver acknowledges a cause by clearing its bit with an
 * atomic AND. A cause whose MASK bit is set also signals interrupt vector
 * 0 (an MSI-X-like message; the platform gives the driver one eventfd per
 * vector). Vector 1 + q belongs to Rx queue q (NICPMD_REG_RXQ_INTR).
 */
#define NICPMD_REG_INTR_CAUSE		0x060
#define NICPMD_REG_INTR_MASK		0x064
#define  NICPMD_INTR_LSC		(1u << 0) /* link state changed */
#define  NICPMD_INTR_AQ			(1u << 1) /* admin command completed */
#define  NICPMD_INTR_FATAL		(1u << 2)

/*
 * Rx poll doorbell. A device whose frames arrive from outside (a Linux
 * interface, a capture file, another process) and that has no thread of
 * its own to receive them sets STATUS.RX_POLL: the driver then writes the
 * queue id here whenever a poll of that queue found nothing, and the
 * device takes in what has arrived. Other devices leave the bit clear and
 * the driver never writes it.
 */
#define NICPMD_REG_RX_POLL		0x070

/* Admin queue. */
#define NICPMD_REG_AQ_BASE_LO		0x080
#define NICPMD_REG_AQ_BASE_HI		0x084
#define NICPMD_REG_AQ_LEN		0x088 /* entries, power of two */
#define NICPMD_REG_AQ_TAIL		0x08c /* doorbell: driver producer idx */
#define NICPMD_REG_AQ_HEAD		0x090 /* device consumer index, RO */

/*
 * Queue doorbells. One 64-byte line per doorbell so that queues polled by
 * different cores never share a line with each other or with the
 * control registers. Values are free-running 32-bit producer indexes
 * (ring index = value & (ring size - 1)).
 */
#define NICPMD_MAX_QUEUES		64u
#define NICPMD_DB_STRIDE		64u
#define NICPMD_REG_RXQ_TAIL(q)		(0x1000u + (q) * NICPMD_DB_STRIDE)
#define NICPMD_REG_TXQ_TAIL(q)		(0x2000u + (q) * NICPMD_DB_STRIDE)
/*
 * Rx queue interrupt arm: the driver writes 1; the next time the device
 * completes a descriptor of queue q it writes 0 here and signals vector
 * 1 + q. One-shot: the driver re-arms when it wants another.
 */
#define NICPMD_REG_RXQ_INTR(q)		(0x3000u + (q) * NICPMD_DB_STRIDE)
#define NICPMD_MAX_VECTORS		(1u + NICPMD_MAX_QUEUES)

/* ------------------------------------------------------------------ */
/* Tx descriptor (32 bytes, two per cache line)                        */
/* ------------------------------------------------------------------ */

/*
 * cmd: what the driver asks of this descriptor / packet. Offload requests
 * (IPCS, L4CS, IPV6, TSO, VLAN_INS, QINQ_INS) and the offload fields (mss,
 * l2/l3/l4_len, vlan tags, pkt_len) are read from a packet's FIRST
 * descriptor only. Header lengths describe the packet as given, before any
 * tag insertion.
 *
 * L4 checksums follow the pseudo-header-seed convention: the driver stores
 * the pseudo-header checksum (not inverted) in the L4 checksum field; the
 * device sums the L4 header and payload onto it and stores the result.
 * With TSO the seed must exclude the L4 length; the device adds each
 * segment's length itself. DPDK's rte_net_intel_cksum_prepare() produces
 * exactly these seeds.
 */
#define NICPMD_TXD_EOP			(1u << 0)  /* last desc of the packet */
#define NICPMD_TXD_RS			(1u << 1)  /* write DD back when done */
#define NICPMD_TXD_IPCS			(1u << 2)  /* insert IPv4 header csum */
#define NICPMD_TXD_L4CS_SHIFT		3          /* [4:3] L4 checksum */
#define NICPMD_TXD_L4CS_MASK		(3u << NICPMD_TXD_L4CS_SHIFT)
#define  NICPMD_TXD_L4CS_NONE		(0u << NICPMD_TXD_L4CS_SHIFT)
#define  NICPMD_TXD_L4CS_TCP		(1u << NICPMD_TXD_L4CS_SHIFT)
#define  NICPMD_TXD_L4CS_UDP		(2u << NICPMD_TXD_L4CS_SHIFT)
#define  NICPMD_TXD_L4CS_SCTP		(3u << NICPMD_TXD_L4CS_SHIFT)
#define NICPMD_TXD_IPV6			(1u << 5)  /* L3 is IPv6 (else IPv4) */
#define NICPMD_TXD_TSO			(1u << 6)  /* segment by mss */
#define NICPMD_TXD_VLAN_INS		(1u << 7)  /* insert vlan_tci */
#define NICPMD_TXD_QINQ_INS		(1u << 8)  /* insert vlan_tci_outer */

/*
 * TSO limits. A TSO packet's headers (l2+l3+l4_len) must lie in its first
 * descriptor; mss must be in [NICPMD_TSO_MIN_MSS, NICPMD_TSO_MAX_MSS] and
 * every produced frame must fit NICPMD_MAX_FRAME; the whole packet may be
 * up to NICPMD_TSO_MAX_LEN bytes. Each segment gets the IPv4 ID of the
 * original plus its index, its own lengths and sequence number, FIN/PSH
 * only on the last and CWR only on the first.
 */
#define NICPMD_TSO_MIN_MSS		64u
#define NICPMD_TSO_MAX_MSS		9600u
#define NICPMD_TSO_MAX_LEN		262144u
#define NICPMD_TSO_MAX_HDR		256u

/* status: written by the device. */
#define NICPMD_TXD_DD			(1u << 0)  /* descriptor done */
#define NICPMD_TXD_ERR			(1u << 1)  /* packet dropped: bad desc */

struct nicpmd_tx_desc {
	uint64_t addr;		/* IOVA of this segment's bytes */
	uint16_t len;		/* bytes in this segment */
	uint16_t cmd;		/* NICPMD_TXD_* requests */
	uint16_t mss;		/* TSO: payload bytes per segment */
	uint8_t l2_len;		/* offload header lengths, in bytes */
	uint8_t l4_len;
	uint16_t l3_len;
	uint16_t vlan_tci;	/* inner (or only) tag to insert */
	uint16_t vlan_tci_outer;/* outer tag to insert (QINQ_INS) */
	uint16_t rsvd0;
	uint32_t pkt_len;	/* first desc: whole packet length */
	uint32_t status;	/* device write-back (NICPMD_TXD_DD...) */
};

/* ------------------------------------------------------------------ */
/* Rx descriptor (16 bytes, four per cache line)                       */
/* ------------------------------------------------------------------ */

/* Read format: the driver posts an empty buffer. */
struct nicpmd_rx_desc_read {
	uint64_t addr;		/* IOVA of the buffer */
	uint64_t rsvd;		/* must be zero: clears the write-back status */
};

/* Write-back status bits. */
#define NICPMD_RXD_DD			(1u << 0)  /* descriptor done */
#define NICPMD_RXD_EOP			(1u << 1)  /* last buffer of the frame */
#define NICPMD_RXD_RSS_VALID		(1u << 2)  /* rss_hash is valid */
#define NICPMD_RXD_VLAN_STRIPPED	(1u << 3)  /* vlan_tci holds the tag */
#define NICPMD_RXD_QINQ_STRIPPED	(1u << 4)  /* vlan_tci_outer too */
#define NICPMD_RXD_L3CS_CHECKED		(1u << 5)
#define NICPMD_RXD_L3CS_BAD		(1u << 6)
#define NICPMD_RXD_L4CS_CHECKED		(1u << 7)
#define NICPMD_RXD_L4CS_BAD		(1u << 8)
#define NICPMD_RXD_ERR			(1u << 9)  /* buffer unusable: no data */
#define NICPMD_RXD_FLOW_MARK		(1u << 10) /* rss_hash holds a rule's mark */
#define NICPMD_RXD_FLOW_FLAG		(1u << 11) /* a FLAG or MARK rule matched */
/* Outer headers of a UDP-tunnelled frame (F_TUNNEL_OFFLOAD, RXQ_F_CSUM). */
#define NICPMD_RXD_OUTER_L3CS_BAD	(1u << 12) /* outer IPv4 header csum */
#define NICPMD_RXD_OUTER_L4CS_CHECKED	(1u << 13) /* outer UDP csum verified */
#define NICPMD_RXD_OUTER_L4CS_BAD	(1u << 14)
/* The three outer checksum bits as one field (OUTER_L3CS_BAD is bit 0). */
#define NICPMD_RXD_OUTER_CSUM		0x00007000u
/* The four checksum bits as one field (L3CS_CHECKED is its bit 0). */
#define NICPMD_RXD_CSUM			0x000001e0u
/* Inner headers of a tunnelled frame (ptype tunnel nibble != 0). */
#define NICPMD_RXD_INNER_L3		0x000f0000u /* NICPMD_PTYPE_L3 value */
#define NICPMD_RXD_INNER_L4		0x00f00000u /* NICPMD_PTYPE_L4 value */
#define NICPMD_RXD_INNER_L2_ETHER	(1u << 24)

/*
 * Write-back format: the device returns a filled buffer. For a frame
 * spread over several buffers, len is per buffer and EOP marks the last;
 * the metadata (rss_hash, ptype, vlan tags, checksum and strip bits) is
 * valid in the frame's FIRST descriptor.
 *
 * Checksum bits (with F_RX_CSUM): L3CS_CHECKED when the outer header was
 * IPv4 and its checksum verified (L3CS_BAD: it was wrong), or a well-formed
 * IPv6 header (no checksum: never L3CS_BAD); L4CS_CHECKED
 * when a TCP, UDP (non-zero checksum over IPv4) or SCTP checksum of an
 * unfragmented outer packet was verified (L4CS_BAD: it was wrong).
 *
 * With F_TUNNEL_OFFLOAD, for a UDP-tunnelled frame (a tunnel port of the
 * table, a tunnel header the parser reads, an inner IPv4/IPv6 header)
 * the four bits describe the INNER L3 and L4 headers by the same rules,
 * and the outer ones go to OUTER_L3CS_BAD (outer IPv4 checksum wrong)
 * and OUTER_L4CS_CHECKED/_BAD (outer UDP checksum; not checked when it
 * is 0 over IPv4).
 */
struct nicpmd_rx_desc_wb {
	uint32_t rss_hash;
	uint16_t len;		/* bytes written to this buffer */
	uint16_t ptype;		/* NICPMD_PTYPE_* */
	uint16_t vlan_tci;
	uint16_t vlan_tci_outer;
	uint32_t status;	/* NICPMD_RXD_*; written last */
};

union nicpmd_rx_desc {
	struct nicpmd_rx_desc_read read;
	struct nicpmd_rx_desc_wb wb;
};

/* ------------------------------------------------------------------ */
/* Rx split descriptor (64 bytes, one cache line; F_RX_SPLIT)          */
/* ------------------------------------------------------------------ */

/*
 * A queue created by CREATE_RXQ_SPLIT cuts every frame by its layout
 * (struct nicpmd_rx_split_seg[], at most NICPMD_RX_SPLIT_MAX_SEGS) and
 * takes one of these descriptors per frame: one buffer for each kept
 * segment, in layout order; discarded segments have none. The device
 * writes buffer i's bytes and buf_len[i], then the plain write-back
 * (wb, at byte 48) whose status, with DD and EOP, it stores last. A
 * buffer the frame did not reach gets buf_len 0 and no data: the driver
 * may post it again as it is.
 */
#define NICPMD_RX_SPLIT_MAX_SEGS	8u	/* layout entries per queue */
#define NICPMD_RX_SPLIT_MAX_BUFS	7u	/* kept segments: buffers per frame */

/* Read format: the buffers of one frame. */
struct nicpmd_rx_split_desc_read {
	uint64_t addr[NICPMD_RX_SPLIT_MAX_BUFS]; /* IOVAs, kept segment order */
	uint64_t rsvd;		/* must be zero: clears the write-back status */
};

/* Write-back format: per-buffer lengths, then the frame's write-back. */
struct nicpmd_rx_split_desc_wb {
	uint16_t buf_len[NICPMD_RX_SPLIT_MAX_BUFS]; /* bytes in buffer i */
	uint16_t rsvd0;
	uint32_t discarded;	/* bytes of the frame no buffer received */
	uint8_t rsvd1[28];
	struct nicpmd_rx_desc_wb wb;	/* len: bytes in all buffers */
};

union nicpmd_rx_split_desc {
	struct nicpmd_rx_split_desc_read read;
	struct nicpmd_rx_split_desc_wb wb;
};

/*
 * One entry of a split layout. Entries cut the frame (as delivered, after
 * tag stripping) front to back, each starting where the one before
 * ended:
 * - hdr 0: the entry takes len bytes, fewer at the end of the frame; len
 *   0 takes the rest of the frame (a discarded last entry only);
 * - hdr NICPMD_RX_HDR_*: the entry ends where that header ends, if the
 *   frame's outer headers are that protocol sequence from the Ethernet
 *   header on and the header ends at or after the entry's start and
 *   within len bytes of it (a discarded entry's len 0: any distance).
 *   Otherwise the entry takes nothing (and the frame counts a header
 *   miss): later entries take the bytes, so a frame is split up to the
 *   longest sequence of headers it matches.
 * A kept entry's len is the room of its buffer (1 .. 65535); bytes of
 * the frame after the last entry make it too long: dropped, rx_too_long.
 */
struct nicpmd_rx_split_seg {
	uint16_t len;		/* bytes, buffer room or header limit */
	uint8_t flags;		/* NICPMD_RX_SEG_* */
	uint8_t hdr;		/* NICPMD_RX_HDR_*; 0: a fixed length */
};
#define NICPMD_RX_SEG_DISCARD		(1u << 0) /* no buffer: bytes dropped */
#define NICPMD_RX_HDR_ETH		1u  /* Ethernet header and its tags */
#define NICPMD_RX_HDR_IPV4		2u  /* ... IPv4 header, options */
#define NICPMD_RX_HDR_IPV6		3u  /* ... IPv6 header, extensions */
#define NICPMD_RX_HDR_IPV4_TCP		4u  /* ... then the L4 header: */
#define NICPMD_RX_HDR_IPV4_UDP		5u  /*     unfragmented, whole */
#define NICPMD_RX_HDR_IPV4_SCTP		6u
#define NICPMD_RX_HDR_IPV6_TCP		7u
#define NICPMD_RX_HDR_IPV6_UDP		8u
#define NICPMD_RX_HDR_IPV6_SCTP		9u
#define NICPMD_RX_HDR_MAX		9u

/*
 * Split modes. LAYOUT: every frame is cut by the layout. FIT (every
 * entry kept, fixed length; buffers of different sizes from small to
 * large): a frame goes whole into the first buffer whose len holds it,
 * the others stay unused; a frame no buffer holds is cut by the layout.
 */
#define NICPMD_RX_SPLIT_MODE_LAYOUT	0u
#define NICPMD_RX_SPLIT_MODE_FIT	1u

/*
 * Device packet type (with NICPMD_RXQ_F_PTYPE; else L2_ETHER only):
 * [3:0] L2, [7:4] L3, [11:8] L4, [15:12] tunnel, of the outer headers as
 * delivered (a stripped tag is no longer in the frame). Tunnels are
 * recognised on IP protocol 47 (GRE) and on UDP destination ports: 4789
 * (VXLAN) without F_UDP_TUNNEL, the port table with it; their inner
 * headers are in the status word (NICPMD_RXD_INNER_*).
 */
#define NICPMD_PTYPE_L2			0x000fu	/* fields of the ptype word */
#define NICPMD_PTYPE_L3			0x00f0u
#define NICPMD_PTYPE_L4			0x0f00u
#define NICPMD_PTYPE_TUN		0xf000u
#define NICPMD_PTYPE_L2_ETHER		0x1u
#define NICPMD_PTYPE_L2_VLAN		0x2u
#define NICPMD_PTYPE_L2_QINQ		0x3u
#define NICPMD_PTYPE_L3_IPV4		0x10u
#define NICPMD_PTYPE_L3_IPV4_EXT	0x20u
#define NICPMD_PTYPE_L3_IPV6		0x30u
#define NICPMD_PTYPE_L3_IPV6_EXT	0x40u
#define NICPMD_PTYPE_L4_TCP		0x100u
#define NICPMD_PTYPE_L4_UDP		0x200u
#define NICPMD_PTYPE_L4_SCTP		0x300u
#define NICPMD_PTYPE_L4_ICMP		0x400u
#define NICPMD_PTYPE_L4_FRAG		0x500u
#define NICPMD_PTYPE_L4_OTHER		0x600u
#define NICPMD_PTYPE_TUN_VXLAN		0x1000u
#define NICPMD_PTYPE_TUN_GRE		0x2000u
#define NICPMD_PTYPE_TUN_VXLAN_GPE	0x3000u	/* F_UDP_TUNNEL */
#define NICPMD_PTYPE_TUN_GENEVE		0x4000u	/* F_UDP_TUNNEL */

/* ------------------------------------------------------------------ */
/* Admin queue                                                         */
/* ------------------------------------------------------------------ */

/* Opcodes. */
enum nicpmd_aq_opcode {
	NICPMD_AQ_NOP = 0x00,
	NICPMD_AQ_CREATE_TXQ = 0x01,	/* struct nicpmd_aq_txq */
	NICPMD_AQ_DESTROY_TXQ = 0x02,	/* struct nicpmd_aq_qid */
	NICPMD_AQ_CREATE_RXQ = 0x03,	/* struct nicpmd_aq_rxq */
	NICPMD_AQ_DESTROY_RXQ = 0x04,	/* struct nicpmd_aq_qid */
	NICPMD_AQ_PORT_ENABLE = 0x05,	/* no parameters */
	NICPMD_AQ_PORT_DISABLE = 0x06,	/* no parameters */
	NICPMD_AQ_SET_MAC = 0x07,	/* struct nicpmd_aq_mac */
	NICPMD_AQ_SET_RX_MODE = 0x08,	/* struct nicpmd_aq_rx_mode */
	NICPMD_AQ_SET_MTU = 0x09,	/* struct nicpmd_aq_mtu */
	NICPMD_AQ_GET_STATS = 0x0a,	/* struct nicpmd_aq_dma */
	NICPMD_AQ_SET_LINK = 0x0b,	/* struct nicpmd_aq_link */
	NICPMD_AQ_SET_LOOPBACK = 0x0c,	/* struct nicpmd_aq_loopback */
	NICPMD_AQ_SET_VLAN_FILTER = 0x0d, /* struct nicpmd_aq_vlan_filter */
	NICPMD_AQ_SET_VLAN_CONFIG = 0x0e, /* struct nicpmd_aq_vlan_config */
	NICPMD_AQ_SET_RXQ_FLAGS = 0x0f,	/* struct nicpmd_aq_rxq_flags */
	NICPMD_AQ_SET_RSS_KEY = 0x10,	/* struct nicpmd_aq_rss_key */
	NICPMD_AQ_SET_RSS_RETA = 0x11,	/* struct nicpmd_aq_rss_reta */
	NICPMD_AQ_SET_RSS = 0x12,	/* struct nicpmd_aq_rss */
	NICPMD_AQ_SET_ADDR_FILTER = 0x13, /* struct nicpmd_aq_addr_filter */
	NICPMD_AQ_SET_FLOW_CTRL = 0x14,	/* struct nicpmd_aq_flow_ctrl */
	NICPMD_AQ_GET_FLOW_CTRL = 0x15,	/* struct nicpmd_aq_flow_ctrl, filled */
	NICPMD_AQ_FLOW_ADD = 0x18,	/* struct nicpmd_aq_flow_add */
	NICPMD_AQ_FLOW_DEL = 0x19,	/* struct nicpmd_aq_flow_index */
	NICPMD_AQ_FLOW_FLUSH = 0x1a,	/* no parameters */
	NICPMD_AQ_FLOW_QUERY = 0x1b,	/* struct nicpmd_aq_flow_query */
	NICPMD_AQ_FLOW_STATS = 0x1c,	/* struct nicpmd_aq_dma */
	NICPMD_AQ_FLOW_CONFIG = 0x1d,	/* struct nicpmd_aq_flow_config */
	NICPMD_AQ_CREATE_RXQ_SPLIT = 0x20, /* struct nicpmd_aq_rxq_split */
	NICPMD_AQ_GET_RX_SPLIT_STATS = 0x21, /* nicpmd_aq_rx_split_stats, filled */
	NICPMD_AQ_SET_UDP_TUNNEL = 0x22, /* struct nicpmd_aq_udp_tunnel */
	NICPMD_AQ_FAULT_INJECT = 0x30,	/* experimental: nicpmd_aq_fault */
};

/* Completion status codes. */
enum nicpmd_aq_status {
	NICPMD_AQ_S_OK = 0,
	NICPMD_AQ_S_EINVAL = 1,		/* a parameter is out of range */
	NICPMD_AQ_S_ENOSYS = 2,		/* unknown opcode */
	NICPMD_AQ_S_EPERM = 3,		/* needs a feature not negotiated */
	NICPMD_AQ_S_EBUSY = 4,		/* object in use (e.g. queue exists) */
	NICPMD_AQ_S_ENOENT = 5,		/* object does not exist */
	NICPMD_AQ_S_EFAULT = 6,		/* an IOVA could not be accessed */
	NICPMD_AQ_S_ENOSPC = 7,		/* a table is full (ABI 1.1) */
};

/* Admin command flags. */
#define NICPMD_AQ_F_DONE		(1u << 0) /* device: completed */

struct nicpmd_aq_qid {
	uint16_t qid;
};

struct nicpmd_aq_txq {
	uint64_t ring_iova;	/* nb_desc struct nicpmd_tx_desc */
	uint16_t qid;
	uint16_t nb_desc;	/* power of two within RING_LIMITS */
};

struct nicpmd_aq_rxq {
	uint64_t ring_iova;	/* nb_desc union nicpmd_rx_desc */
	uint16_t qid;
	uint16_t nb_desc;	/* power of two within RING_LIMITS */
	uint16_t buf_len;	/* bytes usable in every posted buffer */
	uint16_t flags;		/* NICPMD_RXQ_F_* */
};
#define NICPMD_RXQ_F_SCATTER		(1u << 0) /* frame may span buffers */
#define NICPMD_RXQ_F_VLAN_STRIP		(1u << 1) /* strip the outermost tag */
#define NICPMD_RXQ_F_QINQ_STRIP		(1u << 2) /* strip outer + inner tags */
#define NICPMD_RXQ_F_CSUM		(1u << 3) /* check checksums (F_RX_CSUM) */
#define NICPMD_RXQ_F_PTYPE		(1u << 4) /* parse ptype (F_RX_PTYPE) */
/* Flags a live queue may change; SCATTER is fixed at creation. */
#define NICPMD_RXQ_F_LIVE		(NICPMD_RXQ_F_VLAN_STRIP | \
					 NICPMD_RXQ_F_QINQ_STRIP | \
					 NICPMD_RXQ_F_CSUM | NICPMD_RXQ_F_PTYPE)

struct nicpmd_aq_rxq_flags {
	uint16_t qid;
	uint16_t flags;		/* NICPMD_RXQ_F_LIVE bits */
};

/*
 * CREATE_RXQ_SPLIT (F_RX_SPLIT): an Rx queue of union nicpmd_rx_split_desc
 * cutting frames by seg[0 .. nb_seg - 1]; flags as SET_RXQ_FLAGS takes.
 */
struct nicpmd_aq_rxq_split {
	uint64_t ring_iova;	/* nb_desc union nicpmd_rx_split_desc */
	uint16_t qid;
	uint16_t nb_desc;	/* power of two within RING_LIMITS */
	uint16_t flags;		/* NICPMD_RXQ_F_LIVE bits */
	uint8_t nb_seg;		/* 1 .. NICPMD_RX_SPLIT_MAX_SEGS */
	uint8_t mode;		/* NICPMD_RX_SPLIT_MODE_* */
	struct nicpmd_rx_split_seg seg[NICPMD_RX_SPLIT_MAX_SEGS];
};

/* GET_RX_SPLIT_STATS: the port's split counters, free-running. */
struct nicpmd_aq_rx_split_stats {
	uint64_t frames;	/* delivered through a split layout */
	uint64_t discard_bytes;	/* bytes of them no buffer received */
	uint64_t hdr_miss;	/* frames short of a header split point */
	uint64_t empty_drops;	/* dropped: the layout kept no byte */
};

/*
 * Receive-side scaling (F_RSS). With hash types enabled, the device
 * computes the Toeplitz hash (Microsoft RSS) of each frame whose outer
 * headers match an enabled type, over the IPv4/IPv6 source and
 * destination addresses, then the source and destination ports for the
 * TCP/UDP types (unfragmented packets only), with the 40-byte key; it
 * delivers the frame to queue reta[hash % NICPMD_RSS_RETA_SIZE] and
 * writes the hash with RXD_RSS_VALID. Other frames go to queue 0 without
 * a hash. The hash equals DPDK's rte_softrss() over an rte_thash tuple.
 * Reset: RSS off, key and RETA zero.
 */
#define NICPMD_RSS_KEY_LEN		40u
#define NICPMD_RSS_RETA_SIZE		128u
#define NICPMD_RSS_IPV4			(1u << 0)
#define NICPMD_RSS_TCP_IPV4		(1u << 1)
#define NICPMD_RSS_UDP_IPV4		(1u << 2)
#define NICPMD_RSS_IPV6			(1u << 3)
#define NICPMD_RSS_TCP_IPV6		(1u << 4)
#define NICPMD_RSS_UDP_IPV6		(1u << 5)
#define NICPMD_RSS_TYPES		0x3fu
/*
 * Not a type but the level (F_TUNNEL_OFFLOAD; else AQ_S_EPERM): a
 * UDP-tunnelled frame (see the Rx write-back) is hashed and typed by its
 * inner IPv4/IPv6 and TCP/UDP headers instead of its outer ones. Other
 * frames hash as without it.
 */
#define NICPMD_RSS_INNER		(1u << 31)

struct nicpmd_aq_rss_key {
	uint8_t key[NICPMD_RSS_KEY_LEN];
};

/* RETA entries first .. first + count - 1 (count <= 32). */
#define NICPMD_RSS_RETA_PER_CMD		32u
struct nicpmd_aq_rss_reta {
	uint16_t first;
	uint16_t count;
	uint8_t queue[NICPMD_RSS_RETA_PER_CMD];	/* Rx queue ids */
};

struct nicpmd_aq_rss {
	uint32_t types;		/* NICPMD_RSS_*; no type: RSS off */
};

/*
 * Address filter tables (F_MAC_FILTER). Without promiscuous mode a
 * unicast frame is accepted when its destination is the port MAC
 * (SET_MAC) or a valid entry of the unicast table; a multicast frame
 * (not broadcast) when ALLMULTI is on or it is in the multicast table.
 * Reset: both tables empty.
 */
#define NICPMD_UC_TABLE_SIZE		15u	/* besides the port MAC */
#define NICPMD_MC_TABLE_SIZE		32u
#define NICPMD_ADDR_TABLE_UC		0u
#define NICPMD_ADDR_TABLE_MC		1u
struct nicpmd_aq_addr_filter {
	uint8_t table;		/* NICPMD_ADDR_TABLE_* */
	uint8_t index;		/* entry in that table */
	uint8_t valid;		/* 1: set addr, 0: clear the entry */
	uint8_t rsvd;
	uint8_t addr[6];	/* unicast for UC, group bit set for MC */
};

/* Accept (on=1) or stop accepting (on=0) one VLAN ID; needs F_VLAN. */
struct nicpmd_aq_vlan_filter {
	uint16_t vid;		/* 0..4095 */
	uint8_t on;
};

/*
 * Port VLAN configuration; needs F_VLAN (F_QINQ for an outer TPID other
 * than the default). A frame is tagged when its EtherType is inner_tpid
 * or outer_tpid; a second tag after an outer one makes it QinQ.
 */
/* drop tagged frames whose inner VID is not accepted (not PROMISC) */
#define NICPMD_VLAN_CFG_FILTER		(1u << 0)
/*
 * Extended (double) VLAN, needs F_QINQ: the first of two tags is the
 * outer (service) tag whatever its TPID, so QinQ strip takes both tags
 * of a frame tagged inner TPID twice.
 */
#define NICPMD_VLAN_CFG_EXTEND		(1u << 1)
#define NICPMD_DEFAULT_INNER_TPID	0x8100u
#define NICPMD_DEFAULT_OUTER_TPID	0x88a8u
struct nicpmd_aq_vlan_config {
	uint32_t flags;		/* NICPMD_VLAN_CFG_* */
	uint16_t inner_tpid;	/* default 0x8100 */
	uint16_t outer_tpid;	/* default 0x88a8; used by QINQ_INS */
};

/*
 * Ethernet flow control (F_FLOW_CTRL), IEEE 802.3x PAUSE. With the
 * feature the MAC consumes received MAC control frames (01:80:c2:00:00:01,
 * EtherType 0x8808) unless FWD_MAC_CTRL; a PAUSE (opcode 0x0001) holds
 * Tx for its quanta (512 bit times each at the link speed) when RX_PAUSE
 * is on. With TX_PAUSE the device sends a PAUSE of pause_time quanta
 * when a started Rx queue holds high_water or more descriptors not given
 * back by the driver, again every half pause_time while that lasts, and
 * (SEND_XON) one of 0 quanta once every queue is below low_water.
 * SET takes mode, flags, pause_time, high_water, low_water (0: defaults
 * 0xffff quanta, 3/4 and 1/4 of each ring); GET returns them as set plus
 * the state and counters below. Reset: all off, counters kept.
 */
#define NICPMD_FC_RX_PAUSE		(1u << 0) /* honour received PAUSE */
#define NICPMD_FC_TX_PAUSE		(1u << 1) /* send PAUSE on Rx pressure */
#define NICPMD_FC_F_SEND_XON		(1u << 0)
#define NICPMD_FC_F_FWD_MAC_CTRL	(1u << 1) /* deliver MAC control frames */
#define NICPMD_FC_F_AUTONEG		(1u << 2) /* advertise pause in autoneg */
struct nicpmd_aq_flow_ctrl {
	uint8_t mode;		/* NICPMD_FC_RX_PAUSE | NICPMD_FC_TX_PAUSE */
	uint8_t flags;		/* NICPMD_FC_F_* */
	uint16_t pause_time;	/* quanta in sent PAUSE frames */
	uint16_t high_water;	/* descriptors; 0 < low_water < high_water */
	uint16_t low_water;
	uint8_t xoff;		/* GET: a PAUSE sent, no XON since */
	uint8_t rsvd[7];
	uint64_t rx_pause;	/* GET: PAUSE frames received */
	uint64_t tx_pause;	/* GET: PAUSE frames sent (XON included) */
	uint64_t tx_held;	/* GET: Tx doorbells deferred by a PAUSE */
};

/*
 * UDP tunnel ports (F_UDP_TUNNEL): the UDP destination ports on which the
 * parser looks for a tunnel header and types the inner frame. A table of
 * NICPMD_UDP_TUNNEL_PORTS entries; reset: 4789 as VXLAN. Adding a port
 * already there with the same type changes nothing; with another type it
 * is EBUSY; a full table is ENOSPC; removing a missing port is ENOENT.
 */
#define NICPMD_UDP_TUNNEL_PORTS		8u
#define NICPMD_UDP_TUNNEL_VXLAN		1u	/* RFC 7348, inner Ethernet */
#define NICPMD_UDP_TUNNEL_VXLAN_GPE	2u	/* next protocol: IPv4/6, Ethernet */
#define NICPMD_UDP_TUNNEL_GENEVE	3u	/* RFC 8926, with options */
struct nicpmd_aq_udp_tunnel {
	uint16_t port;		/* UDP destination port, host order, not 0 */
	uint8_t type;		/* NICPMD_UDP_TUNNEL_* */
	uint8_t add;		/* 1: add, 0: remove */
};

struct nicpmd_aq_mac {
	uint8_t addr[6];
};

#define NICPMD_RX_MODE_PROMISC		(1u << 0)
#define NICPMD_RX_MODE_ALLMULTI		(1u << 1)
#define NICPMD_RX_MODE_BROADCAST	(1u << 2)
struct nicpmd_aq_rx_mode {
	uint32_t mode;		/* NICPMD_RX_MODE_* */
};

struct nicpmd_aq_mtu {
	uint16_t mtu;		/* L3 bytes; frames above it are dropped */
};

struct nicpmd_aq_dma {
	uint64_t iova;		/* host buffer the device writes to */
	uint32_t len;		/* its size in bytes */
};

struct nicpmd_aq_link {
	uint8_t up;		/* 1: administratively up, 0: down */
};

struct nicpmd_aq_loopback {
	uint8_t enable;		/* 1: Tx returns to own Rx, not the wire */
};

/*
 * Experimental: the device misbehaves on purpose, so a driver can show it
 * survives a broken device. A field left 0 is off (a driver that knows
 * only drop_every asks for nothing else). Every command replaces all
 * fields and restarts the counts.
 */
struct nicpmd_aq_fault {
	uint32_t drop_every;	/* drop every Nth Tx frame; 0: off */
	uint32_t wb_every;	/* corrupt every Nth Rx write-back; 0: off */
	uint32_t wb_kinds;	/* NICPMD_FAULT_WB_*: how, taken in turn */
	uint32_t flags;		/* NICPMD_FAULT_F_* */
};
#define NICPMD_FAULT_WB_LEN_ZERO	(1u << 0) /* len 0 */
#define NICPMD_FAULT_WB_LEN_OVER	(1u << 1) /* len over the buffer */
#define NICPMD_FAULT_WB_NO_EOP		(1u << 2) /* one-buffer frame, no EOP */
/* every status bit but ERR, ptype and tags garbage */
#define NICPMD_FAULT_WB_FLAGS		(1u << 3)
#define NICPMD_FAULT_WB_KINDS		0xfu
/* deliver nothing (frames are dropped as no buffer) */
#define NICPMD_FAULT_F_STALL_RX		(1u << 0)
#define NICPMD_FAULT_F_STALL_TX		(1u << 1) /* fetch no Tx descriptor */
/* the next completion carries a wrong cookie */
#define NICPMD_FAULT_F_AQ_COOKIE	(1u << 2)
/* the next command is never completed */
#define NICPMD_FAULT_F_AQ_SILENT	(1u << 3)
#define NICPMD_FAULT_F_LINK_DOWN	(1u << 4) /* carrier lost while set */
#define NICPMD_FAULT_F_ALL		0x1fu

/* ------------------------------------------------------------------ */
/* Flow table (F_FLOW)                                                 */
/* ------------------------------------------------------------------ */

/*
 * A match-action table in front of queue selection. A rule lives in a
 * slot (0 .. NICPMD_FLOW_TABLE_SIZE - 1, chosen by the driver) of one
 * group; a frame is looked up in group 0, then in the groups JUMP rules
 * send it to. Within a group the rule with the lowest priority value
 * matches first (equal priorities: the lower slot). No match: the port's
 * own steering (RSS / queue 0), or a drop when the table is isolated.
 * The doc/spec "Flow table" section is the full story.
 */
#define NICPMD_FLOW_TABLE_SIZE		256u	/* rules per port, all groups */
#define NICPMD_FLOW_MAX_GROUPS		16u	/* groups 0 .. 15 */
#define NICPMD_FLOW_MAX_PRIORITY	0xffffu	/* 0 is the highest */
#define NICPMD_FLOW_MAX_RANGES		4u
#define NICPMD_FLOW_MAX_MODS		8u
#define NICPMD_FLOW_MOD_MAX_LEN		16u

/* Headers the device recognises, as bits of the key's layers word. */
#define NICPMD_FLOW_L_ETH		(1u << 0)  /* always set */
#define NICPMD_FLOW_L_VLAN		(1u << 1)  /* at least one tag */
#define NICPMD_FLOW_L_QINQ		(1u << 2)  /* a second tag */
#define NICPMD_FLOW_L_IPV4		(1u << 3)
#define NICPMD_FLOW_L_IPV6		(1u << 4)
#define NICPMD_FLOW_L_TCP		(1u << 5)  /* unfragmented, >= 20 bytes */
#define NICPMD_FLOW_L_UDP		(1u << 6)  /* unfragmented, >= 8 bytes */
#define NICPMD_FLOW_L_SCTP		(1u << 7)  /* unfragmented, >= 12 bytes */
#define NICPMD_FLOW_L_ICMP		(1u << 8)  /* IPv4 protocol 1, >= 8 bytes */
#define NICPMD_FLOW_L_ICMP6		(1u << 9)  /* IPv6 next header 58 */
#define NICPMD_FLOW_L_ARP		(1u << 10) /* Ethernet/IPv4 ARP */
#define NICPMD_FLOW_L_VXLAN		(1u << 11) /* UDP destination port 4789 */
#define NICPMD_FLOW_L_FRAG		(1u << 12) /* IPv4 or IPv6 fragment */
#define NICPMD_FLOW_L_IPV6_HOP		(1u << 13) /* IPv6 extension headers */
#define NICPMD_FLOW_L_IPV6_ROUTE	(1u << 14)
#define NICPMD_FLOW_L_IPV6_DEST		(1u << 15)
#define NICPMD_FLOW_L_ALL		0x0000ffffu

/*
 * What the device extracts from every frame it looks up, and the layout
 * of a rule's value and mask. Header windows hold the bytes as they are
 * in the frame (network byte order); a header the frame lacks reads as
 * zero. A frame matches when, for every byte, (key & mask) == value.
 */
struct nicpmd_flow_key {
	uint32_t layers;	/* NICPMD_FLOW_L_* (little-endian) */
	uint8_t eth[14];	/* destination, source, EtherType or TPID */
	uint8_t vlan[2][4];	/* per tag, outer first: TCI, next EtherType */
	uint8_t ipv4[20];	/* fixed header; options are not matched */
	uint8_t ipv6[40];	/* fixed header */
	uint8_t tcp[20];
	uint8_t udp[8];
	uint8_t sctp[12];	/* common header */
	uint8_t icmp[8];	/* type, code, checksum, identifier, sequence */
	uint8_t icmp6[4];	/* type, code, checksum */
	uint8_t arp[28];	/* hardware type .. target protocol address */
	uint8_t vxlan[8];
	uint8_t rsvd[2];	/* zero in keys, values and masks */
};

/*
 * A range on one field of the key: the big-endian number of width bytes
 * at offset, ANDed with mask, must lie in [min, max]. Such a field is
 * left out of the rule's mask.
 */
struct nicpmd_flow_range {
	uint16_t offset;	/* into struct nicpmd_flow_key, >= 4 */
	uint8_t width;		/* 1, 2 or 4 */
	uint8_t rsvd;
	uint32_t mask;
	uint32_t min;
	uint32_t max;
};

/*
 * A header rewrite, applied when the rule matches: bytes offset ..
 * offset + len - 1 of header hdr become (old & ~mask) | (value & mask)
 * (SET), or one byte is decremented unless it is 0 (DEC). Only the
 * fields the spec lists can change; the device fixes the IPv4 header
 * checksum and the TCP, UDP and ICMPv6 checksums that cover them.
 */
#define NICPMD_FLOW_HDR_ETH		0u
#define NICPMD_FLOW_HDR_IPV4		1u
#define NICPMD_FLOW_HDR_IPV6		2u
#define NICPMD_FLOW_HDR_TCP		3u
#define NICPMD_FLOW_HDR_UDP		4u
#define NICPMD_FLOW_MOD_SET		0u
#define NICPMD_FLOW_MOD_DEC		1u
struct nicpmd_flow_mod {
	uint8_t hdr;		/* NICPMD_FLOW_HDR_* */
	uint8_t op;		/* NICPMD_FLOW_MOD_* */
	uint8_t offset;		/* first byte, from the header's start */
	uint8_t len;		/* 1 .. NICPMD_FLOW_MOD_MAX_LEN (DEC: 1) */
	uint8_t value[NICPMD_FLOW_MOD_MAX_LEN];
	uint8_t mask[NICPMD_FLOW_MOD_MAX_LEN];	/* bits replaced (SET) */
};

/* Hash functions of an RSS rule. */
#define NICPMD_FLOW_RSS_TOEPLITZ	0u	/* as the port's RSS */
#define NICPMD_FLOW_RSS_SYM_TOEPLITZ	1u	/* Toeplitz over src ^ dst */
#define NICPMD_FLOW_RSS_SIMPLE_XOR	2u	/* XOR of the input's words */
#define NICPMD_FLOW_RSS_SORT_TOEPLITZ	3u	/* Toeplitz, src/dst sorted */
#define NICPMD_FLOW_RSS_OWN_KEY		(1u << 0) /* key below, not the port's */
#define NICPMD_FLOW_RSS_OWN_RETA	(1u << 1) /* reta below, not the port's */
struct nicpmd_flow_rss {
	uint8_t func;		/* NICPMD_FLOW_RSS_TOEPLITZ .. _SORT_TOEPLITZ */
	uint8_t flags;		/* NICPMD_FLOW_RSS_OWN_* */
	uint16_t rsvd;
	uint32_t types;		/* NICPMD_RSS_*; 0: every type */
	uint8_t key[NICPMD_RSS_KEY_LEN];
	uint8_t reta[NICPMD_RSS_RETA_SIZE];	/* Rx queue per hash % 128 */
};

/* What a matching rule does with the frame. */
#define NICPMD_FLOW_FATE_DEFAULT	0u	/* the port's steering */
#define NICPMD_FLOW_FATE_QUEUE		1u	/* to Rx queue 'queue' */
#define NICPMD_FLOW_FATE_DROP		2u
#define NICPMD_FLOW_FATE_RSS		3u	/* hashed by 'rss' */
#define NICPMD_FLOW_FATE_JUMP		4u	/* look up group 'jump' */
#define NICPMD_FLOW_FATE_PASSTHRU	5u	/* go on with the next rules */
#define NICPMD_FLOW_F_MARK		(1u << 0) /* write 'mark' (RXD_FLOW_MARK) */
#define NICPMD_FLOW_F_FLAG		(1u << 1) /* set RXD_FLOW_FLAG */

/* A rule, in host memory for FLOW_ADD (896 bytes). */
struct nicpmd_flow_rule {
	uint16_t group;		/* < NICPMD_FLOW_MAX_GROUPS */
	uint16_t priority;	/* lower values first */
	uint8_t fate;		/* NICPMD_FLOW_FATE_* */
	uint8_t flags;		/* NICPMD_FLOW_F_* */
	uint8_t nb_ranges;	/* entries used in range[] */
	uint8_t nb_mods;	/* entries used in mod[], applied in order */
	uint16_t queue;		/* FATE_QUEUE */
	uint16_t jump;		/* FATE_JUMP: a group above 'group' */
	uint32_t mark;		/* F_MARK */
	struct nicpmd_flow_key value;	/* bits outside mask must be 0 */
	struct nicpmd_flow_key mask;
	struct nicpmd_flow_range range[NICPMD_FLOW_MAX_RANGES];
	struct nicpmd_flow_mod mod[NICPMD_FLOW_MAX_MODS];
	struct nicpmd_flow_rss rss;	/* FATE_RSS */
};

/* FLOW_ADD: the rule at iova (len >= sizeof(struct nicpmd_flow_rule)). */
struct nicpmd_aq_flow_add {
	uint64_t iova;
	uint32_t len;
	uint16_t index;		/* slot, < NICPMD_FLOW_TABLE_SIZE, empty */
	uint16_t rsvd;
};

struct nicpmd_aq_flow_index {
	uint16_t index;
};

/* FLOW_QUERY: one rule's counters into struct nicpmd_flow_counters. */
#define NICPMD_FLOW_QUERY_RESET		(1u << 0) /* zero them after reading */
struct nicpmd_aq_flow_query {
	uint64_t iova;
	uint32_t len;
	uint16_t index;
	uint8_t flags;		/* NICPMD_FLOW_QUERY_* */
	uint8_t rsvd;
};

struct nicpmd_flow_counters {
	uint64_t hits;		/* frames the rule matched */
	uint64_t bytes;		/* their bytes, as they arrived */
};

/* FLOW_STATS: the table's counters (free-running, reset clears them). */
struct nicpmd_flow_stats {
	uint64_t lookups;	/* frames looked up */
	uint64_t matched;	/* ... that at least one rule matched */
	uint64_t dropped;	/* dropped by a DROP rule */
	uint64_t isolated;	/* dropped: no rule matched, table isolated */
	uint64_t unmodified;	/* rewrites not done: header past 256 bytes */
};

#define NICPMD_FLOW_CFG_ISOLATE		(1u << 0) /* drop frames no rule takes */
struct nicpmd_aq_flow_config {
	uint32_t flags;		/* NICPMD_FLOW_CFG_* */
};

/* One admin queue entry: 64 bytes, one cache line. */
struct nicpmd_aq_desc {
	uint16_t opcode;	/* enum nicpmd_aq_opcode */
	uint16_t flags;		/* NICPMD_AQ_F_*; device sets DONE last */
	uint16_t status;	/* enum nicpmd_aq_status, valid with DONE */
	uint16_t cookie;	/* driver's, returned untouched */
	uint32_t ret;		/* command-specific return value */
	uint32_t rsvd;
	union {
		struct nicpmd_aq_qid qid;
		struct nicpmd_aq_txq txq;
		struct nicpmd_aq_rxq rxq;
		struct nicpmd_aq_mac mac;
		struct nicpmd_aq_rx_mode rx_mode;
		struct nicpmd_aq_mtu mtu;
		struct nicpmd_aq_dma dma;
		struct nicpmd_aq_link link;
		struct nicpmd_aq_loopback loopback;
		struct nicpmd_aq_fault fault;
		struct nicpmd_aq_vlan_filter vlan_filter;
		struct nicpmd_aq_vlan_config vlan_config;
		struct nicpmd_aq_rxq_flags rxq_flags;
		struct nicpmd_aq_rss_key rss_key;
		struct nicpmd_aq_rss_reta rss_reta;
		struct nicpmd_aq_rss rss;
		struct nicpmd_aq_addr_filter addr_filter;
		struct nicpmd_aq_flow_ctrl flow_ctrl;
		struct nicpmd_aq_rxq_split rxq_split;
		struct nicpmd_aq_rx_split_stats rx_split_stats;
		struct nicpmd_aq_udp_tunnel udp_tunnel;
		struct nicpmd_aq_flow_add flow_add;
		struct nicpmd_aq_flow_index flow_index;
		struct nicpmd_aq_flow_query flow_query;
		struct nicpmd_aq_flow_config flow_config;
		uint8_t raw[48];
	} u;
};

/* ------------------------------------------------------------------ */
/* Statistics block (written by GET_STATS)                             */
/* ------------------------------------------------------------------ */

/*
 * Counters are free-running 64-bit values; only a device reset clears
 * them. Drivers implement "reset" by remembering a baseline.
 */
struct nicpmd_hw_queue_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t drops;		/* Rx: no buffer posted; Tx: bad descriptor */
};

struct nicpmd_hw_stats {
	uint64_t rx_packets;		/* delivered to a queue */
	uint64_t rx_bytes;
	uint64_t rx_no_buffer;		/* dropped: no Rx buffer posted */
	uint64_t rx_filtered;		/* dropped: MAC/mode filter */
	uint64_t rx_oversize;		/* dropped: longer than MTU allows */
	uint64_t rx_too_long;		/* dropped: over buffer, no scatter */
	uint64_t rx_runt;		/* dropped: shorter than 14 bytes */
	uint64_t rx_port_down;		/* dropped: port disabled/link down */
	uint64_t tx_packets;		/* frames put on the wire */
	uint64_t tx_bytes;
	uint64_t tx_bad_desc;		/* dropped: malformed descriptor */
	uint64_t tx_link_down;		/* dropped: no link */
	uint64_t tx_fault_drops;	/* dropped by FAULT_INJECT */
	uint64_t link_changes;		/* link up/down transitions */
	uint64_t rx_buf_errors;		/* dropped: Rx buffer not writable */
	uint64_t rx_vlan_filtered;	/* dropped: VID not accepted */
	uint64_t rx_l3_csum_bad;	/* delivered with L3CS_BAD */
	uint64_t rx_l4_csum_bad;	/* delivered with L4CS_BAD */
	uint64_t tx_tso_frames;		/* frames produced by TSO */
	uint32_t nb_rxq;		/* entries that follow in rxq[] */
	uint32_t nb_txq;		/* entries that follow in txq[] */
	struct nicpmd_hw_queue_stats rxq[NICPMD_MAX_QUEUES];
	struct nicpmd_hw_queue_stats txq[NICPMD_MAX_QUEUES];
};

/*
 * With F_STATS_EXT, GET_STATS writes this right after struct
 * nicpmd_hw_stats, as many whole counters of it as the command's len
 * leaves room for, and returns in ret the bytes written in all. Later
 * versions only append counters, so a driver uses exactly those that ret
 * covers and an older device (smaller ret) simply has fewer. Without the
 * feature the device writes struct nicpmd_hw_stats alone, as before.
 *
 * The wire counters: what the cable, not the MAC, did with frames.
 */
struct nicpmd_hw_stats_ext {
	/* dropped: malformed on arrival (bad length, truncated, corrupt
	 * capture record)
	 */
	uint64_t rx_wire_errors;
	/* the far side's ring state made no sense: what it held was skipped */
	uint64_t rx_wire_resyncs;
	/* sent by the MAC, not carried (far ring full, refused by the
	 * kernel); not in tx_packets
	 */
	uint64_t tx_wire_drops;
	/* far ends refused while connecting (bad hello, memory, timeout) */
	uint64_t wire_handshake_errors;
	/* arrived on the wire, lost before the MAC saw them (the kernel's
	 * Rx ring of an interface was full)
	 */
	uint64_t rx_wire_drops;
};

/* ------------------------------------------------------------------ */
/* Device limits this ABI version guarantees                           */
/* ------------------------------------------------------------------ */

#define NICPMD_MIN_RING			64u
#define NICPMD_MAX_RING			4096u
#define NICPMD_MIN_FRAME		14u	/* Ethernet header */
#define NICPMD_MAX_FRAME		9728u	/* excluding FCS */
#define NICPMD_MIN_MTU			68u
#define NICPMD_DEFAULT_MTU		1500u
#define NICPMD_MIN_RX_BUF		256u	/* smallest buf_len accepted */
#define NICPMD_TX_MAX_SEGS		32u	/* descriptors per packet */
#define NICPMD_AQ_MAX_LEN		256u

/* Bytes of Ethernet framing above the MTU: header and two VLAN tags. */
#define NICPMD_L2_OVERHEAD		(14u + 2u * 4u)

/* ------------------------------------------------------------------ */
/* Tx descriptor as four 64-bit words                                  */
/* ------------------------------------------------------------------ */

/*
 * A driver may fill a Tx descriptor with four 8-byte stores instead of a
 * dozen narrow ones: word 0 is addr, words 1..3 are built here (for a
 * little-endian CPU; the layout is the struct's, checked below). Word 3
 * also clears status.
 */
static inline uint64_t
nicpmd_txd_word1(uint16_t len, uint16_t cmd, uint16_t mss, uint8_t l2_len,
		 uint8_t l4_len)
{
	return len | (uint64_t)cmd << 16 | (uint64_t)mss << 32 |
		(uint64_t)l2_len << 48 | (uint64_t)l4_len << 56;
}

static inline uint64_t
nicpmd_txd_word2(uint16_t l3_len, uint16_t vlan_tci, uint16_t vlan_tci_outer)
{
	return l3_len | (uint64_t)vlan_tci << 16 |
		(uint64_t)vlan_tci_outer << 32;
}

static inline uint64_t
nicpmd_txd_word3(uint32_t pkt_len)
{
	return pkt_len;
}

/* ------------------------------------------------------------------ */
/* Layout checks                                                       */
/* ------------------------------------------------------------------ */

/* The layouts above are the ABI: any change breaks both sides. */
static_assert(sizeof(struct nicpmd_tx_desc) == 32, "Tx descriptor is 32 bytes");
static_assert(offsetof(struct nicpmd_tx_desc, len) == 8, "Tx len at byte 8");
static_assert(offsetof(struct nicpmd_tx_desc, cmd) == 10, "Tx cmd at byte 10");
static_assert(offsetof(struct nicpmd_tx_desc, mss) == 12, "Tx mss at byte 12");
static_assert(offsetof(struct nicpmd_tx_desc, l2_len) == 14, "Tx l2_len at 14");
static_assert(offsetof(struct nicpmd_tx_desc, l4_len) == 15, "Tx l4_len at 15");
static_assert(offsetof(struct nicpmd_tx_desc, l3_len) == 16, "Tx l3_len at 16");
static_assert(offsetof(struct nicpmd_tx_desc, vlan_tci) == 18, "Tx vlan at 18");
static_assert(offsetof(struct nicpmd_tx_desc, vlan_tci_outer) == 20,
	       "Tx outer vlan at 20");
static_assert(offsetof(struct nicpmd_tx_desc, pkt_len) == 24, "Tx pkt_len at 24");
static_assert(offsetof(struct nicpmd_tx_desc, status) == 28, "Tx status at 28");
static_assert(sizeof(union nicpmd_rx_desc) == 16, "Rx descriptor is 16 bytes");
static_assert(offsetof(struct nicpmd_rx_desc_wb, len) == 4, "Rx len at 4");
static_assert(offsetof(struct nicpmd_rx_desc_wb, ptype) == 6, "Rx ptype at 6");
static_assert(offsetof(struct nicpmd_rx_desc_wb, vlan_tci) == 8, "Rx vlan at 8");
static_assert(offsetof(struct nicpmd_rx_desc_wb, status) == 12, "Rx status at 12");
static_assert(sizeof(union nicpmd_rx_split_desc) == 64,
	       "Rx split descriptor is 64 bytes");
static_assert(offsetof(struct nicpmd_rx_split_desc_wb, discarded) == 16,
	       "Rx split discarded at 16");
static_assert(offsetof(struct nicpmd_rx_split_desc_wb, wb) == 48,
	       "Rx split write-back at 48");
static_assert(sizeof(struct nicpmd_rx_split_seg) == 4, "split entry is 4 bytes");
static_assert(sizeof(struct nicpmd_aq_desc) == 64, "admin entry is 64 bytes");
/* The statistics block keeps its layout; the extension follows it. */
static_assert(sizeof(struct nicpmd_hw_stats) == 3232, "stats block is 3232 bytes");
static_assert(offsetof(struct nicpmd_hw_stats, nb_rxq) == 152, "nb_rxq at 152");
static_assert(sizeof(struct nicpmd_hw_stats_ext) == 40, "stats extension is 40 bytes");
static_assert(offsetof(struct nicpmd_aq_desc, u) == 16, "admin params at 16");

/* Every command's parameter block: its exact size, within the entry. */
#define NICPMD_ASSERT_AQ_PARAMS(type, size) \
	static_assert(sizeof(struct type) == (size) && \
		       sizeof(struct type) <= sizeof(((struct nicpmd_aq_desc *)0)->u), \
		       #type " is " #size " bytes")
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_qid, 2);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_txq, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rxq, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rxq_flags, 4);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rss_key, 40);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rss_reta, 36);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rss, 4);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_addr_filter, 10);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_vlan_filter, 4);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_vlan_config, 8);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_mac, 6);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rx_mode, 4);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_mtu, 2);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_dma, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_link, 1);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_loopback, 1);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_fault, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_flow_ctrl, 40);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rxq_split, 48);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_rx_split_stats, 32);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_udp_tunnel, 4);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_flow_add, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_flow_index, 2);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_flow_query, 16);
NICPMD_ASSERT_AQ_PARAMS(nicpmd_aq_flow_config, 4);
static_assert(sizeof(struct nicpmd_flow_key) == 176, "flow key is 176 bytes");
static_assert(offsetof(struct nicpmd_flow_key, eth) == 4, "key eth at 4");
static_assert(offsetof(struct nicpmd_flow_key, ipv4) == 26, "key ipv4 at 26");
static_assert(offsetof(struct nicpmd_flow_key, ipv6) == 46, "key ipv6 at 46");
static_assert(offsetof(struct nicpmd_flow_key, tcp) == 86, "key tcp at 86");
static_assert(offsetof(struct nicpmd_flow_key, vxlan) == 166,
	       "key vxlan at 166");
static_assert(sizeof(struct nicpmd_flow_range) == 16, "range is 16 bytes");
static_assert(sizeof(struct nicpmd_flow_mod) == 36, "mod is 36 bytes");
static_assert(sizeof(struct nicpmd_flow_rss) == 176, "flow rss is 176 bytes");
static_assert(offsetof(struct nicpmd_flow_rule, value) == 16, "value at 16");
static_assert(offsetof(struct nicpmd_flow_rule, mask) == 192, "mask at 192");
static_assert(offsetof(struct nicpmd_flow_rule, range) == 368, "range at 368");
static_assert(offsetof(struct nicpmd_flow_rule, mod) == 432, "mod at 432");
static_assert(offsetof(struct nicpmd_flow_rule, rss) == 720, "rss at 720");
static_assert(sizeof(struct nicpmd_flow_rule) == 896, "flow rule is 896 bytes");
static_assert(sizeof(struct nicpmd_flow_stats) == 40, "flow stats 40 bytes");

#endif /* _NICPMD_HW_H_ */
