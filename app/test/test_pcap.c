/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The pcap wire against careless users and bad files (issue 10): a
 * capture named as both rx and tx is refused before anything is opened;
 * records that are no frame (cut short, nonsense lengths, longer than
 * any frame) are dropped and counted, a truncated file ends the replay
 * with a log line and a count; the good frames around them all arrive.
 * The capture files are written here, byte by byte.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_common.h"

#define LEN		100u
#define BIG		9800u	/* over the device's largest frame */

static const struct rte_ether_addr bcast = {{ 0xff, 0xff, 0xff, 0xff, 0xff,
					      0xff }};
static const struct rte_ether_addr src = {{ 0x02, 0, 0, 0, 0x0e, 0x01 }};

struct cap {
	char dir[32];
	char in[48];
	char out[48];
	FILE *f;
};

static int
cap_open(struct cap *c)
{
	/* Little-endian pcap 2.4, snap length 65535, Ethernet. */
	static const uint32_t hdr[6] = {
		0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };

	memset(c, 0, sizeof(*c));
	snprintf(c->dir, sizeof(c->dir), "/tmp/nicpmd_pcap_XXXXXX");
	if (mkdtemp(c->dir) == NULL)
		return -1;
	snprintf(c->in, sizeof(c->in), "%s/in.pcap", c->dir);
	snprintf(c->out, sizeof(c->out), "%s/out.pcap", c->dir);
	c->f = fopen(c->in, "wb");
	if (c->f == NULL)
		return -1;
	return fwrite(hdr, sizeof(hdr), 1, c->f) == 1 ? 0 : -1;
}

/* One record: its header says caplen/len, data has have bytes. */
static void
cap_record(struct cap *c, uint32_t caplen, uint32_t len, const void *data,
	   uint32_t have)
{
	uint32_t rh[4] = { 1, 0, caplen, len };

	fwrite(rh, sizeof(rh), 1, c->f);
	fwrite(data, have, 1, c->f);
}

static void
cap_frame(struct cap *c, uint16_t seq)
{
	uint8_t buf[LEN];

	tu_frame_bytes(buf, LEN, &bcast, &src, seq, false);
	cap_record(c, LEN, LEN, buf, LEN);
}

static void
cap_close(struct cap *c)
{
	char path[48];

	tu_vdev_destroy("a");
	if (c->f != NULL)
		fclose(c->f);
	unlink(c->in);
	unlink(c->out);
	snprintf(path, sizeof(path), "%s/link.pcap", c->dir);
	unlink(path);
	rmdir(c->dir);
}

static int
corrupt_body(struct cap *c, struct rte_mempool *mp)
{
	static uint8_t big[BIG];
	struct rte_mbuf *pkts[8];
	struct tu_port_conf conf;
	char args[TU_ARGS_LEN], *log, why[128];
	uint16_t port, n, i;
	int ret, bad = -1;

	/* Bad records hold broadcast frames: passed on, they would arrive. */
	tu_frame_bytes(big, BIG, &bcast, &src, 999, false);
	cap_frame(c, 0);
	cap_record(c, BIG, BIG, big, BIG);		/* longer than any frame */
	cap_frame(c, 1);
	cap_record(c, 60, LEN, big, 60);		/* cut short at capture */
	cap_frame(c, 2);
	cap_record(c, LEN, 60, big, LEN);		/* caplen over len */
	cap_frame(c, 3);
	cap_record(c, LEN, LEN, big, 10);		/* the file ends inside */
	fclose(c->f);
	c->f = NULL;

	snprintf(args, sizeof(args), "wire=pcap:rx:%s", c->in);
	ret = tu_port_logged("a", args, &port, &log);
	free(log);
	CHECK(ret == 0, "probe: %d", ret);
	tu_port_conf_default(&conf);
	CHECK(tu_port_start(port, mp, &conf) == 0, "start");
	n = tu_rx(port, 0, pkts, 4);
	for (i = 0; i < n && bad < 0; i++)
		if (tu_frame_check(pkts[i], &bcast, &src, LEN, i, false, why,
				   sizeof(why)) != 0)
			bad = i;
	tu_free(pkts, n);
	CHECK(n == 4 && bad < 0, "%u of 4 good frames, frame %d wrong: %s", n,
	      bad, bad >= 0 ? why : "-");
	CHECK(tu_rx_drain(port, 0) == 0, "more frames than the good ones");
	CHECK(tu_wait_xstat(port, "rx_wire_errors", 4, 5000) == 0 &&
	      tu_xstat(port, "rx_wire_errors") == 4,
	      "rx_wire_errors %" PRIu64 ", want 4 (3 bad records, 1 truncated "
	      "file)", tu_xstat(port, "rx_wire_errors"));
	return TEST_PASS;
}

static int
test_corrupt_records(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct cap c;
	int ret;

	CHECK(mp != NULL && cap_open(&c) == 0, "setup");
	ret = corrupt_body(&c, mp);
	cap_close(&c);
	return ret;
}

/* The file's bytes, into buf (up to len); how many, -1 on error. */
static ssize_t
slurp(const char *path, uint8_t *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n;
}

/*
 * rx and tx naming one file (itself, a hard link, a symbolic link) would
 * record over the capture being replayed: probe fails, naming the value,
 * and the capture is untouched.
 */
static int
same_body(struct cap *c)
{
	uint8_t before[512], after[512];
	char args[TU_ARGS_LEN], link_path[48], *log;
	ssize_t nb, na;
	unsigned int i;
	int ret;

	for (i = 0; i < 3; i++)
		cap_frame(c, i);
	fclose(c->f);
	c->f = NULL;
	nb = slurp(c->in, before, sizeof(before));
	CHECK(nb > 0, "read the capture");
	snprintf(link_path, sizeof(link_path), "%s/link.pcap", c->dir);
	for (i = 0; i < 3; i++) {
		const char *tx = c->in;
		bool said;

		unlink(link_path);
		if (i == 1)
			CHECK(link(c->in, link_path) == 0, "hard link");
		if (i == 2)
			CHECK(symlink(c->in, link_path) == 0, "symlink");
		if (i != 0)
			tx = link_path;
		snprintf(args, sizeof(args), "wire=pcap:rx:%s:tx:%s", c->in, tx);
		ret = tu_port_logged("a", args, NULL, &log);
		said = log != NULL && strstr(log, args) != NULL &&
			strstr(log, "same file") != NULL;
		if (ret == 0 || !said)
			test_fail(__FILE__, __LINE__, "probe with %s: %d, log: %s",
				  args, ret, log != NULL ? log : "(none)");
		free(log);
		if (ret == 0 || !said)
			return TEST_FAIL;
		na = slurp(c->in, after, sizeof(after));
		CHECK(na == nb && memcmp(before, after, nb) == 0,
		      "the capture changed (%zd bytes, was %zd)", na, nb);
	}
	return TEST_PASS;
}

static int
test_same_file(const void *arg __rte_unused)
{
	struct cap c;
	int ret;

	CHECK(cap_open(&c) == 0, "setup");
	ret = same_body(&c);
	cap_close(&c);
	return ret;
}

void
register_pcap_tests(void)
{
	test_register("pcap", "corrupt_records", test_corrupt_records, NULL);
	test_register("pcap", "same_file", test_same_file, NULL);
}
