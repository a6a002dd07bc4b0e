/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Where device work runs.
 *
 * Inline engine: the platform traps register writes and the device reacts
 * on the writing core (nicdev_trap). Threaded engine: one device thread,
 * shared by all threaded devices like one ASIC with many ports, polls the
 * CTRL register and the doorbells, and sees only what the driver made
 * visible with its barriers.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_pause.h>
#include <rte_thread.h>

#include "nicdev_priv.h"

static TAILQ_HEAD(, nicdev) devices = TAILQ_HEAD_INITIALIZER(devices);
static pthread_mutex_t devices_lock = PTHREAD_MUTEX_INITIALIZER;

/* Held by the device thread for one pass over all devices. */
static pthread_mutex_t pass_lock = PTHREAD_MUTEX_INITIALIZER;
static rte_thread_t engine_thread;
/* Devices the thread serves: threaded ones and those with a watch. */
static unsigned int nb_threaded;
static bool engine_stop;

pid_t nicdev_self_pid;

RTE_INIT(nicdev_self_pid_init)
{
	nicdev_self_pid = getpid();
}

void
nicdev_trap(struct nicdev *dev, uint32_t reg)
{
	/*
	 * Another process sharing the device (a secondary) only reads
	 * through the admin queue; its bursts are dummies, and the wire a
	 * doorbell would drive is not in its address space.
	 */
	if (nicdev_foreign(dev)) {
		if (reg == NICPMD_REG_AQ_TAIL)
			nicdev_aq_process(dev);
		return;
	}
	if (reg >= NICPMD_REG_TXQ_TAIL(0) &&
	    reg < NICPMD_REG_TXQ_TAIL(NICPMD_MAX_QUEUES)) {
		uint32_t q = (reg - NICPMD_REG_TXQ_TAIL(0)) / NICPMD_DB_STRIDE;

		if (q < dev->nb_queues)
			nicdev_txq_process(dev, q);
	} else if (reg == NICPMD_REG_RX_POLL) {
		if (dev->wire->poll != NULL)
			dev->wire->poll(dev, NICDEV_BURST);
		/* The driver drained a queue: time for an XON? */
		if (unlikely(nicdev_fc_active(dev)))
			nicdev_fc_poll(dev);
	} else if (reg == NICPMD_REG_AQ_TAIL) {
		nicdev_aq_process(dev);
	} else if (reg == NICPMD_REG_CTRL) {
		nicdev_handle_ctrl(dev);
	}
}

/* One look at everything a driver may have written. */
static bool
poll_device(struct nicdev *dev)
{
	bool busy = false;
	uint16_t q, span;

	if (nicdev_reg_read(dev, NICPMD_REG_CTRL) != dev->ctrl_seen) {
		nicdev_handle_ctrl(dev);
		busy = true;
	}
	if (dev->aq != NULL &&
	    nicdev_reg_read(dev, NICPMD_REG_AQ_TAIL) != dev->aq_head) {
		nicdev_aq_process(dev);
		busy = true;
	}
	if (dev->wire->poll != NULL && dev->wire->poll(dev, NICDEV_BURST) != 0)
		busy = true;
	if (unlikely(nicdev_fc_active(dev)))
		nicdev_fc_poll(dev);
	span = rte_atomic_load_explicit(&dev->txq_span,
					rte_memory_order_relaxed);
	for (q = 0; q < span; q++) {
		struct nicdev_txq *txq = &dev->txq[q];

		if (txq->ring != NULL &&
		    nicdev_reg_read(dev, NICPMD_REG_TXQ_TAIL(q)) != txq->head) {
			nicdev_txq_process(dev, q);
			busy = true;
		}
	}
	return busy;
}

/*
 * Idle back-off. Alone on its CPU, the thread spins (pause, then yield,
 * which returns at once) for low latency, then sleeps to spare the CPU.
 * Sharing a CPU with a thread that never sleeps (a polling lcore), a
 * yield hands that thread the rest of its time slice, milliseconds in
 * which the rings fill and wait: the rate falls to about a ring per slice.
 * A thread waking from a sleep preempts such a thread instead. So a yield
 * that took long switches idle passes to short sleeps for a while; then a
 * yield is tried again, to see whether the CPU is still shared.
 */
#define IDLE_PAUSES		1024	/* idle passes that only pause */
#define IDLE_YIELDS		16384	/* then yield, until this many */
#define IDLE_SLEEP_US		50	/* then sleep between passes */
#define SHARED_YIELD_US		100	/* a yield this long: CPU shared */
#define SHARED_SLEEP_NS		20000	/* a shared CPU's idle pass sleeps */
#define SHARED_PASSES		4096	/* idle passes until a yield again */

struct engine_backoff {
	unsigned int idle;	/* passes since the last busy one */
	unsigned int shared;	/* idle passes left that sleep short */
	uint64_t long_yield;	/* SHARED_YIELD_US in TSC cycles */
	uint64_t nb_shared;	/* times a shared CPU was seen */
};

static void
sleep_ns(long ns)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = ns };

	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
}

static void
engine_idle(struct engine_backoff *b)
{
	uint64_t start;

	if (b->shared > 0) {
		b->shared--;
		sleep_ns(SHARED_SLEEP_NS);
		return;
	}
	if (++b->idle < IDLE_PAUSES) {
		rte_pause();
	} else if (b->idle < IDLE_YIELDS) {
		start = rte_rdtsc();
		sched_yield();
		if (rte_rdtsc() - start > b->long_yield) {
			b->shared = SHARED_PASSES;
			b->nb_shared++;
		}
	} else {
		sleep_ns(IDLE_SLEEP_US * 1000L);
	}
}

static uint32_t
engine_main(void *arg __rte_unused)
{
	struct engine_backoff b = {
		.long_yield = rte_get_tsc_hz() / 1000000 * SHARED_YIELD_US,
	};
	struct nicdev *dev;
	bool busy;

	/* Sleeps of microseconds, not the default 50 µs of slack more. */
	prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
	while (!rte_atomic_load_explicit(&engine_stop, rte_memory_order_acquire)) {
		busy = false;
		pthread_mutex_lock(&pass_lock);
		TAILQ_FOREACH(dev, &devices, next) {
			if (dev->params.engine == NICDEV_ENGINE_THREAD)
				busy |= poll_device(dev);
			if (dev->wire->watch != NULL)
				dev->wire->watch(dev);
		}
		pthread_mutex_unlock(&pass_lock);

		if (busy)
			b.idle = 0;
		else
			engine_idle(&b);
	}
	NICDEV_LOG(DEBUG, "device thread: CPU seen shared %" PRIu64 " times",
		   b.nb_shared);
	return 0;
}

static int
engine_start(void)
{
	rte_cpuset_t all;
	long cpu, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int ret;

	rte_atomic_store_explicit(&engine_stop, false, rte_memory_order_release);
	ret = rte_thread_create_internal_control(&engine_thread, "nicdev-eng",
						 engine_main, NULL);
	if (ret < 0) {
		NICDEV_LOG(ERR, "cannot start device thread: %s", strerror(-ret));
		return ret;
	}
	/*
	 * Not an lcore: free to run on any CPU, not only the creator's or
	 * the control threads' ones.
	 */
	CPU_ZERO(&all);
	for (cpu = 0; cpu < ncpu && cpu < CPU_SETSIZE; cpu++)
		CPU_SET(cpu, &all);
	rte_thread_set_affinity_by_id(engine_thread, &all);
	return 0;
}

static bool
needs_thread(const struct nicdev *dev)
{
	return dev->params.engine == NICDEV_ENGINE_THREAD ||
		dev->wire->watch != NULL;
}

struct nicdev *
nicdev_lookup(const char *name)
{
	struct nicdev *dev;

	pthread_mutex_lock(&devices_lock);
	TAILQ_FOREACH(dev, &devices, next)
		if (strcmp(dev->params.name, name) == 0)
			break;
	pthread_mutex_unlock(&devices_lock);
	return dev;
}

int
nicdev_engine_attach(struct nicdev *dev)
{
	int ret = 0;

	pthread_mutex_lock(&devices_lock);
	if (needs_thread(dev) && nb_threaded++ == 0) {
		ret = engine_start();
		if (ret < 0)
			nb_threaded--;
	}
	if (ret == 0) {
		pthread_mutex_lock(&pass_lock);
		TAILQ_INSERT_TAIL(&devices, dev, next);
		pthread_mutex_unlock(&pass_lock);
	}
	pthread_mutex_unlock(&devices_lock);
	return ret;
}

void
nicdev_engine_detach(struct nicdev *dev)
{
	bool stop;

	pthread_mutex_lock(&devices_lock);
	/* Once out of the list, the device thread no longer touches it. */
	pthread_mutex_lock(&pass_lock);
	TAILQ_REMOVE(&devices, dev, next);
	pthread_mutex_unlock(&pass_lock);
	stop = needs_thread(dev) && --nb_threaded == 0;
	if (stop) {
		rte_atomic_store_explicit(&engine_stop, true, rte_memory_order_release);
		rte_thread_join(engine_thread, NULL);
	}
	pthread_mutex_unlock(&devices_lock);
}
