export {batchedProduct, gemm, gemmJs, GEMM_TILE, type GemmOptions} from './gemm.js';
