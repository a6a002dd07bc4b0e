/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The device's header parser on any frame: tags, L3/L4, packet type with
 * a tunnel table, checksums; and the fast path's shortcut for the common
 * frame, which must type exactly as the parser does (it aborts if not).
 * Input: 4 bytes of TPIDs, then the frame.
 */

#include "fuzz_common.h"
#include "nicdev_parse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nicdev_udp_tunnels tun;
	struct nicdev_tags t;
	struct nicdev_l3l4 h;
	uint16_t tpid[2], pt, common;
	uint32_t inner;
	uint8_t *f;

	fuzz_take(&data, &size, tpid, sizeof(tpid));
	if (size > NICDEV_FRAME_MAX)
		return 0;
	/* An exact-size copy: ASan sees any read past the frame. */
	f = malloc(size ? size : 1);
	if (f == NULL)
		return 0;
	memcpy(f, data, size);
	nicdev_udp_tunnels_reset(&tun);
	tun.e[tun.nb].port = 6081;
	tun.e[tun.nb++].type = NICPMD_UDP_TUNNEL_GENEVE;
	tpid[0] = tpid[0] ? tpid[0] : 0x8100;
	tpid[1] = tpid[1] ? tpid[1] : 0x88a8;
	nicdev_parse_tags(f, size, tpid[0], tpid[1], &t);
	nicdev_parse_l3l4(f, size, &t, &h);
	pt = nicdev_parse_ptype(f, size, &t, &tun, &inner);
	common = nicdev_parse_ptype_common(f, size, tpid[0], tpid[1], &tun);
	if (common != 0 && (common != pt || inner != 0))
		abort();
	nicdev_check_csum(f, size, &t);
	nicdev_check_csum_tunnel(f, size, &t, &tun);
	free(f);
	return 0;
}
