export {batchedProduct, blockMaxima, blockMaximaJs, type BlockMaximaOptions, gemm, gemmJs, GEMM_TILE, type GemmOptions, MAX_BLOCK} from './gemm.js';
