/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * wire=xproc:<socket path>: a cable between two processes. Both name the
 * same UNIX socket path; whoever finds nobody listening listens, the
 * other connects, so either may start first (a stale socket file left by
 * a dead process of the same user is replaced). The listener creates a
 * sealed memfd holding two single-producer/single-consumer frame rings,
 * one per direction, and passes it with SCM_RIGHTS in a versioned hello.
 * Frames cross as copies (wire_xproc_ring.c).
 *
 * The carrier is the connection: a peer that exits or crashes hangs the
 * socket up, the device thread sees it (wire 'watch'), unmaps the rings
 * and the link goes down; a new peer brings it up again.
 *
 * The far process is not trusted. Every step of the handshake is
 * non-blocking and runs on the device thread, which serves every port:
 * a listener that never accepts, or accepts and never says hello, costs
 * this port its link (after a timeout) and never another port any time.
 * Every fd that arrives is closed unless it is the one valid memfd; the
 * memory is mapped only when sealed against shrinking and as large as
 * the rings. The only file ever unlinked is a socket: the one this wire
 * bound, or a stale one of our own user that nobody listens on.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_cycles.h>

#include "wire_xproc.h"

#define XPROC_RETRY_MS		50u	/* first retry after a failure */
#define XPROC_BACKOFF_MAX_MS	1000u	/* retries while failures go on */
#define XPROC_HELLO_MS		2000u	/* the listener's hello is late */
#define XPROC_MAX_FDS		8u	/* fds a message may bring in: all closed */
/*
 * After the far port's state changes our link, the next change waits
 * this long: a far end flipping its flag in a loop gives at most 20 link
 * changes (and LSC interrupts) a second, and its last state still wins.
 */
#define XPROC_LINK_HOLD_MS	50u
/* What the listener seals; the connector needs SHRINK (no SIGBUS). */
#define XPROC_SEALS		(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)

static uint64_t
ms_from_now(uint32_t ms)
{
	return rte_get_timer_cycles() + rte_get_timer_hz() / 1000 * ms;
}

static int
xproc_check(const char *arg, char *why, size_t why_len)
{
	char dir[sizeof(((struct wire_xproc *)0)->path)];
	struct stat st;
	char *slash;

	if (arg[0] != '/' || strlen(arg) >= sizeof(dir)) {
		snprintf(why, why_len, "xproc needs an absolute socket path "
			 "of at most %zu characters", sizeof(dir) - 1);
		return -EINVAL;
	}
	snprintf(dir, sizeof(dir), "%s", arg);
	slash = strrchr(dir, '/');
	if (slash[1] == '\0') {
		snprintf(why, why_len, "the socket path names a directory");
		return -EINVAL;
	}
	*slash = '\0';
	/* Else the cable could never come up, and nobody would know why. */
	if (stat(dir[0] != '\0' ? dir : "/", &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, why_len, "the socket's directory does not exist");
		return -EINVAL;
	}
	if (lstat(arg, &st) == 0 && !S_ISSOCK(st.st_mode)) {
		snprintf(why, why_len, "the path exists and is not a socket "
			 "(nicpmd never replaces it)");
		return -EINVAL;
	}
	return 0;
}

static void
sockaddr_of(const struct wire_xproc *w, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path, sizeof(sa->sun_path), "%s", w->path);
}

/* Is the path still the socket file we bound? */
static bool
own_socket_file(const struct wire_xproc *w)
{
	struct stat st;

	return lstat(w->path, &st) == 0 && S_ISSOCK(st.st_mode) &&
		st.st_dev == w->sock_dev && st.st_ino == w->sock_ino;
}

static void
close_listener(struct wire_xproc *w)
{
	if (w->listen_fd < 0)
		return;
	if (own_socket_file(w))
		unlink(w->path);
	close(w->listen_fd);
	w->listen_fd = -1;
}

/* Back to nothing but a listener, if any: rings unmapped (lock held). */
static void
xproc_drop(struct wire_xproc *w)
{
	if (w->shm != NULL)
		munmap(w->shm, sizeof(*w->shm));
	if (w->conn_fd >= 0)
		close(w->conn_fd);
	w->shm = NULL;
	w->tx = NULL;
	w->rx = NULL;
	w->conn_fd = -1;
	w->state = w->listen_fd >= 0 ? XP_LISTENING : XP_IDLE;
}

/*
 * A connection attempt failed: count it, retry later and later while
 * failures go on, and say why at WARNING when the reason is new (DEBUG
 * for repeats: a hostile peer must not flood the log either).
 */
static void __rte_format_printf(3, 4)
xproc_fail(struct nicdev *dev, struct wire_xproc *w, const char *fmt, ...)
{
	char why[sizeof(w->last_why)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	nicdev_count(&dev->cnt.wire_handshake_errors, 1);
	if (strcmp(why, w->last_why) != 0) {
		NICDEV_LOG(WARNING, "%s: cable %s: %s", dev->params.name,
			   w->path, why);
		snprintf(w->last_why, sizeof(w->last_why), "%s", why);
	} else {
		NICDEV_LOG(DEBUG, "%s: cable %s: %s (again)", dev->params.name,
			   w->path, why);
	}
	w->next_try = ms_from_now(w->backoff_ms);
	w->backoff_ms = RTE_MIN(w->backoff_ms * 2, XPROC_BACKOFF_MAX_MS);
}

/*
 * Publish whether our port is up for the cable, and follow the far one's:
 * a port stopped or set down at one end takes the other end's link down,
 * as on the peer wire.
 */
static void
follow_far(struct nicdev *dev, struct wire_xproc *w)
{
	bool far;

	rte_atomic_store_explicit(&w->shm->willing[w->side],
			 dev->enabled && dev->link_admin_up, rte_memory_order_release);
	far = rte_atomic_load_explicit(&w->shm->willing[!w->side], rte_memory_order_acquire) == 1;
	if (far == w->far_willing || rte_get_timer_cycles() < w->far_hold)
		return;
	w->far_willing = far;
	w->far_hold = ms_from_now(XPROC_LINK_HOLD_MS);
	nicdev_link_refresh(dev);
}

/* Rings mapped on the connection fd: the cable is up. */
static void
xproc_up(struct nicdev *dev, struct wire_xproc *w, int fd,
	 struct xproc_shm *shm, int side)
{
	rte_rwlock_write_lock(&w->lock);
	xproc_rings_init(w, shm, side);
	w->far_willing = false;
	w->far_hold = 0;
	w->conn_fd = fd;
	w->state = XP_CONNECTED;
	rte_rwlock_write_unlock(&w->lock);
	w->backoff_ms = XPROC_RETRY_MS;
	w->last_why[0] = '\0';
	follow_far(dev, w);
	NICDEV_LOG(INFO, "%s: cable %s connected", dev->params.name, w->path);
	nicdev_link_refresh(dev);
}

/* The listener's side of a new connection: make the rings, say hello. */
static void
listener_accept(struct nicdev *dev, struct wire_xproc *w, int fd)
{
	struct xproc_hello h = {
		XPROC_MAGIC, XPROC_VERSION, XPROC_SLOTS, XPROC_SLOT_SIZE,
		sizeof(struct xproc_shm), 0 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} cbuf;
	struct iovec iov = { &h, sizeof(h) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	struct xproc_shm *shm = MAP_FAILED;
	const char *why;
	int memfd, err;

	memfd = memfd_create("nicpmd-xproc", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (memfd < 0 || ftruncate(memfd, sizeof(*shm)) < 0 ||
	    fcntl(memfd, F_ADD_SEALS, XPROC_SEALS) < 0) {
		why = "cannot make the rings' memory";
		goto fail;
	}
	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE, MAP_SHARED,
		   memfd, 0);
	if (shm == MAP_FAILED) {
		why = "cannot map the rings";
		goto fail;
	}
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &memfd, sizeof(int));
	/* A fresh socket's buffer takes one small message: never waits. */
	if (sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT) != sizeof(h)) {
		why = "cannot send the hello";
		goto fail;
	}
	close(memfd);
	xproc_up(dev, w, fd, shm, 0);
	return;
fail:
	err = errno;
	if (shm != MAP_FAILED)
		munmap(shm, sizeof(*shm));
	if (memfd >= 0)
		close(memfd);
	close(fd);
	xproc_fail(dev, w, "%s: %s", why, strerror(err));
}

/* Close every fd a message brought; how many there were. */
static unsigned int
close_fds(struct msghdr *msg, int *keep)
{
	unsigned int nb = 0;
	struct cmsghdr *c;

	*keep = -1;
	for (c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
		size_t i, n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len < CMSG_LEN(0))
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(fd));
			if (nb++ == 0)
				*keep = fd;
			else
				close(fd);
		}
	}
	return nb;
}

int
xproc_hello_check(const struct xproc_hello *h, ssize_t n, int msg_flags,
		  unsigned int nb_fds, char *why, size_t why_len)
{
	if (n == 0)
		snprintf(why, why_len, "the listener hung up before its hello");
	else if (msg_flags & (MSG_TRUNC | MSG_CTRUNC))
		snprintf(why, why_len, "hello too long or with too many fds");
	else if (n != (ssize_t)sizeof(*h))
		snprintf(why, why_len, "hello of %zd bytes, expected %zu (a "
			 "peer of another protocol version?)", n, sizeof(*h));
	else if (h->magic != XPROC_MAGIC || h->version != XPROC_VERSION)
		snprintf(why, why_len, "hello magic 0x%08x version %u, "
			 "expected 0x%08x version %u", h->magic, h->version,
			 XPROC_MAGIC, XPROC_VERSION);
	else if (h->slots != XPROC_SLOTS || h->slot_size != XPROC_SLOT_SIZE ||
		 h->shm_size != sizeof(struct xproc_shm) || h->rsvd != 0)
		snprintf(why, why_len, "hello with another ring geometry "
			 "(%u slots of %u bytes in %u)", h->slots, h->slot_size,
			 h->shm_size);
	else if (nb_fds != 1)
		snprintf(why, why_len, "hello with %u fds, expected 1", nb_fds);
	else
		return 0;
	return -1;
}

/*
 * The connector's side: the listener's hello, if it is in. 1 with the
 * memfd in *memfd, 0: not yet, -1: refused (why filled, fds closed).
 */
static int
recv_hello(int fd, int *memfd, char *why, size_t why_len)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * XPROC_MAX_FDS)];
		struct cmsghdr align;
	} cbuf;
	struct xproc_hello h;
	struct iovec iov = { &h, sizeof(h) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	unsigned int nb_fds;
	ssize_t n;

	n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return 0;
		snprintf(why, why_len, "no hello: %s", strerror(errno));
		return -1;
	}
	/* Whatever the message says, every fd it brought is ours to close. */
	nb_fds = close_fds(&msg, memfd);
	if (xproc_hello_check(&h, n, msg.msg_flags, nb_fds, why, why_len) == 0)
		return 1;
	if (*memfd >= 0)
		close(*memfd);
	*memfd = -1;
	return -1;
}

/*
 * Map the far side's memory if it is what the hello promised and can
 * stay so: sealed against shrinking (checked first: from then on its
 * size only grows), and large enough for the rings. Closes memfd.
 */
static struct xproc_shm *
map_far(int memfd, char *why, size_t why_len)
{
	struct xproc_shm *shm = NULL;
	struct stat st;
	int seals;

	seals = fcntl(memfd, F_GET_SEALS);
	if (seals < 0 || !(seals & F_SEAL_SHRINK)) {
		snprintf(why, why_len, "the rings' memory is not sealed "
			 "against shrinking");
	} else if (fstat(memfd, &st) < 0 || !S_ISREG(st.st_mode) ||
		   st.st_size < (off_t)sizeof(*shm)) {
		snprintf(why, why_len, "the rings' memory has %" PRId64
			 " bytes, they need %zu", (int64_t)st.st_size,
			 sizeof(*shm));
	} else {
		shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
			   MAP_SHARED, memfd, 0);
		if (shm == MAP_FAILED) {
			snprintf(why, why_len, "cannot map the rings: %s",
				 strerror(errno));
			shm = NULL;
		}
	}
	close(memfd);
	return shm;
}

/* Waiting for the hello: take it if it is in, give up when late. */
static void
connector_hello(struct nicdev *dev, struct wire_xproc *w)
{
	struct xproc_shm *shm;
	char why[sizeof(w->last_why)];
	int memfd, ret;

	ret = recv_hello(w->conn_fd, &memfd, why, sizeof(why));
	if (ret == 0) {
		if (rte_get_timer_cycles() < w->deadline)
			return;
		snprintf(why, sizeof(why), "no hello within %u ms",
			 XPROC_HELLO_MS);
	} else if (ret == 1) {
		shm = map_far(memfd, why, sizeof(why));
		if (shm != NULL) {
			xproc_up(dev, w, w->conn_fd, shm, 1);
			return;
		}
	}
	close(w->conn_fd);
	w->conn_fd = -1;
	w->state = XP_IDLE;
	xproc_fail(dev, w, "%s", why);
}

/* Nobody listens here: bind the path and listen. */
static void
xproc_listen(struct nicdev *dev, struct wire_xproc *w)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd;

	sockaddr_of(w, &sa);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		xproc_fail(dev, w, "socket: %s", strerror(errno));
		return;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = errno;

		close(fd);
		/* Someone bound it just now: connect to them next time. */
		if (err == EADDRINUSE)
			w->next_try = ms_from_now(XPROC_RETRY_MS);
		else
			xproc_fail(dev, w, "cannot bind the socket: %s",
				   strerror(err));
		return;
	}
	/* From here the file is ours: remember which it is. */
	if (lstat(w->path, &st) < 0 || listen(fd, 1) < 0) {
		int err = errno;

		if (lstat(w->path, &st) == 0 && S_ISSOCK(st.st_mode))
			unlink(w->path);
		close(fd);
		xproc_fail(dev, w, "cannot listen: %s", strerror(err));
		return;
	}
	w->sock_dev = st.st_dev;
	w->sock_ino = st.st_ino;
	w->listen_fd = fd;
	w->state = XP_LISTENING;
}

/*
 * Not connected: connect to whoever listens at the path, or listen if
 * nobody does. Never waits: a connect that cannot complete at once
 * fails (EAGAIN: the listener accepts nobody) and is retried later.
 */
static void
xproc_establish(struct nicdev *dev, struct wire_xproc *w)
{
	struct sockaddr_un sa;
	struct stat st, now;
	int fd, err;

	if (lstat(w->path, &st) < 0) {
		if (errno == ENOENT)
			xproc_listen(dev, w);
		else
			xproc_fail(dev, w, "cannot look at the socket path: %s",
				   strerror(errno));
		return;
	}
	if (!S_ISSOCK(st.st_mode)) {
		xproc_fail(dev, w, "the path is not a socket: left alone");
		return;
	}
	sockaddr_of(w, &sa);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		xproc_fail(dev, w, "socket: %s", strerror(errno));
		return;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
	    errno == EINPROGRESS) {
		w->conn_fd = fd;
		w->state = XP_HELLO;
		w->deadline = ms_from_now(XPROC_HELLO_MS);
		return;
	}
	err = errno;
	close(fd);
	if (err == EAGAIN) {
		xproc_fail(dev, w, "the listener accepts nobody");
		return;
	}
	if (err != ECONNREFUSED) {
		xproc_fail(dev, w, "cannot connect: %s", strerror(err));
		return;
	}
	/*
	 * A socket nobody listens on: left by a dead process. Replaced only
	 * if it is our user's and still the same file (not one a peer
	 * starting at this moment just bound).
	 */
	if (st.st_uid != geteuid()) {
		xproc_fail(dev, w, "a stale socket of uid %u: left alone",
			   (unsigned int)st.st_uid);
		return;
	}
	if (lstat(w->path, &now) == 0 && now.st_dev == st.st_dev &&
	    now.st_ino == st.st_ino)
		unlink(w->path);
	xproc_listen(dev, w);
}

/* Connected: does the far end still hold the socket? */
static void
watch_connected(struct nicdev *dev, struct wire_xproc *w)
{
	struct pollfd p = { .fd = w->conn_fd, .events = POLLIN };
	ssize_t n;
	char c;

	follow_far(dev, w);
	if (poll(&p, 1, 0) != 1 ||
	    !(p.revents & (POLLHUP | POLLERR | POLLIN)))
		return;
	/* No message follows the hello: any is the end (fds it carried
	 * are closed by the kernel: no control buffer here).
	 */
	n = recv(w->conn_fd, &c, 1, MSG_DONTWAIT);
	if (n >= 0 || (p.revents & (POLLHUP | POLLERR)) ||
	    (errno != EAGAIN && errno != EWOULDBLOCK)) {
		rte_rwlock_write_lock(&w->lock);
		xproc_drop(w);
		rte_rwlock_write_unlock(&w->lock);
		NICDEV_LOG(INFO, "%s: cable %s: peer gone", dev->params.name,
			   w->path);
		nicdev_link_refresh(dev);
	}
}

/* The device thread: establish, or notice the far end has gone. */
static void
xproc_watch(struct nicdev *dev)
{
	struct wire_xproc *w = dev->wire_priv;
	int fd;

	switch (w->state) {
	case XP_CONNECTED:
		watch_connected(dev, w);
		return;
	case XP_HELLO:
		connector_hello(dev, w);
		return;
	case XP_LISTENING:
		fd = accept4(w->listen_fd, NULL, NULL,
			     SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd >= 0) {
			listener_accept(dev, w, fd);
			return;
		}
		if (rte_get_timer_cycles() < w->next_try)
			return;
		w->next_try = ms_from_now(XPROC_RETRY_MS);
		/* Our file replaced or gone: start over, connect to it. */
		if (!own_socket_file(w)) {
			close(w->listen_fd);
			w->listen_fd = -1;
			w->state = XP_IDLE;
			NICDEV_LOG(WARNING, "%s: cable %s: socket file replaced "
				   "or removed: reconnecting",
				   dev->params.name, w->path);
		}
		return;
	case XP_IDLE:
		if (rte_get_timer_cycles() < w->next_try)
			return;
		w->next_try = ms_from_now(XPROC_RETRY_MS);
		xproc_establish(dev, w);
		return;
	}
}

static int
xproc_attach(struct nicdev *dev, const char *arg)
{
	struct wire_xproc *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return -ENOMEM;
	w->batch = malloc(sizeof(*w->batch) * NICDEV_BURST);
	if (w->batch == NULL) {
		free(w);
		return -ENOMEM;
	}
	snprintf(w->path, sizeof(w->path), "%s", arg);
	rte_rwlock_init(&w->lock);
	rte_spinlock_init(&w->rx_lock);
	rte_spinlock_init(&w->tx_lock);
	w->listen_fd = -1;
	w->conn_fd = -1;
	w->state = XP_IDLE;
	w->backoff_ms = XPROC_RETRY_MS;
	dev->wire_priv = w;
	return 0;
}

/* After the device thread let go of the port: nobody else touches w. */
static void
xproc_detach(struct nicdev *dev)
{
	struct wire_xproc *w = dev->wire_priv;

	if (w == NULL)
		return;
	rte_rwlock_write_lock(&w->lock);
	xproc_drop(w);
	close_listener(w);
	rte_rwlock_write_unlock(&w->lock);
	free(w->batch);
	free(w);
	dev->wire_priv = NULL;
}

static uint16_t
xproc_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	return xproc_ring_xmit(dev, dev->wire_priv, frames, nb);
}

static uint16_t
xproc_poll(struct nicdev *dev, uint16_t budget)
{
	return xproc_ring_poll(dev, dev->wire_priv, budget);
}

static bool
xproc_carrier(const struct nicdev *dev)
{
	const struct wire_xproc *w = dev->wire_priv;

	return w != NULL && w->state == XP_CONNECTED && w->far_willing;
}

const struct nicdev_wire nicdev_wire_xproc = {
	.type = "xproc",
	.syntax = "xproc:<socket path>",
	.check = xproc_check,
	.attach = xproc_attach,
	.detach = xproc_detach,
	.xmit = xproc_xmit,
	.carrier = xproc_carrier,
	.poll = xproc_poll,
	.watch = xproc_watch,
};
