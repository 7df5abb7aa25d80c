/*
 * Smoke test of libvelox.so through its C ABI: feeds a recorded Bitfinex stream (one frame per
 * line; argv[1]) and checks the counters, the top of book and the error paths.
 * Exits 0 with one summary line on success, 1 with the failed checks otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "velox.h"

static int failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "smoke.c:%d: check failed: %s\n", __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

#define CHECK_EQ(actual, expected)                                                               \
    do {                                                                                         \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                          \
        if (a_ != e_) {                                                                          \
            fprintf(stderr, "smoke.c:%d: %s == %lld, expected %lld\n", __LINE__, #actual, a_, e_); \
            failures++;                                                                          \
        }                                                                                        \
    } while (0)

static char *read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t capacity = 0, used = 0, n;
    if (f == NULL) {
        return NULL;
    }
    do {
        if (capacity - used < 4096) {
            char *grown = realloc(text, capacity + 65536);
            if (grown == NULL) {
                free(text);
                fclose(f);
                return NULL;
            }
            text = grown;
            capacity += 65536;
        }
        n = fread(text + used, 1, capacity - used, f);
        used += n;
    } while (n > 0);
    fclose(f);
    *length = used;
    return text;
}

/* Feeds every non-empty line; returns the number fed, or -1 if a frame was not accepted. */
static long feed_lines(velox_engine *engine, const char *text, size_t length)
{
    long fed = 0;
    size_t start = 0, end;
    int64_t now = 1000000000;
    while (start < length) {
        end = start;
        while (end < length && text[end] != '\n') {
            end++;
        }
        if (end > start) {
            int32_t rc = velox_feed(engine, (const uint8_t *)text + start, end - start, now++);
            if (rc < 0) {
                fprintf(stderr, "smoke.c: frame %ld rejected: %d\n", fed + 1, rc);
                return -1;
            }
            fed++;
        }
        start = end + 1;
    }
    return fed;
}

static void check_bad_input(void)
{
    velox_engine *engine = NULL;
    velox_top_of_book top;
    velox_stats stats;
    static const uint8_t garbage[] = "{[not json";
    static const uint8_t truncated[] = "[81757,[0.0000011,12";

    CHECK_EQ(velox_engine_create("nowhere", &engine), VELOX_ERR_UNKNOWN_VENUE);
    CHECK(engine == NULL);
    CHECK_EQ(velox_engine_create(NULL, &engine), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_engine_create("bitfinex", NULL), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_feed(NULL, garbage, 3, 0), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_get_stats(NULL, &stats), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_engine_destroy(NULL), VELOX_ERR_NULL_ARGUMENT);

    CHECK_EQ(velox_engine_create("bitfinex", &engine), VELOX_OK);
    CHECK_EQ(velox_feed(engine, garbage, sizeof garbage - 1, 1), VELOX_ERR_FRAME_REJECTED);
    CHECK_EQ(velox_feed(engine, truncated, sizeof truncated - 1, 2), VELOX_ERR_FRAME_REJECTED);
    CHECK_EQ(velox_feed(engine, garbage, 0, 3), VELOX_ERR_FRAME_REJECTED);
    CHECK_EQ(velox_feed(engine, NULL, 0, 4), VELOX_ERR_FRAME_REJECTED);
    CHECK_EQ(velox_feed(engine, NULL, 5, 5), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_feed(engine, garbage, (size_t)INT32_MAX + 1, 6), VELOX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(velox_get_top_of_book(engine, "tXRPBTC", &top), VELOX_ERR_NO_BOOK);
    CHECK_EQ(velox_get_top_of_book(engine, NULL, &top), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_get_top_of_book(engine, "tXRPBTC", NULL), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_get_stats(engine, NULL), VELOX_ERR_NULL_ARGUMENT);
    CHECK_EQ(velox_get_stats(engine, &stats), VELOX_OK);
    CHECK_EQ(stats.frames, 4);
    CHECK_EQ(stats.errors, 4);
    CHECK(stats.last_error != 0);

    CHECK_EQ(velox_engine_destroy(engine), VELOX_OK);
    CHECK_EQ(velox_feed(engine, garbage, 3, 7), VELOX_ERR_INVALID_HANDLE);
    CHECK_EQ(velox_get_stats(engine, &stats), VELOX_ERR_INVALID_HANDLE);
    CHECK_EQ(velox_engine_destroy(engine), VELOX_ERR_INVALID_HANDLE);
}

int main(int argc, char **argv)
{
    velox_engine *engine = NULL;
    velox_top_of_book top;
    velox_stats stats;
    size_t length = 0;
    long fed;
    char *text;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <bitfinex frames .jsonl>\n", argv[0]);
        return 2;
    }
    text = read_file(argv[1], &length);
    if (text == NULL) {
        fprintf(stderr, "smoke.c: cannot read %s\n", argv[1]);
        return 2;
    }

    CHECK(velox_version() != NULL && strncmp(velox_version(), "velox ", 6) == 0);
    CHECK_EQ(velox_engine_create("bitfinex", &engine), VELOX_OK);
    fed = feed_lines(engine, text, length);
    free(text);
    CHECK_EQ(fed, 6);

    CHECK_EQ(velox_get_stats(engine, &stats), VELOX_OK);
    CHECK_EQ(stats.frames, 6);
    CHECK_EQ(stats.events, 3);
    CHECK_EQ(stats.book_snapshots, 1);
    CHECK_EQ(stats.book_updates, 1);
    CHECK_EQ(stats.checksums_verified, 1);
    CHECK_EQ(stats.checksum_mismatches, 0);
    CHECK_EQ(stats.sequence_gaps, 0);
    CHECK_EQ(stats.resyncs, 0);
    CHECK_EQ(stats.errors, 0);
    CHECK_EQ(stats.subscriptions, 1);

    /* From the file: best bid 0.0000011 x 266122.94 after the update, best ask 0.00000111 x 4847.13. */
    CHECK_EQ(velox_get_top_of_book(engine, "tXRPBTC", &top), VELOX_OK);
    CHECK_EQ(top.sync_state, VELOX_BOOK_IN_SYNC);
    CHECK_EQ(top.price_scale, 10);
    CHECK_EQ(top.size_scale, 8);
    CHECK_EQ(top.bid_price, 11000);
    CHECK_EQ(top.bid_size, 26612294000000LL);
    CHECK_EQ(top.ask_price, 11100);
    CHECK_EQ(top.ask_size, 484713000000LL);
    CHECK_EQ(top.bid_levels, 18);
    CHECK_EQ(top.ask_levels, 25);
    CHECK_EQ(velox_engine_destroy(engine), VELOX_OK);

    check_bad_input();

    if (failures != 0) {
        fprintf(stderr, "smoke: %d checks failed\n", failures);
        return 1;
    }
    printf("smoke: ok: %s: %ld frames, %lld checksum verified, %lld mismatches, top %lld@%lld / %lld@%lld (price scale %d, size scale %d)\n",
           velox_version(), fed, (long long)stats.checksums_verified, (long long)stats.checksum_mismatches,
           (long long)top.bid_price, (long long)top.bid_size, (long long)top.ask_price, (long long)top.ask_size,
           top.price_scale, top.size_scale);
    return 0;
}
