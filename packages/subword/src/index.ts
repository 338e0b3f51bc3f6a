/**
 * @embedlab/subword: subword units for embeddings.
 *
 * - fastText: `.bin` models read and written byte for byte, the n-gram hash and enumeration of fastText
 *   0.9.2, vectors for any string (`FastTextModel.wordVector`), `.vec` files.
 * - Tokenizers: byte-level BPE and WordPiece trained with the Hugging Face tokenizers library, saved and
 *   loaded as `tokenizer.json`, and their measurement per vocabulary size.
 */
export {messages} from './messages.js';
export {fastTextHash, fastTextHashBytes} from './fasttext/hash.js';
export {BOW, EOW, EOS, bracketed, forEachNgram, ngramRow, ngramRows, ngramStrings, type SubwordOptions} from './fasttext/ngrams.js';
export {
  FASTTEXT_MAGIC,
  FASTTEXT_VERSION,
  SUPPORTED_VERSIONS,
  LOSS_NAMES,
  MODEL_NAMES,
  type FastTextLoss,
  type FastTextModelName,
  type FastTextArgs,
  type FastTextDictionary,
  type DenseMatrix,
  type FastTextModelData,
  parseFastTextModel,
  readFastTextModelData,
  parseFastTextModelBytes,
  serializeFastTextModel,
  writeFastTextModelData,
} from './fasttext/model-file.js';
export {FastTextModel} from './fasttext/model.js';
export {formatG, vecLine, fastTextVecText, writeFastTextVec, readFastTextVec} from './fasttext/vec.js';
export {
  BPE_SPECIALS,
  WORDPIECE_SPECIALS,
  MAX_TRAINED_VOCAB,
  MODEL_TYPES,
  SUPPORTED_MODEL_TYPES,
  byteLevelSymbols,
  kindOf,
  layoutByteLevelBpe,
  layoutWordPiece,
  parseTokenizerJson,
  truncateTokenizerJson,
  type AddedTokenJson,
  type LayoutOptions,
  type TokenizerJson,
  type TokenizerKind,
} from './tokenizers/tokenizer-json.js';
export {SubwordTokenizer, type EncodeOptions, type TokenizedText} from './tokenizers/tokenizer.js';
export {trainTokenizer, trainRawTokenizerJson, type TrainTokenizerOptions} from './tokenizers/train.js';
export {
  bpeTrainResultJson,
  countByteLevelWords,
  countByteLevelWordsInFiles,
  trainBpeOnCounts,
  type BpeTrainOptions,
  type BpeTrainResult,
} from './tokenizers/bpe-trainer.js';
export {measureTokenizer, measureWordLevel, type TokenizerMeasurement, type WordLevelMeasurement} from './tokenizers/measure.js';
export {buildFastTextDictionary, encodeCorpus, forEachToken, LABEL_PREFIX, MAX_LINE_SIZE, type DictionaryOptions} from './fasttext/dictionary.js';
export {trainFastText, type FastTextCorpus, type FastTextEpochRecord, type FastTextTrainOptions, type FastTextTrainResult} from './fasttext/train.js';
export {MimickModel, type MimickEpochRecord, type MimickLoss, type MimickOptions, type MimickTrainInfo, type MimickTrainOptions} from './oov/mimick.js';
