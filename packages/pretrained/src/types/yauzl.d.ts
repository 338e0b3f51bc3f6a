/** The part of yauzl 3 (which ships no types) that this package uses. */
declare module 'yauzl' {
  import type {EventEmitter} from 'node:events';
  import type {Readable} from 'node:stream';

  export interface Entry {
    fileName: string | Buffer;
    uncompressedSize: number;
    compressedSize: number;
    generalPurposeBitFlag: number;
    externalFileAttributes: number;
  }
  export interface ZipFile extends EventEmitter {
    entryCount: number;
    readEntry(): void;
    openReadStream(entry: Entry, callback: (error: Error | null, stream?: Readable) => void): void;
    close(): void;
  }
  export interface OpenOptions {
    lazyEntries?: boolean;
    autoClose?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }
  export function open(path: string, options: OpenOptions, callback: (error: Error | null, zip?: ZipFile) => void): void;
  export function validateFileName(fileName: string): string | null;
  const yauzl: {open: typeof open; validateFileName: typeof validateFileName};
  export default yauzl;
}
