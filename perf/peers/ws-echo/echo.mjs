// WebSocket echo peer for Velox.Net, built on the `ws` package.
//   node echo.mjs server              listens on 127.0.0.1 (free port), prints {"port":N}, echoes every
//                                     message; exits when its stdin closes (the harness owns it).
//   node echo.mjs client --url URL [--count 20000] [--warmup 2000] [--size 32]
//                                     one message in flight at a time; prints {"samplesNs":[...]} (RTT per message).
import { WebSocket, WebSocketServer } from 'ws';

const mode = process.argv[2];
const args = Object.fromEntries(process.argv.slice(3).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
}, []));

if (mode === 'server') {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    server.on('connection', (socket) => {
        socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    });
    server.on('listening', () => console.log(JSON.stringify({ port: server.address().port })));
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
} else if (mode === 'client') {
    const count = Number(args.count ?? 20000);
    const warmup = Number(args.warmup ?? 2000);
    const payload = 'x'.repeat(Number(args.size ?? 32));
    const samples = new Array(count);
    const socket = new WebSocket(args.url, { perMessageDeflate: false });
    let sent = 0;
    let start = 0n;
    const next = () => {
        start = process.hrtime.bigint();
        socket.send(payload);
    };
    socket.on('open', next);
    socket.on('message', () => {
        const rtt = Number(process.hrtime.bigint() - start);
        if (sent >= warmup) samples[sent - warmup] = rtt;
        sent++;
        if (sent < warmup + count) {
            next();
        } else {
            console.log(JSON.stringify({ samplesNs: samples }));
            socket.close();
        }
    });
    socket.on('error', (error) => {
        console.error(String(error));
        process.exit(1);
    });
} else {
    console.error('usage: node echo.mjs server | client --url URL [--count N] [--warmup N] [--size BYTES]');
    process.exit(2);
}
