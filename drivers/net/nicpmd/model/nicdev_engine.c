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
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

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

static uint32_t
engine_main(void *arg __rte_unused)
{
	unsigned int idle = 0;
	struct nicdev *dev;
	bool busy;

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

		/* Idle: back off so a shared core is not burnt. */
		if (busy)
			idle = 0;
		else if (++idle < 1024)
			rte_pause();
		else if (idle < 16384)
			sched_yield();
		else
			usleep(20);
	}
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
