// Which TCP ports a set of processes listens on, and on which addresses: read from /proc (Linux), so that a test
// can prove a listener is on loopback only, whatever the process is (node, Java).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";

export interface ListeningSocket {
  readonly pid: number;
  /** e.g. `127.0.0.1`, `::1`, `::ffff:127.0.0.1`, `0.0.0.0`, `::`. */
  readonly address: string;
  readonly port: number;
}

const LISTEN = "0A";

/** Every listening TCP socket (IPv4 and IPv6) that one of `pids` holds open. */
export function listeningSockets(pids: readonly number[]): ListeningSocket[] {
  const owner = new Map<string, number>();
  for (const pid of pids) for (const inode of socketInodes(pid)) owner.set(inode, pid);
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((row) => row.trim().split(/\s+/))
      .filter((columns) => columns[3] === LISTEN && owner.has(columns[9]))
      .map((columns) => {
        const [hexAddress, hexPort] = columns[1].split(":");
        return {
          pid: owner.get(columns[9]) as number,
          address: decodeAddress(hexAddress),
          port: parseInt(hexPort, 16),
        };
      }),
  );
}

/** Whether `address` can only be reached from this machine. */
export function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** The machine's own addresses other than loopback: where someone on the network would connect. */
export function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal && !info.address.startsWith("fe80"))
    .map((info) => (info as { address: string }).address);
}

function socketInodes(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match ? [match[1]] : [];
    } catch {
      return [];
    }
  });
}

/** /proc/net/tcp* write addresses as host-order 32-bit words in hex. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) as string[];
  const bytes = words.flatMap((word) =>
    (word.match(/../g) as string[]).reverse().map((b) => parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join(".");
  const v4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (v4Mapped) return `::ffff:${bytes.slice(12).join(".")}`;
  const zeroPrefix = bytes.slice(0, 15).every((b) => b === 0);
  if (zeroPrefix && bytes[15] === 0) return "::";
  if (zeroPrefix && bytes[15] === 1) return "::1";
  // Any other IPv6 address, uncompressed: it is only ever shown, never compared.
  return Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(":");
}

/** How a TCP connection to `host:port` ends: "connected", "timeout" or the error code, e.g. "ECONNREFUSED". */
export function connectionOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
