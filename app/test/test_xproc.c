/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * xproc handshakes with a far end that lies (issue 10): memory that is
 * empty, too small or can be shrunk, hellos of any size with any fds,
 * listeners that never accept or never speak, paths that are not ours.
 * The port must never crash, hang, leak an fd, slow other ports or
 * delete a file it did not create. The far end is xproc_peer.c, written
 * from the NIC guide; these tests run it on the test's own thread while
 * the port's side runs on the device thread.
 */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_log.h>

#include "xproc_harness.h"

/*
 * Accept the port's next connection and answer with len bytes of h and
 * these fds (closed here); then the port must count a handshake error
 * and hang up. A verdict.
 */
static int
refused(struct xt *t, const void *h, size_t len, int *fds, unsigned int nb,
	const char *what)
{
	uint64_t before = tu_xstat(t->port, "wire_handshake_errors");
	int cfd, ret;
	unsigned int i;

	cfd = xp_accept(t->lfd, WAIT_MS);
	ret = cfd < 0 ? -1 : xp_send_hello(cfd, h, len, fds, nb);
	for (i = 0; i < nb; i++)
		close(fds[i]);
	if (cfd < 0)
		return test_fail(__FILE__, __LINE__, "%s: the port never "
				 "connected", what);
	if (ret != 0) {
		close(cfd);
		return test_fail(__FILE__, __LINE__, "%s: cannot send", what);
	}
	ret = tu_wait_xstat(t->port, "wire_handshake_errors", before + 1,
			    WAIT_MS);
	if (ret == 0 && !xp_hung_up(cfd, WAIT_MS))
		ret = -1;
	close(cfd);
	if (ret != 0)
		return test_fail(__FILE__, __LINE__, "%s: not refused (handshake "
				 "errors %" PRIu64 ", before %" PRIu64 ")", what,
				 tu_xstat(t->port, "wire_handshake_errors"),
				 before);
	if (xt_link(t->port) != 0)
		return test_fail(__FILE__, __LINE__, "%s: link up", what);
	return TEST_PASS;
}

/*
 * Memory that would fault the port (empty, smaller than the rings, or
 * free to be shrunk later) is refused; only then good memory is taken.
 */
static int
memfd_body(struct xt *t, struct rte_mempool *mp)
{
	static const struct {
		const char *what;
		size_t size;
		unsigned int seals;
	} bad[] = {
		{ "empty memfd", 0, GOOD_SEALS },
		{ "memfd half the rings", sizeof(struct xp_shm) / 2, GOOD_SEALS },
		{ "unsealed memfd", sizeof(struct xp_shm), 0 },
		{ "memfd sealed but not against shrinking",
		  sizeof(struct xp_shm), F_SEAL_GROW | F_SEAL_SEAL },
	};
	struct xp_hello h;
	unsigned int i;
	int fd, ret;

	t->lfd = xp_listen(t->path, 4);
	CHECK(t->lfd >= 0, "listen on %s", t->path);
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	xp_hello_default(&h);
	for (i = 0; i < RTE_DIM(bad); i++) {
		char *log = NULL;
		size_t log_len = 0;
		FILE *f = i == 0 ? open_memstream(&log, &log_len) : NULL;

		fd = xp_memfd(bad[i].size, bad[i].seals);
		CHECK(fd >= 0, "memfd for %s", bad[i].what);
		/* The first refusal is said at the default log level. */
		if (f != NULL)
			rte_openlog_stream(f);
		ret = refused(t, &h, sizeof(h), &fd, 1, bad[i].what);
		if (f != NULL) {
			rte_openlog_stream(stderr);
			fclose(f);
			if (ret == TEST_PASS && (log == NULL ||
			    strstr(log, "memory has 0 bytes") == NULL))
				ret = test_fail(__FILE__, __LINE__, "no log line "
						"for the empty memfd: %s",
						log != NULL ? log : "");
			free(log);
		}
		if (ret != TEST_PASS)
			return ret;
	}
	return xt_accept_good(t);
}

static int
test_memfd_checked(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = memfd_body(&t, mp);
	xt_close(&t);
	return ret;
}

/* As listener, the port's memory is sealed: a peer cannot shrink it. */
static int
sealed_body(struct xt *t, struct rte_mempool *mp)
{
	struct xp_hello h;
	struct stat st;
	int memfd = -1, seals, ret, i;
	bool ok;

	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	for (i = 0; i < 1000 && t->cfd < 0; i++) {
		t->cfd = xp_connect(t->path);
		if (t->cfd < 0)
			rte_delay_us_sleep(10000);
	}
	CHECK(t->cfd >= 0, "the port never listened on %s", t->path);
	CHECK(xp_recv_hello(t->cfd, &h, &memfd, WAIT_MS) == 1, "no hello");
	seals = fcntl(memfd, F_GET_SEALS);
	ok = fstat(memfd, &st) == 0 && st.st_size == sizeof(struct xp_shm) &&
		seals >= 0 && (seals & F_SEAL_SHRINK) && h.magic == XP_MAGIC &&
		h.version == XP_VERSION && h.shm_size == sizeof(struct xp_shm);
	/* What a hostile connector would do to fault the listener. */
	ret = ftruncate(memfd, 0);
	if (ret < 0 && errno == EPERM)
		ret = 0;
	else
		ret = -1;
	close(memfd);
	CHECK(ok, "hello %08x v%u, memory %lld bytes, seals 0x%x", h.magic,
	      h.version, (long long)st.st_size, seals);
	CHECK(ret == 0, "a connector could truncate the port's rings");
	return TEST_PASS;
}

static int
test_memfd_sealed(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = sealed_body(&t, mp);
	xt_close(&t);
	return ret;
}

/* Every fd a bad hello brings is closed: none left once the port goes. */
static int
fds_body(struct xt *t, struct rte_mempool *mp, unsigned int *before)
{
	struct xp_hello h, magic;
	uint8_t big[100];
	int fds[20];
	unsigned int i, j;
	static const struct {
		const char *what;
		size_t len;	/* 0: the hello's size */
		unsigned int nb_fds;
		int bad_magic;
	} bad[] = {
		{ "4-byte hello with an fd", 4, 1, 0 },
		{ "100-byte hello with an fd", 100, 1, 0 },
		{ "hello with 3 fds", 0, 3, 0 },
		{ "hello with 20 fds", 0, 20, 0 },
		{ "wrong magic with an fd", 0, 1, 1 },
		{ "hello without fd", 0, 0, 0 },
	};

	xp_hello_default(&h);
	magic = h;
	magic.magic = 0xdeadbeef;
	memset(big, 0, sizeof(big));
	memcpy(big, &h, sizeof(h));
	*before = xp_count_fds();
	t->lfd = xp_listen(t->path, 4);
	CHECK(t->lfd >= 0, "listen");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	for (i = 0; i < RTE_DIM(bad); i++) {
		const void *msg = bad[i].bad_magic ? (const void *)&magic :
			bad[i].len > sizeof(h) ? (const void *)big : &h;
		int ret;

		for (j = 0; j < bad[i].nb_fds; j++) {
			fds[j] = xp_memfd(sizeof(struct xp_shm), GOOD_SEALS);
			CHECK(fds[j] >= 0, "memfd");
		}
		ret = refused(t, msg, bad[i].len ? bad[i].len : sizeof(h), fds,
			      bad[i].nb_fds, bad[i].what);
		if (ret != TEST_PASS)
			return ret;
	}
	return TEST_PASS;
}

static int
test_fds_closed(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	unsigned int before = 0, after;
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = fds_body(&t, mp, &before);
	xt_close(&t);
	after = xp_count_fds();
	CHECK(ret == TEST_PASS, "(see above)");
	CHECK(after == before, "%u fds before the port, %u after it and 26 "
	      "refused fds", before, after);
	return TEST_PASS;
}

/* Round trips through a threaded loop port: the slowest, in ms. */
static int
slowest_round_trip(struct rte_mempool *mp, unsigned int seconds,
		   uint64_t *worst_ms, unsigned int *trips)
{
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	uint64_t end, hz = rte_get_timer_hz();
	uint16_t port;
	int ret;

	ret = tu_vdev_create("b", "engine=thread", false, &port);
	if (ret == 0) {
		tu_port_conf_default(&c);
		ret = tu_port_start(port, mp, &c);
	}
	if (ret != 0)
		return ret;
	rte_eth_macaddr_get(port, &mac);
	*worst_ms = 0;
	*trips = 0;
	end = rte_get_timer_cycles() + hz * seconds;
	while (rte_get_timer_cycles() < end) {
		struct rte_mbuf *m = tu_frame(mp, &mac, &mac, 64, *trips, false);
		uint64_t t0 = rte_get_timer_cycles(), ms;
		uint16_t n = 0;

		if (m == NULL || rte_eth_tx_burst(port, 0, &m, 1) != 1)
			return -ENOBUFS;
		while (n == 0 && rte_get_timer_cycles() - t0 < 5 * hz)
			n = rte_eth_rx_burst(port, 0, &m, 1);
		if (n == 0)
			return -ETIMEDOUT;
		rte_pktmbuf_free(m);
		ms = (rte_get_timer_cycles() - t0) * 1000 / hz;
		*worst_ms = RTE_MAX(*worst_ms, ms);
		(*trips)++;
	}
	return 0;
}

/*
 * A listener that never accepts (connections queue, no hello ever) and
 * one whose queue is full: the port's handshake waits on nobody's time.
 * The device thread serves every threaded port; while the silent far
 * end sits there, a threaded loop port keeps its round trips short
 * (without the fix one took a second: the device thread sat in a
 * blocking wait for the hello).
 */
static int
silent_body(struct xt *t, struct rte_mempool *mp)
{
	unsigned int trips;
	uint64_t worst;
	int ret;

	t->lfd = xp_listen(t->path, 16);
	CHECK(t->lfd >= 0, "listen");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	ret = slowest_round_trip(mp, 3, &worst, &trips);
	CHECK(ret == 0, "loop port: %s", rte_strerror(-ret));
	CHECK(worst < 500, "a loop port round trip took %" PRIu64 " ms "
	      "(%u trips) while an xproc far end kept silent", worst, trips);
	CHECK(tu_wait_xstat(t->port, "wire_handshake_errors", 1, WAIT_MS) == 0,
	      "the silent listener never counted as a handshake error");
	CHECK(xt_link(t->port) == 0, "link up with a silent far end");
	return TEST_PASS;
}

static int
test_silent_listener(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = silent_body(&t, mp);
	xt_close(&t);
	return ret;
}

static void *
destroy_port(void *arg)
{
	int *done = arg;

	tu_vdev_destroy("a");
	__atomic_store_n(done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A full accept queue: connect would block; the port never does. */
static int
backlog_body(struct xt *t, struct rte_mempool *mp, int *queued,
	     unsigned int *nb_queued)
{
	pthread_t th;
	uint64_t end;
	int done = 0;

	t->lfd = xp_listen(t->path, 0);
	CHECK(t->lfd >= 0, "listen");
	for (*nb_queued = 0; *nb_queued < 8; (*nb_queued)++) {
		queued[*nb_queued] = xp_connect(t->path);
		if (queued[*nb_queued] < 0)
			break;
	}
	CHECK(*nb_queued < 8, "the accept queue never filled");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	CHECK(tu_wait_xstat(t->port, "wire_handshake_errors", 1, WAIT_MS) == 0,
	      "a listener that accepts nobody was never noticed");
	CHECK(pthread_create(&th, NULL, destroy_port, &done) == 0, "thread");
	end = rte_get_timer_cycles() + rte_get_timer_hz() * 10;
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE) &&
	       rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
	if (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
		pthread_detach(th);
		return test_fail(__FILE__, __LINE__, "closing the port hangs on "
				 "a listener that accepts nobody");
	}
	pthread_join(th, NULL);
	return TEST_PASS;
}

static int
test_full_backlog(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	unsigned int nb = 0, i;
	int queued[8];
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = backlog_body(&t, mp, queued, &nb);
	for (i = 0; i < nb; i++)
		close(queued[i]);
	xt_close(&t);
	return ret;
}

static int
expect_refused(const char *args, const char *why)
{
	char *log;
	int ret = tu_port_logged("a", args, NULL, &log);
	bool said = log != NULL && strstr(log, args) != NULL &&
		strstr(log, why) != NULL;

	if (ret == 0 || !said)
		test_fail(__FILE__, __LINE__, "probe with %s: %d, log: %s", args,
			  ret, log != NULL ? log : "(none)");
	free(log);
	return ret != 0 && said ? TEST_PASS : TEST_FAIL;
}

/*
 * Paths that are not a socket nicpmd may use fail probe with a message
 * naming the value, and nothing there is touched.
 */
static int
paths_body(struct xt *t)
{
	static const char precious[] = "not a socket: keep me";
	char buf[64], args[TU_ARGS_LEN];
	ssize_t n;
	int fd, ret;

	fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	CHECK(fd >= 0 && write(fd, precious, sizeof(precious)) ==
	      (ssize_t)sizeof(precious), "regular file");
	close(fd);
	ret = expect_refused(t->args, "not a socket");
	if (ret != TEST_PASS)
		return ret;
	fd = open(t->path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	if (fd >= 0)
		close(fd);
	CHECK(n == (ssize_t)sizeof(precious) && memcmp(buf, precious, n) == 0,
	      "the regular file at the socket path was changed or removed");
	snprintf(args, sizeof(args), "wire=xproc:%s/nodir/c.sock", t->dir);
	ret = expect_refused(args, "directory does not exist");
	if (ret != TEST_PASS)
		return ret;
	snprintf(args, sizeof(args), "wire=xproc:%s", t->dir);
	return expect_refused(args, "not a socket");
}

static int
test_paths_refused(const void *arg __rte_unused)
{
	struct xt t;
	int ret;

	CHECK(xt_open(&t) == 0, "setup");
	ret = paths_body(&t);
	xt_close(&t);
	return ret;
}

/* Wait until the port listens at path and says hello; 0 or -1. */
static int
hello_from_port(const char *path)
{
	struct xp_hello h;
	int fd = -1, memfd, ret, i;

	for (i = 0; i < 1000 && fd < 0; i++) {
		fd = xp_connect(path);
		if (fd < 0)
			rte_delay_us_sleep(10000);
	}
	if (fd < 0)
		return -1;
	ret = xp_recv_hello(fd, &h, &memfd, WAIT_MS);
	if (memfd >= 0)
		close(memfd);
	close(fd);
	return ret == 1 ? 0 : -1;
}

/*
 * A stale socket of ours (nobody listens) is replaced; the port's own
 * socket goes with the port; a file put in its place stays.
 */
static int
stale_body(struct xt *t, struct rte_mempool *mp)
{
	struct stat st;
	int fd;

	fd = xp_listen(t->path, 1);
	CHECK(fd >= 0, "stale socket");
	close(fd);
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	CHECK(hello_from_port(t->path) == 0, "the port did not take over a "
	      "stale socket");
	CHECK(tu_vdev_destroy("a") == 0, "port close");
	CHECK(lstat(t->path, &st) < 0 && errno == ENOENT,
	      "the port's socket outlived it");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start again");
	CHECK(hello_from_port(t->path) == 0, "the port does not listen");
	CHECK(unlink(t->path) == 0, "unlink the port's socket");
	fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	CHECK(fd >= 0, "a file in its place");
	close(fd);
	CHECK(tu_vdev_destroy("a") == 0, "port close");
	CHECK(lstat(t->path, &st) == 0 && S_ISREG(st.st_mode),
	      "the port removed a file that replaced its socket");
	return TEST_PASS;
}

static int
test_stale_socket(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = stale_body(&t, mp);
	xt_close(&t);
	return ret;
}

/*
 * A far end that flips its port's state in a loop: the port follows it
 * at most once per hold (50 ms, the NIC guide's xproc section), so a
 * second of flipping brings at most ~20 link changes, and the far end's
 * last state still wins. Without the hold the device thread followed
 * every flip it saw: thousands of link changes, each an LSC interrupt.
 */
static int
flap_body(struct xt *t, struct rte_mempool *mp)
{
	uint64_t hz = rte_get_timer_hz(), t0, end, ms, before, changes;
	unsigned int flips = 0;

	t->lfd = xp_listen(t->path, 4);
	CHECK(t->lfd >= 0, "listen on %s", t->path);
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	CHECK(xt_accept_good(t) == TEST_PASS, "a good far end");
	before = tu_xstat(t->port, "link_changes");
	t0 = rte_get_timer_cycles();
	end = t0 + hz;
	while (rte_get_timer_cycles() < end) {
		__atomic_store_n(&t->shm->willing[0], ++flips & 1,
				 __ATOMIC_RELEASE);
		rte_delay_us_block(10);
	}
	__atomic_store_n(&t->shm->willing[0], 0, __ATOMIC_RELEASE);
	CHECK(xt_wait_link(t->port, 0, WAIT_MS), "link up after the far "
	      "end's last word was down");
	__atomic_store_n(&t->shm->willing[0], 1, __ATOMIC_RELEASE);
	CHECK(xt_wait_link(t->port, 1, WAIT_MS), "link down after the far "
	      "end's last word was up");
	ms = (rte_get_timer_cycles() - t0) * 1000 / hz;
	changes = tu_xstat(t->port, "link_changes") - before;
	CHECK(changes >= 2 && changes <= ms / 50 + 2, "%" PRIu64 " link "
	      "changes in %" PRIu64 " ms (%u flips of the far end): the port "
	      "may follow once per 50 ms", changes, ms, flips);
	return TEST_PASS;
}

static int
test_flapping_peer(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = flap_body(&t, mp);
	xt_close(&t);
	return ret;
}

void
register_xproc_tests(void)
{
	test_register("xproc", "memfd_checked", test_memfd_checked, NULL);
	test_register("xproc", "memfd_sealed", test_memfd_sealed, NULL);
	test_register("xproc", "fds_closed", test_fds_closed, NULL);
	test_register("xproc", "silent_listener", test_silent_listener, NULL);
	test_register("xproc", "full_backlog", test_full_backlog, NULL);
	test_register("xproc", "paths_refused", test_paths_refused, NULL);
	test_register("xproc", "stale_socket", test_stale_socket, NULL);
	test_register("xproc", "flapping_peer", test_flapping_peer, NULL);
}
