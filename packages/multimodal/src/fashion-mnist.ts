/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 70,000 28x28 grey images of 10 clothing classes, as the
 * four original idx `.gz` files. Looked up, in order, in the data folder (`$EMBEDLAB_DATA_DIR/fashion-mnist/`),
 * Debian's package `dataset-fashion-mnist` (`/usr/share/datasets/fashion-mnist/`) and the cache
 * (`$EMBEDLAB_CACHE_DIR/datasets/fashion-mnist/`); a missing dataset is an error that says where to put which file.
 *
 * Checksums: Debian's `.gz` files are not byte-identical to the originals (their md5s differ from the
 * published ones, and each is 24 bytes shorter: a re-compression or a different gzip header), so a `.gz`
 * checksum cannot cover both. We record (1) the sha256 of the decompressed idx bytes, computed from the
 * Debian files, which every good copy must match, (2) the Debian `.gz` sha256 and (3) the md5 of the original
 * `.gz` as published in the dataset's README. That the originals decompress to the same bytes is an
 * assumption we could not check offline.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {DataError, ResourceError, cacheDir, dataDir} from '@embedlab/core/data';
import {parseIdx} from './idx.js';

export const FASHION_MNIST_ID = 'fashion-mnist';
/** Where Debian's `dataset-fashion-mnist` installs the files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Class names in label order (0..9), as the dataset's README lists them. */
export const FASHION_MNIST_CLASSES = ['t-shirt/top', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'] as const;

export interface IdxFileEntry {
  name: string;
  role: 'train-images' | 'train-labels' | 'test-images' | 'test-labels';
  dims: number[];
  /** sha256 of the decompressed idx bytes. */
  contentSha256: string;
  /** sha256 of Debian's `.gz` (package dataset-fashion-mnist 0.0~git20200523.55506a9-1). */
  debianGzSha256: string;
  /** md5 of the original `.gz` as published in the Fashion-MNIST README. */
  originalGzMd5: string;
  url: string;
}

const BASE = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com';

export const FASHION_MNIST = {
  id: FASHION_MNIST_ID,
  title: 'Fashion-MNIST',
  canonicalUrl: 'https://github.com/zalandoresearch/fashion-mnist',
  citation:
    'Han Xiao, Kashif Rasul, Roland Vollgraf. Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms. arXiv:1708.07747, 2017.',
  debianPackage: 'dataset-fashion-mnist',
  files: [
    {
      name: 'train-images-idx3-ubyte.gz',
      role: 'train-images',
      dims: [60000, 28, 28],
      contentSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
      debianGzSha256: 'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7',
      originalGzMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
      url: `${BASE}/train-images-idx3-ubyte.gz`,
    },
    {
      name: 'train-labels-idx1-ubyte.gz',
      role: 'train-labels',
      dims: [60000],
      contentSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
      debianGzSha256: '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056',
      originalGzMd5: '25c81989df183df01b3e8a0aad5dffbe',
      url: `${BASE}/train-labels-idx1-ubyte.gz`,
    },
    {
      name: 't10k-images-idx3-ubyte.gz',
      role: 'test-images',
      dims: [10000, 28, 28],
      contentSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
      debianGzSha256: 'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa',
      originalGzMd5: 'bef4ecab320f06d8554ea6380940ec79',
      url: `${BASE}/t10k-images-idx3-ubyte.gz`,
    },
    {
      name: 't10k-labels-idx1-ubyte.gz',
      role: 'test-labels',
      dims: [10000],
      contentSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
      debianGzSha256: '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05',
      originalGzMd5: 'bb300cfdad3c16e7a12a480ee83cd310',
      url: `${BASE}/t10k-labels-idx1-ubyte.gz`,
    },
  ] satisfies IdxFileEntry[],
} as const;

/** The folders searched, in order, each with a label for messages and metadata. */
export function fashionMnistCandidates(env: NodeJS.ProcessEnv = process.env): {label: string; dir: string}[] {
  const out: {label: string; dir: string}[] = [];
  const data = dataDir(env);
  if (data) out.push({label: 'data folder', dir: join(data, FASHION_MNIST_ID)});
  out.push({label: `Debian ${FASHION_MNIST.debianPackage}`, dir: DEBIAN_FASHION_MNIST_DIR});
  out.push({label: 'cache', dir: join(cacheDir(env), 'datasets', FASHION_MNIST_ID)});
  return out;
}

/** The first folder holding all four files, or undefined. */
export function locateFashionMnist(env: NodeJS.ProcessEnv = process.env): {label: string; dir: string} | undefined {
  return fashionMnistCandidates(env).find((c) => FASHION_MNIST.files.every((f) => existsSync(join(c.dir, f.name))));
}

export interface ImageSplit {
  /** [n * 28 * 28] grey levels 0..255, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  n: number;
  height: number;
  width: number;
}

export interface FashionMnist {
  train: ImageSplit;
  test: ImageSplit;
  dir: string;
  source: string;
  /** File name -> sha256 of its decompressed bytes (checked against the registry unless `verify: false`). */
  sha256: Record<string, string>;
}

/**
 * Read the four files from `dir` (default: the first folder found), checking the headers against the
 * published counts (60,000 / 10,000 images of 28x28) and, unless `verify` is false, the content sha256.
 */
export function loadFashionMnist(options: {dir?: string; verify?: boolean} = {}): FashionMnist {
  const found = options.dir ? {label: 'given folder', dir: options.dir} : locateFashionMnist();
  if (!found) {
    const where = fashionMnistCandidates()
      .map((c) => `${c.dir} (${c.label})`)
      .join(', ');
    throw new ResourceError(
      `Fashion-MNIST not found: put ${FASHION_MNIST.files.map((f) => f.name).join(', ')} (from ${FASHION_MNIST.files[0]!.url.replace(/[^/]+$/, '')}) into one of ${where}, or \`apt-get install ${FASHION_MNIST.debianPackage}\``,
    );
  }
  const sha256: Record<string, string> = {};
  const read = (role: IdxFileEntry['role']) => {
    const f = FASHION_MNIST.files.find((x) => x.role === role) as IdxFileEntry;
    const path = join(found.dir, f.name);
    const arr = parseIdx(readFileSync(path), path, {dims: f.dims});
    // the header was checked; the content hash covers the values and the header together
    const hash = createHash('sha256')
      .update(new Uint8Array(arr.data.buffer, arr.data.byteOffset - (4 + 4 * f.dims.length), arr.data.length + 4 + 4 * f.dims.length))
      .digest('hex');
    if ((options.verify ?? true) && hash !== f.contentSha256) throw new DataError(path, undefined, `decompressed sha256 ${hash}, expected ${f.contentSha256}`);
    sha256[f.name] = hash;
    return arr;
  };
  const split = (images: IdxFileEntry['role'], labels: IdxFileEntry['role']): ImageSplit => {
    const x = read(images),
      y = read(labels);
    const labelFile = join(found.dir, (FASHION_MNIST.files.find((f) => f.role === labels) as IdxFileEntry).name);
    for (let i = 0; i < y.data.length; i++) {
      if ((y.data[i] as number) > 9) throw new DataError(labelFile, undefined, `label ${y.data[i]} at item ${i}, expected 0..9`);
    }
    return {images: x.data, labels: y.data, n: x.dims[0] as number, height: x.dims[1] as number, width: x.dims[2] as number};
  };
  return {train: split('train-images', 'train-labels'), test: split('test-images', 'test-labels'), dir: found.dir, source: found.label, sha256};
}
