import {DataError} from '@embedlab/core';
import {expectThrows, tempDir} from '@embedlab/testing';
import {expect} from 'chai';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeSafetensors, encodeSafetensors, readSafetensors, type SafeTensor, writeSafetensors} from '../src/index.js';

describe('safetensors', () => {
  const tensors = new Map<string, SafeTensor>([
    ['a', {dtype: 'F32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, -6.5)}],
    ['b', {dtype: 'I32', shape: [3], data: Int32Array.of(7, -8, 9)}],
  ]);

  it('writes the reference layout: u64 header length, JSON header padded to 8, packed little-endian data', () => {
    const bytes = encodeSafetensors(tensors, {format: 'x'});
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).to.equal(0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8'));
    expect(header.a).to.deep.equal({dtype: 'F32', shape: [2, 3], data_offsets: [0, 24]});
    expect(header.b).to.deep.equal({dtype: 'I32', shape: [3], data_offsets: [24, 36]});
    expect(header.__metadata__).to.deep.equal({format: 'x'});
    expect(bytes.length).to.equal(8 + n + 36);
    expect(new DataView(bytes.buffer).getFloat32(8 + n + 20, true)).to.equal(-6.5);
  });

  it('round-trips tensors and metadata through a file', () => {
    const path = join(tempDir('embedlab-st-'), 'x.safetensors');
    writeSafetensors(path, tensors, {k: 'v'});
    const back = readSafetensors(path);
    expect(back.metadata).to.deep.equal({k: 'v'});
    expect(Array.from(back.tensors.get('a')!.data as Float32Array)).to.deep.equal([1, 2, 3, 4, 5, -6.5]);
    expect(Array.from(back.tensors.get('b')!.data as Int32Array)).to.deep.equal([7, -8, 9]);
  });

  it('refuses a truncated file, naming it', async () => {
    const bytes = encodeSafetensors(tensors);
    const path = join(tempDir('embedlab-st-'), 'cut.safetensors');
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    const e = await expectThrows(() => readSafetensors(path), 'cut.safetensors', 'tensor b', 'truncated');
    expect(e).to.be.instanceOf(DataError);
    await expectThrows(() => decodeSafetensors(Uint8Array.of(1, 2, 3), 'tiny'), 'tiny', 'not a safetensors file');
    await expectThrows(() => decodeSafetensors(bytes.subarray(0, 20), 'head'), 'head', 'header length');
  });
});
