/*
 * velox.h: the C ABI of the Velox engine (libvelox.so, a .NET Native AOT shared library).
 *
 * An engine holds the order books of one venue connection. The caller owns the transport: it feeds
 * every received text frame to velox_feed and reads books and counters back. Subscriptions are
 * adopted from the venue's own "subscribed" events in the stream; the engine sends nothing.
 *
 * Threading: one engine is single-threaded (no two calls on the same engine at once); different
 * engines may be used from different threads.
 *
 * Errors: every function returns a status; negative is an error (VELOX_ERR_*). No exception or
 * signal crosses the ABI for bad input. NULL handles are always detected; a destroyed handle is
 * detected (its 16-byte header is kept); an arbitrary non-engine pointer is undefined behaviour.
 *
 * Prices and sizes are exact fixed-point integers: value = raw / 10^scale.
 */
#ifndef VELOX_H
#define VELOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VELOX_ABI_VERSION 1

/* Status codes (int32_t). */
#define VELOX_OK 0
#define VELOX_ERR_NULL_ARGUMENT (-1)   /* a required pointer was NULL */
#define VELOX_ERR_INVALID_HANDLE (-2)  /* not a live engine (e.g. destroyed) */
#define VELOX_ERR_UNKNOWN_VENUE (-3)   /* venue name not supported (only "bitfinex" today) */
#define VELOX_ERR_INVALID_ARGUMENT (-4) /* out of range, e.g. a frame longer than INT32_MAX bytes */
#define VELOX_ERR_FRAME_REJECTED (-5)  /* bad frame: counted in stats.errors, reason in stats.last_error */
#define VELOX_ERR_NO_BOOK (-6)         /* no order book for that symbol */
#define VELOX_ERR_INTERNAL (-100)      /* an unexpected failure inside Velox (a bug) */

/* Non-negative results of velox_feed: what the frame was. */
#define VELOX_FRAME_EVENT 1
#define VELOX_FRAME_HEARTBEAT 2
#define VELOX_FRAME_BOOK_SNAPSHOT 3
#define VELOX_FRAME_BOOK_UPDATE 4
#define VELOX_FRAME_CHECKSUM 5 /* verified or mismatched: see the stats */
#define VELOX_FRAME_TRADES 6
#define VELOX_FRAME_TICKER 7
#define VELOX_FRAME_IGNORED 8 /* well-formed but not applied (book resyncing, unhandled channel) */

/* velox_top_of_book.sync_state */
#define VELOX_BOOK_AWAITING_SNAPSHOT 0
#define VELOX_BOOK_IN_SYNC 1
#define VELOX_BOOK_RESYNCING 2
#define VELOX_BOOK_PAUSED 3

typedef struct velox_engine velox_engine;

typedef struct velox_top_of_book {
    int64_t bid_price; /* raw; 0 when bid_levels == 0 */
    int64_t bid_size;
    int64_t ask_price; /* raw; 0 when ask_levels == 0 */
    int64_t ask_size;
    int32_t price_scale; /* price = raw / 10^price_scale */
    int32_t size_scale;  /* size = raw / 10^size_scale */
    int32_t bid_levels;
    int32_t ask_levels;
    int32_t sync_state; /* VELOX_BOOK_*: trust the book only when VELOX_BOOK_IN_SYNC */
} velox_top_of_book;

typedef struct velox_stats {
    int64_t frames; /* every frame fed, rejected ones included */
    int64_t events;
    int64_t heartbeats;
    int64_t book_snapshots;
    int64_t book_updates;
    int64_t sequence_gaps;
    int64_t checksums_verified;
    int64_t checksum_mismatches;
    int64_t checksums_skipped; /* checksum frames while the book was not in sync */
    int64_t resyncs;           /* book transitions into resyncing */
    int64_t errors;            /* rejected frames or parts */
    int64_t requests_dropped;  /* resubscribe requests the engine could not send (it has no transport) */
    int32_t last_error;        /* reason of the last rejection (Bitfinex FrameError; 0 none) */
    int32_t subscriptions;
} velox_stats;

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define VELOX_STATIC_ASSERT(c, m) _Static_assert(c, m)
#elif defined(__cplusplus) && __cplusplus >= 201103L
#define VELOX_STATIC_ASSERT(c, m) static_assert(c, m)
#else
/* C99: a negative array size fails the build. */
#define VELOX_STATIC_ASSERT_CAT(a, b) a##b
#define VELOX_STATIC_ASSERT_LINE(c, l) typedef char VELOX_STATIC_ASSERT_CAT(velox_static_assert_, l)[(c) ? 1 : -1]
#define VELOX_STATIC_ASSERT(c, m) VELOX_STATIC_ASSERT_LINE(c, __LINE__)
#endif

/* These layouts match the C# [StructLayout(Sequential)] NativeTopOfBook and NativeStats. */
VELOX_STATIC_ASSERT(sizeof(velox_top_of_book) == 56, "velox_top_of_book size");
VELOX_STATIC_ASSERT(offsetof(velox_top_of_book, ask_size) == 24, "velox_top_of_book.ask_size");
VELOX_STATIC_ASSERT(offsetof(velox_top_of_book, price_scale) == 32, "velox_top_of_book.price_scale");
VELOX_STATIC_ASSERT(offsetof(velox_top_of_book, sync_state) == 48, "velox_top_of_book.sync_state");
VELOX_STATIC_ASSERT(sizeof(velox_stats) == 104, "velox_stats size");
VELOX_STATIC_ASSERT(offsetof(velox_stats, checksums_verified) == 48, "velox_stats.checksums_verified");
VELOX_STATIC_ASSERT(offsetof(velox_stats, requests_dropped) == 88, "velox_stats.requests_dropped");
VELOX_STATIC_ASSERT(offsetof(velox_stats, last_error) == 96, "velox_stats.last_error");
VELOX_STATIC_ASSERT(offsetof(velox_stats, subscriptions) == 100, "velox_stats.subscriptions");

/* A static NUL-terminated version string, e.g. "velox 0.1.0 (abi 1)"; never free it. */
const char *velox_version(void);

/* Creates an engine for a venue ("bitfinex"). On success *engine is set; on failure it is NULL. */
int32_t velox_engine_create(const char *venue, velox_engine **engine);

/* Destroys an engine; the handle is invalid afterwards (a second destroy returns VELOX_ERR_INVALID_HANDLE). */
int32_t velox_engine_destroy(velox_engine *engine);

/* Feeds one received frame (the raw text of one WebSocket message, no terminator needed).
 * receive_ns: the caller's receive timestamp. Returns VELOX_FRAME_* (>= 0) or VELOX_ERR_* (< 0). */
int32_t velox_feed(velox_engine *engine, const uint8_t *data, size_t len, int64_t receive_ns);

/* Best bid and ask of the (first aggregated) book of a venue symbol, e.g. "tXRPBTC".
 * Raw books (precision R0) are not served: VELOX_ERR_NO_BOOK. */
int32_t velox_get_top_of_book(velox_engine *engine, const char *symbol, velox_top_of_book *top);

/* Copies the engine counters. */
int32_t velox_get_stats(velox_engine *engine, velox_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* VELOX_H */
