// A guard in front of the JSON-RPC reader on standard input: it passes on
// whole messages (headers, a blank line, Content-Length bytes of body) and
// drops header blocks that cannot frame one. vscode-jsonrpc's reader takes a
// negative Content-Length as a length and then reads every later message
// wrongly: the server lived on but never answered again.
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
/** A claimed body larger than this is not waited for (no client sends one). */
const MAX_BODY = 256 * 1024 * 1024;

export class FramingGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** Length of the body still to pass on for the current message, or -1 between messages. */
  private bodyLeft = -1;

  constructor(private readonly onDropped: (header: string) => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.bodyLeft >= 0) {
        const n = Math.min(this.bodyLeft, this.buffer.length);
        if (n > 0) this.push(this.buffer.subarray(0, n));
        this.buffer = this.buffer.subarray(n);
        this.bodyLeft -= n;
        if (this.bodyLeft > 0) break;
        this.bodyLeft = -1;
      }
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        // A header block never gets this long; what is buffered is garbage.
        if (this.buffer.length > 64 * 1024) {
          this.onDropped(this.buffer.subarray(0, 200).toString('latin1'));
          this.buffer = Buffer.alloc(0);
        }
        break;
      }
      const header = this.buffer.subarray(0, end + HEADER_END.length);
      this.buffer = this.buffer.subarray(end + HEADER_END.length);
      const length = contentLength(header.toString('latin1'));
      if (length === undefined) {
        this.onDropped(header.toString('latin1'));
        continue;
      }
      this.push(header);
      this.bodyLeft = length;
    }
    done();
  }
}

/** The Content-Length of a header block when every line is `Name: value` and it is a whole number in bounds. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n').slice(0, -2)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length !== undefined && length <= MAX_BODY ? length : undefined;
}
