export {
  batchedProduct,
  blockMaxima,
  blockMaximaJs,
  type BlockMaximaOptions,
  gemm,
  gemmBlockMaxima,
  gemmJs,
  type GemmMaximaOptions,
  GEMM_TILE,
  type GemmOptions,
  MAX_BLOCK,
} from './gemm.js';
