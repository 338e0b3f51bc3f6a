/**
 * Checksums of the benchmark files as published in ../shared/datasets/MANIFEST.json (generated from it), with
 * a pinned raw mirror for each: the source repository at the recorded commit. BATS mirrors added one final
 * newline to every file, so those downloads drop it (`stripFinalNewline`) before the checksum.
 */
export interface KnownFile {
  path: string;
  sha256: string;
  bytes: number;
  mirror: string;
  stripFinalNewline?: boolean;
}

export const KNOWN_FILES: readonly KnownFile[] = [
  {
    path: 'google-analogy/questions-words.txt',
    sha256: '8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36',
    bytes: 603955,
    mirror: 'https://raw.githubusercontent.com/tmikolov/word2vec/20c129af10659f7c50e86e3be406df663beff438/questions-words.txt',
  },
  {
    path: 'ws353/combined.csv',
    sha256: '49ff6433ae68abe716fb66433fd870483e289a7a8c74531f59eca847d103fff3',
    bytes: 7433,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/combined.csv',
  },
  {
    path: 'ws353/combined.tab',
    sha256: '1edf400ed472e796b3be562cf7970b10d749a07874a96ddc77e75fd1006b446c',
    bytes: 7433,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/combined.tab',
  },
  {
    path: 'ws353/set1.csv',
    sha256: '25043375bc1f9fdb194094bf4a75ad25a53af1b6870036ab27787ce4769d5923',
    bytes: 7667,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/set1.csv',
  },
  {
    path: 'ws353/set1.tab',
    sha256: 'e7ecd8858b9d1585faebb55b135ce4f354deb4130e5c519caa5fdaa1ed530067',
    bytes: 7683,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/set1.tab',
  },
  {
    path: 'ws353/set2.csv',
    sha256: '5cf1378b6bd48b1060457c158bbc7b6331eaabcd82e3099614997ac202f15de3',
    bytes: 11185,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/set2.csv',
  },
  {
    path: 'ws353/set2.tab',
    sha256: 'e2656288a78dc0a4b29ab850630ff415d2dc63208e2d55986c08bdcd3246fb44',
    bytes: 11185,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/set2.tab',
  },
  {
    path: 'ws353/instructions.txt',
    sha256: '276722cafef27972548bc068af11a60523ce55c07660b3aee4dbe428755551d9',
    bytes: 1908,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/wordsim353/instructions.txt',
  },
  {
    path: 'ws353-sim/wordsim_similarity_goldstandard.txt',
    sha256: 'f1da938998863c94e53f72f984a5c6e215f0b46c323aae8f0f4930703a339107',
    bytes: 4002,
    mirror:
      'https://raw.githubusercontent.com/gsi-upm/sematch/d493e3777dc62e160ea350cfe1b8cd7c46f1fea1/sematch/eval-datasets/lexical/wordsim_similarity_goldstandard.txt',
  },
  {
    path: 'ws353-rel/wordsim_relatedness_goldstandard.txt',
    sha256: '66a7c88100624d0a391605ff61ce84e11d11ee620d51ec0298da49592838f8fa',
    bytes: 5134,
    mirror:
      'https://raw.githubusercontent.com/gsi-upm/sematch/d493e3777dc62e160ea350cfe1b8cd7c46f1fea1/sematch/eval-datasets/lexical/wordsim_relatedness_goldstandard.txt',
  },
  {
    path: 'simlex-999/SimLex-999.txt',
    sha256: 'ca00ff8515a36cde32d13c2b83def23f5a167b67db93ebfcfb7dae039ba22c0b',
    bytes: 44050,
    mirror: 'https://raw.githubusercontent.com/mrmechko/simcross/ffc5c7598185be00260d81fd71274db32e6bceda/SimLex-999/SimLex-999.txt',
  },
  {
    path: 'simlex-999/README.txt',
    sha256: '9a5137f54986b4ef42099225885f086da60a55f387db01e661c3a59679be9131',
    bytes: 2766,
    mirror: 'https://raw.githubusercontent.com/mrmechko/simcross/ffc5c7598185be00260d81fd71274db32e6bceda/SimLex-999/README.txt',
  },
  {
    path: 'men/MEN_dataset_natural_form_full',
    sha256: '4596e169dd237228ca7701dde33585ca93263506ce7fca9de0f951aaab1aae36',
    bytes: 69858,
    mirror:
      'https://raw.githubusercontent.com/minimalparts/nonce2vec/d2393e36523ab69f11194eea0d175579695ec65b/nonce2vec/resources/MEN_dataset_natural_form_full',
  },
  {
    path: 'rg-65/EN-RG-65.txt',
    sha256: 'c243f3a91c3f5d8cf67f21a67f6fb80bde8b6bb060851a6a48e6f2d68ec98c9f',
    bytes: 1210,
    mirror: 'https://raw.githubusercontent.com/mfaruqui/eval-word-vectors/94b3dd9fdbac7ed08dbee7179cd5ee464acf0594/data/word-sim/EN-RG-65.txt',
  },
  {
    path: 'mc-30/EN-MC-30.txt',
    sha256: '33ee05911496ff83d95cac351d0746c6f63b9181b605cb7d307f4daa8864511b',
    bytes: 543,
    mirror: 'https://raw.githubusercontent.com/mfaruqui/eval-word-vectors/94b3dd9fdbac7ed08dbee7179cd5ee464acf0594/data/word-sim/EN-MC-30.txt',
  },
  {
    path: 'rw/rw.txt',
    sha256: 'f38941b02b85cf20e9d857ab4ee06ee0dfcb1c9ce0df6c546f1134fc5e625dae',
    bytes: 92466,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/rw/rw.txt',
  },
  {
    path: 'rw/README.txt',
    sha256: '4c36584e0ee9a11f7df665a26aed4713dfd1378b04059d10b7836f1dc1414b90',
    bytes: 1165,
    mirror: 'https://raw.githubusercontent.com/fanglanting/skip-gram-pytorch/0a16cd6b03f56ebca1854c4b07368ea826625d0f/rw/README.txt',
  },
  {
    path: 'mturk-287/Mtruk.csv',
    sha256: 'ad3e3171c4c5568b84075875f42f0788800bd5edbef8599c2b777a5770c1836f',
    bytes: 7506,
    mirror: 'https://raw.githubusercontent.com/gsi-upm/sematch/d493e3777dc62e160ea350cfe1b8cd7c46f1fea1/sematch/eval-datasets/lexical/Mtruk.csv',
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I01 [noun - plural_reg].txt',
    sha256: 'f2a405ce50f8f23d7439261ea1dc39f3f23996dc05ad65a7be90599459126430',
    bytes: 759,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I01%20%5Bnoun%20-%20plural_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I02 [noun - plural_irreg].txt',
    sha256: '4466475a91c7ddd29d0860047396c9ef81137031741821d6d4cddbc7f9f54dc1',
    bytes: 872,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I02%20%5Bnoun%20-%20plural_irreg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I03 [adj - comparative].txt',
    sha256: '902c8e51f2e832f595244586e76d16e72e6922d6d3ffebe7b2d8f503de9af201',
    bytes: 684,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I03%20%5Badj%20-%20comparative%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I04 [adj - superlative].txt',
    sha256: 'c54b93d54058c6ff644694eee2f0a57a7a97418acf48c3691523151f790129db',
    bytes: 734,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I04%20%5Badj%20-%20superlative%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I05 [verb_inf - 3pSg].txt',
    sha256: 'cb6726f4262f0e202c49707983cd18cae0e3c26c37fd3c15aa73f490230fb878',
    bytes: 777,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I05%20%5Bverb_inf%20-%203pSg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I06 [verb_inf - Ving].txt',
    sha256: '2002ea3917fb578cecd1a38998075bcf0d6cc1ce598198e9bc76d3e609cb89ae',
    bytes: 861,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I06%20%5Bverb_inf%20-%20Ving%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I07 [verb_inf - Ved].txt',
    sha256: '0397eb83d6d12f2c86084dfa8522e2270b0bb2fe946d47800de8e932c25ed8e6',
    bytes: 785,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I07%20%5Bverb_inf%20-%20Ved%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I08 [verb_Ving - 3pSg].txt',
    sha256: '16409fae45eea60d0b7433eba9a9b74f5985ff572ff7f8174623ccdd044b263f',
    bytes: 902,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I08%20%5Bverb_Ving%20-%203pSg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I09 [verb_Ving - Ved].txt',
    sha256: '0f75a20573e68b8a181b0387f5f827bcf98f9380279b2941a635a13974814e9f',
    bytes: 914,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I09%20%5Bverb_Ving%20-%20Ved%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/1_Inflectional_morphology/I10 [verb_3pSg - Ved].txt',
    sha256: '8ce48ac01e360bfc6fff4e5e59ffcc7289815f4c0d00eea7b0fa4039a27a56e5',
    bytes: 841,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/1_Inflectional_morphology/I10%20%5Bverb_3pSg%20-%20Ved%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D01 [noun+less_reg].txt',
    sha256: 'df7932eb73e875c07982a79d2a55ebbcc687066531fb43e7b4ae3fa5a242a01b',
    bytes: 834,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D01%20%5Bnoun%2Bless_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D02 [un+adj_reg].txt',
    sha256: '314a153805b279a91fd5f37ee6108d21ab6c09722e159fbfb4ebfaf150d7f5fc',
    bytes: 1022,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D02%20%5Bun%2Badj_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D03 [adj+ly_reg].txt',
    sha256: '1f17b894054f2eaa5e4acd993174b5ab0fa96a38bf5bf7e6f5c75272e2a9bd5c',
    bytes: 997,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D03%20%5Badj%2Bly_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D04 [over+adj_reg].txt',
    sha256: '60e1279dda6ade89272be1b3ee543e7fb08415161eff4621b255463aaa0423f7',
    bytes: 1691,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D04%20%5Bover%2Badj_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D05 [adj+ness_reg].txt',
    sha256: '112700aaf9c7a49dcb3a15ab4e36464580fdf8344b0ad02b9002c6f2c9c2320b',
    bytes: 977,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D05%20%5Badj%2Bness_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D06 [re+verb_reg].txt',
    sha256: 'fe35cac9ebff5b4e2d200f1e1cb3b1aa6a2ee32b085572e1d7658b40d285aae1',
    bytes: 886,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D06%20%5Bre%2Bverb_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D07 [verb+able_reg].txt',
    sha256: 'a13f77984d4a551bd9ccf6c9b248eba9aef8bab0afe6cfb3538590846d087422',
    bytes: 980,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D07%20%5Bverb%2Bable_reg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D08 [verb+er_irreg].txt',
    sha256: 'ca10f7428edc6ef5b8c34bccd8883f8f830b1e7072d548bacb89ec4d0d5efed2',
    bytes: 838,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D08%20%5Bverb%2Ber_irreg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D09 [verb+tion_irreg].txt',
    sha256: 'c4199b8645a52148f171c8a13b017ec87d5226e731e572e72cb1ae4710b2400f',
    bytes: 1311,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D09%20%5Bverb%2Btion_irreg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/2_Derivational_morphology/D10 [verb+ment_irreg].txt',
    sha256: '454df5fffc41641852fc8c30cd6b1182dbca6084632c20d5646514619c530b49',
    bytes: 1033,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/2_Derivational_morphology/D10%20%5Bverb%2Bment_irreg%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E01 [country - capital].txt',
    sha256: '4bfeb3ce8d9057899b4110721d1e0b0524d8327f72a59b50b12982bfdbd532ea',
    bytes: 760,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E01%20%5Bcountry%20-%20capital%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E02 [country - language].txt',
    sha256: 'fe7fbb02c833c79e7d1d17bf454374585a82fdcfd36aafb657c48eb30e21e38d',
    bytes: 1044,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E02%20%5Bcountry%20-%20language%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E03 [UK_city - county].txt',
    sha256: '33ff67c2dcdd04319056b3d25a1a6d200e16d0e1dc6c4513185654da5b40fe63',
    bytes: 949,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E03%20%5BUK_city%20-%20county%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E04 [name - nationality].txt',
    sha256: '1cf896fbe88cd6f4a59e1e847ceaa5b89c34129ab8618f88390f392bf5501b86',
    bytes: 910,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E04%20%5Bname%20-%20nationality%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E05 [name - occupation].txt',
    sha256: '9de6fe0e1c6f9bea42484ae30118340ee3402ab6edb60b48a1f053db6669a523',
    bytes: 1498,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E05%20%5Bname%20-%20occupation%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E06 [animal - young].txt',
    sha256: '8c0324d64da14062cf54fcd349706b5d622abf630ffc09f294a5dd5512ca0c16',
    bytes: 827,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E06%20%5Banimal%20-%20young%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E07 [animal - sound].txt',
    sha256: 'a99c8826744bf80b4fab7fbbb137c4f187ce17ce758960f15aa648f9d8f53a2f',
    bytes: 836,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E07%20%5Banimal%20-%20sound%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E08 [animal - shelter].txt',
    sha256: 'aecea7c6786da6d646fb717de7cae53ee91ead2cc718128f20009c4712cd9cea',
    bytes: 1084,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E08%20%5Banimal%20-%20shelter%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E09 [things - color].txt',
    sha256: '3801de3967135af59b2c8bf6ca67b64e021413954a42a6aa3c9fa4e04209223e',
    bytes: 1015,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E09%20%5Bthings%20-%20color%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/3_Encyclopedic_semantics/E10 [male - female].txt',
    sha256: '8c9866a06a70b572344aa819943786b95e577194b86b899d66883dc80ee1a07b',
    bytes: 884,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/3_Encyclopedic_semantics/E10%20%5Bmale%20-%20female%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L01 [hypernyms - animals].txt',
    sha256: '2350727e928e9d0af481b7e38b00d8e4a1c83d1df3b64b438778193ae782ade6',
    bytes: 8752,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L01%20%5Bhypernyms%20-%20animals%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L02 [hypernyms - misc].txt',
    sha256: '237d787adec92e9288c5a22bedb4c199b5aeac2bd6c76ca9169f25564a85c749',
    bytes: 9209,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L02%20%5Bhypernyms%20-%20misc%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L03 [hyponyms - misc].txt',
    sha256: '085463e9135b4701a6cd5d72f261e687f1edaf959d31a4960cca09b0174ddda5',
    bytes: 13548,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L03%20%5Bhyponyms%20-%20misc%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L04 [meronyms - substance].txt',
    sha256: '0388e722d038cd282d9497f9f761f33d1a84e6a9a8b6e7766b6195a296093bbe',
    bytes: 1703,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L04%20%5Bmeronyms%20-%20substance%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L05 [meronyms - member].txt',
    sha256: 'd88e3d37d5feab876ba658d3bc1817e6a2430d03064b30c690e5bac05741dbcf',
    bytes: 1186,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L05%20%5Bmeronyms%20-%20member%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L06 [meronyms - part].txt',
    sha256: 'dfb2fc4ff3c21f7602fb9eaff45e21936089770fd2c8dc7f4a70e6c15c271e5e',
    bytes: 7821,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L06%20%5Bmeronyms%20-%20part%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L07 [synonyms - intensity].txt',
    sha256: '291f87a69507fc8f1eea06bceaa6fd7ae90670488ebf3abefc0013d78d2e86a2',
    bytes: 2448,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L07%20%5Bsynonyms%20-%20intensity%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L08 [synonyms - exact].txt',
    sha256: '2d86f1916deb713e748b90a516a690423a06eb23d0c74e3d3cec3f8a82164ad8',
    bytes: 1882,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L08%20%5Bsynonyms%20-%20exact%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L09 [antonyms - gradable].txt',
    sha256: '861b95c036f5db2074e6faf5023be5396efaeba022cfaad132d38da67407d203',
    bytes: 8055,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L09%20%5Bantonyms%20-%20gradable%5D.txt',
    stripFinalNewline: true,
  },
  {
    path: 'bats-3.0/4_Lexicographic_semantics/L10 [antonyms - binary].txt',
    sha256: '3cb743a409889a472878df8a0403296667805f16aa7054f27cb7fd16130d9521',
    bytes: 1816,
    mirror:
      'https://raw.githubusercontent.com/dtch1997/repepo/68f650aa76275039903fde10c299f0b01fa5045f/raw_datasets/bats/4_Lexicographic_semantics/L10%20%5Bantonyms%20-%20binary%5D.txt',
    stripFinalNewline: true,
  },
];
