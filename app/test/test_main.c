/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * nicpmd_test <EAL args> -- --engine inline|thread [--filter SUBSTRING]
 *
 * One line per test on stdout:
 *   RESULT <group>/<name> PASS|FAIL|SKIP <milliseconds> <reason or ->
 * DPDK's own log goes to stderr. Exit status 0 if no test failed.
 */

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_log.h>

#include "test_common.h"

#define MAX_TESTS		256
#define WATCHDOG_SECONDS	120	/* NICPMD_TEST_WATCHDOG overrides (soak) */

struct test_case {
	const char *group;
	const char *name;
	test_fn_t fn;
	const void *arg;
};

static struct test_case tests[MAX_TESTS];
static unsigned int nb_tests;
static const char *engine;
static unsigned int cur_id;
static char reason[512];
static char watchdog_line[256];
static sigjmp_buf crash_jmp;
static volatile sig_atomic_t in_test;
static const char *volatile step;

void
test_step(const char *what)
{
	step = what;
}

void
test_register(const char *group, const char *name, test_fn_t fn,
	      const void *arg)
{
	if (nb_tests == MAX_TESTS) {
		fprintf(stderr, "too many tests\n");
		exit(1);
	}
	tests[nb_tests++] = (struct test_case){ group, name, fn, arg };
}

const char *
test_engine(void)
{
	return engine;
}

unsigned int
test_id(void)
{
	return cur_id;
}

int
test_fail(const char *file, int line, const char *fmt, ...)
{
	const char *base = strrchr(file, '/');
	va_list ap;
	int n;

	n = snprintf(reason, sizeof(reason), "%s:%d: ",
		     base != NULL ? base + 1 : file, line);
	if (n < 0 || (size_t)n >= sizeof(reason))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(reason + n, sizeof(reason) - n, fmt, ap);
	va_end(ap);
	return TEST_FAIL;
}

int
test_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return TEST_SKIP;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A hung test still gets its line, then the run ends. */
static void
watchdog(int sig __rte_unused)
{
	ssize_t r = write(STDOUT_FILENO, watchdog_line, strlen(watchdog_line));

	RTE_SET_USED(r);
	_exit(1);
}

/*
 * A crash inside a test (in the driver, most likely) fails that test
 * and the run goes on with the next one.
 */
static void
crash(int sig)
{
	if (!in_test) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	in_test = 0;
	siglongjmp(crash_jmp, sig);
}

/* One line, no control characters: the harness parses it. */
static void
sanitize(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

/* The per-test watchdog: long runs (devtools/soak.sh) ask for more. */
static unsigned int
watchdog_seconds(void)
{
	const char *v = getenv("NICPMD_TEST_WATCHDOG");
	unsigned long n;
	char *end;

	if (v == NULL || *v == '\0')
		return WATCHDOG_SECONDS;
	n = strtoul(v, &end, 10);
	return *end == '\0' && n > 0 && n <= 86400 ? n : WATCHDOG_SECONDS;
}

static int
run_test(const struct test_case *t)
{
	static const char *const verdict[] = { "PASS", "FAIL", "SKIP" };
	unsigned int limit = watchdog_seconds();
	uint64_t t0;
	int ret;

	cur_id++;
	reason[0] = '\0';
	step = NULL;
	snprintf(watchdog_line, sizeof(watchdog_line),
		 "RESULT %s/%s FAIL %u watchdog: no verdict after %u s\n",
		 t->group, t->name, limit * 1000, limit);
	alarm(limit);
	t0 = now_ms();
	ret = sigsetjmp(crash_jmp, 1);
	if (ret == 0) {
		in_test = 1;
		ret = t->fn(t->arg);
		in_test = 0;
	} else {
		ret = test_fail(__FILE__, __LINE__, "crashed: signal %d (%s)%s%s",
				ret, strsignal(ret),
				step != NULL ? " during: " : "",
				step != NULL ? step : "");
	}
	tu_cleanup();
	alarm(0);
	if (ret < TEST_PASS || ret > TEST_SKIP)
		ret = test_fail(__FILE__, __LINE__, "bad test return %d", ret);
	sanitize(reason);
	printf("RESULT %s/%s %s %" PRIu64 " %s\n", t->group, t->name,
	       verdict[ret], now_ms() - t0, reason[0] != '\0' ? reason : "-");
	fflush(stdout);
	return ret;
}

static void
usage(const char *prg)
{
	fprintf(stderr, "usage: %s <EAL args> -- --engine inline|thread "
		"[--filter SUBSTRING]\n", prg);
}

int
main(int argc, char **argv)
{
	const char *filter = NULL;
	unsigned int i, nb_fail = 0;
	char full[128];
	int ret;

	/* Our stdout is for RESULT lines only. */
	rte_openlog_stream(stderr);
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "rte_eal_init failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	for (i = 1; i < (unsigned int)argc; i++) {
		if (strcmp(argv[i], "--engine") == 0 && i + 1 < (unsigned int)argc)
			engine = argv[++i];
		else if (strcmp(argv[i], "--filter") == 0 &&
			 i + 1 < (unsigned int)argc)
			filter = argv[++i];
		else {
			usage(argv[0]);
			rte_eal_cleanup();
			return 1;
		}
	}
	if (engine == NULL || (strcmp(engine, "inline") != 0 &&
			       strcmp(engine, "thread") != 0)) {
		usage(argv[0]);
		rte_eal_cleanup();
		return 1;
	}
	signal(SIGALRM, watchdog);
	signal(SIGSEGV, crash);
	signal(SIGBUS, crash);
	signal(SIGFPE, crash);
	signal(SIGILL, crash);

	register_info_tests();
	register_datapath_tests();
	register_device_faults_tests();
	register_pcap_tests();
	register_stats_tests();
	register_xproc_tests();
	register_xproc_ring_tests();
	register_filters_tests();
	register_flow_ctrl_tests();
	register_mtu_tests();
	register_lpbk_tests();
	register_link_tests();
	register_config_tests();
	register_devargs_tests();
	register_queue_tests();
	register_lifecycle_tests();
	register_private_api_tests();
	register_rss_tests();
	register_flow_tests();
	register_rx_split_tests();
	register_tunnel_tests();
	register_tunnel_offload_tests();

	for (i = 0; i < nb_tests; i++) {
		snprintf(full, sizeof(full), "%s/%s", tests[i].group,
			 tests[i].name);
		if (filter != NULL && strstr(full, filter) == NULL)
			continue;
		if (run_test(&tests[i]) == TEST_FAIL)
			nb_fail++;
	}
	rte_eal_cleanup();
	return nb_fail == 0 ? 0 : 1;
}
