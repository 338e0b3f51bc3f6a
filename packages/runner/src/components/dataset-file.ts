/**
 * Datasets given as plain files in a config (`{type: 'similarity', files: ['my-pairs.tsv']}`) instead of a
 * registered id: read by the evaluators' file loaders (parsed, recorded with their sha256 like registered
 * ones). The dataset id is the file name without extension.
 */
export {fileDatasetId as fileId, loadAnalogyFile, loadSimilarityFile} from '@embedlab/evaluators';
