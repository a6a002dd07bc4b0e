/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * wire=xproc:<socket path>: a cable between two processes. Both name the
 * same UNIX socket path; whoever finds nobody listening listens, the
 * other connects, so either may start first (a stale socket file left by
 * a dead process is replaced). The listener creates a memfd holding two
 * single-producer/single-consumer frame rings, one per direction, and
 * passes it with SCM_RIGHTS in a versioned hello. Frames cross as copies.
 *
 * The carrier is the connection: a peer that exits or crashes hangs the
 * socket up, the device thread sees it (wire 'watch'), unmaps the rings
 * and the link goes down; a new peer brings it up again. Nothing read
 * from the shared memory is trusted: indexes and lengths are checked, so
 * a broken peer costs frames, never memory safety.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_cycles.h>

#include "nicdev_priv.h"

#define XPROC_MAGIC		0x4e505843u	/* "NPXC" */
#define XPROC_VERSION		1u
#define XPROC_SLOTS		256u		/* per direction, power of 2 */
#define XPROC_SLOT_SIZE		(NICDEV_FRAME_MAX + 8u)
#define XPROC_RETRY_MS		50u

/* One direction: the producer owns tail, the consumer owns head. */
struct xproc_ring {
	alignas(RTE_CACHE_LINE_SIZE) uint32_t tail;
	alignas(RTE_CACHE_LINE_SIZE) uint32_t head;
	alignas(RTE_CACHE_LINE_SIZE) uint8_t slots[XPROC_SLOTS][XPROC_SLOT_SIZE];
};

struct xproc_shm {
	/* Each side's port: enabled and administratively up (carrier). */
	alignas(RTE_CACHE_LINE_SIZE) uint32_t willing[2]; /* [0]: listener */
	struct xproc_ring ring[2];	/* [0]: listener -> connector */
};

struct xproc_hello {
	uint32_t magic;
	uint32_t version;
	uint32_t slots;
	uint32_t slot_size;
};

enum xproc_state { XP_IDLE, XP_LISTENING, XP_CONNECTED };

struct wire_xproc {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	rte_rwlock_t lock;	/* datapath reads, the watcher changes */
	enum xproc_state state;
	int listen_fd;
	int conn_fd;
	struct xproc_shm *shm;
	struct xproc_ring *tx;
	struct xproc_ring *rx;
	int side;		/* 0: listener, 1: connector */
	bool far_willing;	/* the far port, as last read */
	uint64_t next_try;	/* TSC of the next connect/listen attempt */
	uint8_t frame[NICDEV_FRAME_MAX];
};

static int
xproc_check(const char *arg, char *why, size_t why_len)
{
	if (arg[0] != '/' ||
	    strlen(arg) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(why, why_len, "xproc needs an absolute socket path "
			 "of at most %zu characters",
			 sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
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

/* Back to nothing: rings unmapped, connection closed (lock held). */
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

static int
send_hello(int fd, int memfd)
{
	struct xproc_hello h = { XPROC_MAGIC, XPROC_VERSION, XPROC_SLOTS,
				 XPROC_SLOT_SIZE };
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &h, sizeof(h) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &memfd, sizeof(int));
	return sendmsg(fd, &msg, MSG_NOSIGNAL) == sizeof(h) ? 0 : -EIO;
}

/* The connector's side: a hello of our version with the rings' fd. */
static int
recv_hello(int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct xproc_hello h;
	struct iovec iov = { &h, sizeof(h) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int memfd = -1;

	if (poll(&p, 1, 1000) != 1 || recvmsg(fd, &msg, 0) != sizeof(h))
		return -EIO;
	c = CMSG_FIRSTHDR(&msg);
	if (c != NULL && c->cmsg_type == SCM_RIGHTS)
		memcpy(&memfd, CMSG_DATA(c), sizeof(int));
	if (h.magic != XPROC_MAGIC || h.version != XPROC_VERSION ||
	    h.slots != XPROC_SLOTS || h.slot_size != XPROC_SLOT_SIZE) {
		if (memfd >= 0)
			close(memfd);
		return -EPROTO;
	}
	return memfd;
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
	if (far != w->far_willing) {
		w->far_willing = far;
		nicdev_link_refresh(dev);
	}
}

/* Connected on fd: map the rings; the listener made them. */
static void
xproc_up(struct nicdev *dev, struct wire_xproc *w, int fd, bool listener)
{
	struct xproc_shm *shm;
	int memfd;

	if (listener) {
		memfd = memfd_create("nicpmd-xproc", MFD_CLOEXEC);
		if (memfd < 0 || ftruncate(memfd, sizeof(*shm)) < 0 ||
		    send_hello(fd, memfd) < 0)
			goto fail;
	} else {
		memfd = recv_hello(fd);
		if (memfd < 0)
			goto fail;
	}
	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE, MAP_SHARED,
		   memfd, 0);
	close(memfd);
	if (shm == MAP_FAILED)
		goto fail_fd;
	rte_rwlock_write_lock(&w->lock);
	w->shm = shm;
	w->tx = &shm->ring[listener ? 0 : 1];
	w->rx = &shm->ring[listener ? 1 : 0];
	w->side = listener ? 0 : 1;
	w->far_willing = false;
	w->conn_fd = fd;
	w->state = XP_CONNECTED;
	rte_rwlock_write_unlock(&w->lock);
	follow_far(dev, w);
	NICDEV_LOG(INFO, "%s: cable %s connected", dev->params.name, w->path);
	nicdev_link_refresh(dev);
	return;
fail:
	if (memfd >= 0)
		close(memfd);
fail_fd:
	NICDEV_LOG(DEBUG, "%s: cable %s: handshake failed", dev->params.name,
		   w->path);
	close(fd);
}

/* Not connected: connect to a listener, or become one. */
static void
xproc_establish(struct nicdev *dev, struct wire_xproc *w)
{
	struct sockaddr_un sa;
	int fd;

	sockaddr_of(w, &sa);
	if (w->state == XP_LISTENING) {
		fd = accept4(w->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd >= 0)
			xproc_up(dev, w, fd, true);
		return;
	}
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		xproc_up(dev, w, fd, false);
		return;
	}
	/* Nobody listens: a stale file goes, we listen. */
	unlink(w->path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 1) < 0 || fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
		close(fd);
		return;
	}
	w->listen_fd = fd;
	w->state = XP_LISTENING;
}

/* The device thread: establish, or notice the far end has gone. */
static void
xproc_watch(struct nicdev *dev)
{
	struct wire_xproc *w = dev->wire_priv;
	struct pollfd p;
	uint64_t now;

	if (w->state == XP_CONNECTED) {
		follow_far(dev, w);
		p.fd = w->conn_fd;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR |
							 POLLIN))) {
			char c;

			/* No message follows the hello: any is the end. */
			if (recv(w->conn_fd, &c, 1, MSG_DONTWAIT) <= 0 ||
			    (p.revents & (POLLHUP | POLLERR))) {
				rte_rwlock_write_lock(&w->lock);
				xproc_drop(w);
				rte_rwlock_write_unlock(&w->lock);
				NICDEV_LOG(INFO, "%s: cable %s: peer gone",
					   dev->params.name, w->path);
				nicdev_link_refresh(dev);
			}
		}
		return;
	}
	now = rte_get_timer_cycles();
	if (now < w->next_try)
		return;
	w->next_try = now + rte_get_timer_hz() / 1000 * XPROC_RETRY_MS;
	xproc_establish(dev, w);
}

static int
xproc_attach(struct nicdev *dev, const char *arg)
{
	struct wire_xproc *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return -ENOMEM;
	snprintf(w->path, sizeof(w->path), "%s", arg);
	rte_rwlock_init(&w->lock);
	w->listen_fd = -1;
	w->conn_fd = -1;
	w->state = XP_IDLE;
	dev->wire_priv = w;
	return 0;
}

static void
xproc_detach(struct nicdev *dev)
{
	struct wire_xproc *w = dev->wire_priv;

	if (w == NULL)
		return;
	rte_rwlock_write_lock(&w->lock);
	xproc_drop(w);
	if (w->listen_fd >= 0) {
		close(w->listen_fd);
		unlink(w->path);
	}
	rte_rwlock_write_unlock(&w->lock);
	free(w);
	dev->wire_priv = NULL;
}

static void
xproc_xmit(struct nicdev *dev, const struct nicdev_frame *frames, uint16_t nb)
{
	struct wire_xproc *w = dev->wire_priv;
	struct xproc_ring *r;
	uint32_t tail, head;
	uint16_t i;

	rte_rwlock_read_lock(&w->lock);
	r = w->tx;
	if (r == NULL)
		goto out;
	tail = r->tail;		/* ours */
	head = rte_atomic_load_explicit(&r->head, rte_memory_order_acquire);
	for (i = 0; i < nb; i++) {
		uint8_t *slot = r->slots[tail % XPROC_SLOTS];
		uint32_t len = frames[i].len;

		if (tail - head >= XPROC_SLOTS)
			break;	/* far end behind: the rest is lost */
		memcpy(slot, &len, sizeof(len));
		nicdev_frame_copy(&frames[i], slot + 8);
		tail++;
	}
	rte_atomic_store_explicit(&r->tail, tail, rte_memory_order_release);
out:
	rte_rwlock_read_unlock(&w->lock);
}

static uint16_t
xproc_poll(struct nicdev *dev, uint16_t budget)
{
	struct wire_xproc *w = dev->wire_priv;
	struct nicdev_seg seg;
	struct nicdev_frame f;
	struct xproc_ring *r;
	uint32_t head, tail;
	uint16_t n = 0;

	rte_rwlock_read_lock(&w->lock);
	r = w->rx;
	if (r == NULL)
		goto out;
	head = r->head;		/* ours */
	tail = rte_atomic_load_explicit(&r->tail, rte_memory_order_acquire);
	if (tail - head > XPROC_SLOTS)
		head = tail;	/* a nonsense index: drop what is there */
	while (head != tail && n < budget) {
		const uint8_t *slot = r->slots[head % XPROC_SLOTS];
		uint32_t len;

		memcpy(&len, slot, sizeof(len));
		if (len >= NICPMD_MIN_FRAME && len <= NICDEV_FRAME_MAX) {
			seg.data = slot + 8;
			seg.len = len;
			f.seg = &seg;
			f.nb_seg = 1;
			f.len = len;
			nicdev_mac_rx(dev, &f, 1);
			n++;
		}
		head++;
	}
	rte_atomic_store_explicit(&r->head, head, rte_memory_order_release);
out:
	rte_rwlock_read_unlock(&w->lock);
	return n;
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
