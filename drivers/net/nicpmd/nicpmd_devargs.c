/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Device arguments: one kvargs handler per key of NICPMD_DEVARGS
 * (nicpmd_devargs.h), each naming the device, the key and a bad value.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_kvargs.h>

#include "nicpmd_device.h"
#include "nicpmd_devargs.h"

/* What a handler works on: the result, and the device for messages. */
struct devargs_ctx {
	const char *name;
	struct nicpmd_devargs *out;
};

static int
bad_value(const struct devargs_ctx *c, const char *key, const char *value,
	  const char *why)
{
	NICPMD_LOG(ERR, "%s: invalid devarg %s=%s: %s", c->name, key, value,
		   why);
	return -EINVAL;
}

/* A whole decimal number in [min, max]. */
static int
parse_uint(const struct devargs_ctx *c, const char *key, const char *value, unsigned long min,
	   unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(value, &end, 10);
	if (value[0] < '0' || value[0] > '9' || *end != '\0' || errno != 0 ||
	    *out < min || *out > max) {
		char why[64];

		snprintf(why, sizeof(why), "expected an integer in [%" PRIu64
			 ", %" PRIu64 "]", (uint64_t)min, (uint64_t)max);
		return bad_value(c, key, value, why);
	}
	return 0;
}

static int
handle_wire(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;
	char why[128];

	if (strlen(value) >= sizeof(a->slot.wire))
		return bad_value(c, key, value, "too long");
	if (nicpmd_slot_wire_check(value, why, sizeof(why)) < 0)
		return bad_value(c, key, value, why);
	snprintf(a->slot.wire, sizeof(a->slot.wire), "%s", value);
	return 0;
}

static int
handle_mac(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;

	if (rte_ether_unformat_addr(value, &a->mac) < 0)
		return bad_value(c, key, value, "expected xx:xx:xx:xx:xx:xx");
	if (!rte_is_valid_assigned_ether_addr(&a->mac))
		return bad_value(c, key, value,
				 "not a unicast address (zero or group bit set)");
	a->has_mac = true;
	return 0;
}

static int
handle_queues(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;
	unsigned long v;
	int ret;

	ret = parse_uint(c, key, value, 1, NICPMD_MAX_QUEUES, &v);
	if (ret == 0)
		a->slot.nb_queues = v;
	return ret;
}

static int
handle_engine(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;

	if (strcmp(value, "inline") == 0)
		a->slot.threaded = false;
	else if (strcmp(value, "thread") == 0)
		a->slot.threaded = true;
	else
		return bad_value(c, key, value, "expected inline or thread");
	return 0;
}

static int
handle_development(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;

	if (strcmp(value, "0") == 0)
		a->development = false;
	else if (strcmp(value, "1") == 0)
		a->development = true;
	else
		return bad_value(c, key, value, "expected 0 or 1");
	return 0;
}

static int
handle_hw_version(const char *key, const char *value, void *opaque)
{
	const struct devargs_ctx *c = opaque;
	struct nicpmd_devargs *a = c->out;
	unsigned long major, minor;
	const char *dot = strchr(value, '.');
	size_t len = strlen(value);

	/* Digits, one dot, digits: no sign, space or other thing sscanf or
	 * strtoul would let through.
	 */
	if (dot == NULL || dot == value || dot[1] == '\0' ||
	    strspn(value, "0123456789") != (size_t)(dot - value) ||
	    strspn(dot + 1, "0123456789") != len - (size_t)(dot - value) - 1 ||
	    len > 11)
		return bad_value(c, key, value, "expected MAJOR.MINOR");
	major = strtoul(value, NULL, 10);
	minor = strtoul(dot + 1, NULL, 10);
	if (major > 0xffff || minor > 0xffff)
		return bad_value(c, key, value, "expected MAJOR.MINOR, each "
				 "at most 65535");
	a->slot.version = NICPMD_VERSION(major, minor);
	return 0;
}

/* The keys and their handlers, from the one list. */
#define DEVARG_HANDLER(key, syntax) { #key, handle_ ## key },
static const struct {
	const char *key;
	arg_handler_t handler;
} handlers[] = {
	NICPMD_DEVARGS(DEVARG_HANDLER)
};
#undef DEVARG_HANDLER

#define DEVARG_NAME(key, syntax) " " #key
static const char known_keys[] = NICPMD_DEVARGS(DEVARG_NAME);
#undef DEVARG_NAME

int
nicpmd_devargs_parse(const char *name, const char *args,
		     struct nicpmd_devargs *out)
{
	struct devargs_ctx ctx = { .name = name, .out = out };
	struct rte_kvargs *kvlist;
	unsigned int i;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	snprintf(out->slot.wire, sizeof(out->slot.wire), "loop");
	out->slot.nb_queues = NICPMD_DEFAULT_QUEUES;
	out->slot.version = NICPMD_VERSION(NICPMD_ABI_MAJOR, NICPMD_ABI_MINOR);

	if (args == NULL || args[0] == '\0')
		return 0;
	kvlist = rte_kvargs_parse(args, NULL);
	if (kvlist == NULL) {
		NICPMD_LOG(ERR, "%s: cannot parse devargs '%s'", name, args);
		return -EINVAL;
	}
	for (i = 0; i < kvlist->count; i++) {
		const char *key = kvlist->pairs[i].key;
		unsigned int k;

		for (k = 0; k < RTE_DIM(handlers); k++)
			if (strcmp(key, handlers[k].key) == 0)
				break;
		if (k == RTE_DIM(handlers)) {
			NICPMD_LOG(ERR, "%s: unknown devarg %s=%s (known:%s)",
				   name, key,
				   kvlist->pairs[i].value ?
				   kvlist->pairs[i].value : "", known_keys);
			rte_kvargs_free(kvlist);
			return -EINVAL;
		}
		if (kvlist->pairs[i].value == NULL) {
			NICPMD_LOG(ERR, "%s: devarg %s needs a value (%s=...)",
				   name, key, key);
			rte_kvargs_free(kvlist);
			return -EINVAL;
		}
	}
	for (i = 0; i < RTE_DIM(handlers) && ret == 0; i++) {
		if (rte_kvargs_count(kvlist, handlers[i].key) > 1) {
			NICPMD_LOG(ERR, "%s: devarg %s given more than once",
				   name, handlers[i].key);
			ret = -EINVAL;
			break;
		}
		ret = rte_kvargs_process(kvlist, handlers[i].key,
					 handlers[i].handler, &ctx);
	}
	rte_kvargs_free(kvlist);
	return ret < 0 ? -EINVAL : 0;
}
