// Feeds a Bitfinex v2 frame corpus (one frame per line) through ccxt.pro's bitfinex WebSocket
// handler, as its real client does after a socket read: Client.onMessage -> JSON.parse ->
// bitfinex.handleMessage -> handleSubscriptionStatus / handleOrderBook / handleChecksum / handleTrades.
// Nothing connects: exchange.client(url) only builds the client object. Prints one JSON line.
//
// usage: node replay.mjs --corpus FILE [--name NAME] [--seconds 3] [--warmup-frames 200000]
import { readFileSync } from 'node:fs';
import ccxt from 'ccxt';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
}, []));
if (!args.corpus) {
    console.error('usage: node replay.mjs --corpus FILE [--name NAME] [--seconds 3] [--warmup-frames 200000]');
    process.exit(2);
}
const seconds = Number(args.seconds ?? 3);
const warmupFrames = Number(args['warmup-frames'] ?? 200000);
const frames = readFileSync(args.corpus, 'utf8').split('\n').filter((line) => line.length > 0);

// Counts checksum outcomes: ccxt drops the book (and rejects the watcher) on a mismatch.
class ProbedBitfinex extends ccxt.pro.bitfinex {
    handleChecksum(client, message, subscription) {
        const symbol = this.safeSymbol(this.safeString(subscription, 'symbol'));
        const before = this.orderbooks[symbol];
        super.handleChecksum(client, message, subscription);
        if (before === undefined) {
            this.checksumsSkipped++;
        } else if (this.orderbooks[symbol] === undefined) {
            this.checksumMismatches++;
        } else {
            this.checksumsVerified++;
        }
    }
}

function newPipeline() {
    // watchOrderBook.checksum is ccxt's default (true): every "cs" frame is verified; a mismatch drops the book.
    const exchange = new ProbedBitfinex({ options: { watchOrderBook: { checksum: true } } });
    exchange.checksumsVerified = 0;
    exchange.checksumMismatches = 0;
    exchange.checksumsSkipped = 0;
    const client = exchange.client(exchange.urls.api.ws.public);
    // Futures nobody awaits would reject as unhandled when ccxt rejects a checksum error.
    client.reject = () => {};
    return { exchange, client, infos: 0 };
}

function feed(pipeline, count) {
    for (let i = 0; i < count; i++) {
        const data = frames[i];
        // A second "info" greeting in a capture is a new connection: ccxt would start a new client
        // with no books, so do the same (the frames that follow re-subscribe with new channel ids).
        if (data.charCodeAt(0) === 123 && data.startsWith('{"event":"info","version"') && pipeline.infos++ > 0) {
            for (const symbol of Object.keys(pipeline.exchange.orderbooks)) delete pipeline.exchange.orderbooks[symbol];
            pipeline.client = pipeline.exchange.client(pipeline.exchange.urls.api.ws.public);
            for (const key of Object.keys(pipeline.client.subscriptions)) delete pipeline.client.subscriptions[key];
        }
        pipeline.client.onMessage({ data });
    }
}

function tops(exchange) {
    return Object.keys(exchange.orderbooks).sort().map((symbol) => {
        const book = exchange.orderbooks[symbol];
        const bid = book.bids.length > 0 ? book.bids[0] : undefined;
        const ask = book.asks.length > 0 ? book.asks[0] : undefined;
        return {
            symbol,
            bid: bid ? String(bid[0]) : null,
            bidSize: bid ? String(bid[1]) : null,
            ask: ask ? String(ask[0]) : null,
            askSize: ask ? String(ask[1]) : null,
        };
    });
}

feed(newPipeline(), Math.min(warmupFrames, frames.length));
let total = 0;
let passes = 0;
let verified = 0;
let mismatches = 0;
let last;
const start = process.hrtime.bigint();
let elapsed = 0;
do {
    last = newPipeline();
    feed(last, frames.length);
    total += frames.length;
    passes++;
    verified += last.exchange.checksumsVerified;
    mismatches += last.exchange.checksumMismatches;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
} while (elapsed < seconds);

const ccxtVersion = JSON.parse(readFileSync(new URL('./node_modules/ccxt/package.json', import.meta.url), 'utf8')).version;
console.log(JSON.stringify({
    pipeline: 'ccxt',
    scenario: args.name ?? args.corpus,
    frames: total,
    seconds: elapsed,
    passes,
    framesPerSecond: total / elapsed,
    checksumsVerified: verified,
    checksumMismatches: mismatches,
    tops: tops(last.exchange),
    notes: `ccxt ${ccxtVersion} on node ${process.version}; frames fed as strings to Client.onMessage (JSON.parse + handleMessage)`,
}));
