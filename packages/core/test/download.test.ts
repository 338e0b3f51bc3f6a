import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {expect} from 'chai';
import {ResourceError} from '../src/errors.js';
import {expectThrows} from '@embedlab/testing';
import {downloadBytes, downloadFile} from '../src/download.js';
import {createHash} from 'node:crypto';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const BODY = Buffer.from('cat\tdog\t3.5\r\n'.repeat(40));

/** Send the headers of the whole body, then only part of it, then drop the connection. */
function cutShort(res: ServerResponse, headers: Record<string, string | number> = {'content-length': BODY.length}): void {
  res.writeHead(200, headers);
  res.write(BODY.subarray(0, 100), () => res.socket?.destroy());
}

describe('downloads (local HTTP server): downloadBytes, downloadFile', () => {
  let server: Server;
  let base = '';
  const hits = new Map<string, number>();
  before(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path === '/ok') {
        res.writeHead(200, {'content-length': BODY.length});
        res.end(BODY);
      } else if (path === '/partial-once' && n === 1) cutShort(res);
      else if (path === '/partial-once') res.end(BODY);
      else if (path === '/partial') cutShort(res);
      else if (path === '/chunked-cut') cutShort(res, {'transfer-encoding': 'chunked'});
      else if (path === '/busy-once' && n === 1) {
        res.writeHead(503);
        res.end();
      } else if (path === '/busy-once') res.end(BODY);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => hits.clear());

  const quick = {retryDelayMs: 0};

  it('returns the whole body', async () => {
    const bytes = await downloadBytes(`${base}/ok`, quick);
    expect(Buffer.from(bytes).equals(BODY)).to.equal(true);
  });

  it('retries a connection closed before Content-Length bytes, then returns the whole body', async () => {
    const bytes = await downloadBytes(`${base}/partial-once`, quick);
    expect(Buffer.from(bytes).equals(BODY)).to.equal(true);
    expect(hits.get('/partial-once')).to.equal(2);
  });

  it('refuses a body that is always cut short, after the retries, naming the URL and the attempts', async () => {
    const error = await expectThrows(() => downloadBytes(`${base}/partial`, {...quick, retries: 2}), `${base}/partial`, '3 attempts');
    expect(error).to.be.instanceOf(ResourceError);
    expect(hits.get('/partial')).to.equal(3);
  });

  it('refuses a chunked body cut before its last chunk', async () => {
    await expectThrows(() => downloadBytes(`${base}/chunked-cut`, {...quick, retries: 0}), `${base}/chunked-cut`, 'closed');
  });

  it('retries HTTP 503 but not 404', async () => {
    expect((await downloadBytes(`${base}/busy-once`, quick)).length).to.equal(BODY.length);
    expect(hits.get('/busy-once')).to.equal(2);
    await expectThrows(() => downloadBytes(`${base}/nothing`, quick), 'HTTP 404');
    expect(hits.get('/nothing')).to.equal(1);
  });

  it('a refused connection is a ResourceError naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectThrows(() => downloadBytes(`http://127.0.0.1:${port}/x`, {...quick, retries: 1}), `127.0.0.1:${port}/x`, '2 attempts');
  });

  describe('downloadFile (streamed to disk, the same retries)', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'embedlab-download-'))));
    after(() => rmSync(dir, {recursive: true, force: true}));
    const sha = createHash('sha256').update(BODY).digest('hex');

    it('retries a cut connection and writes the whole file with its sha256', async () => {
      const dest = join(dir, 'a.tsv');
      const got = await downloadFile(`${base}/partial-once`, dest, {...quick, sha256: sha});
      expect(got).to.include({bytes: BODY.length, sha256: sha});
      expect(readFileSync(dest).equals(BODY)).to.equal(true);
      expect(hits.get('/partial-once')).to.equal(2);
    });

    it('a wrong sha256 or a body always cut short leaves nothing at dest (not even the .part file)', async () => {
      const dest = join(dir, 'b.tsv');
      await expectThrows(() => downloadFile(`${base}/ok`, dest, {...quick, sha256: '0'.repeat(64)}), 'sha256 of', 'expected 0000');
      expect(hits.get('/ok')).to.equal(1); // a mismatch is not retried
      await expectThrows(() => downloadFile(`${base}/partial`, dest, {...quick, retries: 1}), `${base}/partial`, '2 attempts');
      expect(readdirSync(dir).filter((f) => f.startsWith('b.tsv'))).to.deep.equal([]);
    });
  });
});
