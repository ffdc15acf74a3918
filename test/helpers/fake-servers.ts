// Network stand-ins for failures a real local server cannot produce on demand: a port nobody
// listens on, a listener that accepts and never answers, a proxy that can cut every connection
// mid-stream, another kind of server that greets and waits, a PostgreSQL server that rejects any password (over TLS too), and a MySQL server
// that offers TLS.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Duplex, PassThrough, Writable } from 'node:stream';
import { TLSSocket } from 'node:tls';

const servers: Server[] = [];
const sockets = new Set<Socket>();

function track(socket: Socket): Socket {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
  return socket;
}

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** Closes every fake server and its connections (call in test.after). */
export async function closeFakeServers(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  servers.splice(servers.indexOf(server), 1);
  return port;
}

/** Accepts connections and never says a word. */
export function silentServer(): Promise<number> {
  return listen(createServer((socket) => void track(socket)));
}

/** Another kind of server: says `greeting` (an SSH banner) as each connection opens, then waits and never closes. */
export function greetingServer(greeting: string): Promise<number> {
  return listen(createServer((socket) => void track(socket).write(greeting)));
}

/** Forwards to host:port; after `cut(bytes)`, every connection dies once the server has sent that many more bytes. */
export async function cuttingProxy(host: string, port: number): Promise<{ port: number; cut(afterBytes: number): void; freeze(afterBytes: number): void }> {
  let budget = Infinity;
  // Frozen, it passes nothing on and closes nothing (not even in answer to the client's end), as a
  // network path that silently stops does.
  let frozen = false;
  const server = createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    const upstream = track(connect(port, host));
    client.on('data', (chunk: Buffer) => void (budget > 0 || !frozen ? upstream.write(chunk) : undefined));
    upstream.on('data', (chunk: Buffer) => {
      budget -= chunk.length;
      if (budget > 0) client.write(chunk);
      else if (!frozen) {
        client.destroy();
        upstream.destroy();
      }
    });
    client.on('end', () => void (frozen ? undefined : client.end()));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return {
    port: await listen(server),
    cut: (afterBytes) => (budget = afterBytes),
    freeze: (afterBytes) => {
      budget = afterBytes;
      frozen = true;
    },
  };
}

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

/** A fake server's certificate and key (PEM), and the client certificate each TLS handshake brought: its CN, or `none`. */
export interface FakeTls {
  cert: string;
  key: string;
  handshakes: string[];
}

/**
 * Speaks just enough of the PostgreSQL protocol to ask for a password and refuse it, as a server
 * with password authentication does (SQLSTATE 28P01). Reports each password it was sent. With
 * `tls`, it accepts an SSL request and goes on over TLS, asking for (not requiring) a client
 * certificate; a client that does not trust it fails the handshake instead.
 */
export function passwordRejectingPostgres(received: string[], tls?: FakeTls): Promise<number> {
  return listen(createServer((socket) => refusePasswords(track(socket), received, tls)));
}

function refusePasswords(socket: Duplex, received: string[], tls?: FakeTls): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 4) {
      if (!started) {
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        if (code === 80877103 && tls) {
          // SSLRequest: the rest of the conversation is TLS
          socket.off('data', onData);
          socket.write('S');
          const secure = new TLSSocket(socket as Socket, { isServer: true, cert: tls.cert, key: tls.key, requestCert: true, rejectUnauthorized: false });
          secure.on('error', () => {});
          secure.on('secure', () => tls.handshakes.push((secure.getPeerCertificate() as { subject?: { CN?: string } }).subject?.CN ?? 'none'));
          refusePasswords(secure, received);
          return;
        }
        if (code === 80877103) socket.write('N'); // SSLRequest: no TLS here
        else {
          started = true;
          const ask = Buffer.alloc(4);
          ask.writeInt32BE(3); // AuthenticationCleartextPassword
          socket.write(message('R', ask));
        }
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      if (buffer[0] === 0x70) received.push(buffer.subarray(5, length).toString('utf8').replace(/\0$/, ''));
      buffer = buffer.subarray(length + 1);
      const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "alice"'].map((f) => `${f}\0`).join('') + '\0';
      socket.end(message('E', Buffer.from(fields)));
    }
  };
  socket.on('data', onData);
}

/**
 * A MySQL server that offers TLS (CLIENT_SSL in its greeting) and records what the client's first
 * packet asks: 'tls' for an SSL request, 'plain' for a login in plain text. It then hangs up; with
 * `tls`, an SSL request is answered with a TLS handshake first (recorded in `tls.handshakes`).
 */
export function tlsOfferingMysql(asked: string[], tls?: FakeTls): Promise<number> {
  const CLIENT_SSL = 0x800;
  const capabilities = 0x000fa7ff | CLIENT_SSL; // protocol 4.1, secure connection, plugin auth and SSL
  const scramble = Buffer.alloc(20, 0x61);
  const greeting = Buffer.concat([
    Buffer.from([10]), // protocol version
    Buffer.from('10.11.0-fake\0'),
    Buffer.from([1, 0, 0, 0]), // connection id
    scramble.subarray(0, 8),
    Buffer.from([0]),
    Buffer.from([capabilities & 0xff, (capabilities >> 8) & 0xff]),
    Buffer.from([45, 2, 0]), // utf8mb4, autocommit status
    Buffer.from([(capabilities >> 16) & 0xff, (capabilities >> 24) & 0xff]),
    Buffer.from([21]),
    Buffer.alloc(10),
    scramble.subarray(8),
    Buffer.from([0]),
    Buffer.from('mysql_native_password\0'),
  ]);
  const header = Buffer.from([greeting.length & 0xff, (greeting.length >> 8) & 0xff, 0, 0]);
  return listen(
    createServer((socket) => {
      track(socket).write(Buffer.concat([header, greeting]));
      socket.once('data', (packet: Buffer) => {
        const ssl = packet.length >= 8 && (packet.readUInt32LE(4) & CLIENT_SSL) !== 0;
        asked.push(ssl ? 'tls' : 'plain');
        if (!ssl || !tls) return void socket.destroy();
        // The client says hello without waiting for an answer, often in the SSL request's chunk,
        // which TLS over the socket itself would never see: it reads through a stream fed here.
        const inbound = new PassThrough();
        inbound.write(packet.subarray(4 + packet.readUIntLE(0, 3)));
        socket.on('data', (chunk: Buffer) => inbound.write(chunk));
        const outbound = new Writable({ write: (chunk: Buffer, _encoding, done) => void socket.write(chunk, () => done()) });
        const secure = new TLSSocket(Duplex.from({ readable: inbound, writable: outbound }), { isServer: true, cert: tls.cert, key: tls.key });
        secure.on('error', () => socket.destroy());
        secure.on('secure', () => {
          tls.handshakes.push('secure');
          socket.destroy();
        });
      });
    }),
  );
}
