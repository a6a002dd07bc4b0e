/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* A far end for xproc cables: plain sockets, memfds and shared memory. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xproc_peer.h"

_Static_assert(offsetof(struct xp_ring, head) == 64, "head on its own line");
_Static_assert(offsetof(struct xp_ring, slots) == 128, "slots after both");
_Static_assert(offsetof(struct xp_shm, ring) == 64, "rings after willing");

void
xp_hello_default(struct xp_hello *h)
{
	h->magic = XP_MAGIC;
	h->version = XP_VERSION;
	h->slots = XP_SLOTS;
	h->slot_size = XP_SLOT_SIZE;
	h->shm_size = sizeof(struct xp_shm);
	h->rsvd = 0;
}

static void
addr_of(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path, sizeof(sa->sun_path), "%s", path);
}

int
xp_listen(const char *path, int backlog)
{
	struct sockaddr_un sa;
	int fd;

	addr_of(path, &sa);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, backlog) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
xp_accept(int lfd, unsigned int ms)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };

	if (poll(&p, 1, (int)ms) != 1)
		return -1;
	return accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
}

int
xp_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	addr_of(path, &sa);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
xp_send_hello(int fd, const void *h, size_t len, const int *fds,
	      unsigned int nb_fds)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * 64)];
		struct cmsghdr align;
	} cbuf;
	struct iovec iov = { (void *)(uintptr_t)h, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (nb_fds > 64)
		return -1;
	if (nb_fds != 0) {
		msg.msg_control = cbuf.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * nb_fds);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nb_fds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nb_fds);
	}
	return sendmsg(fd, &msg, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

int
xp_recv_hello(int fd, struct xp_hello *h, int *memfd, unsigned int ms)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} cbuf;
	struct iovec iov = { h, sizeof(*h) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct cmsghdr *c;
	ssize_t n;

	*memfd = -1;
	if (poll(&p, 1, (int)ms) != 1)
		return 0;
	n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	c = CMSG_FIRSTHDR(&msg);
	if (n > 0 && c != NULL && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(memfd, CMSG_DATA(c), sizeof(int));
	if (n != sizeof(*h) || *memfd < 0) {
		if (*memfd >= 0)
			close(*memfd);
		*memfd = -1;
		return -1;
	}
	return 1;
}

bool
xp_hung_up(int fd, unsigned int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, (int)ms) != 1)
		return false;
	return (p.revents & (POLLHUP | POLLERR)) ||
		recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK) == 0;
}

int
xp_memfd(size_t size, unsigned int seals)
{
	int fd = memfd_create("xp-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	if (ftruncate(fd, size) < 0 ||
	    (seals != 0 && fcntl(fd, F_ADD_SEALS, seals) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

struct xp_shm *
xp_map(int memfd)
{
	void *p = mmap(NULL, sizeof(struct xp_shm), PROT_READ | PROT_WRITE,
		       MAP_SHARED, memfd, 0);

	return p == MAP_FAILED ? NULL : p;
}

void
xp_unmap(struct xp_shm *shm)
{
	if (shm != NULL)
		munmap(shm, sizeof(*shm));
}

void
xp_put_raw_len(struct xp_ring *r, uint32_t *tail, uint32_t len)
{
	memcpy(r->slots[*tail % XP_SLOTS], &len, sizeof(len));
	(*tail)++;
	__atomic_store_n(&r->tail, *tail, __ATOMIC_RELEASE);
}

void
xp_put(struct xp_ring *r, uint32_t *tail, const void *frame, uint32_t len)
{
	memcpy(r->slots[*tail % XP_SLOTS] + 8, frame, len);
	xp_put_raw_len(r, tail, len);
}

uint32_t
xp_pending(const struct xp_ring *r, uint32_t head)
{
	return __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) - head;
}

uint32_t
xp_peek(const struct xp_ring *r, uint32_t head, void *buf)
{
	uint32_t len;

	memcpy(&len, r->slots[head % XP_SLOTS], sizeof(len));
	if (len <= XP_FRAME_MAX)
		memcpy(buf, r->slots[head % XP_SLOTS] + 8, len);
	return len;
}

unsigned int
xp_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	unsigned int n = 0;
	struct dirent *e;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;	/* the directory's own fd */
}
